"""数据备份与恢复: where backups go, 立即备份, the list of backups and 从所选备份恢复
(core/backup.py does the work, off the GUI thread; docs/reliability.md)."""
from __future__ import annotations

import os
import socket
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QDialog, QFileDialog, QGroupBox, QHBoxLayout, QLabel, QMessageBox,
                               QPushButton, QTableWidgetItem, QVBoxLayout)

from ...core import backup, private_files
from ...core.errors import FazhiError
from ..ops import run_in_background
from ..widgets.list_table import read_only_table
from ..widgets.screen_fit import keep_on_screen

COUNT_WORDS = {"proposal": "提案", "suggestion": "建议", "mediation": "调解", "petition": "信访"}


def failure_text(what: str, exc: BaseException) -> str:
    """The sentence a clerk reads when `what` failed (core errors already speak Chinese)."""
    finding = getattr(exc, "finding", None)  # health.DamagedFile: the data file itself is bad
    if finding is not None:
        return f"{what}未完成：{finding.title}。\n\n{finding.message}\n\n{finding.advice}"
    if isinstance(exc, FazhiError):
        return str(exc)
    if isinstance(exc, OSError):
        from ...core.atomic import explain_os_error

        if exc.filename:
            return f"{what}未完成：" + explain_os_error(Path(exc.filename), exc)
        return f"{what}未完成：{exc.strerror or exc}"
    return f"{what}未完成：{exc}"


def size_text(size: int) -> str:
    return f"{size / 1048576:.1f} MB" if size >= 1048576 else f"{max(1, round(size / 1024))} KB"


def reason_text(info) -> str:
    """手动 / 自动 / 导入前 …, and the computer when another PC made it (a shared folder)."""
    if info.host and info.host != socket.gethostname():
        return f"{info.reason_label}（来自计算机“{info.host}”）"
    return info.reason_label


def counts_text(counts: dict) -> str:
    parts = [f"{COUNT_WORDS[k]} {n}" for k, n in counts.items() if k in COUNT_WORDS and n]
    return "，".join(parts) if parts else "无记录"


