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

# Version 3: speed at 100,000 records per register (docs/performance.md).
# - Search: step 2's positional pair index stored a tokenised copy of every text (3x the text)
#   and answered 4-character queries by merging position lists of very common pairs. It is
#   replaced by two contentless tables (core/search.py): distinct pairs without positions for
#   1-2 character queries, SQLite's trigram tokenizer for 3+ characters.
# - Tables: every sortable column gets a partial index that also carries the filter columns, so
#   any sort with any filter reads one narrow index in order and never the wide rows.
_SEARCH_V3 = """
CREATE VIRTUAL TABLE {kind}_pairs USING fts5(
    text, content='', detail=none, columnsize=0, tokenize='ascii');
CREATE VIRTUAL TABLE {kind}_trigrams USING fts5(
    text, content='', detail=full, columnsize=0, tokenize='trigram case_sensitive 1');
DROP TABLE {kind}_search;
"""
_ITEM_FILTERS = ("session", "status", "result_class", "assigned_date", "reply_date", "due_date")
_ITEM_SORTS = ("session", "number", "title", "authors", "lead_unit", "due_date", "status",
               "result_class", "assigned_date", "updated_at")
_MEDIATION_FILTERS = ("committee", "dispute_type", "outcome", "accepted_date")
_MEDIATION_SORTS = ("case_number", "committee", "accepted_date", "dispute_type", "outcome",
                    "amount", "party_names", "closed_date", "updated_at")


def _sort_indexes(kind: str, sorts: tuple, filters: tuple) -> str:
    statements = []
    for column in sorts:
        # seq right after the column: the index then yields ORDER BY column, seq as it stands.
        covered = ", ".join((column, "seq") + tuple(f for f in filters if f != column))
        statements.append(f"CREATE INDEX {kind}_by_{column} ON {kind}({covered}) "
                          "WHERE deleted_at IS NULL;")
    return "\n".join(statements) + "\n"


_V3 = (
    "".join(_SEARCH_V3.format(kind=kind) for kind in ("proposal", "suggestion", "mediation"))
    + _sort_indexes("proposal", _ITEM_SORTS, _ITEM_FILTERS)
    + _sort_indexes("suggestion", _ITEM_SORTS, _ITEM_FILTERS)
    + _sort_indexes("mediation", _MEDIATION_SORTS, _MEDIATION_FILTERS)
    + """
DROP INDEX proposal_due;
DROP INDEX suggestion_due;
CREATE INDEX petition_by_updated_at ON petition(updated_at, seq, unit, period) WHERE deleted_at IS NULL;
"""
)


# Version 4: step 3's sort indexes lacked deleted_at, the column of their own WHERE, so SQLite
# still read each row to check it (EXPLAIN QUERY PLAN: "USING INDEX", not "USING COVERING
# INDEX"): a sort of 100,000 records read 100,000 wide rows. Carrying deleted_at (always NULL in
# these partial indexes, one byte per entry) makes every table query index-only.
def _covering_sort_indexes(kind: str, sorts: tuple, filters: tuple) -> str:
    statements = []
    for column in sorts:
        covered = ", ".join((column, "seq") + tuple(f for f in filters if f != column)
                            + ("deleted_at",))
        statements.append(f"DROP INDEX {kind}_by_{column};")
        statements.append(f"CREATE INDEX {kind}_by_{column} ON {kind}({covered}) "
                          "WHERE deleted_at IS NULL;")
    return "\n".join(statements) + "\n"


_V4 = (
    _covering_sort_indexes("proposal", _ITEM_SORTS, _ITEM_FILTERS)
    + _covering_sort_indexes("suggestion", _ITEM_SORTS, _ITEM_FILTERS)
    + _covering_sort_indexes("mediation", _MEDIATION_SORTS, _MEDIATION_FILTERS)
    + _covering_sort_indexes("petition", ("updated_at",), ("unit", "period"))
)

# Version 5: the recycle bin lists `WHERE deleted_at IS NOT NULL`, which no index served: the
# window read every row of every register at start-up (10.8 s at 100,000 records per kind).
# These partial indexes hold only the deleted rows, so they stay tiny.
_V5 = "".join(f"CREATE INDEX {kind}_deleted ON {kind}(deleted_at) WHERE deleted_at IS NOT NULL;\n"
              for kind in ("proposal", "suggestion", "mediation", "petition"))

