"""Which office suite turns a .docx into PDF on this machine, chosen at run time.

LibreOffice (Linux and Windows), WPS Office (Windows COM; Linux through its RPC interface) and
Microsoft Word (Windows COM). `find_converter()` picks one (the clerk's choice in settings wins
when it is present); `to_pdf()` writes the PDF whole or not at all. When none is found the
caller gets NoConverter, whose message tells the clerk to open the .docx in Word/WPS instead.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from ..core.atomic import atomic_output
from ..core.errors import FazhiError
from . import libreoffice, windows_com, wps_linux

KEYS = ("libreoffice", "wps", "word")
CHOICE_LABELS = {"auto": "自动选择", "libreoffice": "LibreOffice", "wps": "WPS Office",
                 "word": "Microsoft Word"}
SETTING_KEY = "pdf_converter"  # registry setting: "auto" or one of KEYS

NONE_FOUND = ("未找到可以把Word文档转换为PDF的办公软件（LibreOffice、WPS Office或Microsoft Word）。"
              "无法在本程序中预览和生成PDF；请用Word或WPS打开文档后预览、打印或另存为PDF，"
              "或安装LibreOffice（免费）后重试。")


class NoConverter(FazhiError):
    """No office suite that can write PDF is installed (or the chosen one is gone)."""


class ConversionError(FazhiError):
    """The office suite was found but could not convert this document."""


@dataclass(frozen=True)
class Converter:
    """One office suite able to write PDF: what to call it, and how to run it."""

    key: str                     # libreoffice / wps / word
    name: str                    # LibreOffice, WPS Office, Microsoft Word
    location: str                # the program's path (or COM class where no path is known)
    version: Optional[str]
    _run: Optional[Callable] = field(default=None, repr=False, compare=False)  # (src, dst)
    # LibreOffice converts many files in one start-up: ([src], out_dir) -> [produced or None]
    _run_many: Optional[Callable] = field(default=None, repr=False, compare=False)

    @property
    def display_name(self) -> str:
        """For the settings page: LibreOffice 7.4（/usr/bin/soffice）."""
        label = f"{self.name} {self.version}" if self.version else self.name
        return f"{label}（{self.location}）" if self.location else label

    def to_pdf(self, source, target=None) -> Path:
        """Convert `source` to `target` (default: beside it, .pdf); the PDF's path.

        The PDF appears whole or not at all (a temporary file, then a rename), so a cancelled
        or failed conversion leaves no partial PDF behind.
        """
        source = Path(source)
        target = Path(target) if target else source.with_suffix(".pdf")
        if not source.exists():
            raise ConversionError(f"找不到要转换的文件“{source}”。")
        with tempfile.TemporaryDirectory(prefix="fazhi-conv-") as work:
            # Suites choke on odd names and on files open elsewhere: convert a private copy.
            private = Path(work) / ("document" + source.suffix.lower())
            shutil.copyfile(source, private)
            produced = Path(work) / "document.pdf"
            try:
                self._run(private, produced)
            except FazhiError:
                raise
            except Exception as exc:  # the suite's own failure, worded for the clerk
                raise ConversionError(
                    f"{self.name}未能把“{source.name}”转换为PDF：{exc}") from exc
            if not produced.exists() or produced.stat().st_size == 0:
                raise ConversionError(f"{self.name}未能把“{source.name}”转换为PDF（没有生成文件）。")
            with atomic_output(target) as temp:
                shutil.copyfile(produced, temp)
        return target

    def to_pdf_many(self, pairs) -> list:
        """Convert (source, target) pairs; per pair the target's Path or the ConversionError.

        LibreOffice does them in one run (a start-up costs about as much as a conversion);
        the other suites one after the other. Each PDF appears whole or not at all.
        """
        pairs = [(Path(src), Path(dst)) for src, dst in pairs]
        if self._run_many is None or len(pairs) < 2:
            outcome = []
            for src, dst in pairs:
                try:
                    outcome.append(self.to_pdf(src, dst))
                except ConversionError as exc:
                    outcome.append(exc)
            return outcome
        with tempfile.TemporaryDirectory(prefix="fazhi-conv-") as work:
            privates = []
            for n, (src, _dst) in enumerate(pairs):
                private = Path(work) / f"document{n}{src.suffix.lower()}"
                shutil.copyfile(src, private)
                privates.append(private)
            try:
                produced = self._run_many(privates, Path(work) / "out")
            except Exception as exc:  # LibreOffice did not run at all: every pair failed
                error = ConversionError(f"{self.name}未能转换为PDF：{exc}")
                return [error] * len(pairs)
            outcome = []
            for (src, dst), made in zip(pairs, produced):
                if made is None:
                    outcome.append(ConversionError(f"{self.name}未能把“{src.name}”转换为PDF。"))
                    continue
                try:
                    with atomic_output(dst) as temp:
                        shutil.copyfile(made, temp)
                except FazhiError as exc:
                    outcome.append(ConversionError(str(exc)))
                    continue
                outcome.append(dst)
            return outcome


def _libreoffice() -> Optional[Converter]:
    soffice = libreoffice.find_soffice()
    if not soffice:
        return None
    return Converter("libreoffice", "LibreOffice", soffice, libreoffice.soffice_version(soffice),
                     lambda src, dst: libreoffice.docx_to_pdf(src, dst, soffice=soffice),
                     lambda sources, out_dir: libreoffice.convert_many(sources, "pdf", out_dir,
                                                                       soffice=soffice))


def _com(key: str, name: str, progids) -> Optional[Converter]:
    found = windows_com.find_progid(progids)
    if not found:
        return None
    progid, server, version = found
    if key == "word":
        version = windows_com.word_version_name(version)
    return Converter(key, name, server or progid, version,
                     lambda src, dst: windows_com.docx_to_pdf(progid, src, dst))


def _wps_linux() -> Optional[Converter]:
    wps = wps_linux.find_wps()
    if not wps or not wps_linux.rpc_available():
        return None
    return Converter("wps", "WPS Office", wps, wps_linux.wps_version(wps), wps_linux.docx_to_pdf)


def available_converters() -> list:
    """Every converter on this machine, best first for the platform.

    Windows: Word (the documents are Word documents), then WPS, then LibreOffice.
    Linux: LibreOffice (headless and reliable), then WPS through RPC.
    """
    if sys.platform.startswith("win"):
        found = [_com("word", "Microsoft Word", windows_com.WORD_PROGIDS),
                 _com("wps", "WPS Office", windows_com.WPS_PROGIDS), _libreoffice()]
    else:
        found = [_libreoffice(), _wps_linux()]
    return [c for c in found if c is not None]


def find_converter(prefer: Optional[str] = None) -> Optional[Converter]:
    """The converter to use: the preferred kind when present, else the platform's best; None if none."""
    found = available_converters()
    if prefer and prefer != "auto":
        for conv in found:
            if conv.key == prefer:
                return conv
    return found[0] if found else None


