"""Issue 14.1: no output lands on the data. Every writing command is pointed at the data file,
its side files, a backup and its own input, by every spelling that reaches them; each is refused
in Chinese with the data unchanged (bytes) and nothing written."""
from __future__ import annotations

import os
import sys
import unicodedata
from pathlib import Path

import pytest

from fazhi_desktop.core import backup
from fazhi_desktop.core.errors import OutputProblem, ValidationError
from fazhi_desktop.core.output_guard import check_output
from .conftest import run_cli, sha256

# command line with {out} where the output goes -> the ending it must have
COMMANDS = {
    "backup": (["backup", "--out", "{out}"], ".sqlite3"),
    "template": (["template", "proposal", "--out", "{out}"], ".xlsx"),
    "export": (["export", "proposal", "--out", "{out}"], ".xlsx"),
    "render": (["render", "proposal", "no-such-id", "--out", "{out}"], ".docx"),
    "report": (["report", "--year", "2026", "--out", "{out}"], ".docx"),
    "keep-good": (["import", "proposal", "{workbook}", "--keep-good", "{out}"], ".xlsx"),
}


def _run(db, command, out, workbook=None, cwd=None):
    args = [a.format(out=out, workbook=workbook) for a in COMMANDS[command][0]]
    if cwd is None:
        return run_cli("--db", db, *args)
    import subprocess

    env = dict(os.environ, PYTHONIOENCODING="utf-8",
               PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    return subprocess.run([sys.executable, "-m", "fazhi_desktop", "--db", str(db), *args],
                          capture_output=True, text=True, encoding="utf-8", cwd=str(cwd),
                          env=env, timeout=120)


@pytest.fixture
def workbook(filled_db, tmp_path):
    path = tmp_path / "台账.xlsx"
    assert run_cli("--db", filled_db, "template", "proposal", "--out", path).returncode == 0
    return path


def _state(folder: Path) -> dict:
    return {p.name: sha256(p) for p in folder.rglob("*") if p.is_file()}


def _targets(db: Path) -> dict:
    """Ways to name something that belongs to the data, built fresh in the test's folder."""
    folder = db.parent
    link = folder / "链接.sqlite3"
    link.symlink_to(db)
    dangling = folder / "悬空.sqlite3"
    dangling.symlink_to(Path(str(db) + "-wal"))
    kept = backup.backup_now(db, "manual").path
    return {
        "the data file": db,
        "its -wal": Path(str(db) + "-wal"),
        "its -shm": Path(str(db) + "-shm"),
        "its lock": Path(str(db) + ".lock"),
        "a symlink to it": link,
        "a dangling link to its -wal": dangling,
        "a relative path with ..": Path("sub") / ".." / db.name,
        "a backup": kept,
        "a case variant": folder / db.name.upper(),
    }


@pytest.mark.skipif(sys.platform.startswith("win"), reason="symlinks need privileges")
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_output_onto_the_data_is_refused_and_the_data_unchanged(filled_db, workbook,
                                                                     command):
    folder = filled_db.parent
    (folder / "sub").mkdir()
    for what, target in _targets(filled_db).items():
        ending = COMMANDS[command][1]
        if target.suffix.lower() != ending:
            # the same file reached under the right ending: a link named X.xlsx to the data
            alias = folder / f"别名{what.replace(' ', '_')}{ending}"
            if alias.is_symlink() or alias.exists():
                alias.unlink()
            alias.symlink_to(target if target.is_absolute() else folder / target)
            target = alias
        before = _state(folder)
        result = _run(filled_db, command, target, workbook, cwd=folder)
        assert result.returncode in (1, 2), (command, what, result.stdout)
        assert "不能保存到" in result.stderr, (command, what, result.stderr)
        assert "Traceback" not in result.stderr
        assert _state(folder) == before, (command, what)


def test_keep_good_onto_the_workbook_being_imported_is_refused(filled_db, workbook, tmp_path):
    before = sha256(workbook), sha256(filled_db)
    for spelling in (workbook, tmp_path / "." / workbook.name):
        result = run_cli("--db", filled_db, "import", "proposal", workbook, "--keep-good", spelling)
        assert result.returncode == 1 and "本次要读取的文件" in result.stderr, result.stderr
    assert (sha256(workbook), sha256(filled_db)) == before


@pytest.mark.parametrize("command,wrong", [("backup", "备份.docx"), ("template", "模板.docx"),
                                           ("export", "台账.pdf"), ("render", "答复.xlsx"),
                                           ("report", "报告.pdf"), ("keep-good", "问题行.csv")])
def test_an_ending_that_does_not_fit_is_refused(filled_db, workbook, tmp_path, command, wrong):
    before = _state(tmp_path)
    result = _run(filled_db, command, tmp_path / wrong, workbook)
    assert result.returncode == 2 and "应以" in result.stderr and "结尾" in result.stderr
    assert _state(tmp_path) == before


def test_an_ordinary_output_still_works(filled_db, tmp_path):
    result = run_cli("--db", filled_db, "export", "proposal", "--out", tmp_path / "台账.XLSX")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "台账.XLSX").stat().st_size > 0


def test_unicode_forms_of_the_data_file_name_are_one_name(tmp_path):
    db = tmp_path / unicodedata.normalize("NFC", "café.sqlite3")
    db.write_bytes(b"")
    variant = tmp_path / unicodedata.normalize("NFD", "café.sqlite3")
    with pytest.raises(OutputProblem, match="数据文件"):
        check_output(variant, data_file=db, ending=".sqlite3")
    with pytest.raises(OutputProblem, match="附属文件"):
        check_output(tmp_path / "CAFÉ.SQLITE3-WAL.sqlite3", data_file=db)
    with pytest.raises(ValidationError, match="应以.docx结尾"):
        check_output(tmp_path / "a.doc", data_file=db, ending=".docx")
    assert check_output(tmp_path / "答复.docx", data_file=db, ending=".docx").name == "答复.docx"
