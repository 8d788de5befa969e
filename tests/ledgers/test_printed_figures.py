"""The ledgers as printed (LibreOffice -> PDF) and as read back: every figure equals core.stats,
no value breaks across lines, and every sheet ends with the sign-off lines under its table.

One registry, three ledgers and one LibreOffice run for the whole module.
"""
from __future__ import annotations

import json
import re

import pytest
from openpyxl import load_workbook

from fazhi_desktop.core import stats
from fazhi_desktop.ledgers.columns import ledger_columns
from fazhi_desktop.ledgers.export import export_ledger
from fazhi_desktop.office.libreoffice import convert_many

from .. import pdfmeasure
from . import factory

ZERO = {name: 0 for name in factory.petition(0) if name not in ("unit", "period")}
ONE_LINE_TYPES = ("date", "month", "int", "number", "counter", "enum", "party_str", "list_str")
ONE_LINE_KEYS = ("reply.doc_number", "case_number", "session", "lead_unit", "unit")


def _petition(unit: str, period: str, letters: int) -> dict:
    return dict(ZERO, unit=unit, period=period, letters=letters)


def _petitions() -> list:
    rows = [  # 曹镇乡: 118 in March 2021, 39 in March 2022: -66.949...% -> stats -66.9%
        _petition("曹镇乡", "2021-03", 118), _petition("曹镇乡", "2022-03", 39)]
    # 姚孟街道 reported all of 2021 but only January to June 2022: 上年同期 is those six months
    rows += [_petition("姚孟街道", f"2021-{m:02d}", 10 + m) for m in range(1, 13)]
    rows += [_petition("姚孟街道", f"2022-{m:02d}", 7 + m) for m in range(1, 7)]
    return rows


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    from fazhi_desktop.core.registry import Registry

    from ..conftest import FIXTURES

    work = tmp_path_factory.mktemp("printed")
    reg = Registry.open(work / "office.sqlite3")
    reg.set_profile(json.loads((FIXTURES / "seed000_profile.json").read_text("utf-8")))
    items = factory.records_of("proposal", 40)
    items[5].update(status="replied", result_class="B",
                    reply={"doc_number": "湛河区司法局〔2022〕1268号", "date": "2022-08-09"},
                    authors=["欧阳建国", "李强", "诸葛明月", "赵敏"],
                    co_units=["区财政局", "区人力资源和社会保障局", "区住建局"])
    reg.add_many("proposal", items)
    cases = factory.records_of("mediation", 20)
    cases[0]["parties"].append({"role": "applicant", "name": "欧阳建国",
                                "id_number": factory.id_number(77), "phone": "13912345678"})
    reg.add_many("mediation", cases)
    reg.add_many("petition", _petitions())
    paths = {kind: work / f"{kind}.xlsx" for kind in ("proposal", "mediation", "petition")}
    for kind, path in paths.items():
        export_ledger(reg, kind, path, year=2022)
    figures = stats.year_figures(reg, 2022)
    per_unit = {unit: stats.petition_figures(reg, 2022, unit=unit)
                for unit in ("曹镇乡", "姚孟街道")}
    reg.close()
    pdfs = dict(zip(paths, convert_many(list(paths.values()), "pdf", work / "pdf")))
    return paths, pdfs, figures, per_unit


def _rows(path, sheet=None) -> list:
    wb = load_workbook(path)
    ws = wb[sheet] if sheet else wb.worksheets[0]
    return [[c.value for c in row] for row in ws.iter_rows()]


def _headers(row) -> list:
    """Header texts without the line break a long header gets (申请人\n身份证号)."""
    return [h.replace("\n", "") if isinstance(h, str) else h for h in row]


def _page_lines(pdf) -> list:
    """[(page number, [Line])] of a printed ledger."""
    doc = pdfmeasure.open_pdf(pdf)
    return [(n, pdfmeasure.lines(page)) for n, page in enumerate(doc, 1)]


