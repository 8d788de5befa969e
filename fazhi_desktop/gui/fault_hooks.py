"""No traceback reaches a clerk in the window: every fault ends in an ErrorDialog.

`install(data_folder)` sets, for the life of the process:
- sys.excepthook: an exception nobody caught on the GUI thread (a slot that raised; PySide
  hands those to the hook and carries on),
- threading.excepthook: one in a Python thread, shown on the GUI thread,
- Qt's message handler: qCritical and qFatal messages go to the error log (and a box for a
  critical one); everything else is passed on to the handler that was there before (pytest-qt's,
  in the tests),
- the error log on the "fazhi_desktop" logger (core/errorlog.py), where background jobs log
  their failures.

A known fault (core/faults.py) is shown with its Chinese sentence; anything else is written with
its traceback to the log, and the box names the file. While one box is open, further faults are
only logged, so a fault repeating in a timer cannot stack boxes up.
"""
from __future__ import annotations

import logging
import sys
import threading
import traceback

from PySide6.QtCore import QObject, QtMsgType, Signal, Slot, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from ..core import errorlog, faults

_state: dict = {}


class _Poster(QObject):
    """Lives on the GUI thread; a fault from another thread reaches the box through it."""

    fault = Signal(str, str)

    def __init__(self):
        super().__init__()
        # A bound slot, so the connection queues to this object's (the GUI) thread.
        self.fault.connect(self.show)

    @Slot(str, str)
    def show(self, message: str, details: str) -> None:
        show_error(message, details)


def _text_of(exc_type, exc, tb) -> str:
    return "".join(traceback.format_exception(exc_type, exc, tb))


def describe(exc: BaseException, data_file=None) -> tuple:
    """(message for the clerk, details for 复制错误信息); unexpected faults are logged."""
    message = faults.message_for(exc, data_file=data_file)
    if message is not None:
        return message, ""
    log = errorlog.record_crash(exc, _state.get("folder", "."), "程序窗口")
    return errorlog.crash_message(log), _text_of(type(exc), exc, exc.__traceback__)


def clerk_message(exc: BaseException, data_file=None) -> str:
    """The words for an exception that has been logged already (gui/ops.py logs a background
    job's failure): the known fault's sentence, else the sentence naming the error log."""
    message = faults.message_for(exc, data_file=data_file)
    if message is not None:
        return message
    handler = errorlog.installed()
    return errorlog.crash_message(handler.path if handler else None)


def show_error(message: str, details: str = "") -> None:
    """The box, on the GUI thread, unless one is open already (then the fault is only logged)."""
    app = QApplication.instance()
    if app is None:
        return
    if threading.current_thread() is not threading.main_thread():
        poster = _state.get("poster")
        if poster is not None:
            poster.fault.emit(message, details)
        return
    if _state.get("dialog") is not None:
        return
    from .dialogs.error_dialog import ErrorDialog

    dialog = ErrorDialog(message, details, app.activeWindow())
    _state["dialog"] = dialog

    def closed(_result=None):
        _state["dialog"] = None
        dialog.deleteLater()

    dialog.finished.connect(closed)
    dialog.open()  # not exec(): the hook returns at once and the window keeps running


def show_fault(exc: BaseException, data_file=None) -> None:
    """Tell the clerk about an exception a caller caught and cannot handle."""
    message, details = describe(exc, data_file)
    show_error(message, details)


def _excepthook(exc_type, exc, tb):
    if issubclass(exc_type, KeyboardInterrupt):
        _state["previous_excepthook"](exc_type, exc, tb)
        return
    try:
        if exc.__traceback__ is None:
            exc = exc.with_traceback(tb)
        show_fault(exc)
    except Exception:  # noqa: BLE001 -- the hook itself must never raise
        pass


def _thread_excepthook(args):
    if args.exc_type is SystemExit:
        return
    try:
        exc = args.exc_value if args.exc_value is not None else args.exc_type()
        show_fault(exc)
    except Exception:  # noqa: BLE001
        pass


def _qt_message(kind, context, message):
    if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
        logging.getLogger(errorlog.LOGGER_NAME).error("Qt %s: %s",
                                                      "fatal" if kind == QtMsgType.QtFatalMsg
                                                      else "critical", message)
        handler = errorlog.installed()
        if kind == QtMsgType.QtCriticalMsg:
            show_error(errorlog.crash_message(handler.path if handler else None), message)
    previous = _state.get("previous_qt_handler")
    if previous is not None:
        previous(kind, context, message)
    elif kind != QtMsgType.QtDebugMsg:
        try:
            sys.stderr.write(f"{message}\n")
        except (OSError, ValueError, AttributeError):
            pass


def install(data_folder) -> None:
    """Catch every fault of this process from now on (once; the data folder may change)."""
    _state["folder"] = data_folder
    errorlog.install(data_folder)
    if _state.get("installed"):
        return
    app = QApplication.instance()
    if app is not None and _state.get("poster") is None:
        poster = _Poster()
        poster.moveToThread(app.thread())
        _state["poster"] = poster
    _state["previous_excepthook"] = sys.excepthook
    _state["previous_thread_hook"] = threading.excepthook
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
    _state["previous_qt_handler"] = qInstallMessageHandler(_qt_message)
    _state["installed"] = True


def uninstall() -> None:
    """Put the previous hooks back (tests; a second window in one process)."""
    if not _state.get("installed"):
        return
    sys.excepthook = _state.pop("previous_excepthook")
    threading.excepthook = _state.pop("previous_thread_hook")
    qInstallMessageHandler(_state.pop("previous_qt_handler"))
    _state["installed"] = False
    errorlog.uninstall()
    dialog = _state.pop("dialog", None)
    if dialog is not None:
        dialog.close()
