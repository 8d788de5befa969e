"""Records of a second office in one data file, as a district holds them after importing a
township's package. With the exchange schema (step 8) the office table and office_id columns
exist and this only moves records to the township; before it, they are added here the same way."""
from __future__ import annotations

OWN = "00000000-0000-4000-8000-0000000000aa"
TOWNSHIP = "11111111-1111-4000-8000-0000000000bb"
TOWNSHIP_NAME = "曹镇乡司法所"
KINDS = ("proposal", "suggestion", "mediation", "petition")


def hold_for_township(registry, kind: str, ids) -> str:
    """Make `ids` of `kind` the township's records; returns this office's id."""
    conn = registry.store.conn
    with registry.store.transaction():
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'office'").fetchone():
            conn.execute("CREATE TABLE office (id TEXT PRIMARY KEY, name TEXT NOT NULL, "
                         "own INTEGER NOT NULL DEFAULT 0, first_seen_at TEXT, last_package_at TEXT)")
        for table in KINDS:
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
            if "office_id" not in columns:
                conn.execute(f"ALTER TABLE {table} ADD COLUMN office_id TEXT")
        own = conn.execute("SELECT id FROM office WHERE own = 1").fetchone()
        own = own[0] if own else OWN
        conn.execute("INSERT OR IGNORE INTO office(id, name, own) VALUES (?, '', 1)", (own,))
        conn.execute("INSERT OR IGNORE INTO office(id, name, own) VALUES (?, ?, 0)",
                     (TOWNSHIP, TOWNSHIP_NAME))
        for table in KINDS:
            conn.execute(f"UPDATE {table} SET office_id = ? WHERE office_id IS NULL", (own,))
        for record_id in ids:
            conn.execute(f"UPDATE {kind} SET office_id = ? WHERE id = ?", (TOWNSHIP, record_id))
    return own
