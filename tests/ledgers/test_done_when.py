"""The issue's 'done when': a new clerk imports a messy ledger of 500 proposals typed by someone
else, sees exactly which two rows are wrong and why, imports the good ones, fixes the two in the
returned workbook and imports them too."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from fazhi_desktop.ledgers.importer import ImportOptions, ImportRefused, import_ledger, scan

from . import messy


@pytest.fixture
def ledger(tmp_path):
    return messy.make_messy_ledger(tmp_path / "别人做的台账.xlsx")


def test_exactly_the_two_bad_rows_are_reported_with_their_reasons(registry, ledger):
    report = scan(registry, "proposal", ledger)
    assert report.rows == 500 and report.header_row == messy.HEADER_ROW
    assert report.bad_rows == [messy.row_of(messy.BAD_DATE_AT), messy.row_of(messy.NO_TITLE_AT)]
    assert [str(p) for p in report.problems] == [
        f"工作表“提案办理台账”第{messy.row_of(137)}行I列（交办时间）：不是有效日期，实为“2022年2月30日”"
        "（应为日期，如2022年8月8日、2022-08-08、2022.8.8或2022/8/8）",
        f"工作表“提案办理台账”第{messy.row_of(402)}行D列（标题）：缺少必填项“案由（标题）”",
    ]


def test_all_or_nothing_refuses_the_whole_ledger(registry, ledger):
    with pytest.raises(ImportRefused) as refused:
        import_ledger(registry, "proposal", ledger)
    assert len(refused.value.problems) == 2
    assert registry.count("proposal") == 0


def test_keep_good_imports_498_and_returns_the_two_to_fix(registry, ledger, tmp_path):
    bad_path = tmp_path / "有问题的行.xlsx"
    report = import_ledger(registry, "proposal", ledger,
                           ImportOptions(keep_good=True, bad_rows_path=bad_path))
    assert report.created == 498 and registry.count("proposal") == 498
    got = {r["number"]: r for r in registry.dump("proposal")}
    # merged 会议名称 and 承办单位 carried down; the three date forms read alike
    assert got[50]["session"] == messy.SESSION and got[499]["session"] == messy.SESSION
    assert got[19]["lead_unit"] == messy.UNITS[1]
    for n in (3, 4, 5):
        assert got[n]["assigned_date"] == messy.assigned(n).isoformat()
    assert got[4]["authors"] == ["李强", "赵敏"] and got[2]["result_class"] == "C"

    ws = load_workbook(bad_path).active
    rows = list(ws.iter_rows(values_only=True))
    header = list(rows[1])
    assert header[:4] == ["序号", "提案号", "会议名称", "标题"]
    assert header[-2:] == ["原行号", "问题"]
    bad = rows[2:]
    assert [r[-2] for r in bad] == [messy.row_of(137), messy.row_of(402)]
    assert "I列（交办时间）：不是有效日期" in bad[0][-1]
    assert bad[0][2] == messy.SESSION  # the merged value travels with the row
    assert "缺少必填项“案由（标题）”" in bad[1][-1]

    # The clerk fixes the two rows in the returned workbook and imports it.
    ws.cell(3, 9).value = "2022年2月28日"
    ws.cell(4, 4).value = "关于第402项工作的提案"
    fixed = tmp_path / "改好的.xlsx"
    ws.parent.save(fixed)
    again = import_ledger(registry, "proposal", fixed)
    assert again.created == 2 and registry.count("proposal") == 500
