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


def whole(registry, kind):
    return sorted(({k: v for k, v in r.items() if k not in ("created_at", "updated_at")}
                   for r in registry.dump(kind)), key=repr)


def _with_full_details(kind: str, items: list, seed_proposal: dict) -> list:
    """Fields no ledger column shows: a reply's text, communications, a party's address."""
    if kind == "proposal":
        items = items + [dict(seed_proposal, number=128)]
        items[0]["communications"] = [{"date": "2022-06-01", "method": "面商", "summary": "当面听取意见"}]
    if kind == "suggestion":
        items[1]["reply"] = dict(items[1].get("reply") or {}, body="一、关于……\n二、关于……")
    if kind == "mediation":
        items[0]["parties"][0].update(sex="女", ethnicity="汉族", address="湛河区姚孟街道1号")
        items[0]["followups"] = [{"date": "2022-03-01", "summary": "已履行完毕"}]
        items[1]["agreement"] = {"terms": "赔偿", "performance_deadline": "2022-02-01", "copies": 3}
    return items


@pytest.mark.parametrize("kind", ["proposal", "suggestion", "mediation", "petition"])
def test_full_export_imports_back_as_exactly_the_same_records(kind, office, empty_registry,
                                                              seed_proposal, tmp_path):
    office.add_many(kind, _with_full_details(kind, factory.records_of(kind, COUNTS[kind]),
                                             seed_proposal))
    out = tmp_path / f"{kind}.xlsx"
    export_ledger(office, kind, out, masked=False, year=2022)  # 不隐去个人信息: an explicit choice
    report = import_ledger(empty_registry, kind, out)
    assert report.problems == []
    assert report.created == office.count(kind)
    if kind == "petition":  # counts only: the detail sheet is the whole record, ids aside
        assert stored(empty_registry, kind) == stored(office, kind)
    else:  # same ids, same fields, reply text and party details included
        assert whole(empty_registry, kind) == whole(office, kind)


@pytest.mark.parametrize("kind", ["proposal", "mediation"])
def test_masked_export_carries_the_ledger_columns_and_no_hidden_data(kind, office, tmp_path):
    from openpyxl import load_workbook

    office.add_many(kind, factory.records_of(kind, 5))
    export_ledger(office, kind, tmp_path / "m.xlsx")
    wb = load_workbook(tmp_path / "m.xlsx")
    assert wb.sheetnames == [wb.active.title]  # no hidden sheet of full records
    text = "".join(str(c.value) for row in wb.active.iter_rows() for c in row)
    assert factory.id_number(1) not in text


def test_masked_proposal_ledger_round_trips_its_columns(office, empty_registry, tmp_path):
    office.add_many("proposal", factory.records_of("proposal", 30))
    export_ledger(office, "proposal", tmp_path / "p.xlsx")
    import_ledger(empty_registry, "proposal", tmp_path / "p.xlsx")
    assert stored(empty_registry, "proposal") == stored(office, "proposal")


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
