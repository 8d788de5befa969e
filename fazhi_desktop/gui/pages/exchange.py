"""数据交换 page (issue 15.3): packages of records between a district and its township offices.

Four tabs over the Registry's exchange API (core/exchange, docs/exchange.md):
- 导出数据包: which registers, which year, where (a USB stick); encrypted with a passphrase
  typed twice, or, after a clear warning, unencrypted;
- 导入数据包: the package is read and checked and what it would change is shown (counts and a
  list) before anything is written; 合并导入 then merges it in one transaction;
- 已收到的数据包: office, date, counts of every package merged;
- 冲突: a record changed here and at the other office, both versions side by side field by
  field; the clerk keeps one.
Reading, exporting and merging run off the GUI thread (gui/ops.py) with progress and 取消.
"""
from __future__ import annotations

import datetime as _dt
import json
import zipfile
from pathlib import Path
from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QFileDialog, QFormLayout,
                               QGroupBox, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton,
                               QRadioButton, QSplitter, QTabWidget, QVBoxLayout, QWidget)

from ...core import passphrases, records, stats
from ...core.audit_view import side_by_side
from ...core.errors import FazhiError, ValidationError
from ...core.exchange.export import exposure_text
from ..dialogs.passphrase import NewPassphraseDialog, PackagePassphraseDialog
from ..ops import run_in_background
from ..widgets.list_table import read_only_table

PACKAGE_FILTER = "法治办公助手数据包 (*.fzpkg)"
SETTING_PACKAGE_DIR = "package_dir"  # the folder last used for packages (often a USB stick)
# The merge's counts are keyed 新增/更新/未变/删除/冲突 (core/exchange/merge.py COUNT_KEYS); an
# export's per register {"records", "deleted", "purged"}.
COUNT_ORDER = ("新增", "更新", "未变", "删除", "冲突")
COUNT_WORDS = {"records": "记录", "deleted": "已删除", "purged": "彻底删除"}
PREVIEW_LIMIT = 2000  # rows listed in the preview; the counts always cover everything
CHANGED_BRUSH = QBrush(QColor("#fdecea"))


# ------------------------------------------------------------------ words for what the API returns
def kind_word(kind: str) -> str:
    return records.KIND_LABELS.get(kind, kind)


def counts_text(counts) -> str:
    """'新增3条，更新1条，冲突1条' from a merge's counts (zeros left out), or for an export's
    per-register counts '人民调解3条（已删除1条）；信访统计12条'."""
    if not isinstance(counts, dict) or not counts:
        return "无"
    if all(isinstance(v, dict) for v in counts.values()):
        parts = []
        for kind, per_kind in counts.items():
            extra = "，".join(f"{COUNT_WORDS.get(k, k)}{n}条" for k, n in per_kind.items()
                             if k != "records" and isinstance(n, int) and n)
            parts.append(f"{kind_word(kind)}{per_kind.get('records', 0)}条" + (f"（{extra}）" if extra else ""))
        return "；".join(parts) or "无"
    keys = [k for k in COUNT_ORDER if k in counts] + [k for k in counts if k not in COUNT_ORDER]
    shown = [f"{COUNT_WORDS.get(k, kind_word(k))}{counts[k]}条" for k in keys
             if isinstance(counts[k], int) and counts[k]]
    return "，".join(shown) or "无变化"


def when_text(value) -> str:
    return str(value or "").replace("T", " ")[:16]


def usb_stick_folder() -> Optional[Path]:
    """A mounted USB stick to offer first (Linux desktops mount them under /media/USER or
    /run/media/USER); None when there is none or on other systems."""
    import getpass
    import os

    if os.name != "posix":
        return None
    try:
        user = getpass.getuser()
    except Exception:
        return None
    for base in (Path("/media") / user, Path("/run/media") / user):
        try:
            sticks = sorted(p for p in base.iterdir() if p.is_dir() and os.access(p, os.W_OK))
        except OSError:
            continue
        if sticks:
            return sticks[0]
    return None