# Version 6: checking a typed 发文字号 and proposing the next one look replies up by their number
# (core/numbering.py), which read every row of a register without an index (seconds per reply
# at 100,000 records, each row on its own page).
_V6 = "".join(f"CREATE INDEX {kind}_doc_number ON {kind}(doc_number) WHERE doc_number IS NOT NULL;\n"
              for kind in ("proposal", "suggestion"))

# Version 7: the audit trail also records what is not an edit of one record: an output that
# carries unmasked personal data ('export'), something the program did on its own that the clerk
# should be able to see later ('notice': permissions tightened, a restore), and data exchange
# between offices ('merge', 'resolve'). SQLite cannot change a CHECK in place: the table is copied.
_AUDIT_ACTIONS = ("create", "update", "delete", "restore", "purge", "export", "notice", "merge",
                  "resolve")
_V7 = f"""
CREATE TABLE audit_v7 (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ({", ".join(repr(a) for a in _AUDIT_ACTIONS)})),
    before TEXT,
    after TEXT
);
INSERT INTO audit_v7(seq, at, kind, record_id, action, before, after)
    SELECT seq, at, kind, record_id, action, before, after FROM audit;
DROP TABLE audit;
ALTER TABLE audit_v7 RENAME TO audit;
CREATE INDEX audit_record ON audit(record_id, seq);
CREATE INDEX audit_at ON audit(at);
"""

# Version 8: records travel between offices (docs/exchange.md).
# - Every record carries the office it was created in (office_id, a UUID), its version (see
#   core/exchange/identity.py: an edit counter plus the editing office, kept as it travels) and
#   merged_version, the version last taken from another office: the common ancestor that tells
#   "changed here", "changed there" and "changed on both sides" apart.
# - Natural keys are unique per office: two townships may both have case 2022-015.
# - office: this installation (own = 1, its UUID made once by the Python step) and every office
#   a package came from. package_log: the packages received. conflict: the other office's
#   version of a record changed on both sides, kept beside the local one until settled.
#   tombstone: records deleted for good (purged), so that an old package cannot bring them back.
# The columns are added by the Python step (Store._identify_office) with step8_columns(): their
# DEFAULT is this office and version 1, which existing rows then read without being rewritten
# (ALTER TABLE ADD COLUMN with a constant default changes only the schema; an UPDATE of every
# row would rewrite a 7 GB file through the WAL).
_KEYS_V8 = {"proposal": "session, number", "suggestion": "session, number",
            "mediation": "case_number", "petition": "unit, period"}


def step8_columns(office_id: str, version: str) -> str:
    """Schema step 8's per-register SQL for this installation's office id (a UUID, so it is a
    safe literal) and its version 1."""
    return "".join(f"""
ALTER TABLE {kind} ADD COLUMN office_id TEXT DEFAULT '{office_id}';
ALTER TABLE {kind} ADD COLUMN version TEXT DEFAULT '{version}';
ALTER TABLE {kind} ADD COLUMN merged_version TEXT;
DROP INDEX {kind}_key;
CREATE UNIQUE INDEX {kind}_key ON {kind}(office_id, {key}) WHERE deleted_at IS NULL;
CREATE INDEX {kind}_office ON {kind}(office_id);
""" for kind, key in _KEYS_V8.items())


_V8 = """
CREATE TABLE office (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    own INTEGER NOT NULL DEFAULT 0,
    first_seen_at TEXT,
    last_package_at TEXT
);
CREATE UNIQUE INDEX office_own ON office(own) WHERE own = 1;

CREATE TABLE package_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    package_id TEXT NOT NULL,
    office_id TEXT NOT NULL,
    office_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    encryption TEXT,
    counts TEXT NOT NULL
);
CREATE INDEX package_log_office ON package_log(office_id, created_at);

CREATE TABLE conflict (
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    office_id TEXT NOT NULL,
    remote TEXT NOT NULL,
    remote_version TEXT NOT NULL,
    local_version TEXT,
    received_at TEXT NOT NULL,
    PRIMARY KEY (kind, record_id)
);

CREATE TABLE tombstone (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    office_id TEXT NOT NULL,
    version TEXT NOT NULL,
    deleted_at TEXT NOT NULL,
    PRIMARY KEY (kind, id)
);
"""

# (version, SQL, Python step run after the SQL inside the same transaction or None)
MIGRATIONS = [
    (1, _V1, None),
    (2, _V2, "rebuild_search_index"),
    (3, _V3, "build_substring_index"),
    (4, _V4, None),
    (5, _V5, None),
    (6, _V6, None),
    (7, _V7, None),
    (8, _V8, "identify_office"),
]

LATEST_VERSION = MIGRATIONS[-1][0]
