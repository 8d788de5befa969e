"""Which fonts this computer has, and what prints instead of a profile font that is missing.

Qt-free: fontconfig (fc-list / fc-match) on Linux and macOS with fontconfig; on Windows the
Fonts folders and the registry's font lists. Windows registers many Chinese fonts under their
English names (黑体 = SimHei), so names are compared through an alias table.
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .records import DEFAULT_FONTS

ROLE_LABELS = {"title": "标题", "body": "正文", "heading1": "一级标题", "heading2": "二级标题",
               "page_number": "页码"}

# Chinese name -> other names the same font is installed under.
ALIASES = {
    "宋体": ("SimSun", "宋体-简"),
    "黑体": ("SimHei", "黑体-简", "Heiti SC"),
    "仿宋": ("FangSong",),
    "楷体": ("KaiTi",),
    "仿宋_GB2312": ("FangSong_GB2312",),
    "楷体_GB2312": ("KaiTi_GB2312",),
    "方正小标宋简体": ("FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "FZXiaoBiaoSong-B05"),
    "微软雅黑": ("Microsoft YaHei",),
    "华文中宋": ("STZhongsong",),
    "华文仿宋": ("STFangsong",),
    "华文楷体": ("STKaiti",),
}

# What Word/WPS fall back to, best first, when the named font is missing; the last entries are
# the free fonts of Linux desktops (UOS, Kylin) and of LibreOffice.
FALLBACKS = {
    "方正小标宋简体": ("华文中宋", "宋体", "Noto Serif CJK SC", "Noto Sans CJK SC"),
    "仿宋_GB2312": ("仿宋", "华文仿宋", "宋体", "Noto Serif CJK SC", "Noto Sans CJK SC"),
    "仿宋": ("仿宋_GB2312", "华文仿宋", "宋体", "Noto Serif CJK SC", "Noto Sans CJK SC"),
    "楷体_GB2312": ("楷体", "华文楷体", "宋体", "Noto Serif CJK SC", "Noto Sans CJK SC"),
    "楷体": ("楷体_GB2312", "华文楷体", "宋体", "Noto Serif CJK SC", "Noto Sans CJK SC"),
    "黑体": ("微软雅黑", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "宋体"),
    "宋体": ("新宋体", "华文中宋", "Noto Serif CJK SC", "Noto Sans CJK SC"),
}
# The alternative written into the document's font table (w:altName): what Word prints with
# when the font is missing; the first of FALLBACKS above, or the font's English name.
ALT_NAMES = {"方正小标宋简体": "华文中宋", "仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体",
             "仿宋": "仿宋_GB2312", "楷体": "楷体_GB2312", "黑体": "SimHei", "宋体": "SimSun"}
GENERIC_FALLBACKS = ("宋体", "Noto Serif CJK SC", "Noto Sans CJK SC", "WenQuanYi Zen Hei",
                     "Droid Sans Fallback")


def _norm(name: str) -> str:
    return name.strip().lower().replace(" ", "")


def names_of(font: str) -> set:
    """The font's name and its aliases, normalised."""
    names = {font}
    names.update(ALIASES.get(font, ()))
    for key, alts in ALIASES.items():
        if font in alts:
            names.add(key)
    return {_norm(n) for n in names}


_EARLY: dict = {}  # prefetch(): "fc-list" or a font name -> the fontconfig process asking it


def prefetch(fonts=()) -> None:
    """Start asking fontconfig now (the installed families, and the substitute of each of
    `fonts`) in processes that run while the caller goes on importing and laying out; the
    answers are collected where they are needed (installed_families, check_fonts). A command
    that writes one document calls this first: asked one after the other at the end, they were
    a fifth of a reply's process (issue 16)."""
    if sys.platform.startswith("win") or installed_families.cache_info().currsize:
        return
    try:
        if "fc-list" not in _EARLY and shutil.which("fc-list"):
            _EARLY["fc-list"] = _fontconfig(["fc-list", ":", "family"])
        if shutil.which("fc-match"):
            for font in dict.fromkeys(fonts):
                if font not in _EARLY and font not in _FC_ANSWERS:
                    _EARLY[font] = _fontconfig(["fc-match", "-f", "%{family}",
                                                f"{font}:lang=zh-cn"])
    except OSError:
        pass


def _fontconfig(argv) -> subprocess.Popen:
    return subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            encoding="utf-8", errors="replace")


def _answer(proc: subprocess.Popen, timeout: float) -> Optional[str]:
    try:
        return proc.communicate(timeout=timeout)[0]
    except subprocess.SubprocessError:
        proc.kill()
        proc.communicate()
        return None


@functools.lru_cache(maxsize=1)
def installed_families() -> Optional[frozenset]:
    """Normalised family names of the installed fonts; None when they cannot be listed."""
    if sys.platform.startswith("win"):
        return frozenset(_norm(n) for n in _windows_families())
    early = _EARLY.pop("fc-list", None)
    if early is not None:
        out = _answer(early, 30)
        if out is None:
            return None
    elif shutil.which("fc-list"):
        try:
            out = subprocess.run(["fc-list", ":", "family"], capture_output=True, timeout=30,
                                 text=True, encoding="utf-8", errors="replace").stdout
        except (OSError, subprocess.SubprocessError):
            return None
    else:
        return None
    names = set()
    for line in out.splitlines():
        names.update(_norm(part) for part in line.split(",") if part.strip())
    return frozenset(names)


