"""Files clerks pick by mistake: each gets a clear Chinese sentence and the data file is unchanged."""
from __future__ import annotations

import pytest
from docx import Document
from openpyxl import Workbook

from fazhi_desktop.core.errors import ValidationError
from fazhi_desktop.ledgers.importer import import_ledger

from .conftest import FIXTURES, make_workbook


def _docx(path):
    doc = Document()
    doc.add_paragraph("关于加强法治政府建设的提案")
    doc.save(path)
    return path


def _empty_sheet(path):
    Workbook().save(path)
    return path


def _no_header(path):
    return make_workbook(path, [["张三", 1, "随便写的"], ["李四", 2, "没有表头"]])


def _csv(path):
    path.write_text("届次,编号,案由,提案人\n区政协六届一次会议,1,关于,胡校丽\n", "utf-8")
    return path


def _gbk_csv(path):
    path.write_bytes("届次,编号,案由,提案人\n".encode("gbk"))
    return path


def _empty_file(path):
    path.write_bytes(b"")
    return path


def _fixture(name):
    return lambda path: FIXTURES / name


CASES = [
    ("renamed_doc", _fixture("word_renamed.xlsx"), "这是Word文档（.doc），不是Excel工作簿"),
    ("renamed_docx", _docx, "这是Word文档（.docx），不是Excel工作簿"),
    ("xls", _fixture("old_format.xls"), "这是旧版Excel工作簿（.xls），本软件只能读取.xlsx格式"),
    ("csv", _csv, "这是文本文件（如CSV），不是Excel工作簿"),
    ("gbk_csv", _gbk_csv, "这是文本文件（如CSV），不是Excel工作簿"),
    ("encrypted", _fixture("encrypted.xlsx"), "工作簿设置了打开密码（已加密）"),
    ("empty_sheet", _empty_sheet, "工作表是空的，没有任何数据"),
    ("no_header", _no_header, "前30行中没有找到可识别的表头"),
    ("empty_file", _empty_file, "文件是空的（0字节）"),
]


@pytest.mark.parametrize("name,make,expected", CASES, ids=[c[0] for c in CASES])
def test_bad_file_gets_a_clear_message_and_changes_nothing(name, make, expected, registry,
                                                           seed_proposal, tmp_path):
    registry.save("proposal", seed_proposal)
    audit_before = len(registry.audit_log())
    path = make(tmp_path / f"{name}.xlsx")
    with pytest.raises(ValidationError) as refused:
        import_ledger(registry, "proposal", path)
    message = str(refused.value)
    assert expected in message and "未做任何修改" in message
    assert registry.count("proposal") == 1 and len(registry.audit_log()) == audit_before


def test_missing_required_column_is_named(registry, tmp_path):
    path = make_workbook(tmp_path / "m.xlsx", [["届次", "编号", "提案人"], ["s", 1, "胡校丽"]])
    with pytest.raises(ValidationError) as refused:
        import_ledger(registry, "proposal", path)
    assert "表头缺少必需的列：案由" in str(refused.value)
