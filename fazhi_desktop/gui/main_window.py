"""The main window: navigation on the left, one page per register, the data file in the status bar.

Pages come from PAGES, one (title, factory) entry each: a factory takes (registry, window) and
returns a QWidget with refresh(). Adding a page is one line.
"""
from __future__ import annotations

from PySide6 import QtCore  # QtCore.Qt when used: its enums cost 11 ms at start (issue 16)
from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLabel, QListWidget, QMainWindow,
                               QMessageBox, QStackedWidget, QWidget)

from .. import APP_NAME
from ..core import queries
from .lazy_pages import LazyPages, page_class
from .style import ACCENT, FOCUS_STYLE


def _plain(module: str, name: str):
    """A factory for a page that needs only the registry; its module is imported when the page
    is first shown (the statistics page pulls in matplotlib, the registers python-docx)."""
    return lambda registry, window: page_class(module, name)(registry)


def _home(registry, window):
    page = page_class("home", "HomePage")(registry)
    page.open_register.connect(window.open_register_filtered)
    page.open_page.connect(window.show_page)
    return page


def _register(kind: str):
    return lambda registry, window: page_class("register", "RegisterPage")(registry, kind)


def _recycle_bin(registry, window):
    return page_class("recycle_bin", "RecycleBinPage")(registry, on_change=window.refresh_all)


def _exchange(registry, window):
    from .pages.exchange import ExchangePage

    page = ExchangePage(registry)
    page.changed.connect(window.refresh_all)  # merged records show in the registers
    return page


def _settings(registry, window):
    return page_class("settings", "SettingsPage")(registry, open_backups=window.show_backups)


PAGES = [
    ("首页", _home),
    ("政协提案", _register("proposal")),
    ("人大建议", _register("suggestion")),
    ("人民调解", _plain("mediation", "MediationPage")),
    ("信访统计", _plain("petition", "PetitionPage")),
    ("统计", _plain("statistics", "StatisticsPage")),
    ("回收站", _recycle_bin),
    ("操作记录", _plain("audit", "AuditPage")),
    ("单位设置", _settings),
    ("数据交换", _exchange),
]
REGISTER_TITLES = {"proposal": "政协提案", "suggestion": "人大建议"}
# 记录 menu: (page action, words, key shown); the pages bind the keys (gui/pages/record_page.py)
RECORD_COMMANDS = (("new", "新建", "Ctrl+N"), ("edit", "编辑", "Enter"),
                   ("delete", "删除", "Delete"), ("reply", "生成答复件", "Ctrl+G"),
                   ("search", "查找", "Ctrl+F"))
# Pages whose constructor ends by reading their data (refresh()): shown right after being built,
# they are not read a second time (at 100,000 records the start page's counts cost 9 ms, a
# register's lists ~30 ms). tests/gui/test_lazy_pages.py checks each refreshes exactly once.
FRESH_WHEN_BUILT = frozenset({"首页", "政协提案", "人大建议"})


