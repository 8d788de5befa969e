"""After the window is shown: load, off the GUI thread, the libraries that pages and documents
need, so that their first use does not stall the clerk.

The window no longer builds every page before it appears (gui/lazy_pages.py), so matplotlib
(statistics charts, ~0.3-1 s with its font list), python-docx (replies) and openpyxl (ledgers)
are loaded by nobody at start, and the settings page would wait for `soffice --version`. Left to the first visit, the statistics page would take over a
second to open (issue 16 asks < 200 ms). A daemon thread imports them a moment after the
window shows; only modules without Qt are imported there (widgets stay on the GUI thread).
A failure here is harmless: the page imports the module itself when it needs it, and says so.
"""
from __future__ import annotations

import importlib
import threading

from PySide6.QtCore import QTimer

DELAY_MS = 1500  # after the first paint and the first events of the start page
MODULES = (
    "fazhi_desktop.core.charts",
    "matplotlib.figure",
    "matplotlib.backends.backend_agg",
    "fazhi_desktop.docgen.replies",
    "fazhi_desktop.ledgers.export",
    "fazhi_desktop.ledgers.importer",
)


def _load() -> None:
    for name in MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 -- imported again, and reported, where it is used
            return
    try:
        import matplotlib

        matplotlib.use("Agg", force=False)
        from matplotlib import font_manager

        font_manager.findfont("sans-serif")  # reads (or builds) the font list once
    except Exception:  # noqa: BLE001 -- as above
        pass
    try:  # the settings page names the PDF converter: `soffice --version`, cached per process
        from ..office import libreoffice

        soffice = libreoffice.find_soffice()
        if soffice:
            libreoffice.soffice_version(soffice)
    except Exception:  # noqa: BLE001 -- as above
        pass


_thread = None  # the running warm-up, if any


def start_warm_up(parent, delay_ms: int = DELAY_MS) -> None:
    """Import the libraries in a background thread `delay_ms` after now."""
    def begin() -> None:
        global _thread
        _thread = threading.Thread(target=_load, name="warm-up", daemon=True)
        _thread.start()

    QTimer.singleShot(delay_ms, parent, begin)


def wait_for_warm_up(timeout: float = 10.0) -> None:
    """Let a running warm-up finish before this thread imports a page's modules: two threads
    importing modules that import each other can fail (Python's import locks detect the
    deadlock and raise). Waiting costs nothing the page would not have paid itself."""
    thread = _thread
    if thread is not None and thread.is_alive() and thread is not threading.current_thread():
        thread.join(timeout)
