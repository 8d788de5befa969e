"""Issue 16's table: what a clerk waits for, as whole processes, beside floors timed in the same run.

    .venv/bin/python bench/perf_100k.py                    # 10,000 and 100,000 proposals
    .venv/bin/python bench/perf_100k.py --sizes 10000      # one size only
    .venv/bin/python bench/perf_100k.py --runs 5 --only stats --only render
    .venv/bin/python bench/perf_100k.py --rebuild          # build the data files again (the add row)

Every row starts fresh Python processes, as a clerk's command or double-click does, and times
them from spawn to exit (or, for the window, to the line the probe prints on the first paint).
Each floor is timed in the same run, interleaved with the figure it is compared with, and the
median of --runs is taken: the machine is shared, the ratio is what holds between runs.

Data (cached under /tmp/fazhi-perf16/, built once): N synthetic proposals with replies
(bench/make_data.py's generator) as one interchange JSON file; the data file is what the
`add proposal` row itself writes from that JSON (so the add row runs only when the data file is
built: --rebuild times it again). Rows:

- cold start: `probe_gui.py app DB` (fazhi_desktop.app.main to the main window's first paint)
  against `probe_gui.py bare` (a bare QMainWindow to its first paint), both offscreen.
- render: `render proposal ID --out F.docx` against a script that imports python-docx, reads
  the same record with sqlite3 and writes the reply's paragraphs.
- export: `export proposal --out F.xlsx` against a script that writes, with openpyxl in
  write-only mode, the same cell values as the ledger's visible sheet (read once, untimed, from
  the app's own export and cached as JSON; the floor process loads that JSON).
- stats: `stats --year 2022 --json`; its goal is absolute (< 0.5 s); the floor printed beside it
  is `python -c` opening the file and counting one year.
- add: `add proposal FILE.json` into a new data file against sqlite-utils `insert_all` of the
  same records into a table with an FTS5 trigram index over title and reply, kept by triggers.

The table ends with the growth from 10,000 to 100,000 per row (time ratio; 10 = linear).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

CACHE = Path(os.environ.get("FAZHI_PERF_CACHE", "/tmp/fazhi-perf16"))
PY = sys.executable
ENV = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
# As installed (pip and the installer compile every module): with PYTHONDONTWRITEBYTECODE set
# (as in our CI shells) each process would compile the app's ~150 modules from source, 0.3 s
# that no clerk pays. The warm-up run of each row writes the .pyc files.
ENV.pop("PYTHONDONTWRITEBYTECODE", None)
ROWS = ("start", "render", "export", "stats", "add")
GOALS = {"start": ("ratio", 2.0), "render": ("ratio", 2.0), "export": ("ratio", 2.0),
         "stats": ("seconds", 0.5), "add": ("ratio", 2.0)}
LABELS = {
    "start": "the window appears (cold start)",
    "render": "`render proposal ID --out F.docx` (one reply, whole process)",
    "export": "`export proposal --out F.xlsx`",
    "stats": "`stats --year 2022 --json`",
    "add": "`add proposal` of N records in one file",
}
FLOORS = {
    "start": "a bare PySide6 QMainWindow shown (offscreen)",
    "render": "a python-docx script writing the same paragraphs",
    "export": "openpyxl write-only writing the same cell values as the ledger's visible sheet",
    "stats": "`python -c`: open the file, count one year",
    "add": "sqlite-utils `insert_all`, FTS5 trigram index over title and reply",
}


# ----------------------------------------------------------------- data
def json_path(n: int) -> Path:
    return CACHE / f"proposals-{n}.json"


def db_path(n: int) -> Path:
    return CACHE / f"proposals-{n}.sqlite3"


def make_json(n: int, log=print) -> Path:
    path = json_path(n)
    if path.exists():
        return path
    from make_data import generate  # bench/make_data.py
    from textgen import TextGen

    CACHE.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    items = list(generate("proposal", n, TextGen(seed=20260101)))
    tmp = path.with_suffix(".part")
    tmp.write_text(json.dumps(items, ensure_ascii=False), "utf-8")
    tmp.replace(path)
    log(f"  generated {n} proposals: {path.stat().st_size / 2**20:.0f} MiB "
        f"in {time.perf_counter() - started:.0f} s")
    return path


def set_profile(db: Path) -> None:
    from make_data import PROFILE

    profile = CACHE / "profile.json"
    profile.write_text(json.dumps(PROFILE, ensure_ascii=False), "utf-8")
    cli(db, "profile", "set", str(profile))


# ----------------------------------------------------------------- processes
def cli(db: Path, *args, check=True) -> float:
    """Seconds of one `python -m fazhi_desktop --db DB ARGS` process, spawn to exit."""
    return run_process([PY, "-m", "fazhi_desktop", "--db", str(db), *args], check=check)


def children_cpu() -> float:
    """CPU seconds (user + system) of every child process waited for so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Timed(float):
    """Wall seconds of a process, with its CPU seconds (`cpu`) beside them: on 2 cores shared
    by several builds the wall time swings with the load, the CPU time much less."""

    cpu = 0.0


