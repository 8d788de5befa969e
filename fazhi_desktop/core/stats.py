"""The year's figures of the four registers, computed by SQL aggregates on the indexed columns.

Figures are the totals over every office whose records this file holds (its own and those
received in data packages); `office=` (an office id) narrows any of them to one office, and
`office_table` gives the per-office table a district reads (受理, 调处成功率, 信访总量 …).

Every figure is defined in docs/statistics.md. Rates are per cent rounded half-up to one decimal;
a rate whose denominator is 0, or a change against a period with no data, is None (shown as
"—"), never a fake 0. Nothing here loads records into Python: 100,000 rows per kind stay cheap.
"""
from __future__ import annotations

import datetime as _dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Optional

from .records import CHANNEL_FIELDS, DISPUTE_TYPES, LEVEL_FIELDS, PETITION_COUNTS, SOURCE

OPEN_STATUSES = ("pending", "in_progress")
REPLIED_STATUSES = ("replied", "closed")
CLASSES = ("A", "B", "C", "D")
COUNT_FIELDS = tuple(name for name, _ in PETITION_COUNTS)


# ----------------------------------------------------------------------------- arithmetic
def percent(numerator, denominator) -> Optional[float]:
    """numerator / denominator in per cent, one decimal, half-up; None when the base is 0."""
    if not denominator:
        return None
    value = Decimal(str(numerator)) * 100 / Decimal(str(denominator))
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def change(current, previous) -> Optional[float]:
    """Signed change in per cent (同比/环比); None without a previous figure or when it is 0."""
    if previous is None or current is None or previous == 0:
        return None
    return percent(current - previous, previous)


def _conn(source):
    """Accept a Registry, a Store or a sqlite3 connection."""
    if hasattr(source, "store"):
        return source.store.conn
    if hasattr(source, "conn"):
        return source.conn
    return source


def _office_sql(office: Optional[str]) -> tuple:
    """(' AND office_id = ?', [office]) to narrow a query to one office, or nothing."""
    return (" AND office_id = ?", [office]) if office else ("", [])


def _year_range(year: int) -> tuple:
    return f"{year:04d}-01-01", f"{year + 1:04d}-01-01"


# ----------------------------------------------------------------------------- proposals, suggestions
def item_figures(source, kind: str, year: int, *, today: Optional[_dt.date] = None,
                 office: Optional[str] = None) -> dict:
    """Proposals or suggestions counted in `year` (assigned_date's year, else the reply's)."""
    conn = _conn(source)
    start, end = _year_range(year)
    day = (today or _dt.date.today()).isoformat()
    # Two index-friendly ranges instead of substr(coalesce(...)): the assigned_date index serves both.
    where = ("deleted_at IS NULL AND ((assigned_date >= :start AND assigned_date < :end) OR "
             "(assigned_date IS NULL AND reply_date >= :start AND reply_date < :end))")
    mine = " AND office_id = :office" if office else ""
    where += mine
    sql = f"""
        SELECT count(*),
               total(status IN (:replied_0, :replied_1)),
               total(status = 'closed'),
               total(satisfaction IS NOT NULL),
               total(satisfaction = 'satisfied'),
               total(satisfaction = 'basically_satisfied'),
               total(satisfaction = 'unsatisfied'),
               total(result_class = 'A'), total(result_class = 'B'),
               total(result_class = 'C'), total(result_class = 'D'),
               total(status IN (:open_0, :open_1) AND due_date < :today),
               total(reply_date IS NOT NULL AND due_date IS NOT NULL AND reply_date > due_date)
        FROM {kind} WHERE {where}"""
    params = {"start": start, "end": end, "today": day,  # parameters, never Python reprs in SQL
              "replied_0": REPLIED_STATUSES[0], "replied_1": REPLIED_STATUSES[1],
              "open_0": OPEN_STATUSES[0], "open_1": OPEN_STATUSES[1], "office": office}
    row = [int(v) for v in conn.execute(sql, params).fetchone()]
    (received, replied, closed, feedback, satisfied, basically, unsatisfied,
     a, b, c, d, overdue, late) = row
    undated = conn.execute(
        f"SELECT count(*) FROM {kind} WHERE deleted_at IS NULL AND assigned_date IS NULL "
        f"AND reply_date IS NULL{mine}", {"office": office}).fetchone()[0]
    classes = {"A": a, "B": b, "C": c, "D": d}
    return {
        "received": received,
        "replied": replied,
        "closed": closed,
        "completion_rate": percent(replied, received),
        "with_feedback": feedback,
        "satisfied": satisfied,
        "basically_satisfied": basically,
        "unsatisfied": unsatisfied,
        "satisfaction_rate": percent(satisfied + basically, feedback),
        "classes": classes,
        "unclassified": received - sum(classes.values()),
        "overdue": overdue,
        "replied_late": late,
        "undated": undated,
        "as_of": day,
    }


