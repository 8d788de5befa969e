"""Hostile input and faults on the real command line (issue 14.5, 14.11): every case ends with a
Chinese message on stderr, no traceback and no English system words, the documented exit
status (2 input refused, 1 the file or an output could not be used), and the data unchanged.

Read-only and denied files and folders: the tests run as root in CI, and chmod does not stop
root, so as root they use `chattr +i` (the immutable flag stops root too: EPERM); as another
user, chmod. A full disk is a 1.2 MB tmpfs mounted for the test (skipped where mounting is not
permitted).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest

from .conftest import REPO, proposal, run_cli, sha256

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
# Words a clerk may see on the command line: our option names and their placeholders.
ALLOWED_ASCII = {"KIND", "FILE", "YYYY", "json", "xlsx", "docx", "pdf", "proposal", "suggestion",
                 "mediation", "petition", "fazhi", "desktop", "stats", "export", "report", "dump",
                 "add", "backup", "restore", "year", "out", "db", "help", "unmasked", "sqlite3",
                 "wal", "shm", "lock", "MB", "UTF", "JSON", "Excel", "WPS", "Word", "id", "UUID",
                 "amount", "udc80", "number", "title", "session", "letters", "status", "reply",
                 "foo", "abc", "bogus", "Ctrl", "NAME", "BAD", "MM", "DD", "udc", "pending",
                 "in", "progress", "replied", "closed", "opinion", "form", "assist", "case",
                 "file", "reply"}


def english_words(stderr: str, *paths) -> set:
    """ASCII words in a message once what it quotes (paths, values and field names as typed,
    “…”, and interchange field names in brackets) is taken out."""
    for path in sorted(map(str, paths), key=len, reverse=True):
        stderr = stderr.replace(path, "")
    if "：错误：" in stderr:  # argparse: the usage lines above are option names
        stderr = stderr.split("：错误：", 1)[1]
    stderr = re.sub(r"“[^”]*”|（[a-z_]+）|--?[a-z][a-z-]*", "", stderr)
    stderr = re.sub(r"\S*/\S*", "", stderr)  # any other path
    return {w for w in re.findall(r"[A-Za-z]{2,}", stderr)} - ALLOWED_ASCII


def assert_chinese_refusal(result, status: int, *expected, paths=()):
    assert result.returncode == status, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert re.search(r"[\u4e00-\u9fff]", result.stderr), result.stderr
    assert english_words(result.stderr, *paths) == set(), result.stderr
    for words in expected:
        assert words in result.stderr, result.stderr


def write_json(path: Path, value) -> Path:
    path.write_text(json.dumps(value, ensure_ascii=False), "utf-8")
    return path


def write_text(path: Path, text: str) -> Path:
    path.write_text(text, "utf-8")
    return path


GOOD = proposal(1)

# ---------------------------------------------------------------- hostile input: exit 2, nothing written
HOSTILE = {
    "integer beyond 64 bits": ([dict(GOOD, number=2 ** 70)], "数值过大"),
    "count beyond 64 bits": ([dict(GOOD, number=2, title="x")], None),  # placeholder, replaced below
    "float that overflows": ('[{"session": "s", "number": 1e400, "title": "t", "authors": ["a"]}]',
                             "不是有效的数字"),
    "NaN in an unknown field": ('[{"session": "s", "number": 1, "title": "t", "authors": ["a"], '
                                '"extra": NaN}]', "不是有效的数字"),
    "lone surrogate in a field": ('[{"session": "s", "number": 1, "title": "t\\udc80", '
                                  '"authors": ["a"]}]', "无法保存"),
    "lone surrogate in a key": ('[{"session": "s", "number": 1, "title": "t", "authors": ["a"], '
                                '"\\ud800x": 1}]', "无法保存"),
    "nesting 100,000 deep": ("[" * 100_000 + "]" * 100_000, "嵌套层数过多"),
    "an integer of 5,000 digits": ('[{"session": "s", "number": ' + "9" * 5000
                                   + ', "title": "t", "authors": ["a"]}]', "位数过多"),
    "nesting 40 deep inside a record": (
        '[{"session": "s", "number": 1, "title": "t", "authors": ["a"], "notes2": '
        + '{"a": ' * 40 + "1" + "}" * 40 + "}]", "嵌套过深"),
    "year 0": ([dict(GOOD, assigned_date="0000-01-01")], "不是有效日期"),
    "year 1": ([dict(GOOD, assigned_date="0001-01-01")], "超出可用范围"),
    "year 10000": ([dict(GOOD, assigned_date="10000-01-01")], "不是有效日期"),
    "status as a list": ([dict(GOOD, status=["replied"])], "办理状态"),
    "a record that is a number": ([12], "应为一个对象"),
}
HOSTILE["count beyond 64 bits"] = (
    [{"unit": "曹镇乡", "period": "2022-08", "letters": 2 ** 64}], "数值过大")


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_json_is_refused_in_chinese_and_nothing_is_written(tmp_path, filled_db, case):
    content, expected = HOSTILE[case]
    kind = "petition" if case == "count beyond 64 bits" else "proposal"
    path = tmp_path / "hostile.json"
    if isinstance(content, str):
        write_text(path, content)
    else:
        write_json(path, content)
    before = sha256(filled_db)
    result = run_cli("--db", filled_db, "add", kind, path)
    assert_chinese_refusal(result, 2, expected, paths=(path, filled_db))
    assert sha256(filled_db) == before


def test_a_huge_json_file_is_refused_before_it_is_read(tmp_path, filled_db):
    from fazhi_desktop.cli import MAX_JSON_BYTES

    path = tmp_path / "huge.json"
    with open(path, "wb") as fh:  # sparse: the size without the disk space
        fh.truncate(MAX_JSON_BYTES + 1)
    result = run_cli("--db", filled_db, "add", "proposal", path)
    assert_chinese_refusal(result, 2, "过大", paths=(path,))


@pytest.mark.parametrize("args,expected", [
    (["stats", "--year", "0"], "年度“0”无效"),
    (["stats", "--year", "-5"], "年度“-5”无效"),
    (["stats", "--year", "abc"], "年度“abc”无效"),
    (["export", "proposal", "--out", "x.xlsx", "--year", "0"], "年度“0”无效"),
    (["export", "petition", "--out", "x.xlsx", "--year", "-5"], "年度“-5”无效"),
    (["report", "--year", "10000", "--out", "x.docx"], "年度“10000”无效"),
    (["dump", "bogus"], "无效的选项“bogus”"),
    (["dump"], "缺少参数"),
    (["stats", "--foo"], "无法识别的参数"),
    (["stats", "--year"], "需要一个参数"),
    (["render", "proposal", "x", "--out", "x.docx", "--document", "bogus"], "无效的选项“bogus”"),
])
def test_bad_arguments_are_refused_in_chinese(tmp_path, filled_db, args, expected):
    before = sha256(filled_db)
    result = run_cli("--db", filled_db, *args)
    assert_chinese_refusal(result, 2, expected, paths=(filled_db,))
    assert sha256(filled_db) == before


@pytest.mark.parametrize("args,expected", [
    (["--db", "{folder}", "dump", "proposal"], "是一个文件夹"),
    (["--db", "{db}", "export", "proposal", "--out", "{folder}"], "是一个文件夹"),
    (["--db", "{folder}/{long}.sqlite3", "dump", "proposal"], "过长"),
])
def test_unusable_paths_are_said_in_chinese(tmp_path, filled_db, args, expected):
    folder = tmp_path / "a folder"
    folder.mkdir()
    args = [a.format(folder=folder, db=filled_db, long="长" * 200) for a in args]
    result = run_cli(*args)
    assert_chinese_refusal(result, 1, expected, paths=(folder, filled_db))


def test_records_of_year_one_are_refused_that_stats_could_not_show(registry):
    from fazhi_desktop.core.validation import record_problems

    assert any("超出可用范围" in p for p in record_problems(
        "mediation", {"case_number": "1", "committee": "c", "accepted_date": "0001-05-01",
                      "dispute_type": "邻里", "parties": [{"name": "甲"}, {"name": "乙"}]}))
    assert any("超出可用范围" in p for p in record_problems(
        "petition", {"unit": "曹镇乡", "period": "0001-05"}))


# ---------------------------------------------------------------- faults: exit 1, a Chinese sentence
@pytest.fixture
def frozen(request):
    """make_read_only(path): the file or folder cannot be written, even by root; undone after."""
    done = []

    def make_read_only(path: Path):
        path = Path(path)
        if IS_ROOT:
            if shutil.which("chattr") is None:
                pytest.skip("chattr is not available to make a file read-only for root")
            result = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
            if result.returncode != 0:
                pytest.skip(f"chattr +i is not supported here: {result.stderr!r}")
            done.append(lambda: subprocess.run(["chattr", "-i", str(path)]))
        else:
            mode = path.stat().st_mode
            path.chmod(0o555 if path.is_dir() else 0o444)
            done.append(lambda: path.chmod(mode))

    yield make_read_only
    for undo in reversed(done):
        undo()


def _side_files(db: Path) -> None:
    """Leave -wal and -shm beside the data file, as a run that was killed does."""
    keeper = sqlite3.connect(db)
    keeper.execute("PRAGMA journal_mode=WAL")
    keeper.execute("CREATE TABLE IF NOT EXISTS _t(x)")
    keeper.execute("DROP TABLE _t")
    keeper.commit()
    # Copy the side files while a connection holds them, so they stay after it closes.
    wal, shm = Path(f"{db}-wal"), Path(f"{db}-shm")
    copies = {p: p.read_bytes() for p in (wal, shm) if p.exists()}
    keeper.close()
    for path, data in copies.items():
        path.write_bytes(data)


@pytest.mark.parametrize("target", ["data file", "-wal", "-shm", "folder"])
def test_a_read_only_file_or_folder_is_said_in_chinese(filled_db, frozen, input_dir, target):
    _side_files(filled_db)
    path = {"data file": filled_db, "-wal": Path(f"{filled_db}-wal"),
            "-shm": Path(f"{filled_db}-shm"), "folder": filled_db.parent}[target]
    if not path.exists():
        path.write_bytes(b"")
    source = write_json(input_dir / "one.json", [proposal(99)])
    before = sha256(filled_db)
    frozen(path)
    result = run_cli("--db", filled_db, "add", "proposal", source)
    assert_chinese_refusal(result, 1, paths=(filled_db, path))
    assert any(w in result.stderr for w in ("文件只读", "没有权限", "没有写入权限")), result.stderr
    assert sha256(filled_db) == before


def test_a_read_only_lock_file_is_said_in_chinese(filled_db, frozen):
    made = run_cli("--db", filled_db, "backup")
    assert made.returncode == 0, made.stderr
    backup = sorted((filled_db.parent / "backups").glob("*.sqlite3"))[0]
    lock = Path(f"{filled_db}.lock")
    lock.write_bytes(b"")
    before = sha256(filled_db)
    frozen(lock)
    result = run_cli("--db", filled_db, "restore", backup)
    assert_chinese_refusal(result, 1, paths=(filled_db, backup, lock))
    assert any(w in result.stderr for w in ("没有权限", "只读", "无法写入")), result.stderr
    assert sha256(filled_db) == before


@pytest.fixture
def input_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("input")


def test_a_denied_backups_folder_is_said_in_chinese(filled_db, frozen):
    backups = filled_db.parent / "backups"
    backups.mkdir(exist_ok=True)
    frozen(backups)
    result = run_cli("--db", filled_db, "backup")
    assert_chinese_refusal(result, 1, "无法备份", paths=(filled_db, backups))
    assert any(w in result.stderr for w in ("没有权限", "只读")), result.stderr


def test_a_locked_data_file_is_said_in_chinese(tmp_path, filled_db, input_dir):
    holder = sqlite3.connect(filled_db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = run_cli("--db", filled_db, "add", "proposal",
                         write_json(input_dir / "one.json", [proposal(98)]))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert_chinese_refusal(result, 1, paths=(filled_db,))
    assert any(w in result.stderr for w in ("数据文件被锁定", "另一程序正在写入")), result.stderr


@pytest.fixture
def small_disk(tmp_path):
    """A 1.2 MB tmpfs: a full disk that the test can fill."""
    mount = tmp_path / "usb"
    mount.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1200k", "tmpfs", str(mount)],
                            capture_output=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {result.stderr!r}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_a_full_disk_is_said_in_chinese_and_the_file_stays_good(small_disk, filled_db, input_dir):
    db = small_disk / "office.sqlite3"
    shutil.copy(filled_db, db)
    big = [dict(proposal(100 + n), title="长" * 3000) for n in range(150)]
    result = run_cli("--db", db, "add", "proposal", write_json(input_dir / "big.json", big))
    assert_chinese_refusal(result, 1, "磁盘空间已满", paths=(db,))
    dumped = run_cli("--db", db, "dump", "proposal")
    assert dumped.returncode == 0 and len(json.loads(dumped.stdout)) == 3


def test_a_closed_pipe_ends_quietly(tmp_path):
    db = tmp_path / "office.sqlite3"
    from fazhi_desktop.core.registry import Registry

    with Registry.open(db) as registry:
        registry.add_many("proposal", [dict(proposal(n), title="关于" * 400) for n in range(1, 400)])
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "fazhi_desktop", "--db", str(db), "dump",
                                "proposal"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               cwd=str(REPO), env=env)
    process.stdout.read(100)  # `| head -c 100`
    process.stdout.close()
    stderr = process.stderr.read().decode("utf-8")
    status = process.wait(timeout=60)
    assert stderr == ""
    assert status == 141


UNEXPECTED = textwrap.dedent("""
    import sys
    import fazhi_desktop.cli.stats as stats

    def broken(args):
        raise AssertionError("a bug nobody expected")

    stats.cmd_stats = broken
    from fazhi_desktop.cli import run
    raise SystemExit(run(sys.argv[1:]))
