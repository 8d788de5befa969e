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
    """True when pywpsrpc is installed and a desktop session can host WPS.

    Not in a frozen bundle: pywpsrpc is not shipped there, and it needs a Python to run in.
    """
    if getattr(sys, "frozen", False):
        return False
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return False
    try:
        import importlib.util

        return importlib.util.find_spec("pywpsrpc") is not None
    except (ImportError, ValueError):
        return False


def docx_to_pdf(source, target, *, timeout: float = 180) -> None:
    """Convert in a child process: pywpsrpc loads Qt 5, which must not meet our Qt 6."""
    import subprocess

    cmd = [sys.executable, "-m", __name__, str(Path(source).resolve()), str(Path(target).resolve())]
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(f"WPS转换超时（超过{int(timeout)}秒）") from exc
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip().splitlines()
        raise RuntimeError(detail[-1] if detail else f"WPS转换失败（退出码{proc.returncode}）")


def _convert_here(source: str, target: str) -> None:
    """The child's work: a hidden WPS Writer opens `source` read-only and saves it as PDF."""
    from pywpsrpc import RpcProxy  # optional, Linux only
    from pywpsrpc.common import S_OK
    from pywpsrpc.rpcwpsapi import createWpsRpcInstance, wpsapi

    hr, rpc = createWpsRpcInstance()
    if hr != S_OK:
        raise RuntimeError("无法启动WPS文字（RPC）")
    app = RpcProxy(rpc.getWpsApplication(), True)  # True: failures raise
    try:
        app.Visible = False
        doc = app.Documents.Open(source, ReadOnly=True)
        try:
            doc.SaveAs2(target, FileFormat=wpsapi.wdFormatPDF)
        finally:
            doc.Close(wpsapi.wdDoNotSaveChanges)
    finally:
        app.Quit()


if __name__ == "__main__":
    try:
        _convert_here(sys.argv[1], sys.argv[2])
    except Exception as exc:  # reported to the parent on stderr, last line
        print(f"WPS转换失败：{exc}", file=sys.stderr)
        raise SystemExit(1)