# ----------------------------------------------------------------------------- mediation
def mediation_figures(source, year: int, *, office: Optional[str] = None) -> dict:
    """Mediation cases accepted in `year`: outcomes, success rate, types, sources, amounts."""
    conn = _conn(source)
    start, end = _year_range(year)
    mine, office_params = _office_sql(office)
    where = "deleted_at IS NULL AND accepted_date >= ? AND accepted_date < ?" + mine
    args = (start, end, *office_params)
    accepted, success, failure, terminated, pending, amount, with_amount = conn.execute(
        f"SELECT count(*), total(outcome = 'success'), total(outcome = 'failure'), "
        f"total(outcome = 'terminated'), total(outcome = 'pending'), total(amount), "
        f"count(amount) FROM mediation WHERE {where}", args).fetchone()
    by_type = {}
    for dtype, n, ok, money in conn.execute(
            f"SELECT dispute_type, count(*), total(outcome = 'success'), total(amount) "
            f"FROM mediation WHERE {where} GROUP BY dispute_type", args):
        by_type[dtype] = {"type": dtype, "accepted": n, "success": int(ok), "amount": money,
                          "success_rate": percent(int(ok), n)}
    # The standard types in their usual order first, then any other word a clerk used.
    order = [t for t in DISPUTE_TYPES if t in by_type] + sorted(set(by_type) - set(DISPUTE_TYPES))
    by_source = {key: 0 for key in SOURCE}
    unknown_source = 0
    for src, n in conn.execute(
            f"SELECT source, count(*) FROM mediation WHERE {where} GROUP BY source", args):
        if src in by_source:
            by_source[src] = n
        else:
            unknown_source += n
    by_committee = [
        {"committee": name, "accepted": n, "success": int(ok), "success_rate": percent(int(ok), n)}
        for name, n, ok in conn.execute(
            f"SELECT committee, count(*), total(outcome = 'success') FROM mediation "
            f"WHERE {where} GROUP BY committee ORDER BY count(*) DESC, committee", args)]
    concluded = int(success + failure + terminated)
    return {
        "accepted": accepted,
        "success": int(success),
        "failure": int(failure),
        "terminated": int(terminated),
        "pending": int(pending),
        "concluded": concluded,
        "success_rate": percent(int(success), accepted),
        "success_rate_concluded": percent(int(success), concluded),
        "amount": round(amount, 2),
        "with_amount": with_amount,
        "by_type": [by_type[t] for t in order],
        "by_source": by_source,
        "source_unrecorded": unknown_source,
        "by_committee": by_committee,
    }


