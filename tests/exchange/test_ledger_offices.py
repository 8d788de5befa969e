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
