"""Crash-safety proof: SIGKILL the app's own write path at random moments and check the file.

A child process opens a real data file through Registry and adds, updates and batch-adds
proposals in a loop, printing `ACK <id> <hash>` after every committed save (`PENDING` lines
before, so a save cut short may or may not have landed). The parent kills it with SIGKILL at a
random moment, then checks: the start-up check passes, PRAGMA integrity_check and the search
index's own check say ok, every acknowledged record is present with the content of its last
acknowledged version (or of the later one being written), nothing unannounced appeared, and a
batch (add_many) landed whole or not at all. A second part kills `fazhi-desktop add` of a large
JSON file half-way and checks it landed whole or not at all.

    python scripts/kill_test.py --kills 200          # the full run (docs/reliability.md)
    python scripts/kill_test.py --kills 25 --big 2   # the short form the test suite runs
POSIX only (SIGKILL).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

SESSION = "区政协六届一次会议"
_WORDS = "法治政府建设示范创建乡村振兴人民调解信访代理行政执法监督普法宣传教育责任清单"


def content_hash(record: dict) -> str:
    """The record's own fields (no id/timestamps), canonical JSON, sha256 (16 hex digits)."""
    body = {k: v for k, v in record.items() if k not in ("id", "created_at", "updated_at")}
    text = json.dumps(body, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def make_record(rng: random.Random, record_id: str | None = None, size: int | None = None) -> dict:
    size = size if size is not None else rng.choice((50, 300, 1000, 3000))
    body = "".join(rng.choice(_WORDS) for _ in range(size))
    record = {
        "session": SESSION,
        "number": rng.randrange(1, 2_000_000_000),
        "title": "关于" + "".join(rng.choice(_WORDS) for _ in range(rng.randrange(4, 20))) + "的提案",
        "authors": ["张" + rng.choice(_WORDS)],
        "lead_unit": "湛河区司法局",
        "assigned_date": "2026-0%d-1%d" % (rng.randrange(1, 9), rng.randrange(0, 9)),
        "reply": {"body": body},
    }
    if record_id:
        record["id"] = record_id
    return record


# --------------------------------------------------------------------------- the child
def child(db: str, seed: int) -> None:
    """Write forever through Registry; acknowledge each committed save on stdout."""
    from fazhi_desktop.core.errors import ValidationError
    from fazhi_desktop.core.registry import Registry

    rng = random.Random(seed)
    registry = Registry.open(db)
    ids = [row[0] for row in registry.store.conn.execute(
        "SELECT id FROM proposal WHERE deleted_at IS NULL")]
    out = sys.stdout
    out.write("READY\n")
    out.flush()
    while True:
        roll = rng.random()
        try:
            if roll < 0.30 or not ids:
                record = make_record(rng, str(uuid.uuid4()))
                out.write(f"PENDING {record['id']} {content_hash(record)}\n")
                out.flush()
                registry.save("proposal", record)
                ids.append(record["id"])
                out.write(f"ACK {record['id']} {content_hash(record)}\n")
            elif roll < 0.95:
                record = registry.get("proposal", rng.choice(ids))
                record["title"] = record["title"][:60] + rng.choice(_WORDS)
                record["reply"] = {"body": "".join(rng.choice(_WORDS)
                                                   for _ in range(rng.choice((30, 300, 1500, 4000))))}
                out.write(f"PENDING {record['id']} {content_hash(record)}\n")
                out.flush()
                registry.save("proposal", record)
                out.write(f"ACK {record['id']} {content_hash(record)}\n")
            else:
                batch = [make_record(rng, str(uuid.uuid4()), size=rng.choice((100, 1500)))
                         for _ in range(rng.randrange(5, 25))]
                out.write("BATCH " + " ".join(f"{r['id']}:{content_hash(r)}" for r in batch) + "\n")
                out.flush()
                registry.add_many("proposal", batch)
                ids.extend(r["id"] for r in batch)
                out.write("".join(f"ACK {r['id']} {content_hash(r)}\n" for r in batch))
            out.flush()
        except ValidationError:
            continue  # a random number collided with an existing one: not a durability matter


# --------------------------------------------------------------------------- the parent
class Ledger:
    """What the children acknowledged and what they were in the middle of writing."""

    def __init__(self):
        self.acked: dict = {}  # id -> hash of the last acknowledged (or later committed) version
        self.pending: dict = {}  # id -> hashes written after the last acknowledgement
        self.batches: list = []  # open batches: [(id, hash), ...] not acknowledged yet

    def feed(self, lines: list) -> int:
        acks = 0
        for line in lines:
            parts = line.split()
            if not parts:
                continue
            if parts[0] == "PENDING" and len(parts) == 3:
                self.pending.setdefault(parts[1], set()).add(parts[2])
            elif parts[0] == "ACK" and len(parts) == 3:
                self.acked[parts[1]] = parts[2]
                self.pending.pop(parts[1], None)
                acks += 1
            elif parts[0] == "BATCH":
                members = [tuple(p.split(":")) for p in parts[1:]]
                self.batches.append(members)
                for rid, digest in members:
                    self.pending.setdefault(rid, set()).add(digest)
        self.batches = [b for b in self.batches if any(rid not in self.acked for rid, _ in b)]
        return acks

    def check(self, found: dict) -> tuple:
        """(lost acknowledged records, problems) of the file's content `found` (id -> hash)."""
        lost, problems = [], []
        for rid, digest in self.acked.items():
            allowed = {digest} | self.pending.get(rid, set())
            if rid not in found:
                lost.append(rid)
                problems.append(f"acknowledged record {rid} missing")
            elif found[rid] not in allowed:
                lost.append(rid)
                problems.append(f"acknowledged record {rid} has content {found[rid]}, expected {allowed}")
        for rid, digest in found.items():
            if rid not in self.acked and digest not in self.pending.get(rid, set()):
                problems.append(f"record {rid} appeared that was never written")
        for batch in self.batches:
            present = sum(1 for rid, _ in batch if rid in found)
            if present not in (0, len(batch)):
                problems.append(f"a batch of {len(batch)} landed partly ({present})")
        return lost, problems

    def settle(self, found: dict) -> None:
        """After a check: what is in the file is now the baseline (it is committed)."""
        for rid in list(self.pending):
            if rid in found:
                self.acked[rid] = found[rid]
            self.pending.pop(rid)
        self.batches = []


def read_file_state(db: Path) -> tuple:
    """(problems, {id: hash}) of the data file as the app would find it after the crash."""
    from fazhi_desktop.core.health import check_file

    problems = []
    finding = check_file(db)
    if finding is not None:
        problems.append(f"start-up check: {finding.code} {finding.detail}")
    conn = sqlite3.connect(str(db))
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if rows != ["ok"]:
            problems.append("integrity_check: " + "; ".join(rows[:5]))
        fts = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%USING fts5%'")]
        for table in fts:  # the search indexes' own consistency check
            try:
                conn.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
            except sqlite3.DatabaseError as exc:
                problems.append(f"search index {table}: {exc}")
        found = {rid: content_hash(json.loads(data)) for rid, data in conn.execute(
            "SELECT id, data FROM proposal WHERE deleted_at IS NULL")}
    finally:
        conn.close()
    return problems, found


def _spawn(args: list) -> tuple:
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8", cwd=str(REPO))
    lines: list = []
    ready = threading.Event()

    def pump():
        for line in proc.stdout:
            lines.append(line.rstrip("\n"))
            if line.startswith("READY"):
                ready.set()
        ready.set()

    thread = threading.Thread(target=pump, daemon=True)
    thread.start()
    return proc, lines, ready, thread


def kill_loop(workdir: Path, kills: int, rng: random.Random, max_delay: float, log) -> dict:
    db = workdir / "kill.sqlite3"
    ledger = Ledger()
    stats = {"kills": 0, "damaged_files": 0, "lost_acknowledged": 0, "acknowledged_saves": 0,
             "problems": [], "kills_before_ready": 0}
    for n in range(kills):
        proc, lines, ready, thread = _spawn(
            [sys.executable, str(Path(__file__).resolve()), "--child", str(db),
             "--seed", str(rng.randrange(1 << 30))])
        if rng.random() < 0.1:
            time.sleep(rng.uniform(0.0, 0.4))  # sometimes while it opens (recovery, migration)
            stats["kills_before_ready"] += not ready.is_set()
        else:
            ready.wait(60)
            time.sleep(rng.uniform(0.0, max_delay))
        if proc.poll() is not None:
            raise RuntimeError("the writer died by itself:\n" + proc.stderr.read())
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        thread.join(10)
        proc.stdout.close()
        proc.stderr.close()
        stats["kills"] += 1
        stats["acknowledged_saves"] += ledger.feed(lines)
        problems, found = read_file_state(db) if db.exists() else ([], {})
        lost, content_problems = ledger.check(found)
        if problems:
            stats["damaged_files"] += 1
        stats["lost_acknowledged"] += len(lost)
        for text in problems + content_problems:
            stats["problems"].append(f"kill {n + 1}: {text}")
        ledger.settle(found)
        log(f"kill {n + 1}/{kills}: {len(found)} records, "
            f"{'OK' if not problems and not content_problems else 'PROBLEM'}")
    stats["records_at_end"] = len(ledger.acked)
    stats["file_mb"] = round(db.stat().st_size / 1048576, 1) if db.exists() else 0
    return stats


def big_add_kills(workdir: Path, runs: int, rng: random.Random, log, records: int = 2500) -> dict:
    """Kill `fazhi-desktop add proposal big.json` half-way: all of it or none of it."""
    from fazhi_desktop.core.registry import Registry

    big = workdir / "big.json"
    items = [make_record(rng, str(uuid.uuid4()), size=1500) for _ in range(records)]
    for i, item in enumerate(items):
        item["number"] = 10_000_000 + i  # unique inside the file
    big.write_text(json.dumps(items, ensure_ascii=False), "utf-8")
    wanted = {item["id"]: content_hash(item) for item in items}
    stats = {"runs": 0, "killed_midway": 0, "completed_before_kill": 0, "partial": 0,
             "damaged_files": 0, "json_mb": round(big.stat().st_size / 1048576, 1)}
    for n in range(runs):
        db = workdir / f"big-{n}.sqlite3"
        with Registry.open(db) as registry:
            registry.save("proposal", make_record(rng))
        wal = Path(str(db) + "-wal")
        threshold = rng.uniform(0.5, 6.0) * 1048576
        proc = subprocess.Popen([sys.executable, "-m", "fazhi_desktop", "--db", str(db), "add",
                                 "proposal", str(big)], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, cwd=str(REPO))
        while proc.poll() is None:
            if wal.exists() and wal.stat().st_size > threshold:
                break
            time.sleep(0.002)
        finished = proc.poll() is not None
        if not finished:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        stats["runs"] += 1
        problems, found = read_file_state(db)
        landed = sum(1 for rid, digest in wanted.items() if found.get(rid) == digest)
        stats["damaged_files"] += bool(problems)
        if landed not in (0, len(wanted)) or len(found) != 1 + landed:
            stats["partial"] += 1
        if finished:
            stats["completed_before_kill"] += 1
        elif landed == 0:
            stats["killed_midway"] += 1
        log(f"big add {n + 1}/{runs}: killed at WAL {threshold / 1048576:.1f} MB, "
            f"{landed} of {len(wanted)} landed{' (finished first)' if finished else ''}")
    return stats


def old_file(path: Path, rng: random.Random, records: int) -> dict:
    """A data file at schema version 1 (the first release) holding `records` proposals."""
    from fazhi_desktop.core import schema
    from fazhi_desktop.core.store import derived_columns

    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    version, sql, _ = schema.MIGRATIONS[0]
    conn.execute("BEGIN")
    for statement in (s.strip() for s in sql.split(";")):
        if statement:
            conn.execute(statement)
    present = {row[1] for row in conn.execute("PRAGMA table_info(proposal)")}
    wanted = {}
    for i in range(records):
        record = make_record(rng, str(uuid.uuid4()), size=1500)
        record["number"] = 20_000_000 + i
        body = {k: v for k, v in record.items() if k != "id"}
        columns = {k: v for k, v in derived_columns("proposal", body).items() if k in present}
        names = ("id",) + tuple(columns) + ("data", "created_at", "updated_at")
        conn.execute(f"INSERT INTO proposal ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                     (record["id"], *columns.values(), json.dumps(body, ensure_ascii=False),
                      "2024-01-01T00:00:00+08:00", "2024-01-01T00:00:00+08:00"))
        wanted[record["id"]] = content_hash(record)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute("COMMIT")
    conn.close()
    return wanted


