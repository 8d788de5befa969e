"""The core stays Qt-free: no module under core, docgen, ledgers or office imports PySide6."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "fazhi_desktop"
QT_FREE = ("core", "docgen", "ledgers", "office")


def qt_imports(path: Path, *, root: Path = PACKAGE.parent) -> list:
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) \
                in ("import_module", "__import__") and node.args \
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            names = [node.args[0].value]
        for name in names:
            if name.split(".")[0] in ("PySide6", "PyQt5", "PyQt6", "shiboken6"):
                found.append(f"{path.relative_to(root).as_posix()}:{node.lineno} imports {name}")
    return found


def test_core_docgen_ledgers_office_never_import_qt():
    offenders = []
    checked = 0
    for package in QT_FREE:
        for path in sorted((PACKAGE / package).rglob("*.py")):
            offenders += qt_imports(path)
            checked += 1
    assert checked >= 10  # the walk really found the core
    assert offenders == []


def test_the_check_catches_a_qt_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import json\nfrom PySide6.QtCore import QObject\n"
                   "import importlib\nimportlib.import_module('PySide6.QtGui')\n", "utf-8")
    found = qt_imports(bad, root=tmp_path)
    assert found == ["bad.py:2 imports PySide6.QtCore", "bad.py:4 imports PySide6.QtGui"]
