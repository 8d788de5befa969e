"""The data file: one SQLite database, one connection per thread, written only inside transactions.

Pragmas, and why:
- journal_mode=WAL: readers (the GUI's table) never block the writer, and a crash mid-write
  leaves the last committed state intact.
- synchronous=FULL: the promise is "an acknowledged save survives a power cut". In WAL mode
  NORMAL survives an application crash but may lose the last commits on power loss; FULL syncs
  the WAL at every commit, which costs a few milliseconds per save and is worth it.
- foreign_keys=ON, and an explicit BEGIN IMMEDIATE for every write, so that a batch (an import,
  `add` of a JSON file) lands whole or not at all.

Threads and connections (docs/architecture.md): `store.conn` is the calling thread's own
connection, opened on its first use. SQLite then gives every thread its own view: a read on the
GUI thread sees the last COMMIT, never the rows of an import still running (and perhaps about to
be cancelled) on a worker thread. Writers of this process queue on one lock before BEGIN
IMMEDIATE, so a save on the GUI thread waits for a background import's COMMIT instead of failing
on SQLite's busy timeout; writers of other processes are kept out by the writer lock
(core/lock.py) and, failing that, by SQLite's own lock. A failed COMMIT (disk full) is rolled
back, the thread's depth counter reset and the connection left outside any transaction (or
replaced when it cannot even roll back), so the next write works. `reopen()` (after a restore)
makes every thread's connection stale: each thread reopens its own on its next use.

sqlite-utils or raw SQL:
- sqlite-utils (`store.db`, per thread) for what it is the well-kept tool for: introspection
  (`table_names`, columns), `query()`, and `Table.transform()` in a future migration step that
  must change a column (SQLite's ALTER TABLE cannot). Not for writes inside our transactions:
  sqlite-utils 3.x (the last line for Python 3.9, which the Debian 11 build for Kylin/UOS runs)
  wraps each insert/upsert in `with conn:`, which COMMITs the caller's open transaction half-way;
  4.x nests as a SAVEPOINT. The two small key/value upserts (settings, profile) are therefore
  one `INSERT … ON CONFLICT DO UPDATE` each.
- Raw SQL, always with parameters, where it is clearer or faster: the schema steps
  (core/schema.py, split by `split_statements`, a real statement splitter), the record rows
  with their derived columns, the FTS5 search tables, and the register queries
  (core/queries.py), whose covering indexes and `INDEXED BY` sqlite-utils does not express.
  Table and column names in SQL come only from the fixed lists here (COLUMNS, records.KINDS,
  SORTABLE), never from input.
"""
from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import weakref
from pathlib import Path
from typing import Iterable, Optional


from . import private_files, records, schema, search
from .exchange.identity import canonical_id, make_version, new_id, next_version, version_problem
from .dates import default_due_date, now_iso
from .errors import FileTooNew, NotADatabase, DatabaseProblem

SQLITE_HEADER = b"SQLite format 3\x00"
CACHE_KIB = 64 * 1024  # page cache per connection (PRAGMA cache_size), see _connect
CLOSE_WAIT_SECONDS = 30  # close(): how long a transaction of another thread may take to end

# Columns kept beside the JSON for sorting, filtering and statistics, per kind.
_ITEM_COLUMNS = ("session", "number", "title", "authors", "lead_unit", "assigned_date", "due_date",
                 "status", "result_class", "satisfaction", "reply_date", "doc_number")
_MEDIATION_COLUMNS = ("case_number", "committee", "accepted_date", "dispute_type", "source",
                      "outcome", "amount", "closed_date", "party_names")
_PETITION_COLUMNS = ("unit", "period") + tuple(name for name, _ in records.PETITION_COUNTS)
COLUMNS = {
    "proposal": _ITEM_COLUMNS,
    "suggestion": _ITEM_COLUMNS,
    "mediation": _MEDIATION_COLUMNS,
    "petition": _PETITION_COLUMNS,
}
SEARCHABLE = ("proposal", "suggestion", "mediation")


