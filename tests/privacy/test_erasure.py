"""Issue 20.4: a party's data can be erased from the data file once its retention period has passed:
no byte of the ID number, the name or the address is left in the file, its audit trail or its
write-ahead log, and the 操作记录 says how many records went."""
from __future__ import annotations

import copy
import datetime as _dt
from pathlib import Path

import pytest

from fazhi_desktop.core import drafts, erasure
from fazhi_desktop.core.errors import NotFound
from fazhi_desktop.core.registry import Registry
from tests.mediation.conftest import CASE, ZHANG_ID

SECRETS = [ZHANG_ID.encode(), "张三".encode("utf-8"), "阳光苑小区3号楼2单元501室".encode("utf-8"),
           "13837512345".encode()]


def file_bytes(db: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (db, Path(f"{db}-wal")) if p.exists())


def other_case() -> dict:
    case = copy.deepcopy(CASE)
    case.update(case_number="（2025）湛调字第3号", accepted_date="2025-03-01", closed_date="2025-03-20")
    case["parties"] = [
        {"role": "applicant", "name": "王五", "address": "湛河区南环路1号"},
        {"role": "respondent", "name": "赵六", "address": "湛河区南环路2号"}]
    return case


def test_an_expired_case_leaves_no_trace_in_the_data_file(tmp_path):
    db = tmp_path / "office.sqlite3"
    with Registry.open(db) as registry:
        old = registry.save("mediation", copy.deepcopy(CASE))
        edited = dict(old, facts=old["facts"] + "补充：张三再次来访。")
        registry.save("mediation", edited)
        kept = registry.save("mediation", other_case())
        drafts.save_draft(registry, "mediation", old["id"], {"parties": CASE["parties"]})
        registry.delete("mediation", old["id"])  # in the 回收站: erasure reaches it there too
        assert all(s in file_bytes(db) for s in SECRETS)

        due = erasure.mediation_cases_closed_before(registry, _dt.date(2023, 1, 1))
        assert due == [old["id"]]
        done = erasure.erase_records(registry, "mediation", due)
        assert done.records == 1 and done.drafts == 1 and done.audit_entries >= 3
        assert "备份" in done.describe()

        data = file_bytes(db)
        for secret in SECRETS:
            assert secret not in data, secret.decode("utf-8")
        assert registry.get("mediation", kept["id"])["parties"][0]["name"] == "王五"
        notes = [e for e in registry.audit_log() if e["action"] == "notice"]
        assert "彻底删除1条人民调解记录" in notes[0]["after"]["text"]
        history = registry.audit_log(record_id=old["id"])
        assert history and all(e["before"] is None for e in history)


def test_an_unknown_id_erases_nothing(tmp_path):
    with Registry.open(tmp_path / "office.sqlite3") as registry:
        case = registry.save("mediation", copy.deepcopy(CASE))
        with pytest.raises(NotFound, match="没有编号"):
            erasure.erase_records(registry, "mediation", [case["id"], "no-such-id"])
        assert registry.get("mediation", case["id"])["parties"][0]["id_number"] == ZHANG_ID


def test_cli_lists_then_erases_cases_closed_before_a_date(tmp_path):
    from tests.safety.conftest import run_cli

    db = tmp_path / "office.sqlite3"
    with Registry.open(db) as registry:
        old = registry.save("mediation", copy.deepcopy(CASE))
        registry.save("mediation", other_case())
    listed = run_cli("--db", db, "erase", "mediation", "--closed-before", "2023-01-01", "--dry-run")
    assert listed.returncode == 0 and old["id"] in listed.stdout and "将彻底删除1条" in listed.stdout
    assert ZHANG_ID.encode() in file_bytes(db)
    done = run_cli("--db", db, "erase", "mediation", "--closed-before", "2023-01-01")
    assert done.returncode == 0 and "已彻底删除1条记录" in done.stdout
    assert ZHANG_ID.encode() not in file_bytes(db)
    bad = run_cli("--db", db, "erase", "mediation", "--closed-before", "2023-13-01")
    assert bad.returncode == 2 and "日期“2023-13-01”无效" in bad.stderr


def test_an_erased_case_does_not_come_back_with_an_old_package(tmp_path):
    township = Registry.open(tmp_path / "township.sqlite3")
    district = Registry.open(tmp_path / "district.sqlite3")
    try:
        case = township.save("mediation", copy.deepcopy(CASE))
        package = tmp_path / "old.fzpkg"
        township.export_package(package, kinds=["mediation"], passphrase="口令口令口令口令")
        district.apply_package(district.plan_package(package, passphrase="口令口令口令口令"))
        assert district.count("mediation") == 1
        erasure.erase_records(district, "mediation", [case["id"]])
        again = district.plan_package(package, passphrase="口令口令口令口令")
        assert again.counts.get("新增", 0) == 0
        district.apply_package(again)
        assert district.count("mediation") == 0
        assert ZHANG_ID.encode() not in file_bytes(tmp_path / "district.sqlite3")
    finally:
        township.close()
        district.close()
