"""Editors for one field of a record (text, number, date, choice, list), all with the same small
protocol: value() -> the JSON value or None, set_value(v), and a `changed` signal.

They only convert text to JSON types; whether a value is acceptable is the core's business
(registry.validate), so a wrong number or date is passed on as text and refused there.
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (QCalendarWidget, QComboBox, QHBoxLayout, QLineEdit, QListWidget,
                               QListWidgetItem, QMenu, QPlainTextEdit, QToolButton, QVBoxLayout,
                               QWidget, QWidgetAction)

from ...core.records import Field

ERROR_STYLE = "border: 1px solid #c62828; background: #fff3f3;"


class TextField(QLineEdit):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.textEdited.connect(lambda _t: self.changed.emit())

    def value(self):
        text = self.text().strip()
        return text or None

    def set_value(self, value) -> None:
        self.setText("" if value is None else str(value))


class IntField(TextField):
    """Digits become an int; anything else stays text so that validation names the problem."""

    def value(self):
        text = self.text().strip()
        if not text:
            return None
        return int(text) if text.isdigit() else text


class LongTextField(QPlainTextEdit):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.textChanged.connect(self.changed.emit)

    def value(self):
        text = self.toPlainText().strip("\n")
        return text if text.strip() else None

    def set_value(self, value) -> None:
        self.setPlainText(value or "")

    def setPlaceholderText(self, text: str) -> None:  # noqa: N802 (Qt naming)
        super().setPlaceholderText(text)


class DateField(QWidget):
    """A date typed by hand in any form the import wizard takes (2026-9-20, 2026.9.20,
    2026/9/20, 2026年9月20日, 20260920: core.normalize.parse_date), shown as YYYY-MM-DD once the
    clerk leaves the box, or picked from a calendar (the … button). The one date editor of every
    form (issue 17.4)."""

    changed = Signal()
    PLACEHOLDER = "如2026-09-20"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.PLACEHOLDER)
        self.edit.setToolTip("可输入2026-09-20、2026.9.20、2026/9/20或2026年9月20日")
        self.edit.setMaximumWidth(130)
        self.edit.textEdited.connect(lambda _t: self.changed.emit())
        self.edit.editingFinished.connect(self._tidy)
        self.button = QToolButton(self)
        self.button.setText("…")
        self.button.setToolTip("从日历中选择日期")
        self.button.setFocusPolicy(Qt.NoFocus)
        self.button.clicked.connect(self._pick)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)

    def value(self):
        """YYYY-MM-DD when the text is a date in an accepted form; else the text as typed (the
        core then names the field and the problem)."""
        from ...core.normalize import canonical_date

        text = self.edit.text().strip()
        return canonical_date(text) if text else None

    def set_value(self, value) -> None:
        self.edit.setText(value or "")

    def _tidy(self) -> None:
        """2026.9.20 becomes 2026-09-20 on leaving the box (what will be stored)."""
        text = self.edit.text().strip()
        shown = self.value() or ""
        if text and shown != self.edit.text():
            self.edit.setText(shown)

    def setPlaceholderText(self, text: str) -> None:  # noqa: N802
        self.edit.setPlaceholderText(text)

    def setStyleSheet(self, style: str) -> None:  # noqa: N802 (highlight the edit, not the row)
        self.edit.setStyleSheet(style)

    def _pick(self) -> None:
        from ...core.normalize import parse_date

        calendar = QCalendarWidget()
        day = parse_date(self.edit.text())
        if day is not None:
            calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        menu = QMenu(self)
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)
        menu.addAction(action)

        def chosen(qdate: QDate) -> None:
            self.edit.setText(qdate.toString("yyyy-MM-dd"))
            self.changed.emit()
            menu.close()

        calendar.clicked.connect(chosen)
        menu.exec(self.button.mapToGlobal(self.button.rect().bottomLeft()))


class ChoiceField(QComboBox):
    """An enum: the Chinese words shown, the stored value returned; first entry means unset."""

    changed = Signal()

    def __init__(self, choices: dict, parent=None, *, empty_text: str = "（未填）"):
        super().__init__(parent)
        self.addItem(empty_text, None)
        for value, label in choices.items():
            self.addItem(label, value)
        self.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def value(self):
        return self.currentData()

    def set_value(self, value) -> None:
        index = self.findData(value)
        if index < 0 and value is not None:  # a value the list does not know: keep it visible
            self.addItem(str(value), value)
            index = self.count() - 1
        self.setCurrentIndex(max(index, 0))


class _PlaceholderList(QListWidget):
    """A list that shows grey placeholder text while it is empty (like QLineEdit's)."""

    placeholder = ""

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        if self.count() == 0 and self.placeholder:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.PlaceholderText))
            painter.drawText(self.viewport().rect().adjusted(4, 3, -4, -3),
                             Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap, self.placeholder)


