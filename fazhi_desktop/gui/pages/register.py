"""The register of proposals (政协提案) or suggestions (人大建议): filters, a search box that narrows
as the clerk types, the lazy table, and the toolbar (新建, 编辑, 删除, 生成答复件, 文书, 预览/打印,
Excel).
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QLabel, QMessageBox,
                               QTableView, QToolBar, QToolButton, QVBoxLayout)

from ...core import queries, records
from ..dialogs.batch_replies import install_batch_action
from ..document_actions import documents_menu, preview_reply
from ..editor.record_editor import RecordEditor
from ..models.register_model import COLUMN_WIDTHS, COLUMNS, RegisterModel
from ..style import decorate_toolbar
from ..view_state import remember_table
from ..widgets.columns import fit_columns
from ..widgets.filter_row import FilterRow
from ..widgets.office_filter import OfficeFilter
from .record_page import RecordListPage


# the widest value of each column (None: 案由, which takes the rest and elides)
COLUMN_SAMPLES = {"session": "区政协六届一次会议", "number": "999", "title": None,
                  "authors": "王建军、李红", "lead_unit": "湛河区司法局", "due_date": "2026-12-31",
                  "status": "办理中", "result_class": "A类", "office": "姚孟街道办事处"}


class RegisterTable(QTableView):
    """The table view; the Delete key asks to move the selected records to the recycle bin."""

    delete_pressed = Signal()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key_Delete and event.modifiers() == Qt.NoModifier:
            self.delete_pressed.emit()
        else:
            super().keyPressEvent(event)


class RegisterPage(RecordListPage):
    """One kind's register; `editor` is the open RecordEditor, if any."""

    def __init__(self, registry, kind: str, parent=None):
        super().__init__(parent)
        self.registry, self.kind = registry, kind
        self.editor: Optional[RecordEditor] = None
        self.model = RegisterModel(registry, kind, self)
        self.toolbar = self._toolbar()
        self._search_box("搜索案由、提出人、答复内容（输入两个字即可）")
        self.search.setMinimumWidth(160)
        self.session = QComboBox(self)
        self.session.setToolTip("按届次（会议）筛选")
        self.status = self._choice_combo(records.STATUS, "全部状态")
        self.status.insertItem(1, "未答复（待办理、办理中）", queries.OPEN)
        self.result_class = self._choice_combo(records.RESULT_CLASS, "全部办理结果")
        self.offices = OfficeFilter(self, self.apply_filters)
        self.overdue = QCheckBox("仅看超期", self)
        self.due_soon = QCheckBox("14天内到期", self)
        for box in (self.session, self.status, self.result_class):
            box.currentIndexChanged.connect(self.apply_filters)
        for check in (self.overdue, self.due_soon):
            check.toggled.connect(self.apply_filters)
        self.count_label = QLabel(self)
        # first line: the search box takes the room, the count beside it; second line: the
        # filters, wrapping onto a third at 1024 pixels instead of being drawn over each other
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.count_label)
        filters = FilterRow(self)
        # 状态 as wide as its longest item, 未答复（待办理、办理中）, which 首页's 待办 sets
        for label, widget, characters in (("届次：", self.session, 9), ("状态：", self.status, 12),
                                          ("办理结果：", self.result_class, 8)):
            filters.add_labelled(label, widget, characters=characters)
        filters.add_labelled(self.offices.label, self.offices.combo)
        filters.add(self.overdue)
        filters.add(self.due_soon)
        self.filter_row = filters
        self.table = self._table()
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addLayout(search_row)
        layout.addWidget(filters)
        layout.addWidget(self.table, 1)
        install_batch_action(self)  # 批量生成答复件
        decorate_toolbar(self.toolbar, self.actions_by_name)
        self.set_tab_chain([self.search, self.session, self.status, self.result_class,
                            self.offices.combo, self.overdue, self.due_soon, self.table],
                           self.toolbar)
        # the clerk's sort order and column widths, kept in the data file (gui/view_state.py)
        self.view_memory = remember_table(self.table, registry, f"table.{kind}")
        self.refresh()

    # ------------------------------------------------------------- building
    def _choice_combo(self, choices: dict, all_text: str) -> QComboBox:
        box = QComboBox(self)
        box.addItem(all_text, None)
        for value, label in choices.items():
            box.addItem(label, value)
        return box

    def _toolbar(self) -> QToolBar:
        bar = QToolBar(self)
        bar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.actions_by_name = {}
        specs = (("new", "新建", "Ctrl+N", self.new_record),
                 ("edit", "编辑", "Enter", self.edit_current),
                 ("delete", "删除", "Delete", self.delete_current),
                 (None, None, None, None),
                 ("reply", "生成答复件", "Ctrl+G", self.generate_reply),
                 ("documents", "文书", None, None),
                 ("preview", "预览/打印", None, self.preview_reply),
                 (None, None, None, None),
                 ("import", "导入Excel…", None, self.import_excel),
                 ("import_replies", "导入往年答复件…", None, self.import_past_replies),
                 ("export", "导出Excel…", None, self.export_excel))
        for name, text, keys, slot in specs:
            if name is None:
                bar.addSeparator()
                continue
            if slot is None:  # 文书: a drop-down of the documents made from the record
                self.documents_menu = documents_menu(self, self, self.kind)
                button = QToolButton(bar)
                button.setText(text + " ▾")
                button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")
                button.setToolTip("再次答复、征询意见表、会办意见、逐一答复联名人")
                button.setMenu(self.documents_menu)
                button.setPopupMode(QToolButton.InstantPopup)
                holder = self.actions_by_name[name] = bar.addWidget(button)
                holder.setText(text)
                self.documents_button = button
                continue
            # Ctrl+N, Ctrl+G: window-wide, but only while this page is the one shown (hidden
            # pages' actions do not fire), so 政协提案 and 人大建议 never compete for Ctrl+N.
            self._toolbar_action(bar, name, text, keys, slot,
                                 shortcut=keys in ("Ctrl+N", "Ctrl+G"), context=Qt.WindowShortcut)
        return bar

    def _table(self) -> QTableView:
        table = self._set_up_table(RegisterTable(self))
        table.setAlternatingRowColors(False)  # the amber and red rows must stand out
        header = table.horizontalHeader()
        header.setSortIndicator(1, Qt.AscendingOrder)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.sortIndicatorChanged.connect(self.model.sort)
        # measured from what each column shows: 案由 gets the room that is left (at 1024 pixels
        # about twice what fixed widths left it)
        fit_columns(table, COLUMN_SAMPLES, [key for key, *_ in COLUMNS], minimum=0)
        # activated = Enter, or a double click (a single click where the desktop is set so)
        table.activated.connect(lambda _index: self.edit_current())
        table.delete_pressed.connect(self.delete_current)
        return table

    def import_past_replies(self) -> None:
        """A folder of replies sent in earlier years into this register (listed first)."""
        from ..dialogs.past_replies_dialog import PastRepliesDialog

        dialog = PastRepliesDialog(self.registry, self.kind, self)
        dialog.imported.connect(lambda _ids: self.refresh())
        dialog.setAttribute(Qt.WA_DeleteOnClose, True)
        dialog.show()

    # ------------------------------------------------------------- filtering
    def refresh(self) -> None:
        """Reload the session list and the rows (after saves elsewhere, an import, a restore)."""
        current = self.session.currentData()
        self.session.blockSignals(True)
        self.session.clear()
        self.session.addItem("全部届次", None)
        for value in self.registry.distinct_values(self.kind, "session"):
            self.session.addItem(value, value)
        index = self.session.findData(current)
        self.session.setCurrentIndex(max(index, 0))
        self.session.blockSignals(False)
        self.offices.reload(self.registry)
        self.model.office_names = self.offices.names
        self.offices.place_column(self.table, len(COLUMN_WIDTHS) - 1)
        self.apply_filters()

    def build_query(self) -> queries.TableQuery:
        old = self.model.query
        return queries.TableQuery(
            self.kind, search=self.search.text(), session=self.session.currentData(),
            status=self.status.currentData(), result_class=self.result_class.currentData(),
            overdue_only=self.overdue.isChecked(), due_soon_only=self.due_soon.isChecked(),
            office=self.offices.current(), order_by=old.order_by, descending=old.descending)

    def apply_filters(self) -> None:
        self._search_timer.stop()
        selected = self.current_id()
        self.model.set_query(self.build_query())
        self.show_count(self.model.rowCount(), self.registry.count(self.kind), "条")
        if selected:
            self.select_record(selected)

    def show_filtered(self, *, overdue: bool = False, due_soon: bool = False,
                      status: Optional[str] = None) -> None:
        """Shortcut from the start page: clear other filters, set these."""
        for widget in (self.overdue, self.due_soon, self.status, self.session, self.result_class,
                       self.search):
            widget.blockSignals(True)
        self.search.clear()
        self.session.setCurrentIndex(0)
        self.result_class.setCurrentIndex(0)
        self.status.setCurrentIndex(max(self.status.findData(status), 0))
        self.overdue.setChecked(overdue)
        self.due_soon.setChecked(due_soon)
        for widget in (self.overdue, self.due_soon, self.status, self.session, self.result_class,
                       self.search):
            widget.blockSignals(False)
        self.apply_filters()

    # ------------------------------------------------------------- actions
    def open_editor(self, record_id: Optional[str]) -> None:
        """One editor window per register, reused; switching records goes through the guard."""
        if self.editor is None:
            self.editor = RecordEditor(self.registry, self.kind, record_id, self)
            self.editor.setWindowModality(Qt.NonModal)
            self._connect_editor()
        elif self.editor.isVisible() and not self.editor.maybe_keep_edits():
            self.editor.raise_()
            return
        else:
            self.editor.load(record_id)
        self.editor.show()
        self.editor.raise_()
        self.editor.activateWindow()

    def selected_ids(self) -> list:
        """The selected rows' ids, top to bottom (the current row when none is selected)."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        ids = [rid for rid in (self.model.record_id(row) for row in rows) if rid]
        current = self.current_id()
        return ids or ([current] if current else [])

    def delete_current(self) -> None:
        """Delete: the selected records (one question for all of them) to the recycle bin."""
        record_ids = self.selected_ids()
        if not record_ids:
            return
        if len(record_ids) == 1:
            name = records.describe_key(self.kind, self.registry.get(self.kind, record_ids[0]))
            question = f"将{name}移到回收站？\n（可在“回收站”中恢复）"
        else:
            question = (f"将所选的 {len(record_ids)} 件{records.item_word(self.kind)}移到回收站？"
                        "\n（可在“回收站”中恢复）")
        answer = QMessageBox.question(self, "删除", question,
                                      QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer != QMessageBox.Yes:
            return
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        first_row = rows[0] if rows else self.table.currentIndex().row()
        for record_id in record_ids:
            self.registry.delete(self.kind, record_id)
        self._close_editor_of(record_ids)
        self.after_delete(record_ids, row=first_row)

    def generate_reply(self) -> None:
        if self.editor is not None and self.editor.isVisible():
            self.editor.generate_reply()
            return
        record_id = self.current_id()
        if not record_id:
            QMessageBox.information(self, "生成答复件", "请先在表格中选择一条记录。")
            return
        from ..reply_action import generate_reply

        generate_reply(self, self.registry, self.kind, record_id,
                       on_done=lambda _path: self.reply_marked(record_id))

    def reply_marked(self, record_id: str) -> None:
        """设为已答复 on the reply's notice: the row shows it."""
        self.refresh()
        self.select_record(record_id)

    # ------------------------------------------------------------- 文书 (gui/document_actions.py)
    def document_target(self):
        """(registry, kind, id): the open editor's record (saved first), else the current row."""
        if self.editor is not None and self.editor.isVisible():
            return self.editor.document_target()
        record_id = self.current_id()
        if not record_id:
            QMessageBox.information(self, "文书", "请先在表格中选择一条记录。")
            return None
        return self.registry, self.kind, record_id

    def co_signed(self) -> bool:
        if self.editor is not None and self.editor.isVisible():
            return self.editor.co_signed()
        record_id = self.current_id()
        return bool(record_id) and len(self.registry.get(self.kind, record_id).get("authors") or []) > 1

    def preview_reply(self) -> None:
        found = self.document_target()
        if found is not None:
            preview_reply(self, *found)

    def import_excel(self) -> None:
        from ..dialogs.import_wizard import ImportWizard  # openpyxl loads on first use

        ImportWizard(self.registry, self.kind, self).exec()
        self.refresh()

    def export_excel(self) -> None:
        """With a filter on, the rows shown are offered first (仅看超期 as a 督办 list)."""
        from ..dialogs.export_ledger import export_ledger

        scope = self.filter_summary()
        export_ledger(self, self.registry, self.kind,
                      shown=(self.shown_ids(), scope) if scope else None)

    # ------------------------------------------------------------- the rows shown
    def shown_ids(self) -> list:
        """The ids of every row the table shows under the current filter, in its order."""
        return [rid for rid in (self.model.record_id(row) for row in range(self.model.rowCount()))
                if rid]

    def filter_summary(self) -> str:
        """The filters in force, as the clerk set them (仅看超期、届次：…); empty when none."""
        parts = []
        if self.search.text().strip():
            parts.append(f"搜索“{self.search.text().strip()}”")
        for box in (self.session, self.status, self.result_class):
            if box.currentIndex() > 0:
                parts.append(box.currentText())
        if self.offices.current():
            parts.append(self.offices.combo.currentText())
        for check in (self.overdue, self.due_soon):
            if check.isChecked():
                parts.append(check.text())
        return "、".join(parts)
