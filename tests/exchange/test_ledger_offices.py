"""The Excel ledger of a district that holds several offices' records: the ledger has no 单位
column to tell two townships' case （2022）调字第001号 apart, so importing it back is refused
with the rows named (nothing merged into the wrong record); packages are the way to move them."""
from __future__ import annotations

import pytest

from fazhi_desktop.core.registry import Registry
from fazhi_desktop.ledgers.export import export_ledger
from fazhi_desktop.ledgers.importer import ImportRefused, import_ledger

from .conftest import PASSPHRASE


def test_same_case_number_of_two_offices_is_refused_not_merged(offices, tmp_path):
    district = offices["district"]
    for township in (offices["cao"], offices["yao"]):
        out = tmp_path / f"{township['office_id']}.fzpkg"
        with Registry.open(township["path"]) as reg:
            reg.export_package(out, kinds=["mediation"], passphrase=PASSPHRASE)
        with Registry.open(district["path"]) as reg:
            reg.apply_package(reg.plan_package(out, passphrase=PASSPHRASE))
    ledger = tmp_path / "district.xlsx"
    with Registry.open(district["path"]) as reg:
        ledger = export_ledger(reg, "mediation", ledger, masked=False, year=2022).path
    with Registry.open(tmp_path / "copy.sqlite3") as copy:
        with pytest.raises(ImportRefused, match="案件（2022）调字第001号与第3行重复"):
            import_ledger(copy, "mediation", ledger)
        assert copy.count("mediation") == 0


def test_a_ledger_imported_into_another_file_keeps_each_records_office_and_version(offices,
                                                                                   tmp_path):
    """Issue 15.1: a record's office and version are kept through the Excel import too (the
    ledger's hidden last columns), as through `add` and packages."""
    cao = offices["cao"]
    with Registry.open(cao["path"]) as reg:
        reg.save("mediation", dict(reg.get("mediation", cao["ids"][0]), facts="更正后的事实"))
        ledger = export_ledger(reg, "mediation", tmp_path / "曹镇乡.xlsx", masked=False).path
        sent = {r["id"]: (r["office_id"], r["version"]) for r in reg.dump("mediation")}
    with Registry.open(tmp_path / "other.sqlite3") as other:
        import_ledger(other, "mediation", ledger)
        kept = {r["id"]: (r["office_id"], r["version"]) for r in other.dump("mediation")}
        assert other.office_id != cao["office_id"]
    assert kept == sent and sent[cao["ids"][0]][1].startswith("00000002-")
