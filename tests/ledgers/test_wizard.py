"""The import wizard and the export dialog as a clerk uses them (pytest-qt, offscreen)."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from fazhi_desktop.gui.dialogs.export_ledger import ExportLedgerDialog
from fazhi_desktop.gui.dialogs.import_wizard import (PAGE_MAPPING, PAGE_PREVIEW, PAGE_RESULT,
                                                     ImportWizard)

from . import factory, messy
from .conftest import FIXTURES, make_workbook

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def wizard(qtbot, office):
    wiz = ImportWizard(office, "proposal")
    qtbot.addWidget(wiz)
    wiz.show()
    return wiz


def test_clerk_imports_a_messy_ledger_keeping_the_good_rows(qtbot, wizard, office, tmp_path):
    ledger = messy.make_messy_ledger(tmp_path / "台账.xlsx")
    wizard.file_page.path_edit.setText(str(ledger))
    wizard.next()
    assert wizard.currentId() == PAGE_MAPPING
    page = wizard.mapping_page
    shown = {page.table.item(r, 1).text(): page.table.cellWidget(r, 2).currentText()
             for r in range(page.table.rowCount())}
    assert shown["会议名称"] == "届次" and shown["标题"] == "案由" and shown["委员"] == "提案人"
    assert shown["承办单位"] == "主办单位" and shown["答复类别"] == "办理结果"
    assert shown["序号"] == "序号（仅计数，不导入）"
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_PREVIEW, timeout=20000)
    preview = wizard.preview_page
    rows = [(preview.problems.item(r, 0).text(), preview.problems.item(r, 1).text(),
             preview.problems.item(r, 2).text()) for r in range(preview.problems.rowCount())]
    assert rows == [
        (str(messy.row_of(137)), "I（交办时间）",
         "不是有效日期，实为“2022年2月30日”（应为日期，如2022年8月8日、2022-08-08、2022.8.8或2022/8/8）"),
        (str(messy.row_of(402)), "D（标题）", "缺少必填项“案由（标题）”"),
    ]
    assert "500行数据，498行无误，2行有问题" in preview.summary.text()
    assert preview.keep_good.isChecked()  # problems found: the good rows only is offered first
    preview.all_or_nothing.setChecked(True)
    assert not preview.isComplete()  # all-or-nothing cannot go ahead with two bad rows
    preview.keep_good.setChecked(True)
    bad_path = tmp_path / "退回.xlsx"
    preview.bad_path.setText(str(bad_path))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_RESULT, timeout=30000)
    assert office.count("proposal") == 498
    assert "新增498条" in wizard.result_page.text.text()
    assert load_workbook(bad_path).active.max_row == 4  # title, header, two rows


def test_clerk_corrects_a_column_mapping_and_updates_existing(qtbot, wizard, office, tmp_path,
                                                             seed_proposal):
    office.save("proposal", seed_proposal)
    path = make_workbook(tmp_path / "x.xlsx", [
        ["届次", "编号", "案由", "提案人", "说明文字"],
        ["区政协六届一次会议", 28, "关于加强法治政府建设", "胡校丽", "已面商"],
        ["区政协六届一次会议", 29, "关于规范执法", "李强", "重点"],
    ])
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    page = wizard.mapping_page
    assert page.combos[4].currentText() == "（不导入）"
    page.choose(4, "notes")  # the clerk says 说明文字 is 备注
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_PREVIEW, timeout=20000)
    preview = wizard.preview_page
    assert preview.update_existing.isVisibleTo(wizard)
    assert "1条记录在数据文件中已存在（如第2行区政协六届一次会议第28号提案）" in preview.existing_label.text()
    preview.update_existing.setChecked(True)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_RESULT, timeout=20000)
    got = {r["number"]: r for r in office.dump("proposal")}
    assert got[28]["notes"] == "已面商" and got[29]["notes"] == "重点"
    assert got[28]["reply"]["body"] == seed_proposal["reply"]["body"]


def test_a_bad_file_is_explained_on_the_first_page(wizard):
    wizard.file_page.path_edit.setText(str(FIXTURES / "encrypted.xlsx"))
    wizard.next()
    assert wizard.currentId() == 0
    assert "工作簿设置了打开密码" in wizard.file_page.message.text()


def test_template_from_the_wizard_is_recognised(wizard, tmp_path):
    target = tmp_path / "模板.xlsx"
    wizard.file_page.write_template_to(target)
    assert "已保存空白模板" in wizard.file_page.message.text()
    wizard.file_page.path_edit.setText(str(target))
    wizard.next()
    assert wizard.currentId() == PAGE_MAPPING


def test_export_dialog_writes_the_chosen_year_masked_by_default(qtbot, office, tmp_path):
    office.add_many("mediation", factory.records_of("mediation", 4))
    dialog = ExportLedgerDialog(office, "mediation")
    qtbot.addWidget(dialog)
    years = [dialog.year_box.itemText(i) for i in range(dialog.year_box.count())]
    assert years == ["全部年度", "2022年"]
    dialog.year_box.setCurrentIndex(1)
    assert dialog.path_edit.text().endswith("湛河区司法局2022年人民调解案件登记台账.xlsx")
    assert not dialog.unmask_box.isChecked()
    target = tmp_path / "调解.xlsx"
    dialog.path_edit.setText(str(target))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20000)
    ws = load_workbook(target).active
    assert ws["A1"].value == "湛河区司法局2022年人民调解案件登记台账"
    assert "*" in ws["J3"].value or "*" in ws["I3"].value


def test_export_dialog_names_an_unmasked_ledger_and_notes_it(qtbot, office, tmp_path):
    office.add_many("mediation", factory.records_of("mediation", 4))
    dialog = ExportLedgerDialog(office, "mediation")
    qtbot.addWidget(dialog)
    dialog.year_box.setCurrentIndex(1)
    dialog.path_edit.setText(str(tmp_path / "x.xlsx"))
    dialog.unmask_box.setChecked(True)
    assert dialog.path_edit.text() == str(
        tmp_path / "湛河区司法局2022年人民调解案件登记台账（含完整身份证号）.xlsx")
    dialog.start()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20000)
    ws = load_workbook(dialog.result.path).active
    assert ws["A1"].value.endswith("（含完整身份证号）")
    note = office.audit_log(limit=1)[0]
    assert note["action"] == "export" and "含完整身份证号" in note["after"]["text"]


def test_preview_shows_the_rows_as_read_with_bad_rows_marked(qtbot, wizard, tmp_path):
    ledger = messy.make_messy_ledger(tmp_path / "台账.xlsx", count=150)
    wizard.file_page.path_edit.setText(str(ledger))
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_PREVIEW, timeout=20000)
    data = wizard.preview_page.data
    headers = [data.horizontalHeaderItem(c).text() for c in range(data.columnCount())]
    assert headers[:4] == ["行", "编号", "届次", "案由"]
    assert data.rowCount() == 150
    second = [data.item(1, c).text() for c in range(4)]
    assert second == [str(messy.row_of(2)), "2", messy.SESSION, "关于第2项工作的提案"]  # merged
    bad = messy.row_of(messy.BAD_DATE_AT) - messy.HEADER_ROW - 1
    assert data.item(bad, 0).background().color().name() == "#fde7e7"
    assert data.item(0, 0).background().color().name() != "#fde7e7"  # a good row is not tinted
    assert wizard.preview_page.tabs.tabText(0) == "问题（1）"


def test_clerk_maps_a_missing_column_and_types_the_session(qtbot, wizard, office, tmp_path):
    path = make_workbook(tmp_path / "s.xlsx", [
        ["号", "题目内容", "提案人", "界别"], [5, "关于规范执法", "李强", "民盟"]])
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    page = wizard.mapping_page
    assert wizard.currentId() == PAGE_MAPPING and page.session_edit.isVisibleTo(wizard)
    wizard.next()
    assert wizard.currentId() == PAGE_MAPPING
    assert "还没有列对应必填的“编号、案由”" in page.message.text()
    page.choose(0, "number")
    page.choose(1, "title")
    wizard.next()
    assert "请在上面填写各行的届次" in page.message.text()
    page.session_edit.setText("区政协六届一次会议")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_PREVIEW, timeout=20000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_RESULT, timeout=20000)
    got = office.dump("proposal")[0]
    assert (got["session"], got["number"], got["title"]) == ("区政协六届一次会议", 5, "关于规范执法")


def test_preview_says_which_sheets_and_cells_were_not_read(qtbot, wizard, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "提案"
    wb.active.append(["届次", "编号", "案由", "提案人"])
    wb.active.append(["区政协六届一次会议", 1, "关于加强法治建设的提案", "胡校丽"])
    hidden = wb.create_sheet("旧数据")
    hidden.append(["届次", "编号", "案由"])
    hidden.sheet_state = "hidden"
    wb.save(tmp_path / "台账.xlsx")
    wizard.file_page.path_edit.setText(str(tmp_path / "台账.xlsx"))
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_PREVIEW, timeout=20000)
    text = wizard.preview_page.summary.text()
    assert "没有发现问题。" in text
    assert "注意：工作表“旧数据”是隐藏的，也有台账表头（第1行），未导入" in text
