"""Event-loop stall probe (issue 16.3): does the GUI thread ever block for over 100 ms while a
clerk types in the search box, scrolls, sorts and filters the 100,000-row register, and does
every page open in under 200 ms?

    .venv/bin/python bench/probe_stalls.py DB [--json]

Runs the real main window offscreen on the data file DB. A QTimer ticks every 5 ms and records
the gap between its ticks: any operation on the GUI thread (a query run by the search box's
debounce timer, a page of rows read while painting, a sort) delays the next tick by as long
as it blocks. A script then acts as a clerk, one step at a time with pauses in between (typing
at ~8 keys a second), and each step reports the longest gap seen from its start until the
next step. Opening a page is also timed directly: from the click to the end of its first paint.
Prints a Markdown table (and with --json one JSON line).
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

TICK_MS = 5
STALL_LIMIT = 0.100
PAGE_LIMIT = 0.200


class GapMonitor:
    """Longest gap between ticks of a 5 ms timer since the last `take()`."""

    def __init__(self):
        from PySide6.QtCore import QTimer

        self.last = time.perf_counter()
        self.longest = 0.0
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def take(self) -> float:
        self._tick()
        longest, self.longest = self.longest, 0.0
        return longest


def wait(ms: int) -> None:
    """Let the event loop run for `ms` (timers fire, the view paints)."""
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    QCoreApplication.processEvents()


def clerk_script(window, monitor) -> list:
    """(step, what, seconds): each step's longest stall, and each page's opening time."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QTableView

    results = []

    def step(name: str, action, settle_ms: int = 400) -> None:
        monitor.take()
        action()
        wait(settle_ms)
        results.append((name, "stall", monitor.take()))

    # Every page, first visit then a second one: click to end of first paint.
    from fazhi_desktop.gui.main_window import PAGES

    for visit in ("首次", "再次"):
        for row, (title, _factory) in enumerate(PAGES):
            monitor.take()
            started = time.perf_counter()
            window.nav.setCurrentRow(row)
            page = window.pages[title]
            page.repaint()
            QApplication.processEvents()
            opened = time.perf_counter() - started
            results.append((f"打开页面：{title}（{visit}）", "page", opened))
            monitor.take()  # the opening itself is the row above
            wait(150)
            results.append((f"打开页面后：{title}（{visit}）", "stall", monitor.take()))

    page = window.show_page("政协提案")
    wait(300)
    table = page.findChild(QTableView)
    rows = table.model().rowCount()
    # Typing: one key at a time, a clerk's pace; the debounce timer runs the search.
    page.search.setFocus()
    for word in ("法治", "法治政府"):
        page.search.clear()
        wait(400)
        for ch in word:
            # as an input method commits a character (QTest types ASCII only)
            step(f"搜索框输入“{ch}”（{word}）", lambda ch=ch: page.search.insert(ch), 120)
        wait(600)
        results.append((f"搜索“{word}”完成（{table.model().rowCount()} 行）", "stall", monitor.take()))
    step("清空搜索框", page.search.clear, 600)
    # Scrolling through 100,000 rows: page by page near the top, then jumps down the bar.
    bar = table.verticalScrollBar()
    for _ in range(10):
        step("向下翻页（PageDown）", lambda: QTest.keyClick(table, Qt.Key_PageDown), 60)
    for fraction in (0.1, 0.25, 0.5, 0.75, 0.99, 0.0):
        step(f"拖动滚动条到 {fraction:.0%}（{rows} 行）",
             lambda f=fraction: bar.setValue(int(bar.maximum() * f)), 120)
    # Sorting: a click on each column header, both ways.
    header = table.horizontalHeader()
    for column in range(table.model().columnCount()):
        if header.isSectionHidden(column):
            continue
        label = table.model().headerData(column, Qt.Horizontal)
        for order in (Qt.AscendingOrder, Qt.DescendingOrder):
            step(f"按“{label}”排序（{'升序' if order == Qt.AscendingOrder else '降序'}）",
                 lambda c=column, o=order: header.setSortIndicator(c, o), 200)
    # Filtering: each choice of each drop-down, then the check boxes.
    for name, combo in (("状态", page.status), ("办理结果", page.result_class), ("届次", page.session)):
        for index in list(range(1, min(combo.count(), 6))) + [0]:
            step(f"筛选 {name}：{combo.itemText(index)}", lambda c=combo, i=index: c.setCurrentIndex(i), 200)
    for box in (page.overdue, page.due_soon):
        step(f"勾选“{box.text()}”", lambda b=box: b.setChecked(True), 200)
        step(f"取消“{box.text()}”", lambda b=box: b.setChecked(False), 200)
    return results


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    db = Path(argv[0])
    from PySide6.QtWidgets import QApplication

    from fazhi_desktop.core.registry import Registry
    from fazhi_desktop.gui.launch import setup_application
    from fazhi_desktop.gui.main_window import MainWindow

    app = setup_application([sys.argv[0]])
    registry = Registry.open(db)
    try:
        window = MainWindow(registry)
        window.resize(1280, 800)
        window.show()
        QApplication.processEvents()
        monitor = GapMonitor()
        from fazhi_desktop.gui.warm_up import DELAY_MS, start_warm_up

        start_warm_up(window)  # as gui/launch.py does after show()
        wait(300)
        warm = monitor.take()
        wait(DELAY_MS + 2500)  # the clerk looks at the start page; libraries load meanwhile
        results = [("启动后 0.3 s", "stall", warm),
                   ("后台加载库期间（首页静置）", "stall", monitor.take())]
        results += clerk_script(window, monitor)
        window.close()
    finally:
        registry.close()
    del app
    stalls = [r for r in results if r[1] == "stall"]
    pages = [r for r in results if r[1] == "page"]
    worst_stall = max(stalls, key=lambda r: r[2])
    worst_page = max(pages, key=lambda r: r[2])
    print(f"| 操作 | 最长卡顿 / 打开用时 | 限值 | 判定 |")
    print("| --- | --- | --- | --- |")
    for name, what, seconds in results:
        limit = PAGE_LIMIT if what == "page" else STALL_LIMIT
        print(f"| {name} | {seconds * 1000:.0f} ms | < {limit * 1000:.0f} ms | "
              f"{'PASS' if seconds < limit else 'MISS'} |")
    print()
    print(f"worst stall: {worst_stall[0]} {worst_stall[2] * 1000:.0f} ms; "
          f"slowest page: {worst_page[0]} {worst_page[2] * 1000:.0f} ms; "
          f"steps over 100 ms: {sum(1 for r in stalls if r[2] >= STALL_LIMIT)} of {len(stalls)}")
    if "--json" in argv:
        print("STALLS " + json.dumps({"results": results}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
