"""Build (once) the benchmark's data file: 100,000 each of proposals, suggestions and mediation cases.

Records are synthetic but realistic (bench/textgen.py) and go through the real write path,
Registry.add_many, in chunks of 5,000 per transaction. The file is cached under bench/data/ and
rebuilt only with --rebuild. `--scale 0.01` makes a file of 1,000 records per kind for smoke tests.

    .venv/bin/python bench/make_data.py [--scale 1] [--rebuild]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from textgen import PLACES, TITLE_TOPICS, TOWNS, UNITS, TextGen  # noqa: E402

from fazhi_desktop.core import records  # noqa: E402
from fazhi_desktop.core.idcard import check_digit  # noqa: E402
from fazhi_desktop.core.registry import Registry  # noqa: E402

DATA_DIR = HERE / "data"
FULL = 100_000
YEARS = tuple(range(2016, 2026))
CHUNK = 5_000
PETITION_UNITS = tuple(dict.fromkeys(TOWNS))[:28] + ("区信访局", "区司法局")
COMMITTEES = tuple(f"{town}{place}社区人民调解委员会" for town in TOWNS[:12] for place in ("阳光苑", "建设路", "新村"))
COMMITTEES += ("区物业纠纷调解中心", "区医疗纠纷人民调解委员会", "区道路交通事故纠纷调解委员会",
               "区劳动争议调解中心", "区婚姻家庭纠纷调解委员会")
CHINESE_NUMBERS = "一二三四五六七八九十"

PROFILE = {
    "authority": "平顶山市湛河区司法局", "authority_short": "湛河区司法局",
    "mark_text": "平顶山市湛河区司法局文件", "doc_code": "平湛司", "signers": ["杨晓伟"],
    "contact_unit": "湛河区司法局", "contact_phone": "0375-8586001", "contact_person": "刘敏",
    "printed_by": "平顶山市湛河区司法局办公室", "report_to": "区委、区政府",
    "cc": {"proposal": ["区政协提案委（3份）", "区委区政府督查局（1份）"],
           "suggestion": ["区人大选联工委（3份）", "区委区政府督查局（1份）"]},
}


def db_path(scale: float, data_dir: Path = DATA_DIR) -> Path:
    return Path(data_dir) / f"bench-s{scale:g}.sqlite3"


def info_path(scale: float, data_dir: Path = DATA_DIR) -> Path:
    return Path(data_dir) / f"bench-s{scale:g}.json"


def _date(g: TextGen, year: int, first_month: int = 1, last_month: int = 12) -> dt.date:
    month = g.rng.randint(first_month, last_month)
    return dt.date(year, month, g.rng.randint(1, 28))


def session_name(kind: str, year: int) -> str:
    term = 5 + (year - 2012) // 5
    meeting = CHINESE_NUMBERS[(year - 2012) % 5]
    body = "区政协" if kind == "proposal" else "区人大"
    return f"{body}{CHINESE_NUMBERS[term - 1]}届{meeting}次会议"


def item(g: TextGen, kind: str, year: int, number: int, current_year: int) -> dict:
    r = g.rng
    authors = [g.name() for _ in range(r.choice((1, 1, 1, 2, 3)))]
    assigned = _date(g, year, 3, 5)
    topic = r.choice(TITLE_TOPICS)
    title = f"关于{topic}的{'提案' if kind == 'proposal' else '建议'}" if r.random() < 0.3 else f"关于{topic}"
    if year < current_year:
        status = r.choice(("replied", "closed", "closed"))
    else:
        status = r.choice(("pending", "in_progress", "replied", "closed"))
    record = {
        "session": session_name(kind, year), "number": number, "title": title, "authors": authors,
        "group": r.choice(("中共", "民盟", "民进", "农工党", "无党派", "经济界", "教育界"))
        if kind == "proposal" else f"{r.choice(TOWNS)}代表团",
        "lead_unit": r.choice(UNITS), "co_units": r.sample(UNITS, r.randint(0, 2)),
        "assigned_date": assigned.isoformat(), "status": status,
        "communications": [{"date": (assigned + dt.timedelta(days=r.randint(5, 60))).isoformat(),
                            "method": r.choice(("面商", "电话沟通", "座谈")),
                            "summary": g.paragraph(r.randint(20, 60))}
                           for _ in range(r.randint(0, 2))],
    }
    if status in ("replied", "closed"):
        reply_date = assigned + dt.timedelta(days=r.randint(20, 85))
        people = records.people_word(kind)
        record.update(result_class=r.choice("AAABBC"),
                      satisfaction=r.choice(("satisfied",) * 6 + ("basically_satisfied",) * 3 + ("unsatisfied",)))
        record["reply"] = {
            "doc_number": f"平湛司〔{year}〕{number}号",
            "title": f"对{record['session']}第{number}号{records.item_word(kind)}的答复",
            "opening": f"您提出的关于“{title}”的{records.item_word(kind)}收悉。现答复如下：",
            "signers": ["杨晓伟"], "addressee": f"{authors[0]}{people}",
            "body": g.reply_body(g.body_length()), "signature": "湛河区司法局",
            "date": reply_date.isoformat(), "contact_unit": "湛河区司法局",
            "contact_phone": "0375-8586001", "contact_person": g.name(),
            "cc": list(PROFILE["cc"][kind]), "printed_by": PROFILE["printed_by"],
            "printed_date": reply_date.isoformat(),
        }
    return record


def id_number(g: TextGen, birth: dt.date) -> str:
    first17 = f"410411{birth:%Y%m%d}{g.rng.randint(0, 999):03d}"
    return first17 + check_digit(first17)


def mediation(g: TextGen, year: int, number: int) -> dict:
    r = g.rng
    dispute = r.choice(records.DISPUTE_TYPES)
    accepted = _date(g, year)
    parties = []
    for role in ("applicant", "respondent") + (("third_party",) if r.random() < 0.1 else ()):
        birth = dt.date(r.randint(1945, 2000), r.randint(1, 12), r.randint(1, 28))
        parties.append({"role": role, "name": g.name(), "sex": r.choice("男女"), "ethnicity": "汉族",
                        "birth_date": birth.isoformat(), "id_number": id_number(g, birth),
                        "occupation": r.choice(("农民", "个体", "职工", "退休", "无业")),
                        "address": f"平顶山市湛河区{r.choice(TOWNS)}{r.randint(1, 300)}号",
                        "phone": f"13{r.randint(0, 9)}{r.randint(0, 99999999):08d}"})
    outcome = r.choice(("success",) * 8 + ("failure", "terminated")) if accepted.year < YEARS[-1] \
        else r.choice(("pending", "success", "success", "failure"))
    record = {
        "case_number": f"（{year}）湛调字第{number}号", "committee": r.choice(COMMITTEES),
        "mediators": [g.name() for _ in range(r.randint(1, 2))], "accepted_date": accepted.isoformat(),
        "source": r.choice(tuple(records.SOURCE)), "dispute_type": dispute, "parties": parties,
        "facts": g.facts(dispute), "outcome": outcome, "amount": float(r.randint(0, 500) * 100),
    }
    if outcome != "pending":
        closed = accepted + dt.timedelta(days=r.randint(1, 30))
        record["closed_date"] = closed.isoformat()
    if outcome == "success":
        record["agreement"] = {"terms": g.paragraph(r.randint(60, 200)), "performance_method": "一次性履行",
                               "performance_deadline": (closed + dt.timedelta(days=15)).isoformat(),
                               "copies": 3}
        record["performance"] = r.choice(("performed",) * 8 + ("partial", "not_performed"))
        record["followups"] = [{"date": (closed + dt.timedelta(days=30)).isoformat(),
                                "summary": "双方均已按协议履行，关系和睦。"}]
    return record


def petition(g: TextGen, unit: str, period: str) -> dict:
    r = g.rng
    row = {"unit": unit, "period": period}
    for name, _ in records.PETITION_COUNTS:
        row[name] = r.randint(0, 40)
    row["group_visit_persons"] = row["group_visits"] * r.randint(3, 12)
    return row


def _spread(total: int) -> list:
    """(year, numbers) with `total` records spread evenly over the ten years."""
    per, extra = divmod(total, len(YEARS))
    return [(year, per + (1 if i < extra else 0)) for i, year in enumerate(YEARS)]


def generate(kind: str, total: int, g: TextGen):
    for year, count in _spread(total):
        for number in range(1, count + 1):
            if kind == "mediation":
                yield mediation(g, year, number)
            else:
                yield item(g, kind, year, number, YEARS[-1])


def _add(registry: Registry, kind: str, records_iter, total: int, log) -> None:
    chunk, done, started = [], 0, time.perf_counter()
    for record in records_iter:
        chunk.append(record)
        if len(chunk) == CHUNK:
            registry.add_many(kind, chunk)
            done += len(chunk)
            chunk = []
            log(f"  {kind}: {done}/{total} ({time.perf_counter() - started:.0f} s)")
    if chunk:
        registry.add_many(kind, chunk)


def build(scale: float = 1.0, *, rebuild: bool = False, data_dir: Path = DATA_DIR, log=print) -> Path:
    """The data file for `scale`, built if missing (or if rebuild); returns its path."""
    path = db_path(scale, data_dir)
    info = info_path(scale, data_dir)
    if path.exists() and info.exists() and not rebuild:
        upgrade_in_place(path, log)
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), info):
        stale.unlink(missing_ok=True)
    total = max(10, int(FULL * scale))
    g = TextGen(seed=20260101)
    started = time.perf_counter()
    timings = {}
    with Registry.open(path, backup_dir=path.parent / "backups") as registry:
        registry.set_profile(PROFILE)
        for kind in ("proposal", "suggestion", "mediation"):
            t0 = time.perf_counter()
            log(f"{kind}: {total} records")
            _add(registry, kind, generate(kind, total, g), total, log)
            timings[kind] = round(time.perf_counter() - t0, 1)
        t0 = time.perf_counter()
        months = [f"{y}-{m:02d}" for y in YEARS for m in range(1, 13)]
        units = PETITION_UNITS if scale >= 0.1 else PETITION_UNITS[:3]
        registry.add_many("petition", [petition(g, u, p) for u in units for p in months])
        timings["petition"] = round(time.perf_counter() - t0, 1)
        registry.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        registry.store.conn.execute("ANALYZE")
    seconds = time.perf_counter() - started
    summary = {"scale": scale, "records_per_kind": total, "petition_rows": len(units) * len(months),
            "build_seconds": round(seconds, 1), "build_seconds_by_kind": timings,
            "size_bytes": path.stat().st_size, "built_at": dt.datetime.now(dt.timezone.utc).isoformat()}
    info.write_text(json.dumps(summary, ensure_ascii=False, indent=2), "utf-8")
    log(f"built {path} in {seconds:.0f} s, {path.stat().st_size / 2**20:.0f} MiB")
    return path


def upgrade_in_place(path: Path, log=print) -> None:
    """Bring a cached file built by an older schema up to date, without the pre-upgrade backup.

    Registry.open would first copy and verify the whole file (gigabytes) as it must for a
    clerk's data; the benchmark's file is disposable, so the same migration steps run in place.
    """
    import sqlite3

    from fazhi_desktop.core import schema
    from fazhi_desktop.core.store import Store, read_user_version

    version = read_user_version(path)
    if version >= schema.LATEST_VERSION:
        return
    log(f"upgrading {path.name} from schema {version} to {schema.LATEST_VERSION} in place")
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    store = Store(conn, path)
    try:
        store._configure()
        store._migrate(version)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("ANALYZE")
    finally:
        store.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 100,000 records per kind")
    parser.add_argument("--rebuild", action="store_true", help="build again even if cached")
    args = parser.parse_args(argv)
    build(args.scale, rebuild=args.rebuild)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
