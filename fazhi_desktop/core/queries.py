"""Queries behind the register tables: filtered, sorted row numbers first, rows on demand.

A table of 100,000 records holds only the sorted list of row numbers (`seq`); the rows a clerk
scrolls to are read a page at a time (`rows`). Filters and sort orders are whitelisted here, so
no widget writes SQL.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Optional

from . import records
from .search import match_expression

DUE_SOON_DAYS = 14
OPEN_STATUSES = ("pending", "in_progress")

# Sortable columns per kind: a column name the table may ask for -> SQL expression.
SORTABLE = {
    "proposal": {"session": "session", "number": "number", "title": "title",
                 "authors": "authors", "lead_unit": "lead_unit", "due_date": "due_date",
                 "status": "status", "result_class": "result_class",
                 "assigned_date": "assigned_date", "updated_at": "updated_at"},
    "mediation": {"case_number": "case_number", "committee": "committee",
                  "accepted_date": "accepted_date", "dispute_type": "dispute_type",
                  "outcome": "outcome", "amount": "amount", "party_names": "party_names",
                  "closed_date": "closed_date", "updated_at": "updated_at"},
    "petition": {"unit": "unit", "period": "period", "updated_at": "updated_at"},
}
SORTABLE["suggestion"] = SORTABLE["proposal"]


@dataclass
class TableQuery:
    """What a register table shows: filters, a search text and a sort order."""

    kind: str
    search: str = ""
    session: Optional[str] = None
    status: Optional[str] = None
    result_class: Optional[str] = None
    overdue_only: bool = False
    due_soon_only: bool = False
    committee: Optional[str] = None
    dispute_type: Optional[str] = None
    outcome: Optional[str] = None
    month: Optional[str] = None  # YYYY-MM, mediation: accepted in that month
    unit: Optional[str] = None
    year: Optional[int] = None
    order_by: str = "updated_at"
    descending: bool = True
    extra: dict = field(default_factory=dict)


def _today(today: Optional[_dt.date]) -> str:
    return (today or _dt.date.today()).isoformat()


def where_clause(q: TableQuery, *, today: Optional[_dt.date] = None) -> tuple:
    """SQL WHERE text and parameters for a table query."""
    kind = q.kind
    where, params = ["deleted_at IS NULL"], []
    if q.search.strip() and kind in ("proposal", "suggestion", "mediation"):
        expression = match_expression(q.search)
        if expression:
            where.append(f"seq IN (SELECT rowid FROM {kind}_search WHERE {kind}_search MATCH ?)")
            params.append(expression)
    if kind in ("proposal", "suggestion"):
        if q.session:
            where.append("session = ?")
            params.append(q.session)
        if q.status:
            where.append("status = ?")
            params.append(q.status)
        if q.result_class:
            where.append("result_class = ?")
            params.append(q.result_class)
        if q.year:
            where.append("substr(coalesce(assigned_date, reply_date), 1, 4) = ?")
            params.append(str(q.year))
        if q.overdue_only or q.due_soon_only:
            where.append(f"status IN {OPEN_STATUSES!r}")
        if q.overdue_only:
            where.append("due_date < ?")
            params.append(_today(today))
        if q.due_soon_only:
            day = today or _dt.date.today()
            where.append("due_date BETWEEN ? AND ?")
            params += [day.isoformat(), (day + _dt.timedelta(days=DUE_SOON_DAYS)).isoformat()]
    elif kind == "mediation":
        for name in ("committee", "dispute_type", "outcome"):
            value = getattr(q, name)
            if value:
                where.append(f"{name} = ?")
                params.append(value)
        if q.month:
            where.append("substr(accepted_date, 1, 7) = ?")
            params.append(q.month)
        if q.year:
            where.append("substr(accepted_date, 1, 4) = ?")
            params.append(str(q.year))
    elif kind == "petition":
        if q.unit:
            where.append("unit = ?")
            params.append(q.unit)
        if q.year:
            where.append("substr(period, 1, 4) = ?")
            params.append(str(q.year))
    return " AND ".join(where), params


def order_clause(q: TableQuery) -> str:
    column = SORTABLE[q.kind].get(q.order_by, "updated_at")
    direction = "DESC" if q.descending else "ASC"
    # NULLs last either way; seq breaks ties so the order is stable.
    return f"({column} IS NULL), {column} {direction}, seq {direction}"


def seqs(conn, q: TableQuery, *, today: Optional[_dt.date] = None) -> list:
    """Row numbers of the matching live records in display order."""
    where, params = where_clause(q, today=today)
    sql = f"SELECT seq FROM {q.kind} WHERE {where} ORDER BY {order_clause(q)}"
    return [row[0] for row in conn.execute(sql, params)]


_ROW_COLUMNS = {
    "proposal": ("id", "session", "number", "title", "authors", "lead_unit", "due_date",
                 "status", "result_class", "satisfaction", "assigned_date", "reply_date"),
    "mediation": ("id", "case_number", "committee", "accepted_date", "dispute_type",
                  "outcome", "amount", "party_names", "closed_date"),
    "petition": ("id", "unit", "period") + tuple(n for n, _ in records.PETITION_COUNTS),
}
_ROW_COLUMNS["suggestion"] = _ROW_COLUMNS["proposal"]


def rows(conn, kind: str, seq_list: list) -> dict:
    """seq -> row dict (the table's columns) for the given row numbers."""
    if not seq_list:
        return {}
    columns = _ROW_COLUMNS[kind]
    found = {}
    for start in range(0, len(seq_list), 500):
        chunk = seq_list[start:start + 500]
        sql = (f"SELECT seq, {', '.join(columns)} FROM {kind} "
               f"WHERE seq IN ({', '.join('?' * len(chunk))})")
        for row in conn.execute(sql, chunk):
            found[row[0]] = dict(zip(columns, row[1:]))
    return found


def urgency(row: dict, *, today: Optional[_dt.date] = None) -> Optional[str]:
    """'overdue', 'due_soon' or None for a proposal or suggestion row."""
    if row.get("status") not in OPEN_STATUSES or not row.get("due_date"):
        return None
    day = _today(today)
    if row["due_date"] < day:
        return "overdue"
    soon = ((today or _dt.date.today()) + _dt.timedelta(days=DUE_SOON_DAYS)).isoformat()
    if row["due_date"] <= soon:
        return "due_soon"
    return None


def attention(conn, *, today: Optional[_dt.date] = None) -> dict:
    """For the start page: per kind, how many are open, overdue and due within 14 days."""
    day = today or _dt.date.today()
    soon = (day + _dt.timedelta(days=DUE_SOON_DAYS)).isoformat()
    result = {}
    for kind in ("proposal", "suggestion"):
        open_, overdue, due_soon = conn.execute(
            f"SELECT count(*), "
            f"coalesce(sum(due_date < ?), 0), "
            f"coalesce(sum(due_date BETWEEN ? AND ?), 0) "
            f"FROM {kind} WHERE deleted_at IS NULL AND status IN {OPEN_STATUSES!r}",
            (day.isoformat(), day.isoformat(), soon)).fetchone()
        result[kind] = {"pending": open_, "overdue": overdue, "due_soon": due_soon}
    result["mediation"] = {"pending": conn.execute(
        "SELECT count(*) FROM mediation WHERE deleted_at IS NULL AND outcome = 'pending'"
    ).fetchone()[0]}
    return result


def distinct_values(conn, kind: str, column: str) -> list:
    """The values a filter's drop-down offers (sessions, committees, units...)."""
    allowed = {"session", "committee", "dispute_type", "unit", "lead_unit"}
    if column not in allowed:
        raise ValueError(column)
    sql = (f"SELECT DISTINCT {column} FROM {kind} WHERE deleted_at IS NULL "
           f"AND {column} IS NOT NULL ORDER BY {column}")
    return [row[0] for row in conn.execute(sql)]
