"""Long work off the GUI thread: a worker runs `op(progress)`, a progress dialog with 取消 shows
after 600 ms, and the result or the error comes back on the GUI thread.

Usage: run_in_background(parent, op, title="导出", on_success=fn, on_failure=fn2).
"""
from __future__ import annotations

import threading
import traceback
from typing import Callable, Optional

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

SHOW_DIALOG_AFTER_MS = 600

# Ops without a parent widget would be garbage-collected while running; hold them here.
_RUNNING: set = set()


class Progress:
    """Handed to the op on the worker thread; thread-safe by design (signals + an Event)."""

    def __init__(self, signals: "_Signals", cancel_event: threading.Event):
        self._signals = signals
        self._cancel = cancel_event

    def update(self, done: int, total: int, text: str = "") -> None:
        self._signals.progress.emit(int(done), int(total), str(text))

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise InterruptedError if the clerk pressed 取消 (a convenience for ops)."""
        if self._cancel.is_set():
            raise InterruptedError("已取消")


class _Signals(QObject):
    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, op: Callable, progress: Progress, signals: _Signals):
        super().__init__()
        self.setAutoDelete(True)
        self._op, self._progress, self._signals = op, progress, signals

    def run(self) -> None:  # worker thread
        try:
            result = self._op(self._progress)
        except BaseException as exc:  # every failure must reach the GUI, never vanish
            exc.__fazhi_traceback__ = traceback.format_exc()
            self._signals.failed.emit(exc)
        else:
            self._signals.succeeded.emit(result)


class BackgroundOp(QObject):
    """One running operation; kept alive by its parent until it finishes."""

    finished = Signal()

    def __init__(self, parent: Optional[QWidget], op: Callable, *, title: str,
                 on_success: Callable, on_failure: Optional[Callable], cancellable: bool):
        super().__init__(parent)
        self._parent_widget = parent
        self._title = title
        self._on_success, self._on_failure = on_success, on_failure
        self._cancellable = cancellable
        self._cancel = threading.Event()
        self._signals = _Signals()  # lives on the GUI thread: queued delivery from the worker
        self._signals.progress.connect(self._on_progress, Qt.QueuedConnection)
        self._signals.succeeded.connect(self._on_succeeded, Qt.QueuedConnection)
        self._signals.failed.connect(self._on_failed, Qt.QueuedConnection)
        self._last = (0, 0, "")
        self._done = False
        self.dialog: Optional[QProgressDialog] = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_dialog)
        self._runnable = _Runnable(op, Progress(self._signals, self._cancel), self._signals)

    def start(self) -> "BackgroundOp":
        _RUNNING.add(self)
        self.finished.connect(self._forget)
        self._timer.start(SHOW_DIALOG_AFTER_MS)
        QThreadPool.globalInstance().start(self._runnable)
        return self

    def _forget(self) -> None:
        _RUNNING.discard(self)
        self.setParent(None)  # the Python side now decides its lifetime; no leak per op

    def cancel(self) -> None:
        self._cancel.set()
        if self.dialog is not None:
            self.dialog.setLabelText("正在取消……")

    @property
    def is_done(self) -> bool:
        return self._done

    def _show_dialog(self) -> None:
        if self._done:
            return
        dlg = QProgressDialog(self._parent_widget)
        dlg.setWindowTitle(self._title)
        dlg.setWindowModality(Qt.WindowModal)
        dlg.setMinimumDuration(0)
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        dlg.setMinimumWidth(360)
        if self._cancellable:
            dlg.setCancelButtonText("取消")
            dlg.canceled.connect(self.cancel)
        else:
            dlg.setCancelButton(None)
        self.dialog = dlg
        self._apply_progress(*self._last)
        dlg.show()

    def _on_progress(self, done: int, total: int, text: str) -> None:
        self._last = (done, total, text)
        if self.dialog is not None:
            self._apply_progress(done, total, text)

    def _apply_progress(self, done: int, total: int, text: str) -> None:
        dlg = self.dialog
        if total > 0:
            dlg.setMaximum(total)
            dlg.setValue(min(done, total))
        else:
            dlg.setMaximum(0)  # busy indicator when the op does not know its size
            dlg.setValue(0)
        if not self._cancel.is_set():
            dlg.setLabelText(text or f"{self._title}……")

    def _close(self) -> None:
        self._done = True
        self._timer.stop()
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _on_succeeded(self, result) -> None:
        self._close()
        try:
            self._on_success(result)
        finally:
            self.finished.emit()

    def _on_failed(self, exc: BaseException) -> None:
        self._close()
        try:
            if self._on_failure is not None:
                self._on_failure(exc)
            elif not isinstance(exc, InterruptedError):
                QMessageBox.warning(self._parent_widget, self._title, f"{self._title}未完成：{exc}")
        finally:
            self.finished.emit()


def run_in_background(parent: Optional[QWidget], op: Callable, *, title: str,
                      on_success: Callable, on_failure: Optional[Callable] = None,
                      cancellable: bool = True) -> BackgroundOp:
    """Run op(progress) on a worker thread; see the module docstring.

    Without on_failure, an error shows a warning box (a cancel shows nothing).
    Returns the BackgroundOp (tests can wait for its `finished` signal).
    """
    return BackgroundOp(parent, op, title=title, on_success=on_success, on_failure=on_failure,
                        cancellable=cancellable).start()
