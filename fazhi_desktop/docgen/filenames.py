"""File names a clerk's Windows will accept: forbidden characters replaced, reserved names avoided,
length kept in bounds, and a （2）, （3）… suffix when the name is taken."""
from __future__ import annotations

import re
from pathlib import Path

# Characters Windows refuses in a file name, replaced by their full-width look-alikes so the name
# still reads the same to a clerk (“关于A/B的提案” -> “关于A／B的提案”).
_FULLWIDTH = {"<": "＜", ">": "＞", ":": "：", '"': "＂", "/": "／", "\\": "＼", "|": "｜",
              "?": "？", "*": "＊"}
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}
MAX_STEM = 100  # a deep folder plus 100 characters stays under Windows' 260-character limit


def safe_stem(name: str, *, fallback: str = "未命名") -> str:
    """`name` made into a file-name stem that Windows and Linux both accept."""
    text = "".join(_FULLWIDTH.get(ch, ch) for ch in str(name))
    text = re.sub(r"[\x00-\x1f\x7f]", "", text)  # control characters (tabs, line breaks)
    text = re.sub(r"\s+", " ", text).strip()
    text = text.rstrip(". ")  # Windows drops trailing dots and spaces silently
    if len(text) > MAX_STEM:
        text = text[:MAX_STEM].rstrip(". ")
    if not text:
        text = fallback
    if text.split(".")[0].upper() in _RESERVED:
        text = "_" + text
    return text


def unique_stem(folder, stem: str, suffixes=(".docx",), *, taken=()) -> str:
    """`stem`, or stem（2）, stem（3）… so that no stem+suffix exists in `folder` or is in `taken`.

    `taken` holds paths already promised in this run; names compare without case, as on Windows.
    """
    folder = Path(folder)
    taken_lower = {str(p).lower() for p in taken}
    n = 1
    while True:
        name = stem if n == 1 else f"{stem}（{n}）"
        paths = [folder / f"{name}{suffix}" for suffix in suffixes]
        if not any(p.exists() or str(p).lower() in taken_lower for p in paths):
            return name
        n += 1
