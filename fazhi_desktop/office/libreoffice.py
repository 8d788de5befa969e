"""LibreOffice (soffice) headless: converting .docx and .xlsx to PDF or CSV.

Each conversion uses a private, throw-away user profile, so that two conversions (or a
conversion beside an open LibreOffice window) never fight over the same profile lock.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Optional

_WINDOWS_GUESSES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


def find_soffice() -> Optional[str]:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    if sys.platform.startswith("win"):
        for guess in _WINDOWS_GUESSES:
            if os.path.exists(guess):
                return guess
    for guess in ("/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice",
                  "/Applications/LibreOffice.app/Contents/MacOS/soffice"):
        if os.path.exists(guess):
            return guess
    return None


class ConversionFailed(RuntimeError):
    pass


def convert(source, target_format: str, out_dir, *, soffice: Optional[str] = None,
            timeout: float = 180) -> Path:
    """Convert `source` into `out_dir` (e.g. target_format 'pdf' or 'csv'); the new file's path."""
    soffice = soffice or find_soffice()
    if not soffice:
        raise ConversionFailed("未找到LibreOffice（soffice）。")
    source, out_dir = Path(source).resolve(), Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="fazhi-lo-") as profile:
        cmd = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
               "--norestore", "--convert-to", target_format, "--outdir", str(out_dir), str(source)]
        env = dict(os.environ, SAL_USE_VCLPLUGIN="svp")
        proc = subprocess.run(cmd, capture_output=True, timeout=timeout, env=env)
    ext = target_format.split(":")[0]
    produced = out_dir / f"{source.stem}.{ext}"
    if proc.returncode != 0 or not produced.exists():
        detail = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip()
        raise ConversionFailed(f"LibreOffice转换失败（{source.name}）：{detail[:300]}")
    return produced
