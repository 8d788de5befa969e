"""The export reads only the fields its ledger shows (issue 16: a reply's body is no longer
parsed for a ledger that does not show it). What it writes must be exactly what writing the
ledger from whole records gives, for every kind, masked or not."""
from __future__ import annotations

import zipfile

import pytest

from fazhi_desktop.ledgers import export
from tests.ledgers.factory import records_of


def _sheet_xml(path) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml") + z.read("xl/styles.xml")


@pytest.mark.parametrize("kind", ["proposal", "suggestion", "mediation"])
@pytest.mark.parametrize("masked", [True, False])
def test_picked_fields_write_the_same_ledger_as_whole_records(office, tmp_path, kind, masked):
    items = records_of(kind, 40)
    for item in items:  # a long text the ledger does not show must not matter either
        if kind != "mediation":
            item["reply"] = dict(item.get("reply") or {}, body="答复正文。" * 500)
    office.add_many(kind, items)
    picked = export.export_ledger(office, kind, tmp_path / "picked.xlsx", masked=masked)
    whole = tmp_path / "whole.xlsx"
    title = export.ledger_title(office, kind, None, masked=masked)
    export.write_ledger(whole, kind, title, export.iter_records(office, kind, None),
                        masked=masked, total=40,
                        sample=list(export.iter_records(office, kind, None)),
                        office=export.office_name(office))
    assert picked.rows == 40
    assert _sheet_xml(picked.path) == _sheet_xml(whole)


def test_picked_records_hold_only_the_ledger_fields(office):
    office.add_many("proposal", records_of("proposal", 3))
    fields = export.ledger_fields("proposal")
    record = next(export.iter_records(office, "proposal", None, fields=fields))
    assert "reply" in record and set(record["reply"]) == {"date", "doc_number"}
    assert "communications" not in record
    assert record["id"] and record["version"]
