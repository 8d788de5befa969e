"""Output files at scale: reply .docx (one, and a batch of 1,000) and Excel ledgers (export, import).

Each beside its floor: python-docx writing the same paragraphs with no layout; openpyxl in
write-only / read-only mode over the same rows. Parts that have not landed yet are reported as
'not available yet' and the rest goes on.
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

from timing import Result, median, runs

BATCH = 1000


def _reply_ids(registry, n: int) -> list:
    rows = registry.store.conn.execute(
        "SELECT id FROM proposal WHERE deleted_at IS NULL AND doc_number IS NOT NULL "
        "ORDER BY seq LIMIT ?", (n,)).fetchall()
    return [r[0] for r in rows]


def _plain_docx(record: dict, out: Path) -> None:
    """The floor: the reply's paragraphs through python-docx, no fonts, no layout, no header."""
    from docx import Document

    reply = record.get("reply") or {}
    doc = Document()
    for text in (reply.get("doc_number"), reply.get("title"), reply.get("addressee"),
                 reply.get("opening")):
        doc.add_paragraph(text or "")
    for line in (reply.get("body") or "").splitlines():
        doc.add_paragraph(line)
    for text in (reply.get("signature"), reply.get("date"), reply.get("contact_person")):
        doc.add_paragraph(text or "")
    doc.save(str(out))


def measure_replies(registry, n: int, *, batch: int = BATCH, log=print) -> list:
    try:
        from fazhi_desktop.docgen.replies import render_reply
    except ImportError:
        return [Result("生成一份答复件 .docx", None, target=0.150, note="docgen/replies.py 尚未提供"),
                Result(f"批量生成 {batch} 份答复件", None, target=60.0, note="docgen/replies.py 尚未提供")]
    ids = _reply_ids(registry, max(batch, n + 1))
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-") as tmp:
        folder = Path(tmp)
        one = ids[0]
        record = registry.get("proposal", one)
        value = median(runs(lambda: render_reply(registry, "proposal", one, folder / "one.docx"), n, warm=1))
        floor = median(runs(lambda: _plain_docx(record, folder / "plain.docx"), n, warm=1))
        results = [Result("生成一份答复件 .docx（render_reply）", value, floor, 0.150,
                          note="地板：python-docx 写同样的段落，无版式")]
        started = time.perf_counter()
        for i, record_id in enumerate(ids[:batch]):
            render_reply(registry, "proposal", record_id, folder / f"r{i % 50}.docx")
        value = time.perf_counter() - started
        started = time.perf_counter()
        for i, record_id in enumerate(ids[:batch]):
            _plain_docx(registry.get("proposal", record_id), folder / f"p{i % 50}.docx")
        floor = time.perf_counter() - started
        log(f"  replies: one {results[0].value:.3f} s, {batch} in {value:.1f} s (floor {floor:.1f} s)")
        results.append(Result(f"批量生成 {batch} 份答复件", value, floor, 60.0,
                              note="逐份 render_reply（单次运行）；地板：python-docx 同样段落"))
    return results


def _ledger_rows(registry, kind: str, year=None):
    """The ledger's columns for each record: what the floor writes (no styles, no widths)."""
    from fazhi_desktop.ledgers.columns import COLUMNS
    from fazhi_desktop.ledgers.export import iter_records

    columns = [c for c in COLUMNS[kind] if not c.is_counter]
    yield [c.header for c in columns]
    for record in iter_records(registry, kind, year):
        row = []
        for c in columns:
            value = record
            for part in c.key.split("."):
                value = value.get(part) if isinstance(value, dict) else None
            if isinstance(value, list):
                value = "、".join(str(v) for v in value)
            row.append(value)
        yield row


def _openpyxl_write(rows, out: Path) -> int:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("台账")
    count = 0
    for row in rows:
        ws.append(row)
        count += 1
    wb.save(str(out))
    return count


def _openpyxl_read(path: Path) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(str(path), read_only=True)
    count = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    return count


def measure_ledgers(registry, *, import_year: int = 2020, log=print) -> list:
    try:
        from fazhi_desktop.ledgers.export import export_ledger
        from fazhi_desktop.ledgers.importer import import_ledger
    except ImportError:
        return [Result("导出台账 10 万行", None, target=30.0, note="ledgers 尚未提供"),
                Result("导入台账 1 万行", None, target=10.0, note="ledgers 尚未提供")]
    from fazhi_desktop.core.registry import Registry

    results = []
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        exported = export_ledger(registry, "proposal", folder / "all.xlsx")
        value = time.perf_counter() - started
        started = time.perf_counter()
        _openpyxl_write(_ledger_rows(registry, "proposal"), folder / "plain.xlsx")
        floor = time.perf_counter() - started
        log(f"  export {exported.rows} rows: {value:.1f} s (floor {floor:.1f} s)")
        results.append(Result(f"导出提案台账 {exported.rows} 行", value, floor, 30.0,
                              note="export_ledger（单次运行）；地板：openpyxl write-only 写同样的行"))
        # One year's ledger as the app exports it: what the ledger shows plus each row's record
        # id (a hidden column, to match rows on re-import). Whole records with their replies
        # travel in data packages (bench/exchange_10k.py), no longer in a hidden sheet.
        for masked, label in ((True, "台账列"),):
            source = folder / f"year-{masked}.xlsx"
            part = export_ledger(registry, "proposal", source, year=import_year, masked=masked)
            with Registry.open(folder / f"fresh-{masked}.sqlite3",
                               backup_dir=folder / "backups") as fresh:
                started = time.perf_counter()
                report = import_ledger(fresh, "proposal", source)
                value = time.perf_counter() - started
            floor = median(runs(lambda: _openpyxl_read(source), 1))
            log(f"  import {report.created} of {part.rows} rows ({label}): {value:.1f} s "
                f"(floor {floor:.1f} s)")
            results.append(Result(f"导入提案台账 {part.rows} 行（{label}）", value, floor, 10.0,
                                  note=f"import_ledger 到新数据文件（新增{report.created}条，单次运行）；"
                                       "地板：openpyxl read-only 读同一文件"))
    return results
