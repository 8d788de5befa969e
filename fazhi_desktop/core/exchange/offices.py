"""The offices this file knows (itself and those it received packages from), and the log of
packages received."""
from __future__ import annotations

import json


def list_offices(registry) -> list:
    """This office first ({"own": True}, named by the profile's authority), then the others by
    name: {"id", "name", "own", "last_package_at"}."""
    conn = registry.store.conn
    own = registry.office_id
    out = [{"id": own, "name": registry.profile().get("authority") or "", "own": True,
            "last_package_at": None}]
    for oid, name, last in conn.execute(
            "SELECT id, name, last_package_at FROM office WHERE own = 0 ORDER BY name, id"):
        out.append({"id": oid, "name": name, "own": False, "last_package_at": last})
    return out


def office_names(registry) -> dict:
    """office id -> name, for showing a record's 单位."""
    return {o["id"]: o["name"] for o in list_offices(registry)}


def remember_office(conn, office: dict, created_at: str, now: str) -> None:
    """Add or rename a sending office; must run inside the merge's transaction."""
    conn.execute(
        "INSERT INTO office(id, name, own, first_seen_at, last_package_at) VALUES (?, ?, 0, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET name = excluded.name, last_package_at = "
        "max(coalesce(office.last_package_at, ''), excluded.last_package_at)",
        (office["id"], office.get("name") or "", now, created_at))


def received_packages(registry) -> list:
    rows = registry.store.conn.execute(
        "SELECT package_id, office_id, office_name, created_at, imported_at, encryption, counts "
        "FROM package_log ORDER BY seq DESC")
    return [{"package_id": p, "office_id": o, "office_name": n, "created_at": c,
             "imported_at": i, "encryption": e, "counts": json.loads(k)}
            for p, o, n, c, i, e, k in rows]