def upgrade_kills(workdir: Path, runs: int, rng: random.Random, log, records: int = 600) -> dict:
    """Kill the first start of a new version on an old file, in the middle of its upgrade:
    the file must stay whole at some version, keep every record, and finish upgrading next time."""
    from fazhi_desktop.core import schema
    from fazhi_desktop.core.registry import Registry

    from fazhi_desktop.core.backup import list_backups

    stats = {"runs": 0, "killed_midway": 0, "damaged_files": 0, "lost_records": 0,
             "versions_after_kill": [], "backed_up_first": 0}
    for n in range(runs):
        db = workdir / f"old-{n}.sqlite3"
        wanted = old_file(db, rng, records)
        delay = rng.uniform(0.0, 0.8)  # after the upgrade began; 600 records take ~2-3 s here
        nothing = workdir / "nothing.json"  # a writing command: only those upgrade (dump refuses)
        nothing.write_text("[]", "utf-8")
        proc = subprocess.Popen([sys.executable, "-m", "fazhi_desktop", "--db", str(db), "add",
                                 "petition", str(nothing)], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, cwd=str(REPO))
        backups = db.parent / "backups"
        while proc.poll() is None and not any(backups.glob(f"{db.stem}-*-升级前.sqlite3")):
            time.sleep(0.002)  # the upgrade starts right after its backup is in place
        try:
            proc.wait(delay)
        except subprocess.TimeoutExpired:
            pass
        finished = proc.poll() is not None
        if not finished:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        stats["runs"] += 1
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.close()
        stats["versions_after_kill"].append(version)
        stats["backed_up_first"] += any(b.reason == "migration" for b in list_backups(db))
        stats["killed_midway"] += not finished and version < schema.LATEST_VERSION
        problems, found = read_file_state(db)
        lost = sum(1 for rid, digest in wanted.items() if found.get(rid) != digest)
        with Registry.open(db) as registry:  # the next start finishes the upgrade
            upgraded = registry.store.version == schema.LATEST_VERSION
        problems2, found2 = read_file_state(db)
        lost += sum(1 for rid, digest in wanted.items() if found2.get(rid) != digest)
        stats["damaged_files"] += bool(problems or problems2 or not upgraded)
        stats["lost_records"] += lost
        log(f"upgrade {n + 1}/{runs}: killed {delay:.1f} s into the upgrade at version "
            f"{version}{' (finished first)' if finished else ''}, {lost} lost")
    return stats


