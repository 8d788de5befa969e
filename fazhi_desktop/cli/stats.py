"""`stats --year YYYY [--office NAME] [--json]`: the year's figures of the four registers.

By default the totals over this office and every office it received data packages from;
`--office` narrows to one office (its name as the packages give it, or its id); `--json` also
gives the figures of each office under `by_office` (the existing keys stay as they were).
Kept light on purpose: only the standard library and the core's SQLite layer load on this path.
It only reads: the file is opened read-only (no upgrade, no checkpoint), its bytes stay as they are.
"""
from __future__ import annotations

import datetime as _dt

from . import open_registry, print_json, year_argument


def register(sub) -> None:
    cmd = sub.add_parser("stats", help="输出某年度的统计数据（办结率、满意率、调处成功率、信访总量同比等）")
    cmd.add_argument("--year", type=year_argument, default=None, metavar="YYYY",
                     help="年度（默认今年）")
    cmd.add_argument("--office", metavar="NAME",
                     help="只统计一个单位（单位全称或单位编号；默认为本单位和收到数据包的各单位合计）")
    cmd.add_argument("--json", action="store_true", help="以JSON输出（含各单位分列的数据 by_office）")
    cmd.set_defaults(handler=cmd_stats)


def cmd_stats(args) -> int:
    from ..core import stats
    from ..core.errors import ValidationError
    from ..core.stats_text import report_lines

    year = _dt.date.today().year if args.year is None else args.year
    with open_registry(args, write=False) as registry:
        office = None
        if args.office:
            office = stats.find_office(registry, args.office)
            if office is None:
                known = "、".join(o["name"] for o in stats.offices_held(registry)) or "（只有本单位）"
                raise ValidationError([f"没有名为“{args.office}”的单位；本数据文件中的单位：{known}"])
        figures = stats.year_figures(registry, year, office=office,
                                     per_office=args.json and office is None)
        table = stats.office_table(registry, year) if not args.json and office is None \
            and stats.several_offices(registry) else None
    if args.json:
        print_json(figures)
        return 0
    if office:
        print(f"【{figures.get('office') or args.office}】")
    print("\n".join(report_lines(figures)))
    if table:
        print()
        print("各单位：")
        print(_table_text(table))
    return 0


def _table_text(rows: list) -> str:
    """The per-office table as tab-separated lines (pastes into a spreadsheet)."""
    from ..core.stats import OFFICE_TABLE_COLUMNS
    from ..core.stats_text import fmt_percent

    lines = ["\t".join(heading for _key, heading in OFFICE_TABLE_COLUMNS)]
    for row in rows:
        cells = []
        for key, _heading in OFFICE_TABLE_COLUMNS:
            value = row[key]
            cells.append(fmt_percent(value) if key.endswith("_rate") else str(value))
        lines.append("\t".join(cells))
    return "\n".join(lines)
