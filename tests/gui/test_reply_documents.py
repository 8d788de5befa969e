"""What the clerk does with a reply beyond 生成答复件: 取号 for the 发文字号 (and its warnings), the
文书 drop-down (征询意见表, 会办意见, 逐一答复联名人), 预览/打印, deleting several rows, the yearly
report from the start page and the 文件 menu."""
from __future__ import annotations

import copy
import datetime as _dt
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QToolButton

from fazhi_desktop.core import numbering
from fazhi_desktop.gui import reply_action
from fazhi_desktop.gui.widgets.elided_hint import full_placeholder
from fazhi_desktop.gui.editor.record_editor import NUMBER_WARNING_COLOUR, RecordEditor

from .conftest import type_text

YEAR = 2022


def _docx_text(path) -> str:
    from fazhi_desktop.docgen.nobreak import visible  # without the joiners that hold numbers

    return visible("\n".join(p.text for p in docx.Document(str(path)).paragraphs))


@pytest.fixture
def opened(monkeypatch, tmp_path):
    """Files the app opened in the system's Word/WPS; the output folder is tmp_path/out."""
    urls = []
    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.setattr(reply_action.QDesktopServices, "openUrl",
                        lambda url: urls.append(Path(url.toLocalFile())) or True)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    return urls


def _editor(qtbot, office, record_id):
    editor = RecordEditor(office, "proposal", record_id)
    qtbot.addWidget(editor)
    editor.show()
    editor.tabs.setCurrentIndex(2)  # 答复件
    return editor


def _unnumbered(seed_proposal, number=29, authors=None):
    record = copy.deepcopy(seed_proposal)
    record["number"] = number
    record["reply"]["doc_number"] = None
    if authors:
        record["authors"] = authors
    return record


# ------------------------------------------------------------------ 发文字号
def test_take_number_fills_the_next_free_number_of_the_reply_year(qtbot, office, seed_proposal):
    office.save("proposal", seed_proposal)  # holds 平湛司〔2022〕26号
    stored = office.save("proposal", _unnumbered(seed_proposal))
    editor = _editor(qtbot, office, stored["id"])
    field = editor.widget("reply.doc_number")
    assert "下一个可用：平湛司〔2022〕27号" in full_placeholder(field)
    assert editor.take_number_button.text() == "取号" and editor.take_number_button.isVisible()
    qtbot.mouseClick(editor.take_number_button, Qt.LeftButton)
    assert field.text() == "平湛司〔2022〕27号"
    assert editor.dirty and not editor.number_warning.isVisible()
    assert "平湛司〔2022〕28号" in full_placeholder(field)  # 27 is handed out: never twice
    assert editor.save()
    assert office.get("proposal", stored["id"])["reply"]["doc_number"] == "平湛司〔2022〕27号"
    assert numbering.next_doc_number(office, "平湛司", YEAR) == "平湛司〔2022〕28号"
    assert not editor._check_doc_number()  # its own number is no conflict


def test_typed_number_used_elsewhere_or_malformed_is_warned_in_amber_under_the_field(
        qtbot, office, seed_proposal):
    office.save("proposal", seed_proposal)
    stored = office.save("proposal", _unnumbered(seed_proposal))
    editor = _editor(qtbot, office, stored["id"])
    field = editor.widget("reply.doc_number")
    type_text(field, "平湛司〔2022〕26号")
    qtbot.waitUntil(editor.number_warning.isVisible)
    assert "已被区政协六届一次会议第28号提案的答复使用" in editor.number_warning.text()
    assert "平湛司〔2022〕27号" in editor.number_warning.text()
    assert NUMBER_WARNING_COLOUR in editor.number_warning.styleSheet()
    field.clear()
    type_text(field, "平湛司[2022]第027号")
    qtbot.waitUntil(lambda: "六角括号" in editor.number_warning.text())
    text = editor.number_warning.text()
    assert "六角括号" in text and "不加“第”字" in text and "不编虚位" in text
    assert "平湛司〔2022〕27号" in text  # how it should read
    field.clear()
    type_text(field, "平湛司〔2022〕30号")
    qtbot.waitUntil(lambda: not editor.number_warning.isVisible())


def test_take_number_without_a_doc_code_says_where_to_set_it(qtbot, office, seed_proposal,
                                                             seed_profile, monkeypatch):
    seed_profile.pop("doc_code")
    office.set_profile(seed_profile)
    stored = office.save("proposal", _unnumbered(seed_proposal))
    editor = _editor(qtbot, office, stored["id"])
    assert "未设机关代字" in editor.take_number_button.text()
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    qtbot.mouseClick(editor.take_number_button, Qt.LeftButton)
    assert told and "单位设置" in told[0] and "机关代字" in told[0]
    assert editor.widget("reply.doc_number").text() == ""


