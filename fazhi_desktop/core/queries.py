"""Queries behind the register tables: filtered, sorted row numbers first, rows on demand.

A table of 100,000 records holds only the sorted list of row numbers (`seq`); the rows a clerk
scrolls to are read a page at a time (`rows`). Filters and sort orders are whitelisted here, so
no widget writes SQL.
"""
from __future__ import annotations

import collections
import dataclasses
import datetime as _dt
import operator
import threading
from dataclasses import dataclass, field
from typing import Optional

from . import records
from .search import matching_seqs_sql

DUE_SOON_DAYS = 14
OPEN_STATUSES = ("pending", "in_progress")
OPEN = "open"  # TableQuery.status: every record not yet replied (待办理 or 办理中)

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
    office: Optional[str] = None  # an office id: only its records (data from several offices)
    order_by: str = "updated_at"
    descending: bool = True
    extra: dict = field(default_factory=dict)


def _today(today: Optional[_dt.date]) -> str:
    return (today or _dt.date.today()).isoformat()


def where_clause(q: TableQuery, *, today: Optional[_dt.date] = None) -> tuple:
    """SQL WHERE text and parameters for a table query."""
    kind = q.kind
    where, params = ["deleted_at IS NULL"], []
    if q.office:
        where.append("office_id = ?")
        params.append(q.office)
    if q.search.strip() and kind in ("proposal", "suggestion", "mediation"):
        sql, terms = matching_seqs_sql(kind, q.search)
        if sql:
            # "+seq": test membership while walking the sort order's covering index, rather than
            # fetch every hit's wide row (a common pair hits most of the register).
            where.append(f"+seq IN ({sql})")
            params += terms
    if kind in ("proposal", "suggestion"):
        if q.session:
            where.append("session = ?")
            params.append(q.session)
        if q.status == OPEN:
            where.append(_open_status(params))
        elif q.status:
            where.append("status = ?")
            params.append(q.status)
        if q.result_class:
            where.append("result_class = ?")
            params.append(q.result_class)
        if q.year:
            # Ranges rather than substr() so that the indexes serve them (dates are YYYY-MM-DD).
            where.append("(assigned_date >= ? AND assigned_date < ? OR "
                         "assigned_date IS NULL AND reply_date >= ? AND reply_date < ?)")
            params += _year_range(q.year) * 2
        if q.overdue_only or q.due_soon_only:
            where.append(_open_status(params))
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
            where.append("accepted_date >= ? AND accepted_date < ?")
            params += [q.month, q.month + "-99"]
        if q.year:
            where.append("accepted_date >= ? AND accepted_date < ?")
            params += _year_range(q.year)
    elif kind == "petition":
        if q.unit:
            where.append("unit = ?")
            params.append(q.unit)
        if q.year:
            where.append("period >= ? AND period < ?")
            params += _year_range(q.year)
    return " AND ".join(where), params


def _open_status(params: list) -> str:
    """`status IN (?, ?)` for the open statuses, their values appended to `params`."""
    params.extend(OPEN_STATUSES)
    return f"status IN ({', '.join('?' * len(OPEN_STATUSES))})"


def _year_range(year) -> list:
    return [f"{int(year):04d}", f"{int(year) + 1:04d}"]


# Columns that are never NULL: their order needs no second pass for the NULLs.
NOT_NULL = {
    "proposal": {"session", "number", "title", "authors", "status", "updated_at"},
    "mediation": {"case_number", "committee", "accepted_date", "dispute_type", "outcome",
                  "party_names", "updated_at"},
    "petition": {"unit", "period", "updated_at"},
}
NOT_NULL["suggestion"] = NOT_NULL["proposal"]
COVERING_SORT_INDEXES = ("proposal", "suggestion", "mediation")


def order_clause(q: TableQuery) -> str:
    """ORDER BY text: the column, then seq in the same direction so the order is stable."""
    column = SORTABLE[q.kind].get(q.order_by, "updated_at")
    direction = "DESC" if q.descending else "ASC"
    return f"{column} {direction}, seq {direction}"