def run(kills: int = 200, big: int = 5, seed: int | None = None, workdir: Path | None = None,
        max_delay: float = 0.8, log=print, upgrades: int = 0) -> dict:
    seed = seed if seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="fazhi-kill-") as tmp:
        folder = Path(workdir) if workdir else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        result = kill_loop(folder, kills, rng, max_delay, log)
        result["big_add"] = big_add_kills(folder, big, rng, log) if big else {}
        result["upgrade"] = upgrade_kills(folder, upgrades, rng, log) if upgrades else {}
    result["seed"] = seed
    result["seconds"] = round(time.monotonic() - started, 1)
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--big", type=int, default=5, help="kills of a large `add` (default 5)")
    parser.add_argument("--upgrades", type=int, default=5,
                        help="kills of the upgrade of an old (version 1) file (default 5)")
    parser.add_argument("--seed", type=int)
    parser.add_argument("--max-delay", type=float, default=0.8)
    parser.add_argument("--dir", help="keep the files here instead of a temporary folder")
    parser.add_argument("--child", metavar="DB", help=argparse.SUPPRESS)
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.seed or 0)
        return 0
    log = (lambda *_: None) if args.quiet else (lambda text: print(text, flush=True))
    result = run(args.kills, args.big, args.seed, Path(args.dir) if args.dir else None,
                 args.max_delay, log, upgrades=args.upgrades)
    big = result["big_add"]
    print(f"\nkills: {result['kills']} (of which {result['kills_before_ready']} while opening)")
    print(f"acknowledged saves: {result['acknowledged_saves']}, records at end: "
          f"{result['records_at_end']}, file {result['file_mb']} MB")
    print(f"damaged files: {result['damaged_files']}")
    print(f"lost acknowledged records: {result['lost_acknowledged']}")
    if big:
        print(f"large add ({big['json_mb']} MB JSON) killed {big['runs']} times: "
              f"{big['killed_midway']} mid-way left nothing, {big['completed_before_kill']} finished "
              f"first, {big['partial']} partial, {big['damaged_files']} damaged")
    upgrade = result["upgrade"]
    if upgrade:
        print(f"upgrade of a version-1 file killed {upgrade['runs']} times "
              f"({upgrade['killed_midway']} mid-way; versions left: {upgrade['versions_after_kill']}; "
              f"backup before upgrading present {upgrade['backed_up_first']} times): "
              f"{upgrade['lost_records']} records lost, {upgrade['damaged_files']} damaged or not upgraded")
    print(f"duration: {result['seconds']} s (seed {result['seed']})")
    for text in result["problems"][:20]:
        print("PROBLEM:", text)
    bad = result["damaged_files"] or result["lost_acknowledged"] or result["problems"] or (
        big and (big["partial"] or big["damaged_files"])) or (
        upgrade and (upgrade["lost_records"] or upgrade["damaged_files"]))
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
