"""Which fonts this computer has, and what prints instead of a profile font that is missing.

Qt-free: fontconfig (fc-list / fc-match) on Linux and macOS with fontconfig; on Windows the
Fonts folders and the registry's font lists. Windows registers many Chinese fonts under their
English names (黑体 = SimHei), so names are compared through an alias table.

Kylin and UOS PCs often have the document fonts under other names: 仿宋 (FangSong) or 方正仿宋_GBK
instead of 仿宋_GB2312, FZXiaoBiaoSong-B05S for 方正小标宋简体 … `printable_fonts()` picks, for each
profile font, the family this PC really has (EQUIVALENTS, best first) so that the document names
a font that prints, and says which in a notice (docs/documents.md, "字体").
"""
from __future__ import annotations

import functools
import re
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

# The same typeface, or the same design with a larger character set, under the names Windows,
# Kylin and UOS install it as, best first. Marked "same": one font file lists both names (the
# Chinese and the English family name, or the PostScript name); the others are a different file
# of the same design (仿宋 = 仿宋_GB2312's GBK edition, 方正小标宋_GBK) or of another foundry that
# offices print official documents with (方正, 华文). Checked against `fc-list` family names.
SAME, SIMILAR = "same", "similar"
EQUIVALENTS = {
    "仿宋_GB2312": (("FangSong_GB2312", SAME), ("仿宋", SIMILAR), ("FangSong", SIMILAR),
                   ("方正仿宋_GBK", SIMILAR), ("FZFangSong-Z02", SIMILAR),
                   ("方正仿宋简体", SIMILAR), ("FZFangSong-Z02S", SIMILAR),
                   ("华文仿宋", SIMILAR), ("STFangsong", SIMILAR)),
    "仿宋": (("FangSong", SAME), ("仿宋_GB2312", SIMILAR), ("FangSong_GB2312", SIMILAR),
             ("方正仿宋_GBK", SIMILAR), ("FZFangSong-Z02", SIMILAR),
             ("华文仿宋", SIMILAR), ("STFangsong", SIMILAR)),
    "方正小标宋简体": (("FZXiaoBiaoSong-B05S", SAME), ("FZXBSJW--GB1-0", SAME),
                 ("方正小标宋_GBK", SIMILAR), ("FZXiaoBiaoSong-B05", SIMILAR),
                 ("方正小标宋繁体", SIMILAR), ("FZXiaoBiaoSong-B05T", SIMILAR)),
    "楷体_GB2312": (("KaiTi_GB2312", SAME), ("楷体", SIMILAR), ("KaiTi", SIMILAR),
                  ("方正楷体_GBK", SIMILAR), ("FZKai-Z03", SIMILAR),
                  ("方正楷体简体", SIMILAR), ("FZKai-Z03S", SIMILAR),
                  ("华文楷体", SIMILAR), ("STKaiti", SIMILAR)),
    "楷体": (("KaiTi", SAME), ("楷体_GB2312", SIMILAR), ("KaiTi_GB2312", SIMILAR),
             ("方正楷体_GBK", SIMILAR), ("FZKai-Z03", SIMILAR),
             ("华文楷体", SIMILAR), ("STKaiti", SIMILAR)),
    "黑体": (("SimHei", SAME), ("方正黑体_GBK", SIMILAR), ("FZHei-B01", SIMILAR),
             ("方正黑体简体", SIMILAR), ("FZHei-B01S", SIMILAR),
             ("华文黑体", SIMILAR), ("STHeiti", SIMILAR)),
    "宋体": (("SimSun", SAME), ("方正书宋_GBK", SIMILAR), ("FZShuSong-Z01", SIMILAR),
             ("方正书宋简体", SIMILAR), ("FZShuSong-Z01S", SIMILAR),
             ("华文宋体", SIMILAR), ("STSong", SIMILAR)),
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


FACE_FORMAT = "%{family}\t%{familylang}\t%{postscriptname}\n"  # one line a font file
_EARLY: dict = {}  # prefetch(): "fc-list" or a font name -> the fontconfig process asking it


def prefetch(fonts=()) -> None:
    """Start asking fontconfig now (the installed families, and the substitute of each of
    `fonts`) in processes that run while the caller goes on importing and laying out; the
    answers are collected where they are needed (installed_families, check_fonts). A command
    that writes one document calls this first: asked one after the other at the end, they were
    a fifth of a reply's process (issue 16)."""
    if sys.platform.startswith("win") or _list_faces.cache_info().currsize:
        return
    try:
        if "fc-list" not in _EARLY and shutil.which("fc-list"):
            _EARLY["fc-list"] = _fontconfig(["fc-list", "--format", FACE_FORMAT])
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


def installed_faces() -> Optional[tuple]:
    """The installed fonts as tuples of the names each one answers to (its family names in
    every language, then its PostScript name), the Chinese family name first; None when they
    cannot be listed. One `fc-list` per process (cached): a font file lists its English and
    Chinese family names side by side, e.g. "FangSong,仿宋" with familylang "en,zh-cn".
    A listing that failed is not kept: the next call tries again."""
    faces = _list_faces()
    if faces is None:
        _list_faces.cache_clear()
    return faces


@functools.lru_cache(maxsize=1)
def _list_faces() -> Optional[tuple]:
    if sys.platform.startswith("win"):
        return tuple((name,) for name in sorted(_windows_families()))
    if not shutil.which("fc-list"):
        return None
    early = _EARLY.pop("fc-list", None)  # started by prefetch(), if it was called
    if early is not None:
        out = _answer(early, 30)
        if out is None:
            return None
    else:
        try:
            out = subprocess.run(["fc-list", "--format", FACE_FORMAT], capture_output=True,
                                 timeout=30, text=True, encoding="utf-8",
                                 errors="replace").stdout
        except (OSError, subprocess.SubprocessError):
            return None
    faces = set()
    for line in out.splitlines():
        family, _, rest = line.partition("\t")
        langs, _, postscript = rest.partition("\t")
        names = [n.strip() for n in family.split(",") if n.strip()]
        lang_list = [lang.strip() for lang in langs.split(",")]
        # the Chinese (mainland) family name first: it is the name the profile uses
        zh = sorted((n for n, lang in zip(names, lang_list) if lang.lower().startswith("zh")),
                    key=lambda n: lang_list[names.index(n)].lower() not in ("zh-cn", "zh-sg"))
        ordered = zh + [n for n in names if n not in zh]
        if postscript.strip():
            ordered.append(postscript.strip())
        if ordered:
            faces.add(tuple(ordered))
    return tuple(sorted(faces))


installed_faces.cache_clear = _list_faces.cache_clear  # as for the other cached listings


@functools.lru_cache(maxsize=1)
def installed_families() -> Optional[frozenset]:
    """Normalised family names of the installed fonts; None when they cannot be listed."""
    faces = installed_faces()
    if faces is None:
        return None
    return frozenset(_norm(name) for face in faces for name in face)


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



@dataclass(frozen=True)
class FontChoice:
    """What the document names for a profile font on this PC. `kind`: SAME (the same font
    under another name) or SIMILAR (the same design, another file)."""
    requested: str
    used: str
    kind: str

    def notice(self, role: str) -> str:
        label = ROLE_LABELS.get(role, role)
        if self.kind == SAME:
            return (f"{label}字体“{self.requested}”在本机的安装名称为“{self.used}”，"
                    f"文档中已写为“{self.used}”，打印效果不变。")
        return (f"本机未安装{label}字体“{self.requested}”，已改用本机的同类字体“{self.used}”，"
                f"打印字形相近；如需完全一致，请安装“{self.requested}”。")


def _face_of(name: str, faces) -> Optional[tuple]:
    wanted = _norm(name)
    return next((face for face in faces if any(_norm(n) == wanted for n in face)), None)


def printable_name(font: str) -> Optional[FontChoice]:
    """The installed family to write instead of `font`, or None when `font` itself is
    installed, no equivalent is, or the fonts cannot be listed (the document keeps `font`)."""
    faces = installed_faces()
    if not faces or not font or _face_of(font, faces):
        return None
    for candidate, kind in EQUIVALENTS.get(font, ()):
        face = _face_of(candidate, faces)
        if face:
            # the face's first name: its Chinese family name where it has one, the name
            # fontconfig (LibreOffice, WPS) and Word both find
            return FontChoice(font, face[0], kind)
    return None


def printable_fonts(fonts: dict) -> tuple:
    """(fonts with each role's name replaced by the family this PC has, notices for the
    clerk naming each replacement)."""
    used, notices = dict(fonts), []
    for role, name in fonts.items():
        choice = printable_name(name)
        if choice:
            used[role] = choice.used
            notices.append(choice.notice(role))
    return used, notices


@dataclass
class FontStatus:
    role: str
    name: str
    installed: Optional[bool]
    substitute: Optional[str]
    # the installed family the document will name instead (Kylin/UOS names), if any
    choice: Optional[FontChoice] = None

    def warning(self) -> str:
        label = ROLE_LABELS.get(self.role, self.role)
        if self.choice:
            return self.choice.notice(self.role)
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
        choice = printable_name(name) if installed is False else None
        substitute = substitute_for(name) if installed is False and not choice else None
        statuses.append(FontStatus(role, name, installed, substitute, choice))
    return statuses


def substitution_warnings(fonts: Optional[dict]) -> list:
    """Chinese sentences for the missing fonts (none when all are installed or unknown)."""
    seen, out = set(), []
    for status in check_fonts(fonts):
        if status.installed is False and status.name not in seen:
            seen.add(status.name)
            out.append(status.warning())
    return out


_FONT_WARNING = re.compile(r"^(?P<role>\S+?)字体“(?P<name>[^”]+)”未安装")


def summarize_warnings(warnings: list) -> tuple:
    """(short lines, details): the near-identical “…字体“X”未安装…” sentences (one per font role)
    become one line naming the fonts, the full sentences go to the details (the notice's 详情);
    every other warning is kept as it is. Details are empty when nothing was folded."""
    fonts, others, folded = [], [], []
    for warning in warnings:
        found = _FONT_WARNING.match(warning)
        if found:
            folded.append(warning)
            if found["name"] not in fonts:
                fonts.append(found["name"])
        else:
            others.append(warning)
    if len(folded) < 2:
        return list(warnings), []
    line = (f"有{len(fonts)}种字体未安装（{'、'.join(fonts)}），打印时将以其他字体代替，"
            "版式会略有差异；请安装这些字体或在单位设置中改用已安装的字体。")
    return [line] + others, folded
