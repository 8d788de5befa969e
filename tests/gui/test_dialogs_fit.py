"""Every dialog and editor fits the smallest office screens: 1366x768 at 125 % (1092x550 logical
pixels under the taskbar) and 1024x768 (1024x728). At each size: the dialog can be that small
(its minimum size fits the room the screen leaves for it, title bar included), it opens no
larger and with its whole frame on the screen, its button row (保存/取消/确定 …) is inside the
window and never inside a scrolling part, tests/gui/layout_check.py finds nothing cut or drawn
over anything, and nothing scrolls sideways. A form taller than the window scrolls, and the
field the keyboard goes to is scrolled into view.

The offscreen platform has one 800x800 screen: the tests pose as the office screen by replacing
screen_fit.available_geometry, which every dialog asks."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (QAbstractScrollArea, QApplication, QDialogButtonBox, QTabWidget,
                               QWidget, QWizard)

from fazhi_desktop.gui.widgets import screen_fit
from fazhi_desktop.gui.widgets.screen_fit import WINDOW_FRAME, FormScrollArea

from .layout_check import layout_problems
from .test_layout_1024 import _demo_data

SCREENS = {"1366x768@125%": QRect(0, 0, 1092, 550), "1024x768": QRect(0, 0, 1024, 728)}


def pose_as_screen(monkeypatch, area: QRect) -> None:
    monkeypatch.setattr(screen_fit, "available_geometry", lambda _widget: QRect(area))


@pytest.fixture(params=list(SCREENS))
def small_screen(request, monkeypatch) -> QRect:
    area = SCREENS[request.param]
    pose_as_screen(monkeypatch, area)
    return area


@pytest.fixture
def demo(registry):
    ids = _demo_data().fill(registry)
    return registry, ids


# ------------------------------------------------------------------ the dialogs, as opened
def _record_editor(kind):
    def make(registry, ids):
        from fazhi_desktop.gui.editor.record_editor import RecordEditor

        return RecordEditor(registry, kind, ids[kind][0])
    return make


def _mediation_editor(registry, ids):
    from fazhi_desktop.gui.pages.mediation_editor import MediationEditor

    return MediationEditor(registry, ids["mediation"][0])


def _first_run(registry, ids):
    from fazhi_desktop.gui.dialogs.profile_dialog import FirstRunProfileDialog

    return FirstRunProfileDialog(registry)


def _export_ledger(kind):
    def make(registry, ids):
        from fazhi_desktop.gui.dialogs.export_ledger import ExportLedgerDialog

        return ExportLedgerDialog(registry, kind, shown=(ids[kind][:3], "仅看超期"))
    return make


def _report(registry, ids):
    from fazhi_desktop.gui.dialogs.report_dialog import ReportDialog

    return ReportDialog(registry)


def _typeset(registry, ids):
    from fazhi_desktop.gui.dialogs.typeset_dialog import TypesetDialog

    return TypesetDialog(registry)


def _backups(registry, ids):
    from fazhi_desktop.gui.dialogs.backups import BackupsDialog

    return BackupsDialog(registry)


def _new_passphrase(registry, ids):
    from fazhi_desktop.gui.dialogs.passphrase import NewPassphraseDialog

    return NewPassphraseDialog()


def _package_passphrase(registry, ids):
    from fazhi_desktop.gui.dialogs.passphrase import PackagePassphraseDialog

    return PackagePassphraseDialog("湛河区司法局_2026-09-20.fzpkg", "平顶山市湛河区姚孟街道办事处",
                                   wrong=True)


def _past_replies(registry, ids):
    from fazhi_desktop.gui.dialogs.past_replies_dialog import PastRepliesDialog

    return PastRepliesDialog(registry, "proposal")


def _batch(registry, ids):
    from fazhi_desktop.gui.dialogs.batch_replies import BatchRepliesDialog

    return BatchRepliesDialog(registry, "proposal", ids["proposal"])


def _import_wizard(registry, ids):
    from fazhi_desktop.gui.dialogs.import_wizard import ImportWizard

    return ImportWizard(registry, "mediation")


def _error(registry, ids):
    from fazhi_desktop.gui.dialogs.error_dialog import ErrorDialog

    return ErrorDialog("程序遇到意外错误（KeyError），已把详细信息记入日志文件"
                       "“C:\\Users\\司法局办公室\\AppData\\Local\\法治办公助手\\logs\\fazhi-desktop.log”。"
                       "您的数据没有丢失。请点“复制错误信息”，发给负责本程序的同事。",
                       "Traceback (most recent call last):\n  ...\nKeyError: 'x'")


def _preview(registry, ids):
    from fazhi_desktop.gui.preview import PreviewDialog

    return PreviewDialog(title="预览 - 关于加强法治政府建设的提案的答复.docx")


def _help(registry, ids):
    from fazhi_desktop.gui.help import HelpDialog

    return HelpDialog()


def _about(registry, ids):
    from fazhi_desktop.gui.dialogs.about import AboutDialog

    return AboutDialog(registry.path)


DIALOGS = {
    "提案编辑": _record_editor("proposal"), "建议编辑": _record_editor("suggestion"),
    "调解案件编辑": _mediation_editor, "首次使用": _first_run,
    "导出提案台账": _export_ledger("proposal"), "导出调解台账": _export_ledger("mediation"),
    "年度报告": _report, "公文排版": _typeset, "数据备份与恢复": _backups,
    "设置数据包口令": _new_passphrase, "输入数据包口令": _package_passphrase,
    "导入往年答复件": _past_replies, "批量生成答复件": _batch, "从Excel导入": _import_wizard,
    "出错了": _error, "预览": _preview, "使用说明": _help, "关于": _about,
}


def button_row(dialog) -> list:
    """The buttons that end the dialog's work: 保存/取消/确定/关闭 …"""
    if isinstance(dialog, QWizard):
        return [dialog.button(b) for b in (QWizard.BackButton, QWizard.NextButton,
                                           QWizard.CancelButton) if dialog.button(b).isVisible()]
    row = list(getattr(dialog, "buttons", {}).values()) if isinstance(
        getattr(dialog, "buttons", None), dict) else []
    for box in dialog.findChildren(QDialogButtonBox):
        row += [b for b in box.buttons() if b.isVisible()]
    for name in ("close_button", "restore_button"):  # 数据备份与恢复: its own row
        if hasattr(dialog, name):
            row.append(getattr(dialog, name))
    preview = getattr(dialog, "preview", None)
    if hasattr(preview, "toolbar"):  # 预览: 打印 and 另存为PDF are on its toolbar, above the pages
        row += [preview.toolbar.widgetForAction(a) for a in preview.actions_by_name.values()]
    if not row and hasattr(dialog, "buttons") and callable(dialog.buttons):  # QMessageBox
        row = [b for b in dialog.buttons() if b.isVisible()]
    return row


