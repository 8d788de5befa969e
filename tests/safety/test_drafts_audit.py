"""Drafts survive a crash and are offered back; the audit trail answers 'who changed what, when';
the recycle bin is emptied only when the clerk asks."""
from __future__ import annotations

import datetime as dt
import signal
import subprocess
import sys

import pytest

from fazhi_desktop.core import drafts
from fazhi_desktop.core.registry import Registry
from .conftest import proposal


def test_a_draft_is_kept_replaced_and_discarded(registry):
    saved = registry.save("proposal", proposal(1))
    drafts.save_draft(registry, "proposal", saved["id"], dict(saved, title="改了一半的标题"))
    drafts.save_draft(registry, "proposal", saved["id"], dict(saved, title="改了一大半的标题"))
    drafts.save_draft(registry, "proposal", None, {"title": "新登记还没保存"})
    found = {(d.kind, d.record_id): d for d in drafts.load_drafts(registry)}
    assert found[("proposal", saved["id"])].data["title"] == "改了一大半的标题"
    assert found[("proposal", "")].is_new
    assert drafts.load_draft(registry, "proposal", None).data["title"] == "新登记还没保存"
    drafts.discard_draft(registry, "proposal", saved["id"])
    assert [d.record_id for d in drafts.load_drafts(registry)] == [""]
    assert registry.get("proposal", saved["id"])["title"] == "关于加强法治政府建设的提案"
    assert registry.audit_log(record_id=saved["id"])[0]["action"] == "create"  # drafts not audited


def test_a_draft_older_than_the_saved_record_is_marked_stale(registry):
    saved = registry.save("proposal", proposal(1))
    drafts.save_draft(registry, "proposal", saved["id"], dict(saved, title="旧草稿"))
    registry.store.conn.execute("UPDATE draft SET saved_at = '2000-01-01T00:00:00+08:00'")
    registry.save("proposal", dict(saved, title="后来正式保存的标题"))
    (draft,) = drafts.load_drafts(registry)
    assert draft.stale


@pytest.mark.skipif(sys.platform.startswith("win"), reason="SIGKILL is POSIX")
def test_a_draft_typed_before_a_crash_is_offered_at_the_next_start(db_path):
    code = ("import sys, time\n"
            "from fazhi_desktop.core.registry import Registry\n"
            "from fazhi_desktop.core.drafts import save_draft\n"
            "r = Registry.open(sys.argv[1])\n"
            "save_draft(r, 'mediation', None, {'facts': '双方因宅基地边界发生纠纷'})\n"
            "print('drafted', flush=True)\n"
            "time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", code, str(db_path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "drafted"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    with Registry.open(db_path) as registry:
        (draft,) = drafts.load_drafts(registry)
        assert draft.kind == "mediation" and draft.data["facts"] == "双方因宅基地边界发生纠纷"


def test_the_audit_trail_filters_by_record_and_by_day(registry):
    a = registry.save("proposal", proposal(1, "第一件"))
    b = registry.save("proposal", proposal(2, "第二件"))
    registry.save("proposal", dict(a, title="第一件（已修改）"))
    registry.delete("proposal", b["id"])
    trail = registry.audit_log(record_id=a["id"])
    assert [e["action"] for e in trail] == ["update", "create"]
    assert trail[0]["before"]["title"] == "第一件" and trail[0]["after"]["title"] == "第一件（已修改）"
    today = dt.date.today().isoformat()
    assert {e["record_id"] for e in registry.audit_log(day=today)} == {a["id"], b["id"]}
    assert registry.audit_log(day="2001-01-01") == []
    assert [e["action"] for e in registry.audit_log(record_id=b["id"], day=today)] == ["delete", "create"]


def test_the_recycle_bin_keeps_records_until_the_clerk_empties_it(db_path):
    with Registry.open(db_path) as registry:
        kept = registry.save("proposal", proposal(1))
        gone = [registry.save("proposal", proposal(n))["id"] for n in (2, 3)]
        for rid in gone:
            registry.delete("proposal", rid)
    for _ in range(2):  # closing and reopening (a new day, a restart) empties nothing
        with Registry.open(db_path) as registry:
            assert {e["record"]["id"] for e in registry.recycle_bin()} == set(gone)
    with Registry.open(db_path) as registry:
        assert registry.empty_recycle_bin() == 2
        assert registry.recycle_bin() == []
        assert [r["id"] for r in registry.dump("proposal")] == [kept["id"]]
        for rid in gone:
            assert registry.audit_log(record_id=rid)[0]["action"] == "purge"
        assert registry.empty_recycle_bin() == 0