# ------------------------------------------------------------------ 文书
def test_opinion_form_from_the_editor_saves_edits_first_and_opens_the_form(
        qtbot, office, seed_proposal, opened):
    stored = office.save("proposal", seed_proposal)
    editor = _editor(qtbot, office, stored["id"])
    type_text(editor.widget("notes"), "已电话联系")
    assert editor.buttons["documents"].menu() is editor.documents_menu
    editor.documents_menu.actions_by_name["opinion-form"].trigger()
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=20000)
    assert office.get("proposal", stored["id"])["notes"] == "已电话联系" and not editor.dirty
    assert opened[0].name == "区政协六届一次会议第28号提案征询意见表.docx"
    text = _docx_text(opened[0])
    assert "政协委员提案办理情况征询意见表" in text
    assert "在程序内预览" in [b.text() for b in editor.done_notice.buttons()]


def _assisted(seed_proposal, number=31):
    """A proposal another unit leads, the office (湛河区司法局) among its 会办 units."""
    record = _unnumbered(seed_proposal, number=number)
    record.update(lead_unit="湛河区住房和城乡建设局", co_units=["湛河区司法局"],
                  assist={"body": "我局将组织律师每月进小区开展法律咨询2次。", "date": "2021-06-15"})
    return record


def test_assist_opinion_takes_the_number_of_its_dates_year_and_is_never_overwritten(
        qtbot, office, seed_proposal, opened):
    stored = office.save("proposal", _assisted(seed_proposal))
    editor = _editor(qtbot, office, stored["id"])
    for count in (1, 2):
        editor.documents_menu.actions_by_name["assist"].trigger()
        qtbot.waitUntil(lambda: len(opened) == count, timeout=20000)
    # made again: the first file (maybe edited in Word) stays, the new one gets a free name
    assert [p.name for p in opened] == ["关于区政协六届一次会议第31号提案的会办意见.docx",
                                        "关于区政协六届一次会议第31号提案的会办意见（2）.docx"]
    assert "未覆盖" in editor.done_notice.text()
    first, again = _docx_text(opened[0]), _docx_text(opened[1])
    assert "平湛司会〔2021〕1号" in first and "平湛司会〔2021〕1号" in again  # its number kept
    assert "湛河区住房和城乡建设局：" in first and "我局将组织律师" in first
    assert numbering.next_doc_number(office, "平湛司会", 2021) == "平湛司会〔2021〕2号"


def test_assist_opinion_where_the_office_leads_is_refused_and_nothing_numbered(
        qtbot, office, seed_proposal, opened, monkeypatch, tmp_path):
    stored = office.save("proposal", seed_proposal)  # 湛河区司法局 is the lead unit
    editor = _editor(qtbot, office, stored["id"])
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: told.append(text))
    editor.documents_menu.actions_by_name["assist"].trigger()
    assert told and "主办" in told[0] and "不出具" in told[0]
    assert not opened and not list((tmp_path / "out").iterdir())
    year = _dt.date.today().year
    assert numbering.next_doc_number(office, "平湛司会", year) == f"平湛司会〔{year}〕1号"


def test_documents_menus_come_from_the_table_of_document_types(qtbot, office, window):
    from fazhi_desktop.docgen.document_types import for_kind
    from fazhi_desktop.gui.pages.mediation_editor import MediationEditor

    editor = RecordEditor(office, "suggestion")
    qtbot.addWidget(editor)
    names = [t.name for t in for_kind("suggestion")]
    assert list(editor.documents_menu.actions_by_name) == names + ["per-signer"]
    assert "second-reply" in names and "case-file" not in names
    texts = [a.text() for a in editor.documents_menu.actions()]
    assert "再次答复…" in texts and "会办意见…" in texts
    mediation = MediationEditor(office)
    qtbot.addWidget(mediation)
    assert list(mediation.documents_menu.actions_by_name) == ["agreement", "case-file"]
    page = window.show_page("政协提案")
    assert list(page.documents_menu.actions_by_name) == [t.name for t in for_kind("proposal")] + [
        "per-signer"]
    page = window.show_page("人民调解")
    assert list(page.documents_menu.actions_by_name) == ["agreement", "case-file"]
    assert page.documents_button.menu() is page.documents_menu


