"""WPS Office for Linux (UOS, Kylin): finding it, and converting through its RPC interface.

WPS for Linux has no supported command-line PDF export (its `wps`/`et` binaries only open files
in a window). Conversion goes through WPS's own RPC SDK via the optional `pywpsrpc` package,
which also needs a running desktop session; without it WPS is reported as found but unable to
convert, and the clerk is offered to open the document in WPS to print it from there.
"""
from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path
from typing import Optional

_GUESSES = ("/opt/kingsoft/wps-office/office6/wps", "/usr/bin/wps")


def find_wps() -> Optional[str]:
    if not sys.platform.startswith("linux"):
        return None
    found = shutil.which("wps")
    if found:
        return found
    for guess in _GUESSES:
        if os.path.exists(guess):
            return guess
    return None


def wps_version(wps: str) -> Optional[str]:
    """"11.1" from the install's product file, or None."""
    office6 = Path(os.path.realpath(wps)).parent
    for candidate in (office6 / "cfgs" / "setup.cfg", office6.parent / "office6" / "cfgs" / "setup.cfg"):
        try:
            text = candidate.read_text("utf-8", "replace")
        except OSError:
            continue
        match = re.search(r"(\d+)\.(\d+)\.\d+\.\d+", text)
        if match:
            return f"{match.group(1)}.{match.group(2)}"
    return None


def rpc_available() -> bool:
    """True when pywpsrpc is installed and a desktop session can host WPS."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return False
    try:
        import importlib.util

        return importlib.util.find_spec("pywpsrpc") is not None
    except (ImportError, ValueError):
        return False


WPS_FORMAT_PDF = 17  # wdFormatPDF; WPS's Writer API mirrors Word's


def docx_to_pdf(source, target) -> None:
    """Open `source` in a hidden WPS Writer through RPC and save it as PDF at `target`."""
    from pywpsrpc.rpcwpsapi import createWpsRpcInstance, wpsapi  # optional, Linux only
    from pywpsrpc import common

    hr, rpc = createWpsRpcInstance()
    if common.FAILED(hr):
        raise RuntimeError("无法启动WPS文字（RPC）。")
    hr, app = rpc.getWpsApplication()
    if common.FAILED(hr):
        raise RuntimeError("无法连接WPS文字（RPC）。")
    try:
        app.Visible = False
        hr, doc = app.Documents.Open(str(Path(source).resolve()), ReadOnly=True)
        if common.FAILED(hr):
            raise RuntimeError(f"WPS无法打开“{Path(source).name}”。")
        try:
            hr = doc.SaveAs2(str(Path(target).resolve()), FileFormat=wpsapi.wdFormatPDF)
            if common.FAILED(hr):
                raise RuntimeError(f"WPS无法另存为PDF（“{Path(source).name}”）。")
        finally:
            doc.Close(wpsapi.wdDoNotSaveChanges)
    finally:
        app.Quit(wpsapi.wdDoNotSaveChanges)