# ------------------------------------------------------------------ figures equal stats
def test_petition_table_cells_equal_stats(printed):
    paths, _pdfs, figures, per_unit = printed
    rows = {r[0]: r for r in _rows(paths["petition"], "信访总量")[2:] if r[0]}
    for unit, fig in list(per_unit.items()) + [("合计", figures["petition"])]:
        row = rows[unit]
        assert row[1:13] == [m["channel_total"] if m["reported"] else "—" for m in fig["monthly"]]
        assert row[13] == fig["channel_total"]
        assert row[14] == fig["previous_same_period"]["channel_total"]
        assert round(row[15] * 100, 6) == fig["yoy"]["channel_total"]
    assert rows["姚孟街道"][14] == sum(10 + m for m in range(1, 7))  # the same six months
    assert rows["姚孟街道"][7] == "—" and rows["曹镇乡"][1] == "—"  # not reported is not 0
    detail = _rows(paths["petition"], "信访明细")
    totals = dict(zip(_headers(detail[1]), next(r for r in detail if r[0] == "合计")))
    for column in ledger_columns("petition"):
        if column.type == "int":
            assert totals[column.header] == figures["petition"]["totals"][column.key]
    assert per_unit["曹镇乡"]["yoy"]["channel_total"] == -66.9


def _last_word_of_row(page, label: str) -> str:
    """The rightmost word printed on the row that starts with `label` (CJK and Latin glyphs
    of one row sit on baselines a point apart, so rows are matched by their middle)."""
    words = page.get_text("words")
    first = min((w for w in words if w[4] == label), key=lambda w: w[0])  # the first column
    middle = (first[1] + first[3]) / 2
    same_row = [w for w in words if abs((w[1] + w[3]) / 2 - middle) < 3]
    return max(same_row, key=lambda w: w[0])[4]


def test_printed_year_on_year_reads_as_stats_says(printed):
    """The 同比 a superior reads on paper is stats' figure: -66.9%, not -67.0%."""
    _paths, pdfs, figures, per_unit = printed
    page = pdfmeasure.open_pdf(pdfs["petition"])[0]
    expected = {unit: fig["yoy"]["channel_total"] for unit, fig in per_unit.items()}
    expected["合计"] = figures["petition"]["yoy"]["channel_total"]
    for unit, per_cent in expected.items():
        assert _last_word_of_row(page, unit) == f"{per_cent:.1f}%", unit
    assert _last_word_of_row(page, "曹镇乡") == "-66.9%"


def _counts(cell: str) -> dict:
    """'已答复10件\n已办结10件' -> {'已答复': 10, '已办结': 10}."""
    found = {}
    for line in cell.split("\n"):
        label = line.rstrip("0123456789件")
        found[label] = int(line[len(label):-1])
    return found


def test_item_and_mediation_totals_equal_stats(printed):
    paths, _pdfs, figures, _units = printed
    rows = _rows(paths["proposal"])
    totals = dict(zip(_headers(rows[1]), next(r for r in rows if r[0] == "合计")))
    fig = figures["proposal"]
    assert totals["案由"] == f"共{fig['received']}件"
    status = _counts(totals["办理状态"])
    assert status.get("已答复", 0) + status.get("已办结", 0) == fig["replied"]
    assert status.get("已办结", 0) == fig["closed"]
    assert _counts(totals["办理结果"]) == {f"{k}类": v for k, v in fig["classes"].items() if v}
    assert _counts(totals["满意度"]) == {"满意": fig["satisfied"]}

    rows = _rows(paths["mediation"])
    totals = dict(zip(_headers(rows[1]), next(r for r in rows if r[0] == "合计")))
    fig = figures["mediation"]
    assert totals["案件编号"] == f"共{fig['accepted']}件"
    outcome = _counts(totals["调解结果"])
    assert outcome.get("调解成功", 0) == fig["success"]
    assert outcome.get("调解不成功", 0) == fig["failure"]
    assert outcome.get("调解中", 0) == fig["pending"]
    assert totals["涉及金额（元）"] == fig["amount"]
    from fazhi_desktop.core.records import SOURCE
    assert _counts(totals["纠纷来源"]) == {SOURCE[k]: n for k, n in fig["by_source"].items() if n}