def _windows_families() -> set:
    names = set()
    try:
        import winreg  # noqa: PLC0415 (Windows only)

        key_path = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Fonts"
        for hive in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
            try:
                with winreg.OpenKey(hive, key_path) as key:
                    for i in range(winreg.QueryInfoKey(key)[1]):
                        value_name = winreg.EnumValue(key, i)[0]
                        # "SimSun & NSimSun (TrueType)" -> SimSun, NSimSun
                        base = value_name.split("(")[0]
                        names.update(p.strip() for p in base.split("&") if p.strip())
            except OSError:
                continue
    except ImportError:
        pass
    folders = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    local = os.environ.get("LOCALAPPDATA")
    if local:
        folders.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    for folder in folders:
        try:
            names.update(p.stem for p in folder.iterdir())
        except OSError:
            continue
    return names


def is_installed(font: str) -> Optional[bool]:
    families = installed_families()
    if families is None:
        return None
    return bool(names_of(font) & families)


@functools.lru_cache(maxsize=64)
def substitute_for(font: str) -> Optional[str]:
    """The font that will print instead of a missing one: fontconfig's choice where it
    decides (Linux: LibreOffice and WPS use it), else Word's usual fallbacks.

    Cached for the process like installed_families(): fc-match is a subprocess, and asking it
    five times per reply was two thirds of a reply's time (docs/performance.md)."""
    if font in _FC_ANSWERS:
        return _FC_ANSWERS[font]
    if not sys.platform.startswith("win") and shutil.which("fc-match"):
        try:
            out = subprocess.run(["fc-match", "-f", "%{family}", f"{font}:lang=zh-cn"],
                                 capture_output=True, timeout=10, text=True,
                                 encoding="utf-8", errors="replace").stdout
            if out.strip():
                return out.split(",")[0].strip()
        except (OSError, subprocess.SubprocessError):
            pass
    for candidate in FALLBACKS.get(font, ()) + GENERIC_FALLBACKS:
        if is_installed(candidate):
            return candidate
    return None



@dataclass
class FontStatus:
    role: str
    name: str
    installed: Optional[bool]
    substitute: Optional[str]

    def warning(self) -> str:
        label = ROLE_LABELS.get(self.role, self.role)
        if self.substitute:
            return (f"{label}字体“{self.name}”未安装，打印时将以“{self.substitute}”代替，"
                    f"版式会略有差异；请安装该字体或在单位设置中改用已安装的字体。")
        return (f"{label}字体“{self.name}”未安装，Word/WPS将自动选用其他字体代替；"
                f"请安装该字体或在单位设置中改用已安装的字体。")


def _ask_fontconfig_at_once(fonts) -> None:
    """Fill substitute_for's cache for several missing fonts with fc-match processes running
    side by side: one after the other they were ~0.1 s of every reply a command renders."""
    if sys.platform.startswith("win") or not shutil.which("fc-match"):
        return
    asked = {}
    for font in dict.fromkeys(fonts):
        try:
            asked[font] = subprocess.Popen(
                ["fc-match", "-f", "%{family}", f"{font}:lang=zh-cn"], stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL, text=True, encoding="utf-8", errors="replace")
        except OSError:
            return
    for font, proc in asked.items():
        try:
            out, _ = proc.communicate(timeout=10)
        except subprocess.SubprocessError:
            proc.kill()
            proc.communicate()
            continue
        if out.strip():
            _FC_ANSWERS[font] = out.split(",")[0].strip()


_FC_ANSWERS: dict = {}  # font -> fontconfig's substitute, asked several at once


def _forget_substitutes(clear=substitute_for.cache_clear) -> None:
    """substitute_for.cache_clear(): every cached or pending answer (tests fake the machine)."""
    for proc in _EARLY.values():
        _answer(proc, 10)
    _EARLY.clear()
    _FC_ANSWERS.clear()
    clear()


substitute_for.cache_clear = _forget_substitutes


def check_fonts(fonts: Optional[dict]) -> list:
    """A FontStatus for each font role of the profile (defaults where not set)."""
    merged = dict(DEFAULT_FONTS)
    merged.update({k: v for k, v in (fonts or {}).items() if v})
    for font in [f for f in _EARLY if f != "fc-list"]:  # started by prefetch(): collect
        out = _answer(_EARLY.pop(font), 10)
        if out and out.strip():
            _FC_ANSWERS[font] = out.split(",")[0].strip()
    missing = [name for name in merged.values()
               if name not in _FC_ANSWERS and is_installed(name) is False]
    if len(missing) > 1:
        _ask_fontconfig_at_once(missing)
    statuses = []
    for role, name in merged.items():
        installed = is_installed(name)
        substitute = substitute_for(name) if installed is False else None
        statuses.append(FontStatus(role, name, installed, substitute))
    return statuses


def substitution_warnings(fonts: Optional[dict]) -> list:
    """Chinese sentences for the missing fonts (none when all are installed or unknown)."""
    seen, out = set(), []
    for status in check_fonts(fonts):
        if status.installed is False and status.name not in seen:
            seen.add(status.name)
            out.append(status.warning())
    return out
