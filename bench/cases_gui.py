"""The window at scale, each in a fresh process (bench/probe_gui.py): cold start and peak memory."""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from timing import Result, median

PROBE = Path(__file__).resolve().parent / "probe_gui.py"


def _probe(*args) -> dict:
    """Spawn the probe; seconds from spawn to its report line, plus what it reported."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(PROBE), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")
    report = None
    for line in proc.stdout:
        if line.startswith("PROBE "):
            report = json.loads(line[6:])
            report["wall"] = time.perf_counter() - started
    _, err = proc.communicate(timeout=600)
    if report is None:
        raise RuntimeError(f"probe {args} reported nothing: {err[-2000:]}")
    return report


def gui_available() -> bool:
    try:
        import fazhi_desktop.gui.main_window  # noqa: F401
    except ImportError:
        return False
    return True


def measure_cold_start(db_path, n: int, log=print) -> Result:
    if not gui_available():
        return Result("冷启动到主窗口显示", None, target=1.5, note="GUI 尚未提供")
    app = median([_probe("app", str(db_path))["wall"] for _ in range(n)])
    bare = median([_probe("bare")["wall"] for _ in range(n)])
    log(f"  cold start {app:.2f} s (bare window {bare:.2f} s)")
    return Result("冷启动到主窗口显示（含数据文件打开）", app, bare, 1.5,
                  note="子进程，offscreen；从创建进程到主窗口首次绘制；地板：空白 PySide6 窗口")


def measure_memory(db_path, log=print) -> Result:
    if not gui_available():
        return Result("GUI 峰值内存（打开各台账）", None, target=300, unit="MiB", note="GUI 尚未提供")
    report = _probe("memory", str(db_path))
    bare = _probe("bare")
    peaks = report["peak_mib"]
    log(f"  memory: {peaks}")
    steps = "，".join(f"{k} {v:.0f}" for k, v in peaks.items())
    return Result("GUI 峰值内存（依次打开每个页面并滚动表格）", max(peaks.values()),
                  bare["peak_mib"]["bare"], 300,
                  unit="MiB", note=f"VmHWM（MiB）：{steps}")


def measure_open_check(db_path, n: int) -> list:
    """What opening the file costs before any window: the start-up check and Store.open."""
    from timing import runs

    from fazhi_desktop.core.store import Store

    results = []
    try:
        from fazhi_desktop.core.health import check_file
    except ImportError:
        check_file = None
    from fazhi_desktop.core import health

    def forget():  # a new process has not checked the file yet: drop health's per-process memo
        getattr(health, "_passed", {}).clear()

    def check():
        forget()
        check_file(db_path)

    def open_close():
        forget()
        Store.open(db_path).close()

    if check_file is not None:
        value = median(runs(check, n))
        results.append(Result("其中：启动检查 health.check_file", value, None, None,
                              note="文件头与结构；quick_check 只用于 256 MB 以下的文件"))
    value = median(runs(open_close, n))
    results.append(Result("其中：Store.open（含启动检查）", value, None, None, note="打开、配置、无需迁移"))
    return results
