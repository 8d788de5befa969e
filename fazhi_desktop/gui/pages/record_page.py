"""What the register pages share (pages/register.py, pages/mediation.py): the search box that
narrows as the clerk types, the toolbar's actions, the table's set-up, the current row, and the
editor's comings and goings (new, edit, select the record after a save, close it once deleted).
Each page keeps its own filters, columns, editor window policy and delete question.

After a save, a delete or a restore the window's status bar says what happened (已保存 …,
已移到回收站，可恢复) and the selection stays where the clerk expects it: on the saved record,
or on the row that took the deleted one's place (issue 17.3).
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QMainWindow, QTableView, QWidget

from ...core import records

from ..widgets.search_box import SearchBox

SEARCH_DELAY_MS = 200
STATUS_MS = 8000  # long enough to read, short enough not to linger over the next action


def announce(widget: QWidget, text: str) -> None:
    """A short message in the status bar of the main window that holds `widget` (if any)."""
    window = widget.window()
    if window is not None and not isinstance(window, QMainWindow):
        parent = window.parentWidget()  # an editor window: its register page's main window
        window = parent.window() if parent is not None else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, STATUS_MS)


class RecordListPage(QWidget):
    """A subclass sets `registry`, `model`, `table` and `editor`, and defines apply_filters(),
    refresh() and open_editor(record_id)."""

    def _search_box(self, placeholder: str) -> QLineEdit:
        """self.search: filters SEARCH_DELAY_MS after the last keystroke; Ctrl+F focuses it, Esc
        empties it (widgets/search_box.py)."""
        self.search = SearchBox(placeholder, self, on_leave=lambda: self.table.setFocus())
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        QShortcut(QKeySequence.Find, self, activated=self._focus_search)
        return self.search

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.ShortcutFocusReason)
        self.search.selectAll()  # typing replaces the last search

    def _toolbar_action(self, bar, name: str, text: str, keys: Optional[str], slot, *,
                        shortcut: bool, context) -> QAction:
        """A toolbar action, also the page's own; `keys` shows in the tip, bound when `shortcut`."""
        action = QAction(text, self)
        action.setToolTip(f"{text}（{keys}）" if keys else text)
        if shortcut:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(context)
        action.triggered.connect(slot)
        self.addAction(action)
        bar.addAction(action)
        self.actions_by_name[name] = action
        return action

    def _set_up_table(self, table: QTableView) -> QTableView:
        """Whole rows, one at a time, read-only, one line each."""
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
        table.setSelectionMode(QAbstractItemView.SingleSelection)
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)  # rows, not cells: Tab goes on to the toolbar
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(26)
        return table

    # ------------------------------------------------------------- keyboard, count
    def set_tab_chain(self, widgets: list, toolbar=None) -> None:
        """Tab goes through `widgets` in order, then the toolbar's buttons (made reachable by
        Tab: Qt's toolbars take no focus), then on (the sidebar, and back to the first)."""
        from ..widgets.keyboard import chain_tab_order, toolbar_buttons

        # kept: once the page is in the window's stack Qt's chain starts elsewhere; the main
        # window steps through this list (MainWindow.focusNextPrevChild)
        self.tab_chain = list(widgets) + (toolbar_buttons(toolbar) if toolbar is not None else [])
        chain_tab_order(self.tab_chain)

    def show_count(self, shown: int, total: int, unit: str) -> None:
        """A short count beside the search box ("8 / 16 条" when filtered), the words in its tip:
        it never grows wide enough to push the window wider."""
        if shown == total:
            self.count_label.setText(f"共 {total} {unit}")
            self.count_label.setToolTip("")
        else:
            self.count_label.setText(f"{shown} / {total} {unit}")
            self.count_label.setToolTip(f"符合筛选条件的 {shown} {unit}，全部 {total} {unit}")

    # ------------------------------------------------------------- selection
    def current_id(self) -> Optional[str]:
        index = self.table.currentIndex()
        return self.model.record_id(index.row()) if index.isValid() else None

    def select_record(self, record_id: str) -> bool:
        row = self.model.row_of(record_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def select_row_near(self, row: int) -> None:
        """After rows went away: the row now at `row` (the next one), else the last one."""
        count = self.model.rowCount()
        if count and row >= 0:
            row = min(row, count - 1)
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _page_kind(self) -> str:
        return getattr(self, "kind", "mediation")

    # ------------------------------------------------------------- the editor
    def _connect_editor(self) -> None:
        self.editor.saved.connect(self._after_save)
        self.editor.deleted.connect(lambda rid: self.after_delete([rid]))

    def _after_save(self, record_id: str) -> None:
        self.refresh()
        self.select_record(record_id)
        stored = self.registry.get(self._page_kind(), record_id)
        announce(self, f"已保存：{records.describe_key(self._page_kind(), stored)}")

    def after_delete(self, record_ids, *, row: Optional[int] = None, names=None) -> None:
        """Refresh after records went to the recycle bin; select the row after them; say so."""
        if row is None:
            index = self.table.currentIndex()
            row = index.row() if index.isValid() else -1
        self.refresh()
        self.select_row_near(row)
        if names is None:
            names = [records.describe_key(self._page_kind(), self.registry.get(
                self._page_kind(), rid, include_deleted=True)) for rid in record_ids]
        what = "、".join(names) if names and len(names) <= 2 else f"{len(record_ids)}条记录"
        announce(self, f"已移到回收站，可恢复：{what}")

    def new_record(self) -> None:
        self.open_editor(None)

    def edit_current(self) -> None:
        record_id = self.current_id()
        if record_id:
            self.open_editor(record_id)

    def _close_editor_of(self, record_ids) -> None:
        """After a delete from the table: the editor showing one of them closes without asking."""
        if self.editor is not None and self.editor.record_id in record_ids:
            self.editor.dirty = False
            self.editor.close()
