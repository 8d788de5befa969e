"""Merged cell ranges of a sheet read straight from its XML, and carrying their values down.

Clerks merge 届次 or 主办单位 over the rows of one session; in the file only the top cell holds
the value. The <mergeCells> element follows <sheetData>, so the scan keeps nothing until it
sees it: memory stays small for a sheet of any size.

The same pass finds formula cells that hold no cached result (a workbook written by a program,
never opened and saved in Excel or WPS): openpyxl reads them as empty, so the import must say
which cells those were instead of taking them silently as blanks.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils.cell import range_boundaries

_MARK = b"mergeCells"
_ROW = b"<row "
_REF = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Za-z]+[0-9]+(?::[A-Za-z]+[0-9]+)?)\"")
_CHUNK = 1 << 20
_CELL = b"<c "
# A formula cell whose <v> is missing or empty: <c r="D5"><f>SUM(A1:C1)</f></c> or ...<v></v>.
_UNCACHED = re.compile(rb'<c\b[^>]*?\br="([A-Z]+[0-9]+)"[^>]*>\s*<f\b[^>]*?(?:/>|>[^<]*</f>)'
                       rb'\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>')
KEEP_CELLS = 20  # cells named in the message; the rest are counted


@dataclass
class SheetScan:
    ranges: list = field(default_factory=list)  # merged ranges (min_col, min_row, max_col, max_row)
    rows: int = 0  # <row> elements
    uncached: list = field(default_factory=list)  # the first formula cells without a result
    uncached_count: int = 0


def scan_sheet_xml(path, member: str) -> SheetScan:
    """Merged ranges, the number of <row> elements and the formula cells without a cached
    result of the sheet `member`, in one pass.

    The row count gives the progress bar its total when the sheet has no <dimension> (as
    openpyxl's own write-only files). Cells are matched only up to the last "<c " of what has
    been read, the rest carried into the next chunk, so no cell is cut between chunks."""
    member = member.lstrip("/")
    found = SheetScan()
    carry, kept, seen = b"", [], False
    with zipfile.ZipFile(Path(path)) as archive, archive.open(member) as fh:
        while True:
            chunk = fh.read(_CHUNK)
            if not chunk:
                break
            if seen:
                kept.append(chunk)
                continue
            buffer = carry + chunk
            at = buffer.find(_MARK)
            if at >= 0:
                seen = True
                kept.append(buffer[max(at - 16, 0):])
                _cells(buffer[:at], found)
                continue
            cut = buffer.rfind(_CELL)
            cut = cut if cut > 0 and len(buffer) - cut < _CHUNK else len(buffer) - 32
            _cells(buffer[:cut], found)
            carry = buffer[cut:]
        if not seen:
            _cells(carry, found)
    for match in _REF.finditer(b"".join(kept)):
        ref = match.group(1).decode("ascii").upper()
        if ":" not in ref:
            continue
        found.ranges.append(tuple(range_boundaries(ref)))
    return found


def _cells(data: bytes, found: SheetScan) -> None:
    found.rows += data.count(_ROW)
    for match in _UNCACHED.finditer(data):
        found.uncached_count += 1
        if len(found.uncached) < KEEP_CELLS:
            found.uncached.append(match.group(1).decode("ascii"))


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
