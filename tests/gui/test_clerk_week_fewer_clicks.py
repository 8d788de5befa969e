"""Issue 17.4, fewer clicks: a new record proposes the next free 编号 / 案件编号 and the last 届次
and 主办单位; dates typed as 2026.9.20, 2026/9/20, 2026年9月20日 are taken in every editor;
after 生成答复件 the date used stays in the record and 设为已答复 is offered; the recovery
question names the record.
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from fazhi_desktop.core import drafts, numbering
from fazhi_desktop.core.dates import today
from fazhi_desktop.gui import reply_action
from fazhi_desktop.gui.editor.record_editor import RecordEditor

from .conftest import type_text


def proposal(number, session="区政协六届一次会议", lead_unit="湛河区司法局", **more):
    return {"session": session, "number": number, "title": f"关于第{number}项工作",
            "authors": ["委员甲"], "lead_unit": lead_unit, **more}


@pytest.fixture
def new_editor(qtbot, office):
    def make(kind="proposal", record_id=None):
        editor = RecordEditor(office, kind, record_id)
        qtbot.addWidget(editor)
        editor.show()
        qtbot.waitUntil(editor.isActiveWindow)
        return editor
    return make


# ------------------------------------------------------------------ proposed values
def test_a_new_proposal_starts_with_the_next_free_number_and_the_last_session_and_lead_unit(
        qtbot, office, new_editor):
    office.add_many("proposal", [proposal(n) for n in (1, 2, 7)] +
                    [proposal(30, session="区政协六届二次会议", lead_unit="区司法局")])
    editor = new_editor()
    assert editor.widget("session").text() == "区政协六届二次会议"  # the one entered last
    assert editor.widget("number").text() == "31"
    assert editor.widget("lead_unit").text() == "区司法局"
    # another session typed: the number follows it (the highest of that session + 1)
    editor.widget("session").set_value("区政协六届一次会议")  # as picked from the completer
    editor.widget("session").changed.emit()
    assert editor.widget("number").text() == "8"
    # typing into a proposed field replaces what was proposed, it does not add to it
    type_text(editor.widget("number"), "12")
    assert editor.widget("number").text() == "12"
    editor.widget("authors").set_value(["委员乙"])
    editor.widget("title").set_value("关于新的一项")
    assert editor.save()
    assert office.get("proposal", editor.record_id)["number"] == 12


def test_the_first_proposal_takes_the_offices_name_as_lead_unit(office, new_editor):
    editor = new_editor()
    assert editor.widget("lead_unit").text() == "湛河区司法局"  # 机关规范简称 of the profile
    assert editor.widget("session").text() == "" and editor.widget("number").text() == ""


def test_a_new_mediation_case_proposes_the_next_case_number_of_the_year(qtbot, office):
    from fazhi_desktop.gui.pages.mediation_editor import MediationEditor

    year = today().year
    for serial in (3, 15, 9):
        office.save("mediation", {
            "case_number": f"（{year}）湛调字第{serial}号", "committee": "曹镇乡人民调解委员会",
            "accepted_date": f"{year}-01-0{serial % 9 + 1}", "dispute_type": "邻里纠纷",
            "parties": [{"role": "applicant", "name": "甲"}, {"role": "respondent", "name": "乙"}]})
    editor = MediationEditor(office, None)
    qtbot.addWidget(editor)
    assert editor.widget("case_number").text() == f"（{year}）湛调字第16号"
    assert editor.widget("committee").text() == "曹镇乡人民调解委员会"
    assert numbering.next_case_number(office, year + 1) == f"（{year + 1}）湛调字第1号"
    editor.dirty = False


# ------------------------------------------------------------------ dates
@pytest.mark.parametrize("typed", ["2026.9.20", "2026/9/20", "2026年9月20日", "２０２６－９－２０"])
def test_dates_typed_the_way_clerks_write_them_are_taken_and_shown_as_iso(qtbot, office,
                                                                          new_editor, typed):
    editor = new_editor()
    for key, value in (("session", "区政协六届一次会议"), ("number", "5"), ("title", "关于普法")):
        editor.widget(key).set_value(value)
    editor.widget("authors").set_value(["委员甲"])
    date = editor.widget("assigned_date")
    type_text(date.edit, typed)
    assert editor.widget("due_date").value() == "2026-12-20"  # followed at once
    qtbot.keyClick(date.edit, Qt.Key_Tab)  # leaving the box tidies it
    assert date.edit.text() == "2026-09-20"
    assert editor.save(), editor.problems.text()
    assert office.get("proposal", editor.record_id)["assigned_date"] == "2026-09-20"


def test_mediation_dates_typed_with_dots_are_taken_in_the_form_and_the_parties_table(qtbot):
    from fazhi_desktop.core.records import MEDIATION_FIELDS
    from fazhi_desktop.gui.pages.mediation_parties import KEYS, PartiesTable
    from fazhi_desktop.gui.widgets.fields import DateField, make_field

    accepted = next(f for f in MEDIATION_FIELDS if f.name == "accepted_date")
    widget = make_field(accepted)
    qtbot.addWidget(widget)
    assert isinstance(widget, DateField)  # the one date editor
    widget.set_value("2026年9月2日")
    assert widget.value() == "2026-09-02"
    parties = PartiesTable()
    qtbot.addWidget(parties)
    parties.add_party({"role": "applicant", "name": "张三"})
    parties.table.item(0, KEYS.index("birth_date")).setData(Qt.DisplayRole, "1980.5.1")
    assert parties.value()[0]["birth_date"] == "1980-05-01"
    assert parties.table.item(0, KEYS.index("birth_date")).text() == "1980-05-01"
    assert not parties.hint.isVisible() or "出生日期" not in parties.hint.text()


# ------------------------------------------------------------------ after 生成答复件
def test_the_reply_date_is_written_back_and_set_replied_is_offered(
        qtbot, office, seed_proposal, tmp_path, monkeypatch):
    seed_proposal["reply"].pop("date", None)
    seed_proposal["status"] = "in_progress"
    stored = office.save("proposal", seed_proposal)
    monkeypatch.setattr(reply_action.QDesktopServices, "openUrl", lambda url: True)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    editor = RecordEditor(office, "proposal", stored["id"])
    qtbot.addWidget(editor)
    editor.show()
    editor.generate_reply()
    qtbot.waitUntil(lambda: getattr(editor, "done_notice", None) is not None, timeout=20000)
    again = office.get("proposal", stored["id"])
    assert again["reply"]["date"] == today().isoformat()  # a later copy carries the same date
    assert editor.widget("reply.date").value() == today().isoformat() and not editor.dirty
    offer = [b for b in editor.done_notice.buttons() if b.text() == "设为已答复"]
    assert offer
    offer[0].click()
    assert office.get("proposal", stored["id"])["status"] == "replied"
    assert editor.widget("status").value() == "replied"


# ------------------------------------------------------------------ recovery names the record
def test_the_recovery_question_names_the_record(qtbot, office, boxes):
    stored = office.save("proposal", proposal(28, title="关于加强法治政府建设"))
    drafts.save_draft(office, "proposal", stored["id"], dict(stored, notes="未保存的备注"))
    boxes.next("恢复")
    editor = RecordEditor(office, "proposal", stored["id"])
    qtbot.addWidget(editor)
    assert "区政协六届一次会议第28号提案" in boxes.seen[0]
    assert editor.widget("notes").value() == "未保存的备注"
    editor.dirty = False


# ------------------------------------------------------------------ the rows shown
def _overdue_register(window):
    import datetime as _dt

    office = window.registry
    past = (today() - _dt.timedelta(days=10)).isoformat()
    later = (today() + _dt.timedelta(days=60)).isoformat()
    office.add_many("proposal", [proposal(1, due_date=past), proposal(2, due_date=later),
                                 proposal(3, due_date=past), proposal(4, due_date=later)])
    page = window.show_page("政协提案")
    page.overdue.setChecked(True)  # 仅看超期: the 督办 list
    assert page.model.rowCount() == 2
    return page


def test_batch_generation_works_on_the_rows_the_filter_shows(qtbot, window):
    from fazhi_desktop.gui.dialogs.batch_replies import BatchRepliesDialog

    page = _overdue_register(window)
    page.table.selectRow(0)  # one row selected: that one has 生成答复件; the batch takes all shown
    page.actions_by_name["batch"].trigger()
    dialog = next(d for d in page.findChildren(BatchRepliesDialog) if d.isVisible())
    numbers = sorted(window.registry.get("proposal", rid)["number"] for rid in dialog.record_ids)
    assert numbers == [1, 3]
    assert dialog.start_button.isEnabled()
    from PySide6.QtWidgets import QLabel
    assert any("表格中显示的 2 件提案（仅看超期）" in label.text()
               for label in dialog.findChildren(QLabel))
    dialog.close()


def test_excel_export_offers_the_rows_the_filter_shows_first(qtbot, window, tmp_path, monkeypatch):
    import openpyxl
    from PySide6.QtWidgets import QDialog, QMessageBox
    from fazhi_desktop.gui.dialogs import export_ledger as export_dialog

    page = _overdue_register(window)
    made = {}

    def run(dialog):
        assert dialog.year_box.currentText().startswith("表格中显示的2条（仅看超期）")
        dialog.path_edit.setText(str(tmp_path / "督办.xlsx"))
        dialog.start()
        window_qtbot_wait(lambda: dialog.result is not None)
        made["path"] = dialog.result.path
        return QDialog.Accepted

    def window_qtbot_wait(condition):
        qtbot.waitUntil(condition, timeout=20000)

    monkeypatch.setattr(export_dialog.ExportLedgerDialog, "exec", run)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.No)
    page.export_excel()
    sheet = openpyxl.load_workbook(made["path"]).active
    text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
    assert "关于第1项工作" in text and "关于第3项工作" in text
    assert "关于第2项工作" not in text and "关于第4项工作" not in text
    assert "仅看超期" in str(sheet["A1"].value)


# ------------------------------------------------------------------ 单位设置
def test_settings_show_the_values_in_effect_and_first_start_asks_the_report_addressee(
        qtbot, registry):
    from fazhi_desktop.gui.dialogs.profile_dialog import FirstRunProfileDialog
    from fazhi_desktop.gui.widgets.profile_form import ProfileForm

    registry.set_profile({"authority": "平顶山市湛河区司法局"})
    form = ProfileForm(registry)
    qtbot.addWidget(form)
    widgets = form.form.widgets
    for key in ("reply_format", "class_mark", "seal"):  # unset: the default is named
        assert widgets[key].currentText().endswith("（默认）"), key
        assert "未填" not in widgets[key].currentText()
    assert widgets["reply_format"].currentText() == "文件格式（上行文，含签发人）（默认）"
    assert widgets["mark_text"].placeholderText() == "留空则使用：平顶山市湛河区司法局文件"
    assert widgets["authority_short"].placeholderText() == "留空则使用：平顶山市湛河区司法局"
    first = FirstRunProfileDialog(registry)
    qtbot.addWidget(first)
    label = first.form.layout().itemAt(0).layout().labelForField(first.form.form.widgets["report_to"])
    assert label.text() == "年度报告主送机关（必填）："


# ------------------------------------------------------------------ 信访 month: one entry
def test_filling_a_petition_month_cell_by_cell_is_one_audit_entry(qtbot, office):
    from fazhi_desktop.gui.pages.petition import PetitionPage

    page = PetitionPage(office)
    qtbot.addWidget(page)
    page.year.setValue(2026)
    page.add_unit("区信访局")
    model = page.model
    for key, number in (("letters", 4), ("visits", 6), ("online", 2)):
        assert model.setData(page.cell(3, key), str(number))
    march = model.months[3]["id"]
    entries = [e for e in office.audit_log(record_id=march)]
    assert len(entries) == 1  # was three, one per cell
    assert entries[0]["action"] == "create" and entries[0]["before"] is None
    after = entries[0]["after"]
    assert (after["letters"], after["visits"], after["online"]) == (4, 6, 2)
    # another year and back: a new session, a new entry (before = the month as it was)
    page.year.setValue(2025)
    page.year.setValue(2026)
    assert model.setData(page.cell(3, "letters"), "5")
    assert model.setData(page.cell(3, "phone"), "1")
    entries = office.audit_log(record_id=march)
    assert len(entries) == 2
    assert entries[0]["action"] == "update" and entries[0]["before"]["letters"] == 4
    assert (entries[0]["after"]["letters"], entries[0]["after"]["phone"]) == (5, 1)


# ------------------------------------------------------------------ 统计: red for bad news only
def test_statistics_cards_are_red_only_for_bad_news(qtbot, registry):
    from fazhi_desktop.gui.pages.statistics import TONE_COLOURS, StatisticsPage

    from ..stats.conftest import case, item, month

    registry.add_many("proposal", [item(n, assigned_date="2022-03-01", status="closed")
                                   for n in range(1, 11)])
    registry.add_many("mediation", [case(1, dispute_type="物业", outcome="success"),
                                    case(2, dispute_type="邻里", outcome="failure")])
    registry.add_many("petition", [month("区信访局", "2021-07", to_county=230, letters=3),
                                   month("区信访局", "2022-07", to_county=90, letters=6)])
    page = StatisticsPage(registry)
    qtbot.addWidget(page)
    page.set_year(2022)

    def colour(name):
        return page.cards[name].value.styleSheet().split("color:")[1].strip(" ;")

    red = TONE_COLOURS["bad"]
    assert page.cards["items"].value.text() == "100%" and colour("items") != red
    assert page.cards["mediation"].value.text() == "50%" and colour("mediation") == red
    assert page.cards["petition"].value.text() == "上升100%" and colour("petition") == red
    assert page.cards["levels"].value.text() == "下降60.9%" and colour("levels") != red
    assert colour("levels") == TONE_COLOURS["good"]


# ------------------------------------------------------------------ remembered arrangement
def test_sort_order_column_widths_and_window_size_come_back_next_time(qtbot, office):
    from fazhi_desktop.gui.main_window import MainWindow
    from fazhi_desktop.gui.view_state import remember_window

    office.add_many("proposal", [proposal(n) for n in (1, 2, 3)])
    first = MainWindow(office)
    qtbot.addWidget(first)
    memory = remember_window(first, office)
    first.show()
    first.resize(760, 540)  # within the offscreen screen
    size = (first.width(), first.height())  # (as far as the window's minimum allows)
    page = first.show_page("政协提案")
    header = page.table.horizontalHeader()
    header.setSortIndicator(1, Qt.DescendingOrder)  # 编号, newest first
    header.resizeSection(3, 333)  # 提出人 (案由 stretches)
    page.view_memory.save()  # what the timer does once the clerk stops dragging
    memory.save()
    first.close()

    second = MainWindow(office)  # the next run, on the same data file
    qtbot.addWidget(second)
    remember_window(second, office)
    available = second.screen().availableGeometry()  # a size never larger than the screen
    assert (second.width(), second.height()) == (min(size[0], available.width()), size[1])
    assert size[1] != 800  # not the default height
    again = second.show_page("政协提案")
    header = again.table.horizontalHeader()
    assert header.sortIndicatorSection() == 1 and header.sortIndicatorOrder() == Qt.DescendingOrder
    assert [again.model.index(r, 1).data() for r in range(3)] == ["3", "2", "1"]
    assert header.sectionSize(3) == 333


def test_the_report_is_not_made_without_its_addressee(qtbot, office, tmp_path):
    from fazhi_desktop.gui.dialogs.report_dialog import ReportDialog

    dialog = ReportDialog(office, year=2025)
    qtbot.addWidget(dialog)
    assert dialog.to_edit.text() == "区委、区政府"  # from 单位设置
    dialog.to_edit.clear()
    dialog.out_edit.setText(str(tmp_path / "报告.docx"))
    dialog.generate()
    assert "请填写“主送机关”" in dialog.status.text()
    assert "c62828" in dialog.to_edit.styleSheet()
    assert dialog.op is None  # nothing started
    assert not (tmp_path / "报告.docx").exists()