def derived_columns(kind: str, record: dict) -> dict:
    """The indexed columns of a record; effective values (due date, status) filled in."""
    if kind in ("proposal", "suggestion"):
        reply = record.get("reply") or {}
        return {
            "session": record["session"],
            "number": record["number"],
            "title": record["title"],
            "authors": "、".join(record.get("authors") or []),
            "lead_unit": record.get("lead_unit"),
            "assigned_date": record.get("assigned_date"),
            "due_date": record.get("due_date") or default_due_date(record.get("assigned_date")),
            "status": record.get("status") or "pending",
            "result_class": record.get("result_class"),
            "satisfaction": record.get("satisfaction"),
            "reply_date": reply.get("date"),
            "doc_number": reply.get("doc_number"),
        }
    if kind == "mediation":
        return {
            "case_number": record["case_number"],
            "committee": record["committee"],
            "accepted_date": record["accepted_date"],
            "dispute_type": record["dispute_type"],
            "source": record.get("source"),
            "outcome": record.get("outcome") or "pending",
            "amount": record.get("amount"),
            "closed_date": record.get("closed_date"),
            "party_names": "、".join(p.get("name", "") for p in record.get("parties") or []),
        }
    row = {"unit": record["unit"], "period": record["period"]}
    for name, _ in records.PETITION_COUNTS:
        row[name] = record.get(name) or 0
    return row


def search_text(kind: str, record: dict) -> str:
    """Schema step 2's token text (step 3 replaced that index: see search.index)."""
    if kind in ("proposal", "suggestion"):
        reply = record.get("reply") or {}
        return search.index_text(record.get("title"), " ".join(record.get("authors") or []),
                                 reply.get("title"), reply.get("opening"), reply.get("body"))
    if kind == "mediation":
        names = " ".join(p.get("name", "") for p in record.get("parties") or [])
        return search.index_text(record.get("case_number"), names, record.get("facts"))
    return ""


def check_file_header(path: Path) -> None:
    """Refuse a file that is not SQLite before SQLite gets to write anything to it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with open(path, "rb") as fh:
        head = fh.read(100)
    if not head.startswith(SQLITE_HEADER):
        raise NotADatabase(f"文件“{path}”不是本软件的数据文件（不是SQLite数据库），未做任何修改。")
    if len(head) < 100:
        raise NotADatabase(f"数据文件“{path}”已截断或损坏（文件头不完整），未做任何修改。")


def read_user_version(path: Path) -> int:
    """The schema version of an existing file, read without writing to it."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            return conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise NotADatabase(f"数据文件“{path}”已损坏，无法读取（{exc}），未做任何修改。") from exc


class _Connection(sqlite3.Connection):
    """A connection that counts its own COMMITs: the register cache (core/queries.py) keys on
    them together with PRAGMA data_version (which counts the COMMITs of other connections);
    unlike total_changes, neither moves on a rolled-back write."""

    commits = 0


class _Owned:
    """What one thread holds in the store: its connection and how deep it is in a transaction.
    When the thread ends Python drops it, and the finaliser closes the connection."""

    def __init__(self, store: "Store", conn: sqlite3.Connection, generation: int):
        self.conn = conn
        self.generation = generation
        self.depth = 0
        self.db = None
        # Weakly: a strong reference here would keep the store (and so this object) alive.
        weakref.finalize(self, _forget_weakly, weakref.ref(store), conn)


def _forget_weakly(store_ref, conn: sqlite3.Connection) -> None:
    store = store_ref()
    if store is not None:
        store._forget_connection(conn)
    else:
        with contextlib.suppress(sqlite3.Error):
            conn.close()


