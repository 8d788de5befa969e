"""The merge engine on its own: the decision rules, deletions (to the 回收站, and for good),
conflicts settled either way, a preview that writes nothing, a cancel that leaves the file."""
from __future__ import annotations

import pytest

from fazhi_desktop.core.exchange.merge import (CONFLICT, DELETED, NEW, UNCHANGED, UPDATED,
                                               decide)
from fazhi_desktop.core.registry import Registry

from .conftest import PASSPHRASE, case, case_state, file_state

T = "11111111-1111-4111-8111-111111111111"
D = "22222222-2222-4222-8222-222222222222"


def v(counter, office):
    return f"{counter:08d}-{office}"


@pytest.mark.parametrize("local, remote, expected", [
    (None, {"version": v(1, T)}, NEW),
    (None, {"version": v(2, T), "deleted_at": "2022-05-01"}, DELETED),   # kept in the bin
    ((v(1, T), v(1, T), None), {"version": v(1, T)}, UNCHANGED),        # same package again
    ((v(2, T), v(2, T), None), {"version": v(1, T)}, UNCHANGED),        # an older package
    ((v(1, T), v(1, T), None), {"version": v(2, T)}, UPDATED),          # changed there only
    ((v(1, T), v(1, T), None), {"version": v(2, T), "deleted_at": "x"}, DELETED),
    ((v(2, D), v(1, T), None), {"version": v(2, T)}, CONFLICT),         # changed on both sides
    ((v(2, D), v(1, T), None), {"version": v(1, T)}, UNCHANGED),        # changed here only
    ((v(3, D), None, None), {"version": v(4, T), "merged_version": v(3, D)}, UPDATED),
    ((v(3, D), None, None), {"version": v(2, D)}, UNCHANGED),           # our own edit, relayed
])
def test_decisions(local, remote, expected):
    assert decide(local, remote, D) == expected


def test_a_tombstone_keeps_an_old_package_from_bringing_a_record_back():
    assert decide(None, {"version": v(1, T)}, D, tombstone=v(3, T)) == UNCHANGED
    assert decide(None, {"version": v(4, T)}, D, tombstone=v(3, T)) == NEW


def _send(sender, receiver, out, **kw):
    with Registry.open(sender["path"]) as reg:
        reg.export_package(out, passphrase=PASSPHRASE, **kw)
    with Registry.open(receiver["path"]) as reg:
        plan = reg.plan_package(out, passphrase=PASSPHRASE)
        reg.apply_package(plan)
        return plan


def test_the_preview_writes_nothing_and_a_cancel_leaves_the_file_as_it_was(offices):
    cao, district, out = offices["cao"], offices["district"], offices["dir"] / "p.fzpkg"
    with Registry.open(cao["path"]) as reg:
        reg.export_package(out, passphrase=PASSPHRASE)
    before = file_state(district["path"])
    with Registry.open(district["path"]) as reg:
        plan = reg.plan_package(out, passphrase=PASSPHRASE)
        assert plan.counts == {"新增": 5, "更新": 0, "未变": 0, "删除": 0, "冲突": 0}
        assert plan.office == {"id": cao["office_id"], "name": "曹镇乡司法所"}
        with pytest.raises(InterruptedError):
            reg.apply_package(plan, cancelled=lambda: True)
    assert file_state(district["path"]) == before


def test_deleted_for_good_there_goes_to_the_bin_here_and_stays_deleted(offices):
    cao, district, tmp = offices["cao"], offices["district"], offices["dir"]
    _send(cao, district, tmp / "1.fzpkg")
    gone = cao["ids"][0]
    with Registry.open(cao["path"]) as reg:
        reg.delete("mediation", gone)
        reg.purge("mediation", gone)
    plan = _send(cao, district, tmp / "2.fzpkg")
    assert plan.counts["删除"] == 1
    with Registry.open(district["path"]) as reg:
        assert [e["record"]["id"] for e in reg.recycle_bin()] == [gone]
        reg.purge("mediation", gone)  # the district empties its bin too
    state = case_state(district["path"])
    with Registry.open(district["path"]) as reg:  # the first package, re-sent
        plan = reg.plan_package(tmp / "1.fzpkg", passphrase=PASSPHRASE)
        assert plan.counts["新增"] == 0
        reg.apply_package(plan)
    assert case_state(district["path"]) == state


