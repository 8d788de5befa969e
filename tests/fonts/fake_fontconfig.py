"""A fake fontconfig for font-name tests: a temp folder of fonts renamed the way Kylin and UOS
install the document fonts (仿宋 / FangSong instead of 仿宋_GB2312 …), and a fonts.conf that
lists only that folder, or that folder beside the system's fonts, selected with FONTCONFIG_FILE.

The fonts are copies of a free CJK font on this machine (WenQuanYi Zen Hei, else Noto), cut
down to the characters the tests print (fontTools' subsetter) and given new family names in
English and Chinese (name IDs 1/4/6 for Windows' en-US and zh-CN): fontconfig then lists them
as a Kylin PC lists its fonts, e.g. "FangSong,仿宋" with familylang "en,zh-cn".
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Optional
from xml.sax.saxutils import escape

SOURCES = ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
           "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
           "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
EN_US, ZH_CN = 0x409, 0x804


def source_font() -> Optional[str]:
    return next((p for p in SOURCES if Path(p).exists()), None)


def renamed_font(target: Path, *, en: str, zh: Optional[str], postscript: str,
                 text: str, source: str) -> Path:
    """A copy of `source` holding the glyphs of `text`, named `en` (and `zh` in Chinese)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(source, fontNumber=0)
    options = subset.Options()
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    name = font["name"]
    name.names = []
    for lang, family in ((EN_US, en), (ZH_CN, zh)):
        if family:
            name.setName(family, 1, 3, 1, lang)
            name.setName("Regular", 2, 3, 1, lang)
            name.setName(family, 4, 3, 1, lang)
    name.setName(postscript, 6, 3, 1, EN_US)
    font.save(str(target))
    return target


def write_conf(folder: Path, font_dir: Path, *, with_system_fonts: bool) -> Path:
    """fonts.conf listing `font_dir` (and the system's fonts when asked), its own cache."""
    system = "<include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>" \
        if with_system_fonts else ""
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"{system}<dir>{escape(str(font_dir))}</dir>"
        f"<cachedir>{escape(str(folder / 'cache'))}</cachedir>\n</fontconfig>\n",
        encoding="utf-8")
    return conf


def fc_families(conf: Path) -> str:
    """What fc-list shows under that configuration (for failure messages)."""
    if not shutil.which("fc-list"):
        return ""
    return subprocess.run(["fc-list", "--format", "%{family}|%{familylang}\n"],
                          capture_output=True, text=True,
                          env={"FONTCONFIG_FILE": str(conf), "PATH": "/usr/bin:/bin"}).stdout