def test_the_clerk_types_the_assist_opinion_and_the_second_reply_in_their_own_tabs(
        qtbot, office, seed_proposal, opened):
    stored = office.save("proposal", _assisted(seed_proposal))
    editor = _editor(qtbot, office, stored["id"])
    tabs = [editor.tabs.tabText(i) for i in range(editor.tabs.count())]
    assert tabs[:5] == ["基本信息", "沟通记录", "答复件", "会办意见", "再次答复"]
    editor.tabs.setCurrentIndex(3)
    editor.widget("assist.body").setPlainText("")
    type_text(editor.widget("assist.body"), "我局同意主办单位的办理方案。")
    editor.tabs.setCurrentIndex(4)
    type_text(editor.widget("second_reply.body"), "经再次研究，补充答复如下。")
    assert editor.save()
    record = office.get("proposal", stored["id"])
    assert record["assist"]["body"] == "我局同意主办单位的办理方案。"
    assert record["assist"]["date"] == "2021-06-15"
    assert record["second_reply"]["body"] == "经再次研究，补充答复如下。"


def test_generating_the_reply_again_never_overwrites_the_first(qtbot, office, seed_proposal,
                                                               opened):
    stored = office.save("proposal", seed_proposal)
    for count in (1, 2):
        reply_action.generate_reply(None, office, "proposal", stored["id"])
        qtbot.waitUntil(lambda: len(opened) == count, timeout=20000)
    assert [p.name for p in opened] == ["对区政协六届一次会议第28号提案的答复.docx",
                                        "对区政协六届一次会议第28号提案的答复（2）.docx"]
    assert all(p.exists() for p in opened)


def test_co_signed_record_gets_one_reply_per_signer_and_the_folder_opens(
        qtbot, office, seed_proposal, opened, tmp_path):
    single = office.save("proposal", seed_proposal)
    joint = office.save("proposal", _unnumbered(seed_proposal, authors=["胡校丽", "李明"]))
    editor = _editor(qtbot, office, single["id"])
    menu = editor.documents_menu
    menu.aboutToShow.emit()
    assert not menu.actions_by_name["per-signer"].isEnabled()  # one author: nothing to split
    editor.load(joint["id"])
    menu.aboutToShow.emit()
    assert menu.actions_by_name["per-signer"].isEnabled()
    menu.actions_by_name["per-signer"].trigger()
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=30000)
    assert opened == [tmp_path / "out"]
    made = sorted(p.name for p in (tmp_path / "out").glob("*.docx"))
    assert made == ["对区政协六届一次会议第29号提案的答复（李明）.docx",
                    "对区政协六届一次会议第29号提案的答复（胡校丽）.docx"]
    assert "李明委员：" in _docx_text(tmp_path / "out" / made[0])
    assert "2份" in editor.done_notice.text()


def test_register_toolbar_documents_menu_beside_generate_reply_works_on_the_current_row(
        qtbot, window, seed_proposal, opened):
    office = window.registry
    stored = office.save("proposal", seed_proposal)
    page = window.show_page("政协提案")
    texts = [a.text() for a in page.toolbar.actions()]
    assert texts.index("生成答复件") < texts.index("文书") < texts.index("预览/打印")
    assert isinstance(page.documents_button, QToolButton)
    assert page.documents_button.menu() is page.documents_menu
    page.select_record(stored["id"])
    page.documents_menu.actions_by_name["opinion-form"].trigger()
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=20000)
    assert opened[0].name.endswith("征询意见表.docx")


# ------------------------------------------------------------------ 预览/打印
def test_generated_reply_opens_in_word_and_its_notice_offers_the_in_app_preview(
        qtbot, office, seed_proposal, opened, monkeypatch):
    from fazhi_desktop.gui import preview

    stored = office.save("proposal", seed_proposal)
    editor = _editor(qtbot, office, stored["id"])
    previewed = []
    monkeypatch.setattr(preview, "preview_document",
                        lambda parent, path, registry=None: previewed.append(Path(path)))
    editor.generate_reply()
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=20000)
    notice = editor.done_notice
    assert "已用系统的Word/WPS打开" in notice.text() and str(opened[0]) in notice.text()
    button = next(b for b in notice.buttons() if b.text() == "在程序内预览")
    button.click()
    assert previewed == [opened[0]]


