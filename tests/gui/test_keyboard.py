"""Issue 17.2 and 17.5: the window works from the keyboard (Tab through search, filters, table,
toolbar, sidebar and round again; Esc, Ctrl+F, Ctrl+1…9; the keys listed in menus and tips),
the focus is visible where it is, the toolbar has icons and 帮助 › 使用说明 opens the guide."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolButton

from fazhi_desktop.gui.widgets.keyboard import toolbar_buttons


def _records(office, count=5):
    office.add_many("proposal", [{"session": "区政协六届一次会议", "number": n,
                                  "title": f"关于法治建设的提案{n}", "authors": ["王明"],
                                  "lead_unit": "湛河区司法局", "assigned_date": "2026-05-10",
                                  "status": "pending"} for n in range(1, count + 1)])


def _register(window, qtbot):
    page = window.show_page("政协提案")
    qtbot.wait(10)
    return page


def _focus(qtbot, widget):
    widget.setFocus(Qt.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=2000)


def _tab(qtbot, backwards=False):
    widget = QApplication.focusWidget()
    QTest.keyClick(widget, Qt.Key_Backtab if backwards else Qt.Key_Tab,
                   Qt.ShiftModifier if backwards else Qt.NoModifier)
    qtbot.wait(5)
    return QApplication.focusWidget()


def test_tab_goes_search_filters_table_toolbar_sidebar_and_round(qtbot, window, office):
    _records(office)
    page = _register(window, qtbot)
    _focus(qtbot, page.search)
    expected = [page.session, page.status, page.result_class, page.overdue, page.due_soon,
                page.table] + toolbar_buttons(page.toolbar) + [window.nav, page.search]
    seen = [_tab(qtbot) for _ in expected]
    assert [w for w in seen] == expected, [type(w).__name__ + (getattr(w, "text", lambda: "")() or "")
                                           for w in seen]
    assert all(w.isVisible() for w in seen)  # the focus never goes where the clerk cannot see
    # Shift+Tab goes the same way back
    assert _tab(qtbot, backwards=True) is window.nav
    assert _tab(qtbot, backwards=True) is toolbar_buttons(page.toolbar)[-1]


def test_mediation_tab_order_and_delete_key_in_the_tip(qtbot, window):
    page = window.show_page("人民调解")
    qtbot.wait(10)
    _focus(qtbot, page.search)
    expected = [page.committee, page.dispute_type, page.outcome, page.month, page.table] + \
        toolbar_buttons(page.toolbar) + [window.nav, page.search]
    assert [_tab(qtbot) for _ in expected] == expected
    assert "Delete" in page.actions_by_name["delete"].toolTip()
    assert "Ctrl+N" in page.actions_by_name["new"].toolTip()


def test_focus_stays_usable_after_leaving_the_table(qtbot, window, office):
    _records(office)
    page = _register(window, qtbot)
    page.table.selectRow(0)
    _focus(qtbot, page.table)
    QTest.keyClick(page.table, Qt.Key_Down)
    assert page.table.currentIndex().row() == 1
    first_button = _tab(qtbot)
    assert isinstance(first_button, QToolButton) and first_button.isVisible()
    assert first_button.text() == "新建"
    assert _tab(qtbot, backwards=True) is page.table
    QTest.keyClick(page.table, Qt.Key_Down)
    assert page.table.currentIndex().row() == 2


def test_esc_clears_the_search_then_goes_to_the_table(qtbot, window, office):
    _records(office)
    office.add_many("proposal", [{"session": "区政协六届一次会议", "number": 99, "title": "关于物业纠纷调解的提案",
                                  "authors": ["李红"], "lead_unit": "区住建局",
                                  "assigned_date": "2026-05-10", "status": "pending"}])
    page = _register(window, qtbot)
    _focus(qtbot, page.search)
    page.search.insert("物业")  # QTest cannot type Chinese; insert() is what an IME does
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=3000)
    QTest.keyClick(page.search, Qt.Key_Escape)
    assert page.search.text() == ""
    qtbot.waitUntil(lambda: page.model.rowCount() == 6, timeout=3000)
    QTest.keyClick(page.search, Qt.Key_Escape)
    assert QApplication.focusWidget() is page.table


def test_ctrl_f_and_ctrl_digits(qtbot, window, office):
    _records(office)
    page = _register(window, qtbot)
    _focus(qtbot, page.table)
    QTest.keyClick(page.table, Qt.Key_F, Qt.ControlModifier)
    assert QApplication.focusWidget() is page.search
    QTest.keyClick(page.search, Qt.Key_4, Qt.ControlModifier)
    mediation = window.pages["人民调解"]
    assert window.stack.currentWidget() is mediation
    assert QApplication.focusWidget() is mediation.search  # ready to type
    QTest.keyClick(mediation.search, Qt.Key_1, Qt.ControlModifier)
    assert window.stack.currentWidget() is window.pages["首页"]


def test_keys_are_listed_in_menus_and_tips(qtbot, window):
    go = {a.text(): a.shortcut().toString() for a in window.go_menu.actions()}
    assert go["首页"] == "Ctrl+1" and go["政协提案"] == "Ctrl+2" and go["单位设置"] == "Ctrl+9"
    assert go["数据交换"] == ""  # a tenth page has no Ctrl+10
    record = " ".join(a.text() for a in window.record_menu.actions())
    for keys in ("Ctrl+N", "Ctrl+G", "Delete", "Ctrl+F", "Enter"):
        assert keys in record
    assert window.nav.item(9).toolTip() in ("", None) or "Ctrl+10" not in window.nav.item(9).toolTip()
    page = window.pages["政协提案"]
    tips = {name: action.toolTip() for name, action in page.actions_by_name.items()}
    assert "Ctrl+N" in tips["new"] and "Ctrl+G" in tips["reply"] and "Delete" in tips["delete"]
    assert "Ctrl+F" in page.search.toolTip() and "Esc" in page.search.toolTip()
    assert window.guide_action.shortcut().toString() == "F1"


def test_record_menu_works_on_the_page_shown(qtbot, window, office):
    _records(office)
    page = _register(window, qtbot)
    page.table.selectRow(0)
    window.record_menu.aboutToShow.emit()
    assert window.record_actions["new"].isEnabled()
    window.record_actions["search"].trigger()
    assert QApplication.focusWidget() is page.search
    window.show_page("统计")
    window.record_menu.aboutToShow.emit()
    assert not window.record_actions["new"].isEnabled()


def _image(widget) -> QImage:
    return widget.grab().toImage()


def test_focus_is_visible_on_table_sidebar_and_toolbar(qtbot, window, office):
    _records(office)
    page = _register(window, qtbot)
    page.table.selectRow(0)
    button = toolbar_buttons(page.toolbar)[0]
    _focus(qtbot, page.search)
    unfocused = {name: _image(w) for name, w in (("table", page.table), ("sidebar", window.nav),
                                                 ("button", button))}
    for name, widget in (("table", page.table), ("sidebar", window.nav), ("button", button)):
        _focus(qtbot, widget)
        qtbot.wait(10)
        assert _image(widget) != unfocused[name], f"{name}: nothing shows that it has the focus"


def test_toolbars_have_icons(qtbot, window):
    for title in ("政协提案", "人大建议", "人民调解"):
        page = window.pages[title]
        for button in toolbar_buttons(page.toolbar):
            assert not button.icon().isNull(), f"{title}: {button.text()} has no icon"
    from fazhi_desktop.paths import resources_dir

    for name in ("new", "edit", "delete", "reply", "batch", "documents", "preview", "import",
                 "import_replies", "export"):  # the app's own, not the fallback
        assert (resources_dir() / "icons" / "toolbar" / f"{name}.svg").is_file()


def test_guide_opens_inside_the_program(qtbot, window):
    window.guide_action.trigger()
    dialog = window._guide
    qtbot.waitExposed(dialog)
    text = dialog.browser.toPlainText()
    assert "使用说明" in dialog.windowTitle()
    assert "键盘操作" in text and "Ctrl+F" in text and "生成答复件" in text
    assert not dialog.browser.openExternalLinks()
    top = dialog.browser.verticalScrollBar().value()
    assert dialog.go_to_heading("键盘操作")  # the contents' links lead to their section
    assert dialog.browser.verticalScrollBar().value() > top
    assert dialog.browser.textCursor().block().text() == "键盘操作"
    import re

    from fazhi_desktop.gui.help import guide_text

    for fragment in re.findall(r"\]\(#([^)]+)\)", guide_text()):
        assert dialog.go_to_heading(fragment), f"目录链接 #{fragment} 找不到对应的标题"
    window.guide_action.trigger()
    assert window._guide is dialog  # one guide window, brought forward
    dialog.close()


def test_no_style_is_forced_over_the_platforms_own(qtbot, monkeypatch):
    """Windows 11, Kylin and UOS keep their native look: setting up the app and opening the
    window never replaces the style Qt chose (no Fusion forced)."""
    from PySide6.QtWidgets import QApplication as App

    from fazhi_desktop.gui import launch

    calls = []
    monkeypatch.setattr(App, "setStyle", staticmethod(lambda *args: calls.append(args)))
    app = App.instance()
    monkeypatch.setattr(app, "_fazhi_ready", False, raising=False)
    launch.setup_application()
    assert calls == []
    assert not app.styleSheet()  # app-wide style sheets would repaint every native widget


def test_the_start_pages_links_show_the_hand_cursor_under_the_mouse(qtbot, window):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QEnterEvent
    from PySide6.QtWidgets import QApplication

    from fazhi_desktop.gui.pages.home import LinkButton

    links = window.pages["首页"].findChildren(LinkButton)
    assert links
    link = links[0]
    QApplication.sendEvent(link, QEnterEvent(QPointF(5, 5), QPointF(5, 5), QPointF(5, 5)))
    assert link.cursor().shape() == Qt.PointingHandCursor
