"""Issue 17.3, honest messages: an open that fails says so and offers the folder and the preview;
no field key or record id in anything the clerk reads; the five font warnings are one line with
详情; save, delete and restore say what happened in the status bar and keep a sensible selection.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from fazhi_desktop.gui import reply_action
from fazhi_desktop.gui.editor.record_editor import RecordEditor

from .conftest import type_text

# An ASCII field key in brackets (（assigned_date）) or a UUID (or its first part, 1a52…).
FIELD_KEY = re.compile(r"[（(][a-z_]{2,}[）)]")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}|id[：: ]\s*[0-9a-f]{6,}", re.I)


def proposal(number, title=None, session="区政协六届一次会议"):
    return {"session": session, "number": number, "title": title or f"关于第{number}项工作",
            "authors": ["委员甲"], "status": "pending"}


# ------------------------------------------------------------------ an open that fails
def test_a_reply_nothing_can_open_is_not_said_opened_and_the_folder_and_preview_are_offered(
        qtbot, office, seed_proposal, tmp_path, monkeypatch):
    stored = office.save("proposal", seed_proposal)
    tried, folders = [], []

    def open_url(url):  # no program for .docx on this PC; the file manager opens folders
        path = Path(url.toLocalFile())
        (folders if path.is_dir() else tried).append(path)
        return path.is_dir()

    monkeypatch.setattr(reply_action.QDesktopServices, "openUrl", open_url)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    editor = RecordEditor(office, "proposal", stored["id"])
    qtbot.addWidget(editor)
    editor.show()
    editor.generate_reply()
    qtbot.waitUntil(lambda: getattr(editor, "done_notice", None) is not None, timeout=20000)
    notice = editor.done_notice
    assert len(tried) == 1 and tried[0].suffix == ".docx"
    assert "已用系统的Word/WPS打开" not in notice.text()
    assert "未能用系统程序打开" in notice.text()
    buttons = {b.text(): b for b in notice.buttons()}
    assert {"打开所在文件夹", "在程序内预览"} <= set(buttons)
    buttons["打开所在文件夹"].click()
    assert folders == [tmp_path]


def test_an_exported_workbook_nothing_can_open_offers_its_folder(qtbot, office, tmp_path,
                                                                 monkeypatch, boxes):
    from fazhi_desktop.gui.dialogs.export_ledger import open_workbook

    book = tmp_path / "台账.xlsx"
    book.write_bytes(b"x")
    opened = []
    monkeypatch.setattr(reply_action.QDesktopServices, "openUrl",
                        lambda url: opened.append(Path(url.toLocalFile())) or
                        Path(url.toLocalFile()).is_dir())
    boxes.next("打开所在文件夹")
    assert open_workbook(None, book) is False
    assert "未能用系统程序打开" in boxes.seen[0]
    assert opened == [book, tmp_path]


# ------------------------------------------------------------------ font warnings
FIVE = [f"{role}字体“{name}”未安装，打印时将以“Noto Serif CJK SC”代替，版式会略有差异；"
        "请安装该字体或在单位设置中改用已安装的字体。"
        for role, name in (("标题", "方正小标宋简体"), ("正文", "仿宋_GB2312"), ("一级标题", "黑体"),
                           ("二级标题", "楷体_GB2312"), ("页码", "宋体"))]


def test_five_font_warnings_are_one_line_with_the_sentences_under_details(qtbot, office, tmp_path):
    from fazhi_desktop.core.fonts import summarize_warnings

    path = tmp_path / "答复.docx"
    path.write_bytes(b"x")
    other = "“答复.docx”已存在（可能已在Word/WPS中修改过），未覆盖。"
    notice = reply_action.show_done_notice(None, office, "答复件", path, FIVE + [other],
                                           opened=True)
    qtbot.addWidget(notice)
    text = notice.text()
    assert text.count("未安装") == 1 and "有5种字体未安装" in text
    assert "方正小标宋简体、仿宋_GB2312、黑体、楷体_GB2312、宋体" in text
    assert other in text
    assert notice.detailedText() == "\n".join(FIVE)
    assert summarize_warnings(FIVE[:1]) == (FIVE[:1], [])  # one is said as it is


# ------------------------------------------------------------------ no keys, no ids
@pytest.fixture
def said(monkeypatch):
    """Every message box text shown (static helpers and exec'd boxes)."""
    texts = []
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name,
                            lambda parent, title, text, *a, **k: texts.append(text) or QMessageBox.Ok)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, *a, **k: texts.append(text) or QMessageBox.Yes)
    return texts


