"""Reading a colleague's draft into blocks in reading order: .docx, .doc/.wps, plain text.

Qt-free. python-docx gives paragraphs and tables but not their order, pictures or footnotes:
those are read from the body XML (`w:p`, `w:tbl`, `w:drawing`, `w:footnoteReference`) below
python-docx's object layer. A .doc or .wps file is first converted to .docx by the office
suite found at run time (LibreOffice here; WPS/Word through COM are not used for this, which
is unverified on Windows). The draft itself is only ever read.
"""
from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ...core.errors import FazhiError
from ..nobreak import visible

DOCX_SUFFIXES = (".docx",)
CONVERTED_SUFFIXES = (".doc", ".wps", ".rtf", ".odt", ".wpt", ".dot")
TEXT_SUFFIXES = (".txt", ".text")
SUPPORTED_SUFFIXES = DOCX_SUFFIXES + CONVERTED_SUFFIXES + TEXT_SUFFIXES

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_MAX_TEXT_BYTES = 20 * 1024 * 1024


class DraftUnreadable(FazhiError):
    """A draft that cannot be read at all (its message is Chinese, for the clerk)."""


@dataclass
class Style:
    """What the draft says about a paragraph's look (None: not said, inherited)."""

    font: Optional[str] = None  # East Asian font name
    size_pt: Optional[float] = None
    bold: Optional[bool] = None
    align: Optional[str] = None  # "center", "right", "left", "both"
    first_indent_pt: Optional[float] = None
    line_spacing_pt: Optional[float] = None  # exact/at-least spacing in points
    line_spacing_multiple: Optional[float] = None


@dataclass
class Block:
    """One paragraph, table or picture of the draft, where it stands."""

    kind: str  # "text", "table", "picture"
    text: str = ""
    position: int = 0  # 1-based paragraph count in the draft, for messages (第N段)
    style: Style = field(default_factory=Style)
    rows: list = field(default_factory=list)  # a table's cell texts
    image_path: Optional[Path] = None  # a picture extracted to the work folder
    image_width_mm: float = 0.0


@dataclass
class Draft:
    """A draft as read: blocks, the page set-up (docx), and what could not be carried over."""

    source: Path
    blocks: list
    fmt: str  # "docx", "text"
    margins_mm: Optional[dict] = None  # top/bottom/left/right, docx only
    dropped: list = field(default_factory=list)  # Chinese sentences: footnotes, objects …
    encoding: str = ""


def read_draft(path, work_dir: Optional[Path] = None) -> Draft:
    """Read any supported draft; DraftUnreadable with a Chinese message otherwise."""
    path = Path(path)
    if not path.is_file():
        raise DraftUnreadable(f"找不到文稿：{path}")
    suffix = path.suffix.lower()
    work_dir = Path(work_dir or tempfile.mkdtemp(prefix="fazhi-typeset-"))
    if suffix in TEXT_SUFFIXES:
        return read_text(path)
    if suffix in DOCX_SUFFIXES:
        return read_docx(path, work_dir)
    if suffix in CONVERTED_SUFFIXES:
        converted = _convert_to_docx(path, work_dir)
        draft = read_docx(converted, work_dir)
        draft.source = path
        return draft
    raise DraftUnreadable(f"不支持的文稿类型“{path.suffix or '无扩展名'}”（{path.name}）："
                          "请使用 .docx、.doc、.wps 或 .txt 文件。")


