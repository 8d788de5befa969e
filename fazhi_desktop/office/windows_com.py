"""Windows only: Microsoft Word and WPS Office driven through COM automation (pywin32).

Finding them reads the registry (winreg, in the standard library); converting needs pywin32,
imported only when a conversion runs, so the module loads anywhere and costs nothing on Linux.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

# COM class names: Word, and the WPS Writer names (KWps in WPS 2019+, "wps" in older builds).
WORD_PROGIDS = ("Word.Application",)
WPS_PROGIDS = ("KWps.Application", "wps.Application")

WD_FORMAT_PDF = 17           # WdSaveFormat.wdFormatPDF (WPS's Writer API uses the same value)
WD_DO_NOT_SAVE_CHANGES = 0   # WdSaveOptions.wdDoNotSaveChanges


def _registry_value(path: str, name: str = "") -> Optional[str]:
    import winreg  # Windows only, standard library

    try:
        with winreg.OpenKey(winreg.HKEY_CLASSES_ROOT, path) as key:
            return str(winreg.QueryValueEx(key, name)[0])
    except OSError:
        return None


def find_progid(progids) -> Optional[tuple]:
    """(progid, server path, version) of the first registered COM class, or None."""
    if not sys.platform.startswith("win"):
        return None
    for progid in progids:
        clsid = _registry_value(progid + r"\CLSID")
        if not clsid:
            continue
        server = _registry_value(rf"CLSID\{clsid}\LocalServer32") or ""
        server = server.split(" /")[0].strip().strip('"')
        version = None
        cur_ver = _registry_value(progid + r"\CurVer")  # "Word.Application.16"
        if cur_ver and cur_ver.rsplit(".", 1)[-1].isdigit():
            version = cur_ver.rsplit(".", 1)[-1]
        return progid, server, version
    return None


def word_version_name(version: Optional[str]) -> str:
    """Office's internal number to the name clerks know: 16 -> 2016及以上."""
    names = {"12": "2007", "14": "2010", "15": "2013", "16": "2016及以上"}
    return names.get(version or "", version or "")


def docx_to_pdf(progid: str, source, target) -> None:
    """Open `source` read-only in a private instance of Word/WPS, save it as PDF at `target`."""
    try:
        import pythoncom  # pywin32, Windows only
        import win32com.client
    except ImportError as exc:
        raise RuntimeError("缺少pywin32组件，无法调用Word/WPS转换PDF，请重新安装本程序。") from exc
    source, target = str(Path(source).resolve()), str(Path(target).resolve())
    pythoncom.CoInitialize()  # each worker thread needs its own COM apartment
    app, private = None, False
    try:
        # DispatchEx starts a private instance: the clerk's open Word windows are not touched.
        # Some WPS builds register no separate local server; then share the running one.
        try:
            app = win32com.client.DispatchEx(progid)
            private = True
        except Exception:
            app = win32com.client.Dispatch(progid)
            private = False
        if private:  # a shared instance is the clerk's: leave its window and prompts alone
            app.Visible = False
            app.DisplayAlerts = 0
        doc = app.Documents.Open(source, False, True)  # FileName, ConfirmConversions, ReadOnly
        try:
            try:
                doc.ExportAsFixedFormat(target, WD_FORMAT_PDF)
            except Exception:  # older WPS builds lack ExportAsFixedFormat
                doc.SaveAs(target, WD_FORMAT_PDF)
        finally:
            doc.Close(WD_DO_NOT_SAVE_CHANGES)
    finally:
        if app is not None:
            try:
                # Never quit an instance the clerk is working in (shared, with documents open).
                if private or app.Documents.Count == 0:
                    app.Quit(WD_DO_NOT_SAVE_CHANGES)
            except Exception:  # the instance may already be gone; nothing left to clean
                pass
        pythoncom.CoUninitialize()
