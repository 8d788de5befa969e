"""How an import treats problems, repeated keys, records already in the file, and a cancel."""
from __future__ import annotations

import pytest

from fazhi_desktop.ledgers.importer import ImportOptions, ImportRefused, import_ledger, scan

from .conftest import make_workbook

S = "区政协六届一次会议"
HEADER = ["届次", "编号", "案由", "提案人", "交办日期", "办理状态"]


def test_each_problem_names_sheet_row_column_and_what_was_expected(registry, tmp_path):
    path = make_workbook(tmp_path / "p.xlsx", [
        HEADER,
        [S, "一", "甲", "胡校丽", "2022-08-08", "已答复"],
        [S, 2, "乙", "李强", "2022-08-08", "差不多了"],
        [S, 3, "丙", None, "2022-08-08", None],
    ], sheet="台账")
    with pytest.raises(ImportRefused) as refused:
        import_ledger(registry, "proposal", path)
    assert refused.value.problems == [
        "工作表“台账”第2行B列（编号）：应为整数（如28），实为“一”",
        "工作表“台账”第3行F列（办理状态）：“差不多了”不是有效的办理状态，应为待办理、办理中、已答复、已办结之一",
        "工作表“台账”第4行D列（提案人）：缺少必填项“提出人（委员）”",
    ]
    assert registry.count("proposal") == 0


def test_a_key_repeated_in_the_sheet_is_reported_at_the_second_row(registry, tmp_path):
    path = make_workbook(tmp_path / "d.xlsx", [
        HEADER[:4], [S, 1, "甲", "胡校丽"], [S, 1, "乙", "李强"]])
    report = scan(registry, "proposal", path)
    assert [str(p) for p in report.problems] == [
        "工作表“Sheet1”第3行B列（编号）：区政协六届一次会议第1号提案与第2行重复"]


def test_existing_record_is_reported_then_updated_or_skipped(registry, seed_proposal, tmp_path):
    stored = registry.save("proposal", seed_proposal)
    path = make_workbook(tmp_path / "e.xlsx", [
        HEADER[:4] + ["办理状态", "满意度"],
        [S, 28, "关于加强法治政府建设", "胡校丽", "已办结", "满意"],
        [S, 29, "关于规范行政执法", "李强", "待办理", None],
    ])
    with pytest.raises(ImportRefused) as refused:
        import_ledger(registry, "proposal", path)
    assert "第2行B列（编号）：区政协六届一次会议第28号提案已存在于数据文件中" in refused.value.problems[0]

    skipped = import_ledger(registry, "proposal", path, ImportOptions(existing="skip"))
    assert (skipped.created, skipped.skipped, skipped.existing) == (
        1, 1, [(2, "区政协六届一次会议第28号提案")])
    assert registry.get("proposal", stored["id"])["status"] == "replied"

    path2 = make_workbook(tmp_path / "e2.xlsx", [
        HEADER[:4] + ["办理状态", "满意度"],
        [S, 28, "关于加强法治政府建设", "胡校丽", "已办结", "满意"]])
    updated = import_ledger(registry, "proposal", path2, ImportOptions(existing="update"))
    assert updated.updated == 1
    after = registry.get("proposal", stored["id"])
    assert (after["status"], after["satisfaction"]) == ("closed", "satisfied")
    # what the ledger does not carry stays as it was: the reply's text, its signers
    assert after["reply"]["body"] == seed_proposal["reply"]["body"]
    assert after["reply"]["signers"] == ["杨晓伟"] and registry.count("proposal") == 2


def test_cancel_half_way_leaves_the_file_as_it_was(registry, tmp_path):
    rows = [HEADER[:4]] + [[S, n, f"案由{n}", "胡校丽"] for n in range(1, 1201)]
    path = make_workbook(tmp_path / "c.xlsx", rows)
    seen = []

    def progress(done, total, text):
        seen.append((done, total))

    def cancelled():
        return len(seen) >= 3

    with pytest.raises(InterruptedError):
        import_ledger(registry, "proposal", path, progress=progress, cancelled=cancelled)
    assert registry.count("proposal") == 0
    assert seen[0] == (200, 1200)


def test_keep_good_without_a_bad_file_still_imports_the_good_rows(registry, tmp_path):
    path = make_workbook(tmp_path / "k.xlsx", [
        HEADER[:4], [S, 1, "甲", "胡校丽"], [S, "x", "乙", "李强"]])
    report = import_ledger(registry, "proposal", path, ImportOptions(keep_good=True))
    assert report.created == 1 and report.bad_rows == [3] and report.bad_rows_path is None


def test_bad_rows_workbook_that_cannot_be_saved_imports_nothing(registry, tmp_path):
    from fazhi_desktop.core.errors import OutputProblem

    path = make_workbook(tmp_path / "k.xlsx", [
        HEADER[:4], [S, 1, "甲", "胡校丽"], [S, "x", "乙", "李强"]])
    with pytest.raises(OutputProblem):
        import_ledger(registry, "proposal", path, ImportOptions(
            keep_good=True, bad_rows_path=tmp_path / "no" / "such" / "dir" / "bad.xlsx"))
    assert registry.count("proposal") == 0


def test_progress_knows_the_total_of_a_sheet_without_dimension(office, empty_registry, tmp_path):
    """The app's own exports (streamed) carry no <dimension>: the total comes from the XML."""
    from fazhi_desktop.ledgers.export import export_ledger

    from . import factory

    office.add_many("proposal", factory.records_of("proposal", 450))
    export_ledger(office, "proposal", tmp_path / "p.xlsx", masked=False)
    seen = []
    import_ledger(empty_registry, "proposal", tmp_path / "p.xlsx",
                  progress=lambda done, total, text: seen.append((done, total, text)))
    # 450 rows, the totals row, a blank row and the sign-off row below the header
    assert seen[0][:2] == (200, 453)
    assert seen[-1][:2] == (450, 450)


def test_text_that_looks_like_a_formula_or_holds_control_characters_exports_safely(
        office, empty_registry, tmp_path):
    from fazhi_desktop.ledgers.export import export_ledger

    office.add_many("proposal", [
        {"session": S, "number": 1, "title": "=关于1+1的提案", "authors": ["胡校丽"]},
        {"session": S, "number": 2, "title": "关于\x0b垂直制表符", "authors": ["李强"]}])
    export_ledger(office, "proposal", tmp_path / "p.xlsx", masked=False)
    import_ledger(empty_registry, "proposal", tmp_path / "p.xlsx")
    titles = sorted(r["title"] for r in empty_registry.dump("proposal"))
    assert titles == ["=关于1+1的提案", "关于垂直制表符"]  # the invisible character dropped


def test_formula_error_values_and_repeated_headers(registry, tmp_path):
    path = make_workbook(tmp_path / "e.xlsx", [
        HEADER[:4], [S, 1, "甲", "胡校丽"], HEADER[:4], [S, "#REF!", "乙", "李强"]])
    report = scan(registry, "proposal", path)
    assert report.rows == 2  # the repeated header row is not data
    assert [str(p) for p in report.problems] == [
        "工作表“Sheet1”第4行B列（编号）：单元格是公式的错误值#REF!，请先在Excel或WPS中改正公式"]
