"""Column widths of a ledger: wide enough that no value breaks in the middle when printed.

A streamed (write-only) sheet takes its widths before the first row, so they are fitted to a
sample of the records (the first thousand) and to figures known beforehand (the row count,
the totals row's labels). What may never break across lines:

- a value of a one-line column (dates, months, numbers, 发文字号, 案件编号): the column fits the
  widest sampled value, and the cell style shrinks a later, wider one rather than wrap it;
- one item of a list column (a party's masked ID number, a phone, a name, an author): each
  item is a line of its own (values.LIST_JOIN) and the column fits the widest item;
- a line of the totals row (已办结30件): the column fits "label + row count + 件".

Long free text (案由, 纠纷简要情况, 备注) wraps inside its column's limit, at any character as
Chinese text does.
"""
from __future__ import annotations

import datetime as _dt

from .columns import Column
from .sheet_style import display_width
from .values import cell_value

ONE_LINE_LIMIT = 30  # a one-line column grows this far; a wider value shrinks to fit
ITEM_LIMIT = 24  # a list column grows this far for its widest single item
COUNTED = ("status", "result_class", "satisfaction", "outcome", "performance", "source")


def sample_text(value) -> str:
    """The text a cell shows, as wide as LibreOffice and Excel print it."""
    if value is None:
        return ""
    if isinstance(value, _dt.date):
        return "2022-08-08"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


def items_width(text: str) -> float:
    """The widest item of a list cell (one item per line)."""
    return max([0.0] + [display_width(line) for line in text.split("\n")])


def column_widths(cols, sample: list, masked: bool, total: int = 0) -> list:
    """Fit each column to its header, the sampled values and the totals row, within limits."""
    widths = []
    for col in cols:
        header = display_width(col.header)
        texts = [sample_text(cell_value(col, r, masked=masked)) for r in sample]
        if col.is_counter:
            texts.append(str(max(total, len(sample))))
        if col.key in COUNTED and col.choices:  # the totals row: 已办结120件, one per line
            texts += [f"{label}{max(total, len(sample))}件" for label in col.choices.values()]
        if col.type == "number":  # the totals row's sum: at most the largest value times rows
            values = [v for v in (cell_value(col, r) for r in sample) if isinstance(v, (int, float))]
            texts.append(sample_text(float(max(values or [0]) * max(total, len(sample), 1))))
        fitted = max([4.0] + [display_width(t) for t in texts])
        if col.wrap:
            item = max([0.0] + [items_width(t) for t in texts])
            widths.append(max(min(max(fitted, header / 2 + 1), col.width), min(item, ITEM_LIMIT)))
        else:  # one line; a long header may wrap onto two
            widths.append(min(max(fitted, header / 2 + 1, min(header, 10)),
                              max(col.width, ONE_LINE_LIMIT)))
    return widths


# Where a header too long for its column may break: before these words, as a clerk would.
HEADER_TAILS = ("身份证号", "委员会", "（元）", "电话", "日期", "期限", "字号", "单位", "状态",
                "结果", "情况", "内容", "来源", "类型", "编号")


def header_lines(header: str, width: float) -> str:
    """A header that does not fit its column, broken before its last word (申请人\n身份证号,
    发文\n字号), not wherever the spreadsheet runs out of room (被申请人电\n话)."""
    if display_width(header) <= width:
        return header
    for tail in HEADER_TAILS:
        if header.endswith(tail) and len(header) > len(tail):
            return f"{header[:-len(tail)]}\n{tail}"
    return header