# ------------------------------------------------------------------ plain text
def decode_text(data: bytes) -> tuple:
    """(text, encoding name): UTF-8 (with or without BOM), else GB18030 (GBK, GB2312)."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding), ("UTF-8" if encoding == "utf-8-sig" else "GB18030")
        except UnicodeDecodeError:
            continue
    raise DraftUnreadable("文稿的文字编码无法识别：请另存为UTF-8或GB18030编码的文本文件。")


def read_text(path: Path) -> Draft:
    size = path.stat().st_size
    if size > _MAX_TEXT_BYTES:
        raise DraftUnreadable(f"文稿过大（{size // 1024 // 1024}MB），不像是一份公文草稿：{path.name}")
    text, encoding = decode_text(path.read_bytes())
    return Draft(source=path, blocks=text_blocks(text), fmt="text", encoding=encoding)


def text_blocks(text: str) -> list:
    """Paragraphs of pasted or plain text: one per line, lines broken at a fixed width (text
    copied from a PDF or a web page) joined back. Blank lines only separate."""
    # Leading and trailing spaces (also the full-width U+3000 used to indent) are layout.
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    paragraphs = _join_wrapped(lines)
    return [Block(kind="text", text=p, position=i) for i, p in enumerate(paragraphs, 1)]


_SENTENCE_END = tuple("。！？；：”」』）)…")


def _join_wrapped(lines: list) -> list:
    """Join lines that a fixed width broke mid-sentence.

    A line is taken as wrapped when it is as long as the draft's common full line (within two
    characters) and does not end a sentence, and the next line is not a heading or a closing part.
    Only line breaks are removed; no character is changed.
    """
    from ..text import heading_level

    full = _common_full_width(lines)
    # Text copied out of a PDF often has a blank line after every line: then blank lines say
    # nothing about paragraphs, and only the width does.
    filled = [line for line in lines if line]
    blank = len(lines) - len(filled)
    blank_is_layout = len(filled) >= 4 and blank >= 0.8 * (len(filled) - 1)
    out: list = []
    joining = False
    for line in lines:
        if not line:
            joining = joining and blank_is_layout
            continue
        if joining and out and not heading_level(line) and not _starts_closing_part(line):
            out[-1] += line
        else:
            out.append(line)
        joining = bool(full) and len(line) >= full - 2 and not line.endswith(_SENTENCE_END)
    return out


def _common_full_width(lines: list) -> int:
    """The length most long lines share (a wrapped draft's line width), or 0 if none does."""
    lengths = [len(line) for line in lines if len(line) >= 15]
    if len(lengths) < 3:
        return 0
    counts: dict = {}
    for n in lengths:
        counts[n] = counts.get(n, 0) + 1
    width, seen = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    # Wrapped text: many lines of one length, and that length is the longest but for a few.
    if seen < 3 or seen < len(lengths) // 4:
        return 0
    longer = sum(1 for n in lengths if n > width + 2)
    return width if longer <= len(lengths) // 10 else 0


_CLOSING_START = re.compile(r"^(附件[:：\d]|抄送[:：]|主送[:：]|（?联系人|（此件|（?联系电话)")


def _starts_closing_part(line: str) -> bool:
    return bool(_CLOSING_START.match(line))


# ------------------------------------------------------------------ .docx
def _convert_to_docx(path: Path, work_dir: Path) -> Path:
    from ...office.libreoffice import ConversionFailed, convert, find_soffice

    if not find_soffice():
        raise DraftUnreadable(f"“{path.name}”是{path.suffix}格式，需要LibreOffice把它转换为.docx，"
                              "本机未找到LibreOffice：请在WPS或Word中另存为.docx后再排版。")
    out_dir = work_dir / "converted"
    try:
        return convert(path, "docx:MS Word 2007 XML", out_dir)
    except ConversionFailed as exc:
        raise DraftUnreadable(f"无法读取“{path.name}”：{exc}") from exc


def read_docx(path: Path, work_dir: Path) -> Draft:
    import zipfile

    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DraftUnreadable(f"“{path.name}”不是有效的Word文档（.docx），无法读取。") from exc
    reader = _DocxReader(document, work_dir)
    blocks = reader.blocks()
    return Draft(source=path, blocks=blocks, fmt="docx", margins_mm=_margins(document),
                 dropped=reader.dropped)


def _margins(document) -> Optional[dict]:
    sections = document.sections
    if not sections:
        return None
    s = sections[0]
    values = {"top": s.top_margin, "bottom": s.bottom_margin, "left": s.left_margin,
              "right": s.right_margin}
    if any(v is None for v in values.values()):
        return None
    return {k: round(v.mm, 1) for k, v in values.items()}


class _DocxReader:
    """Walks the body in order; styles resolved through python-docx's style chain."""

    def __init__(self, document, work_dir: Path):
        self.document = document
        self.work_dir = work_dir
        self.dropped: list = []
        self.position = 0
        self.pictures = 0

    def blocks(self) -> list:
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        body = self.document.element.body
        out = []
        for child in body.iterchildren():
            if child.tag == _W + "p":
                out.extend(self._paragraph(Paragraph(child, self.document)))
            elif child.tag == _W + "tbl":
                self.position += 1
                out.append(self._table(Table(child, self.document)))
            elif child.tag == _W + "sdt":  # content controls: read their paragraphs
                for p in child.iter(_W + "p"):
                    out.extend(self._paragraph(Paragraph(p, self.document)))
        return out

    def _paragraph(self, paragraph) -> list:
        self.position += 1
        element = paragraph._p
        out = []
        text = _paragraph_text(element)
        footnotes = len(element.findall(".//" + _W + "footnoteReference"))
        endnotes = len(element.findall(".//" + _W + "endnoteReference"))
        if footnotes or endnotes:
            self.dropped.append(f"第{self.position}段的{footnotes + endnotes}个脚注/尾注未带入"
                                "（公文正文不用脚注，请把内容写入正文或附注）。")
        if text.strip():
            out.append(Block(kind="text", text=text, position=self.position,
                             style=_paragraph_style(paragraph)))
        # Text boxes anchored here (a 版记 or a 署名 set in a frame): their paragraphs, in order.
        for box in element.iter(_W + "txbxContent"):
            if _inside(box, _MC + "Fallback") or _inside(box, _W + "txbxContent"):
                continue
            for inner in box.iter(_W + "p"):
                inner_text = _paragraph_text(inner)
                if inner_text.strip():
                    out.append(Block(kind="text", text=inner_text, position=self.position))
        for blip in element.iter(_A + "blip"):
            picture = self._picture(blip, element)
            if picture:
                out.append(picture)
        for obj in element.iter(_W + "object"):
            self.dropped.append(f"第{self.position}段有一个嵌入对象（如公式或图表），未带入。")
        return out

    def _picture(self, blip, paragraph_element) -> Optional[Block]:
        rel_id = blip.get(_R + "embed")
        part = self.document.part.related_parts.get(rel_id) if rel_id else None
        if part is None:
            self.dropped.append(f"第{self.position}段的一张链接图片不在文档内，未带入。")
            return None
        self.pictures += 1
        ext = Path(getattr(part, "partname", "image.png")).suffix or ".png"
        target = self.work_dir / f"picture{self.pictures}{ext}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(part.blob)
        width_mm = 150.0
        extent = paragraph_element.find(".//{http://schemas.openxmlformats.org/drawingml/2006/"
                                        "wordprocessingDrawing}extent")
        if extent is not None and extent.get("cx", "").isdigit():
            width_mm = min(156.0, int(extent.get("cx")) / 36000)
        return Block(kind="picture", position=self.position, image_path=target,
                     image_width_mm=round(width_mm, 1))

    def _table(self, table) -> Block:
        rows = []
        for row in table.rows:
            cells, last = [], None
            for cell in row.cells:  # merged cells repeat: keep each once per row
                if last is not None and cell._tc is last:
                    continue
                last = cell._tc
                cells.append("\n".join(_paragraph_text(p._p) for p in cell.paragraphs).strip())
            rows.append(cells)
        width = max((len(r) for r in rows), default=0)
        rows = [r + [""] * (width - len(r)) for r in rows]
        return Block(kind="table", position=self.position, rows=rows)


def _paragraph_text(element) -> str:
    """The paragraph's text with manual line breaks as "\\n" and tabs as spaces; field codes
    and deleted (tracked) text left out, inserted text kept."""
    parts = []
    for node in element.iter():
        tag = node.tag
        if tag == _W + "t":
            # deleted (tracked) text, a text box's own text (read on its own), the VML copy
            # that Word keeps of a drawing for old readers
            if (_inside(node, _W + "del") or _inside(node, _W + "txbxContent", stop=element)
                    or _inside(node, _MC + "Fallback")):
                continue
            parts.append(node.text or "")
        elif tag == _W + "tab":
            parts.append(" ")
        elif tag in (_W + "br", _W + "cr"):
            if _inside(node, _W + "txbxContent", stop=element):
                continue
            if node.get(_W + "type") in (None, "textWrapping"):
                parts.append("\n")
    # The app's own documents hold word joiners that keep numbers on one line (docgen/nobreak.py)
    return visible("".join(parts)).strip("\n")


def _inside(node, tag: str, stop=None) -> bool:
    """Whether an ancestor of `node` (below `stop`, if given) has this tag."""
    parent = node.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


def _paragraph_style(paragraph) -> Style:
    """The look the paragraph has: direct formatting first, then its style chain."""
    style = Style()
    fmt = paragraph.paragraph_format
    alignment = fmt.alignment if fmt.alignment is not None else _style_attr(
        paragraph.style, lambda s: s.paragraph_format.alignment)
    if alignment is not None:
        style.align = {0: "left", 1: "center", 2: "right", 3: "both"}.get(int(alignment), "both")
    indent = fmt.first_line_indent if fmt.first_line_indent is not None else _style_attr(
        paragraph.style, lambda s: s.paragraph_format.first_line_indent)
    if indent is not None:
        style.first_indent_pt = round(indent.pt, 1)
    indent_chars = _first_line_chars(paragraph)
    if indent_chars is not None and style.first_indent_pt is None:
        style.first_indent_pt = indent_chars * 16.0  # in characters: taken at 3号 (16 pt)
    spacing = fmt.line_spacing if fmt.line_spacing is not None else _style_attr(
        paragraph.style, lambda s: s.paragraph_format.line_spacing)
    if spacing is not None:
        if hasattr(spacing, "pt"):
            style.line_spacing_pt = round(spacing.pt, 1)
        else:
            style.line_spacing_multiple = float(spacing)
    runs = [r for r in paragraph.runs if r.text.strip()]
    defaults = _doc_defaults(paragraph)
    if runs:
        run = runs[0]
        style.font = _run_east_asia_font(run) or _style_attr(paragraph.style, _style_font)
        size = run.font.size or _style_attr(paragraph.style, lambda s: s.font.size)
        style.size_pt = round(size.pt, 1) if size is not None else defaults.get("size_pt")
        style.font = style.font or defaults.get("font")
        bold = run.font.bold if run.font.bold is not None else _style_attr(
            paragraph.style, lambda s: s.font.bold)
        style.bold = bool(bold) if bold is not None else None
    return style


def _doc_defaults(paragraph) -> dict:
    """The document's default run properties (w:docDefaults): Word's own 11 pt when a draft
    sets no size anywhere else. Theme fonts (minorEastAsia) name no font."""
    part = paragraph.part
    cached = getattr(part, "_fazhi_defaults", None)
    if cached is not None:
        return cached
    found: dict = {}
    styles = part.document.styles.element if hasattr(part, "document") else None
    rpr = styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr") if styles is not None else None
    if rpr is not None:
        size = rpr.find(f"{_W}sz")
        if size is not None and (size.get(_W + "val") or "").isdigit():
            found["size_pt"] = int(size.get(_W + "val")) / 2
        fonts = rpr.find(f"{_W}rFonts")
        if fonts is not None and fonts.get(_W + "eastAsia"):
            found["font"] = fonts.get(_W + "eastAsia")
    part._fazhi_defaults = found
    return found


def _first_line_chars(paragraph) -> Optional[float]:
    ind = paragraph._p.find(f"{_W}pPr/{_W}ind")
    if ind is None:
        return None
    value = ind.get(_W + "firstLineChars")
    return int(value) / 100 if value and value.lstrip("-").isdigit() else None


def _run_east_asia_font(run) -> Optional[str]:
    rpr = run._r.rPr
    if rpr is None or rpr.rFonts is None:
        return run.font.name
    return rpr.rFonts.get(_W + "eastAsia") or run.font.name


def _style_font(style) -> Optional[str]:
    rpr = style.element.rPr
    if rpr is not None and rpr.rFonts is not None:
        return rpr.rFonts.get(_W + "eastAsia") or style.font.name
    return style.font.name


def _style_attr(style, getter):
    while style is not None:
        try:
            value = getter(style)
        except (AttributeError, ValueError):
            value = None
        if value is not None:
            return value
        style = style.base_style
    return None
