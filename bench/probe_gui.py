"""Child process of the benchmark: start the app (or a bare window) offscreen and report timings.

    probe_gui.py app DB      the real start (fazhi_desktop.app.main --db DB) to the main window painted
    probe_gui.py bare        a bare PySide6 QMainWindow to painted (the floor)
    probe_gui.py memory DB   the app, then each register page opened; peak memory (VmHWM) per step
Prints one JSON line "PROBE {...}" on stdout. The parent times from spawn to that line.
"""
from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
STARTED = time.perf_counter()


def peak_mib() -> float:
    """VmHWM (peak resident memory) of this process, in MiB (Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(**values) -> None:
    print("PROBE " + json.dumps(values, ensure_ascii=False), flush=True)


def on_first_paint(window, then) -> None:
    """Call then(window) once, right after the window's first paint.

    The filter is on the window alone: an application-wide filter would hand every event of
    every widget to Python, and PySide makes each event's Python type (and its enums) on first
    sight, ~30 ms more for the app's window than for the bare one, which the clerk never pays.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Watcher(QObject):
        done = False

        def eventFilter(self, obj, event):  # noqa: N802 (Qt override)
            if not self.done and obj is window and event.type() == QEvent.Paint:
                self.done = True
                QTimer.singleShot(0, lambda: then(window))
            return False

    window._bench_watcher = Watcher()
    window.installEventFilter(window._bench_watcher)


def bare() -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    on_first_paint(window, lambda w: (report(seconds=time.perf_counter() - STARTED,
                                             peak_mib={"bare": peak_mib()}),
                                      app.quit()))
    window.resize(1280, 800)
    window.show()
    return app.exec()


def app_start(db: str, *, memory: bool) -> int:
    from PySide6.QtWidgets import QApplication

    from fazhi_desktop.gui.launch import setup_application

    app = setup_application(sys.argv[:1])

    def shown(window) -> None:
        values = {"seconds": time.perf_counter() - STARTED, "peak_mib": {"启动": peak_mib()}}
        if memory:
            for title in getattr(window, "pages", {}):
                window.show_page(title)
                QApplication.processEvents()
                page = window.pages[title]
                view = page.findChild(_table_view())
                if view is not None:  # scroll through the table: the rows a clerk would see
                    model = view.model()
                    for row in range(0, model.rowCount(), max(1, model.rowCount() // 20)):
                        view.scrollTo(model.index(row, 0))
                        QApplication.processEvents()
                values["peak_mib"][title] = peak_mib()
        report(**values)
        window.close()
        app.quit()

    from fazhi_desktop.gui.main_window import MainWindow

    build = MainWindow.__init__

    def watched(window, *args, **kwargs):  # the app's window, watched like the bare one
        build(window, *args, **kwargs)
        on_first_paint(window, shown)

    MainWindow.__init__ = watched
    from fazhi_desktop.app import main

    return main(["--db", db])


def _table_view():
    from PySide6.QtWidgets import QTableView

    return QTableView


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "bare":
        raise SystemExit(bare())
    raise SystemExit(app_start(sys.argv[2], memory=(mode == "memory")))