def package_office(path) -> dict:
    """The sending office named in a package's plain manifest ({} when it cannot be read):
    to look up a remembered passphrase before the package is decrypted."""
    try:
        with zipfile.ZipFile(path) as zf:
            manifest = json.loads(zf.read("manifest.json").decode("utf-8"))
        office = manifest.get("office") or {}
        return office if isinstance(office, dict) else {}
    except Exception:  # the real check (and its Chinese message) is plan_package's
        return {}


def planned_changes(registry, plan) -> list:
    """(登记簿, 变化, 记录) for every record the plan would add, update, delete or put in
    conflict — 未变 left out — in the package's order: the core's read-only preview
    (Registry.preview_package, core/exchange/merge.py) against the file as it is now."""
    return [(change["kind_label"], change["change"], change["text"])
            for change in registry.preview_package(plan)]


def _is(exc: BaseException, name: str) -> bool:
    """Whether `exc` is core/exchange's exception `name` (PassphraseNeeded, WrongPassphrase)."""
    return any(cls.__name__ == name for cls in type(exc).__mro__)


class ExchangePage(QWidget):
    """数据交换; `changed` is emitted after a merge or a settled conflict (registers refresh)."""

    changed = Signal()

    def __init__(self, registry, parent=None):
        super().__init__(parent)
        self.registry = registry
        self.plan = None
        self.plan_path: Optional[Path] = None
        self.op = None  # the running background operation (tests wait for it)
        self.conflict_list: list = []
        self.last_export: Optional[Path] = None
        self.identity = QLabel(self)
        self.identity.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._export_tab(), "导出数据包")
        self.tabs.addTab(self._import_tab(), "导入数据包")
        self.tabs.addTab(self._received_tab(), "已收到的数据包")
        self.tabs.addTab(self._conflicts_tab(), "冲突")
        layout = QVBoxLayout(self)
        layout.addWidget(self.identity)
        layout.addWidget(self.tabs, 1)
        self.refresh()

    # ============================================================== export
    def _export_tab(self) -> QWidget:
        tab = QWidget(self)
        self.kind_boxes = {}
        kinds_box = QGroupBox("包含的登记簿", tab)
        kinds_row = QHBoxLayout(kinds_box)
        for kind in records.KINDS:
            box = QCheckBox(kind_word(kind), kinds_box)
            box.setChecked(True)
            box.toggled.connect(self._export_ready)
            self.kind_boxes[kind] = box
            kinds_row.addWidget(box)
        kinds_row.addStretch(1)
        self.export_year = QComboBox(tab)
        self.encrypt = QRadioButton("加密（推荐）：导出时设置口令，对方导入时输入同一口令", tab)
        self.no_encrypt = QRadioButton("不加密", tab)
        self.encrypt.setChecked(True)
        self.unencrypted_warning = QLabel(tab)
        self.unencrypted_warning.setWordWrap(True)
        self.unencrypted_warning.setStyleSheet("color: #a61b1f;")
        self.unencrypted_warning.setVisible(False)
        self.no_encrypt.toggled.connect(self.unencrypted_warning.setVisible)
        self.no_encrypt.toggled.connect(self._export_ready)
        self.export_button = QPushButton("导出数据包…", tab)
        self.export_button.setToolTip("选择保存位置（如U盘）并导出")
        self.export_button.clicked.connect(lambda: self.export_package())
        self.export_status = QLabel(tab)
        self.export_status.setWordWrap(True)
        self.export_status.setTextInteractionFlags(Qt.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow("年度：", self.export_year)
        crypt = QVBoxLayout()
        crypt.addWidget(self.encrypt)
        crypt.addWidget(self.no_encrypt)
        crypt.addWidget(self.unencrypted_warning)
        form.addRow("保护：", crypt)
        intro = QLabel("数据包是一个.fzpkg文件，包含所选登记簿的全部记录（包括删除记录），可用U盘交给上级或"
                       "下级单位导入。每次导出都是完整的，丢失或晚到一个数据包不会丢失数据。", tab)
        intro.setWordWrap(True)
        layout = QVBoxLayout(tab)
        layout.addWidget(intro)
        layout.addWidget(kinds_box)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.export_status)
        layout.addStretch(1)
        return tab

    def chosen_kinds(self) -> list:
        return [kind for kind, box in self.kind_boxes.items() if box.isChecked()]

    def unencrypted_warning_text(self) -> str:
        """What an unencrypted package of the chosen registers exposes (core/exchange)."""
        return exposure_text(self.chosen_kinds() or None)

    def _export_ready(self) -> None:
        self.export_button.setEnabled(bool(self.chosen_kinds()) and self.op is None)
        self.unencrypted_warning.setText(self.unencrypted_warning_text())

    def _default_package_path(self) -> Path:
        folder = Path(self.registry.setting(SETTING_PACKAGE_DIR) or usb_stick_folder() or Path.home())
        name = (self.registry.profile().get("authority") or "本单位").strip() or "本单位"
        year = self.export_year.currentData()
        what = f"{year}年" if year else ""
        return folder / f"{name}{what}数据包-{_dt.date.today():%Y%m%d}.fzpkg"

    def ask_new_passphrase(self) -> Optional[str]:
        dialog = NewPassphraseDialog(self)
        return dialog.passphrase() if dialog.exec() == QDialog.Accepted else None

    def export_package(self, path: Optional[str] = None) -> None:
        kinds = self.chosen_kinds()
        if not kinds or self.op is not None:
            return
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "导出数据包（可保存到U盘）",
                                                  str(self._default_package_path()), PACKAGE_FILTER)
            if not path:
                return
        if not path.lower().endswith(".fzpkg"):
            path += ".fzpkg"
        passphrase = None
        if self.encrypt.isChecked():
            passphrase = self.ask_new_passphrase()
            if passphrase is None:
                return
        elif QMessageBox.warning(self, "不加密导出", self.unencrypted_warning_text() + "\n\n确定不加密导出吗？",
                                 QMessageBox.Yes | QMessageBox.No, QMessageBox.No) != QMessageBox.Yes:
            return
        target = Path(path)
        self.registry.set_setting(SETTING_PACKAGE_DIR, str(target.parent))
        year = self.export_year.currentData()

        def work(progress):
            return self.registry.export_package(
                target, kinds=kinds, year=year, passphrase=passphrase,
                progress=lambda done, total, *_: progress.update(done, total, "正在导出数据包……"),
                cancelled=progress.cancelled)

        def done(manifest) -> None:
            self.op = None
            self.last_export = target
            counts = (manifest or {}).get("counts") if isinstance(manifest, dict) else None
            protection = "已加密" if passphrase else "未加密"
            self.export_status.setText(f"已导出到“{target}”（{protection}）：{counts_text(counts)}。")
            self._export_ready()

        self._start(work, "导出数据包", done, self.export_status)

    # ============================================================== import
    def _import_tab(self) -> QWidget:
        tab = QWidget(self)
        self.choose_package_button = QPushButton("选择数据包…", tab)
        self.choose_package_button.clicked.connect(lambda: self.open_package())
        self.plan_label = QLabel("选择一个数据包后，这里先列出导入会带来的变化；确认后才写入。", tab)
        self.plan_label.setWordWrap(True)
        self.plan_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.plan_table = read_only_table(tab, ("登记簿", "变化", "记录"), (110, 80, 400), stretch=2)
        self.apply_button = QPushButton("合并导入", tab)
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply_plan)
        self.discard_button = QPushButton("放弃", tab)
        self.discard_button.setEnabled(False)
        self.discard_button.clicked.connect(self.discard_plan)
        row = QHBoxLayout()
        row.addWidget(self.choose_package_button)
        row.addStretch(1)
        row.addWidget(self.apply_button)
        row.addWidget(self.discard_button)
        layout = QVBoxLayout(tab)
        layout.addLayout(row)
        layout.addWidget(self.plan_label)
        layout.addWidget(self.plan_table, 1)
        return tab

    def ask_package_passphrase(self, path: Path, office_name: str, wrong: bool):
        """(passphrase, remember) or None when the clerk cancels."""
        dialog = PackagePassphraseDialog(path.name, office_name, wrong=wrong, parent=self)
        if dialog.exec() != QDialog.Accepted:
            return None
        return dialog.passphrase(), dialog.wants_remembering()

    def open_package(self, path: Optional[str] = None) -> None:
        if self.op is not None:
            return
        if path is None:
            folder = self.registry.setting(SETTING_PACKAGE_DIR) or str(usb_stick_folder() or Path.home())
            path, _ = QFileDialog.getOpenFileName(self, "选择要导入的数据包", folder, PACKAGE_FILTER)
            if not path:
                return
        target = Path(path)
        self.registry.set_setting(SETTING_PACKAGE_DIR, str(target.parent))
        office = package_office(target)
        self.discard_plan()
        self._plan(target, office, passphrases.remembered(office.get("id", "")), remember=False,
                   tried_remembered=True)

    def _plan(self, target: Path, office: dict, passphrase: Optional[str], *, remember: bool,
              tried_remembered: bool = False) -> None:
        def work(progress):
            progress.update(0, 0, "正在检查数据包……")
            plan = self.registry.plan_package(target, passphrase=passphrase)
            return plan, planned_changes(self.registry, plan)

        def done(result) -> None:
            self.op = None
            plan, changes = result
            stored = True
            if remember and passphrase:
                stored = passphrases.remember(office.get("id", ""), passphrase)
            self.show_plan(target, plan, changes)
            if not stored:
                self.plan_label.setText(self.plan_label.text() + "\n" + passphrases.NOT_STORED)

        def failed(exc) -> None:
            self.op = None
            self._set_busy(False)
            needed, wrong = _is(exc, "PassphraseNeeded"), _is(exc, "WrongPassphrase")
            if needed or wrong:
                if wrong and tried_remembered and passphrase:
                    passphrases.forget(office.get("id", ""))  # the office changed its passphrase
                answer = self.ask_package_passphrase(target, office.get("name", ""),
                                                     wrong=wrong and not tried_remembered)
                if answer is None:
                    self.plan_label.setText("未导入：没有输入口令。")
                    return
                self._plan(target, office, answer[0], remember=answer[1])
                return
            self._show_failure(exc, self.plan_label, "未导入")

        self._start(work, "读取数据包", done, self.plan_label, failed=failed)

    def show_plan(self, path: Path, plan, changes=None) -> None:
        """What the package would change, before anything is written: the counts, then one row
        per record that would change (`changes`: (登记簿, 变化, 记录) rows)."""
        self.plan, self.plan_path = plan, path
        office = getattr(plan, "office", None) or {}
        name = office.get("name") if isinstance(office, dict) else str(office)
        created = getattr(plan, "created_at", "") or ""
        conflicts = list(getattr(plan, "conflicts", None) or [])
        lines = [f"数据包“{path.name}”来自“{name or '未知单位'}”"
                 + (f"，导出于{when_text(created)}" if created else "") + "。",
                 f"导入将：{counts_text(getattr(plan, 'counts', {}))}。"]
        if conflicts:
            lines.append(f"其中{len(conflicts)}条记录在本单位和对方都改过（冲突）：导入后保留本单位的内容，"
                         "对方的内容放在“冲突”页，由您逐条选择。")
        lines.append("确认无误后点“合并导入”；导入前会自动备份数据文件。")
        self.plan_label.setText("\n".join(lines))
        rows = list(changes if changes is not None else self._plan_rows(plan))
        if len(rows) > PREVIEW_LIMIT:
            lines.insert(2, f"（下表列出前{PREVIEW_LIMIT}条变化。）")
            self.plan_label.setText("\n".join(lines))
            rows = rows[:PREVIEW_LIMIT]
        self.plan_table.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                self.plan_table.setItem(r, c, _item(text))
        self.apply_button.setEnabled(True)
        self.discard_button.setEnabled(True)

    def _plan_rows(self, plan) -> list:
        """Without a per-record list: one row per register and kind of change."""
        rows = []
        for kind, per_kind in (getattr(plan, "by_kind", None) or {}).items():
            for key in COUNT_ORDER:
                n = (per_kind or {}).get(key, 0)
                if n and key != "未变":
                    rows.append((kind_word(kind), key, f"{n}条"))
        return rows

    def discard_plan(self) -> None:
        self.plan, self.plan_path = None, None
        self.plan_table.setRowCount(0)
        self.apply_button.setEnabled(False)
        self.discard_button.setEnabled(False)

    def apply_plan(self) -> None:
        if self.plan is None or self.op is not None:
            return
        plan, path = self.plan, self.plan_path

        def work(progress):
            return self.registry.apply_package(
                plan, progress=lambda done, total, *_: progress.update(done, total, "正在合并数据……"),
                cancelled=progress.cancelled)

        def done(applied) -> None:
            self.op = None
            self.discard_plan()
            self.plan_label.setText(f"已导入“{path.name}”：{counts_text(applied)}。")
            self.refresh()
            self.changed.emit()

        self._start(work, "导入数据包", done, self.plan_label)

    # ============================================================== received
    def _received_tab(self) -> QWidget:
        tab = QWidget(self)
        self.received_table = read_only_table(
            tab, ("单位", "数据包导出时间", "导入时间", "加密", "内容"), (200, 130, 130, 90, 300), stretch=4)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.received_table, 1)
        return tab

    def _show_received(self) -> None:
        try:
            received = self.registry.received_packages()
        except AttributeError:  # an older core without data exchange
            received = []
        self.received_table.setRowCount(len(received))
        for r, entry in enumerate(received):
            cells = (entry.get("office_name", ""), when_text(entry.get("created_at")),
                     when_text(entry.get("imported_at")), entry.get("encryption") or "未加密",
                     counts_text(entry.get("counts")))
            for c, text in enumerate(cells):
                self.received_table.setItem(r, c, _item(text))

    # ============================================================== conflicts
    def _conflicts_tab(self) -> QWidget:
        tab = QWidget(self)
        self.conflict_table = read_only_table(tab, ("登记簿", "记录", "对方单位", "收到时间"),
                                              (70, 0, 100, 110), stretch=1)
        self.conflict_table.itemSelectionChanged.connect(self._show_conflict)
        self.compare_table = read_only_table(tab, ("字段", "本单位的内容", "对方单位的内容"),
                                             (140, 260, 260), stretch=2)
        self.compare_table.setSelectionMode(QAbstractItemView.NoSelection)
        for column in (1, 2):  # the two versions get the same width
            self.compare_table.horizontalHeader().setSectionResizeMode(column, QHeaderView.Stretch)
        self.keep_local_button = QPushButton("保留本单位的", tab)
        self.keep_remote_button = QPushButton("采用对方单位的", tab)
        self.keep_local_button.clicked.connect(lambda: self.resolve_selected("local"))
        self.keep_remote_button.clicked.connect(lambda: self.resolve_selected("remote"))
        self.conflict_hint = QLabel("同一条记录在本单位和对方单位都改过时列在这里。"
                                    "内容不同的字段排在前面并以浅红色标出；比较后选择保留哪一方的内容。", tab)
        self.conflict_hint.setWordWrap(True)
        right = QWidget(tab)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.compare_table, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.keep_local_button)
        buttons.addWidget(self.keep_remote_button)
        right_layout.addLayout(buttons)
        split = QSplitter(Qt.Horizontal, tab)
        split.addWidget(self.conflict_table)
        split.addWidget(right)
        split.setSizes([500, 500])  # room for a case number whole beside the two versions
        layout = QVBoxLayout(tab)
        layout.addWidget(self.conflict_hint)
        layout.addWidget(split, 1)
        return tab

    def _show_conflicts(self) -> None:
        try:
            self.conflict_list = list(self.registry.conflicts())
        except AttributeError:
            self.conflict_list = []
        self.conflict_table.setRowCount(len(self.conflict_list))
        for r, entry in enumerate(self.conflict_list):
            office = entry.get("office")
            office = office.get("name", "") if isinstance(office, dict) else (office or "")
            cells = (kind_word(entry.get("kind", "")), entry.get("summary") or entry.get("id", ""),
                     office, when_text(entry.get("received_at")))
            for c, text in enumerate(cells):
                self.conflict_table.setItem(r, c, _item(text))
        self.tabs.setTabText(3, f"冲突（{len(self.conflict_list)}）" if self.conflict_list else "冲突")
        if self.conflict_list:
            self.conflict_table.selectRow(0)
        self._show_conflict()

    def selected_conflict(self) -> Optional[dict]:
        rows = self.conflict_table.selectionModel().selectedRows()
        return self.conflict_list[rows[0].row()] if rows else None

    def _show_conflict(self) -> None:
        entry = self.selected_conflict()
        lines = side_by_side(entry["kind"], entry.get("local"), entry.get("remote")) if entry else []
        lines.sort(key=lambda line: not line[3])  # the fields that differ first, in form order
        self.compare_table.setRowCount(len(lines))
        for r, (label, mine, theirs, differs) in enumerate(lines):
            for c, text in enumerate((label, mine, theirs)):
                item = _item(text)
                if differs:
                    item.setBackground(CHANGED_BRUSH)
                self.compare_table.setItem(r, c, item)
        for button in (self.keep_local_button, self.keep_remote_button):
            button.setEnabled(entry is not None)

    def resolve_selected(self, keep: str) -> None:
        entry = self.selected_conflict()
        if entry is None:
            return
        try:
            self.registry.resolve_conflict(entry["id"], keep=keep)
        except (ValidationError, FazhiError) as exc:
            QMessageBox.warning(self, "处理冲突", "\n".join(getattr(exc, "problems", None) or [str(exc)]))
            return
        self._show_conflicts()
        self.changed.emit()

    # ============================================================== common
    def refresh(self) -> None:
        try:
            office_id = self.registry.office_id
        except AttributeError:
            office_id = ""
        name = self.registry.profile().get("authority") or "（未设置单位名称）"
        self.identity.setText(f"本单位：{name}" + (f"（单位编号 {office_id}）" if office_id else ""))
        current = self.export_year.currentData()
        self.export_year.clear()
        self.export_year.addItem("全部年度", None)
        for year in stats.years_with_data(self.registry):
            self.export_year.addItem(f"{year}年", year)
        index = self.export_year.findData(current)
        self.export_year.setCurrentIndex(max(index, 0))
        self._show_received()
        self._show_conflicts()
        self._export_ready()

    def _set_busy(self, busy: bool) -> None:
        for button in (self.export_button, self.choose_package_button):
            button.setEnabled(not busy)
        if busy:
            self.apply_button.setEnabled(False)
            self.discard_button.setEnabled(False)
        else:
            self._export_ready()

    def _start(self, work, title: str, done, status: QLabel, *, failed=None) -> None:
        self._set_busy(True)

        def finished_ok(result) -> None:
            self._set_busy(False)
            done(result)

        def finished_bad(exc) -> None:
            if failed is not None:
                failed(exc)
            else:
                self.op = None
                self._set_busy(False)
                self._show_failure(exc, status, f"{title}未完成")
            if self.plan is not None and status is self.plan_label:
                self.apply_button.setEnabled(True)
                self.discard_button.setEnabled(True)

        self.op = run_in_background(self, work, title=title, on_success=finished_ok,
                                    on_failure=finished_bad)

    def _show_failure(self, exc: BaseException, status: QLabel, what: str) -> None:
        if isinstance(exc, InterruptedError):
            status.setText(f"{what}：已取消，未写入任何内容。")
            return
        if isinstance(exc, ValidationError):
            text = "\n".join(exc.problems)
        elif isinstance(exc, (FazhiError, OSError)):
            text = str(exc)
        else:
            text = f"程序内部错误（{type(exc).__name__}），未写入任何内容。"
        status.setText(f"{what}：{text}")


def _item(text: str):
    """A table cell; a long text shows whole in its tooltip (the cell elides it)."""
    from PySide6.QtWidgets import QTableWidgetItem

    item = QTableWidgetItem(str(text))
    if len(str(text)) > 12:
        item.setToolTip(str(text))
    return item
