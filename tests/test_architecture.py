"""The layers hold (docs/architecture.md):
- the core stays Qt-free: no module under core, docgen, ledgers or office imports PySide6;
- core, docgen, ledgers and office never import gui or cli, and core imports none of the others;
- argparse is the command line's business: imported under cli/ only;
- no import cycle between the top-level packages and modules;
- nothing outside core/ reaches past the Registry façade into `.store` (so that connections,
  one per thread, and every write are decided in one place);
- no SQL is built from Python reprs (`IN {values!r}`): values go in as parameters.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "fazhi_desktop"
QT_FREE = ("core", "docgen", "ledgers", "office")
BELOW_THE_FRONT_ENDS = ("core", "docgen", "ledgers", "office")
FRONT_ENDS = ("gui", "cli")
# `.store` outside core/: (file, why). Empty today; an entry needs a reason a reviewer accepts.
STORE_ALLOWED: dict = {}


def _module_parts(path: Path, root: Path) -> tuple:
    """('fazhi_desktop', 'core', 'store') for fazhi_desktop/core/store.py; is it a package."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        return tuple(parts[:-1]), True
    return tuple(parts), False


def imported_modules(path: Path, *, root: Path = PACKAGE.parent) -> list:
    """(line, absolute module name) of every import in a file, relative ones resolved;
    imports inside functions count too (they run as surely, only later)."""
    parts, is_package = _module_parts(path, root)
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(parts if is_package else parts[:-1])
                base = base[:len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
                names = [module] if node.module else [f"{module}.{a.name}" for a in node.names]
            else:
                names = [node.module or ""]
            found += [(node.lineno, name) for name in names]
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) \
                in ("import_module", "__import__") and node.args \
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            found.append((node.lineno, node.args[0].value))
    return found


def qt_imports(path: Path, *, root: Path = PACKAGE.parent) -> list:
    return [f"{path.relative_to(root).as_posix()}:{line} imports {name}"
            for line, name in imported_modules(path, root=root)
            if name.split(".")[0] in ("PySide6", "PyQt5", "PyQt6", "shiboken6")]


def _files(package: str = ""):
    return sorted((PACKAGE / package).rglob("*.py")) if package else sorted(PACKAGE.rglob("*.py"))


def _unit(module: str, root_name: str = "fazhi_desktop"):
    """The top-level package or module of ours an import names (None: not ours)."""
    parts = module.split(".")
    if parts[0] != root_name:
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def test_core_docgen_ledgers_office_never_import_qt():
    offenders = []
    checked = 0
    for package in QT_FREE:
        for path in _files(package):
            offenders += qt_imports(path)
            checked += 1
    assert checked >= 10  # the walk really found the core
    assert offenders == []


def layer_offences(root: Path) -> list:
    """Imports that go up the layers: below the front ends into gui/cli, core into the others."""
    found = []
    for path in sorted(root.rglob("*.py")):
        parts, _ = _module_parts(path, root.parent)
        if len(parts) < 2 or parts[1] not in BELOW_THE_FRONT_ENDS:
            continue
        forbidden = FRONT_ENDS + (BELOW_THE_FRONT_ENDS[1:] if parts[1] == "core" else ())
        for line, name in imported_modules(path, root=root.parent):
            if _unit(name, root.name) in forbidden:
                found.append(f"{path.relative_to(root.parent).as_posix()}:{line} imports {name}")
    return found


def test_no_layer_imports_upwards():
    assert layer_offences(PACKAGE) == []


def test_argparse_only_under_cli():
    offenders = [f"{path.relative_to(PACKAGE.parent).as_posix()}:{line}"
                 for path in _files() if "cli" not in path.relative_to(PACKAGE).parts[:1]
                 for line, name in imported_modules(path) if name.split(".")[0] == "argparse"]
    assert offenders == []


