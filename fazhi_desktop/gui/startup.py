"""What the window does before and right after it opens (docs/reliability.md, "Wiring"): one
window per data file, the start-up check with one-click restore, the daily backup.

All decisions are the core's (core/lock, health, backup); this module only shows their words.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox

from .. import APP_NAME


class SingleInstance(QObject):
    """Listens for a second start on the same data file; `wake` asks the window to come forward.

    Made just after the window's first paint (gui/first_paint.py): Qt's network module takes
    4 ms to load, and a second start in the moment before simply says the file is open."""

    wake = Signal()

    def __init__(self, name: str, parent=None):
        from PySide6.QtNetwork import QLocalServer

        super().__init__(parent)
        self.name = name
        QLocalServer.removeServer(name)
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._knock)
        self.server.listen(name)

    def _knock(self) -> None:
        while self.server.hasPendingConnections():
            self.server.nextPendingConnection().close()
        self.wake.emit()


def acquire_writer_lock(path: Path):
    """The data file's writer lock, or None after waking the open window / explaining why."""
    from ..core import lock

    try:
        # a command (add, import …) holding it is waited for; another window is not
        return lock.WriterLock(path).acquire(wait=lock.wait_seconds())
    except lock.AlreadyOpen as exc:
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(lock.instance_name(path))
        if socket.waitForConnected(1000):
            socket.write(b"1")
            socket.waitForBytesWritten(500)
            socket.disconnectFromServer()
            return None
        QMessageBox.information(None, APP_NAME, str(exc))
    except (lock.LockUnsupported, lock.ReadOnlyLocation) as exc:
        QMessageBox.warning(None, APP_NAME, str(exc))
    return None


def show_finding(finding) -> bool:
    """The start-up check's finding; True when a backup was restored and the app may go on."""
    from ..core import health
    from ..core.backup import BackupProblem

    box = QMessageBox(QMessageBox.Critical, finding.title,
                      f"{finding.message}\n\n{finding.advice}")
    box.setWindowTitle(f"{APP_NAME}：{finding.title}")
    if finding.detail:
        box.setDetailedText(finding.detail)
    restore = box.addButton("从最近的备份恢复", QMessageBox.AcceptRole) if finding.can_restore else None
    box.addButton("退出", QMessageBox.RejectRole)
    box.exec()
    if restore is None or box.clickedButton() is not restore:
        return False
    try:
        result = health.restore_newest_good_backup(finding.path)
    except BackupProblem as exc:
        QMessageBox.warning(None, APP_NAME, str(exc))
        return False
    kept = result.get("damaged_kept")
    QMessageBox.information(None, APP_NAME, f"已从备份恢复：{result['backup'].describe()}" +
                            (f"\n损坏的文件已改名保留为：{kept}" if kept else ""))
    return True


def check_before_open(path: Path) -> bool:
    """Run the read-only start-up check; False means do not open (the clerk was told why)."""
    from ..core import health

    finding = health.check_file(path)
    return finding is None or show_finding(finding)


def start_daily_backup(window, path: Path) -> None:
    """At most one automatic backup a day, off the GUI thread; the outcome in the status bar."""
    from ..core import backup, health
    from .ops import run_in_background

    def done(info: Optional[object]) -> None:
        if info is None:
            return
        warnings = list(getattr(info, "warnings", []) or [])
        window.statusBar().showMessage("；".join(warnings) or "今日自动备份已完成。", 15000)

    def failed(exc) -> None:
        if isinstance(exc, health.DamagedFile):
            show_finding(exc.finding)
        else:
            window.statusBar().showMessage(f"自动备份未完成：{exc}", 30000)

    run_in_background(window, lambda progress: backup.backup_on_start(path), title="自动备份",
                      on_success=done, on_failure=failed, cancellable=False)