# ------------------------------------------------------------------ no value breaks
def _one_line_values(path, kind, sheet=None) -> set:
    """Every item of a one-line column (a date as printed, a 发文字号, a masked ID, a name)."""
    cols = ledger_columns(kind)
    rows = _rows(path, sheet)
    end = next(n for n, row in enumerate(rows) if row[0] == "合计")
    values = set()
    for row in rows[2:end]:
        for col, value in zip(cols, row):
            if value is None or not (col.type in ONE_LINE_TYPES or col.key in ONE_LINE_KEYS):
                continue
            if hasattr(value, "strftime"):
                value = value.strftime("%Y-%m" if col.type == "month" else "%Y-%m-%d")
            elif col.type == "number":
                value = f"{value:,.2f}"
            values.update(re.split("[\n、]", str(value)))  # one item of a list, whole
    return {v for v in values if v}


@pytest.mark.parametrize("kind,sheet", [("proposal", None), ("mediation", None),
                                        ("petition", "信访明细")])
def test_no_value_is_split_across_printed_lines(printed, kind, sheet):
    paths, pdfs, _figures, _units = printed
    printed_lines = [ln.text for _n, page in _page_lines(pdfs[kind]) for ln in page]
    values = _one_line_values(paths[kind], kind, sheet)
    assert {"proposal": "湛河区司法局〔2022〕1268号", "mediation": "欧阳建国",
            "petition": "2022-03"}[kind] in values
    broken = sorted(v for v in values if not any(v in line for line in printed_lines))
    assert broken == []


# ------------------------------------------------------------------ sign-off lines
@pytest.mark.parametrize("kind,sheets", [("proposal", 1), ("mediation", 1), ("petition", 3)])
def test_every_printed_sheet_ends_with_the_signoff_under_its_totals(printed, kind, sheets):
    _paths, pdfs, _figures, _units = printed
    found = 0
    for _number, page in _page_lines(pdfs[kind]):
        signoff = [ln for ln in page if "填报单位（盖章）" in ln.text]
        if not signoff:
            continue
        found += 1
        line = signoff[0]
        assert "湛河区司法局" in line.text
        assert "填报人" in line.text and "审核人" in line.text and "填报日期" in line.text
        totals = [ln for ln in page if ln.text.startswith("合计")]
        assert totals and totals[-1].baseline < line.baseline  # below the table
        assert line is page[-2] or line is page[-1]  # nothing but the page number after it
    assert found == sheets


# ------------------------------------------------------------------ one date style
def test_one_date_style_per_workbook(printed):
    """Dates print as 2022-03-02 and months as 2022-03 on every sheet; no date typed as text
    in another style (the sign-off's 填报日期 included)."""
    paths = printed[0]
    other_styles = re.compile(r"\d{4}年\d{1,2}月|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}\.\d{1,2}\.\d{1,2}")
    for path in paths.values():
        formats = set()
        for ws in load_workbook(path).worksheets:
            for row in ws.iter_rows(min_row=2):  # row 1: the title (湛河区司法局2022年…)
                for cell in row:
                    if getattr(cell, "is_date", False):
                        formats.add(cell.number_format)
                    elif isinstance(cell.value, str):
                        assert not other_styles.search(cell.value), cell.value
        assert formats and formats <= {"yyyy-mm-dd", "yyyy-mm"}, (path.name, formats)
    pages = [ln.text for _n, page in _page_lines(printed[1]["petition"]) for ln in page]
    assert any(re.search(r"2022-0[1-6]", line) for line in pages)  # the detail sheet's months
    assert all(re.search(r"填报日期：\d{4}-\d{2}-\d{2}$", line)
               for line in pages if "填报日期" in line)
