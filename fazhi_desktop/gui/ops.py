"""Long work off the GUI thread: a worker runs `op(progress)`, a progress dialog with 取消 shows
after 600 ms, and the result or the error comes back on the GUI thread.

Usage: run_in_background(parent, op, title="导出", on_success=fn, on_failure=fn2).

Lifetimes (docs/architecture.md, "Threads and connections"):
- An op belongs to this module until its worker has ended, not to its parent widget: a dialog
  closed mid-run (the batch dialog deletes itself) cancels its op, which then runs to a clean
  stop (every output is written whole or not at all) with nobody to tell; it is not dropped.
- At quit `stop_all()` cancels every op and waits for each worker to end, so the data file's
  connections are closed only after the last job has let go of them (MainWindow.closeEvent, and
  QApplication.aboutToQuit for any other way out).
- A failure is logged with its traceback (logger "fazhi_desktop"; a cancel and a refusal in
  Chinese are not faults) and still reaches on_failure, which shows the Chinese message.
"""
from __future__ import annotations

import logging
import threading
import time
import traceback
import weakref
from typing import Callable, Optional

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ..core.validation import clerk_text

SHOW_DIALOG_AFTER_MS = 600

# Every op whose worker has not ended yet (its parent may be gone): stop_all() waits for these.
_RUNNING: set = set()
_log = logging.getLogger("fazhi_desktop")


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
    def __init__(self, op: Callable, progress: Progress, signals: _Signals, title: str):
        super().__init__()
        self.setAutoDelete(True)
        self._op, self._progress, self._signals, self._title = op, progress, signals, title
        self.ended = threading.Event()  # set when run() has returned: the op let go of everything

    def run(self) -> None:  # worker thread
        try:
            try:
                result = self._op(self._progress)
            except BaseException as exc:  # every failure must reach the GUI, never vanish
                exc.__fazhi_traceback__ = traceback.format_exc()
                _log_failure(self._title, exc)
                self._signals.failed.emit(exc)
            else:
                self._signals.succeeded.emit(result)
        finally:
            self.ended.set()


def _call_if_alive(ref, method: str) -> None:
    target = ref()
    if target is not None:
        getattr(target, method)()


def _log_failure(title: str, exc: BaseException) -> None:
    from ..core.errors import FazhiError

    if isinstance(exc, InterruptedError):
        return  # the clerk pressed 取消
    if isinstance(exc, FazhiError):  # a refusal already said in Chinese: no fault of ours
        _log.info("后台任务“%s”未完成：%s", title, exc)
        return
    _log.error("后台任务“%s”失败", title, exc_info=exc)


class BackgroundOp(QObject):
    """One running operation; held by this module (not its parent widget) until its worker has
    returned and its result has been delivered or dropped."""

    finished = Signal()

    def __init__(self, parent: Optional[QWidget], op: Callable, *, title: str,
                 on_success: Callable, on_failure: Optional[Callable], cancellable: bool):
        # No Qt parent: the op must outlive a dialog closed mid-run (see the module docstring).
        super().__init__(None)
        self._parent_widget = parent
        self._title = title
        self._on_success, self._on_failure = on_success, on_failure
        self._cancellable = cancellable
        self._cancel = threading.Event()
        self._quiet = False  # True once nobody is left to tell (parent gone, quitting)
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
        self._runnable = _Runnable(op, Progress(self._signals, self._cancel), self._signals, title)
        self._ended = self._runnable.ended
        if parent is not None:
            # Through a weak reference: the op may be gone long before its parent is.
            ref = weakref.ref(self)
            parent.destroyed.connect(lambda *_: _call_if_alive(ref, "_parent_gone"))

    def start(self) -> "BackgroundOp":
        _RUNNING.add(self)
        _stop_at_quit()
        self._timer.start(SHOW_DIALOG_AFTER_MS)
        QThreadPool.globalInstance().start(self._runnable)
        return self

    @property
    def title(self) -> str:
        return self._title

    @property
    def ended(self) -> bool:
        """The worker has returned (is_done: the result has also reached the GUI thread)."""
        return self._ended.is_set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def wait(self, timeout: Optional[float] = None) -> bool:
        """Block until the worker has returned; False on timeout."""
        return self._ended.wait(timeout)

    def _parent_gone(self) -> None:
        """The widget that started the op was deleted: stop the op cleanly, tell nobody."""
        self._parent_widget = None
        self._quiet = True
        self._timer.stop()
        self.dialog = None  # the progress dialog was the parent's child: deleted with it
        if self._cancellable:
            self._cancel.set()

    def _finish(self) -> None:
        """The result has been delivered (or dropped): the op may be forgotten once its worker
        has also returned (it has: the signal is emitted last thing in run())."""
        self.finished.emit()
        self._ended.wait()
        _RUNNING.discard(self)

    def cancel(self) -> None:
        self._cancel.set()
        if self.dialog is not None:
            self.dialog.setLabelText("正在取消……")

    @property
    def is_done(self) -> bool:
        return self._done

    def _show_dialog(self) -> None:
        if self._done or self._quiet:
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
            if not self._quiet:
                self._on_success(result)
        finally:
            self._finish()

    def _on_failed(self, exc: BaseException) -> None:
        self._close()
        try:
            if self._quiet:
                pass
            elif self._on_failure is not None:
                self._on_failure(exc)
            elif not isinstance(exc, InterruptedError):
                QMessageBox.warning(self._parent_widget, self._title, f"{self._title}未完成：{clerk_text(exc)}")
        finally:
            self._finish()


def running() -> list:
    """The ops whose worker has not ended (or whose result is not delivered yet)."""
    return list(_RUNNING)


def stop_all(timeout: Optional[float] = None) -> bool:
    """Cancel every running op and wait for its worker to return; their results are dropped
    (nobody is left to show them). Ops that cannot be cancelled (a backup, a restore) are
    waited for to the end. Qt events other than input keep being processed meanwhile, so the
    workers' queued signals do not pile up. False if `timeout` seconds passed first."""
    ops = list(_RUNNING)
    for op in ops:
        op._quiet = True
        op._timer.stop()
        if op._cancellable:
            op.cancel()
        op._close()
    deadline = None if timeout is None else time.monotonic() + timeout
    for op in ops:
        while not op._ended.wait(0.02):
            QCoreApplication.processEvents(QEventLoop.ExcludeUserInputEvents)
            if deadline is not None and time.monotonic() > deadline:
                return False
    QCoreApplication.processEvents(QEventLoop.ExcludeUserInputEvents)  # deliver what is queued
    for op in ops:
        _RUNNING.discard(op)
    return True


_HOOKED = []


def _stop_at_quit() -> None:
    """Whatever ends the event loop, the ops are stopped before launch.py closes the store."""
    app = QCoreApplication.instance()
    if app is not None and app not in _HOOKED:
        app.aboutToQuit.connect(stop_all)
        _HOOKED.append(app)


def run_in_background(parent: Optional[QWidget], op: Callable, *, title: str,
                      on_success: Callable, on_failure: Optional[Callable] = None,
                      cancellable: bool = True) -> BackgroundOp:
    """Run op(progress) on a worker thread; see the module docstring.

    Without on_failure, an error shows a warning box (a cancel shows nothing).
    Returns the BackgroundOp (tests can wait for its `finished` signal).
    """
    return BackgroundOp(parent, op, title=title, on_success=on_success, on_failure=on_failure,
                        cancellable=cancellable).start()