def timed(wall: float, cpu: float) -> Timed:
    value = Timed(wall)
    value.cpu = cpu
    return value


def run_process(argv, check=True) -> Timed:
    cpu = children_cpu()
    started = time.perf_counter()
    done = subprocess.run(argv, env=ENV, cwd=str(CACHE), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - started
    if check and done.returncode != 0:
        raise RuntimeError(f"{argv[2:6]} failed ({done.returncode}): {done.stderr[-2000:]}")
    return timed(seconds, children_cpu() - cpu)


def probe(*args) -> Timed:
    """Spawn to the PROBE line of bench/probe_gui.py (the first paint), then let it end
    (its CPU time runs to the end of the process: a little after the first paint)."""
    cpu = children_cpu()
    started = time.perf_counter()
    proc = subprocess.Popen([PY, str(HERE / "probe_gui.py"), *args], env=ENV, cwd=str(CACHE),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seconds = None
    for line in proc.stdout:
        if line.startswith("PROBE "):
            seconds = time.perf_counter() - started
            break
    proc.communicate(timeout=120)
    if seconds is None:
        raise RuntimeError(f"probe {args} printed nothing: {proc.stderr.read()[-2000:] if proc.stderr else ''}")
    return timed(seconds, children_cpu() - cpu)


def script(code: str, *args) -> float:
    return run_process([PY, "-c", code, *[str(a) for a in args]])


RENDER_FLOOR = r"""
import json, sqlite3, sys
from docx import Document
conn = sqlite3.connect(sys.argv[1])
data, = conn.execute("SELECT data FROM proposal WHERE id = ?", (sys.argv[2],)).fetchone()
reply = json.loads(data).get("reply") or {}
doc = Document()
for text in (reply.get("doc_number"), reply.get("title"), reply.get("addressee"), reply.get("opening")):
    doc.add_paragraph(text or "")
for line in (reply.get("body") or "").splitlines():
    doc.add_paragraph(line)
for text in (reply.get("signature"), reply.get("date"), reply.get("contact_person")):
    doc.add_paragraph(text or "")
doc.save(sys.argv[3])
"""

EXPORT_FLOOR = r"""
import json, sys
from openpyxl import Workbook
rows = json.load(open(sys.argv[1], encoding="utf-8"))
wb = Workbook(write_only=True)
ws = wb.create_sheet("台账")
for row in rows:
    ws.append(row)
wb.save(sys.argv[2])
"""

STATS_FLOOR = r"""
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("SELECT count(*) FROM proposal WHERE assigned_date >= '2022' AND assigned_date < '2023'").fetchone()
"""

ADD_FLOOR = r"""
import json, sys
import sqlite_utils
items = json.load(open(sys.argv[1], encoding="utf-8"))
db = sqlite_utils.Database(sys.argv[2])
table = db["proposal"]
table.insert(items[0])  # creates the table (columns from the record)
table.enable_fts(["title", "reply"], tokenize="trigram", create_triggers=True)
table.insert_all(items[1:], batch_size=1000)  # every row indexed through the trigger
"""


def visible_rows(xlsx: Path, out: Path) -> Path:
    """The cell values of the ledger's visible sheet, as a JSON list of rows (cached)."""
    if out.exists():
        return out
    from openpyxl import load_workbook

    wb = load_workbook(str(xlsx), read_only=True)
    ws = next(s for s in wb.worksheets if s.sheet_state == "visible")
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    wb.close()
    out.write_text(json.dumps(rows, ensure_ascii=False, default=str), "utf-8")
    return out


def first_id(db: Path) -> str:
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT id FROM proposal WHERE doc_number IS NOT NULL "
                            "ORDER BY seq LIMIT 1 OFFSET 7").fetchone()[0]
    finally:
        conn.close()


# ----------------------------------------------------------------- rows
def pairs(fn_value, fn_floor, n: int) -> tuple:
    """Medians of n interleaved (value, floor) runs after one untimed warm-up of each."""
    fn_value()
    fn_floor()
    values, floors = [], []
    for _ in range(n):
        values.append(fn_value())
        floors.append(fn_floor())
    return (timed(statistics.median(values), statistics.median(v.cpu for v in values)),
            timed(statistics.median(floors), statistics.median(v.cpu for v in floors)),
            values, floors)


def build(n: int, rebuild: bool, log) -> dict:
    """The data file, written by the add row itself (timed with its floor) when missing."""
    source = make_json(n, log)
    final = db_path(n)
    if final.exists() and not rebuild:
        return {}
    # Written beside the cached file and renamed over it at the end: the other rows can go on
    # using the old one meanwhile.
    db = final.with_name(final.stem + "-new.sqlite3")
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    set_profile(db)
    log(f"  add {n}: whole process ...")
    value = cli(db, "add", "proposal", str(source))
    for suffix in ("-wal", "-shm", ".lock"):
        Path(f"{final}{suffix}").unlink(missing_ok=True)
    db.replace(final)
    floor_db = CACHE / f"floor-{n}.sqlite3"
    floor_db.unlink(missing_ok=True)
    log(f"  add {n}: {value:.1f} s; floor ...")
    floor = script(ADD_FLOOR, source, floor_db)
    floor_db.unlink(missing_ok=True)
    log(f"  add {n}: floor {floor:.1f} s")
    return {"add": (value, floor, [value], [floor])}


def measure(n: int, only, runs: int, rebuild: bool, log) -> dict:
    results = build(n, rebuild, log) if "add" in only or not db_path(n).exists() else {}
    if "add" not in only:
        results.pop("add", None)
    db = db_path(n)
    out = CACHE / "out"
    out.mkdir(exist_ok=True)
    if "start" in only:
        results["start"] = pairs(lambda: probe("app", str(db)), lambda: probe("bare"), runs)
    if "render" in only:
        rid = first_id(db)
        results["render"] = pairs(
            lambda: cli(db, "render", "proposal", rid, "--out", str(out / f"r-{time.time_ns()}.docx")),
            lambda: script(RENDER_FLOOR, db, rid, out / "floor.docx"), runs)
    if "export" in only:
        xlsx = out / f"ledger-{n}.xlsx"

        def export() -> float:
            xlsx.unlink(missing_ok=True)
            return cli(db, "export", "proposal", "--out", str(xlsx))

        export()
        values_json = visible_rows(xlsx, CACHE / f"ledger-values-{n}.json")
        results["export"] = pairs(export, lambda: script(EXPORT_FLOOR, values_json, out / "floor.xlsx"),
                                  max(1, runs if n < 50_000 else min(runs, 3)))
    if "stats" in only:
        results["stats"] = pairs(lambda: cli(db, "stats", "--year", "2022", "--json"),
                                 lambda: script(STATS_FLOOR, db), runs)
    for key, (value, floor, *_rest) in results.items():
        log(f"  {n} {key}: {value:.3f} s, floor {floor:.3f} s ({value / floor:.2f}x)")
    return results


# ----------------------------------------------------------------- table
def fmt(seconds) -> str:
    if seconds is None:
        return "—"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def verdict(key: str, value: float, floor: float) -> str:
    kind, goal = GOALS[key]
    figure = value / floor if kind == "ratio" else value
    return "PASS" if figure <= goal else "MISS"


def table(by_size: dict, runs: int) -> str:
    sizes = sorted(by_size)
    big = sizes[-1]
    lines = [f"Benchmark {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, median of {runs} "
             f"runs (add: one run, as it builds the data file); load average "
             f"{os.getloadavg()[0]:.1f} at the end",
             "",
             f"Machine: {os.cpu_count()} CPU(s); {platform.platform()}; Python "
             f"{platform.python_version()}; SQLite {sqlite3.sqlite_version}",
             ""]
    head = "| what the clerk waits for | " + " | ".join(
        f"{s:,} records | floor | ratio" for s in sizes) + " | goal | verdict at " \
        f"{big:,} | CPU ratio at {big:,} | growth {sizes[0]:,}→{big:,} |"
    lines += [head, "| " + " | ".join(["---"] * (3 * len(sizes) + 5)) + " |"]
    for key in ROWS:
        if not any(key in by_size[s] for s in sizes):
            continue
        cells = [LABELS[key].replace("N records", f"{big:,} records")]
        for s in sizes:
            got = by_size[s].get(key)
            if got is None:
                cells += ["—", "—", "—"]
            else:
                cells += [fmt(got[0]), fmt(got[1]), f"{got[0] / got[1]:.2f}x"]
        kind, goal = GOALS[key]
        cells.append(f"≤ {goal:g}x" if kind == "ratio" else f"< {goal:g} s")
        got = by_size[big].get(key)
        cells.append(verdict(key, got[0], got[1]) if got else "—")
        cells.append(f"{got[0].cpu / got[1].cpu:.2f}x ({got[0].cpu:.2f} / {got[1].cpu:.2f} s)"
                     if got and getattr(got[1], "cpu", 0) else "—")
        small = by_size[sizes[0]].get(key)
        cells.append(f"{got[0] / small[0]:.1f}x" if got and small and len(sizes) > 1 else "—")
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "Floors: " + "; ".join(f"{k}: {v}" for k, v in FLOORS.items() if any(
        k in by_size[s] for s in sizes)) + "."]
    lines += ["", "Raw runs (seconds, figure / floor):"]
    for s in sizes:
        for key, got in by_size[s].items():
            lines.append(f"- {s} {key}: " + ", ".join(f"{v:.3f}" for v in got[2]) + " / "
                         + ", ".join(f"{v:.3f}" for v in got[3]) + "; CPU "
                         + ", ".join(f"{getattr(v, 'cpu', 0):.3f}" for v in got[2]) + " / "
                         + ", ".join(f"{getattr(v, 'cpu', 0):.3f}" for v in got[3]))
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", action="append", choices=ROWS)
    parser.add_argument("--rebuild", action="store_true", help="build the data files again (times add)")
    args = parser.parse_args(argv)
    only = tuple(args.only or ROWS)
    CACHE.mkdir(parents=True, exist_ok=True)
    by_size = {}
    for n in args.sizes:
        print(f"{n} records:", flush=True)
        by_size[n] = measure(n, only, args.runs, args.rebuild, lambda m: print(m, flush=True))
    text = table(by_size, args.runs)
    print()
    print(text)
    # bench/results/ (git-ignored) unless the cache was moved (the test's smoke run)
    results = CACHE if "FAZHI_PERF_CACHE" in os.environ else HERE / "results"
    results.mkdir(exist_ok=True)
    (results / "perf_100k-latest.md").write_text(text + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
