"""What a clerk does with a proposal: fill the form, save with Ctrl+S, find it by two characters,
edit it, delete it, restore it from the recycle bin."""
from __future__ import annotations

from PySide6.QtCore import Qt

from .conftest import type_text


def open_register(window, qtbot, title="政协提案"):
    page = window.show_page(title)
    qtbot.waitUntil(page.isVisible)
    return page


def fill(qtbot, editor, key, text):
    widget = editor.widget(key)
    target = getattr(widget, "edit", widget)
    type_text(target, text)


def test_new_proposal_saved_with_ctrl_s_found_by_two_characters_edited_deleted_and_restored(
        qtbot, window, boxes):
    office = window.registry
    page = open_register(window, qtbot)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key_N, Qt.ControlModifier)
    qtbot.waitUntil(lambda: page.editor is not None and page.editor.isActiveWindow())
    editor = page.editor
    fill(qtbot, editor, "session", "区政协六届一次会议")
    fill(qtbot, editor, "number", "28")
    fill(qtbot, editor, "title", "关于加强法治政府建设")
    editor.widget("authors").add_item("胡校丽")
    fill(qtbot, editor, "lead_unit", "湛河区司法局")
    fill(qtbot, editor, "assigned_date", "2022-05-10")
    assert editor.windowTitle().endswith("* — 政协提案")
    qtbot.keyClick(editor.widget("title"), Qt.Key_S, Qt.ControlModifier)

    [stored] = office.dump("proposal")
    assert stored["title"] == "关于加强法治政府建设" and stored["authors"] == ["胡校丽"]
    assert stored["number"] == 28 and not editor.dirty
    editor.close()

    # Another record so that the search has something to leave out.
    office.save("proposal", {"session": "区政协六届一次会议", "number": 29,
                             "title": "关于优化营商环境的建议", "authors": ["李明"]})
    page.refresh()
    assert page.model.rowCount() == 2
    type_text(page.search, "法治")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    assert page.model.index(0, 2).data() == "关于加强法治政府建设"

    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key_Return)
    qtbot.waitUntil(lambda: page.editor is not None and page.editor.isActiveWindow())
    lead = page.editor.widget("lead_unit")
    lead.selectAll()
    type_text(lead, "平顶山市湛河区司法局")
    qtbot.keyClick(lead, Qt.Key_S, Qt.ControlModifier)
    assert office.get("proposal", stored["id"])["lead_unit"] == "平顶山市湛河区司法局"
    page.editor.close()

    page.table.setFocus()
    page.table.selectRow(0)
    boxes.next("是")
    qtbot.keyClick(page.table, Qt.Key_Delete)
    assert "移到回收站" in boxes.seen[0]
    assert office.count("proposal") == 1
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)

    bin_page = open_register(window, qtbot, "回收站")
    assert bin_page.table.rowCount() == 1
    assert "关于加强法治政府建设" in bin_page.table.item(0, 1).text()
    bin_page.table.selectRow(0)
    qtbot.mouseClick(bin_page.restore_button, Qt.LeftButton)
    assert office.count("proposal") == 2
    assert bin_page.table.rowCount() == 0
    page = open_register(window, qtbot)
    assert page.model.rowCount() == 1  # the search for 法治 is still in the box


def test_restore_refused_when_number_was_taken_says_why(qtbot, window, boxes):
    office = window.registry
    first = office.save("proposal", {"session": "区政协六届一次会议", "number": 5,
                                     "title": "关于社区调解", "authors": ["王五"]})
    office.delete("proposal", first["id"])
    office.save("proposal", {"session": "区政协六届一次会议", "number": 5,
                             "title": "关于其他事项", "authors": ["赵六"]})
    bin_page = open_register(window, qtbot, "回收站")
    bin_page.table.selectRow(0)
    boxes.next("确定")
    qtbot.mouseClick(bin_page.restore_button, Qt.LeftButton)
    assert "无法恢复" in boxes.seen[0] and "第5号提案已被另一条记录使用" in boxes.seen[0]
    assert bin_page.table.rowCount() == 1


def test_purge_and_empty_recycle_bin_ask_first(qtbot, window, boxes):
    office = window.registry
    for n in (1, 2):
        rec = office.save("suggestion", {"session": "区人大十届一次会议", "number": n,
                                         "title": f"建议{n}", "authors": ["代表甲"]})
        office.delete("suggestion", rec["id"])
    bin_page = open_register(window, qtbot, "回收站")
    bin_page.table.selectRow(0)
    boxes.next("否")
    qtbot.mouseClick(bin_page.purge_button, Qt.LeftButton)
    assert len(office.recycle_bin()) == 2
    boxes.next("是")
    qtbot.mouseClick(bin_page.purge_button, Qt.LeftButton)
    assert len(office.recycle_bin()) == 1
    boxes.next("是")
    qtbot.mouseClick(bin_page.empty_button, Qt.LeftButton)
    assert office.recycle_bin() == [] and bin_page.table.rowCount() == 0
    assert "无法恢复" in boxes.seen[-1]


def test_opening_another_record_with_unsaved_edits_asks_first(qtbot, window, boxes):
    office = window.registry
    office.add_many("proposal", [
        {"session": "区政协六届一次会议", "number": n, "title": f"关于第{n}项", "authors": ["甲"]}
        for n in (1, 2)])
    page = open_register(window, qtbot)
    page.table.selectRow(0)
    page.edit_current()
    editor = page.editor
    type_text(editor.widget("notes"), "未保存的备注")
    page.table.selectRow(1)
    boxes.next("取消")
    page.edit_current()
    assert editor.widget("title").text() == "关于第1项" and editor.dirty
    boxes.next("不保存")
    page.edit_current()
    assert editor.widget("title").text() == "关于第2项" and not editor.dirty
    assert "notes" not in office.dump("proposal")[0]


def test_suggestion_register_speaks_of_deputies(qtbot, window):
    page = open_register(window, qtbot, "人大建议")
    assert page.model.headerData(3, Qt.Horizontal) == "提出人（代表）"
    page.new_record()
    form = page.editor
    labels = [form.findChildren(type(form.due_hint))]
    texts = {label.text() for label in labels[0]}
    assert "代表团：" in texts and "提出人（代表）＊：" in texts


def test_ctrl_n_works_from_the_navigation_and_opens_the_shown_register_kind(qtbot, window):
    page = open_register(window, qtbot, "人大建议")
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key_N, Qt.ControlModifier)
    qtbot.waitUntil(lambda: page.editor is not None and page.editor.isVisible())
    assert page.editor.kind == "suggestion"
    assert window.pages["政协提案"].editor is None