""")


def test_an_unexpected_fault_is_logged_and_named_never_printed(tmp_path):
    db = tmp_path / "data" / "office.sqlite3"
    db.parent.mkdir()
    result = subprocess.run([sys.executable, "-c", UNEXPECTED, "--db", str(db), "stats"],
                            capture_output=True, text=True, encoding="utf-8", cwd=str(REPO),
                            env=dict(os.environ, PYTHONIOENCODING="utf-8"), timeout=120)
    log = db.parent / "logs" / "fazhi-desktop.log"
    assert_chinese_refusal(result, 1, "程序内部出错", str(log), paths=(log,))
    text = log.read_text("utf-8")
    assert "Traceback" in text and "AssertionError: a bug nobody expected" in text
    if os.name != "nt":
        assert log.stat().st_mode & 0o777 == 0o600
        assert log.parent.stat().st_mode & 0o777 == 0o700


def test_the_log_goes_elsewhere_when_the_data_folder_refuses_it(tmp_path, frozen):
    from fazhi_desktop.core import errorlog

    folder = tmp_path / "data"
    folder.mkdir()
    frozen(folder)
    try:
        raise RuntimeError(f"marker {uuid.uuid4()}")
    except RuntimeError as exc:
        written = errorlog.record_crash(exc, folder)
        marker = str(exc)
    assert written is not None and folder not in written.parents
    assert marker in written.read_text("utf-8")


def test_version_ignores_a_pyproject_in_the_current_folder(tmp_path):
    """An installed copy (no pyproject.toml beside the package) run inside another project."""
    shutil.copytree(REPO / "fazhi_desktop", tmp_path / "site" / "fazhi_desktop")
    other = tmp_path / "other"
    other.mkdir()
    (other / "pyproject.toml").write_text('[project]\nname = "other"\nversion = "9.9.9"\n')
    result = subprocess.run([sys.executable, "-m", "fazhi_desktop", "--version"],
                            capture_output=True, text=True, encoding="utf-8", cwd=str(other),
                            env=dict(os.environ, PYTHONPATH=str(tmp_path / "site")))
    assert result.returncode == 0 and "9.9.9" not in result.stdout
    assert result.stdout.startswith("法治办公助手 ")


LOGS_ON_THE_WAY = textwrap.dedent("""
    import logging, sys
    import fazhi_desktop.cli.stats as stats

    def logs(args):
        try:
            raise RuntimeError("a background failure")
        except RuntimeError:
            logging.getLogger("fazhi_desktop.ops").error("后台任务失败", exc_info=True)
        return 0

    stats.cmd_stats = logs
    from fazhi_desktop.cli import run
    raise SystemExit(run(sys.argv[1:]))
""")


def test_an_error_logged_by_a_command_goes_to_the_log_not_to_stderr(tmp_path):
    db = tmp_path / "office.sqlite3"
    result = subprocess.run([sys.executable, "-c", LOGS_ON_THE_WAY, "--db", str(db), "stats"],
                            capture_output=True, text=True, encoding="utf-8", cwd=str(REPO),
                            env=dict(os.environ, PYTHONIOENCODING="utf-8"), timeout=120)
    assert result.returncode == 0 and result.stderr == ""
    assert "RuntimeError: a background failure" in (tmp_path / "logs" / "fazhi-desktop.log").read_text("utf-8")