def test_a_case_deleted_and_its_number_given_to_a_new_case_merges_without_collision(offices):
    cao, district, tmp = offices["cao"], offices["district"], offices["dir"]
    _send(cao, district, tmp / "1.fzpkg")
    with Registry.open(cao["path"]) as reg:
        reg.delete("mediation", cao["ids"][0])
        reg.save("mediation", case("曹镇乡", 1, facts="重新登记"))
    plan = _send(cao, district, tmp / "2.fzpkg")
    assert (plan.counts["新增"], plan.counts["删除"]) == (1, 1)


def test_keeping_the_local_version_settles_it_for_good(offices):
    cao, district, tmp = offices["cao"], offices["district"], offices["dir"]
    _send(cao, district, tmp / "1.fzpkg")
    rid = cao["ids"][0]
    for office, text in ((district, "区里"), (cao, "乡里")):
        with Registry.open(office["path"]) as reg:
            reg.save("mediation", dict(reg.get("mediation", rid), facts=text))
    plan = _send(cao, district, tmp / "2.fzpkg")
    assert plan.conflicts == [{"kind": "mediation", "id": rid, "summary": "案件（2022）调字第001号"}]
    with Registry.open(district["path"]) as reg:
        [conflict] = reg.conflicts()
        assert conflict["office"] == "曹镇乡司法所"
        assert (conflict["local"]["facts"], conflict["remote"]["facts"]) == ("区里", "乡里")
        kept = reg.resolve_conflict(rid, "local")
        assert kept["facts"] == "区里" and reg.conflicts() == []
        assert reg.plan_package(tmp / "2.fzpkg", passphrase=PASSPHRASE).counts["冲突"] == 0
        from fazhi_desktop.core.audit_view import entry_summary

        newest = reg.audit_log(record_id=rid)[0]
        assert newest["action"] == "resolve"
        assert entry_summary(newest) == "处理冲突：案件（2022）调字第001号，保留本机版本（对方：曹镇乡司法所）"


def test_the_audit_trail_shows_each_merged_record_and_the_package(offices):
    from fazhi_desktop.core.audit_view import entry_summary, kind_word

    plan = _send(offices["cao"], offices["district"], offices["dir"] / "1.fzpkg")
    with Registry.open(offices["district"]["path"]) as reg:
        entries = reg.audit_log(limit=10)
    assert entries[0]["action"] == "merge" and kind_word(entries[0]["kind"]) == "数据包"
    assert entry_summary(entries[0]).startswith("导入曹镇乡司法所的数据包")
    assert plan.counts_text() in entry_summary(entries[0])
    created = [e for e in entries if e["record_id"] == offices["cao"]["ids"][0]]
    assert [e["action"] for e in created] == ["create"]
    assert entry_summary(created[0]).startswith("（2022）调字第001号 曹镇乡人民调解委员会")


def test_a_package_with_a_bad_record_is_refused_naming_it(offices, tmp_path):
    import json

    from fazhi_desktop.core.errors import ValidationError
    from fazhi_desktop.core.exchange.package import write_package

    with Registry.open(offices["cao"]["path"]) as reg:
        items = reg.dump("mediation")
    for item in items:
        item.update(deleted_at=None)
    items[1]["parties"][0]["id_number"] = "410411198005170000"  # a wrong check digit
    out = tmp_path / "bad.fzpkg"
    write_package(out, {"package_id": "p", "office": {"id": offices["cao"]["office_id"],
                                                      "name": "曹镇乡司法所"},
                        "kinds": ["mediation"], "created_at": "2026-12-01T09:00:00+08:00"},
                  {"records/mediation.json": json.dumps(items, ensure_ascii=False).encode()})
    before = file_state(offices["district"]["path"])
    with Registry.open(offices["district"]["path"]) as reg:
        with pytest.raises(ValidationError) as refused:
            reg.plan_package(out)
    assert "人民调解第2条记录" in str(refused.value) and "身份证号码" in str(refused.value)
    assert file_state(offices["district"]["path"]) == before


