"""Telling a real .xlsx from the files clerks pick by mistake, before openpyxl sees them.

A renamed Word file, an old .xls, a CSV, a password-protected workbook (an OLE compound file
holding an EncryptedPackage) or an empty file each get a sentence saying what the file is and
what to do, instead of a zipfile traceback.

A workbook is a zip archive, and a small one can unpack to gigabytes (a "zip bomb", or just a
sheet of a million formatted empty rows). openpyxl reads the shared strings whole and the
sheets in full, so the sizes the archive declares are checked first (zipfile never returns
more than a member's declared size): no part may unpack past its cap, nor compress far better
than real spreadsheet XML does.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from ..core.errors import ValidationError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
SAVE_AS_XLSX = "请在Excel或WPS表格中打开，“另存为”Excel工作簿（*.xlsx）后再导入"
MB = 1024 * 1024
MAX_UNPACKED = 1024 * MB  # all parts together: a 300,000-row ledger is about a third of it
MAX_PART = 512 * MB  # one sheet
MAX_SHARED_STRINGS = 128 * MB  # read whole into memory by openpyxl
MAX_RATIO = 200  # real sheet XML compresses 5 to 30 times; runs of one byte, a thousand
RATIO_FLOOR = 4 * MB  # small parts (styles, themes) may compress well, they cost nothing
SPLIT_HINT = "请删去空白行列，或分成几个文件后再导入"


class UnreadableWorkbook(ValidationError):
    """The file cannot be imported; the single problem says why, in Chinese."""

    def __init__(self, path, reason: str):
        super().__init__([f"无法导入“{Path(path).name}”：{reason}。未做任何修改。"])


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def check_workbook_file(path) -> None:
    """Raise UnreadableWorkbook unless `path` looks like an .xlsx/.xlsm workbook."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise UnreadableWorkbook(path, "文件不存在") from None
    except OSError as exc:
        raise UnreadableWorkbook(path, f"无法读取文件（{exc.strerror or exc}）") from exc
    if size == 0:
        raise UnreadableWorkbook(path, "文件是空的（0字节）")
    if head.startswith(OLE_MAGIC):
        raise UnreadableWorkbook(path, _ole_reason(path))
    if head.startswith(ZIP_MAGIC):
        _check_zip(path)
        return
    if _looks_like_text(path):
        raise UnreadableWorkbook(path, f"这是文本文件（如CSV），不是Excel工作簿；{SAVE_AS_XLSX}")
    raise UnreadableWorkbook(path, f"这不是Excel工作簿（.xlsx）；{SAVE_AS_XLSX}")


def _ole_reason(path: Path) -> str:
    # The stream names sit in the compound file's directory, in UTF-16; reading the first
    # megabytes finds them without an OLE library.
    with open(path, "rb") as fh:
        data = fh.read(8 * 1024 * 1024)
    if _utf16("EncryptedPackage") in data or _utf16("EncryptionInfo") in data:
        return "工作簿设置了打开密码（已加密）；请在Excel或WPS中输入密码打开，取消密码后另存为.xlsx再导入"
    if _utf16("WordDocument") in data:
        return "这是Word文档（.doc），不是Excel工作簿"
    if _utf16("Workbook") in data or _utf16("Book") in data:
        return f"这是旧版Excel工作簿（.xls），本软件只能读取.xlsx格式；{SAVE_AS_XLSX}"
    if _utf16("PowerPoint Document") in data:
        return "这是PowerPoint演示文稿，不是Excel工作簿"
    return f"这是旧版Office文件，不是.xlsx格式的Excel工作簿；{SAVE_AS_XLSX}"


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        raise UnreadableWorkbook(path, "文件已损坏（不是完整的.xlsx压缩包），请重新保存或重新拷贝") from None
    names = {m.filename for m in members}
    if "xl/workbook.xml" in names:
        _check_sizes(path, members)
        return
    if "word/document.xml" in names:
        raise UnreadableWorkbook(path, "这是Word文档（.docx），不是Excel工作簿")
    if "ppt/presentation.xml" in names:
        raise UnreadableWorkbook(path, "这是PowerPoint演示文稿，不是Excel工作簿")
    if "content.xml" in names:
        raise UnreadableWorkbook(path, f"这是OpenDocument（.ods/.odt）文件；{SAVE_AS_XLSX}")
    raise UnreadableWorkbook(path, "这是一个压缩包，不是Excel工作簿")


def _part(name: str) -> str:
    """A zip member named for a clerk: what it is, then the name a technician looks for."""
    if name.endswith("sharedStrings.xml"):
        return f"文字内容部分（{name}）"
    if "worksheets/" in name:
        return f"工作表数据（{name}）"
    return f"“{name}”部分"


def _check_sizes(path: Path, members) -> None:
    """Refuse a workbook whose parts unpack past the caps, before anything is unpacked."""
    total = sum(m.file_size for m in members)
    if total > MAX_UNPACKED:
        raise UnreadableWorkbook(
            path, f"工作簿解压后有{total // MB}MB，超过可导入的上限{MAX_UNPACKED // MB}MB；{SPLIT_HINT}")
    for member in members:
        name, size = member.filename, member.file_size
        cap = MAX_SHARED_STRINGS if name.endswith("sharedStrings.xml") else MAX_PART
        if size > cap:
            raise UnreadableWorkbook(
                path, f"工作簿中的{_part(name)}解压后有{size // MB}MB，超过上限{cap // MB}MB；{SPLIT_HINT}")
        if size > RATIO_FLOOR and size > MAX_RATIO * max(member.compress_size, 1):
            raise UnreadableWorkbook(
                path, f"工作簿中的{_part(name)}压缩了{size // max(member.compress_size, 1)}倍"
                      f"（解压后{size // MB}MB），不像正常的表格内容，可能是恶意构造的文件，已拒绝读取")


def _looks_like_text(path: Path) -> bool:
    with open(path, "rb") as fh:
        sample = fh.read(4096)
    if b"\x00" in sample:
        return False
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            sample.decode(encoding)
            return True
        except UnicodeDecodeError as exc:
            if exc.start > len(sample) - 4:  # a character cut at the sample's end
                return True
    return False
