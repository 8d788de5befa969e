"""Saving, reading back, the audit trail and the recycle bin, as a clerk relies on them."""
from __future__ import annotations

import pytest

from fazhi_desktop.core.errors import NotFound, ValidationError

BASE = {"session": "区人大十届一次会议", "number": 5, "title": "关于完善社区调解室的建议",
        "authors": ["李明", "王芳"], "assigned_date": "2022-11-30"}


def test_seed_reply_saved_and_read_back_field_for_field(registry, seed_proposal):
    stored = registry.save("proposal", seed_proposal)
    again = registry.get("proposal", stored["id"])
    for key, value in seed_proposal.items():
        assert again[key] == value
    assert set(again) - set(seed_proposal) == {"id", "created_at", "updated_at", "office_id", "version"}


def test_due_date_defaults_to_three_months_after_assignment(registry):
    stored = registry.save("suggestion", BASE)
    row = registry.store.conn.execute(
        "SELECT due_date, status FROM suggestion WHERE id = ?", (stored["id"],)).fetchone()
    assert row == ("2023-02-28", "pending")  # 11-30 + 3 months, clamped to February's end
    assert "due_date" not in registry.get("suggestion", stored["id"])  # nothing invented


def test_update_keeps_id_and_creation_time_and_audits_before_and_after(registry):
    first = registry.save("suggestion", BASE)
    second = registry.save("suggestion", dict(first, title="关于完善社区调解室建设的建议"))
    assert second["id"] == first["id"] and second["created_at"] == first["created_at"]
    log = registry.audit_log(record_id=first["id"])
    assert [e["action"] for e in log] == ["update", "create"]
    assert log[0]["before"]["title"] == BASE["title"]
    assert log[0]["after"]["title"] == "关于完善社区调解室建设的建议"
    assert log[1]["before"] is None


def test_duplicate_key_is_refused_and_nothing_written(registry):
    registry.save("suggestion", BASE)
    with pytest.raises(ValidationError) as info:
        registry.save("suggestion", dict(BASE, title="另一条"))
    assert "区人大十届一次会议第5号建议已存在" in str(info.value)
    assert registry.count("suggestion") == 1


def test_same_number_in_another_kind_or_session_is_fine(registry):
    registry.save("suggestion", BASE)
    registry.save("proposal", BASE)
    registry.save("suggestion", dict(BASE, session="区人大十届二次会议"))
    assert registry.count("suggestion") == 2


def test_delete_moves_to_recycle_bin_and_restore_brings_it_back(registry):
    stored = registry.save("suggestion", BASE)
    registry.delete("suggestion", stored["id"])
    assert registry.dump("suggestion") == []
    with pytest.raises(NotFound):
        registry.get("suggestion", stored["id"])
    bin_ = registry.recycle_bin()
    assert [e["record"]["id"] for e in bin_] == [stored["id"]]
    assert "第5号建议" in bin_[0]["summary"]
    registry.restore("suggestion", stored["id"])
    assert registry.get("suggestion", stored["id"])["title"] == BASE["title"]
    assert [e["action"] for e in registry.audit_log(record_id=stored["id"])] == [
        "restore", "delete", "create"]


def test_restore_refused_when_the_key_was_reused(registry):
    old = registry.save("suggestion", BASE)
    registry.delete("suggestion", old["id"])
    registry.save("suggestion", dict(BASE, title="重新登记"))
    with pytest.raises(ValidationError) as info:
        registry.restore("suggestion", old["id"])
    assert "已被另一条记录使用" in str(info.value)
    assert len(registry.recycle_bin()) == 1


def test_deleted_key_can_be_registered_again(registry):
    old = registry.save("suggestion", BASE)
    registry.delete("suggestion", old["id"])
    registry.save("suggestion", BASE)
    assert registry.count("suggestion") == 1


def test_empty_recycle_bin_deletes_for_good_with_audit(registry):
    a = registry.save("suggestion", BASE)
    registry.delete("suggestion", a["id"])
    assert registry.empty_recycle_bin() == 1
    assert registry.recycle_bin() == []
    assert registry.audit_log(record_id=a["id"])[0]["action"] == "purge"


def test_add_many_is_all_or_nothing(registry):
    good = dict(BASE)
    bad = dict(BASE, number=6, assigned_date="2022-13-01")
    with pytest.raises(ValidationError) as info:
        registry.add_many("suggestion", [good, bad])
    assert info.value.problems[0].startswith("第2条记录")
    assert registry.count("suggestion") == 0


def test_add_many_cancelled_half_way_writes_nothing(registry):
    items = [dict(BASE, number=n) for n in range(1, 11)]
    seen = []

    def cancelled():
        return len(seen) >= 5

    with pytest.raises(InterruptedError):
        registry.add_many("suggestion", items, progress=lambda d, t: seen.append(d),
                          cancelled=cancelled)
    assert registry.count("suggestion") == 0


def test_add_with_known_id_updates_instead_of_duplicating(registry):
    [rid] = registry.add_many("suggestion", [BASE])
    [again] = registry.add_many("suggestion", [dict(BASE, id=rid, title="改过的标题")])
    assert again == rid
    assert [r["title"] for r in registry.dump("suggestion")] == ["改过的标题"]


def test_exchange_package_keeps_foreign_ids(registry):
    rid = "0f8fad5b-d9cb-469f-a165-70867728950e"
    assert registry.add_many("suggestion", [dict(BASE, id=rid)]) == [rid]


def test_profile_defaults_and_round_trip(registry, seed_profile):
    assert not registry.has_profile()
    assert registry.profile()["fonts"]["body"] == "仿宋_GB2312"
    registry.set_profile(seed_profile)
    profile = registry.profile()
    assert profile["doc_code"] == "平湛司" and profile["fonts"]["title"] == "方正小标宋简体"
    assert registry.stored_profile() == seed_profile


def test_a_note_is_kept_in_the_audit_trail_and_reads_as_its_text(tmp_path):
    """Outputs with unmasked personal data and the program's own actions show in 操作记录."""
    from fazhi_desktop.core.audit_view import ACTION_WORDS, entry_summary
    from fazhi_desktop.core.registry import Registry

    with Registry.open(tmp_path / "d.sqlite3") as registry:
        registry.note("export", kind="mediation", detail={"text": "导出含完整身份证号的台账",
                                                         "path": "/tmp/a.xlsx"})
        entry = registry.audit_log()[0]
    assert entry["action"] == "export" and ACTION_WORDS["export"] == "导出个人信息"
    assert entry_summary(entry) == "导出含完整身份证号的台账"