# ----------------------------------------------------------------------------- petitions
def _monthly_sums(conn, first_month: str, last_month: str, unit: Optional[str],
                  office: Optional[str] = None) -> dict:
    """'YYYY-MM' -> {field: sum over units} for every month that has at least one row."""
    sums = ", ".join(f"total({name})" for name in COUNT_FIELDS)
    sql = (f"SELECT period, count(*), {sums} FROM petition WHERE deleted_at IS NULL "
           "AND period >= ? AND period <= ?")
    params = [first_month, last_month]
    if unit:
        sql += " AND unit = ?"
        params.append(unit)
    mine, office_params = _office_sql(office)
    sql += mine + " GROUP BY period"
    params += office_params
    found = {}
    for row in conn.execute(sql, params):
        counts = {name: int(v) for name, v in zip(COUNT_FIELDS, row[2:])}
        counts["rows"] = row[1]
        found[row[0]] = counts
    return found


def channel_total(counts: dict) -> int:
    """信访总量 by channel: 来信 + 来访 + 网上信访 + 电话."""
    return sum(counts.get(name, 0) for name in CHANNEL_FIELDS)


def level_total(counts: dict) -> int:
    """五级信访总量: 赴京 + 到省 + 到市 + 到区（县） + 乡镇（街道）."""
    return sum(counts.get(name, 0) for name in LEVEL_FIELDS)


def _add(total: dict, counts: dict) -> None:
    for name in COUNT_FIELDS:
        total[name] = total.get(name, 0) + counts.get(name, 0)


def _with_totals(counts: dict) -> dict:
    out = {name: counts.get(name, 0) for name in COUNT_FIELDS}
    out["channel_total"] = channel_total(out)
    out["level_total"] = level_total(out)
    return out


def petition_figures(source, year: int, *, unit: Optional[str] = None,
                     office: Optional[str] = None) -> dict:
    """A year of petition counts (all units, or one): totals, 同比, monthly 环比, resolved rate.

    同比 compares the same months of both years (同期): the months that have rows in both.
    """
    conn = _conn(source)
    monthly = _monthly_sums(conn, f"{year - 1:04d}-01", f"{year:04d}-12", unit, office)
    this_months = [m for m in range(1, 13) if f"{year:04d}-{m:02d}" in monthly]
    prev_months = [m for m in range(1, 13) if f"{year - 1:04d}-{m:02d}" in monthly]
    common = [m for m in this_months if m in prev_months]

    current: dict = {}
    for m in this_months:
        _add(current, monthly[f"{year:04d}-{m:02d}"])
    current = _with_totals(current)
    same_now, same_before = {}, {}
    for m in common:
        _add(same_now, monthly[f"{year:04d}-{m:02d}"])
        _add(same_before, monthly[f"{year - 1:04d}-{m:02d}"])
    same_now, same_before = _with_totals(same_now), _with_totals(same_before)

    yoy_fields = COUNT_FIELDS + ("channel_total", "level_total")
    if common:
        yoy = {name: change(same_now[name], same_before[name]) for name in yoy_fields}
    else:
        yoy = {name: None for name in yoy_fields}

    months = []
    for m in range(1, 13):
        key = f"{year:04d}-{m:02d}"
        before_key = f"{year - 1:04d}-12" if m == 1 else f"{year:04d}-{m - 1:02d}"
        last_year_key = f"{year - 1:04d}-{m:02d}"
        now = _with_totals(monthly[key]) if key in monthly else None
        before = _with_totals(monthly[before_key]) if before_key in monthly else None
        last_year = _with_totals(monthly[last_year_key]) if last_year_key in monthly else None
        months.append({
            "month": key,
            "reported": now is not None,
            "counts": now,
            "channel_total": now["channel_total"] if now else None,
            "level_total": now["level_total"] if now else None,
            "last_year_channel_total": last_year["channel_total"] if last_year else None,
            "last_year_level_total": last_year["level_total"] if last_year else None,
            "mom_channel": change(now["channel_total"], before["channel_total"])
            if now and before else None,
            "mom_level": change(now["level_total"], before["level_total"]) if now and before else None,
            "yoy_channel": change(now["channel_total"], last_year["channel_total"])
            if now and last_year else None,
            "yoy_level": change(now["level_total"], last_year["level_total"])
            if now and last_year else None,
        })
    units = _units(conn, year, unit, office)
    return {
        "unit": unit,
        "units": units,
        "months_reported": this_months,
        "totals": current,
        "channel_total": current["channel_total"],
        "level_total": current["level_total"],
        "resolved_rate": percent(current["resolved"], current["channel_total"]),
        "previous_year_reported": bool(prev_months),
        "yoy_months": common,
        "same_period": same_now if common else None,
        "previous_same_period": same_before if common else None,
        "yoy": yoy,
        "monthly": months,
    }


