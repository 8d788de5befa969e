"""The document model: the elements of a GB/T 9704 document as plain data.

A document kind (reply, report, opinion form) fills an OfficialDocument; `render.write_document`
lays it out. Texts are plain strings; dates are ISO (2022-08-08) or already Chinese (2022年8月8日).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

from ..core.records import DEFAULT_FONTS


@dataclass
class FileHeader:
    """版头 of the 文件 format. `signers` non-empty makes it an upward document (上行文)."""

    marks: list  # issuing authorities, lead first; several = joint issue (联合行文)
    suffix: str = "文件"  # "" for a mark that is the authority's name alone
    doc_number: str = ""
    signers: list = field(default_factory=list)
    copy_number: str = ""  # 份号, 6 digits
    secrecy: str = ""  # 密级和保密期限: 秘密★1年
    urgency: str = ""  # 紧急程度: 特急 / 加急


@dataclass
class LetterHeader:
    """版头 of the 信函 format: mark 30 mm from the top, red double lines, number flush right."""

    mark: str
    doc_number: str = ""
    copy_number: str = ""
    secrecy: str = ""
    urgency: str = ""


@dataclass
class Paragraph:
    """A body paragraph. level None: detected from its start (一、 （一） 1. （1）), 0 plain."""

    text: str
    level: Optional[int] = None
    align: Optional[str] = None  # None (justified, indented 2 characters), "center", "right", "left"
    indent: bool = True


@dataclass
class Picture:
    """An image in the body, centred, `width_mm` wide (at most the text width)."""

    path: Union[str, Path]
    width_mm: float = 150.0
    caption: str = ""


@dataclass
class Table:
    """A simple ruled table in the body (4号仿宋 cells); widths in mm, summing to <= 156."""

    rows: list  # list of lists of str
    widths_mm: list
    header_rows: int = 1
    size_pt: float = 14.0
    row_height_mm: float = 10.0


@dataclass
class PageBreak:
    pass


Block = Union[Paragraph, Picture, Table, PageBreak, str]


@dataclass
class Signature:
    """署名 and 成文日期. sealed: date four characters from the right, names centred over it."""

    names: list  # one authority, or several for a joint issue
    date: str
    sealed: bool = True
    seal_image: Optional[Union[str, Path]] = None  # placed over name and date when given


@dataclass
class Colophon:
    """版记: 抄送 and 印发 between thick/thin lines at the bottom of the last page."""

    cc: list = field(default_factory=list)
    printed_by: str = ""
    printed_date: str = ""


@dataclass
class AttachmentPage:
    """附件 on its own page(s) before the 版记: "附件1" top left, title centred on line 3."""

    label: str
    title: str = ""
    body: list = field(default_factory=list)


@dataclass
class OfficialDocument:
    """Everything a GB/T 9704 document carries; empty/None elements are left out."""

    title: str
    header: Optional[Union[FileHeader, LetterHeader]] = None
    addressee: str = ""
    body: list = field(default_factory=list)  # Block items; a str is one paragraph per line
    corner_mark: str = ""  # e.g. the handling-result class "A" at the first page's top right
    above_title: str = ""  # e.g. "办理结果：A", on the first blank line under the red line
    attachments: list = field(default_factory=list)  # 附件说明 names
    signature: Optional[Signature] = None
    notes: list = field(default_factory=list)  # 附注 lines, printed in parentheses
    # A reply's 联系单位及电话/联系人 line: after the date, two characters in, no parentheses
    # (as the offices print it, seed 000); kept on one line.
    contact: str = ""
    attachment_pages: list = field(default_factory=list)
    colophon: Optional[Colophon] = None
    fonts: dict = field(default_factory=lambda: dict(DEFAULT_FONTS))
    page_numbers: bool = True
    # Elements refused when empty (ValidationError naming them): title, addressee, date.
    required: tuple = ("title", "addressee", "date")
