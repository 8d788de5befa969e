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


# ------------------------------------------------------------------ nothing skipped silently
def _ledger_rows(first: int, count: int) -> list:
    return [HEADER] + [["区政协六届一次会议", n, f"关于第{n}项工作的提案", "胡校丽"]
                       for n in range(first, first + count)]


def test_second_ledger_sheet_hidden_sheet_and_uncached_formulas_are_reported(registry, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    main = wb.active
    main.title = "提案"
    for row in _ledger_rows(1, 3):
        main.append(row)
    main.append(["区政协六届一次会议", "=B4+1", "关于公式编号的提案", "胡校丽"])  # no cached value
    second = wb.create_sheet("续表")
    for row in _ledger_rows(10, 2):
        second.append(row[:3])  # a ledger too, with fewer columns
    hidden = wb.create_sheet("旧数据")
    for row in _ledger_rows(20, 2):
        hidden.append(row)
    hidden.sheet_state = "hidden"
    wb.create_sheet("空白页")
    notes = wb.create_sheet("说明")
    notes.append(["本表由办公室填写"])
    wb.save(tmp_path / "台账.xlsx")

    report = scan(registry, "proposal", tmp_path / "台账.xlsx")
    assert report.sheet == "提案"
    text = "\n".join(report.skipped_notes)
    assert "工作表“续表”也有台账表头（第1行），未导入" in text
    assert "工作表“旧数据”是隐藏的，也有台账表头（第1行），未导入" in text
    assert "--sheet 旧数据" in text
    assert "工作表“说明”没有可识别的表头，未导入" in text
    assert "空白页" not in text  # nothing in it: nothing was skipped
    assert "工作表“提案”有1个公式单元格没有计算结果（B5），已按空白读取" in text
    assert "注意：工作表“续表”" in report.summary()
    # the formula's row is refused for its empty 编号, and the refusal says why it is empty
    with pytest.raises(ValidationError) as refused:
        import_ledger(registry, "proposal", tmp_path / "台账.xlsx")
    assert any("第5行" in line for line in refused.value.problems)
    assert any("公式单元格没有计算结果（B5）" in line for line in refused.value.problems)


def test_cli_prints_what_was_skipped(tmp_path):
    from openpyxl import Workbook

    from .test_cli import run

    wb = Workbook()
    wb.active.title = "提案"
    for row in _ledger_rows(1, 2):
        wb.active.append(row)
    hidden = wb.create_sheet("旧数据")
    hidden.append(["随便"])
    hidden.sheet_state = "hidden"
    wb.save(tmp_path / "台账.xlsx")
    done = run("--db", tmp_path / "a.sqlite3", "import", "proposal", tmp_path / "台账.xlsx")
    assert done.returncode == 0, done.stderr
    assert "新增2条" in done.stdout
    assert "注意：工作表“旧数据”是隐藏的，有内容，未导入" in done.stdout


def test_a_text_longer_than_a_cell_holds_is_cut_at_excels_limit_not_refused(office, tmp_path):
    from openpyxl import load_workbook

    from fazhi_desktop.ledgers.export import export_ledger

    office.add_many("proposal", [{"session": "区政协六届一次会议", "number": 1,
                                  "title": "关于" + "法治" * 20_000 + "的提案",
                                  "authors": ["胡校丽"]}])
    result = export_ledger(office, "proposal", tmp_path / "p.xlsx")
    assert result.rows == 1
    sheet = load_workbook(tmp_path / "p.xlsx").worksheets[0]
    titles = [c.value for c in sheet[3] if isinstance(c.value, str) and c.value.startswith("关于法治")]
    assert len(titles) == 1 and len(titles[0]) == 32767  # Excel's limit: longer cannot open
