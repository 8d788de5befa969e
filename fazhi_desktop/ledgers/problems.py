"""A problem in an imported row, placed on its cell: sheet, Excel row, column letter and header.

core/validation.py's messages name a field (“编号”（number）：应为整数…); here they are put back on
the column the value came from, so the clerk reads the same reason at the right cell.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..core import records
from .columns import PARTY_ROLES, Column


@dataclass(frozen=True)
class RowProblem:
    sheet: str
    row: int
    reason: str
    column: Optional[str] = None  # letter, e.g. "F"
    header: Optional[str] = None  # the header as typed in the sheet

    def where(self) -> str:
        cell = f"{self.column}列（{self.header}）" if self.column else ""
        return f"工作表“{self.sheet}”第{self.row}行{cell}"

    def __str__(self) -> str:
        return f"{self.where()}：{self.reason}"


_PARENT_LABELS = {
    "reply": next(f.label for f in records.field_map("proposal").values() if f.name == "reply"),
    "agreement": records.field_map("mediation")["agreement"].label,
}
_PARTIES_LABEL = records.field_map("mediation")["parties"].label


def _signatures(col: Column, record: dict) -> list:
    """The texts validation.py writes for this column's field in this record."""
    own = f"“{col.field_label}”（{col.field_name}）"
    head = col.key.split(".")[0]
    if head == "parties":
        sigs = [f"“{_PARTIES_LABEL}”第{i}项{own}"
                for i in range(1, len(record.get("parties") or []) + 1)]
        return sigs + [f"“{_PARTIES_LABEL}”（parties）"]
    if head in PARTY_ROLES:
        roles = [p.get("role") for p in record.get("parties") or []]
        sigs = [f"“{_PARTIES_LABEL}”第{i}项{own}" for i, role in enumerate(roles, 1)
                if role == head]
        if col.field_name == "name":
            sigs.append(f"“{_PARTIES_LABEL}”（parties）")
        return sigs
    if head in _PARENT_LABELS and "." in col.key:
        return [f"“{_PARENT_LABELS[head]}”中{own}"]
    return [own]


def locate(message: str, mapped: dict, record: dict) -> tuple:
    """(column index or None, reason) for one validation message of a row.

    `mapped` is column index -> Column for the sheet's mapped columns.
    """
    best, best_sig = None, ""
    for index, col in mapped.items():
        for sig in _signatures(col, record):
            if sig in message and len(sig) > len(best_sig):
                best, best_sig = index, sig
    if best is None:
        return None, message
    at = message.find(best_sig)
    rest = message[at + len(best_sig):]
    if rest.startswith("："):
        return best, rest[1:]
    return best, message.replace(f"（{mapped[best].field_name}）", "")
