"""The full export's hidden sheet: every record whole (reply text, communications, a party's
address), so that a ledger exported without masking imports back as exactly the same records.

Only written when the clerk chooses 不隐去个人信息 (it holds ID numbers and phones in full).
Rows are found again by the record's key, not by position: a clerk may sort or delete rows of
the visible ledger, and a row whose key was changed simply imports from its visible cells.
The lookup lives in a temporary SQLite file, so 100,000 records do not sit in memory.
"""
from __future__ import annotations

import json
import sqlite3
import tempfile
from pathlib import Path
from typing import Optional

from openpyxl.cell import WriteOnlyCell

from ..core import records
from .sheet_style import declare_size

SHEET = "完整数据"
CHUNK = 30000  # an Excel cell holds at most 32,767 characters
_DROP = ("created_at", "updated_at")


def key_text(kind: str, record: dict) -> str:
    return json.dumps(list(records.key_of(kind, record)), ensure_ascii=False)


def write_full_sheet(wb, kind: str, items, *, total: int = 0) -> None:
    """A hidden sheet: key, then the record as JSON split over as many cells as it needs."""
    ws = wb.create_sheet(SHEET)
    ws.sheet_state = "hidden"
    declare_size(ws, total + 1, 2)
    ws.append(["记录键", "记录内容（JSON，由本软件读取，请勿修改）"])
    for record in items:
        body = json.dumps({k: v for k, v in record.items() if k not in _DROP},
                          ensure_ascii=False)
        cells = [key_text(kind, record)] + [body[i:i + CHUNK] for i in range(0, len(body), CHUNK)]
        ws.append([WriteOnlyCell(ws, value=c) for c in cells])


class FullRecords:
    """Key -> whole record, read from a workbook's hidden sheet into a temporary file."""

    def __init__(self, workbook, kind: str):
        self.kind = kind
        self._dir = tempfile.TemporaryDirectory(prefix="fazhi-full-")
        self._conn = sqlite3.connect(str(Path(self._dir.name) / "full.sqlite3"))
        self._conn.execute("CREATE TABLE full (key TEXT PRIMARY KEY, body TEXT)")
        ws = workbook[SHEET]
        ws.reset_dimensions()  # a long record spills past column B: read every cell
        rows = ws.iter_rows(min_row=2, values_only=True)
        self._conn.executemany("INSERT OR REPLACE INTO full VALUES (?, ?)", (
            (row[0], "".join(c for c in row[1:] if isinstance(c, str)))
            for row in rows if row and isinstance(row[0], str)))
        self._conn.commit()

    @classmethod
    def of(cls, workbook, kind: str) -> Optional["FullRecords"]:
        if SHEET not in workbook.sheetnames or kind == "petition":
            return None
        return cls(workbook, kind)

    def get(self, record: dict) -> Optional[dict]:
        row = self._conn.execute("SELECT body FROM full WHERE key = ?",
                                 (key_text(self.kind, record),)).fetchone()
        if row is None:
            return None
        try:
            found = json.loads(row[0])
        except ValueError:  # a clerk typed into the hidden sheet: the visible cells still count
            return None
        return found if isinstance(found, dict) else None

    def close(self) -> None:
        self._conn.close()
        self._dir.cleanup()
