"""Fixtures for the ledger tests: a registry with the office profile, and workbook builders."""
from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def office(registry, seed_profile):
    registry.set_profile(seed_profile)
    return registry


@pytest.fixture
def empty_registry(tmp_path):
    from fazhi_desktop.core.registry import Registry

    reg = Registry.open(tmp_path / "empty.sqlite3")
    yield reg
    reg.close()


def make_workbook(path: Path, rows, *, title: str = "", merges=(), sheet: str = "Sheet1") -> Path:
    """A workbook as a clerk types it: optional title row(s), then `rows` (header first)."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    if title:
        ws.append([title])
        ws.append([])
    for row in rows:
        ws.append(list(row))
    for ref in merges:
        ws.merge_cells(ref)
    wb.save(path)
    return path