def _units(conn, year: int, unit: Optional[str], office: Optional[str] = None) -> list:
    sql = ("SELECT DISTINCT unit FROM petition WHERE deleted_at IS NULL AND period >= ? "
           "AND period <= ?")
    params = [f"{year:04d}-01", f"{year:04d}-12"]
    if unit:
        sql += " AND unit = ?"
        params.append(unit)
    mine, office_params = _office_sql(office)
    sql += mine
    params += office_params
    return [row[0] for row in conn.execute(sql + " ORDER BY unit", params)]


# ----------------------------------------------------------------------------- all four
def year_figures(source, year: int, *, today: Optional[_dt.date] = None,
                 office: Optional[str] = None, per_office: bool = False) -> dict:
    """The figures of all four registers for one calendar year: the totals over every office
    held, or one office's (`office`, an id). `per_office` adds `by_office`: the same figures for
    each office held, own office first (what `stats --json` prints)."""
    conn = _conn(source)
    proposal = item_figures(conn, "proposal", year, today=today, office=office)
    suggestion = item_figures(conn, "suggestion", year, today=today, office=office)
    received = proposal["received"] + suggestion["received"]
    replied = proposal["replied"] + suggestion["replied"]
    feedback = proposal["with_feedback"] + suggestion["with_feedback"]
    pleased = sum(f["satisfied"] + f["basically_satisfied"] for f in (proposal, suggestion))
    figures = {
        "year": year,
        "proposal": proposal,
        "suggestion": suggestion,
        "items_combined": {
            "received": received,
            "replied": replied,
            "completion_rate": percent(replied, received),
            "with_feedback": feedback,
            "satisfaction_rate": percent(pleased, feedback),
        },
        "mediation": mediation_figures(conn, year, office=office),
        "petition": petition_figures(conn, year, office=office),
    }
    if office:
        figures["office"] = office_name(conn, office)
    if per_office:
        figures["by_office"] = [
            dict(year_figures(conn, year, today=today, office=entry["id"]), office_id=entry["id"],
                 office=entry["name"], own=entry["own"])
            for entry in offices_held(conn)]
    return figures


# ----------------------------------------------------------------------------- per office
OFFICE_TABLE_COLUMNS = (
    # (key, heading) of office_table's rows, in the order the 统计 page shows them
    ("office", "单位"), ("items_received", "建议提案"), ("items_completion_rate", "办结率"),
    ("mediation_accepted", "调解受理"), ("mediation_success", "调解成功"),
    ("mediation_success_rate", "调处成功率"), ("petition_channel_total", "信访总量"),
    ("petition_level_total", "五级信访总量"), ("petition_resolved_rate", "化解率"),
)
TOTAL_ROW_NAME = "合计"


def _has_offices(conn) -> bool:
    """Whether the file knows offices at all (schema step 8, data exchange)."""
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'office'"
                        ).fetchone() is not None


def offices_held(source) -> list:
    """The offices that have live records in this file: dicts id, name, own; own office first,
    then by name. Empty for a file without offices (before schema step 8)."""
    conn = _conn(source)
    if not _has_offices(conn):
        return []
    held = set()
    for kind in ("proposal", "suggestion", "mediation", "petition"):
        held.update(row[0] for row in conn.execute(
            f"SELECT DISTINCT office_id FROM {kind} WHERE deleted_at IS NULL"))
    names = {row[0]: (row[1], bool(row[2]))
             for row in conn.execute("SELECT id, name, own FROM office")}
    found = []
    for oid in held:
        if not oid:
            continue
        name, own = names.get(oid, ("", False))
        found.append({"id": oid, "own": own,
                      "name": (_own_name(conn) if own else "") or name or "未知单位"})
    found.sort(key=lambda o: (not o["own"], o["name"]))
    return found


