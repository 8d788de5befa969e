"""LibreOffice (soffice) headless: converting .docx and .xlsx to PDF or CSV.

Each conversion uses a private, throw-away user profile, so that two conversions (or a
conversion beside an open LibreOffice window) never fight over the same profile lock.
"""
from __future__ import annotations

import configparser
import functools
import os
import re
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


@functools.lru_cache(maxsize=8)
def soffice_version(soffice: str) -> Optional[str]:
    """"7.4" for the suite at `soffice`, or None when it cannot be told.

    Windows builds keep it in program/version.ini (soffice.exe prints nothing to a console);
    elsewhere `soffice --version` answers in about a second.
    """
    program = Path(os.path.realpath(soffice)).parent
    for ini in (program / "version.ini", program / "versionrc"):
        if ini.exists():
            parser = configparser.ConfigParser(interpolation=None, strict=False)
            try:
                parser.read(ini, encoding="utf-8")
            except (configparser.Error, OSError, UnicodeDecodeError):
                continue
            for section in parser.sections():
                for key in ("MsiProductVersion", "ProductVersion"):
                    value = parser[section].get(key)
                    if value:
                        return _major_minor(value)
    if sys.platform.startswith("win"):
        return None
    try:
        proc = subprocess.run([soffice, "--version"], capture_output=True, timeout=20,
                              env=soffice_env())
    except (OSError, subprocess.SubprocessError):
        return None
    return _major_minor(proc.stdout.decode("utf-8", "replace"))


def _major_minor(text: str) -> Optional[str]:
    match = re.search(r"(\d+)\.(\d+)", text)
    return f"{match.group(1)}.{match.group(2)}" if match else None


def soffice_env() -> dict:
    """The environment for a headless soffice: no display needed, and the system's tool folders
    on PATH (the soffice launcher script runs dirname/basename, and a bare environment such as a
    desktop launcher's may not have them)."""
    env = dict(os.environ, SAL_USE_VCLPLUGIN="svp")
    if os.name == "posix":
        parts = [p for p in env.get("PATH", "").split(os.pathsep) if p]
        env["PATH"] = os.pathsep.join(parts + [d for d in ("/usr/bin", "/bin") if d not in parts])
    return env


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
        env = soffice_env()
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired as exc:
            raise ConversionFailed(
                f"LibreOffice转换超时（{source.name}，超过{int(timeout)}秒）。") from exc
        except OSError as exc:
            raise ConversionFailed(f"无法启动LibreOffice（{soffice}）：{exc.strerror or exc}") from exc
    ext = target_format.split(":")[0]
    produced = out_dir / f"{source.stem}.{ext}"
    if proc.returncode != 0 or not produced.exists():
        detail = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip()
        raise ConversionFailed(f"LibreOffice转换失败（{source.name}）：{detail[:300]}")
    return produced


def convert_many(sources, target_format: str, out_dir, *, soffice: Optional[str] = None,
                 timeout: float = 600) -> list:
    """Convert several files in one LibreOffice run (one start-up instead of one per file).

    Returns, per source, the produced file's path or None when that file was not converted;
    ConversionFailed only when LibreOffice cannot run at all. Source names must differ in stem.
    """
    soffice = soffice or find_soffice()
    if not soffice:
        raise ConversionFailed("未找到LibreOffice（soffice）。")
    sources = [Path(s).resolve() for s in sources]
    out_dir = Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="fazhi-lo-") as profile:
        cmd = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
               "--norestore", "--convert-to", target_format, "--outdir", str(out_dir),
               *map(str, sources)]
        env = soffice_env()
        try:
            subprocess.run(cmd, capture_output=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired as exc:
            raise ConversionFailed(f"LibreOffice转换超时（超过{int(timeout)}秒）。") from exc
        except OSError as exc:
            raise ConversionFailed(f"无法启动LibreOffice（{soffice}）：{exc.strerror or exc}") from exc
    ext = target_format.split(":")[0]
    produced = [out_dir / f"{source.stem}.{ext}" for source in sources]
    return [p if p.exists() and p.stat().st_size > 0 else None for p in produced]


def docx_to_pdf(source, target, *, soffice: Optional[str] = None, timeout: float = 180) -> None:
    """Write `target` (a .pdf) from `source` (a .docx); `target` may have any name.

    LibreOffice names its output after the source, so it converts into a private folder and
    the caller moves the result into place.
    """
    with tempfile.TemporaryDirectory(prefix="fazhi-pdf-") as work:
        produced = convert(source, "pdf", work, soffice=soffice, timeout=timeout)
        shutil.copyfile(produced, target)