def _open(qtbot, make, registry, ids):
    dialog = make(registry, ids)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    if hasattr(dialog, "listing"):  # 数据备份与恢复 reads its list off the GUI thread
        qtbot.waitUntil(lambda: not dialog.listing, timeout=20000)
    qtbot.wait(10)  # layouts settle
    return dialog


def _close(dialog) -> None:
    if hasattr(dialog, "dirty"):
        dialog.dirty = False
    dialog.done(0) if hasattr(dialog, "done") else dialog.close()


def _views(dialog) -> list:
    """Each tab of an editor (the tab bar's pages), or the dialog as it is."""
    tabs = dialog.findChild(QTabWidget) if hasattr(dialog, "record_id") else None
    if tabs is None:
        return [None]
    return list(range(tabs.count()))


def fit_problems(dialog, area: QRect) -> list:
    """What the clerk would notice on a screen with free area `area`."""
    found = []
    room = area.size() - WINDOW_FRAME
    smallest = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    if smallest.width() > room.width() or smallest.height() > room.height():
        found.append(f"最小尺寸 {smallest.width()}x{smallest.height()} 超出屏幕可用的 "
                     f"{room.width()}x{room.height()}")
    if dialog.width() > room.width() or dialog.height() > room.height():
        found.append(f"打开时 {dialog.width()}x{dialog.height()} 超出屏幕可用的 "
                     f"{room.width()}x{room.height()}")
    frame = QRect(dialog.x(), dialog.y(), dialog.width() + WINDOW_FRAME.width(),
                  dialog.height() + WINDOW_FRAME.height())
    if not area.contains(frame):
        found.append(f"窗口（含标题栏）{frame} 不在屏幕可用区域 {area} 内")
    row = button_row(dialog)
    if not row:
        found.append("找不到按钮行")
    for button in row:
        where = QRect(button.mapTo(dialog, QPoint(0, 0)), button.size())
        if not button.isVisible() or not dialog.rect().contains(where):
            found.append(f"按钮“{button.text()}”不在窗口内：{where}")
        parent = button.parentWidget()
        while parent is not None and parent is not dialog:
            if isinstance(parent, QAbstractScrollArea):
                found.append(f"按钮“{button.text()}”在滚动区域里，会被滚走")
            parent = parent.parentWidget()
    for area_widget in dialog.findChildren(FormScrollArea):
        content = area_widget.widget()
        if area_widget.isVisible() and content.width() > area_widget.viewport().width():
            found.append(f"{type(content).__name__} 比可见区域宽 "
                         f"{content.width() - area_widget.viewport().width()} 像素（横向被截）")
    found += layout_problems(dialog)
    return found


