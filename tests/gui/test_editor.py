"""The proposal editor: every field of seed 000 typed in comes back from dump field for field;
the due date follows the assignment date; refused input saves nothing; unsaved edits are guarded."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fazhi_desktop.core import records
from fazhi_desktop.gui.editor.record_editor import RecordEditor
from fazhi_desktop.gui.widgets.elided_hint import full_placeholder

from .conftest import type_text

META = records.META_FIELDS  # the app sets these: id, times, office and version


@pytest.fixture
def editor(qtbot, office):
    dialog = RecordEditor(office, "proposal")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isActiveWindow)
    yield dialog
    dialog.dirty = False


def enter(editor, key, value):
    """Put a value in a field the way a clerk does (type, pick, add list items)."""
    widget = editor.widget(key)
    if isinstance(value, list):
        for item in value:
            widget.add_item(item)
    elif hasattr(widget, "findData"):
        widget.setCurrentIndex(widget.findData(value))
    else:
        type_text(getattr(widget, "edit", widget), str(value))


def test_seed_000_typed_into_the_form_dumps_back_field_for_field(qtbot, editor, office, seed_proposal):
    for key, value in seed_proposal.items():
        if key == "reply":
            editor.tabs.setCurrentIndex(2)
            for reply_key, reply_value in value.items():
                enter(editor, f"reply.{reply_key}", reply_value)
        else:
            enter(editor, key, value)
    qtbot.keyClick(editor.widget("title"), Qt.Key_S, Qt.ControlModifier)
    assert editor.problems.isHidden(), editor.problems.text()
    [dumped] = office.dump("proposal")
    assert {k: v for k, v in dumped.items() if k not in META} == seed_proposal


def test_opening_seed_000_shows_every_field_and_saving_unchanged_changes_nothing(
        qtbot, office, seed_proposal):
    stored = office.save("proposal", seed_proposal)
    dialog = RecordEditor(office, "proposal", stored["id"])
    qtbot.addWidget(dialog)
    assert dialog.widget("reply.doc_number").text() == "平湛司〔2022〕26号"
    assert dialog.widget("reply.cc").value() == ["区政协提案委（3份）", "区委区政府督查局（1份）"]
    assert dialog.body.toPlainText().startswith("一、关于“对法治政府建设意义认识不足”的问题")
    assert not dialog.dirty
    assert dialog.save()
    [dumped] = office.dump("proposal")
    assert {k: v for k, v in dumped.items() if k not in META} == seed_proposal


def test_due_date_is_filled_three_months_after_assignment_unless_the_clerk_sets_it(qtbot, editor, office):
    enter(editor, "assigned_date", "2022-11-30")
    assert editor.widget("due_date").value() == "2023-02-28"
    assert "自动" in editor.due_hint.text()
    for key, value in (("session", "区政协六届一次会议"), ("number", 3), ("title", "关于调解"),
                       ("authors", ["王五"])):
        enter(editor, key, value)
    assert editor.save()
    record = office.get("proposal", editor.record_id)
    assert "due_date" not in record  # the file keeps what the clerk set; the store derives it
    row = office.store.conn.execute("SELECT due_date FROM proposal").fetchone()
    assert row[0] == "2023-02-28"

    due = editor.widget("due_date").edit
    due.clear()
    type_text(due, "2023-01-15")
    enter(editor, "assigned_date", "")  # changing the assignment no longer moves a date set by hand
    type_text(editor.widget("assigned_date").edit, "0")
    assert editor.widget("due_date").value() == "2023-01-15"


def test_refused_input_shows_the_message_marks_the_field_and_saves_nothing(qtbot, editor, office):
    enter(editor, "session", "区政协六届一次会议")
    enter(editor, "number", "二十八")
    enter(editor, "authors", ["胡校丽"])
    enter(editor, "assigned_date", "2022-13-01")
    qtbot.keyClick(editor.widget("session"), Qt.Key_S, Qt.ControlModifier)
    assert office.count("proposal") == 0
    assert editor.problems.isVisible()
    text = editor.problems.text()
    # the field by its Chinese name only, never its key (issue 17.3)
    assert "“编号”：应为整数，实为“二十八”" in text and "（number）" not in text
    assert "缺少必填项“案由（标题）”" in text and "（title）" not in text
    assert "交办日期" in text and "不是有效日期" in text
    for key in ("number", "title"):
        assert "c62828" in editor.widget(key).styleSheet()
    assert editor.widget("session").styleSheet() == ""
    assert editor.dirty


def test_closing_with_unsaved_edits_asks_save_discard_or_cancel(qtbot, editor, office, boxes):
    for key, value in (("session", "区政协六届一次会议"), ("number", 7), ("title", "关于普法"),
                       ("authors", ["李四"])):
        enter(editor, key, value)
    boxes.next("取消")
    editor.close()
    assert editor.isVisible() and editor.dirty and office.count("proposal") == 0
    assert "尚未保存的修改" in boxes.seen[0]
    boxes.next("保存")
    editor.close()
    assert not editor.isVisible() and office.count("proposal") == 1


def test_discarding_unsaved_edits_keeps_the_stored_record(qtbot, office, boxes, seed_proposal):
    stored = office.save("proposal", seed_proposal)
    dialog = RecordEditor(office, "proposal", stored["id"])
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.widget("title"), "（改）")
    assert dialog.dirty
    boxes.next("不保存")
    qtbot.keyClick(dialog, Qt.Key_Escape)
    assert not dialog.isVisible()
    assert office.get("proposal", stored["id"])["title"] == "关于加强法治政府建设"


def test_ctrl_n_in_the_editor_asks_before_dropping_edits_then_starts_empty(qtbot, editor, boxes):
    enter(editor, "title", "关于某事")
    boxes.next("不保存")
    qtbot.keyClick(editor.widget("title"), Qt.Key_N, Qt.ControlModifier)
    assert editor.widget("title").text() == "" and not editor.dirty
    assert editor.windowTitle().startswith("新建政协提案")


def test_empty_reply_fields_show_what_the_document_will_use(qtbot, office):
    stored = office.save("proposal", {"session": "区政协六届一次会议", "number": 28,
                                      "title": "关于加强法治政府建设", "authors": ["胡校丽"]})
    dialog = RecordEditor(office, "proposal", stored["id"])
    qtbot.addWidget(dialog)
    assert full_placeholder(dialog.widget("reply.title")) == "对区政协六届一次会议第28号提案的答复"
    assert full_placeholder(dialog.widget("reply.addressee")) == "胡校丽委员"
    assert full_placeholder(dialog.widget("reply.signature")) == "湛河区司法局"
    assert "您提出的关于加强法治政府建设的提案收悉" in full_placeholder(dialog.widget("reply.opening"))


def test_empty_reply_fields_show_exactly_what_the_generated_reply_prints(qtbot, office):
    from fazhi_desktop.docgen.replies import build_reply

    profile = office.profile()
    profile["printed_by"] = ""  # the document falls back to 机关名称 + 办公室; so must the editor
    office.set_profile(profile)
    stored = office.save("proposal", {"session": "区政协六届一次会议", "number": 28,
                                      "title": "关于加强法治政府建设", "authors": ["胡校丽", "王五"],
                                      "reply": {"body": "现答复如下。此复。"}})
    dialog = RecordEditor(office, "proposal", stored["id"])
    qtbot.addWidget(dialog)
    doc, _ = build_reply("proposal", office.get("proposal", stored["id"]), office.profile())
    shown = {key: full_placeholder(dialog.widget(f"reply.{key}"))
             for key in ("title", "addressee", "signature", "printed_by", "opening")}
    assert shown == {"title": doc.title, "addressee": doc.addressee,
                     "signature": doc.signature.names[0], "printed_by": doc.colophon.printed_by,
                     "opening": doc.body[0]}
    assert shown["printed_by"] == profile["authority"] + "办公室"


def test_communication_log_rows_are_saved(qtbot, editor, office):
    for key, value in (("session", "区政协六届一次会议"), ("number", 9), ("title", "关于法律援助"),
                       ("authors", ["张三"])):
        enter(editor, key, value)
    editor.communications.add_row({"date": "2022-06-01", "method": "面商", "summary": "当面沟通办理思路"})
    editor.communications.add_row()
    assert editor.save()
    record = office.get("proposal", editor.record_id)
    assert record["communications"] == [
        {"date": "2022-06-01", "method": "面商", "summary": "当面沟通办理思路"}]


def test_authors_list_is_edited_with_the_keyboard_insert_adds_delete_removes(qtbot, editor):
    from PySide6.QtWidgets import QApplication

    authors = editor.widget("authors")
    authors.list.setFocus()
    for name in ("胡校丽", "王建军"):
        qtbot.waitUntil(lambda: QApplication.focusWidget() is authors.list)
        qtbot.keyClick(authors.list, Qt.Key_Insert)
        qtbot.wait(50)
        line = QApplication.focusWidget()
        assert line is not authors.list and authors.list.isAncestorOf(line)  # an item editor
        type_text(line, name)
        qtbot.keyClick(line, Qt.Key_Return)
        qtbot.wait(50)
    assert authors.value() == ["胡校丽", "王建军"]
    authors.list.setCurrentRow(0)
    qtbot.keyClick(authors.list, Qt.Key_Delete)
    assert authors.value() == ["王建军"] and editor.dirty


def test_history_tab_lists_creation_and_the_fields_each_save_changed(qtbot, office, seed_proposal):
    stored = office.save("proposal", seed_proposal)
    dialog = RecordEditor(office, "proposal", stored["id"])
    qtbot.addWidget(dialog)
    type_text(dialog.widget("notes"), "已面商")
    dialog.widget("status").setCurrentIndex(dialog.widget("status").findData("closed"))
    assert dialog.save()
    rows = [[dialog.history.item(r, c).text() for c in range(3)]
            for r in range(dialog.history.rowCount())]
    assert [r[1] for r in rows] == ["修改", "新建"]
    assert rows[0][2] == "办理状态、备注"


def test_empty_signers_and_cc_show_the_office_defaults_in_grey(qtbot, office):
    stored = office.save("proposal", {"session": "区政协六届一次会议", "number": 3,
                                      "title": "关于调解", "authors": ["王五"]})
    dialog = RecordEditor(office, "proposal", stored["id"])
    qtbot.addWidget(dialog)
    assert dialog.widget("reply.signers").list.placeholder == "杨晓伟"
    assert dialog.widget("reply.cc").list.placeholder == "区政协提案委（3份）\n区委区政府督查局（1份）"
    assert dialog.widget("reply.cc").value() is None  # a placeholder is not a value
