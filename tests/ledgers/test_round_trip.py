"""Export a register, import the workbook into an empty data file: the same records come back."""
from __future__ import annotations

import pytest

from fazhi_desktop.ledgers.columns import PARTY_ROLES, data_columns
from fazhi_desktop.ledgers.export import export_ledger
from fazhi_desktop.ledgers.importer import ImportRefused, import_ledger

from . import factory

COUNTS = {"proposal": 40, "suggestion": 25, "mediation": 30, "petition": 48}


def ledger_view(kind: str, record: dict) -> dict:
    """The part of a record a ledger carries (the reply text, communications and a party's
    address are not ledger columns)."""
    keep = {c.key.split(".")[0] for c in data_columns(kind)}
    view = {}
    for key, value in record.items():
        if key in ("reply", "agreement"):
            sub = {k: v for k, v in value.items()
                   if f"{key}.{k}" in {c.key for c in data_columns(kind)}}
            if sub:
                view[key] = sub
        elif key == "parties":
            view[key] = [{k: v for k, v in p.items() if k in ("role", "name", "id_number", "phone")}
                         for p in value]
        elif key in keep and key not in PARTY_ROLES:
            view[key] = value
    return view


def stored(registry, kind):
    return sorted((ledger_view(kind, {k: v for k, v in r.items()
                                      if k not in ("id", "created_at", "updated_at")})
                   for r in registry.dump(kind)), key=repr)


@pytest.mark.parametrize("kind", ["proposal", "suggestion", "mediation", "petition"])
def test_unmasked_export_imports_back_as_the_same_records(kind, office, empty_registry, tmp_path):
    office.add_many(kind, factory.records_of(kind, COUNTS[kind]))
    out = tmp_path / f"{kind}.xlsx"
    export_ledger(office, kind, out, masked=False, year=2022)
    report = import_ledger(empty_registry, kind, out)
    assert report.problems == []
    assert report.created == COUNTS[kind]
    assert stored(empty_registry, kind) == stored(office, kind)


def test_seed_reply_keeps_document_number_and_date_through_the_ledger(office, empty_registry,
                                                                        seed_proposal, tmp_path):
    office.save("proposal", seed_proposal)
    export_ledger(office, "proposal", tmp_path / "p.xlsx")
    import_ledger(empty_registry, "proposal", tmp_path / "p.xlsx")
    back = empty_registry.dump("proposal")[0]
    assert back["reply"] == {"doc_number": "平湛司〔2022〕26号", "date": "2022-08-08"}
    assert back["assigned_date"] == "2022-05-10" and "due_date" not in back
    assert back["result_class"] == "A" and back["status"] == "replied"


def test_masked_mediation_ledger_is_refused_naming_the_hidden_id_numbers(office, empty_registry,
                                                                          tmp_path):
    office.add_many("mediation", factory.records_of("mediation", 3))
    export_ledger(office, "mediation", tmp_path / "m.xlsx")  # masked: the default
    with pytest.raises(ImportRefused) as refused:
        import_ledger(empty_registry, "mediation", tmp_path / "m.xlsx")
    text = "\n".join(refused.value.problems)
    assert "第3行" in text and "（申请人身份证号）：申请人身份证号已隐去（含*号）" in text
    assert empty_registry.count("mediation") == 0
