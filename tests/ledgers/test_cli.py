"""The ledger commands through a real process: exit codes 0/2 and the Chinese on stderr."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from openpyxl import load_workbook

from . import factory, messy
from .conftest import FIXTURES


def run(*args):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "fazhi_desktop", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)


def test_export_then_import_into_an_empty_file(tmp_path):
    source, target = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    (tmp_path / "m.json").write_text(json.dumps(factory.records_of("mediation", 5),
                                                ensure_ascii=False), "utf-8")
    assert run("--db", source, "add", "mediation", tmp_path / "m.json").returncode == 0
    out = tmp_path / "调解台账.xlsx"
    done = run("--db", source, "export", "mediation", "--out", out, "--year", "2022", "--unmasked")
    assert done.returncode == 0, done.stderr
    assert "已导出“2022年人民调解案件登记台账（含完整身份证号）”：5条" in done.stdout
    out = tmp_path / "调解台账（含完整身份证号）.xlsx"  # the clerk's name lacked the mark
    assert str(out) in done.stdout and out.exists()
    assert not (tmp_path / "调解台账.xlsx").exists()
    imported = run("--db", target, "import", "mediation", out)
    assert imported.returncode == 0, imported.stderr
    assert "新增5条" in imported.stdout
    dumped = json.loads(run("--db", target, "dump", "mediation").stdout)
    assert sorted(d["case_number"] for d in dumped) == sorted(
        r["case_number"] for r in factory.records_of("mediation", 5))


def test_refused_import_exits_2_with_the_problems_on_stderr(tmp_path):
    ledger = messy.make_messy_ledger(tmp_path / "messy.xlsx", count=150)
    result = run("--db", tmp_path / "a.sqlite3", "import", "proposal", ledger)
    assert result.returncode == 2
    assert "已拒绝，未写入任何内容" in result.stderr
    assert f"第{messy.row_of(137)}行I列（交办时间）：不是有效日期" in result.stderr
    counted = run("--db", tmp_path / "a.sqlite3", "dump", "proposal")
    assert json.loads(counted.stdout) == []


def test_dry_run_reports_and_writes_nothing(tmp_path):
    ledger = messy.make_messy_ledger(tmp_path / "messy.xlsx", count=150)
    result = run("--db", tmp_path / "a.sqlite3", "import", "proposal", ledger, "--dry-run")
    assert result.returncode == 2
    assert "检查完成（未写入）" in result.stdout and "149行无误，1行有问题" in result.stdout  # row 402 lies beyond 150
    assert not (tmp_path / "a.sqlite3").exists()  # a check only reads: no data file was made


def test_keep_good_imports_the_rest_and_writes_the_bad_rows(tmp_path):
    ledger = messy.make_messy_ledger(tmp_path / "messy.xlsx", count=500)
    bad = tmp_path / "BAD.xlsx"
    result = run("--db", tmp_path / "a.sqlite3", "import", "proposal", ledger, "--keep-good", bad)
    assert result.returncode == 0, result.stderr
    assert "新增498条" in result.stdout and "以下2行未导入" in result.stderr
    rows = list(load_workbook(bad).active.iter_rows(min_row=3, values_only=True))
    assert [r[-2] for r in rows] == [messy.row_of(137), messy.row_of(402)]
    again = run("--db", tmp_path / "a.sqlite3", "import", "proposal", ledger, "--keep-good", bad)
    assert again.returncode == 0 and "新增0条" in again.stdout  # 498 existing: all problems now
    skip = run("--db", tmp_path / "a.sqlite3", "import", "proposal", ledger, "--keep-good", bad,
               "--existing", "skip")
    assert "跳过498条" in skip.stdout


def test_bad_file_exits_2_with_a_chinese_sentence(tmp_path):
    result = run("--db", tmp_path / "a.sqlite3", "import", "proposal", FIXTURES / "old_format.xls")
    assert result.returncode == 2
    assert "这是旧版Excel工作簿（.xls）" in result.stderr and "Traceback" not in result.stderr


def test_template_is_a_blank_ledger_the_import_recognises(tmp_path):
    out = tmp_path / "模板.xlsx"
    assert run("template", "proposal", "--out", out).returncode == 0
    ws = load_workbook(out).active
    assert [c.value for c in ws[2]][:4] == ["届次（必填）", "编号（必填）", "案由（必填）", "提案人（必填）"]
    assert any("待办理,办理中,已答复,已办结" in (dv.formula1 or "")
               for dv in ws.data_validations.dataValidation)
    ws["A3"], ws["B3"], ws["C3"], ws["D3"] = "区政协六届一次会议", 1, "关于", "胡校丽"
    ws.parent.save(out)
    result = run("--db", tmp_path / "a.sqlite3", "import", "proposal", out)
    assert result.returncode == 0 and "新增1条" in result.stdout