@pytest.mark.parametrize("name", list(DIALOGS))
def test_every_dialog_fits_the_smallest_office_screens(qtbot, demo, small_screen, name):
    registry, ids = demo
    dialog = _open(qtbot, DIALOGS[name], registry, ids)
    found = []
    try:
        tabs = dialog.findChild(QTabWidget) if hasattr(dialog, "record_id") else None
        for view in _views(dialog):
            if view is not None:
                tabs.setCurrentIndex(view)
                qtbot.wait(10)
            label = f"{name}" + (f" › {tabs.tabText(view)}" if view is not None else "")
            found += [f"{label}: {p}" for p in fit_problems(dialog, small_screen)]
    finally:
        _close(dialog)
    assert not found, "\n".join(found)


# ------------------------------------------------------------------ the editor on any screen
@pytest.fixture
def proposal_editor(qtbot, demo):
    def open_editor():
        from fazhi_desktop.gui.editor.record_editor import RecordEditor

        registry, ids = demo
        editor = RecordEditor(registry, "proposal", ids["proposal"][0])
        qtbot.addWidget(editor)
        editor.show()
        qtbot.waitUntil(editor.isActiveWindow)
        return editor
    return open_editor


def _visible_in(area: FormScrollArea, widget: QWidget) -> bool:
    where = QRect(widget.mapTo(area.viewport(), QPoint(0, 0)), widget.size())
    return area.viewport().rect().contains(where)


@pytest.mark.parametrize("name", ["提案编辑", "调解案件编辑", "首次使用"])
def test_on_a_large_screen_the_forms_open_whole_without_a_scrollbar(qtbot, monkeypatch, demo, name):
    """1920x1080: the editors at their designed size (1100x720, 1100x700), no tab scrolls."""
    pose_as_screen(monkeypatch, QRect(0, 0, 1920, 1040))
    registry, ids = demo
    dialog = _open(qtbot, DIALOGS[name], registry, ids)
    if hasattr(dialog, "record_id"):
        assert dialog.width() == 1100 and dialog.height() in (700, 720)
    try:
        tabs = dialog.findChild(QTabWidget) if hasattr(dialog, "record_id") else None
        for view in _views(dialog):
            if view is not None:
                tabs.setCurrentIndex(view)
                qtbot.wait(10)
            for area in dialog.findChildren(FormScrollArea):
                if area.isVisible():
                    assert not area.verticalScrollBar().isVisible(), (name, view)
    finally:
        _close(dialog)


def test_tabbing_to_the_last_reply_field_at_1092x550_scrolls_it_into_view(
        qtbot, monkeypatch, proposal_editor):
    pose_as_screen(monkeypatch, SCREENS["1366x768@125%"])
    editor = proposal_editor()
    assert editor.height() <= 550 - WINDOW_FRAME.height()
    editor.tabs.setCurrentIndex(2)  # 答复件: 13 fields
    qtbot.wait(10)
    last = editor.widget("reply.printed_date")
    area = next(a for a in editor.tabs.currentWidget().findChildren(FormScrollArea)
                if a.isAncestorOf(last))
    assert area.verticalScrollBar().maximum() > 0, "the reply form should scroll at this height"
    assert not _visible_in(area, last)
    editor.widget("reply.doc_number").setFocus()
    for _ in range(40):
        focus = QApplication.focusWidget()
        if focus is last or last.isAncestorOf(focus):
            break
        qtbot.keyClick(focus, Qt.Key_Tab)
    else:
        pytest.fail("Tab never reached 印发日期")
    assert _visible_in(area, last)
    assert editor.rect().contains(QRect(editor.buttons["save"].mapTo(editor, QPoint(0, 0)),
                                        editor.buttons["save"].size()))
    editor.dirty = False


def test_a_refused_save_scrolls_to_the_field_it_names(qtbot, monkeypatch, proposal_editor):
    pose_as_screen(monkeypatch, SCREENS["1366x768@125%"])
    editor = proposal_editor()
    editor.tabs.setCurrentIndex(2)
    qtbot.wait(10)
    last = editor.widget("reply.printed_date")
    area = next(a for a in editor.findChildren(FormScrollArea) if a.isAncestorOf(last))
    area.verticalScrollBar().setValue(0)
    editor.tabs.setCurrentIndex(0)
    last.set_value("2022年13月45日")
    assert not editor.save()
    assert editor.tabs.currentIndex() == 2
    assert _visible_in(area, last)
    assert "印发日期" in editor.problems.text()
    editor.dirty = False


