"""A small PySide6 window for the input-method checks (check_input_methods.sh): one line edit
with the focus; optionally types keys into it through the X server (xdotool), then prints which
input-context plugin Qt loaded and what the line edit holds, and exits.

    QT_IM_MODULE=fcitx python3 probe_input.py [KEY ...]   e.g. ctrl+space n i h a o space

Output lines: "PLUGIN <path or none>", "TEXT <text>". Qt's own warnings go to stderr.
PROBE_SCREENSHOT=FILE.png saves the whole screen at the end (the input method's candidate
window included), to look at.
"""
from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit


def loaded_input_context() -> str:
    """The platform input-context plugin mapped into this process (Qt loads one at most)."""
    with open("/proc/self/maps", encoding="utf-8") as maps:
        paths = {line.split()[-1] for line in maps if "platforminputcontext" in line}
    return " ".join(sorted(paths)) or "none"


def main() -> int:
    app = QApplication(sys.argv[:1])
    edit = QLineEdit()
    edit.setWindowTitle("fazhi-im-probe")
    edit.resize(400, 40)
    edit.show()
    edit.activateWindow()
    edit.setFocus()
    keys = sys.argv[1:]

    def type_keys():
        for key in keys:  # one by one: fcitx and ibus see each key as a person types it
            subprocess.run(["xdotool", "key", "--delay", "80", key], check=False)
            app.processEvents()
        QTimer.singleShot(1500, finish)

    def finish():
        shot = os.environ.get("PROBE_SCREENSHOT")
        if shot:
            app.primaryScreen().grabWindow(0).save(shot)
        print("PLUGIN", loaded_input_context(), flush=True)
        print("TEXT", edit.text(), flush=True)
        app.quit()

    QTimer.singleShot(1500, type_keys if keys else finish)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
