"""The error log: what went wrong unexpectedly, with its traceback, in a file a clerk can send.

A clerk never sees a traceback: the CLI and the GUI write it here and show a Chinese sentence
that names this file (`crash_message`). The log is `logs/fazhi-desktop.log` in the data folder
(the folder of the data file), rotated at 1 MB with three older files kept; the folder is made
0700 and the file 0600 (tracebacks can quote personal data). Nothing is created until something
is written: a read-only command leaves no folder behind. When the data folder cannot take it
(read-only, denied, full), the log goes to a private folder in the system's temporary folder.

`install(folder)` attaches the handler to the "fazhi_desktop" logger, so that the errors of
background jobs (`logging.getLogger("fazhi_desktop").error(..., exc_info=...)`) land here too.
"""
from __future__ import annotations

import functools
import logging
import os
import tempfile
import threading
from pathlib import Path
from typing import Optional

LOGGER_NAME = "fazhi_desktop"
LOG_FOLDER = "logs"
LOG_NAME = "fazhi-desktop.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


def _private_rotating_handler(path: Path):
    """A RotatingFileHandler that makes its folder 0700 and its file 0600, opens only when it
    first writes, and records a failure to write (`failed`) instead of printing a traceback.

    logging.handlers (with socket and pickle) is imported on the first error, not at every
    start: 4 ms of the window's cold start (issue 16)."""
    return _handler_class()(path)


@functools.lru_cache(maxsize=None)
def _handler_class():
    import logging.handlers

    class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
        def __init__(self, path: Path):
            super().__init__(str(path), maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT,
                             encoding="utf-8", delay=True)
            self.failed = False

        def _open(self):
            folder = Path(self.baseFilename).parent
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            return os.fdopen(fd, "a", encoding="utf-8", errors="backslashreplace")

        def handleError(self, record) -> None:  # noqa: N802 (logging's name)
            self.failed = True
            if self.stream is not None:
                try:
                    self.stream.close()
                except OSError:
                    pass
                self.stream = None

    return PrivateRotatingFileHandler


def fallback_folder() -> Path:
    """A private folder in the system's temporary folder, for when the data folder fails."""
    uid = os.getuid() if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    return Path(tempfile.gettempdir()) / f"fazhi-desktop-{uid}" / LOG_FOLDER


class ErrorLog(logging.Handler):
    """Writes records at ERROR and above to the first folder that takes them; `path` is the
    file last written (None before the first record, or when no folder could take it)."""

    def __init__(self, data_folder):
        super().__init__(logging.ERROR)
        self.setFormatter(logging.Formatter(_FORMAT))
        self.data_folder = Path(data_folder)
        self._candidates: list = []  # made on the first record
        self.path: Optional[Path] = None

    def candidates(self) -> list:
        """The data folder's log file, then the fallback's."""
        if not self._candidates:
            self._candidates = [_private_rotating_handler(self.data_folder / LOG_FOLDER / LOG_NAME),
                                _private_rotating_handler(fallback_folder() / LOG_NAME)]
            for handler in self._candidates:
                handler.setFormatter(self.formatter)
        return self._candidates

    def emit(self, record) -> None:
        for handler in self.candidates():
            handler.failed = False
            handler.handle(record)
            if not handler.failed:
                self.path = Path(handler.baseFilename)
                return
        self.path = None

    def close(self) -> None:
        for handler in self._candidates:  # none made: nothing was written
            handler.close()
        super().close()


_installed: dict = {}
_install_lock = threading.Lock()


def install(data_folder) -> ErrorLog:
    """The error log of this process on the "fazhi_desktop" logger (one, replaced when the data
    folder changes)."""
    logger = logging.getLogger(LOGGER_NAME)
    with _install_lock:
        current = _installed.get("handler")
        if current is not None and _installed.get("folder") == Path(data_folder):
            return current
        if current is not None:
            logger.removeHandler(current)
            current.close()
        handler = ErrorLog(data_folder)
        logger.addHandler(handler)
        if logger.level == logging.NOTSET or logger.level > logging.ERROR:
            logger.setLevel(logging.ERROR)
        _installed.update(handler=handler, folder=Path(data_folder))
        return handler


def uninstall() -> None:
    """Take the error log off the logger (tests; a process that changes data folders)."""
    with _install_lock:
        handler = _installed.pop("handler", None)
        _installed.pop("folder", None)
        if handler is not None:
            logging.getLogger(LOGGER_NAME).removeHandler(handler)
            handler.close()


def installed() -> Optional[ErrorLog]:
    return _installed.get("handler")


def record_crash(exc: BaseException, data_folder, what: str = "") -> Optional[Path]:
    """Write an unexpected exception with its traceback; the file it went to (None: nowhere)."""
    handler = install(data_folder)
    logging.getLogger(LOGGER_NAME).error("未预料的错误%s", f"（{what}）" if what else "",
                                         exc_info=(type(exc), exc, exc.__traceback__))
    return handler.path


def crash_message(log_path: Optional[Path]) -> str:
    """What a clerk reads after an unexpected fault: that it is the program's, and where the
    details are (to send to whoever supports the program)."""
    if log_path is None:
        return "程序内部出错，操作未完成。错误详情也无法写入日志文件（磁盘可能已满或只读）。"
    return (f"程序内部出错，操作未完成。错误详情已记录在日志文件“{log_path}”中，"
            "请把该文件发给技术支持人员。")
