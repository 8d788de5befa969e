"""The office profile (单位设置) as a form: the short first-run version and the full settings one.

Empty fields show what the documents use instead (留空则使用…, a choice's default marked
（默认）), never a bare “（未填）”; the first-run version asks the report's 主送机关 too and refuses
to go on without it (core/profile_defaults.py)."""
from __future__ import annotations

import copy

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QPushButton,
                               QVBoxLayout, QWidget)

from ...core import profile_defaults, records
from .fields import ChoiceField, ListField, TextField, highlight, make_field
from .form import BoundForm, ProblemLabel

# The first-run dialog asks only what every reply needs.
SHORT_KEYS = ("authority", "authority_short", "mark_text", "doc_code", "signers",
              "contact_unit", "contact_phone", "contact_person", "printed_by", "report_to")

_PLACEHOLDERS = {
    "authority": "如：平顶山市湛河区司法局（必填）",
    "authority_short": "如：湛河区司法局（答复件默认署名）",
    "mark_text": "如：平顶山市湛河区司法局文件",
    "doc_code": "如：平湛司",
    "contact_phone": "如：2818989",
    "printed_by": "如：平顶山市湛河区司法局办公室",
    "report_to": "如：区委、区政府",
}


class ProfileForm(QWidget):
    """Every profile field of interchange.md (or the short list); save() goes through the core."""

    saved = Signal(dict)

    def __init__(self, registry, parent=None, *, short: bool = False):
        super().__init__(parent)
        self.registry = registry
        fields = records.field_map("profile")
        self.form = BoundForm(self, nested_labels={"默认抄送": "cc", "字体": "fonts"})
        outer = QVBoxLayout(self)
        main = QFormLayout()
        outer.addLayout(main)
        keys = SHORT_KEYS if short else [f.name for f in records.PROFILE_FIELDS
                                         if f.type != "obj" and f.name != "seal_image"]
        for key in keys:
            fld = fields[key]
            widget = make_field(fld, self)
            if isinstance(widget, TextField) and key in _PLACEHOLDERS:
                widget.setPlaceholderText(_PLACEHOLDERS[key])
            required = fld.required or key in profile_defaults.FIRST_RUN_REQUIRED
            label = fld.label + ("（必填）" if required else "")
            if isinstance(widget, ChoiceField) and profile_defaults.choice_default_label(key):
                widget.setItemText(0, profile_defaults.choice_default_label(key))
            main.addRow(label + "：", widget)
            self.form.bind(key, widget)
            if key == "seal":
                main.addRow("电子印章图片：", self._seal_picker())
        if not short:
            cc_box = QGroupBox("默认抄送（生成答复件时使用）", self)
            cc_layout = QFormLayout(cc_box)
            for child in records.CC_FIELDS:
                widget = ListField(cc_box, rows=3, item_word="抄送单位")
                cc_layout.addRow(child.label + "：", widget)
                self.form.bind(f"cc.{child.name}", widget)
            outer.addWidget(cc_box)
            font_box = QGroupBox("公文字体", self)
            font_layout = QFormLayout(font_box)
            for child in records.FONT_FIELDS:
                widget = TextField(font_box)
                widget.setPlaceholderText(records.DEFAULT_FONTS[child.name])
                font_layout.addRow(child.label + "：", widget)
                self.form.bind(f"fonts.{child.name}", widget)
            outer.addWidget(font_box)
        self.problems = ProblemLabel(self)
        outer.addWidget(self.problems)
        self.short = short
        self.form.widgets["authority"].changed.connect(self._show_defaults)
        self.load()

    def _show_defaults(self) -> None:
        """Placeholders of the empty text fields: what the documents will use."""
        in_effect = profile_defaults.text_defaults(self.form.store_into({}))
        for key, text in in_effect.items():
            widget = self.form.widgets.get(key)
            if widget is not None:
                widget.setPlaceholderText(f"留空则使用：{text}")
        for key, text in _PLACEHOLDERS.items():
            if key not in in_effect and key in self.form.widgets and \
                    isinstance(self.form.widgets[key], TextField):
                self.form.widgets[key].setPlaceholderText(text)

    def _seal_picker(self) -> QWidget:
        box = QWidget(self)
        self.seal_image = TextField(box)
        self.seal_image.setPlaceholderText("印章图片文件（PNG，透明背景）")
        browse = QPushButton("选择…", box)
        browse.setToolTip("选择电子印章图片文件")
        browse.clicked.connect(self._browse_seal)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.seal_image, 1)
        row.addWidget(browse)
        self.form.bind("seal_image", self.seal_image)
        return box

    def _browse_seal(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择电子印章图片", "",
                                              "图片文件 (*.png *.jpg *.jpeg *.bmp)")
        if path:
            self.seal_image.setText(path)
            self.seal_image.changed.emit()

    def load(self) -> None:
        self._stored = copy.deepcopy(self.registry.stored_profile() or {})
        self.form.load(self._stored)
        self.problems.show_problems([])
        self.form.show_problems([])
        self._show_defaults()

    def profile(self) -> dict:
        return self.form.store_into(copy.deepcopy(self._stored))

    def save(self) -> bool:
        """Save through registry.set_profile; refused input stays in the form, shown in red."""
        from ...core.errors import ValidationError

        profile = self.profile()
        missing = profile_defaults.first_run_problems(profile) if self.short else []
        if missing:
            self.problems.show_problems(missing, heading="还不能开始使用：")
            for key in profile_defaults.FIRST_RUN_REQUIRED:
                highlight(self.form.widgets[key], not str(profile.get(key) or "").strip())
            first = next(k for k in profile_defaults.FIRST_RUN_REQUIRED
                         if not str(profile.get(k) or "").strip())
            self.form.widgets[first].setFocus()
            return False
        try:
            self.registry.set_profile(profile)
        except ValidationError as exc:
            self.problems.show_problems(exc.problems)
            widgets = self.form.show_problems(exc.problems)
            if widgets:
                widgets[0].setFocus()
            return False
        self._stored = profile
        self.problems.show_problems([])
        self.form.show_problems([])
        self.saved.emit(profile)
        return True
