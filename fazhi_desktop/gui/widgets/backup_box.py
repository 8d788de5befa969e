"""设置 › 数据备份: where backups go, 立即备份, the list of backups and 从此备份恢复
(core/backup.py does the work, off the GUI thread; docs/reliability.md)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFileDialog, QGroupBox, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QMessageBox, QPushButton, QVBoxLayout)

from ..ops import run_in_background


class BackupBox(QGroupBox):
    """`on_restored` is called after a restore so that every page shows the restored data."""

    def __init__(self, registry, parent=None, *, on_restored=None):
        super().__init__("数据备份", parent)
        self.registry = registry
        self.on_restored = on_restored
        self.folder_label = QLabel(self)
        self.folder_label.setWordWrap(True)
        choose = QPushButton("选择备份文件夹…", self)
        choose.setToolTip("如U盘或共享文件夹；不可用时自动备份到数据文件旁的backups文件夹")
        choose.clicked.connect(self.choose_folder)
        self.backup_button = QPushButton("立即备份", self)
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton("从此备份恢复…", self)
        self.restore_button.setToolTip("用选中的备份替换当前数据（当前数据会先另行备份）")
        self.restore_button.clicked.connect(self.restore_selected)
        self.list = QListWidget(self)
        self.list.setMaximumHeight(150)
        buttons = QHBoxLayout()
        for button in (choose, self.backup_button, self.restore_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.folder_label)
        layout.addLayout(buttons)
        layout.addWidget(self.list)
        self.refresh()

    def refresh(self) -> None:
        from ...core import backup

        chosen = self.registry.setting(backup.SETTING_BACKUP_DIR)
        where = chosen or str(backup.default_backup_dir(self.registry.path))
        self.folder_label.setText(f"备份位置：{where}（每天首次启动时自动备份）")
        self.list.clear()
        for info in backup.list_backups(self.registry.path):
            item = QListWidgetItem(info.describe())
            item.setData(Qt.UserRole, str(info.path))
            item.setToolTip(str(info.path))
            self.list.addItem(item)
        self.restore_button.setEnabled(self.list.count() > 0)

    def choose_folder(self) -> None:
        from ...core import backup

        folder = QFileDialog.getExistingDirectory(self, "选择备份文件夹",
                                                  self.registry.setting(backup.SETTING_BACKUP_DIR) or "")
        if folder:
            self.registry.set_setting(backup.SETTING_BACKUP_DIR, folder)
            self.refresh()

    def backup_now(self):
        from ...core import backup

        path = self.registry.path

        def done(info) -> None:
            self.refresh()
            note = ("\n" + "\n".join(info.warnings)) if info.warnings else ""
            QMessageBox.information(self, "立即备份", f"已备份：{info.path}{note}")

        return run_in_background(self, lambda progress: backup.backup_now(path, "manual"),
                                 title="立即备份", on_success=done, cancellable=False)

    def restore_selected(self):
        from ...core import backup

        item = self.list.currentItem()
        if item is None:
            QMessageBox.information(self, "恢复", "请先在列表中选择一个备份。")
            return None
        answer = QMessageBox.question(
            self, "从备份恢复", f"用此备份替换当前数据？\n{item.text()}\n\n当前数据会先另行备份，可以再恢复回来。",
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer != QMessageBox.Yes:
            return None
        path, source = self.registry.path, Path(item.data(Qt.UserRole))

        def done(result) -> None:
            self.refresh()
            if self.on_restored is not None:
                self.on_restored()
            QMessageBox.information(self, "从备份恢复", "已恢复。")

        return run_in_background(self, lambda progress: backup.restore_backup(path, source),
                                 title="从备份恢复", on_success=done, cancellable=False)
