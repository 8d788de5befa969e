"""Characters the document's fonts do not have: names such as 王堃, 刘䶮, 李𠮷.

The standard fonts of a red-header document hold one character set each: 仿宋_GB2312,
楷体_GB2312 and 方正小标宋简体 the 6763 characters of GB2312; 仿宋, 楷体, 黑体, 宋体 and the 方正
…_GBK fonts the 21003 of GBK. A character outside its font's set (堃 is GBK only; 䶮 is in
extension A and 𠮷 in extension B, in GB18030 only) is printed by Word and WPS in some other
font, visibly unlike the characters around it, often in a name on a signed paper; where no font
has it, as an empty box. The document cannot repair that, so the clerk is told which characters
in which font before printing (LibreOffice on this machine prints them from the Noto fonts,
so the effect cannot be seen here).

GB2312 is tested through Windows' code page 936 (GBK), whose GB2312 area is the two-byte codes
A1A1–F7FE: that is how the fonts map their glyphs (A1A4 is the middle dot U+00B7 there, while
Python's own gb2312 codec reads it as U+30FB).
"""
from __future__ import annotations

from typing import Optional

# Font families by the set they cover; the names are the ones core/fonts.py writes.
_GBK_FONTS = {"仿宋", "楷体", "黑体", "宋体", "新宋体", "FangSong", "KaiTi", "SimHei", "SimSun",
              "NSimSun", "华文仿宋", "华文楷体", "华文黑体", "华文宋体", "华文中宋", "STFangsong",
              "STKaiti", "STHeiti", "STSong", "STZhongsong"}


def font_charset(font: str) -> Optional[str]:
    """"gb2312", "gbk" or None (a font whose coverage is not known: nothing is said)."""
    name = (font or "").strip()
    if "GB2312" in name.upper() or name.endswith("简体") or name.endswith("-B05S") \
            or name.endswith("-Z02S") or "GB1" in name:
        return "gb2312"
    if name in _GBK_FONTS or name.upper().endswith("_GBK") or name.endswith(("-B05", "-Z02",
                                                                          "-Z03", "-B01", "-Z01")):
        return "gbk"
    return None


def is_han(ch: str) -> bool:
    """A Chinese character (the basic block, compatibility ideographs, extensions A to H)."""
    code = ord(ch)
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF
            or 0x20000 <= code <= 0x3FFFF)


def covered(ch: str, charset: str) -> bool:
    """Whether a Chinese character is in the set. Only ideographs are looked at: a sign such
    as ☑ is drawn by Word from a symbol font and looks the same whatever the text's font."""
    if not is_han(ch):
        return True
    try:
        code = ch.encode("cp936")
    except UnicodeEncodeError:
        return False
    if charset == "gbk":
        return True
    return len(code) == 2 and 0xA1 <= code[0] <= 0xF7 and 0xA1 <= code[1] <= 0xFE


def missing(text: str, charset: Optional[str]) -> list:
    """The characters of `text` outside `charset`, each once, in order."""
    if not charset or text.isascii():
        return []
    try:  # most text: every character in the set, one encode instead of one per character
        text.encode("gb2312" if charset == "gb2312" else "cp936")
        return []
    except UnicodeEncodeError:
        pass
    seen: list = []
    for ch in text:
        if ch not in seen and not covered(ch, charset):
            seen.append(ch)
    return seen


def warning(font: str, chars: list) -> str:
    """The sentence for the clerk."""
    shown = "".join(f"“{ch}”" for ch in chars)
    sets = {"gb2312": "GB2312", "gbk": "GBK"}
    return (f"{shown}不在字体“{font}”的字库（{sets.get(font_charset(font), '')}）中，Word/WPS打印时会用"
            f"其他字体代替，字形与前后文字不同，甚至印成方框；请打印后核对，必要时换用含这些字的字体或手写补正。")
