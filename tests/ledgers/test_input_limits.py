"""Workbooks that would cost more than they hold: refused in Chinese before openpyxl reads them,
in bounded memory, with the data file unchanged (issue 14 point 8)."""
from __future__ import annotations

import tracemalloc
import zipfile

import pytest

from fazhi_desktop.core.errors import ValidationError
from fazhi_desktop.ledgers import reader
from fazhi_desktop.ledgers.importer import import_ledger, scan

from .conftest import make_workbook

HEADER = ["届次", "编号", "案由", "提案人"]


def _bomb(path, member: str, megabytes: int):
    """A real ledger whose `member` is replaced by one that unpacks to `megabytes` MB of one
    repeated letter (a few hundred KB on disk)."""
    plain = make_workbook(path.with_name("plain.xlsx"),
                          [HEADER, ["区政协六届一次会议", 1, "关于加强法治建设的提案", "胡校丽"]])
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename != member:
                out.writestr(info, src.read(info.filename))
        with out.open(member, "w", force_zip64=True) as fh:
            if member.endswith("sharedStrings.xml"):
                fh.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                         b"<si><t>")
            chunk = b"A" * (1 << 20)
            for _ in range(megabytes):
                fh.write(chunk)
            if member.endswith("sharedStrings.xml"):
                fh.write(b"</t></si></sst>")
    return path


@pytest.mark.parametrize("member", ["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"])
def test_zip_bomb_is_refused_in_chinese_in_bounded_memory(member, registry, tmp_path):
    bomb = _bomb(tmp_path / "台账.xlsx", member, 300)
    assert bomb.stat().st_size < 2 * 1024 * 1024  # small on disk
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as refused:
            import_ledger(registry, "proposal", bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    text = str(refused.value)
    assert "台账.xlsx" in text and "MB" in text and "未做任何修改" in text
    assert "压缩了" in text or "超过上限" in text
    assert peak < 20 * 1024 * 1024  # nothing was unpacked
    assert registry.count("proposal") == 0


def test_rows_past_the_cap_are_refused_naming_the_sheet(registry, tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "MAX_ROWS", 5)
    rows = [HEADER] + [["区政协六届一次会议", n, f"关于第{n}项工作的提案", "胡校丽"]
                       for n in range(1, 8)]
    ledger = make_workbook(tmp_path / "长表.xlsx", rows, sheet="提案")
    with pytest.raises(ValidationError) as refused:
        scan(registry, "proposal", ledger)
    assert "工作表“提案”的数据超过5行" in str(refused.value)
    assert registry.count("proposal") == 0


def test_cells_far_to_the_right_are_not_read(registry, tmp_path):
    from openpyxl import load_workbook

    ledger = make_workbook(tmp_path / "宽表.xlsx", [
        HEADER, ["区政协六届一次会议", 1, "关于加强法治建设的提案", "胡校丽"]])
    wb = load_workbook(ledger)
    wb.active.cell(row=3, column=5000, value="远处的字")
    wb.save(ledger)
    report = scan(registry, "proposal", ledger)
    assert report.rows == 1 and report.problems == []