def test_a_dialog_larger_than_the_screen_is_fitted_and_placed_on_it(qtbot, monkeypatch):
    """The preview asks for 900x1000 (an A4 page at a readable size); on 1366x768 at 125 % it
    was 450 pixels taller than the screen. A dialog put near the corner comes back whole."""
    from fazhi_desktop.gui.preview import PreviewDialog

    area = SCREENS["1366x768@125%"]
    pose_as_screen(monkeypatch, area)
    dialog = PreviewDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert (dialog.width(), dialog.height()) == (900, 550 - WINDOW_FRAME.height())
    assert dialog.y() == 0
    dialog.hide()
    dialog.move(800, 400)  # where the clerk left it on a larger screen
    dialog.show()
    frame = QRect(dialog.pos(), dialog.size() + WINDOW_FRAME)
    assert area.contains(frame), frame
    dialog.close()


def test_scroll_areas_disconnect_from_the_focus_when_gone(qtbot):
    """A closed editor's scroll areas must not be called on every later focus change."""
    first, second = QWidget(), QWidget()
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    area = screen_fit.scrolling(QWidget())
    area.deleteLater()
    qtbot.wait(10)
    first.show()
    first.setFocus()
    second.show()
    second.setFocus()  # no exception from the deleted area's slot


def test_the_form_scroll_area_keeps_the_forms_width_and_a_few_lines(qtbot):
    from PySide6.QtWidgets import QFormLayout, QLineEdit

    content = QWidget()
    form = QFormLayout(content)
    for n in range(30):
        edit = QLineEdit(content)
        edit.setMinimumWidth(300)
        form.addRow(f"第{n + 1}项：", edit)
    area = screen_fit.scrolling(content)
    qtbot.addWidget(area)
    lines = area.fontMetrics().lineSpacing() * screen_fit.FORM_MIN_LINES
    assert area.minimumSizeHint().width() >= content.minimumSizeHint().width()
    assert area.minimumSizeHint().height() <= lines
    assert area.sizeHint().height() >= content.sizeHint().height()
    area.resize(area.minimumSizeHint().width(), 200)
    area.show()
    qtbot.waitExposed(area)
    assert not area.horizontalScrollBar().isVisible()
    assert area.verticalScrollBar().isVisible()


def test_no_dialog_under_gui_is_left_out():
    """A new QDialog in fazhi_desktop/gui must be added to DIALOGS above (or named here with why)."""
    import ast

    root = Path(__file__).resolve().parents[2] / "fazhi_desktop" / "gui"
    tested = {"RecordEditor", "MediationEditor", "FirstRunProfileDialog", "ExportLedgerDialog",
              "ReportDialog", "TypesetDialog", "BackupsDialog", "NewPassphraseDialog",
              "PackagePassphraseDialog", "PastRepliesDialog", "BatchRepliesDialog",
              "ImportWizard", "ErrorDialog", "PreviewDialog", "HelpDialog", "AboutDialog",
              "RecordEditorBase"}  # the editors' common base
    found = set()
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
                if bases & {"QDialog", "QWizard", "QMessageBox", "RecordEditorBase"}:
                    found.add(node.name)
    assert found - tested == set(), f"未检查是否适合小屏幕的对话框：{sorted(found - tested)}"


def test_esc_in_a_scrolled_field_still_closes_the_editor(qtbot, monkeypatch, proposal_editor):
    """The scroll areas take no keys: Esc in a field of the scrolled 答复件 form closes the
    editor as before (nothing unsaved, so nothing is asked)."""
    pose_as_screen(monkeypatch, SCREENS["1366x768@125%"])
    editor = proposal_editor()
    editor.tabs.setCurrentIndex(2)
    field = editor.widget("reply.printed_by")
    field.setFocus()
    qtbot.keyClick(field, Qt.Key_Return)  # Enter presses no button: the editor has no default
    assert editor.isVisible()
    qtbot.keyClick(field, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not editor.isVisible())


def test_a_refused_save_with_its_problems_keeps_the_buttons_on_a_low_screen(qtbot, monkeypatch,
                                                                              registry):
    """Five problems under the form: the editor still fits 1092x550, 保存 in view."""
    from fazhi_desktop.gui.editor.record_editor import RecordEditor

    pose_as_screen(monkeypatch, SCREENS["1366x768@125%"])
    editor = RecordEditor(registry, "proposal")
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.widget("assigned_date").set_value("2022年13月45日")
    assert not editor.save()
    qtbot.wait(10)
    assert editor.problems.text().count("•") >= 4
    assert fit_problems(editor, SCREENS["1366x768@125%"]) == []
    editor.dirty = False