def test_deleted_there_and_edited_here_is_a_conflict_and_keeping_theirs_bins_it(offices):
    cao, district, tmp = offices["cao"], offices["district"], offices["dir"]
    _send(cao, district, tmp / "1.fzpkg")
    rid = cao["ids"][3]
    with Registry.open(district["path"]) as reg:
        reg.save("mediation", dict(reg.get("mediation", rid), facts="区里补充"))
    with Registry.open(cao["path"]) as reg:
        reg.delete("mediation", rid)
        reg.export_package(tmp / "2.fzpkg", passphrase=PASSPHRASE)
    with Registry.open(district["path"]) as reg:
        plan = reg.plan_package(tmp / "2.fzpkg", passphrase=PASSPHRASE)
        assert [(c["id"], c["change"]) for c in plan.changes] == [(rid, "冲突")]
        reg.apply_package(plan)
        assert reg.get("mediation", rid)["facts"] == "区里补充"  # still live here
        [conflict] = reg.conflicts()
        assert conflict["fields"][-1]["label"] == "已删除（回收站）"
        reg.resolve_conflict(rid, "remote")
        assert [e["record"]["id"] for e in reg.recycle_bin()] == [rid]
        restored = reg.restore("mediation", rid)
        assert restored["id"] == rid


def test_a_package_with_one_id_twice_is_refused(offices, tmp_path):
    import json

    from fazhi_desktop.core.errors import ValidationError
    from fazhi_desktop.core.exchange.package import write_package

    with Registry.open(offices["cao"]["path"]) as reg:
        items = reg.dump("mediation")
    items.append(dict(items[0], case_number="（2022）调字第099号"))
    out = tmp_path / "twice.fzpkg"
    write_package(out, {"package_id": "p", "office": {"id": offices["cao"]["office_id"],
                                                      "name": "曹镇乡司法所"},
                        "kinds": ["mediation"], "created_at": "2026-12-01T09:00:00+08:00"},
                  {"records/mediation.json": json.dumps(items, ensure_ascii=False).encode()})
    with Registry.open(offices["district"]["path"]) as reg:
        with pytest.raises(ValidationError, match="人民调解第5条记录：记录编号（id）与第1条相同"):
            reg.plan_package(out)


def test_a_package_of_one_year_and_kind_carries_only_those_and_removes_nothing_else(offices):
    cao, district, tmp = offices["cao"], offices["district"], offices["dir"]
    with Registry.open(cao["path"]) as reg:
        old = reg.save("mediation", case("曹镇乡", 9, accepted="2021-11-30",
                                         case_number="（2021）调字第009号"))["id"]
    _send(cao, district, tmp / "all.fzpkg")
    with Registry.open(cao["path"]) as reg:
        manifest = reg.export_package(tmp / "2022.fzpkg", kinds=["mediation"], year=2022,
                                      passphrase=PASSPHRASE)
    assert manifest["counts"] == {"mediation": {"records": 4, "deleted": 0}}
    assert (manifest["kinds"], manifest["year"]) == (["mediation"], 2022)
    with Registry.open(district["path"]) as reg:
        plan = reg.plan_package(tmp / "2022.fzpkg", passphrase=PASSPHRASE)
        assert sum(plan.counts.values()) == 4 and plan.counts["未变"] == 4
        reg.apply_package(plan)
        assert reg.get("mediation", old)["accepted_date"] == "2021-11-30"  # not in it, kept
        assert reg.count("petition") == 1


def test_after_restoring_an_old_backup_the_districts_newer_versions_show_as_conflicts(offices):
    import shutil

    cao, district, tmp = offices["cao"], offices["district"], offices["dir"]
    _send(cao, district, tmp / "1.fzpkg")
    shutil.copy(cao["path"], tmp / "backup.sqlite3")  # closed and checkpointed: a whole copy
    rid = cao["ids"][0]
    with Registry.open(cao["path"]) as reg:
        reg.save("mediation", dict(reg.get("mediation", rid), facts="恢复前的修改"))
    _send(cao, district, tmp / "2.fzpkg")
    shutil.copy(tmp / "backup.sqlite3", cao["path"])  # the township restores the old copy
    with Registry.open(district["path"]) as reg:
        reg.export_package(tmp / "district.fzpkg", passphrase=PASSPHRASE)
    with Registry.open(cao["path"]) as reg:
        plan = reg.plan_package(tmp / "district.fzpkg", passphrase=PASSPHRASE)
        assert [c["id"] for c in plan.conflicts] == [rid]
        reg.apply_package(plan)
        reg.resolve_conflict(rid, "remote")
        assert reg.get("mediation", rid)["facts"] == "恢复前的修改"
