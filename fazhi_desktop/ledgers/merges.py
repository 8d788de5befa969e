"""Merged cell ranges of a sheet read straight from its XML, and carrying their values down.

Clerks merge 届次 or 主办单位 over the rows of one session; in the file only the top cell holds
the value. The <mergeCells> element follows <sheetData>, so the scan keeps nothing until it
sees it: memory stays small for a sheet of any size.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from openpyxl.utils.cell import range_boundaries

_MARK = b"mergeCells"
_ROW = b"<row "
_REF = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Za-z]+[0-9]+(?::[A-Za-z]+[0-9]+)?)\"")
_CHUNK = 1 << 20


def scan_sheet_xml(path, member: str) -> tuple:
    """(merged ranges, number of <row> elements) of the sheet `member`, in one pass.

    The row count gives the progress bar its total when the sheet has no <dimension> (as
    openpyxl's own write-only files)."""
    member = member.lstrip("/")
    tail, kept, seen, rows = b"", [], False, 0
    with zipfile.ZipFile(Path(path)) as archive, archive.open(member) as fh:
        while True:
            chunk = fh.read(_CHUNK)
            if not chunk:
                break
            if seen:
                kept.append(chunk)
                continue
            buffer = tail + chunk
            rows += buffer.count(_ROW) - tail.count(_ROW)
            at = buffer.find(_MARK)
            if at >= 0:
                seen = True
                kept.append(buffer[max(at - 16, 0):])
            else:
                tail = buffer[-32:]
    ranges = []
    for match in _REF.finditer(b"".join(kept)):
        ref = match.group(1).decode("ascii").upper()
        if ":" not in ref:
            continue
        ranges.append(tuple(range_boundaries(ref)))
    return ranges, rows


class CarryDown:
    """Fill the cells below a vertical merge's top cell with its value, row by row.

    Only the range's first column is filled: a block merged across columns keeps its value in
    the column where the clerk typed it.
    """

    def __init__(self, ranges: list):
        self._pending = sorted((r for r in ranges if r[3] > r[1]), key=lambda r: r[1])
        self._next = 0
        self._active: list = []  # [max_row, column index (0-based), value]

    def apply(self, row: int, cells: list) -> list:
        while self._next < len(self._pending) and self._pending[self._next][1] <= row:
            min_col, min_row, _max_col, max_row = self._pending[self._next]
            self._next += 1
            if min_row == row:
                index = min_col - 1
                value = cells[index] if index < len(cells) else None
                self._active.append([max_row, index, value])
        if self._active:
            self._active = [a for a in self._active if a[0] >= row]
            for max_row, index, value in self._active:
                if index >= len(cells):
                    cells.extend([None] * (index + 1 - len(cells)))
                if cells[index] is None:
                    cells[index] = value
        return cells
