"""The exported ledger as a superior receives it: read back with openpyxl, opened by LibreOffice
(CSV), and printed (PDF): A4 landscape, one page wide, header on every page, page numbers."""
from __future__ import annotations

import csv
import datetime as _dt
import subprocess

import pytest
from openpyxl import load_workbook

from fazhi_desktop.ledgers.export import export_ledger
from fazhi_desktop.office.libreoffice import convert

from . import factory

ROWS = 120


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """One registry, three ledgers, one CSV and one PDF conversion for the whole module."""
    import json

    from fazhi_desktop.core.registry import Registry

    from ..conftest import FIXTURES

    work = tmp_path_factory.mktemp("ledgers")
    reg = Registry.open(work / "office.sqlite3")
    reg.set_profile(json.loads((FIXTURES / "seed000_profile.json").read_text("utf-8")))
    reg.add_many("proposal", factory.records_of("proposal", ROWS))
    reg.add_many("mediation", factory.records_of("mediation", 20))
    reg.add_many("petition", factory.records_of("petition", 48))
    reg.add_many("petition", [factory.petition(n, 2021) for n in range(48)])
    paths = {kind: work / f"{kind}.xlsx" for kind in ("proposal", "mediation", "petition")}
    for kind, path in paths.items():
        export_ledger(reg, kind, path, year=2022)
    reg.close()
    # 44,34,76: comma, double quote, UTF-8 (LibreOffice otherwise writes the system charset)
    csv_path = convert(paths["proposal"], "csv:Text - txt - csv (StarCalc):44,34,76,1", work / "csv")
    pdf_path = convert(paths["proposal"], "pdf", work / "pdf")
    return paths, csv_path, pdf_path


def test_title_header_and_print_settings_read_back(exported):
    ws = load_workbook(exported[0]["proposal"]).active
    assert ws["A1"].value == "湛河区司法局2022年政协提案办理台账"
    assert "A1:P1" in [str(r) for r in ws.merged_cells.ranges]
    headers = [c.value for c in ws[2]]
    assert headers == ["序号", "届次", "编号", "案由", "提案人", "界别", "主办单位", "协办单位",
                       "交办日期", "办理期限", "办理状态", "办理结果", "满意度", "答复日期",
                       "发文字号", "备注", "记录ID"]
    assert ws.column_dimensions["Q"].hidden  # the record id: for re-import, not for print
    assert ws.print_area == "'提案台账'!$A$1:$P$" + str(ROWS + 5)
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$1:$2"
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref == f"A2:P{ROWS + 2}"
    assert ws.oddFooter.center.text == "第 &P 页，共 &N 页"


def test_rows_hold_real_dates_chinese_words_borders_and_widths_that_fit(exported):
    ws = load_workbook(exported[0]["proposal"]).active
    row = [c for c in ws[3]]  # proposal 1 of the factory
    assert row[0].value == 1 and row[2].value == 1
    assert isinstance(row[8].value, _dt.datetime) and row[8].value.date() == _dt.date(2022, 3, 2)
    assert row[8].number_format == "yyyy-mm-dd"
    assert row[9].value.date() == _dt.date(2022, 6, 2)  # the default deadline, three months on
    assert row[10].value == "办理中"
    assert all(c.border.left.style == "thin" for c in row)
    third = [c.value for c in ws[5]]
    assert third[11] == "D类" and third[12] == "满意"
    widths = {k: d.width for k, d in ws.column_dimensions.items()}
    assert widths["D"] >= 20  # 案由: CJK text needs room
    assert widths["I"] >= 10.5  # a date fits on one line
    assert ws.row_dimensions[3].height and ws.row_dimensions[3].height > 20  # wrapped 届次


def test_totals_row_counts_the_items(exported):
    ws = load_workbook(exported[0]["proposal"]).active
    totals = [c.value for c in ws[ROWS + 3]]
    assert totals[0] == "合计" and totals[3] == f"共{ROWS}件"
    assert "已办结30件" in totals[10] and "待办理30件" in totals[10]
    assert "C类30件" in totals[11]


