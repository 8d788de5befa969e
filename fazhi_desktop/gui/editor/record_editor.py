"""The editor of one proposal or suggestion: 基本信息, 沟通记录, 答复件, 会办意见 and 再次答复 tabs,
saved through registry.save with the core's problems shown in red under the form and on the fields.
"""
from __future__ import annotations

import copy
import datetime as _dt
from typing import Optional

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QDialog, QFormLayout, QGridLayout, QHBoxLayout, QLabel,
                               QMessageBox, QPushButton, QSplitter, QTabWidget, QVBoxLayout,
                               QWidget)

from ...core import numbering, records
from ...core.dates import default_due_date
from ...core.errors import FazhiError, ValidationError
from ..widgets.fields import ListField, LongTextField, TextField, make_field, mark_proposed
from ..widgets.elided_hint import set_elided_placeholder
from ..widgets.form import BoundForm, ProblemLabel
from ..widgets.screen_fit import scrolling
from .base import RecordEditorBase
from .communications import CommunicationTable
from .history import HistoryTable
from .reply_defaults import reply_placeholders

LEFT_KEYS = ("session", "number", "title", "authors", "group", "lead_unit", "co_units")
RIGHT_KEYS = ("assigned_date", "due_date", "status", "result_class", "satisfaction", "notes")
REPLY_KEYS = ("doc_number", "title", "opening", "addressee", "signers", "signature", "date",
              "contact_unit", "contact_phone", "contact_person", "cc", "printed_by", "printed_date")
ASSIST_HINT = ("本单位为这件的会办（协办）单位时填写：会办意见致主办单位，发文字号不填时按会办文号"
               "自动编号（年份取成文日期的年份）。在“文书 › 会办意见”中生成。")
SECOND_HINT = ("委员、代表对答复“不满意”时（基本信息中的满意度）填写再次答复；标题、开头语不填时按"
               "“…的再次答复”和标准开头语生成，其余（主送、签发人、抄送等）同答复件。"
               "在“文书 › 再次答复”中生成。")
DRAFT_DELAY_MS = 2000
NUMBER_CHECK_DELAY_MS = 300
NUMBER_WARNING_COLOUR = "#9a6700"  # amber: a warning, not a refusal
_PLACEHOLDERS = {"session": "如：区政协六届一次会议", "number": "如：28",
                 "title": "如：关于加强法治政府建设", "lead_unit": "如：湛河区司法局"}


