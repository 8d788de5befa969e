"""What the record editors share (editor/record_editor.py, pages/mediation_editor.py): the dirty
flag's guard (保存/不保存/取消), closing and Esc through it, save-then-act, the button row and the
refused-save display. Each editor keeps its own tabs, loading, save and delete.
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QCompleter, QDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton,
                               QWidget)


class RecordEditorBase(QDialog):
    """A subclass sets `form`, `tabs`, `problems`, `record`, `dirty` and defines save() and
    load(record_id); emits saved(id) and deleted(id)."""

    saved = Signal(str)
    deleted = Signal(str)
    UNSAVED_QUESTION = "这条记录有尚未保存的修改，是否保存？"

    # ------------------------------------------------------------- building
    def widget(self, key: str):
        return self.form.widgets[key]

    def _complete(self, key: str, values: list, *, case_insensitive: bool = False) -> None:
        """The field `key` offers the values already used that contain what is typed."""
        completer = QCompleter(values, self)
        if case_insensitive:
            completer.setCaseSensitivity(Qt.CaseInsensitive)
        completer.setFilterMode(Qt.MatchContains)
        self.widget(key).setCompleter(completer)

    def _two_columns(self, page: QWidget, grid, left, right, note: str) -> None:
        """The 基本信息 tab: two form columns and, under them, the grey note."""
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        label = QLabel(note, page)
        label.setStyleSheet("color: #666;")
        grid.addWidget(label, 1, 0, 1, 2)
        grid.setRowStretch(2, 1)

    def _button_row(self, specs, *, stretch_before: str, shortcuts=()) -> QHBoxLayout:
        """specs: (name, text, tip, slot); a None slot asks _menu_for(name) for a drop-down."""
        row = QHBoxLayout()
        self.buttons = {}
        for name, text, tip, slot in specs:
            button = QPushButton(text, self)
            button.setToolTip(tip)
            button.setAutoDefault(False)
            if slot is None:
                button.setMenu(self._menu_for(name))
            else:
                button.clicked.connect(slot)
            self.buttons[name] = button
            if name == stretch_before:
                row.addStretch(1)
            row.addWidget(button)
        for keys, slot in shortcuts:
            QShortcut(QKeySequence(keys), self, activated=slot)
        return row

    def _menu_for(self, name: str):
        raise NotImplementedError(name)

    def open_within_screen(self, width: int, height: int) -> None:
        """The designed size, or the screen's room when that is smaller (1024x768, 1366x768 at
        125 %); kept on the screen each time it is shown. The form tabs scroll (scrolling())."""
        from ..widgets.screen_fit import keep_on_screen, resize_within_screen

        resize_within_screen(self, width, height)
        keep_on_screen(self)

    # ------------------------------------------------------------- state
    @property
    def record_id(self) -> Optional[str]:
        return self.record.get("id")

    def _refused(self, problems: list) -> bool:
        """Show the core's problems under the form and on the fields; the first one's tab."""
        self.problems.show_problems(problems)
        widgets = self.form.show_problems(problems)
        if widgets:
            self._show_widget(widgets[0])
        return False

    def _show_widget(self, widget: QWidget) -> None:
        for index in range(self.tabs.count()):
            if self.tabs.widget(index).isAncestorOf(widget) or self.tabs.widget(index) is widget:
                self.tabs.setCurrentIndex(index)
        widget.setFocus()

    def _saved_first(self) -> bool:
        """Save-then-act: True when the record is stored with nothing unsaved."""
        return not ((self.dirty or not self.record_id) and not self.save())

    # ------------------------------------------------------------- the unsaved-edits guard
    def maybe_keep_edits(self) -> bool:
        """The unsaved-edits guard: True when it is fine to leave (saved or discarded)."""
        if not self.dirty:
            return True
        box = QMessageBox(QMessageBox.Warning, "尚未保存", self.UNSAVED_QUESTION,
                          QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, self)
        box.button(QMessageBox.Save).setText("保存")
        box.button(QMessageBox.Discard).setText("不保存")
        box.button(QMessageBox.Cancel).setText("取消")
        box.setDefaultButton(QMessageBox.Save)
        answer = box.exec()
        if answer == QMessageBox.Save:
            return self.save()
        if answer == QMessageBox.Discard:
            self._edits_discarded()
            return True
        return False

    def _edits_discarded(self) -> None:
        """Called when the clerk answers 不保存."""

    def new_record(self) -> None:
        if self.maybe_keep_edits():
            self.load(None)

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.maybe_keep_edits():
            self.dirty = False
            event.accept()
        else:
            event.ignore()

    def reject(self) -> None:  # Esc
        if self.maybe_keep_edits():
            self.dirty = False
            super().reject()
