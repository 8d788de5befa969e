# Builds the Windows installer: dist\fazhi-desktop\ (PyInstaller bundle) and
# dist\fazhi-desktop-setup-<version>.exe (Inno Setup 6).
# Usage, from a PowerShell prompt anywhere:  powershell -ExecutionPolicy Bypass -File installer\build_windows.ps1
# Needs Python 3.11 (64-bit) and Inno Setup 6 (choco install innosetup, or winget install JRSoftware.InnoSetup).
# The version comes from pyproject.toml only; it is passed to ISCC as /DAppVersion.
# Native tools (pip, PyInstaller) log to stderr: with "Stop", Windows PowerShell 5.1 would treat
# that as a failure, so each native step is checked through $LASTEXITCODE instead.
$ErrorActionPreference = "Continue"
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8
Set-Location (Split-Path -Parent $PSScriptRoot)
$started = Get-Date

# 1. A virtual environment with the app and the build tools (the `build` extra).
$py = Join-Path ".venv" "Scripts\python.exe"
if (-not (Test-Path $py)) {
    $base = if ($env:PYTHON) { $env:PYTHON } else { "python" }
    & $base -m venv .venv
    if ($LASTEXITCODE -ne 0) { throw "python -m venv failed" }
}
& $py -c "import PyInstaller, PySide6, docx, openpyxl, sqlite_utils" 2>&1 | Out-Null
if ($LASTEXITCODE -ne 0) {
    & $py -m pip install --upgrade pip
    & $py -m pip install -e ".[build]"
    if ($LASTEXITCODE -ne 0) { throw "pip install failed" }
}

# 2. The one version number.
$pyproject = Get-Content -Raw -Encoding UTF8 "pyproject.toml" -ErrorAction Stop
if ($pyproject -notmatch '(?m)^version\s*=\s*"([^"]+)"') { throw "no version in pyproject.toml" }
$version = $Matches[1]
$numeric = (([regex]::Matches($version, '\d+') | Select-Object -First 3 | ForEach-Object { $_.Value }) -join ".")
Write-Host "== fazhi-desktop $version"

# 3. The bundle (fazhi-desktop.exe windowed, fazhi-desktop-cli.exe for the command line).
& $py -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller installer\fazhi-desktop.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }
$shown = & "dist\fazhi-desktop\fazhi-desktop-cli.exe" --version
if ($LASTEXITCODE -ne 0 -or -not ("$shown".Trim().EndsWith(" $version"))) { throw "bundle --version says '$shown', expected $version" }
Write-Host "== bundle ok: $shown"

# 4. Inno Setup compiler.
$iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) {
    $candidates = @("${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
                    "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe")
    $iscc = $candidates | Where-Object { $_ -and (Test-Path $_) } | Select-Object -First 1
}
if (-not $iscc) { throw "Inno Setup 6 not found: choco install innosetup  (or winget install JRSoftware.InnoSetup)" }

# Simplified Chinese wizard messages: shipped with recent Inno Setup releases; older compilers get the
# translation from the Inno Setup source repository for this build only (same licence as Inno Setup).
$defines = @("/DAppVersion=$version", "/DAppVersionNumeric=$numeric")
$isl = Join-Path (Split-Path -Parent $iscc) "Languages\ChineseSimplified.isl"
if (-not (Test-Path $isl)) {
    New-Item -ItemType Directory -Force build -ErrorAction Stop | Out-Null
    $isl = (Join-Path (Get-Location) "build\ChineseSimplified.isl")
    $base = "https://raw.githubusercontent.com/jrsoftware/issrc/main/Files/Languages"
    try { Invoke-WebRequest "$base/ChineseSimplified.isl" -OutFile $isl -UseBasicParsing -ErrorAction Stop }
    catch { Invoke-WebRequest "$base/Unofficial/ChineseSimplified.isl" -OutFile $isl -UseBasicParsing -ErrorAction Stop }
    $defines += "/DChineseIsl=$isl"
}

& $iscc /Qp @defines "installer\windows\fazhi-desktop.iss"
if ($LASTEXITCODE -ne 0) { throw "ISCC failed" }
$setup = "dist\fazhi-desktop-setup-$version.exe"
$minutes = [math]::Round(((Get-Date) - $started).TotalMinutes, 1)
Write-Host ("== done in {0} min: {1} ({2:N0} MB)" -f $minutes, $setup, ((Get-Item $setup).Length / 1MB))
