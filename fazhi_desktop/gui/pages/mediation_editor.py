"""The editor of one mediation case: 基本信息, 当事人, 事实与协议, 回访 tabs, the 司法确认 window
shown above them, saved through registry.save with the core's problems shown in Chinese.
"""
from __future__ import annotations

import copy
from typing import Optional

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QGridLayout, QHBoxLayout,
                               QHeaderView, QLabel, QMessageBox, QTabWidget, QVBoxLayout, QWidget)

from ...core import mediation, numbering, records
from ...core.errors import FazhiError, ValidationError
from ..widgets.fields import ListField, TextField, make_field, mark_proposed
from ..editor.base import RecordEditorBase
from ..widgets.form import BoundForm, ProblemLabel
from ..widgets.row_table import RowTable
from ..widgets.screen_fit import scrolling
from .mediation_parties import PartiesTable

WINDOW_STYLES = {
    "open": "background: #e8f3ec; color: #1b5e20;",
    "closing": "background: #fff3cd; color: #6d4c00; font-weight: bold;",
    "urgent": "background: #f8d0d0; color: #8e0000; font-weight: bold;",
    "closed": "background: #eeeeee; color: #555555;",
    "unknown": "background: #fff3cd; color: #6d4c00;",
}
_PLACEHOLDERS = {"case_number": "如：（2022）湛调字第15号", "committee": "如：阳光苑社区人民调解委员会",
                 "amount": "如：3000", "agreement.performance_method": "如：现金一次性支付",
                 "agreement.copies": "如：3（当事人各一份，调委会留存一份）"}


class NumberField(TextField):
    """An amount in yuan: a number when it reads as one, else the text (the core names the problem)."""

    def value(self):
        text = self.text().strip().replace(",", "").replace("，", "")
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            return text
        return int(number) if number.is_integer() else number

    def set_value(self, value) -> None:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        super().set_value(value)


