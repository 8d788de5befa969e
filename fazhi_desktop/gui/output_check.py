"""Before the window writes a file a clerk named or a folder holds: never onto the data, its side
files, its backups or the file being read (core/output_guard.py decides, in Chinese), and never
over an existing file without asking. A QFileDialog asks about replacing for its own choice
(`confirmed=True`); a typed path or a document folder chosen once does not, so this asks."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from ..core.errors import FazhiError


def may_write(parent, registry, path, *, title: str, ending=None, inputs=(),
              confirmed: bool = False) -> bool:
    """True when `path` may be written now; otherwise the clerk has been told why (or said no)."""
    from ..core.output_guard import check_output

    try:
        check_output(path, data_file=registry.path, ending=ending, inputs=inputs)
    except FazhiError as exc:
        QMessageBox.warning(parent, title, str(exc))
        return False
    path = Path(path)
    if path.exists() and not confirmed:
        answer = QMessageBox.question(
            parent, title, f"“{path.name}”已存在（在“{path.parent}”中），可能已在Word/WPS或Excel中修改过。\n"
            "是否用新生成的文件替换它？",
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        return answer == QMessageBox.Yes
    return True