def office_suites_without_conversion() -> list:
    """Suites present that cannot convert here (WPS on Linux without RPC): names for a message."""
    wps = wps_linux.find_wps()
    if wps and not wps_linux.rpc_available():
        return [f"WPS Office（{wps}）"]
    return []


def describe_converter(prefer: Optional[str] = None) -> str:
    """One line for the settings page: the converter in use, or why there is none."""
    conv = find_converter(prefer)
    if conv is not None:
        note = ""
        if prefer and prefer not in ("auto", conv.key):
            note = f"（所选的{CHOICE_LABELS.get(prefer, prefer)}未找到，改用此项）"
        return conv.display_name + note
    others = office_suites_without_conversion()
    if others:
        return (f"未找到可转换PDF的办公软件：已安装{'、'.join(others)}，但它不支持在后台转换PDF；"
                "可安装LibreOffice，或在WPS中打开文档后打印。")
    return "未找到可转换PDF的办公软件（LibreOffice、WPS Office或Microsoft Word）"


def to_pdf(source, target=None, *, prefer: Optional[str] = None,
           converter: Optional[Converter] = None) -> Path:
    """Convert a .docx to PDF with the converter in use; NoConverter when there is none."""
    converter = converter or find_converter(prefer)
    if converter is None:
        raise NoConverter(NONE_FOUND)
    return converter.to_pdf(source, target)


def open_with_default_app(path) -> None:
    """Open a file in the system's default application (Word/WPS for .docx): the fall-back.

    The GUI uses QDesktopServices instead; this serves the command line.
    """
    path = str(Path(path).resolve())
    if sys.platform.startswith("win"):
        os.startfile(path)  # noqa: S606 - the documented way to open with the associated app
    else:
        import subprocess

        opener = "open" if sys.platform == "darwin" else "xdg-open"
        subprocess.Popen([opener, path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