def seq_statements(q: TableQuery, *, today: Optional[_dt.date] = None) -> list:
    """The (SQL, params) whose results, concatenated, are the table's rows in display order.

    NULLs come last in either direction. Rather than ORDER BY (column IS NULL), which no index
    can serve, the non-NULL rows are read in the order of the column's index, then the NULL rows.
    """
    where, params = where_clause(q, today=today)
    column = SORTABLE[q.kind].get(q.order_by, "updated_at")
    direction = "DESC" if q.descending else "ASC"
    source = q.kind
    if q.kind in COVERING_SORT_INDEXES:
        # The sort column's index carries every filter column (schema step 3): walking it in
        # order costs one pass over a narrow index whatever the filters, whereas a filter's own
        # index would leave SQLite fetching wide rows to sort them (50,000 rows: ~0.2 s).
        source = f"{q.kind} INDEXED BY {q.kind}_by_{column}"
    if column in NOT_NULL[q.kind]:
        return [(f"SELECT seq FROM {source} WHERE {where} ORDER BY {order_clause(q)}", params)]
    return [(f"SELECT seq FROM {source} WHERE {where} AND {column} IS NOT NULL "
             f"ORDER BY {order_clause(q)}", params),
            (f"SELECT seq FROM {source} WHERE {where} AND {column} IS NULL "
             f"ORDER BY seq {direction}", params)]


def seqs(conn, q: TableQuery, *, today: Optional[_dt.date] = None) -> list:
    """Row numbers of the matching live records in display order.

    A search narrows the list the table shows without it: that list (usually just read, and
    kept while the data file is unchanged) filtered by the set of records the search index
    returns. A common pair hits most of a register; intersecting in SQL would probe every hit
    against the sort order again, which costs twice as much at 100,000 records.
    """
    if q.search.strip() and q.kind in ("proposal", "suggestion", "mediation"):
        sql, terms = matching_seqs_sql(q.kind, q.search)
        if sql:
            listed = _listed(conn, dataclasses.replace(q, search=""), today)
            hits = set(map(_first, conn.execute(sql, terms)))
            return [seq for seq in listed if seq in hits]
    # Served from the cache while the file is unchanged (a page refreshed twice, a filter
    # switched back: 60 ms each at 100,000 rows); a copy: the caller may change it.
    return list(_listed(conn, q, today))


_first = operator.itemgetter(0)
_LISTED_CACHE = collections.OrderedDict()  # statements -> (conn, stamp, seqs); newest last
_LISTED_KEEP = 6
_LISTED_LOCK = threading.Lock()


def _stamp(conn) -> Optional[tuple]:
    """What changes when anything was committed: by another connection of any thread or process
    (PRAGMA data_version) or by this one (its COMMIT counter, core/store.py). None inside an open
    transaction: what it reads may yet be rolled back, so it is neither cached nor served from
    the cache (a rollback moves neither number back, as it would not move total_changes)."""
    if conn.in_transaction:
        return None
    return conn.execute("PRAGMA data_version").fetchone()[0], getattr(conn, "commits", None)


def _listed(conn, q: TableQuery, today, *, reuse: bool = True) -> list:
    """seqs of a query without search; the last few are kept per connection while unchanged."""
    statements = tuple((sql, tuple(params)) for sql, params in seq_statements(q, today=today))
    key = (id(conn), statements)
    stamp = _stamp(conn)
    if stamp is not None:
        with _LISTED_LOCK:  # several threads may query, each on its own connection
            cached = _LISTED_CACHE.get(key)
            # The entry holds the connection itself, so its id cannot be reused while cached.
            if reuse and cached is not None and cached[0] is conn and cached[1] == stamp:
                _LISTED_CACHE.move_to_end(key)
                return cached[2]
    found = []
    for sql, params in statements:
        found.extend(map(_first, conn.execute(sql, params)))
    if stamp is not None:
        with _LISTED_LOCK:
            _LISTED_CACHE[key] = (conn, stamp, found)
            _LISTED_CACHE.move_to_end(key)
            while len(_LISTED_CACHE) > _LISTED_KEEP:
                _LISTED_CACHE.popitem(last=False)
    return found


_ROW_COLUMNS = {
    "proposal": ("id", "session", "number", "title", "authors", "lead_unit", "due_date",
                 "status", "result_class", "satisfaction", "assigned_date", "reply_date",
                 "office_id"),
    "mediation": ("id", "case_number", "committee", "accepted_date", "dispute_type",
                  "outcome", "amount", "party_names", "closed_date", "office_id"),
    "petition": ("id", "unit", "period") + tuple(n for n, _ in records.PETITION_COUNTS)
                + ("office_id",),
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
        params = [day.isoformat(), day.isoformat(), soon]
        open_, overdue, due_soon = conn.execute(
            f"SELECT count(*), "
            f"coalesce(sum(due_date < ?), 0), "
            f"coalesce(sum(due_date BETWEEN ? AND ?), 0) "
            f"FROM {kind} WHERE deleted_at IS NULL AND {_open_status(params)}",
            params).fetchone()
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