class MainWindow(QMainWindow):
    def __init__(self, registry, parent=None):
        super().__init__(parent)
        self.registry = registry
        self.setWindowTitle(f"{APP_NAME}")
        self.nav = QListWidget(self)
        # as wide as the longest title (数据交换) and no wider: the pages get the room at 1024
        self.nav.setFixedWidth(self.nav.fontMetrics().horizontalAdvance("数据交换") * 12 // 10 + 40)
        self.nav.setIconSize(QSize(0, 0))
        # the border is there in the sidebar's colour, and turns blue when it has the focus
        self.nav.setStyleSheet("QListWidget { font-size: 12pt; border: 2px solid #f1f3f6; outline: 0;"
                               " background: #f1f3f6; }"
                               f"QListWidget:focus {{ border: 2px solid {ACCENT}; }}"
                               "QListWidget::item { padding: 10px 12px; }"
                               "QListWidget::item:selected { background: #1f5fbf; color: white; }")
        self.nav.setToolTip("Ctrl+1…Ctrl+9 直接转到各页；Tab 从这里进入当前页")
        self.stack = QStackedWidget(self)
        # A page is built the first time it is shown or asked for (self.pages[title]): only the
        # start page is built before the window appears (docs/performance.md, cold start).
        self.pages = LazyPages(PAGES, lambda factory: factory(registry, self), self.stack)
        for title, _ in PAGES:
            self.nav.addItem(title)
        for row in range(min(self.nav.count(), 9)):  # Ctrl+1 … Ctrl+9: the tenth page has none
            self.nav.item(row).setToolTip(f"{self.nav.item(row).text()}（Ctrl+{row + 1}）")
        self.nav.currentRowChanged.connect(self._show_row)
        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.setStyleSheet(FOCUS_STYLE)  # a visible focus in every table and toolbar
        self._menus()
        self.path_label = QLabel(f"数据文件：{registry.path}", self)
        self.statusBar().addPermanentWidget(self.path_label)
        self.resize(1280, 800)
        self.nav.setCurrentRow(0)

    def _menus(self) -> None:
        # Keys are set with setShortcuts(list | StandardKey): setShortcut(QKeySequence) has an
        # overload taking a Qt.Key, and PySide creates all of Qt's enums to rule it out, 12 ms
        # before the window can appear (issue 16).
        file_menu = self.file_menu = self.menuBar().addMenu("文件(&F)")
        # 文件 › 年度报告…: last year's until March, as on the start page
        self.report_action = QAction("年度报告(&R)…", self)
        self.report_action.setStatusTip("生成年度法治政府建设情况报告初稿（数据取自各登记簿）")
        self.report_action.triggered.connect(self.show_report_dialog)
        file_menu.addAction(self.report_action)
        self.typeset_action = QAction("公文排版(&T)…", self)
        self.typeset_action.setStatusTip("把同事发来的草稿一键排成红头公文格式")
        self.typeset_action.triggered.connect(self.show_typeset)
        file_menu.addAction(self.typeset_action)
        file_menu.addSeparator()
        backups = QAction("数据备份与恢复(&B)…", self)
        backups.triggered.connect(self.show_backups)
        file_menu.addAction(backups)
        quit_action = QAction("退出(&X)", self)
        quit_action.setShortcuts([QKeySequence("Ctrl+Q")])
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self._record_menu()
        self._go_menu()
        help_menu = self.help_menu = self.menuBar().addMenu("帮助(&H)")
        guide = self.guide_action = QAction("使用说明(&G)", self)
        guide.setShortcuts(QKeySequence.HelpContents)  # F1
        guide.setStatusTip("打开本程序的简明使用说明（无需联网）")
        guide.triggered.connect(self.show_help)
        help_menu.addAction(guide)
        about = QAction("关于(&A)", self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def _record_menu(self) -> None:
        """记录: the current page's own toolbar actions, so that their keys are listed in a menu.
        The keys belong to the pages (Ctrl+N of the page shown); the menu shows them only."""
        menu = self.record_menu = self.menuBar().addMenu("记录(&E)")
        self.record_actions = {}
        for name, text, keys in RECORD_COMMANDS:
            action = QAction(f"{text}\t{keys}", self)
            action.triggered.connect(lambda _=False, n=name: self.trigger_on_page(n))
            menu.addAction(action)
            self.record_actions[name] = action
        menu.aboutToShow.connect(self._enable_record_actions)

    def _enable_record_actions(self) -> None:
        page = self.stack.currentWidget()
        for name, action in self.record_actions.items():
            action.setEnabled(self._page_command(page, name) is not None)

    @staticmethod
    def _page_command(page, name: str):
        if name == "search":
            return getattr(page, "_focus_search", None) if hasattr(page, "search") else None
        page_action = getattr(page, "actions_by_name", {}).get(name)
        return page_action.trigger if page_action is not None and page_action.isEnabled() else None

    def trigger_on_page(self, name: str) -> None:
        command = self._page_command(self.stack.currentWidget(), name)
        if command is not None:
            command()

    def _go_menu(self) -> None:
        """转到: every page, Ctrl+1 … Ctrl+9 beside the first nine."""
        menu = self.go_menu = self.menuBar().addMenu("转到(&G)")
        for row, (title, _factory) in enumerate(PAGES):
            action = QAction(title, self)
            if row < 9:
                action.setShortcuts([QKeySequence(f"Ctrl+{row + 1}")])
            action.triggered.connect(lambda _=False, r=row: self.go_to_row(r))
            menu.addAction(action)

    def go_to_row(self, row: int) -> None:
        """Show the page and put the focus in it (its search box, else its first field)."""
        self.nav.setCurrentRow(row)
        page = self.pages[PAGES[row][0]]  # built on first visit: the stack's order is not PAGES'
        target = getattr(page, "search", None)
        if target is not None and target.isVisible():
            target.setFocus(QtCore.Qt.ShortcutFocusReason)
        else:
            page.setFocus(QtCore.Qt.ShortcutFocusReason)
            page.focusNextChild()

    # ------------------------------------------------------------- Tab
    def page_focus_order(self, page=None) -> list:
        """The widgets of the page shown that Tab stops at, in Tab order: the page's own list
        (`tab_chain`: search, filters, table, toolbar), else Qt's focus chain inside the page."""
        page = page or self.stack.currentWidget()
        chain = getattr(page, "tab_chain", None)
        if chain is None:
            chain, widget = [], page.nextInFocusChain()
            while widget is not None and widget is not page and len(chain) < 2000:
                if page.isAncestorOf(widget):
                    chain.append(widget)
                widget = widget.nextInFocusChain()
        tab_focus = QtCore.Qt.TabFocus
        return [w for w in chain if w.isVisible() and w.isEnabled() and w.focusPolicy() & tab_focus
                and w.focusProxy() is None]

    def focusNextPrevChild(self, next_child: bool) -> bool:  # noqa: N802
        """A ring: sidebar → the page's widgets in their order → sidebar (Shift+Tab the other
        way). Qt's own chain runs through every page, hidden ones too, and once the pages sit in
        the stack it no longer starts at the search box: Tab left the table for nowhere."""
        focus = QApplication.focusWidget()
        order = self.page_focus_order()
        reason = QtCore.Qt.TabFocusReason if next_child else QtCore.Qt.BacktabFocusReason
        if not order:
            return super().focusNextPrevChild(next_child)
        if focus is self.nav:
            order[0 if next_child else -1].setFocus(reason)
            return True
        if focus in order:
            position = order.index(focus) + (1 if next_child else -1)
            (order[position] if 0 <= position < len(order) else self.nav).setFocus(reason)
            return True
        return super().focusNextPrevChild(next_child)

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        title = PAGES[row][0]
        fresh = title in FRESH_WHEN_BUILT and not self.pages.is_built(title)
        page = self.pages[title]
        self.stack.setCurrentWidget(page)
        if hasattr(page, "refresh") and not fresh:
            page.refresh()

    def show_page(self, title: str):
        row = [t for t, _ in PAGES].index(title)
        if self.nav.currentRow() == row:
            self._show_row(row)  # already there: still refresh
        else:
            self.nav.setCurrentRow(row)
        return self.pages[title]

    def open_register_filtered(self, kind: str, what: str) -> None:
        """Start page shortcut: the register with only the pending / overdue / due-soon rows."""
        page = self.show_page(REGISTER_TITLES[kind])
        page.show_filtered(overdue=what == "overdue", due_soon=what == "due_soon",
                           status=queries.OPEN if what == "pending" else None)
        if what == "pending":
            page.table.horizontalHeader().setSortIndicator(5, QtCore.Qt.AscendingOrder)

    def come_forward(self) -> None:
        """A second start on the same data file brings this window forward instead."""
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def offer_drafts(self) -> None:
        """At start: edits left unsaved last time (a crash, a power cut) reopen in their editor,
        which asks 恢复 / 放弃 (core/drafts.py keeps them)."""
        from ..core import drafts

        for draft in drafts.load_drafts(self.registry):
            if draft.kind in REGISTER_TITLES and not draft.stale:
                page = self.show_page(REGISTER_TITLES[draft.kind])
                page.open_editor(draft.record_id or None)
                return

    def refresh_all(self) -> None:
        for page in self.pages.built():  # a page not built yet reads the file when it is
            if hasattr(page, "refresh") and page is not self.stack.currentWidget():
                page.refresh()

    def show_backups(self) -> None:
        """数据备份与恢复: back up now, choose the folder, restore a chosen backup."""
        from .dialogs.backups import BackupsDialog

        dialog = BackupsDialog(self.registry, self, before_restore=self.close_editors)
        dialog.restored.connect(self.reopen_after_restore)  # first: the pages then read the new file
        dialog.restored.connect(self.refresh_all)
        dialog.restored.connect(lambda: self._show_row(self.nav.currentRow()))  # the page shown too
        dialog.exec()

    def reopen_after_restore(self) -> None:
        """A restore replaced the data file under the open store: open it again, so that every
        thread reads the restored file and a backup of an older version is migrated."""
        from ..core.errors import FazhiError

        try:
            self.registry.reopen()
        except FazhiError as exc:
            QMessageBox.critical(self, "从备份恢复", f"数据已恢复，但无法重新打开数据文件：{exc}")

    def close_editors(self) -> bool:
        """Before a restore: every open editor saves, discards or keeps its edits (the clerk
        chooses); False when one is kept open, so an old edit cannot be saved over the restore."""
        for page in self.pages.built():
            editor = getattr(page, "editor", None)
            if editor is not None and editor.isVisible():
                if not editor.maybe_keep_edits():
                    return False
                editor.dirty = False
                editor.close()
        return True

    def show_report_dialog(self) -> None:
        from .dialogs.report_dialog import default_report_year, open_report_dialog

        open_report_dialog(self, self.registry, year=default_report_year())

    def show_typeset(self) -> None:
        from .dialogs.typeset_dialog import TypesetDialog

        dialog = TypesetDialog(self.registry, self)
        dialog.setAttribute(QtCore.Qt.WA_DeleteOnClose, True)
        dialog.show()

    def show_help(self):
        """帮助 › 使用说明 (F1): the clerk's guide, in the program, without a network."""
        from .help import show_guide

        return show_guide(self)

    def show_about(self) -> None:
        from .dialogs.about import AboutDialog

        AboutDialog(self.registry.path, self).exec()

    def closeEvent(self, event) -> None:  # noqa: N802
        for page in self.pages.built():
            editor = getattr(page, "editor", None)
            if editor is not None and editor.isVisible() and not editor.maybe_keep_edits():
                event.ignore()
                return
        self.stop_background_jobs()
        event.accept()

    def stop_background_jobs(self) -> None:
        """Before the data file is closed: cancel every background job (a batch stops after the
        document it is writing) and wait for it, so nothing is left half-written."""
        from . import ops

        if ops.running():
            self.statusBar().showMessage("正在停止后台任务，请稍候……")
            ops.stop_all()
