"""The document's font table: each profile font declared with its GB2312 charset and the
alternative Word should print with when the font is missing (w:altName), so that a PC without
仿宋_GB2312 prints 仿宋, as core/fonts.py tells the clerk beforehand."""
from __future__ import annotations

from lxml import etree

from ..core.fonts import ALT_NAMES
from . import ooxml as X
from .ooxml import escape

_FAMILY = {"黑体": "swiss"}


def alt_name(font: str) -> str:
    return ALT_NAMES.get(font, "")


def declare_fonts(document, fonts) -> None:
    """Add a w:font entry for every font name in `fonts` (an iterable) to the font table."""
    part = next((rel.target_part for rel in document.part.rels.values()
                 if rel.reltype.endswith("/fontTable")), None)
    if part is None:
        return
    root = etree.fromstring(part.blob)
    known = {el.get(f"{{{X.W_NS}}}name") for el in root}
    for font in dict.fromkeys(fonts):
        if not font or font in known:
            continue
        alt = alt_name(font)
        alt_xml = f'<w:altName w:val="{escape(alt)}"/>' if alt else ""
        root.append(etree.fromstring(
            f'<w:font xmlns:w="{X.W_NS}" w:name="{escape(font, {chr(34): "&quot;"})}">'
            f'{alt_xml}<w:charset w:val="86"/><w:family w:val="{_FAMILY.get(font, "roman")}"/>'
            '<w:pitch w:val="variable"/></w:font>'))
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
