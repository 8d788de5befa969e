"""The command line as an office's script or a data exchange uses it, through a real process."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args, env=None, cwd=None):
    full_env = dict(os.environ, PYTHONIOENCODING="utf-8")
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "fazhi_desktop", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", env=full_env,
                          cwd=cwd, timeout=120)


def write(path: Path, value) -> Path:
    path.write_text(json.dumps(value, ensure_ascii=False), "utf-8")
    return path


def test_add_then_dump_returns_what_was_added(tmp_path, db_path, seed_proposal):
    second = {"session": "区政协六届一次会议", "number": 29, "title": "关于规范行政执法的提案",
              "authors": ["李强", "赵敏"], "co_units": [], "communications": [
                  {"date": "2022-06-01", "method": "面商", "summary": "当面听取意见"}]}
    result = run("--db", db_path, "add", "proposal", write(tmp_path / "in.json",
                                                           [seed_proposal, second]))
    assert result.returncode == 0, result.stderr
    ids = result.stdout.split()
    assert len(ids) == 2
    dumped = json.loads(run("--db", db_path, "dump", "proposal").stdout)
    assert [d["id"] for d in dumped] == ids
    for given, got in zip([seed_proposal, second], dumped):
        assert {k: v for k, v in got.items()
                if k not in ("id", "created_at", "updated_at")} == given


def test_dump_fed_back_with_ids_updates_in_place(tmp_path, db_path, seed_proposal):
    run("--db", db_path, "add", "proposal", write(tmp_path / "a.json", [seed_proposal]))
    dumped = json.loads(run("--db", db_path, "dump", "proposal").stdout)
    dumped[0]["status"] = "closed"
    result = run("--db", db_path, "add", "proposal", write(tmp_path / "b.json", dumped))
    assert result.returncode == 0 and result.stdout.split() == [dumped[0]["id"]]
    again = json.loads(run("--db", db_path, "dump", "proposal").stdout)
    assert len(again) == 1 and again[0]["status"] == "closed"


@pytest.mark.parametrize("content,expected", [
    ("not json", "不是有效的JSON：第1行第1列"),
    ('{"session": "x"}', "应为记录列表"),
    ('[{"session": "区政协六届一次会议", "number": 1, "title": "t"}]',
     "第1条记录：缺少必填项“提出人（委员）”（authors）"),
    ('[{"session": "s", "number": "一", "title": "t", "authors": ["a"]}]',
     "第1条记录：“编号”（number）：应为整数"),
    ('[{"session": "s", "number": 1, "title": "t", "authors": ["a"], "due_date": "2022-02-30"}]',
     "第1条记录：“办理期限”（due_date）：不是有效日期"),
])
def test_bad_input_exits_2_with_chinese_message_and_writes_nothing(tmp_path, db_path, content,
                                                                   expected):
    good = {"session": "s", "number": 99, "title": "good", "authors": ["a"]}
    run("--db", db_path, "add", "proposal", write(tmp_path / "good.json", [good]))
    path = tmp_path / "bad.json"
    path.write_text(content, "utf-8")
    result = run("--db", db_path, "add", "proposal", path)
    assert result.returncode == 2
    assert expected in result.stderr
    assert [r["number"] for r in json.loads(run("--db", db_path, "dump", "proposal").stdout)] == [99]


def test_duplicate_key_against_the_file_is_refused(tmp_path, db_path):
    rec = {"session": "s", "number": 1, "title": "t", "authors": ["a"]}
    run("--db", db_path, "add", "proposal", write(tmp_path / "a.json", [rec]))
    result = run("--db", db_path, "add", "proposal",
                 write(tmp_path / "b.json", [dict(rec, number=2), rec]))
    assert result.returncode == 2
    assert "第2条记录：s第1号提案已存在" in result.stderr
    assert len(json.loads(run("--db", db_path, "dump", "proposal").stdout)) == 1


def test_invalid_id_number_in_mediation_is_refused(tmp_path, db_path):
    case = {"case_number": "（2022）湛调字第15号", "committee": "阳光苑社区人民调解委员会",
            "accepted_date": "2022-03-01", "dispute_type": "邻里",
            "parties": [{"name": "张三", "id_number": "41040219800101123"}, {"name": "李四"}]}
    result = run("--db", db_path, "add", "mediation", write(tmp_path / "m.json", [case]))
    assert result.returncode == 2 and "应为18位，实为17位" in result.stderr


def test_profile_set_and_show(tmp_path, db_path, seed_profile):
    result = run("--db", db_path, "profile", "set", write(tmp_path / "p.json", seed_profile))
    assert result.returncode == 0, result.stderr
    shown = json.loads(run("--db", db_path, "profile", "show").stdout)
    assert shown["authority"] == "平顶山市湛河区司法局"
    assert shown["cc"]["proposal"] == ["区政协提案委（3份）", "区委区政府督查局（1份）"]
    bad = run("--db", db_path, "profile", "set", write(tmp_path / "q.json", {"doc_code": "x"}))
    assert bad.returncode == 2 and "发文机关全称" in bad.stderr


def test_fazhi_db_variable_and_default_location(tmp_path):
    env_db = tmp_path / "via-env.sqlite3"
    nothing = write(tmp_path / "nothing.json", [])
    assert run("add", "petition", nothing, env={"FAZHI_DB": str(env_db)}).returncode == 0
    assert env_db.exists()
    assert run("dump", "petition", env={"FAZHI_DB": str(env_db)}).returncode == 0
    home = tmp_path / "home"
    result = run("add", "petition", nothing, env={"HOME": str(home), "XDG_DATA_HOME": "",
                                                  "FAZHI_DB": ""})
    assert result.returncode == 0, result.stderr
    assert (home / ".local/share/fazhi-desktop/fazhi.sqlite3").exists()


def test_version_and_unknown_kind():
    assert run("--version").stdout.startswith("法治办公助手 ")
    result = run("--db", "x.sqlite3", "dump", "letters")
    assert result.returncode == 2 and "无效的选项" in result.stderr


def test_add_into_a_file_with_records_backs_it_up_first(tmp_path, db_path):
    from fazhi_desktop.core.backup import list_backups

    rec = {"session": "s", "number": 1, "title": "t", "authors": ["a"]}
    run("--db", db_path, "add", "proposal", write(tmp_path / "a.json", [rec]))
    assert [b for b in list_backups(db_path) if b.reason == "import"] == []
    run("--db", db_path, "add", "proposal", write(tmp_path / "b.json", [dict(rec, number=2)]))
    [backup] = [b for b in list_backups(db_path) if b.reason == "import"]
    assert backup.counts["proposal"] == 1  # the state before the second file landed


def test_help_speaks_chinese():
    text = run("--help").stdout
    assert text.startswith("用法：fazhi-desktop") and "显示本帮助并退出" in text
    assert "show this help" not in text and "options:" not in text