def test_preview_print_renders_the_reply_and_shows_its_pages_in_the_app(
        qtbot, office, seed_proposal, monkeypatch, tmp_path):
    import tempfile

    from fazhi_desktop.core.fonts import substitution_warnings
    from fazhi_desktop.gui.preview import converter_for

    if converter_for(office) is None:
        pytest.skip("no office suite to convert to PDF")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    stored = office.save("proposal", seed_proposal)
    editor = _editor(qtbot, office, stored["id"])
    qtbot.mouseClick(editor.buttons["preview"], Qt.LeftButton)
    qtbot.waitUntil(lambda: getattr(editor, "preview_dialog", None) is not None, timeout=20000)
    dialog = editor.preview_dialog
    qtbot.waitUntil(lambda: dialog.preview.page_count() > 0, timeout=60000)
    assert dialog.preview.page_count() >= 2
    missing = substitution_warnings(office.profile().get("fonts"))
    if missing:  # fonts this machine lacks: the preview says what prints instead
        qtbot.waitUntil(lambda: "请注意" in dialog.status.text())
        if len(missing) == 1:
            assert missing[0] in dialog.status.text()
        else:  # several missing fonts: one line naming them, the sentences in the tooltip
            assert f"有{len(missing)}种字体未安装" in dialog.status.text()
            assert dialog.status.toolTip() == "\n".join(missing)
    assert "共" in dialog.status.text()
    assert dialog.preview.actions_by_name["print"].isEnabled()
    assert len(list(tmp_path.glob("fazhi-reply-*/对区政协六届一次会议第28号提案的答复.docx"))) == 1
    dialog.close()
    assert list(tmp_path.glob("fazhi-*")) == []  # the temporary reply and PDF are removed


# ------------------------------------------------------------------ register
def _select_rows(qtbot, page, rows):
    """Click the first row, Ctrl+click the others, as the clerk does."""
    for i, row in enumerate(rows):
        rect = page.table.visualRect(page.model.index(row, 2))
        qtbot.mouseClick(page.table.viewport(), Qt.LeftButton,
                         Qt.ControlModifier if i else Qt.NoModifier, rect.center())


def test_delete_with_several_rows_selected_moves_them_all_after_one_question(
        qtbot, window, boxes):
    office = window.registry
    office.add_many("proposal", [{"session": "区政协六届一次会议", "number": n,
                                  "title": f"关于第{n}项工作", "authors": ["委员甲"]}
                                 for n in (1, 2, 3)])
    page = window.show_page("政协提案")
    _select_rows(qtbot, page, [0, 2])
    boxes.next("是")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key_Delete)
    assert boxes.seen == ["将所选的 2 件提案移到回收站？\n（可在“回收站”中恢复）"]
    assert [r["number"] for r in office.dump("proposal")] == [2]
    assert len(office.recycle_bin()) == 2
    assert page.model.rowCount() == 1


def test_edit_with_several_rows_selected_opens_the_current_one(qtbot, window):
    office = window.registry
    office.add_many("proposal", [{"session": "区政协六届一次会议", "number": n,
                                  "title": f"关于第{n}项工作", "authors": ["委员甲"]}
                                 for n in (1, 2, 3)])
    page = window.show_page("政协提案")
    _select_rows(qtbot, page, [0, 1])
    page.actions_by_name["edit"].trigger()
    assert page.editor.isVisible() and page.editor.record["number"] == 2


# ------------------------------------------------------------------ yearly report
def test_report_year_is_last_year_until_march():
    from fazhi_desktop.gui.dialogs.report_dialog import default_report_year

    assert default_report_year(_dt.date(2023, 2, 28)) == 2022
    assert default_report_year(_dt.date(2023, 3, 1)) == 2023


def test_start_page_button_and_file_menu_open_the_yearly_report(qtbot, window):
    from fazhi_desktop.gui.dialogs.report_dialog import ReportDialog, default_report_year

    home = window.show_page("首页")
    assert home.report_button.text() == "生成年度报告…" and home.report_button.isVisible()
    qtbot.mouseClick(home.report_button, Qt.LeftButton)
    dialog = home.report_dialog
    assert isinstance(dialog, ReportDialog) and dialog.isVisible()
    assert dialog.year_box.value() == default_report_year()
    dialog.close()
    menu_texts = [a.text() for a in window.file_menu.actions()]
    assert "年度报告(&R)…" in menu_texts
    window.report_action.trigger()
    shown = [d for d in window.findChildren(ReportDialog) if d.isVisible()]
    assert len(shown) == 1 and shown[0].year_box.value() == default_report_year()
    shown[0].close()
