"""What the clerk sees before a merge (the public preview the 数据交换 page lists) and the
verified backup every merge that writes into a file holding records makes first, whichever way
it is started (command line or window)."""
from __future__ import annotations

import sqlite3

from fazhi_desktop.core.backup import list_backups
from fazhi_desktop.core.registry import Registry

from .conftest import PASSPHRASE, run


def _export(office, out, **kw):
    with Registry.open(office["path"]) as reg:
        reg.export_package(out, passphrase=PASSPHRASE, **kw)
    return out


def _import_backups(path):
    return [b for b in list_backups(path, with_counts=False) if b.reason == "import"]


def test_the_preview_lists_each_record_that_changes_and_follows_the_file(offices):
    cao, district, tmp = offices["cao"], offices["district"], offices["dir"]
    first = _export(cao, tmp / "1.fzpkg", kinds=["mediation"])
    with Registry.open(district["path"]) as reg:
        plan = reg.plan_package(first, passphrase=PASSPHRASE)
        rows = reg.preview_package(plan)
        assert [(r["kind_label"], r["change"]) for r in rows] == [("人民调解", "新增")] * 4
        assert rows[0]["text"] == "（2022）调字第001号 曹镇乡人民调解委员会"
        assert rows[0]["summary"] == "案件（2022）调字第001号" and rows[0]["id"] == cao["ids"][0]
        assert reg.count("mediation") == 1  # the district's own case: nothing written
        reg.apply_package(plan)
        # The same plan previewed again against the file as it now is: nothing left to change.
        assert reg.preview_package(plan) == [] and plan.counts["未变"] == 4
    with Registry.open(cao["path"]) as reg:
        reg.save("mediation", dict(reg.get("mediation", cao["ids"][1]), facts="补充事实"))
        reg.delete("mediation", cao["ids"][2])
    second = _export(cao, tmp / "2.fzpkg", kinds=["mediation"])
    with Registry.open(district["path"]) as reg:
        rows = reg.preview_package(reg.plan_package(second, passphrase=PASSPHRASE))
    # deletions are listed first (the merge applies them first)
    assert [(r["id"], r["change"]) for r in rows] == [(cao["ids"][2], "删除"),
                                                     (cao["ids"][1], "更新")]


def test_a_merge_into_a_file_with_records_is_backed_up_first(offices):
    cao, yao, district, tmp = offices["cao"], offices["yao"], offices["district"], offices["dir"]
    package = _export(cao, tmp / "cao.fzpkg")
    assert _import_backups(district["path"]) == []
    with Registry.open(district["path"]) as reg:  # the way the 数据交换 page merges
        reg.apply_package(reg.plan_package(package, passphrase=PASSPHRASE))
    [backup] = _import_backups(district["path"])
    assert backup.path.name.endswith("-导入前.sqlite3")
    conn = sqlite3.connect(f"file:{backup.path}?mode=ro", uri=True)
    try:  # the file as it was: the district's own case, none of the township's
        assert conn.execute("SELECT count(*) FROM mediation").fetchone()[0] == 1
    finally:
        conn.close()
    # the same package again changes nothing, and costs no backup
    with Registry.open(district["path"]) as reg:
        reg.apply_package(reg.plan_package(package, passphrase=PASSPHRASE))
    assert len(_import_backups(district["path"])) == 1
    # the command line makes it the same way
    result = run("--db", district["path"], "package", "import", _export(yao, tmp / "yao.fzpkg"),
                 "--passphrase-file", offices["passfile"])
    assert result.returncode == 0, result.stderr
    assert len(_import_backups(district["path"])) == 2