def package_graph(root: Path) -> dict:
    """Top-level unit -> the other units it imports (core, docgen, … and the root modules)."""
    graph: dict = {}
    for path in sorted(root.rglob("*.py")):
        parts, _ = _module_parts(path, root.parent)
        source = parts[1] if len(parts) > 1 else "__init__"
        graph.setdefault(source, set())
        for _, name in imported_modules(path, root=root.parent):
            target = _unit(name, root.name)
            if target is None:
                continue
            if target not in graph and not (root / target).is_dir() and \
                    not (root / f"{target}.py").exists():
                target = "__init__"  # `from fazhi_desktop import APP_NAME`
            if target != source:
                graph[source].add(target)
    return graph


def cycles(graph: dict) -> list:
    """Each cycle once, as a list of units (depth-first search)."""
    found, state = [], {}

    def visit(node, trail):
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                found.append(trail[trail.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


def test_no_import_cycles_between_packages():
    graph = package_graph(PACKAGE)
    assert {"core", "docgen", "ledgers", "office", "gui", "cli"} <= set(graph)
    assert cycles(graph) == []


def store_reaches(path: Path, *, root: Path = PACKAGE.parent) -> list:
    """`x.store` attribute uses in a file (reaching past the Registry into the store)."""
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    return [f"{path.relative_to(root).as_posix()}:{node.lineno}" for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr == "store"]


def test_nothing_outside_core_reaches_into_the_store():
    offenders = []
    for path in _files():
        if path.relative_to(PACKAGE).parts[0] == "core":
            continue
        rel = path.relative_to(PACKAGE.parent).as_posix()
        if rel not in STORE_ALLOWED:
            offenders += store_reaches(path)
    assert offenders == []


_SQL_WORDS = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|WHERE|IN|VALUES)\b")


def sql_reprs(path: Path, *, root: Path = PACKAGE.parent) -> list:
    """f-strings that look like SQL and put a value in with !r."""
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.JoinedStr):
            continue
        text = "".join(v.value for v in node.values
                       if isinstance(v, ast.Constant) and isinstance(v.value, str))
        if _SQL_WORDS.search(text) and any(isinstance(v, ast.FormattedValue) and v.conversion == ord("r")
                                           for v in node.values):
            found.append(f"{path.relative_to(root).as_posix()}:{node.lineno}")
    return found


def test_no_sql_built_from_python_reprs():
    assert [hit for path in _files() for hit in sql_reprs(path)] == []


# ----------------------------------------------------------------------------- the checks check
def test_the_check_catches_a_qt_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import json\nfrom PySide6.QtCore import QObject\n"
                   "import importlib\nimportlib.import_module('PySide6.QtGui')\n", "utf-8")
    found = qt_imports(bad, root=tmp_path)
    assert found == ["bad.py:2 imports PySide6.QtCore", "bad.py:4 imports PySide6.QtGui"]


def _fake_package(tmp_path, files: dict) -> Path:
    root = tmp_path / "fazhi_desktop"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    for folder in [root] + [p for p in root.rglob("*") if p.is_dir()]:
        (folder / "__init__.py").touch()
    return root


def test_the_checks_catch_upward_imports_cycles_and_store_reaches(tmp_path):
    root = _fake_package(tmp_path, {
        "core/a.py": "from ..gui import window\nfrom ..docgen import x\n",
        "ledgers/b.py": "def f():\n    from fazhi_desktop.cli import main\n",
        "docgen/x.py": "from ..ledgers import b\n",
        "ledgers/c.py": "from ..docgen import x\n",
        "gui/window.py": "def f(registry):\n    return registry.store.conn\n",
    })
    assert layer_offences(root) == [
        "fazhi_desktop/core/a.py:1 imports fazhi_desktop.gui",
        "fazhi_desktop/core/a.py:2 imports fazhi_desktop.docgen",
        "fazhi_desktop/ledgers/b.py:2 imports fazhi_desktop.cli"]
    assert ["docgen", "ledgers", "docgen"] in cycles(package_graph(root))
    assert store_reaches(root / "gui/window.py", root=tmp_path) == ["fazhi_desktop/gui/window.py:2"]


def test_the_check_catches_sql_built_from_a_repr(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('S = ("a", "b")\nq = f"SELECT 1 FROM t WHERE s IN {S!r}"\n'
                   'msg = f"unknown block {S!r}"\n', "utf-8")
    assert sql_reprs(bad, root=tmp_path) == ["bad.py:2"]
