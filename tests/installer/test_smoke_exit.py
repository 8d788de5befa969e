"""FAZHI_SMOKE_EXIT_MS, the switch the installers' start-up checks use: the window must quit by
itself, and a fault at start-up must end the check with a failure instead of leaving its box
(出错了) waiting for a click that never comes (seen in the Debian 11 root: the statistics page
crashed, the check hung for 30 s and the box was taken for the main window)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
PROFILE = REPO / "tests" / "fixtures" / "seed000_profile.json"

LAUNCH = """
import sys
from fazhi_desktop.gui import main_window
if sys.argv[2] == "broken":
    def broken(self, *args, **kwargs):
        raise RuntimeError("统计页无法绘图")
    main_window.MainWindow.__init__ = broken
from fazhi_desktop.gui.launch import launch_gui
sys.exit(launch_gui(sys.argv[1]))
"""


def _start(tmp_path: Path, how: str) -> subprocess.CompletedProcess:
    db = tmp_path / "office.sqlite3"
    env = dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen",
               FAZHI_SMOKE_EXIT_MS="1500", HOME=str(tmp_path))
    subprocess.run([sys.executable, "-m", "fazhi_desktop", "--db", str(db), "profile", "set",
                    str(PROFILE)], env=env, check=True, capture_output=True, timeout=120)
    return subprocess.run([sys.executable, "-c", LAUNCH, str(db), how], env=env,
                          capture_output=True, timeout=90)


def test_the_window_quits_by_itself_with_status_0(tmp_path):
    result = _start(tmp_path, "normal")
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")


def test_a_fault_at_start_up_ends_the_check_with_a_failure_not_a_waiting_box(tmp_path):
    result = _start(tmp_path, "broken")   # before the fix: the box waited, the timeout struck
    assert result.returncode == 1
    assert "Traceback" not in result.stderr.decode("utf-8", "replace")
