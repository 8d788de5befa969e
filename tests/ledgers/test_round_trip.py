"""Export a register, import the workbook into an empty data file: the same records come back."""
from __future__ import annotations

import pytest

from fazhi_desktop.ledgers.columns import PARTY_ROLES, data_columns
from fazhi_desktop.ledgers.export import export_ledger
from fazhi_desktop.ledgers.importer import ImportOptions, ImportRefused, import_ledger

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


def stored(registry, kind, *, ids: bool = False):
    return sorted((dict(ledger_view(kind, r), **({"id": r["id"]} if ids else {}))
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
def test_full_export_imports_back_as_the_same_ledger_records_with_their_ids(
        kind, office, empty_registry, seed_proposal, tmp_path):
    """A ledger carries what it shows plus each row's id (whole records travel in data
    packages): the same records' ledger fields come back, under the same ids."""
    office.add_many(kind, _with_full_details(kind, factory.records_of(kind, COUNTS[kind]),
                                             seed_proposal))
    out = tmp_path / f"{kind}.xlsx"
    # 不隐去个人信息: an explicit choice (the mediation file's name then says so)
    out = export_ledger(office, kind, out, masked=False, year=2022).path
    report = import_ledger(empty_registry, kind, out)
    assert report.problems == []
    assert report.created == office.count(kind)
    assert stored(empty_registry, kind, ids=True) == stored(office, kind, ids=True)


@pytest.mark.parametrize("kind", ["proposal", "mediation"])
def test_export_carries_the_ledger_columns_and_the_id_only(kind, office, tmp_path,
                                                          seed_proposal):
    from openpyxl import load_workbook

    items = _with_full_details(kind, factory.records_of(kind, 5), seed_proposal)
    office.add_many(kind, items)
    for masked in (True, False):
        result = export_ledger(office, kind, tmp_path / "m.xlsx", masked=masked)
        wb = load_workbook(result.path)
        assert wb.sheetnames == [wb.active.title]  # no hidden sheet of whole records
        text = "".join(str(c.value) for row in wb.active.iter_rows() for c in row)
        assert ("湛河区姚孟街道1号" not in text and "当面听取意见" not in text
                and "高位谋划" not in text)  # an address, a communication, a reply text
        if masked:
            assert factory.id_number(1) not in text
        assert all(r["id"] in text for r in office.dump(kind))


def test_a_row_whose_number_was_corrected_updates_its_own_record(office, tmp_path):
    """Matching on re-import goes by the hidden 记录ID: sorting rows or correcting a 编号 in
    the sheet still updates the record the row came from, not a new one."""
    from openpyxl import load_workbook

    office.add_many("proposal", factory.records_of("proposal", 3))
    first = next(r for r in office.dump("proposal") if r["number"] == 1)
    result = export_ledger(office, "proposal", tmp_path / "p.xlsx")
    wb = load_workbook(result.path)
    ws = wb.active
    ws["C3"] = 11  # the clerk corrects 编号 1 to 11
    wb.save(tmp_path / "edited.xlsx")
    report = import_ledger(office, "proposal", tmp_path / "edited.xlsx",
                           ImportOptions(existing="update"))
    assert report.created == 0 and report.updated == 3
    assert office.count("proposal") == 3
    assert office.get("proposal", first["id"])["number"] == 11


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


def test_a_record_id_that_is_not_ours_is_placed_on_its_cell(office, tmp_path):
    from .conftest import make_workbook

    ledger = make_workbook(tmp_path / "台账.xlsx", [
        ["届次", "编号", "案由", "提案人", "记录ID"],
        ["区政协六届一次会议", 1, "关于加强法治建设的提案", "胡校丽", "abc"]])
    with pytest.raises(ImportRefused) as refused:
        import_ledger(office, "proposal", ledger)
    assert refused.value.problems[0].startswith("工作表“Sheet1”第2行E列（记录ID）：“abc”")
