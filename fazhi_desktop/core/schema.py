"""The data file's schema, as numbered forward migrations recorded in `PRAGMA user_version`.

A step is never edited once released: a later change is a new step. Each step runs in one
transaction together with the bump of user_version, so a file is always at exactly one version.
"""
from __future__ import annotations

_ITEM_TABLE = """
CREATE TABLE {kind} (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    session TEXT NOT NULL,
    number INTEGER NOT NULL,
    title TEXT NOT NULL,
    authors TEXT NOT NULL DEFAULT '',
    lead_unit TEXT,
    assigned_date TEXT,
    due_date TEXT,
    status TEXT NOT NULL DEFAULT 'pending',
    result_class TEXT,
    satisfaction TEXT,
    reply_date TEXT,
    doc_number TEXT,
    data TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE UNIQUE INDEX {kind}_key ON {kind}(session, number) WHERE deleted_at IS NULL;
CREATE INDEX {kind}_due ON {kind}(due_date) WHERE deleted_at IS NULL;
CREATE INDEX {kind}_status ON {kind}(status, due_date) WHERE deleted_at IS NULL;
CREATE INDEX {kind}_assigned ON {kind}(assigned_date);
"""

_V1 = (
    _ITEM_TABLE.format(kind="proposal")
    + _ITEM_TABLE.format(kind="suggestion")
    + """
CREATE TABLE mediation (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    case_number TEXT NOT NULL,
    committee TEXT NOT NULL,
    accepted_date TEXT NOT NULL,
    dispute_type TEXT NOT NULL,
    source TEXT,
    outcome TEXT NOT NULL DEFAULT 'pending',
    amount REAL,
    closed_date TEXT,
    party_names TEXT NOT NULL DEFAULT '',
    data TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE UNIQUE INDEX mediation_key ON mediation(case_number) WHERE deleted_at IS NULL;
CREATE INDEX mediation_accepted ON mediation(accepted_date);
CREATE INDEX mediation_committee ON mediation(committee, accepted_date);

CREATE TABLE petition (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    unit TEXT NOT NULL,
    period TEXT NOT NULL,
    letters INTEGER NOT NULL DEFAULT 0,
    visits INTEGER NOT NULL DEFAULT 0,
    online INTEGER NOT NULL DEFAULT 0,
    phone INTEGER NOT NULL DEFAULT 0,
    group_visits INTEGER NOT NULL DEFAULT 0,
    group_visit_persons INTEGER NOT NULL DEFAULT 0,
    repeat INTEGER NOT NULL DEFAULT 0,
    to_beijing INTEGER NOT NULL DEFAULT 0,
    to_province INTEGER NOT NULL DEFAULT 0,
    to_city INTEGER NOT NULL DEFAULT 0,
    to_county INTEGER NOT NULL DEFAULT 0,
    to_township INTEGER NOT NULL DEFAULT 0,
    resolved INTEGER NOT NULL DEFAULT 0,
    data TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE UNIQUE INDEX petition_key ON petition(unit, period) WHERE deleted_at IS NULL;
CREATE INDEX petition_period ON petition(period);

CREATE TABLE profile (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    data TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore', 'purge')),
    before TEXT,
    after TEXT
);
CREATE INDEX audit_record ON audit(record_id, seq);
CREATE INDEX audit_at ON audit(at);
"""
)

# Version 2: substring search (FTS5 over overlapping character pairs, see core/search.py),
# the register of issued document numbers, and drafts of records being edited.
_V2 = """
CREATE VIRTUAL TABLE proposal_search USING fts5(text, tokenize = 'unicode61');
CREATE VIRTUAL TABLE suggestion_search USING fts5(text, tokenize = 'unicode61');
CREATE VIRTUAL TABLE mediation_search USING fts5(text, tokenize = 'unicode61');

CREATE TABLE doc_number (
    code TEXT NOT NULL,
    year INTEGER NOT NULL,
    serial INTEGER NOT NULL CHECK (serial >= 1),
    kind TEXT,
    record_id TEXT,
    issued_at TEXT NOT NULL,
    PRIMARY KEY (code, year, serial)
);

CREATE TABLE draft (
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    data TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (kind, record_id)
);
"""

# (version, SQL, Python step run after the SQL inside the same transaction or None)
MIGRATIONS = [
    (1, _V1, None),
    (2, _V2, "rebuild_search_index"),
]

LATEST_VERSION = MIGRATIONS[-1][0]