class RecordEditor(RecordEditorBase):
    """Edit (record_id given) or create a record of `kind`; emits saved(id) and deleted(id)."""

    def __init__(self, registry, kind: str, record_id: Optional[str] = None, parent=None):
        super().__init__(parent)
        self.registry, self.kind = registry, kind
        self.dirty = False
        self.due_auto = True  # the due date follows the assignment date until the clerk sets it
        self.fields = records.field_map(kind)
        self.form = BoundForm(self, nested_labels={"答复件": "reply", "沟通记录": "communications",
                                                   "会办意见": "assist", "再次答复": "second_reply"})
        self.tabs = QTabWidget(self)
        # Each form tab scrolls on a low screen; the buttons below the tabs stay in view.
        self.tabs.addTab(scrolling(self._basic_tab()), "基本信息")
        self.communications = CommunicationTable(self)
        self.form.bind("communications", self.communications)
        self.tabs.addTab(self.communications, "沟通记录")
        self.tabs.addTab(self._reply_tab(), "答复件")
        self.tabs.addTab(scrolling(self._text_tab("assist", records.ASSIST_FIELDS, ASSIST_HINT)),
                         "会办意见")
        self.tabs.addTab(scrolling(self._text_tab("second_reply", records.SECOND_REPLY_FIELDS,
                                                  SECOND_HINT)), "再次答复")
        self.history = HistoryTable(registry, kind, self)
        self.tabs.addTab(self.history, "修改记录")
        self.problems = ProblemLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problems)
        layout.addLayout(self._buttons())
        self.form.changed.connect(self._mark_dirty)
        # Unsaved edits are kept as a draft in the data file (core/drafts.py) ~2 s after the last
        # keystroke, so a crash or power cut loses at most those 2 s.
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self._keep_draft)
        self.widget("assigned_date").changed.connect(self._assigned_changed)
        self.widget("due_date").changed.connect(self._due_edited)
        for key in ("session", "number", "title", "authors"):
            self.widget(key).changed.connect(self._refresh_placeholders)
        self.widget("session").changed.connect(self._session_changed)
        self.widget("number").changed.connect(self._number_typed)
        self.widget("reply.date").changed.connect(self._refresh_number_hint)
        self.open_within_screen(1100, 720)
        self.load(record_id)

    # ------------------------------------------------------------- building
    def _field_widget(self, key: str, parent):
        fld = self.fields[key]
        widget = make_field(fld, parent, long_text=key == "notes")
        if isinstance(widget, TextField) and key in _PLACEHOLDERS:
            widget.setPlaceholderText(_PLACEHOLDERS[key])
        if isinstance(widget, ListField):
            widget.list.setMaximumHeight(80)
        if key == "status":  # the registers count an unset status as 待办理 (core/store.py)
            widget.setItemText(0, "（未填：按待办理）")
        self.form.bind(key, widget)
        return widget

    def _label(self, key: str) -> str:
        fld = self.fields[key]
        return fld.label + ("＊" if fld.required else "") + "："

    def _basic_tab(self) -> QWidget:
        page = QWidget(self)
        grid = QGridLayout(page)
        left, right = QFormLayout(), QFormLayout()
        for key in LEFT_KEYS:
            left.addRow(self._label(key), self._field_widget(key, page))
        for key in RIGHT_KEYS:
            right.addRow(self._label(key), self._field_widget(key, page))
        self.due_hint = QLabel("", page)
        self.due_hint.setStyleSheet("color: #666;")
        right.insertRow(2, "", self.due_hint)
        self._complete("session", self.registry.distinct_values(self.kind,
                                                          "session"), case_insensitive=True)
        self._two_columns(page, grid, left, right, "＊为必填项。办理期限不填时按交办日期后三个月计算。")
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        return page

    def _reply_tab(self) -> QWidget:
        splitter = QSplitter(Qt.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        left = QWidget()
        form = QFormLayout(left)
        for key in REPLY_KEYS:
            fld = _REPLY_FIELDS[key]
            widget = make_field(fld, left)
            if isinstance(widget, ListField):
                widget.list.setMaximumHeight(70)
            self.form.bind(f"reply.{key}", widget)
            form.addRow(fld.label + "：", self._number_row(widget, left) if key == "doc_number"
                        else widget)
        body_box = QWidget(splitter)
        body_layout = QVBoxLayout(body_box)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(QLabel("答复正文（每段一行；行首“一、”“（一）”“1.”“（1）”为各级标题）：", body_box))
        self.body = LongTextField(body_box)
        self.body.setPlaceholderText("在此输入或粘贴答复正文……")
        self.form.bind("reply.body", self.body)
        body_layout.addWidget(self.body, 1)
        splitter.addWidget(scrolling(left))  # 13 fields: they scroll, the body has the height
        splitter.addWidget(body_box)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([420, 640])
        return splitter

    def _text_tab(self, prefix: str, fields, hint: str) -> QWidget:
        """A tab of a document's own particulars (会办意见, 再次答复): the short fields in a form,
        the body below; the document itself comes from the 文书 menu."""
        page = QWidget(self)
        column = QVBoxLayout(page)
        note = QLabel(hint, page)
        note.setWordWrap(True)
        note.setStyleSheet("color: #666;")
        column.addWidget(note)
        form = QFormLayout()
        for fld in fields:
            if fld.name == "body":
                continue
            widget = make_field(fld, page)
            self.form.bind(f"{prefix}.{fld.name}", widget)
            form.addRow(fld.label + "：", widget)
        column.addLayout(form)
        body_field = next(f for f in fields if f.name == "body")
        column.addWidget(QLabel(body_field.label + "（每段一行）：", page))
        body = LongTextField(page)
        self.form.bind(f"{prefix}.body", body)
        column.addWidget(body, 1)
        return page

    def _number_row(self, field, parent) -> QWidget:
        """发文字号 with its 取号 button and, under it, the amber warning (malformed / used)."""
        box = QWidget(parent)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        row = QHBoxLayout()
        row.addWidget(field, 1)
        self.take_number_button = QPushButton("取号", box)
        self.take_number_button.setAutoDefault(False)
        self.take_number_button.clicked.connect(self.take_doc_number)
        row.addWidget(self.take_number_button)
        column.addLayout(row)
        self.number_warning = QLabel("", box)
        self.number_warning.setWordWrap(True)
        self.number_warning.setStyleSheet(f"color: {NUMBER_WARNING_COLOUR};")
        self.number_warning.hide()
        column.addWidget(self.number_warning)
        # Checked once the clerk pauses (it reads the registers: no query per keystroke).
        self._number_timer = QTimer(self)
        self._number_timer.setSingleShot(True)
        self._number_timer.setInterval(NUMBER_CHECK_DELAY_MS)
        self._number_timer.timeout.connect(self._check_doc_number)
        field.textEdited.connect(lambda _t: self._number_timer.start())
        return box

    def _buttons(self) -> QHBoxLayout:
        specs = (("new", "新建", "新建一条记录（Ctrl+N）", self.new_record),
                 ("delete", "删除", "移到回收站（可恢复）", self.delete_record),
                 ("reply", "生成答复件", "保存后生成答复件（Word）并打开（Ctrl+G）", self.generate_reply),
                 ("preview", "预览/打印", "保存后在程序内预览答复件，可打印或另存为PDF", self.preview_reply),
                 ("documents", "文书", "再次答复、征询意见表、会办意见、逐一答复联名人", None),
                 ("save", "保存", "保存（Ctrl+S）", self.save),
                 ("close", "关闭", "关闭（Esc）；有未保存的修改时会询问", self.close))
        return self._button_row(specs, stretch_before="reply", shortcuts=(
            (QKeySequence.Save, self.save), (QKeySequence.New, self.new_record),
            ("Ctrl+G", self.generate_reply)))

    def _menu_for(self, name: str):
        """The 文书 drop-down."""
        from ..document_actions import documents_menu

        self.documents_menu = documents_menu(self, self, self.kind)
        return self.documents_menu

    # ------------------------------------------------------------- loading
    def load(self, record_id: Optional[str], *, draft=None) -> None:
        """Show a stored record (or an empty one); a draft left from last time is offered."""
        self._draft_timer.stop()
        if record_id:
            self.record = self.registry.get(self.kind, record_id)
        else:  # the next free 编号, the last record's 届次 and 主办单位 (core/numbering.py)
            self.record = numbering.new_record_defaults(self.registry, self.kind)
        if draft is None:
            draft = self._offer_draft(record_id)
        self.number_auto = not record_id and draft is None  # 编号 follows 届次 until typed
        self.form.load(draft.data if draft is not None else self.record)
        for key in ("session", "number", "lead_unit"):  # typing replaces what was proposed
            mark_proposed(self.widget(key), self.number_auto)
        self.due_auto = not (draft.data if draft is not None else self.record).get("due_date")
        self._assigned_changed()
        self._refresh_placeholders()
        self._refresh_number_hint()
        self._check_doc_number()
        self.problems.show_problems([])
        self.form.show_problems([])
        self._set_dirty(draft is not None)
        self.history.show_record(record_id)
        self.buttons["delete"].setEnabled(bool(record_id))
        self.tabs.setCurrentIndex(0)
        self.widget("session").setFocus()

    def _assigned_changed(self) -> None:
        if not self.due_auto:
            return
        due = default_due_date(self.widget("assigned_date").value() or "")
        self.widget("due_date").set_value(due or "")
        self.due_hint.setText("（自动：交办日期后三个月，可修改）" if due else "")

    def _session_changed(self) -> None:
        """A new record's proposed 编号 is the next free one of the 届次 now typed."""
        if self.number_auto and not self.record_id:
            self.widget("number").set_value(
                numbering.next_item_number(self.registry, self.kind, self.widget("session").value()))
            mark_proposed(self.widget("number"))

    def _number_typed(self) -> None:
        self.number_auto = False

    def _due_edited(self) -> None:
        self.due_auto = not self.widget("due_date").value()
        if self.due_auto:
            self._assigned_changed()
        else:
            self.due_hint.setText("")

    def _refresh_placeholders(self) -> None:
        record = self.form.store_into(copy.deepcopy(self.record))
        shown = reply_placeholders(self.kind, record, self.registry.profile())
        for key, text in shown["texts"].items():
            set_elided_placeholder(self.widget(f"reply.{key}"), text)  # "…" when narrow
        for key, items in shown["lists"].items():
            self.widget(f"reply.{key}").set_placeholder_items(items)

    def _refresh_number_hint(self) -> None:
        """The 发文字号 placeholder: the next free number of the reply's year; the 取号 button."""
        code = self._doc_code()
        if code:
            following = numbering.next_doc_number(self.registry, code, self._number_year())
            set_elided_placeholder(self.widget("reply.doc_number"),
                                   f"下一个可用：{following}（点“取号”填入；留空则文号处空白）")
        self.take_number_button.setText("取号" if code else "取号（未设机关代字）")
        self.take_number_button.setToolTip(
            f"按“{code}〔年份〕序号号”取下一个未用的发文字号并填入（不会重复）" if code else
            "单位设置中未填写机关代字，无法编号：请先在“单位设置”中填写机关代字（如 平湛司）。")

    # ------------------------------------------------------------- 发文字号
    def _doc_code(self) -> str:
        return (self.registry.profile().get("doc_code") or "").strip()

    def _number_year(self) -> int:
        """The year of the reply's date (today's when empty or unreadable)."""
        date = str(self.widget("reply.date").value() or "")
        return int(date[:4]) if date[:4].isdigit() else _dt.date.today().year

    def _check_doc_number(self) -> list:
        self._number_timer.stop()
        if self.registry.closed:  # the data file closed meanwhile
            return []
        text = self.widget("reply.doc_number").text()
        warnings = numbering.check_doc_number(self.registry, text, kind=self.kind,
                                              record_id=self.record_id)
        self.number_warning.setText("\n".join(warnings))
        self.number_warning.setVisible(bool(warnings))
        return warnings

    def take_doc_number(self) -> None:
        """取号: reserve the next free number for the office's code and the reply's year."""
        code = self._doc_code()
        if not code:
            QMessageBox.information(self, "取号", "单位设置中未填写机关代字，无法编发文字号。\n"
                                    "请先在“单位设置”中填写机关代字（如 平湛司），再点“取号”。")
            return
        field = self.widget("reply.doc_number")
        if field.text().strip() and QMessageBox.question(
                self, "取号", f"已填写发文字号“{field.text().strip()}”，是否换成新取的号？",
                QMessageBox.Yes | QMessageBox.No, QMessageBox.No) != QMessageBox.Yes:
            return
        if not self.record_id and not self.save():  # the number is handed out to a saved record
            return
        try:
            number = numbering.reserve_doc_number(self.registry, code, self._number_year(),
                                                  kind=self.kind, record_id=self.record_id)
        except FazhiError as exc:
            QMessageBox.warning(self, "取号", str(exc))
            return
        field.set_value(number)
        field.changed.emit()  # an edit like typing: marks the record unsaved
        self._refresh_number_hint()
        self._check_doc_number()

    # ------------------------------------------------------------- state
    def _mark_dirty(self) -> None:
        self._set_dirty(True)
        self._draft_timer.start()

    def _offer_draft(self, record_id: Optional[str]):
        from ...core import drafts

        draft = drafts.load_draft(self.registry, self.kind, record_id)
        if draft is None:
            return None
        when = draft.saved_at.replace("T", " ")[:16]
        note = "（此后记录已另行保存过，建议放弃）" if draft.stale else ""
        box = QMessageBox(QMessageBox.Question, "恢复未保存的修改",
                          f"发现{drafts.draft_title(draft)}在{when}有未保存的修改{note}。是否恢复？",
                          QMessageBox.NoButton, self)
        restore = box.addButton("恢复", QMessageBox.AcceptRole)
        drop = box.addButton("放弃", QMessageBox.RejectRole)
        box.setDefaultButton(drop if draft.stale else restore)
        box.exec()
        if box.clickedButton() is restore:
            return draft
        drafts.discard_draft(self.registry, self.kind, record_id)
        return None

    def _keep_draft(self) -> None:
        from ...core import drafts

        if self.dirty:
            drafts.save_draft(self.registry, self.kind, self.record_id, self.current_record())

    def _drop_draft(self, record_id: Optional[str]) -> None:
        from ...core import drafts

        self._draft_timer.stop()
        drafts.discard_draft(self.registry, self.kind, record_id)

    def _set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        what = records.describe_key(self.kind, self.record) if self.record.get("id") else \
            f"新建{records.kind_label(self.kind)}"
        self.setWindowTitle(f"{what}{' *' if dirty else ''} — {records.kind_label(self.kind)}")

    def current_record(self) -> dict:
        """The record as the form shows it (what save would send to the core)."""
        record = self.form.store_into(copy.deepcopy(self.record))
        if self.due_auto:
            record.pop("due_date", None)  # the store computes it; the file keeps what the clerk set
        return record

    # ------------------------------------------------------------- actions
    def save(self) -> bool:
        record = self.current_record()
        problems = self.registry.validate(self.kind, record)
        if not problems:
            try:
                stored = self.registry.save(self.kind, record)
            except ValidationError as exc:
                problems = exc.problems
            except FazhiError as exc:
                problems = [str(exc)]
        if problems:
            return self._refused(problems)
        self._drop_draft(self.record_id)  # None for a new record: its draft slot
        self._drop_draft(stored["id"])
        self.record = stored
        self.history.show_record(stored["id"])
        self.problems.show_problems([])
        self.form.show_problems([])
        self._set_dirty(False)
        self.buttons["delete"].setEnabled(True)
        self.saved.emit(stored["id"])
        return True

    def _edits_discarded(self) -> None:
        self._drop_draft(self.record_id)

    def delete_record(self) -> None:
        if not self.record_id:
            return
        name = records.describe_key(self.kind, self.record)
        if QMessageBox.question(self, "删除", f"将{name}移到回收站？\n（可在“回收站”中恢复）",
                                QMessageBox.Yes | QMessageBox.No, QMessageBox.No) != QMessageBox.Yes:
            return
        record_id = self.record_id
        self.registry.delete(self.kind, record_id)
        self._drop_draft(record_id)
        self.dirty = False
        self.deleted.emit(record_id)
        self.done(QDialog.Accepted)

    def generate_reply(self) -> None:
        if not self._saved_first():
            return
        from ..reply_action import generate_reply

        generate_reply(self, self.registry, self.kind, self.record_id,
                       on_done=lambda _path: self._reload_after_reply())

    def _reload_after_reply(self) -> None:
        """The reply's date (and 已答复) were written to the record: show them, and let the
        register show them too."""
        if self.dirty or not self.record_id or self.registry.closed:
            return
        tab = self.tabs.currentIndex()
        self.load(self.record_id)
        self.tabs.setCurrentIndex(tab)
        page = self.parentWidget()
        if page is not None and hasattr(page, "reply_marked"):
            page.reply_marked(self.record_id)  # the register's row too

    def reply_marked(self, record_id: str) -> None:
        """设为已答复 on the reply's notice: the status shown (and in the register)."""
        if record_id == self.record_id:
            self._reload_after_reply()

    # ------------------------------------------------------------- 文书 (gui/document_actions.py)
    def document_target(self):
        """(registry, kind, id) of this record, saved first when it has unsaved edits."""
        if not self._saved_first():
            return None
        return self.registry, self.kind, self.record_id

    def co_signed(self) -> bool:
        return len(self.widget("authors").value() or []) > 1

    def preview_reply(self) -> None:
        found = self.document_target()
        if found is not None:
            from ..document_actions import preview_reply

            preview_reply(self, *found)


_REPLY_FIELDS = {f.name: f for f in records.REPLY_FIELDS}