class DisputeTypeField(QComboBox):
    """The standard dispute types, or another word the clerk types."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setEditable(True)
        self.addItems(records.DISPUTE_TYPES)
        self.setCurrentIndex(-1)
        self.currentTextChanged.connect(lambda _t: self.changed.emit())

    def value(self):
        return self.currentText().strip() or None

    def set_value(self, value) -> None:
        self.setEditText(value or "")


class FollowupTable(RowTable):
    """回访记录: rows of date, method (printed ticked on the 卷宗's 回访记录) and what was found."""

    KEYS = ("date", "method", "summary")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._make_table(["回访日期（YYYY-MM-DD）", "回访方式（电话/上门/其他）", "回访情况"])
        self.table.horizontalHeader().resizeSection(0, 170)
        self.table.horizontalHeader().resizeSection(1, 190)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
        layout = QVBoxLayout(self)
        layout.addLayout(self._add_remove_buttons("添加回访"))
        layout.addWidget(self.table, 1)


class MediationEditor(RecordEditorBase):
    """Edit (record_id given) or register a mediation case; emits saved(id) and deleted(id)."""

    UNSAVED_QUESTION = "这个案件有尚未保存的修改，是否保存？"

    def __init__(self, registry, record_id: Optional[str] = None, parent=None):
        super().__init__(parent)
        self.registry = registry
        self.kind = "mediation"
        self.dirty = False
        self.fields = records.field_map("mediation")
        self.form = BoundForm(self, nested_labels={"当事人": "parties", "调解协议": "agreement",
                                                   "回访记录": "followups"})
        self.window_label = QLabel(self)
        self.window_label.setWordWrap(True)
        self.window_label.setContentsMargins(8, 6, 8, 6)
        self.tabs = QTabWidget(self)
        # The form tabs scroll on a low screen; the buttons below the tabs stay in view.
        self.tabs.addTab(scrolling(self._basic_tab()), "基本信息")
        self.parties = PartiesTable(self)
        self.parties.unmask_guard = self._confirm_unmask
        self.form.bind("parties", self.parties)
        self.tabs.addTab(self.parties, "当事人")
        self.tabs.addTab(scrolling(self._outcome_tab()), "事实、结果与协议")
        self.followups = FollowupTable(self)
        self.form.bind("followups", self.followups)
        self.tabs.addTab(self.followups, "回访记录")
        self.problems = ProblemLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.window_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problems)
        layout.addLayout(self._buttons())
        self.form.changed.connect(self._mark_dirty)
        self.open_within_screen(1100, 700)
        self.load(record_id)

    # ------------------------------------------------------------- building
    def _bind(self, key: str, parent, *, long_text: bool = False):
        if key == "amount":
            widget = NumberField(parent)
        elif key == "dispute_type":
            widget = DisputeTypeField(parent)
        else:
            fld = self.fields[key] if "." not in key else _AGREEMENT[key.split(".")[1]]
            widget = make_field(fld, parent, long_text=long_text)
        if isinstance(widget, ListField):
            widget.list.setMaximumHeight(80)
        if key in _PLACEHOLDERS and hasattr(widget, "setPlaceholderText"):
            widget.setPlaceholderText(_PLACEHOLDERS[key])
        self.form.bind(key, widget)
        return widget

    def _label(self, key: str) -> str:
        fld = self.fields[key] if "." not in key else _AGREEMENT[key.split(".")[1]]
        return fld.label + ("＊" if fld.required else "") + "："

    def _basic_tab(self) -> QWidget:
        page = QWidget(self)
        grid = QGridLayout(page)
        left, right = QFormLayout(), QFormLayout()
        for key in ("case_number", "committee", "mediators"):
            left.addRow(self._label(key), self._bind(key, page))
        for key in ("accepted_date", "source", "dispute_type", "amount"):
            right.addRow(self._label(key), self._bind(key, page))
        self._complete("committee", self.registry.distinct_values("mediation",
                                                            "committee"))
        self._two_columns(page, grid, left, right, "＊为必填项。当事人至少两方，在“当事人”页填写。")
        return page

    def _outcome_tab(self) -> QWidget:
        page = QWidget(self)
        grid = QGridLayout(page)
        facts_box = QVBoxLayout()
        facts_box.addWidget(QLabel(self._label("facts"), page))
        facts_box.addWidget(self._bind("facts", page, long_text=True), 1)
        facts_box.addWidget(QLabel(self._label("agreement.responsibility"), page))
        facts_box.addWidget(self._bind("agreement.responsibility", page, long_text=True), 1)
        facts_box.addWidget(QLabel("协议内容（每项一行）：", page))
        terms = self._bind("agreement.terms", page, long_text=True)
        terms.setPlaceholderText("一、……\n二、……")
        facts_box.addWidget(terms, 1)
        right = QFormLayout()
        for key in ("outcome", "closed_date", "agreement.performance_method",
                    "agreement.performance_deadline", "agreement.copies", "performance"):
            right.addRow(self._label(key), self._bind(key, page))
        for key in ("outcome", "closed_date", "agreement.terms"):
            self.widget(key).changed.connect(self._show_window)
        grid.addLayout(facts_box, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        return page

    def _buttons(self) -> QHBoxLayout:
        specs = (("new", "新建", "登记新案件（Ctrl+N）", self.new_record),
                 ("delete", "删除", "移到回收站（可恢复）", self.delete_record),
                 ("documents", "文书", "保存后生成人民调解协议书或整套卷宗（Word）", None),
                 ("save", "保存", "保存（Ctrl+S）", self.save),
                 ("close", "关闭", "关闭（Esc）；有未保存的修改时会询问", self.close))
        return self._button_row(specs, stretch_before="documents", shortcuts=(
            (QKeySequence.Save, self.save), (QKeySequence.New, self.new_record)))

    # ------------------------------------------------------------- loading and state
    def load(self, record_id: Optional[str]) -> None:
        if not hasattr(self, "_unmask_confirmed"):
            self._unmask_confirmed = set()  # cases whose full numbers were shown in this window
        if record_id:
            self.record = self.registry.get("mediation", record_id)
        else:
            self.record = {"outcome": "pending", "source": "application",
                           "parties": [{"role": "applicant"}, {"role": "respondent"}]}
            # the next free 案件编号 and the last case's 调委会 (core/numbering.py)
            self.record.update(numbering.new_record_defaults(self.registry, "mediation"))
        self.form.load(self.record)
        for key in ("case_number", "committee"):  # typing replaces what was proposed
            mark_proposed(self.widget(key), not record_id)
        self.problems.show_problems([])
        self.form.show_problems([])
        self._set_dirty(False)
        self.buttons["delete"].setEnabled(bool(record_id))
        self.tabs.setCurrentIndex(0)
        self._show_window()
        self.widget("case_number").setFocus()

    def _confirm_unmask(self) -> bool:
        """显示完整身份证号码: asked once per case in this window, and noted in the 操作记录."""
        from ...core import unmasking

        key = self.record_id or "new"
        if key in self._unmask_confirmed:
            return True
        if QMessageBox.question(self, "显示完整信息", unmasking.unmask_question("mediation", self.record),
                                QMessageBox.Yes | QMessageBox.No, QMessageBox.No) != QMessageBox.Yes:
            return False
        unmasking.note_unmasked(self.registry, "mediation", self.record)
        self._unmask_confirmed.add(key)
        return True

    def _show_window(self) -> None:
        window = mediation.confirmation_window(self.current_record())
        if window.level == "not_applicable":
            self.window_label.hide()
            return
        text = window.message
        self.window_label.setText(text if text.startswith("司法确认") else "司法确认：" + text)
        self.window_label.setStyleSheet(WINDOW_STYLES.get(window.level, ""))
        self.window_label.show()

    def _mark_dirty(self) -> None:
        self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        what = self.record.get("case_number") if self.record.get("id") else "登记新案件"
        self.setWindowTitle(f"{what}{' *' if dirty else ''} — 人民调解")

    def current_record(self) -> dict:
        return self.form.store_into(copy.deepcopy(self.record))

    # ------------------------------------------------------------- actions
    def save(self) -> bool:
        record = self.current_record()
        try:
            stored = self.registry.save("mediation", record)
        except ValidationError as exc:
            return self._refused(exc.problems)
        except FazhiError as exc:
            return self._refused([str(exc)])
        self.record = stored
        self.problems.show_problems([])
        self.form.show_problems([])
        self._set_dirty(False)
        self.buttons["delete"].setEnabled(True)
        self._show_window()
        self.saved.emit(stored["id"])
        return True

    def delete_record(self) -> None:
        if not self.record_id:
            return
        if QMessageBox.question(self, "删除", f"将案件{self.record.get('case_number')}移到回收站？\n"
                                "（可在“回收站”中恢复）", QMessageBox.Yes | QMessageBox.No,
                                QMessageBox.No) != QMessageBox.Yes:
            return
        record_id = self.record_id
        self.registry.delete("mediation", record_id)
        self.dirty = False
        self.deleted.emit(record_id)
        self.done(QDialog.Accepted)

    def _menu_for(self, name: str):
        """The 文书 drop-down, from the table of document types (docgen/document_types.py)."""
        from ..document_actions import documents_menu

        self.documents_menu = documents_menu(self, self, "mediation")
        return self.documents_menu

    def document_target(self):
        """(registry, kind, record_id) once the case is saved, else None."""
        if not self._saved_first():
            return None
        return self.registry, "mediation", self.record_id

    def render_agreement(self) -> None:
        self._render("agreement")

    def render_case_file(self) -> None:
        self._render("case_file")

    def _render(self, what: str) -> None:
        if not self._saved_first():
            return
        from .mediation_documents import render_document

        render_document(self, self.registry, self.record_id, what)


_AGREEMENT = {f.name: f for f in records.AGREEMENT_FIELDS}
