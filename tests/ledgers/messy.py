"""A messy ledger of proposals as someone else typed it: a title and a 填报 line above the
header, 会议名称 and 承办单位 merged down over blocks, dates in three forms, two bad rows."""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from openpyxl import Workbook

HEADER_ROW = 4
HEADER = ["序号", "提案号", "会议名称", "标题", "委员", "界别", "承办单位", "协办单位",
          "交办时间", "办理状态", "答复类别", "备注"]
BAD_DATE_AT = 137  # proposal 137 has 2022年2月30日
NO_TITLE_AT = 402  # proposal 402 has no 标题
SESSION = "区政协六届一次会议"
UNITS = ("湛河区司法局", "区财政局", "区人社局", "区住建局", "区城管局")


def row_of(n: int) -> int:
    """The Excel row of proposal n."""
    return HEADER_ROW + n


def assigned(n: int) -> _dt.date:
    return _dt.date(2022, 3, 1) + _dt.timedelta(days=n % 60)


def make_messy_ledger(path: Path, count: int = 500) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "提案办理台账"
    ws.append(["湛河区司法局2022年政协提案办理情况台账"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.append(["填报单位：湛河区司法局", None, None, None, None, None, None, None, "填报时间：2022年9月"])
    ws.append([])
    ws.append(HEADER)
    for n in range(1, count + 1):
        day = assigned(n)
        form = n % 3
        date_cell = (f"{day.year}年{day.month}月{day.day}日" if form == 0 else
                     f"{day.year}.{day.month}.{day.day}" if form == 1 else day)
        if n == BAD_DATE_AT:
            date_cell = "2022年2月30日"
        ws.append([
            n, n, SESSION if (n - 1) % 50 == 0 else None,
            None if n == NO_TITLE_AT else f"关于第{n}项工作的提案",
            ("胡校丽", "李强、赵敏", "王建国")[n % 3], "民盟",
            UNITS[(n - 1) // 10 % len(UNITS)] if (n - 1) % 10 == 0 else None,
            "区财政局" if n % 7 == 0 else None, date_cell,
            ("待办理", "办理中", "已答复", "已办结")[n % 4], ("A", "B类", "C", None)[n % 4], None,
        ])
        if isinstance(date_cell, _dt.date):
            ws.cell(row_of(n), 9).number_format = "yyyy/m/d"
    for start in range(1, count + 1, 50):
        ws.merge_cells(start_row=row_of(start), start_column=3,
                       end_row=row_of(min(start + 49, count)), end_column=3)
    for start in range(1, count + 1, 10):
        ws.merge_cells(start_row=row_of(start), start_column=7,
                       end_row=row_of(min(start + 9, count)), end_column=7)
    wb.save(path)
    return path
