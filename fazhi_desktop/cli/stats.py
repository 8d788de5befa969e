"""`stats --year YYYY [--json]`: the year's figures of the four registers.

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
    cmd.add_argument("--json", action="store_true", help="以JSON输出")
    cmd.set_defaults(handler=cmd_stats)


def cmd_stats(args) -> int:
    from ..core.stats import year_figures
    from ..core.stats_text import report_lines

    year = _dt.date.today().year if args.year is None else args.year
    with open_registry(args, write=False) as registry:
        figures = year_figures(registry, year)
    if args.json:
        print_json(figures)
    else:
        print("\n".join(report_lines(figures)))
    return 0
