"""The parties (当事人) of a mediation case: an editable table, ID numbers and phones checked as
they are typed and shown masked unless the clerk unmasks this one case on purpose.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QStyledItemDelegate, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from ...core.normalize import canonical_date, parse_date
from ...core.idcard import id_birth_date, id_number_problem, mask_id_number, mask_phone, phone_problem
from ...core.records import PARTY_FIELDS, PARTY_ROLE

KEYS = [f.name for f in PARTY_FIELDS]
LABELS = {f.name: f.label for f in PARTY_FIELDS}
SECRET = {"id_number": mask_id_number, "phone": mask_phone}
# The widest value each column usually holds: its width is measured from it in the table's own
# font (and from its header), so that at any font size the table fits a 1024-pixel screen with
# 住址 taking the rest; longer values (an agent with his firm) end in "…" with a tooltip.
SAMPLES = {"role": "被申请人", "name": "欧阳明月", "sex": "男", "ethnicity": "汉族",
           "birth_date": "1980-05-01", "id_number": "41040319800501123X", "occupation": "个体经营",
           "phone": "138****1234", "legal_agent": "", "entrusted_agent": ""}
FULL_ROLE = Qt.UserRole + 10   # the whole value behind a masked cell
BAD = QColor("#fde0e0")


def cell_problem(key: str, value: str, birth_date: str = "") -> str:
    """What is wrong with one typed cell, in Chinese ('' when fine); the core checks again on save."""
    value = value.strip()
    if not value:
        return ""
    if key == "id_number":
        problem = id_number_problem(value)
        if problem:
            return f"身份证号码{problem}"
        born = id_birth_date(value.upper())
        given = parse_date(birth_date or "")
        if given and born and given != born:
            return f"身份证号码中的出生日期{born.isoformat()}与出生日期{given.isoformat()}不一致"
    if key == "phone":
        return phone_problem(value) or ""
    if key == "birth_date" and parse_date(value) is None:  # the forms every date editor takes
        return "出生日期不是有效日期（如1980-05-01、1980.5.1或1980年5月1日）"
    return ""


class _RoleDelegate(QStyledItemDelegate):
    """申请人 / 被申请人 / 第三人 from a drop-down."""

    def createEditor(self, parent, option, index):  # noqa: N802
        box = QComboBox(parent)
        for value, label in PARTY_ROLE.items():
            box.addItem(label, value)
        return box

    def setEditorData(self, editor, index):  # noqa: N802
        editor.setCurrentIndex(max(editor.findData(index.data(FULL_ROLE)), 0))

    def setModelData(self, editor, model, index):  # noqa: N802
        model.setData(index, editor.currentData(), FULL_ROLE)
        model.setData(index, editor.currentText(), Qt.DisplayRole)


class PartiesTable(QWidget):
    """value() -> list of party dicts in the clerk's order; changed when anything is edited."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.unmasked = False
        self.table = QTableWidget(0, len(KEYS), self)
        self.table.setHorizontalHeaderLabels([LABELS[k] + ("＊" if k == "name" else "") for k in KEYS])
        self.table.setItemDelegateForColumn(KEYS.index("role"), _RoleDelegate(self.table))
        header = self.table.horizontalHeader()
        cell, title = self.table.fontMetrics(), header.fontMetrics()
        for key, sample in SAMPLES.items():
            words = self.table.horizontalHeaderItem(KEYS.index(key)).text()
            header.resizeSection(KEYS.index(key), 16 + max(cell.horizontalAdvance(sample),
                                                           title.horizontalAdvance(words)))
        header.setSectionResizeMode(KEYS.index("address"), QHeaderView.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setToolTip("双击单元格编辑；身份证号码和电话默认只显示部分数字")
        self.table.itemChanged.connect(self._item_changed)
        self.show_full = QCheckBox("显示本案完整身份证号码和电话", self)
        self.show_full.setToolTip("仅对本案生效；关闭窗口后恢复部分隐藏")
        self.show_full.toggled.connect(self._show_full_toggled)
        # Asked before the numbers are shown (the editor asks once per case and notes it in the
        # 操作记录, core/unmasking.py); None shows them without asking.
        self.unmask_guard = None
        self.hint = QLabel(self)
        self.hint.setStyleSheet("color: #c62828;")
        self.hint.setWordWrap(True)
        buttons = QHBoxLayout()
        self.buttons = {}
        for name, text, slot in (("add", "添加当事人", self.add_party), ("remove", "删除", self.remove_party),
                                 ("up", "上移", lambda: self.move(-1)), ("down", "下移", lambda: self.move(1))):
            button = QPushButton(text, self)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[name] = button
        buttons.addStretch(1)
        buttons.addWidget(self.show_full)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        self.setFocusProxy(self.table)

    # ------------------------------------------------------------- cells
    def _make_item(self, key: str, value) -> QTableWidgetItem:
        text = "" if value is None else str(value)
        item = QTableWidgetItem()
        item.setData(FULL_ROLE, text if key != "role" else (value or "applicant"))
        if key == "role":
            item.setData(Qt.DisplayRole, PARTY_ROLE.get(value or "applicant", str(value)))
        else:
            item.setData(Qt.DisplayRole, self._shown(key, text))
        self._set_editable(item, key)
        return item

    def _shown(self, key: str, full: str) -> str:
        if key in SECRET and not self.unmasked:
            return SECRET[key](full)
        return full

    def _set_editable(self, item: QTableWidgetItem, key: str) -> None:
        # A masked number cannot be edited (that would reveal it); an empty one can be typed in.
        locked = key in SECRET and not self.unmasked and bool(item.data(FULL_ROLE))
        flags = item.flags() | Qt.ItemIsEditable
        item.setFlags(flags & ~Qt.ItemIsEditable if locked else flags)
        if locked:
            item.setToolTip("已部分隐藏；勾选“显示本案完整身份证号码和电话”后可查看和修改")

    def _item_changed(self, item: QTableWidgetItem) -> None:
        key = KEYS[item.column()]
        if key != "role":
            text = str(item.data(Qt.DisplayRole) or "").strip()
            if key == "birth_date":  # 1980.5.1 typed: stored and shown as 1980-05-01
                text = canonical_date(text)
            full = str(item.data(FULL_ROLE) or "")
            # A masked cell showing its own mask has not been edited: keep the whole value.
            if not (key in SECRET and not self.unmasked and full and text == self._shown(key, full)):
                self.table.blockSignals(True)
                item.setData(FULL_ROLE, text)
                item.setData(Qt.DisplayRole, self._shown(key, text))
                self._set_editable(item, key)
                self.table.blockSignals(False)
        if key == "id_number":
            self._birth_date_from_id(item.row())
        self.check_row(item.row())
        self.changed.emit()

    def _birth_date_from_id(self, row: int) -> None:
        """出生日期 left empty is filled from a valid ID number (its 7th-14th digits)."""
        number = self.full_value(row, "id_number").upper()
        birth = self.table.item(row, KEYS.index("birth_date"))
        if birth is None or str(birth.data(FULL_ROLE) or "").strip() or id_number_problem(number):
            return
        born = id_birth_date(number)
        if born is not None:
            birth.setData(Qt.DisplayRole, born.isoformat())  # through _item_changed: stored too

    def full_value(self, row: int, key: str) -> str:
        item = self.table.item(row, KEYS.index(key))
        return str(item.data(FULL_ROLE) or "") if item else ""

    def check_row(self, row: int) -> list:
        """Mark the bad cells of a row red with the reason as tooltip; returns the reasons."""
        reasons = []
        self.table.blockSignals(True)
        for key in ("birth_date", "id_number", "phone"):
            item = self.table.item(row, KEYS.index(key))
            problem = cell_problem(key, self.full_value(row, key), self.full_value(row, "birth_date"))
            if item is not None:
                item.setBackground(QBrush(BAD) if problem else QBrush())
                if problem:
                    item.setToolTip(problem)
                    reasons.append(f"第{row + 1}位当事人：{problem}")
                elif key not in SECRET or self.unmasked:
                    item.setToolTip("")
        self.table.blockSignals(False)
        self._update_hint()
        return reasons

    def _update_hint(self) -> None:
        lines = []
        for row in range(self.table.rowCount()):
            for key in ("birth_date", "id_number", "phone"):
                problem = cell_problem(key, self.full_value(row, key), self.full_value(row, "birth_date"))
                if problem:
                    lines.append(f"第{row + 1}位当事人：{problem}")
        self.hint.setText("\n".join(lines))
        self.hint.setVisible(bool(lines))

    # ------------------------------------------------------------- rows
    def add_party(self, party: dict = None) -> None:
        party = party if isinstance(party, dict) else {
            "role": "respondent" if self.table.rowCount() else "applicant"}
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        for col, key in enumerate(KEYS):
            self.table.setItem(row, col, self._make_item(key, party.get(key)))
        self.table.blockSignals(False)
        self.check_row(row)
        self.table.setCurrentCell(row, KEYS.index("name"))
        self.changed.emit()

    def remove_party(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._update_hint()
            self.changed.emit()

    def move(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        rows = self._rows()
        rows[row], rows[target] = rows[target], rows[row]
        self._load_rows(rows)
        self.table.setCurrentCell(target, self.table.currentColumn() if self.table.currentColumn() >= 0 else 1)
        self.changed.emit()

    def _rows(self) -> list:
        return [{key: self.full_value(row, key) for key in KEYS} for row in range(self.table.rowCount())]

    def _load_rows(self, rows: list) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        self.table.blockSignals(False)
        for party in rows:
            self.add_party({k: v for k, v in party.items() if v})

    def _show_full_toggled(self, on: bool) -> None:
        if on and self.unmask_guard is not None and not self.unmask_guard():
            self.show_full.blockSignals(True)
            self.show_full.setChecked(False)
            self.show_full.blockSignals(False)
            return
        self.set_unmasked(on)

    def set_unmasked(self, on: bool) -> None:
        if on == self.unmasked:
            return
        self.unmasked = on
        self.show_full.blockSignals(True)
        self.show_full.setChecked(on)
        self.show_full.blockSignals(False)
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            for key in SECRET:
                item = self.table.item(row, KEYS.index(key))
                item.setData(Qt.DisplayRole, self._shown(key, item.data(FULL_ROLE) or ""))
                self._set_editable(item, key)
        self.table.blockSignals(False)
        for row in range(self.table.rowCount()):
            self.check_row(row)

    # ------------------------------------------------------------- form protocol
    def value(self):
        parties = []
        for row in self._rows():
            party = {k: v.strip() for k, v in row.items() if isinstance(v, str) and v.strip()}
            if set(party) - {"role"}:
                parties.append(party)
        return parties or None

    def set_value(self, value) -> None:
        self.set_unmasked(False)   # every case opens masked
        self._load_rows(list(value or []))
        self.table.clearSelection()

    def setStyleSheet(self, style: str) -> None:  # noqa: N802 (the form's highlight)
        self.table.setStyleSheet(style)
