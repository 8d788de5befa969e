"""Export as the clerk meets it: the year chosen, a cancel that leaves nothing behind, a folder
that cannot be written named in Chinese."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from fazhi_desktop.core.errors import OutputProblem
from fazhi_desktop.ledgers.export import export_ledger, years_in

from . import factory


def test_year_filter_keeps_only_that_years_records(office, tmp_path):
    office.add_many("proposal", factory.records_of("proposal", 5)
                    + [dict(factory.proposal(9), number=90, assigned_date="2023-02-01")])
    assert years_in(office, "proposal") == [2023, 2022]
    result = export_ledger(office, "proposal", tmp_path / "p.xlsx", year=2023)
    ws = load_workbook(tmp_path / "p.xlsx").active
    assert result.rows == 1 and ws["A1"].value == "湛河区司法局2023年政协提案办理台账"
    assert ws["C3"].value == 90 and ws["A4"].value == "合计"


def test_cancelled_export_leaves_no_file(office, tmp_path):
    office.add_many("proposal", factory.records_of("proposal", 1200))
    calls = []

    def progress(done, total, text):
        calls.append((done, total))

    with pytest.raises(InterruptedError):
        export_ledger(office, "proposal", tmp_path / "p.xlsx", progress=progress,
                      cancelled=lambda: len(calls) >= 1)
    assert calls[0] == (500, 1200)
    assert list(tmp_path.glob("*.xlsx")) == []


def test_unwritable_folder_is_named_in_chinese(office, tmp_path):
    with pytest.raises(OutputProblem) as failed:
        export_ledger(office, "proposal", tmp_path / "没有这个文件夹" / "p.xlsx")
    assert "无法保存" in str(failed.value) and "文件夹不存在" in str(failed.value)


def test_petition_export_without_a_year_exports_every_year(office, tmp_path):
    """As `export --help` says (默认：全部年度): issue 14.11; it used to export the latest only."""
    office.add_many("petition", [factory.petition(n, 2021) for n in range(8)]
                    + [factory.petition(n, 2022) for n in range(4)])
    result = export_ledger(office, "petition", tmp_path / "x.xlsx")
    assert result.title == "湛河区司法局信访情况月度统计表" and result.rows == 12
    wb = load_workbook(tmp_path / "x.xlsx")
    assert wb.sheetnames == ["2022年信访总量", "2022年五级信访总量", "2021年信访总量",
                             "2021年五级信访总量", "信访明细"]
    assert wb["2021年信访总量"]["A1"].value == "湛河区司法局2021年信访总量（来信+来访+网上信访+电话）月度统计表"
    one_year = export_ledger(office, "petition", tmp_path / "y.xlsx", year=2021)
    assert one_year.rows == 8 and "2021年" in one_year.title


def test_unmasked_ledger_says_so_in_its_name_title_and_the_audit_trail(office, tmp_path):
    from openpyxl import load_workbook

    office.add_many("mediation", factory.records_of("mediation", 3))
    result = export_ledger(office, "mediation", tmp_path / "调解台账.xlsx", masked=False)
    assert result.path == tmp_path / "调解台账（含完整身份证号）.xlsx" and result.path.exists()
    assert not (tmp_path / "调解台账.xlsx").exists()
    assert load_workbook(result.path).active["A1"].value == \
        "湛河区司法局人民调解案件登记台账（含完整身份证号）"
    note = office.audit_log(limit=1)[0]
    assert note["action"] == "export" and note["kind"] == "mediation"
    assert note["after"] == {"text": "导出人民调解案件登记台账（含完整身份证号），3条",
                             "path": str(result.path)}
    # a name that has the mark already is kept; a masked export is neither marked nor noted
    kept = export_ledger(office, "mediation", tmp_path / "含完整身份证号的台账.xlsx", masked=False)
    assert kept.path.name == "含完整身份证号的台账.xlsx"
    before = len(office.audit_log())
    masked = export_ledger(office, "mediation", tmp_path / "m.xlsx")
    assert masked.path.name == "m.xlsx" and "含完整" not in masked.title
    assert len(office.audit_log()) == before
