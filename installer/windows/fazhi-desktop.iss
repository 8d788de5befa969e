; 法治办公助手 — Inno Setup 6 script: a per-user install that needs no administrator.
; Build with installer\build_windows.ps1, which runs PyInstaller first and then
;   ISCC.exe /DAppVersion=<version from pyproject.toml> installer\windows\fazhi-desktop.iss
; This file is UTF-8 with a byte-order mark (Inno Setup reads Chinese text correctly only so).

#ifndef AppVersion
  #error 请用 /DAppVersion=x.y.z 传入版本号（build_windows.ps1 从 pyproject.toml 读取）
#endif
#ifndef AppVersionNumeric
  #define AppVersionNumeric AppVersion
#endif
; Recent Inno Setup releases ship the Simplified Chinese messages; build_windows.ps1 passes
; /DChineseIsl=<file> when the installed compiler has none.
#ifndef ChineseIsl
  #define ChineseIsl "compiler:Languages\ChineseSimplified.isl"
#endif
#define AppName "法治办公助手"
#define AppExe "fazhi-desktop.exe"
#define BundleDir "..\..\dist\fazhi-desktop"

[Setup]
; The AppId ties upgrades and the uninstaller together: never change it.
AppId={{D46233AF-D65F-4AC9-8D4F-A1A2917E7684}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=法治办公助手开发组
AppCopyright=© 2026 法治办公助手开发组
VersionInfoVersion={#AppVersionNumeric}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} 安装程序
; Per-user: %LOCALAPPDATA%\Programs\fazhi-desktop, no UAC prompt. An IT department can still
; install for all users from the command line with /ALLUSERS.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
DefaultDirName={autopf}\fazhi-desktop
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
DisableReadyPage=no
UsePreviousAppDir=yes
; Qt 6 needs Windows 10 1809 or later, 64-bit.
MinVersion=10.0.17763
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern
ShowLanguageDialog=no
SetupIconFile=..\..\resources\icons\fazhi-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=fazhi-desktop-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
; An open 法治办公助手 is closed (after asking) before its files are replaced.
CloseApplications=yes
RestartApplications=no
; No file association: backups are plain .sqlite3 files, an extension many programs use, and
; opening a backup as the live data file would write into the backup. Restoring goes through
; the app's own restore (`fazhi-desktop-cli restore`), which backs up the current file first.
ChangesAssociations=no

[Languages]
Name: "chs"; MessagesFile: "{#ChineseIsl}"

[CustomMessages]
chs.DesktopShortcut=在桌面上创建快捷方式
chs.ShortcutGroup=快捷方式：
chs.LaunchNow=立即运行法治办公助手

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopShortcut}"; GroupDescription: "{cm:ShortcutGroup}"

[InstallDelete]
; An upgrade replaces the whole runtime, so no library of an older version lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Comment: "政协提案、人大建议答复，人民调解，信访统计"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchNow}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Files the program itself may leave beside the executable (never the clerk's data).
Type: filesandordirs; Name: "{app}\_internal"

[Code]
// The clerk's registers, backups and settings live in %APPDATA%\fazhi-desktop, outside the
// program folder. Uninstalling keeps them unless the clerk says otherwise; a silent uninstall
// keeps them.

function DataFolder: String;
begin
  Result := ExpandConstant('{userappdata}\fazhi-desktop');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Answer: Integer;
begin
  if (CurUninstallStep = usPostUninstall) and DirExists(DataFolder) and not UninstallSilent then
  begin
    Answer := MsgBox('程序已卸载。' + #13#10#13#10 +
      '是否同时删除您的数据？' + #13#10 +
      '数据文件夹：' + DataFolder + #13#10 +
      '其中有各登记簿的全部记录、自动备份和单位设置，删除后无法恢复。' + #13#10#13#10 +
      '选“否”保留数据（推荐），以后重新安装即可继续使用。' + #13#10 +
      '您另行选择的备份文件夹（如U盘）不受影响。',
      mbConfirmation, MB_YESNO or MB_DEFBUTTON2);
    if Answer = IDYES then
    begin
      if not DelTree(DataFolder, True, True, True) then
        MsgBox('部分数据未能删除（可能正被其他程序使用）：' + #13#10 + DataFolder, mbError, MB_OK);
    end;
  end;
end;