def test_no_message_of_a_walk_through_refusals_names_a_field_key_or_an_id(qtbot, window, said):
    office = window.registry
    first = office.save("proposal", proposal(1, "关于甲"))
    page = window.show_page("政协提案")
    # 1. a new record with bad input: a wrong number, a wrong date, no 案由
    page.new_record()
    editor = page.editor
    editor.widget("number").set_value("二十八")
    editor.widget("assigned_date").set_value("2022-13-01")
    editor.widget("title").set_value("")
    editor.save()
    shown = [editor.problems.text()]
    assert "“编号”" in shown[0] and "交办日期" in shown[0]
    assert "c62828" in editor.widget("number").styleSheet()  # the field itself is marked
    assert "c62828" in editor.widget("assigned_date").edit.styleSheet()
    # 2. the key of a record already there
    editor.widget("number").set_value(1)
    editor.widget("assigned_date").set_value("2022-03-01")
    editor.widget("title").set_value("关于乙")
    editor.widget("authors").set_value(["委员乙"])
    editor.save()
    shown.append(editor.problems.text())
    assert "已存在" in shown[-1]
    editor.dirty = False
    editor.close()
    # 3. restoring a record whose key was taken again meanwhile
    office.delete("proposal", first["id"])
    office.save("proposal", proposal(1, "关于丙"))
    bin_page = window.show_page("回收站")
    bin_page.refresh()
    bin_page.table.selectRow(0)
    bin_page.restore_selected()
    # 4. a mediation case with a wrong date and one party only
    mediation = window.show_page("人民调解")
    mediation.new_record()
    case = mediation.editor
    case.widget("accepted_date").set_value("2026-02-30")
    case.save()
    shown.append(case.problems.text())
    assert "受理日期" in shown[-1] or "日期" in shown[-1]
    case.dirty = False
    case.close()
    # 5. the petition grid refusing a count
    petition = window.show_page("信访统计")
    petition.add_unit("区信访局")
    petition.model.setData(petition.cell(1, "letters"), "十")
    shown.append(petition.message.text())
    shown += said
    assert len(shown) >= 5 and any("无法恢复" in t for t in said)
    for text in shown:
        assert not FIELD_KEY.search(text), text
        assert not UUID.search(text), text


# ------------------------------------------------------------------ status bar and selection
def test_save_delete_and_restore_say_what_happened_and_the_selection_follows(qtbot, window, said):
    office = window.registry
    office.add_many("proposal", [proposal(n) for n in (1, 2, 3)])
    page = window.show_page("政协提案")
    page.table.selectRow(1)  # 第2号
    page.delete_current()
    assert window.statusBar().currentMessage().startswith("已移到回收站，可恢复")
    assert "第2号提案" in window.statusBar().currentMessage()
    assert page.model.index(page.table.currentIndex().row(), 1).data() == "3"  # the next row
    assert page.table.selectionModel().selectedRows()
    page.table.selectRow(1)  # now 第3号, the last: the row before takes its place
    page.delete_current()
    assert page.model.index(page.table.currentIndex().row(), 1).data() == "1"
    # a new record saved in the editor is the row selected, and the status bar says so
    page.new_record()
    editor = page.editor
    editor.widget("title").set_value("关于新的一项")
    editor.widget("authors").set_value(["委员乙"])
    assert editor.save()
    assert window.statusBar().currentMessage() == "已保存：区政协六届一次会议第4号提案"
    assert page.current_id() == editor.record_id
    editor.close()
    bin_page = window.show_page("回收站")
    bin_page.refresh()
    assert bin_page.table.rowCount() == 2
    bin_page.table.selectRow(0)
    bin_page.restore_selected()
    assert window.statusBar().currentMessage().startswith("已恢复")
    assert bin_page.table.selectionModel().selectedRows()[0].row() == 0  # the next entry


def test_clerk_text_drops_keys_and_ids_but_keeps_the_sentence():
    from fazhi_desktop.core.validation import clerk_text

    rid = "1a52c0de-0000-4000-8000-00000000abcd"
    assert clerk_text("“答复件”中“成文日期”（date）：不是有效日期") == "“答复件”中“成文日期”：不是有效日期"
    assert clerk_text(f"该记录（id {rid}）在回收站中，请先恢复。") == "该记录在回收站中，请先恢复。"
    assert clerk_text(f"找不到政协提案记录“{rid}”（可能已删除）。") == "找不到政协提案记录（可能已删除）。"
    assert "请在登记表中打开原记录" in clerk_text(
        f"第28号提案已存在，不能重复登记；如需修改原记录，请提供其记录编号（id：{rid}）。")


def test_a_preview_without_converter_that_cannot_open_the_file_says_so(qtbot, tmp_path,
                                                                       monkeypatch, boxes):
    from fazhi_desktop.gui import preview

    doc = tmp_path / "答复.docx"
    doc.write_bytes(b"x")
    opened = []
    monkeypatch.setattr(preview, "converter_for", lambda registry=None: None)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.Ok)
    monkeypatch.setattr(reply_action.QDesktopServices, "openUrl",
                        lambda url: opened.append(Path(url.toLocalFile())) or
                        Path(url.toLocalFile()).is_dir())
    boxes.next("打开所在文件夹")
    assert preview.preview_document(None, doc) is None
    assert "未能用系统程序打开" in boxes.seen[0]
    assert opened == [doc, tmp_path]