class Store:
    """An open data file. Use `Store.open(path)`; close with `close()` or a `with` block."""

    def __init__(self, conn: Optional[sqlite3.Connection], path: Path):
        """`conn`, if given, becomes the calling thread's connection (bench/make_data.py)."""
        self.path = Path(path)
        self._local = threading.local()
        self._connections: dict = {}  # id -> every connection still open, of any thread
        self._connections_lock = threading.Lock()
        # Writers of this process take turns here before BEGIN IMMEDIATE (see the docstring).
        self._writer = threading.RLock()
        self._generation = 0
        self._closed = False
        if conn is not None:
            self._adopt(conn)

    # ----------------------------------------------------------------- connections
    @property
    def conn(self) -> sqlite3.Connection:
        """The calling thread's connection (opened on first use)."""
        return self._owned().conn

    @property
    def db(self):
        """sqlite-utils over this thread's connection, made on first use: importing sqlite-utils
        (which pulls in numpy when installed) costs ~0.3 s of every start-up otherwise."""
        owned = self._owned()
        if owned.db is None:
            import sqlite_utils

            owned.db = sqlite_utils.Database(owned.conn)
        return owned.db

    def _owned(self) -> _Owned:
        if self._closed:
            raise DatabaseProblem(f"数据文件“{self.path}”已关闭。")
        owned = getattr(self._local, "owned", None)
        if owned is not None and owned.generation == self._generation:
            return owned
        if owned is not None:  # a connection from before reopen(): this thread replaces it
            if owned.depth:
                raise DatabaseProblem("数据文件已重新打开，进行中的操作未保存，请重试。")
            self._forget_connection(owned.conn)
        return self._adopt(self._connect())

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False,
                               timeout=10, factory=_Connection)
        try:
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA busy_timeout=10000")
            # 64 MB of page cache (SQLite's default is 2 MB), taken only as pages are read: an
            # import of 100,000 replies in one transaction touches ~15 sort indexes and two
            # search indexes at random places, and with 2 MB the dirty pages spilled to the
            # WAL and were read back over and over (issue 16: the add grew 39x from 10,000
            # to 100,000 records). Durability is unchanged (synchronous=FULL, one COMMIT).
            conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise DatabaseProblem(f"无法打开数据文件“{self.path}”：{exc}") from exc
        return conn

    def _adopt(self, conn: sqlite3.Connection) -> _Owned:
        owned = _Owned(self, conn, self._generation)
        with self._connections_lock:
            self._connections[id(conn)] = conn
        self._local.owned = owned
        return owned

    def _forget_connection(self, conn: sqlite3.Connection) -> None:
        with self._connections_lock:
            self._connections.pop(id(conn), None)
        with contextlib.suppress(sqlite3.Error):
            conn.close()

    def connection_count(self) -> int:
        """How many connections are open (tests: threads that ended gave theirs back)."""
        with self._connections_lock:
            return len(self._connections)

    # ----------------------------------------------------------------- opening and migrating
    @classmethod
    def open(cls, path, *, backup_dir: Optional[Path] = None) -> "Store":
        store = cls(None, Path(path))
        store._open(backup_dir)
        return store

    def _open(self, backup_dir: Optional[Path]) -> None:
        """Check, back up before an upgrade, connect this thread and migrate."""
        path = self.path
        from .health import ensure_usable  # read-only start-up check: damaged/foreign/too new

        ensure_usable(path)
        check_file_header(path)
        existed = path.exists() and path.stat().st_size > 0
        version = read_user_version(path) if existed else 0
        if version > schema.LATEST_VERSION:
            raise FileTooNew(
                f"数据文件“{path}”由更新版本的法治办公助手创建（数据版本{version}，本程序支持到"
                f"{schema.LATEST_VERSION}）。请升级软件后再打开，文件未做任何修改。")
        if existed and version < schema.LATEST_VERSION:
            from .backup import backup_before_migration
            backup_before_migration(path, version, backup_dir=backup_dir)
        path.parent.mkdir(parents=True, exist_ok=True)
        if str(path) != ":memory:" and not path.exists():
            private_files.create_private_file(path)  # 0600 whatever the umask; -wal/-shm follow
        owned = self._adopt(self._connect())
        try:
            self._configure()
            self._migrate(version)
            private_files.secure_store(self)  # older installations: tighten, note it once
        except sqlite3.DatabaseError as exc:
            self._forget_connection(owned.conn)
            raise DatabaseProblem(f"无法打开数据文件“{path}”：{exc}") from exc
        except BaseException:
            self._forget_connection(owned.conn)
            raise

    def reopen(self, *, backup_dir: Optional[Path] = None) -> None:
        """Open the file again after it was replaced (a restored backup), migrating it if the
        backup is of an older schema. Every thread's connection becomes stale and is replaced on
        that thread's next use; the calling thread must not be inside a transaction."""
        with self._writer:
            if self._depth:
                raise RuntimeError("reopen() inside a transaction")
            self._generation += 1
            old = getattr(self._local, "owned", None)
            if old is not None:
                self._forget_connection(old.conn)
                self._local.owned = None
            self._open(backup_dir)

    @classmethod
    def open_readonly(cls, path) -> "Store":
        """The file for reading only (commands that only read: core/access.py checks it first):
        nothing is created, migrated, checkpointed or otherwise written (health.open_readonly)."""
        from .health import open_readonly

        path = Path(path)
        try:
            return cls(open_readonly(path), path)
        except sqlite3.Error as exc:
            raise DatabaseProblem(f"无法读取数据文件“{path}”：{exc}。文件未做任何修改。") from exc

    def _configure(self) -> None:
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute("PRAGMA busy_timeout=10000")

    def _migrate(self, version: int) -> None:
        for target, sql, step in schema.MIGRATIONS:
            if target <= version:
                continue
            with self.transaction():
                for statement in split_statements(sql):
                    self.conn.execute(statement)
                if step:
                    getattr(self, "_" + step)()
                self.conn.execute(f"PRAGMA user_version={int(target)}")

    def _rebuild_search_index(self) -> None:
        for kind in SEARCHABLE:
            self.conn.execute(f"DELETE FROM {kind}_search")
            for seq, data in self.conn.execute(f"SELECT seq, data FROM {kind}"):
                self.conn.execute(f"INSERT INTO {kind}_search(rowid, text) VALUES (?, ?)",
                                  (seq, search_text(kind, json.loads(data))))

    def _identify_office(self) -> None:
        """Schema step 8: this installation's office UUID, made once; existing records become
        this office's, at version 1, under their canonical (lowercase) ids."""
        own = new_id()
        profile = self.load_profile() or {}
        self.conn.execute("INSERT INTO office(id, name, own, first_seen_at) VALUES (?, ?, 1, ?)",
                          (own, profile.get("authority") or "", now_iso()))
        for statement in split_statements(schema.step8_columns(own, make_version(1, own))):
            self.conn.execute(statement)
        for kind in records.KINDS:
            for (rid,) in self.conn.execute(f"SELECT id FROM {kind}").fetchall():
                canon = canonical_id(rid)
                if canon and canon != rid and self.find_seq(kind, canon, deleted=None) is None:
                    self.conn.execute(f"UPDATE {kind} SET id = ? WHERE id = ?", (canon, rid))

    @property
    def office_id(self) -> str:
        """This installation's office UUID (schema step 8 made it)."""
        if getattr(self, "_office_id", None) is None:
            row = self.conn.execute("SELECT id FROM office WHERE own = 1").fetchone()
            self._office_id = row[0]
        return self._office_id

    def office_of(self, kind: str, record_id) -> Optional[str]:
        """The office a stored record (live or in the bin) was created in."""
        row = self.conn.execute(f"SELECT office_id FROM {kind} WHERE id = ?",
                                (record_id,)).fetchone()
        return row[0] if row else None

    def _build_substring_index(self) -> None:
        """Schema step 3: fill the pair and trigram search tables (core/search.py)."""
        for kind in SEARCHABLE:
            rows = self.conn.execute(f"SELECT seq, data FROM {kind}")
            search.rebuild(self.conn, kind, ((seq, json.loads(data)) for seq, data in rows))

    @property
    def version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        """Close every thread's connection. Background jobs must have ended (gui/ops.py stops
        and waits for them at quit): a job still reading would find its connection closed."""
        if self._closed:
            return
        # A transaction still running on another thread may end first (a closed connection
        # would roll it back: whole or nothing either way, but its work lost).
        waited = self._writer.acquire(timeout=CLOSE_WAIT_SECONDS)
        try:
            owned = getattr(self._local, "owned", None)
            if owned is not None and owned.generation == self._generation:
                with contextlib.suppress(sqlite3.Error):
                    # Bounded: SQLite 3.40's optimize re-ran a full ANALYZE of every register
                    # it had queried at each close (0.1 s at 10,000 proposals, ~1 s at 100,000,
                    # in every command and window close); 400 rows per index is SQLite's own
                    # recommendation and gives the planner the same choices (issue 16).
                    owned.conn.execute("PRAGMA analysis_limit=400")
                    owned.conn.execute("PRAGMA optimize")
            self._closed = True
            with self._connections_lock:
                connections = list(self._connections.values())
                self._connections.clear()
            for conn in connections:
                with contextlib.suppress(sqlite3.Error):
                    conn.close()
        finally:
            if waited:
                self._writer.release()

    @property
    def closed(self) -> bool:
        return self._closed

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ----------------------------------------------------------------- transactions
    @contextlib.contextmanager
    def transaction(self):
        """BEGIN IMMEDIATE ... COMMIT on this thread's connection; nested use in the same thread
        joins the outer transaction, another thread waits until it has ended.

        Any failure, the COMMIT's own included (a full disk), rolls back and re-raises: the
        depth is 0 again and the connection outside any transaction, ready for the next one.
        """
        owned = getattr(self._local, "owned", None)
        if owned is not None and owned.depth:
            owned.depth += 1
            try:
                yield
            finally:
                owned.depth -= 1
            return
        with self._writer:
            owned = self._owned()  # under the lock: a reopen() cannot slip in between
            conn = owned.conn
            conn.execute("BEGIN IMMEDIATE")
            owned.depth = 1
            try:
                yield
                owned.depth = 0
                conn.execute("COMMIT")
            except BaseException:
                owned.depth = 0
                self._roll_back(owned)
                raise
            with contextlib.suppress(AttributeError):  # a plain connection handed to __init__
                conn.commits += 1

    def _roll_back(self, owned: _Owned) -> None:
        """Undo the thread's open transaction; a connection that cannot is replaced."""
        conn = owned.conn
        try:
            if conn.in_transaction:  # SQLite may already have rolled back (SQLITE_FULL)
                conn.execute("ROLLBACK")
        except sqlite3.Error:
            if self._local.__dict__.get("owned") is owned:
                self._local.owned = None
            self._forget_connection(conn)

    @property
    def _depth(self) -> int:
        """How deep the calling thread is in its own transaction (0: none)."""
        owned = getattr(self._local, "owned", None)
        return owned.depth if owned is not None else 0

    # ----------------------------------------------------------------- records
    def find_seq(self, kind: str, record_id: str, *, deleted: Optional[bool] = False):
        """The row number of a record by id; deleted=None finds it live or in the bin."""
        sql = f"SELECT seq, deleted_at FROM {kind} WHERE id = ?"
        row = self.conn.execute(sql, (record_id,)).fetchone()
        if row is None:
            return None
        if deleted is None or bool(row[1]) == deleted:
            return row[0]
        return None

    def find_by_key(self, kind: str, record: dict, office_id: Optional[str] = None) -> Optional[str]:
        """The id of the live record holding this record's natural key in its office (the one
        given, else the record's own office_id, else this office), if any."""
        office = office_id or canonical_id(record.get("office_id")) or self.office_id
        names = records.KEY_FIELDS[kind]
        where = " AND ".join(f"{n} = ?" for n in names)
        row = self.conn.execute(
            f"SELECT id FROM {kind} WHERE office_id = ? AND {where} AND deleted_at IS NULL",
            (office,) + tuple(record.get(n) for n in names)).fetchone()
        return row[0] if row else None

    def load(self, kind: str, record_id: str, *, include_deleted: bool = False) -> Optional[dict]:
        row = self.conn.execute(
            f"SELECT data, id, created_at, updated_at, office_id, version, deleted_at FROM {kind} "
            "WHERE id = ?", (record_id,)).fetchone()
        if row is None or (row[6] and not include_deleted):
            return None
        return _with_meta(row)

    def load_many(self, kind: str, where: str = "deleted_at IS NULL", params=(),
                  order: str = "seq") -> list:
        sql = (f"SELECT data, id, created_at, updated_at, office_id, version FROM {kind} WHERE {where} "
               f"ORDER BY {order}")
        return [_with_meta(row) for row in self.conn.execute(sql, params)]

    def write(self, kind: str, record: dict, *, record_id: str, action: str,
              before: Optional[dict], travel: Optional[dict] = None,
              insert: Optional[bool] = None) -> dict:
        """Insert or replace one record's row, its search text and its audit entry.

        Identity (docs/exchange.md): a new record keeps the office_id and version it comes with
        (a record from another installation), else it is this office's at version 1; an edit
        keeps the record's office and moves its version on, unless nothing changed. `travel`
        (the merge of a data package) sets office_id, version, merged_version, created_at and
        updated_at exactly as the other office sent them, and deleted_at (a deletion travels).
        `insert` (default: action == "create") says whether the row is new.
        Must be called inside `transaction()`; returns the record as stored (with meta).
        """
        assert self._depth, "write() outside a transaction"
        now = now_iso()
        body = {k: v for k, v in record.items() if k not in records.META_FIELDS}
        created = (before or {}).get("created_at") or record.get("created_at") or now
        own = self.office_id
        insert = action == "create" if insert is None else insert
        deleted = None
        if travel is not None:
            deleted = travel.get("deleted_at")
            office_id, version = travel["office_id"], travel["version"]
            merged = travel.get("merged_version", version)
            created = travel.get("created_at") or created
            now = travel.get("updated_at") or now
        elif insert:
            given = record.get("version")
            version = given if version_problem(given) is None else make_version(1, own)
            office_id = canonical_id(record.get("office_id")) or own
            merged = None
            if given == version and record.get("updated_at"):
                now = record["updated_at"]  # a record from elsewhere keeps its own history
        else:
            row = self.conn.execute(
                f"SELECT office_id, version, merged_version, data, updated_at FROM {kind} "
                "WHERE id = ?", (record_id,)).fetchone()
            office_id, version, merged = row[0], row[1], row[2]
            if json.loads(row[3]) != body:
                version = next_version(version, own)
            else:
                now = row[4]  # nothing changed: no new version, no new time
        columns = derived_columns(kind, body)
        data = json.dumps(body, ensure_ascii=False)
        # The search index keeps no text (contentless): removing the old entry needs the text it
        # was indexed from, so read it before the row changes.
        indexed = None
        if not insert and kind in SEARCHABLE:
            indexed = before or self.load(kind, record_id, include_deleted=True)
        if insert:
            names = ("id",) + tuple(columns) + ("data", "created_at", "updated_at", "office_id",
                                                "version", "merged_version", "deleted_at")
            values = (record_id,) + tuple(columns.values()) + (data, created, now, office_id,
                                                               version, merged, deleted)
            seq = self.conn.execute(
                f"INSERT INTO {kind} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                values).lastrowid
        else:
            sets = ", ".join(f"{n} = ?" for n in columns)
            # Only a travelling record brings its own created_at and deleted_at.
            extra = ", created_at = ?, deleted_at = ?" if travel is not None else ""
            self.conn.execute(
                f"UPDATE {kind} SET {sets}, data = ?, updated_at = ?, office_id = ?, version = ?, "
                f"merged_version = ?{extra} WHERE id = ?",
                tuple(columns.values()) + (data, now, office_id, version, merged)
                + ((created, deleted) if travel is not None else ()) + (record_id,))
        if not insert:
            seq = self.find_seq(kind, record_id, deleted=None)
        if kind in SEARCHABLE:
            search.reindex(self.conn, kind, seq, indexed, body)
        after = dict(body, id=record_id, created_at=created, updated_at=now, office_id=office_id,
                     version=version)
        self.audit(kind, record_id, action, before, after)
        return after

    def set_deleted(self, kind: str, record_id: str, deleted: bool, *,
                    travel: Optional[dict] = None) -> None:
        """Into the recycle bin or out of it. Either is an edit that travels: the version moves
        on (or, for a deletion arriving in a package, takes the sender's version)."""
        assert self._depth
        value = now_iso() if deleted else None
        if travel is not None:
            value = (travel.get("deleted_at") or value) if deleted else None
            self.conn.execute(
                f"UPDATE {kind} SET deleted_at = ?, version = ?, merged_version = ? WHERE id = ?",
                (value, travel["version"], travel.get("merged_version", travel["version"]),
                 record_id))
            return
        row = self.conn.execute(f"SELECT version FROM {kind} WHERE id = ?", (record_id,)).fetchone()
        version = next_version(row[0] if row else None, self.office_id)
        self.conn.execute(f"UPDATE {kind} SET deleted_at = ?, version = ? WHERE id = ?",
                          (value, version, record_id))

    def purge(self, kind: str, record_id: str) -> None:
        assert self._depth
        row = self.conn.execute(
            f"SELECT seq, data, office_id, version, deleted_at FROM {kind} WHERE id = ?",
            (record_id,)).fetchone()
        if kind in SEARCHABLE and row is not None:
            search.unindex(self.conn, kind, row[0], json.loads(row[1]))
        if row is not None:
            # The tombstone outlives the row: an old package must not bring the record back.
            self.conn.execute(
                "INSERT OR REPLACE INTO tombstone(kind, id, office_id, version, deleted_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (kind, record_id, row[2] or self.office_id,
                 next_version(row[3], self.office_id), row[4] or now_iso()))
        self.conn.execute(f"DELETE FROM {kind} WHERE id = ?", (record_id,))

    def audit(self, kind: str, record_id: str, action: str, before, after) -> None:
        self.conn.execute(
            "INSERT INTO audit(at, kind, record_id, action, before, after) VALUES (?,?,?,?,?,?)",
            (now_iso(), kind, record_id, action,
             json.dumps(before, ensure_ascii=False) if before is not None else None,
             json.dumps(after, ensure_ascii=False) if after is not None else None))

    # ----------------------------------------------------------------- profile and settings
    def load_profile(self) -> Optional[dict]:
        row = self.conn.execute("SELECT data FROM profile WHERE id = 1").fetchone()
        return json.loads(row[0]) if row else None

    def save_profile(self, profile: dict) -> None:
        with self.transaction():
            before = self.load_profile()
            self.conn.execute(
                "INSERT INTO profile(id, data, updated_at) VALUES (1, ?, ?) ON CONFLICT(id) "
                "DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
                (json.dumps(profile, ensure_ascii=False), now_iso()))
            self.audit("profile", "profile", "create" if before is None else "update",
                       before, profile)

    def get_setting(self, key: str, default=None):
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set_setting(self, key: str, value) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) "
                "DO UPDATE SET value = excluded.value", (key, json.dumps(value, ensure_ascii=False)))

    def query(self, sql: str, params: Iterable = ()) -> list:
        """Rows of a read-only query as dicts (sqlite-utils)."""
        return list(self.db.query(sql, tuple(params)))


def _with_meta(row) -> dict:
    """data, id, created_at, updated_at[, office_id, version] -> the record with its meta."""
    record = json.loads(row[0])
    meta = {"id": row[1], **record, "created_at": row[2], "updated_at": row[3]}
    if len(row) > 5:
        meta.update(office_id=row[4], version=row[5])
    return meta


def split_statements(sql: str) -> list:
    """The statements of a script, split where SQLite itself says a statement ends
    (sqlite3.complete_statement): a ';' inside a string, a comment or a trigger's body does
    not end one. Raises ValueError on an unfinished last statement."""
    statements, pending = [], ""
    for piece in sql.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if _has_code(pending):
                statements.append(pending.strip())
            pending = ""
    if _has_code(pending[:-1]):  # the split added a ';' after the last piece
        raise ValueError(f"unfinished SQL statement: {pending[:80]!r}")
    return statements


def _has_code(text: str) -> bool:
    """Whether SQL text holds more than whitespace, ';' and comments."""
    lines = [line.split("--", 1)[0] for line in text.splitlines()]
    stripped = "".join(lines).replace(";", "").strip()
    return bool(stripped)


