"""Which years exist for this program: one range that the record validators, `stats`,
`report`, `export` and the GUI's year choices all use, so that no record can fall in a year the
statistics cannot show, and no command reads 0 as "this year" or -5 as a year.

1900..2099: the dates a clerk enters reach back to the birth dates of the oldest living parties
to a mediation (born in the 1920s and 1930s) and forward to the deadlines of agreements paid in
instalments; every year in it has four digits, as GB/T 9704 dates and ISO text both need.
"""
from __future__ import annotations

FIRST_YEAR = 1900
LAST_YEAR = 2099

# Which date puts a record in a year, as the statistics count it (docs/statistics.md): SQL over
# a register's columns giving the year as four characters. The ledger export and the data
# package choose a year's records with it, so both take the same records as 统计.
_ITEM_YEAR_SQL = "substr(coalesce(assigned_date, reply_date), 1, 4)"  # proposals, suggestions
_RECORD_YEAR_SQL = dict(proposal=_ITEM_YEAR_SQL, suggestion=_ITEM_YEAR_SQL,
                        mediation="substr(accepted_date, 1, 4)", petition="substr(period, 1, 4)")


def record_year_sql(kind: str) -> str:
    """The SQL expression of a record's year ('2022', or NULL without the date) for `kind`."""
    return _RECORD_YEAR_SQL[kind]


def year_exists(year) -> bool:
    return isinstance(year, int) and not isinstance(year, bool) and FIRST_YEAR <= year <= LAST_YEAR


def year_problem(year) -> str:
    """'' when the year is in the range, else the Chinese sentence that refuses it."""
    if year_exists(year):
        return ""
    return f"年度“{year}”无效，应为{FIRST_YEAR}至{LAST_YEAR}之间的四位年份，如2022"


def parse_year(text) -> int:
    """A year given on the command line or in a field: '2022', '２０２２', '2022年' -> 2022.
    ValueError with the Chinese reason otherwise."""
    from .normalize import parse_int

    raw = text.strip().removesuffix("年") if isinstance(text, str) else text
    year = parse_int(raw) if isinstance(raw, str) else raw
    if year is None:
        raise ValueError(f"年度“{text}”无效，应为四位年份，如2022")
    problem = year_problem(year)
    if problem:
        raise ValueError(problem)
    return year