def test_mediation_ledger_masks_id_numbers_and_phones(exported):
    ws = load_workbook(exported[0]["mediation"]).active
    headers = [c.value.replace("\n", "") for c in ws[2]]  # 申请人\n身份证号: one header
    row = dict(zip(headers, [c.value for c in ws[3]]))
    assert row["案件编号"] == "（2022）湛调字第1号"
    assert row["申请人"] == "申李强" and row["被申请人"] == "被赵敏"
    assert row["申请人身份证号"].startswith("4104") and "**********" in row["申请人身份证号"]
    assert row["申请人电话"] == "138****0001"
    assert row["纠纷来源"] == "主动调解" and row["调解结果"] == "调解成功"
    totals = dict(zip(headers, [c.value for c in ws[23]]))
    assert totals["序号"] == "合计" and totals["涉及金额（元）"] == pytest.approx(
        sum(factory.mediation(n)["amount"] for n in range(1, 21)))


def test_petition_export_is_the_monthly_table_with_totals_and_year_on_year(exported):
    wb = load_workbook(exported[0]["petition"])
    assert wb.sheetnames == ["信访总量", "五级信访总量", "信访明细"]
    ws = wb["信访总量"]
    assert [c.value for c in ws[2]][:3] == ["单位", "1月", "2月"]
    assert [c.value for c in ws[2]][-3:] == ["合计", "上年同期", "同比"]
    rows = {r[0].value: [c.value for c in r] for r in ws.iter_rows(min_row=3, max_row=3 + 4)}
    assert set(rows) == set(factory.TOWNS) | {"合计"}
    expected = {}
    for n in range(48):
        rec = factory.petition(n)
        month = int(rec["period"][5:])
        expected.setdefault(rec["unit"], {}).setdefault(month, 0)
        expected[rec["unit"]][month] += rec["letters"] + rec["visits"] + rec["online"] + rec["phone"]
    town = factory.TOWNS[0]
    assert rows[town][1:13] == [expected[town].get(m, 0) for m in range(1, 13)]
    assert rows[town][13] == sum(expected[town].values())
    assert rows[town][14] == sum(expected[town].values())  # 2021 holds the same counts
    assert rows[town][15] == 0  # 同比 0.0%
    assert rows["合计"][13] == sum(sum(v.values()) for v in expected.values())
    assert ws["P3"].number_format == "0.0%"
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$2"


def test_libreoffice_reads_the_ledger_as_a_spreadsheet(exported):
    rows = list(csv.reader(exported[1].open(encoding="utf-8")))
    assert rows[0][0] == "湛河区司法局2022年政协提案办理台账"
    assert rows[1][:4] == ["序号", "届次", "编号", "案由"]
    first = rows[2]
    assert first[3] == "关于加强第1项法治建设工作的提案"
    assert first[8] == "2022-03-02" and first[10] == "办理中"
    assert len(rows) == ROWS + 5 and rows[-3][0] == "合计"  # then a blank row and the sign-off
    assert rows[-1][0] == "填报单位（盖章）：湛河区司法局"


def _pdf_pages(pdf) -> list:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [p for p in text.split("\f") if p.strip()]


def test_printed_ledger_is_a4_landscape_one_page_wide_with_header_on_every_page(exported):
    pdf = exported[2]
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size"))
    width, height = (float(x) for x in size.split(":")[1].split("pts")[0].split(" x "))
    assert (round(width), round(height)) == (842, 595)  # A4 landscape
    pages = _pdf_pages(pdf)
    assert len(pages) >= 3
    for number, page in enumerate(pages, 1):
        assert "案由" in page and "发文字号" in page and "备注" in page  # whole width, each page
        assert f"第 {number} 页，共 {len(pages)} 页" in page
    assert "合计" in pages[-1]
