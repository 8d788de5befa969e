"""文件 › 公文排版… and 导入往年答复件…: as a clerk uses them in the window."""
from __future__ import annotations

import hashlib

import docx
from PySide6.QtWidgets import QFileDialog

from fazhi_desktop.gui.dialogs.past_replies_dialog import PastRepliesDialog
from fazhi_desktop.gui.dialogs.typeset_dialog import TypesetDialog
from tests.typeset import drafts


def _open(qtbot, office, path):
    dialog = TypesetDialog(office)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load_file(path)
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=20000)
    return dialog


def _row_of(dialog, text):
    return next(r for r in range(dialog.table.rowCount())
                if dialog.table.item(r, 1).text().startswith(text))


def test_a_draft_is_shown_part_by_part_corrected_and_saved(qtbot, office, tmp_path, monkeypatch):
    draft = drafts.write_text(tmp_path / "通知.txt")
    digest = hashlib.sha256(draft.read_bytes()).hexdigest()
    dialog = _open(qtbot, office, draft)
    title_row = _row_of(dialog, "关于开展2023年度")
    assert dialog.role_box(title_row).currentText() == "标题"
    assert dialog.role_box(_row_of(dialog, "各乡(镇)")).currentText() == "主送机关"
    assert dialog.role_box(_row_of(dialog, "二〇二三年")).currentText() == "成文日期"
    assert "标题：关于开展2023年度法治宣传教育工作的通知" in dialog.summary.toPlainText()
    assert "改动：第7段：“(一)”改为“（一）”" in dialog.summary.toPlainText()
    # the clerk says the 附注 line is body text after all: the summary follows
    note_row = _row_of(dialog, "(联系人")
    dialog.role_box(note_row).setCurrentIndex(dialog.role_box(note_row).findData("body"))
    assert "附注：" not in dialog.summary.toPlainText()
    target = tmp_path / "排好的通知.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog.save()
    qtbot.waitUntil(lambda: "已保存" in dialog.status.text(), timeout=30000)
    from fazhi_desktop.docgen.nobreak import visible

    texts = [visible(p.text) for p in docx.Document(str(target)).paragraphs]
    assert "（联系人：王丙寅，电话：2818989）" in texts  # now a body paragraph
    assert hashlib.sha256(draft.read_bytes()).hexdigest() == digest


def test_without_a_title_nothing_can_be_saved_until_the_clerk_marks_one(qtbot, office, tmp_path):
    draft = drafts.write_text(tmp_path / "无标题.txt", [
        "为做好年度考核准备工作，现将有关事项通知如下。", "一、报送内容", "请按时报送。",
        "湛河区司法局", "2023年6月20日"], encoding="utf-8")
    dialog = _open(qtbot, office, draft)
    assert not dialog.save_button.isEnabled()
    assert "没有找到标题" in dialog.status.text()
    first = dialog.role_box(0)
    first.setCurrentIndex(first.findData("title"))
    assert dialog.save_button.isEnabled() and dialog.status.text() == ""


def test_an_unreadable_draft_says_why_in_chinese(qtbot, office, tmp_path):
    bad = tmp_path / "坏文件.docx"
    bad.write_bytes(b"PK\x03\x04 broken")
    dialog = TypesetDialog(office)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load_file(bad)
    qtbot.waitUntil(lambda: "无法读取" in dialog.source_label.text(), timeout=20000)
    assert "不是有效的Word文档" in dialog.source_label.text()


def test_the_file_menu_and_the_register_offer_the_new_tools(window):
    texts = [a.text() for a in window.file_menu.actions()]
    assert "公文排版(&T)…" in texts
    page = window.show_page("政协提案")
    assert page.actions_by_name["import_replies"].text() == "导入往年答复件…"


def test_past_replies_are_listed_before_they_are_imported(qtbot, office, tmp_path):
    folder = tmp_path / "往年"
    folder.mkdir()
    document = docx.Document()
    for text in ["对区政协六届一次会议第5号提案的答复", "刘洋委员：",
                 "您提出的关于“加强社区法律服务”的提案收悉。现答复如下：", "一、工作情况",
                 "我局已在全区设立法律服务站点。", "湛河区司法局", "2022年8月1日"]:
        document.add_paragraph(text)
    document.save(str(folder / "5号.docx"))
    (folder / "坏.docx").write_bytes(b"broken")
    dialog = PastRepliesDialog(office, "proposal")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.read_folder(folder)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=20000)
    assert office.count("proposal") == 0  # nothing written yet
    assert "可导入1份（新增1件" in dialog.summary.text() and "无法导入1份" in dialog.summary.text()
    with qtbot.waitSignal(dialog.imported, timeout=20000):
        dialog.import_button.click()
    record = office.dump("proposal")[0]
    assert record["title"] == "加强社区法律服务" and record["authors"] == ["刘洋"]
    assert record["reply"]["date"] == "2022-08-01"