class ListField(QWidget):
    """A list of short texts (authors, signers, cc): one per row, ＋ adds, － removes."""

    changed = Signal()

    def __init__(self, parent=None, *, rows: int = 3, item_word: str = "一项"):
        super().__init__(parent)
        self.list = _PlaceholderList(self)
        self.list.setMaximumHeight(8 + rows * 24)
        self.list.itemChanged.connect(lambda _i: self.changed.emit())
        self.list.setEditTriggers(QListWidget.DoubleClicked | QListWidget.EditKeyPressed)
        self.add_button = QToolButton(self)
        self.add_button.setText("＋")
        self.add_button.setToolTip(f"添加{item_word}（Insert）")
        self.add_button.clicked.connect(lambda: self.add_item())
        self.add_button.setFocusPolicy(Qt.NoFocus)  # keyboard: Insert adds, Delete removes
        self.remove_button = QToolButton(self)
        self.remove_button.setText("－")
        self.remove_button.setToolTip(f"删除选中的{item_word}（Delete）")
        self.remove_button.setFocusPolicy(Qt.NoFocus)
        self.remove_button.clicked.connect(self.remove_current)
        buttons = QVBoxLayout()
        buttons.setSpacing(2)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.list)

    def _new_item(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemIsEditable)
        return item

    def add_item(self, text: str = "") -> None:
        item = self._new_item(text if isinstance(text, str) else "")
        self.list.addItem(item)
        self.list.setCurrentItem(item)
        if not item.text():
            self.list.editItem(item)
        self.changed.emit()

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.changed.emit()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key_Insert:
            self.add_item()
        elif event.key() == Qt.Key_Delete and self.list.state() != QListWidget.EditingState:
            self.remove_current()
        else:
            super().keyPressEvent(event)

    def value(self):
        items = [self.list.item(i).text().strip() for i in range(self.list.count())]
        items = [text for text in items if text]
        return items or None

    def set_value(self, value) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for text in value or []:
            self.list.addItem(self._new_item(str(text)))
        self.list.blockSignals(False)

    def set_placeholder_items(self, items: list) -> None:
        """Shown in grey while the list is empty: what the document will use instead."""
        self.list.placeholder = "\n".join(items)
        self.list.setToolTip("留空则使用：" + "、".join(items) if items else "")
        self.list.viewport().update()

    def setStyleSheet(self, style: str) -> None:  # noqa: N802
        self.list.setStyleSheet(style)


class _ProposedValue(QObject):
    """While `active`: selects a line edit's whole text when it gets the focus (by Tab or by a
    click), so that typing replaces a proposed value instead of being added to it. The first
    edit ends it."""

    def __init__(self, edit: QLineEdit):
        super().__init__(edit)
        self.edit = edit
        self.active = False
        edit.installEventFilter(self)
        edit.textEdited.connect(self._edited)

    def _edited(self, _text: str) -> None:
        self.active = False

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if self.active and event.type() == QEvent.FocusIn:
            self.edit.selectAll()
            QTimer.singleShot(0, self._select_after_click)
        return False

    def _select_after_click(self) -> None:
        if self.active and self.edit.hasFocus():
            self.edit.selectAll()


def mark_proposed(widget, proposed: bool = True) -> None:
    """A value the program proposed (the next 编号, the last 届次): shown as a value, replaced by
    whatever the clerk types into the field (issue 17.4)."""
    edit = getattr(widget, "edit", widget)
    if not isinstance(edit, QLineEdit):
        return
    keeper = edit.findChild(_ProposedValue)
    if keeper is None:
        if not proposed:
            return
        keeper = _ProposedValue(edit)
    keeper.active = proposed and bool(edit.text())


def make_field(fld: Field, parent=None, *, long_text: bool = False):
    """The editor widget for a field of core.records (str, int, date, enum, list_str)."""
    if fld.type == "int":
        return IntField(parent)
    if fld.type == "date":
        return DateField(parent)
    if fld.type == "enum":
        return ChoiceField(fld.choices, parent)
    if fld.type == "list_str":
        return ListField(parent)
    if long_text:
        return LongTextField(parent)
    return TextField(parent)


def highlight(widget: Optional[QWidget], on: bool) -> None:
    if widget is not None:
        widget.setStyleSheet(ERROR_STYLE if on else "")