def _own_name(conn) -> str:
    """This office's name: the profile's 发文机关全称 (authority), as packages carry it."""
    import json

    row = conn.execute("SELECT data FROM profile WHERE id = 1").fetchone()
    try:
        return (json.loads(row[0]).get("authority") or "").strip() if row else ""
    except (ValueError, AttributeError):
        return ""


def petition_units(source, office: str) -> list:
    """The 填报单位 that have petition rows of one office (the 信访统计 page's list)."""
    conn = _conn(source)
    return [row[0] for row in conn.execute(
        "SELECT DISTINCT unit FROM petition WHERE deleted_at IS NULL AND office_id = ? "
        "ORDER BY unit", (office,))]


def several_offices(source) -> bool:
    """True when records of more than one office are held: the 单位 column and filter show."""
    return len(offices_held(source)) > 1


def office_name(source, office_id: str) -> Optional[str]:
    conn = _conn(source)
    if not _has_offices(conn):
        return None
    row = conn.execute("SELECT name, own FROM office WHERE id = ?", (office_id,)).fetchone()
    if not row:
        return None
    return (_own_name(conn) if row[1] else "") or row[0]


def find_office(source, text: str) -> Optional[str]:
    """The id of the office named `text` (its full name, or its id); None when none matches."""
    conn = _conn(source)
    if not _has_offices(conn):
        return None
    wanted = (text or "").strip()
    for oid, name, own in conn.execute("SELECT id, name, own FROM office ORDER BY own DESC, name"):
        if wanted in (oid, name) or (own and wanted == _own_name(conn)):
            return oid
    return None


def office_row(figures: dict, name: str) -> dict:
    """One row of the per-office table from a year_figures result."""
    items, m, p = figures["items_combined"], figures["mediation"], figures["petition"]
    return {"office": name, "items_received": items["received"],
            "items_completion_rate": items["completion_rate"],
            "mediation_accepted": m["accepted"], "mediation_success": m["success"],
            "mediation_success_rate": m["success_rate"],
            "petition_channel_total": p["channel_total"], "petition_level_total": p["level_total"],
            "petition_resolved_rate": p["resolved_rate"]}


def office_table(source, year: int, *, today: Optional[_dt.date] = None) -> list:
    """The per-office table of `year` (keys of OFFICE_TABLE_COLUMNS): one row per office held,
    own office first, then the 合计 row, which is the totals of year_figures (the same figures
    the report and the 统计 page use)."""
    conn = _conn(source)
    rows = [dict(office_row(year_figures(conn, year, today=today, office=o["id"]), o["name"]),
                 office_id=o["id"], own=o["own"]) for o in offices_held(conn)]
    total = dict(office_row(year_figures(conn, year, today=today), TOTAL_ROW_NAME),
                 office_id=None, own=False)
    return rows + [total]


def years_with_data(source) -> list:
    """The calendar years that hold records of any kind (from index min/max), newest first."""
    conn = _conn(source)
    bounds = []
    for sql in ("SELECT min(assigned_date), max(assigned_date) FROM proposal",
                "SELECT min(assigned_date), max(assigned_date) FROM suggestion",
                "SELECT min(accepted_date), max(accepted_date) FROM mediation",
                "SELECT min(period), max(period) FROM petition"):
        low, high = conn.execute(sql).fetchone()
        for value in (low, high):
            if value and value[:4].isdigit():
                bounds.append(int(value[:4]))
    this_year = _dt.date.today().year
    if not bounds:
        return [this_year]
    return list(range(max(max(bounds), this_year), min(bounds) - 1, -1))
