"""A text longer than an Excel cell holds (32,767 characters): the ledger says where it is cut,
and a re-import never puts the cut text in place of the whole text the clerk saved."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from fazhi_desktop.ledgers.cell_limit import CUT_MARK, MAX_CELL_TEXT, excel_length, fit_cell_text
from fazhi_desktop.ledgers.export import export_ledger
from fazhi_desktop.ledgers.importer import ImportOptions, ImportRefused, import_ledger

from . import factory

LONG_TITLE = "关于" + "".join(f"第{n}项法治建设工作" for n in range(4000))[:40_000] + "的提案"
LONG_FACTS = "双方因楼上漏水发生纠纷。" * 3400  # 40,800 characters


def _long_proposal(number: int = 2) -> dict:
    return dict(factory.proposal(number), title=LONG_TITLE)


def _cells(path):
    """Every cell value of every sheet of the workbook at `path`."""
    wb = load_workbook(path)
    return [cell.value for ws in wb.worksheets for row in ws.iter_rows() for cell in row]


def _set_cell(path, row: int, column: str, value) -> None:
    """The clerk edits a cell in Excel and saves."""
    wb = load_workbook(path)
    wb.worksheets[0][f"{column}{row}"] = value
    wb.save(path)


def _exported(office, tmp_path, items, kind="proposal"):
    office.add_many(kind, items)
    return export_ledger(office, kind, tmp_path / f"{kind}.xlsx", masked=False).path


@pytest.mark.parametrize("kind, field, text", [("proposal", "title", LONG_TITLE),
                                               ("mediation", "facts", LONG_FACTS)])
def test_a_cut_cell_ends_with_the_mark_within_excels_limit(kind, field, text, office,
                                                           tmp_path):
    record = dict(factory.records_of(kind, 1)[0], **{field: text})
    assert len(text) >= 40_000
    out = _exported(office, tmp_path, [record], kind)
    cut = [v for v in _cells(out) if isinstance(v, str) and v.startswith(text[:20])]
    assert len(cut) == 1
    assert cut[0].endswith(CUT_MARK)  # a reader of the printed ledger sees it goes on
    assert len(cut[0]) <= MAX_CELL_TEXT
    assert text.startswith(cut[0][:-len(CUT_MARK)])  # the beginning as the clerk wrote it


def test_reimport_with_update_keeps_the_stored_text_and_says_where(office, tmp_path):
    out = _exported(office, tmp_path, [factory.proposal(1), _long_proposal(2)])
    _set_cell(out, 4, "K", "已办结")  # the clerk also updates the long one's 办理状态
    report = import_ledger(office, "proposal", out, ImportOptions(existing="update"))
    assert report.problems == [] and report.updated == 2
    long_one = next(r for r in office.dump("proposal") if r["number"] == 2)
    assert long_one["title"] == LONG_TITLE  # the whole text, not its first 32,7xx characters
    assert long_one["status"] == "closed"  # the rest of the row was imported
    text = report.summary()
    assert "1个单元格的文字在台账中被截断，保留了数据文件中的完整原文" in text
    assert f"注意：工作表“提案台账”第4行D列（案由）：单元格以“{CUT_MARK}”结尾" in text
    assert f"数据文件中的原文共{len(LONG_TITLE)}字" in text
    assert "修改" not in text  # the clerk changed nothing in that cell


def test_a_changed_cut_cell_keeps_the_stored_text_and_says_the_change_was_not_taken(
        office, tmp_path):
    out = _exported(office, tmp_path, [_long_proposal(2)])
    cell = load_workbook(out).worksheets[0]["D3"].value
    _set_cell(out, 3, "D", "关于加强" + cell[4:])  # edited at its start, the mark left on
    report = import_ledger(office, "proposal", out, ImportOptions(existing="update"))
    assert office.dump("proposal")[0]["title"] == LONG_TITLE
    assert "第3行D列（案由）" in report.summary()
    assert "表中对这一列的修改因此未导入，如需修改请在程序中编辑该记录" in report.summary()


def test_a_ledger_cut_without_the_mark_by_an_older_version_keeps_the_stored_text(
        office, tmp_path):
    """Ledgers exported before the mark: openpyxl cut the cell at 32,767 characters."""
    out = _exported(office, tmp_path, [_long_proposal(2)])
    _set_cell(out, 3, "D", LONG_TITLE[:MAX_CELL_TEXT])
    report = import_ledger(office, "proposal", out, ImportOptions(existing="update"))
    assert office.dump("proposal")[0]["title"] == LONG_TITLE
    assert "第3行D列（案由）：单元格恰有32767个字符（Excel单元格的上限），是被截断的文字" in report.summary()


def test_a_cut_cell_is_never_a_new_record(office, empty_registry, tmp_path):
    out = _exported(office, tmp_path, [factory.proposal(1), _long_proposal(2)])
    with pytest.raises(ImportRefused) as refused:
        import_ledger(empty_registry, "proposal", out)
    lines = refused.value.report.problem_lines()
    assert len(lines) == 1
    assert lines[0].startswith(f"工作表“提案台账”第4行D列（案由）：单元格以“{CUT_MARK}”结尾")
    assert "这是一条新记录，不能用截断的文字导入" in lines[0]
    assert empty_registry.count("proposal") == 0

    bad = tmp_path / "有问题的行.xlsx"
    report = import_ledger(empty_registry, "proposal", out,
                           ImportOptions(keep_good=True, bad_rows_path=bad))
    assert report.created == 1 and report.bad_rows == [4]
    assert [r["number"] for r in empty_registry.dump("proposal")] == [1]
    returned = [v for v in _cells(bad) if isinstance(v, str) and v.startswith("关于第0项")]
    assert len(returned) == 1 and returned[0].endswith(CUT_MARK)  # given back as it was


def test_a_cut_cell_cannot_fill_a_field_the_stored_record_lacks(office, tmp_path):
    out = _exported(office, tmp_path, [factory.proposal(1)])
    assert "notes" not in office.dump("proposal")[0]
    _set_cell(out, 3, "P", "重点督办" * 10 + CUT_MARK)  # 备注, pasted from a printed ledger
    with pytest.raises(ImportRefused) as refused:
        import_ledger(office, "proposal", out, ImportOptions(existing="update"))
    line = refused.value.report.problem_lines()[0]
    assert line.startswith("工作表“提案台账”第3行P列（备注）")
    assert "数据文件中该记录的这一项是空的，不能用截断的文字导入" in line
    assert "notes" not in office.dump("proposal")[0]


def test_every_sheet_of_the_petition_workbook_marks_a_cut_text(office, tmp_path):
    unit = "姚孟街道" + "社区网格" * 9000
    out = _exported(office, tmp_path, [dict(factory.petition(0), unit=unit)], "petition")
    cut = [v for v in _cells(out) if isinstance(v, str) and v.startswith("姚孟街道社区")]
    assert len(cut) == 3  # the two monthly tables and the detail sheet
    assert all(v.endswith(CUT_MARK) and len(v) <= MAX_CELL_TEXT for v in cut)


def test_characters_outside_the_bmp_count_twice_as_in_excel():
    text = "\U00020000" * 20_000  # 𠀀, CJK Extension B: 40,000 UTF-16 units
    cut = fit_cell_text(text)
    assert cut.endswith(CUT_MARK) and excel_length(cut) <= MAX_CELL_TEXT
    assert excel_length(cut) >= MAX_CELL_TEXT - 1
    assert fit_cell_text("法治" * 16_000) == "法治" * 16_000  # 32,000: fits, unchanged


def test_a_row_with_a_cut_text_prints_whole_on_the_page(office, tmp_path):
    """The row of a text that long was 38,289 pt tall: LibreOffice printed the middle of its
    text alone on a page, without its 序号, dates or 发文字号. At Excel's tallest row (409.5 pt)
    and its long text from the top, the row prints with every cell, under it the rest."""
    from fazhi_desktop.office.libreoffice import convert_many

    from .. import pdfmeasure

    out = _exported(office, tmp_path, [factory.proposal(1), _long_proposal(2),
                                       factory.proposal(3)])
    pdf = convert_many([out], "pdf", tmp_path / "pdf")[0]
    doc = pdfmeasure.open_pdf(pdf)
    text = pdfmeasure.full_text(doc).replace("\n", "")
    assert len(doc) == 1  # the ledger on one page, as with short titles
    assert "平湛司〔2022〕2号" in text  # the long row's other cells are printed
    assert "关于第0项法治建设工作" in text  # its text from the beginning
    assert "填报单位（盖章）" in text  # and the sign-off under the table