class BackupsDialog(QDialog):
    """`restored` is emitted after a restore: every page must show the restored data.

    `before_restore` (optional) is asked after the clerk confirmed and before anything is
    replaced, e.g. to close open editors (return False to stop the restore).
    """

    restored = Signal()

    HEADERS = ("备份时间", "原因", "大小", "记录数", "所在文件夹")

    def __init__(self, registry, parent=None, *, before_restore=None):
        super().__init__(parent)
        self.registry = registry
        self.before_restore = before_restore
        self.backups: list = []
        self.busy = False  # a backup or a restore is running (the dialog stays open meanwhile)
        self.message = None  # the last information/warning box (tests read its text)
        self._listing = 0  # generation: an older listing that ends late is ignored
        self.listing = False  # the list is being read (closing is fine meanwhile)
        self._select_after_listing = None
        self.setWindowTitle("数据备份与恢复")
        self.setModal(True)

        where = QGroupBox("备份位置", self)
        self.folder_label = QLabel(where)
        self.folder_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.folder_label.setWordWrap(True)
        note = QLabel("默认放在数据文件旁的“backups”文件夹。也可以选U盘或单位的网络共享文件夹，"
                      "电脑硬盘损坏时数据仍在。该位置暂时无法使用时（如U盘未插入），"
                      "备份会自动放到数据文件旁，并提示您。", where)
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self.choose_button = QPushButton("更改位置…", where)
        self.choose_button.clicked.connect(self.choose_folder)
        self.default_button = QPushButton("恢复默认位置", where)
        self.default_button.setToolTip("以后的备份放回数据文件旁的backups文件夹")
        self.default_button.clicked.connect(self.use_default_folder)
        open_button = QPushButton("打开文件夹", where)
        open_button.clicked.connect(self.open_folder)
        row = QHBoxLayout()
        for button in (self.choose_button, self.default_button, open_button):
            row.addWidget(button)
        row.addStretch(1)
        where_layout = QVBoxLayout(where)
        where_layout.addWidget(self.folder_label)
        where_layout.addWidget(note)
        where_layout.addLayout(row)

        self.backup_button = QPushButton("立即备份", self)
        self.backup_button.setToolTip("现在把数据文件完整复制一份到备份位置，并校验")
        self.backup_button.clicked.connect(self.backup_now)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        now_row = QHBoxLayout()
        now_row.addWidget(self.backup_button)
        now_row.addWidget(self.status, 1)
        auto = QLabel("每天第一次打开软件时自动备份，导入数据和软件升级前也会自动备份。"
                      "保留最近24小时内的全部备份，以及7天内每天、4周内每周、12个月内每月各一份。", self)
        auto.setWordWrap(True)
        auto.setStyleSheet("color: #555;")

        self.table = read_only_table(self, self.HEADERS, (150, 130, 70, 210), stretch=4)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.restore_button = QPushButton("从所选备份恢复…", self)
        self.restore_button.setToolTip("用选中的备份替换当前数据（当前数据会先另行备份）")
        self.restore_button.clicked.connect(self.restore_selected)
        self.close_button = QPushButton("关闭", self)
        self.close_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.restore_button)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addLayout(now_row)
        layout.addWidget(auto)
        layout.addWidget(QLabel("已有的备份（最新的在最上面）：", self))
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.resize(860, 560)
        keep_on_screen(self)  # 560 is more than a 1366x768 screen at 125 % leaves
        self.refresh()

    # ------------------------------------------------------------------ where
    def chosen_folder(self):
        return self.registry.setting(backup.SETTING_BACKUP_DIR) or None

    def current_folder(self) -> Path:
        return Path(self.chosen_folder() or backup.default_backup_dir(self.registry.path))

    def _show_folder(self) -> None:
        chosen = self.chosen_folder()
        if chosen is None:
            text = f"<b>{backup.default_backup_dir(self.registry.path)}</b>（默认：数据文件旁）"
        else:
            text = f"<b>{chosen}</b>（自选位置）"
            if not os.path.isdir(chosen):
                text += ("<br><span style='color:#b00'>现在无法访问这个文件夹（U盘未插入或网络未连接？），"
                         "备份会先放到数据文件旁。</span>")
        self.folder_label.setText(text)
        self.default_button.setEnabled(chosen is not None and not self.busy)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择备份位置（可以是U盘或网络共享文件夹）",
                                                  str(self.current_folder()))
        if not folder:
            return
        folder = Path(folder)
        if folder.resolve() == backup.default_backup_dir(self.registry.path):
            self.use_default_folder()
            return
        usable, _warnings = backup.backup_dir(self.registry.path, folder)  # tries to write there
        if usable != folder:
            self._tell(QMessageBox.Warning, "更改备份位置",
                       f"无法在“{folder}”中保存文件（没有写入权限，或U盘、网络共享未连接）。"
                       "请换一个文件夹，备份位置未更改。")
            return
        self.registry.set_setting(backup.SETTING_BACKUP_DIR, str(folder))
        self.status.setText(f"备份位置已改为“{folder}”，以后的备份（包括每天的自动备份）都保存在这里。")
        self.refresh()
        if not self.registry.setting(private_files.SETTING_CHOSEN_FOLDER_NOTICE):
            self._tell(QMessageBox.Information, "备份含有个人信息", private_files.CHOSEN_FOLDER_NOTICE)
            self.registry.set_setting(private_files.SETTING_CHOSEN_FOLDER_NOTICE, True)

    def use_default_folder(self) -> None:
        self.registry.set_setting(backup.SETTING_BACKUP_DIR, None)
        self.status.setText("以后的备份保存在数据文件旁的backups文件夹。")
        self.refresh()

    def open_folder(self) -> None:
        folder = self.current_folder()
        if not folder.is_dir():
            self._tell(QMessageBox.Information, "打开文件夹", f"文件夹“{folder}”还不存在或无法访问。")
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # ------------------------------------------------------------------ the list
    def refresh(self) -> None:
        """Show the folder now and read the list off the GUI thread (a share may be slow)."""
        self._show_folder()
        self._listing += 1
        generation, path = self._listing, self.registry.path
        self.listing = True
        self._update_buttons()
        run_in_background(self, lambda progress: backup.list_backups(path), title="读取备份列表",
                          on_success=lambda found: self._listed(generation, found),
                          on_failure=lambda exc: self._list_failed(generation, exc),
                          cancellable=False)

    def _listed(self, generation: int, found: list) -> None:
        if generation != self._listing:
            return
        self.listing = False
        keep = self._select_after_listing or getattr(self.selected_backup(), "path", None)
        self._select_after_listing = None
        self.backups = found
        self.table.setRowCount(len(found))
        default = backup.default_backup_dir(self.registry.path)
        for row, info in enumerate(found):
            folder = info.path.parent
            cells = (f"{info.created:%Y-%m-%d %H:%M}", reason_text(info),
                     size_text(info.size),
                     "空文件，不能用于恢复" if info.size == 0 else counts_text(info.counts),
                     "数据文件旁" if folder.resolve() == default else str(folder))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(info.path))
                self.table.setItem(row, col, item)
        if keep is not None:
            self.select_backup(keep)
        if not found:
            self.status.setText(self.status.text() or "还没有备份。点“立即备份”备份一份。")
        self._update_buttons()

    def _list_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._listing:
            return
        self.listing = False
        self._update_buttons()
        self.status.setText(failure_text("读取备份列表", exc))

    def selected_backup(self):
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows and rows[0].row() < len(self.backups) else None

    def select_backup(self, path) -> None:
        for row, info in enumerate(self.backups):
            if info.path == Path(path):
                self.table.selectRow(row)
                return

    # ------------------------------------------------------------------ back up, restore
    def backup_now(self) -> None:
        path = self.registry.path
        self._set_busy(True)
        self.status.setText("正在备份……")
        run_in_background(self, lambda progress: backup.backup_now(path, "manual"), title="立即备份",
                          on_success=self._backed_up, on_failure=self._failed("立即备份"),
                          cancellable=False)

    def _backed_up(self, info) -> None:
        self._set_busy(False)
        self.status.setText(f"已备份并校验：{info.describe()}")
        if info.warnings:
            self._tell(QMessageBox.Warning, "立即备份", "\n".join(info.warnings))
        self._select_after_listing = info.path
        self.refresh()

    def restore_selected(self) -> None:
        info = self.selected_backup()
        if info is None:
            self._tell(QMessageBox.Information, "从备份恢复", "请先在列表中选中一个备份。")
            return
        answer = QMessageBox.question(
            self, "从备份恢复",
            f"用这份备份替换当前的全部数据？\n\n{info.describe()}\n\n"
            "恢复之前，当前的数据文件会先自动备份一份（原因“恢复前”），恢复错了还可以再恢复回来。\n"
            "这份备份之后新建或修改的内容，恢复后将不再显示。",
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer != QMessageBox.Yes:
            return
        if self.before_restore is not None and not self.before_restore():
            self.status.setText("未恢复。")
            return
        path, source = self.registry.path, info.path
        self._set_busy(True)
        self.status.setText("正在恢复……")
        run_in_background(self, lambda progress: backup.restore_backup(path, source),
                          title="从备份恢复", on_success=lambda result: self._restored(info, result),
                          on_failure=self._failed("从备份恢复"), cancellable=False)

    def _restored(self, info, result: dict) -> None:
        self._set_busy(False)
        lines = [f"已从备份恢复：{info.describe()}"]
        if result.get("before_backup"):
            lines.append(f"恢复前的数据已另存为备份“{Path(result['before_backup']).name}”，列表中可以找到。")
        if result.get("damaged_kept"):
            lines.append(f"损坏的原数据文件已改名保留为“{result['damaged_kept']}”。")
        self.status.setText(lines[0])
        self.restored.emit()
        self.refresh()
        self._tell(QMessageBox.Information, "从备份恢复", "\n".join(lines))

    def _failed(self, what: str):
        def show(exc: BaseException) -> None:
            self._set_busy(False)
            self.status.setText(f"{what}未完成。")
            self._tell(QMessageBox.Warning, what, failure_text(what, exc))
            self.refresh()

        return show

    # ------------------------------------------------------------------ helpers
    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.choose_button, self.backup_button, self.close_button):
            widget.setEnabled(not busy)
        self.default_button.setEnabled(not busy and self.chosen_folder() is not None)
        self.setCursor(Qt.BusyCursor if busy else Qt.ArrowCursor)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(not self.busy and not self.listing
                                       and self.selected_backup() is not None)

    def _tell(self, icon, title: str, text: str) -> None:
        """A message that does not block (window-modal over this dialog)."""
        box = QMessageBox(icon, title, text, QMessageBox.Ok, self)
        box.setAttribute(Qt.WA_DeleteOnClose)
        self.message = box
        box.open()

    def reject(self) -> None:
        if self.busy:  # a restore half-way must not lose its dialog (and its result)
            return
        super().reject()
