"""What a clerk's workbook may look like and still import: header variants, title rows, every
date form, 是/否 and Chinese words, numbers typed as text, merged cells, formulas."""
from __future__ import annotations

import datetime as _dt

import pytest
from openpyxl import Workbook

from fazhi_desktop.ledgers.importer import ImportOptions, import_ledger, scan
from fazhi_desktop.office.libreoffice import convert

from .conftest import make_workbook

S = "区政协六届一次会议"


@pytest.mark.parametrize("header", [
    # always in the order: session, number, title, authors
    ["届次", "编号", "案由", "提案人"],
    ["会议名称", "提案号", "标题", "委员"],
    ["会议", "提案编号", "提案名称", "提案人"],
    ["届次（会议）", "编号（必填）", "案由（标题）", "提出人（委员）"],
    ["  届 次 ", "*编号", "案由\n", "提案人："],
    ["届次", "提案号", "提案名称", "委　员"],
    ["届次", "序号", "案由", "提案人"],  # 序号 without an 编号 column is the number
])
def test_header_variants_are_recognised(header, registry, tmp_path):
    path = make_workbook(tmp_path / "v.xlsx", [header, [S, 7, "关于加强法治政府建设", "胡校丽"]])
    import_ledger(registry, "proposal", path)
    got = registry.dump("proposal")[0]
    assert (got["session"], got["number"], got["title"], got["authors"]) == (
        S, 7, "关于加强法治政府建设", ["胡校丽"])


def test_serial_column_beside_a_number_column_only_counts_rows(registry, tmp_path):
    path = make_workbook(tmp_path / "s.xlsx", [
        ["序号", "提案号", "届次", "案由", "提案人"],
        [1, 28, S, "甲", "胡校丽"],
        [2, 35, S, "乙", "李强"],
    ])
    import_ledger(registry, "proposal", path)
    assert sorted(r["number"] for r in registry.dump("proposal")) == [28, 35]


def test_title_and_blank_rows_above_header_and_columns_in_any_order(registry, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["湛河区司法局2022年政协提案办理台账"])
    ws.append([])
    ws.append(["填报单位：湛河区司法局", None, None, "填报日期：2022年9月1日"])
    ws.append([])
    ws.append(["提案人", "主办单位", "案由", "提案号", "会议名称", "协办单位", "无关的列"])
    ws.append(["胡校丽、李强", "湛河区司法局", "关于加强法治政府建设", "第28号", S,
               "区财政局，区人社局", "x"])
    wb.save(tmp_path / "t.xlsx")
    report = import_ledger(registry, "proposal", tmp_path / "t.xlsx")
    assert report.header_row == 5 and report.ignored == {6: "无关的列"}
    got = registry.dump("proposal")[0]
    assert got["authors"] == ["胡校丽", "李强"] and got["number"] == 28
    assert got["co_units"] == ["区财政局", "区人社局"] and got["lead_unit"] == "湛河区司法局"


@pytest.mark.parametrize("typed", [
    "2022年8月8日", "2022.8.8", "2022/8/8", "2022-08-08", "2022-8-8", "20220808",
    " 2022 年 8 月 8 日 ", _dt.datetime(2022, 8, 8), _dt.date(2022, 8, 8), 44781,
])
def test_each_date_form_clerks_type(typed, registry, tmp_path):
    path = make_workbook(tmp_path / "d.xlsx", [
        ["届次", "编号", "案由", "提案人", "交办日期"], [S, 1, "甲", "胡校丽", typed]])
    import_ledger(registry, "proposal", path)
    assert registry.dump("proposal")[0]["assigned_date"] == "2022-08-08"


def test_chinese_words_yes_no_and_numbers_stored_as_text(registry, tmp_path):
    path = make_workbook(tmp_path / "w.xlsx", [
        ["届次", "编号", "案由", "提案人", "办理状态", "答复类别", "是否满意", "办理期限"],
        [S, "12", "甲", "胡校丽", "已办结", "A类", "是", "2022年12月31日"],
        [S, "１３", "乙", "李强", "办理中", "b", "否", None],
        [S, 14.0, "丙", "赵敏", "已答复", "留作参考", "基本满意", None],
    ])
    import_ledger(registry, "proposal", path)
    got = {r["number"]: r for r in registry.dump("proposal")}
    assert (got[12]["status"], got[12]["result_class"], got[12]["satisfaction"]) == (
        "closed", "A", "satisfied")
    assert got[12]["due_date"] == "2022-12-31"
    assert (got[13]["status"], got[13]["result_class"], got[13]["satisfaction"]) == (
        "in_progress", "B", "unsatisfied")
    assert (got[14]["result_class"], got[14]["satisfaction"]) == ("D", "basically_satisfied")


def test_merged_cells_are_carried_down(registry, tmp_path):
    rows = [["届次", "编号", "案由", "提案人", "主办单位"]]
    for n in range(1, 7):
        rows.append([S if n == 1 else None, n, f"案由{n}", "胡校丽",
                     "湛河区司法局" if n in (1, 4) else None])
    # header on row 3 (title, blank); data rows 4..9
    path = make_workbook(tmp_path / "m.xlsx", rows, title="提案台账",
                         merges=["A1:E1", "A4:A9", "E4:E6", "E7:E9"])
    report = import_ledger(registry, "proposal", path)
    assert report.created == 6
    got = {r["number"]: r for r in registry.dump("proposal")}
    assert all(got[n]["session"] == S for n in range(1, 7))
    assert all(got[n]["lead_unit"] == "湛河区司法局" for n in range(1, 7))


def test_formulas_are_read_as_their_cached_values(registry, tmp_path):
    """openpyxl writes formulas without cached values; LibreOffice recalculates and saves them,
    as Excel or WPS would when the clerk saved the file."""
    wb = Workbook()
    ws = wb.active
    ws.append(["届次", "编号", "案由", "提案人", "交办日期", "办理期限"])
    ws.append([S, 1, "关于加强法治政府建设", "胡校丽", _dt.date(2022, 5, 10), "=E2+30"])
    ws.append([S, "=B2+1", '="关于"&"规范执法"', "李强", _dt.date(2022, 5, 11), "=E3+30"])
    ws["E2"].number_format = ws["E3"].number_format = "yyyy-mm-dd"
    ws["F2"].number_format = ws["F3"].number_format = "yyyy-mm-dd"
    wb.save(tmp_path / "formulas.xlsx")
    saved = convert(tmp_path / "formulas.xlsx", "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    report = import_ledger(registry, "proposal", saved)
    assert report.problems == []
    got = {r["number"]: r for r in registry.dump("proposal")}
    assert got[2]["title"] == "关于规范执法"
    assert got[1]["due_date"] == "2022-06-09" and got[2]["due_date"] == "2022-06-10"


def test_mediation_and_petition_ledgers_in_clerks_words(registry, tmp_path):
    from . import factory

    path = make_workbook(tmp_path / "med.xlsx", [
        ["案号", "调委会", "登记日期", "来源", "纠纷类别", "申请方", "申请方身份证号码",
         "申请方联系电话", "被申请方", "调解情况", "标的额", "是否履行"],
        ["（2022）湛调字第1号", "阳光苑社区人民调解委员会", "2022.3.5", "诉调", "邻里纠纷",
         "张三", factory.id_number(5), "13812345678", "李四", "成功", "1.2万", "是"],
    ])
    import_ledger(registry, "mediation", path)
    got = registry.dump("mediation")[0]
    assert got["accepted_date"] == "2022-03-05" and got["source"] == "court_referral"
    assert got["dispute_type"] == "邻里" and got["outcome"] == "success"
    assert got["amount"] == 12000 and got["performance"] == "performed"
    assert got["parties"] == [
        {"role": "applicant", "name": "张三", "id_number": factory.id_number(5),
         "phone": "13812345678"}, {"role": "respondent", "name": "李四"}]
    path = make_workbook(tmp_path / "pet.xlsx", [
        ["单位", "统计月份", "来信", "来访", "网上信访", "电话", "赴京", "化解"],
        ["姚孟街道", "2022年8月", "3", 4, 5, 6, 0, 2]])
    import_ledger(registry, "petition", path)
    got = registry.dump("petition")[0]
    assert (got["unit"], got["period"], got["letters"], got["resolved"]) == (
        "姚孟街道", "2022-08", 3, 2)


def test_scan_writes_nothing(registry, tmp_path):
    path = make_workbook(tmp_path / "d.xlsx", [["届次", "编号", "案由", "提案人"], [S, 1, "甲", "乙"]])
    report = scan(registry, "proposal", path)
    assert report.rows == 1 and report.problems == [] and registry.count("proposal") == 0


def test_two_row_header_with_merged_group_cells(registry, tmp_path):
    from . import factory

    path = make_workbook(tmp_path / "two.xlsx", [
        ["案件编号", "调解委员会", "受理日期", "纠纷类型", "当事人", None, "调解结果"],
        [None, None, None, None, "申请人", "被申请人", None],
        ["（2022）湛调字第9号", "阳光苑社区人民调解委员会", "2022/5/6", "物业", "张三", "李四", "成功"],
    ], title="人民调解登记台账", merges=["A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:F3", "G3:G4"])
    report = import_ledger(registry, "mediation", path)
    assert report.header_row == 4 and report.problems == []
    got = registry.dump("mediation")[0]
    assert got["case_number"] == "（2022）湛调字第9号" and got["outcome"] == "success"
    assert [p["name"] for p in got["parties"]] == ["张三", "李四"]


def test_a_ledger_of_one_session_takes_the_session_from_its_title(registry, tmp_path):
    path = make_workbook(tmp_path / "one.xlsx", [
        ["提案号", "案由", "提案人"], [28, "关于加强法治政府建设", "胡校丽"]],
        title="湛河区司法局区政协六届一次会议提案办理台账")
    report = import_ledger(registry, "proposal", path)
    assert "各行的届次均按“区政协六届一次会议”导入" in report.summary()
    assert registry.dump("proposal")[0]["session"] == S


def test_session_given_for_a_ledger_without_session_column_or_title(registry, tmp_path):
    from fazhi_desktop.core.errors import ValidationError

    path = make_workbook(tmp_path / "none.xlsx", [["提案号", "案由", "提案人"], [3, "甲", "乙"]])
    with pytest.raises(ValidationError) as refused:
        import_ledger(registry, "proposal", path)
    assert "缺少必需的列：届次" in str(refused.value)
    import_ledger(registry, "proposal", path, ImportOptions(defaults={"session": "区人大十届一次会议"}))
    assert registry.dump("proposal")[0]["session"] == "区人大十届一次会议"


def test_one_parties_column_holds_both_sides(registry, tmp_path):
    path = make_workbook(tmp_path / "p.xlsx", [
        ["编号", "调解委员会", "受理时间", "纠纷类型", "当事人", "调解结果"],
        ["（2022）湛调字第3号", "阳光苑社区人民调解委员会", "2022年4月1日", "婚姻家庭纠纷",
         "王芳、刘强", "调解成功"],
        ["（2022）湛调字第4号", "阳光苑社区人民调解委员会", "2022年4月2日", "邻里", "王芳", "成功"],
    ])
    report = scan(registry, "mediation", path)
    assert [str(p) for p in report.problems] == [
        "工作表“Sheet1”第3行E列（当事人）：至少需要两方当事人，实为1方"]
    import_ledger(registry, "mediation", path, ImportOptions(keep_good=True))
    got = registry.dump("mediation")[0]
    assert got["parties"] == [{"role": "applicant", "name": "王芳"},
                              {"role": "respondent", "name": "刘强"}]
    assert got["dispute_type"] == "婚姻家庭"


def test_rows_beyond_a_wrong_dimension_are_still_read(registry, tmp_path):
    """Some programs write <dimension ref="A1:D2"> for a longer sheet; no row may be lost."""
    import zipfile

    rows = [["届次", "编号", "案由", "提案人"]] + [[S, n, f"案由{n}", "胡校丽"] for n in range(1, 6)]
    good = make_workbook(tmp_path / "good.xlsx", rows)
    bad = tmp_path / "wrong_dimension.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<dimension ref="A1:D6"/>', b'<dimension ref="A1:D2"/>')
                assert b'ref="A1:D2"' in data
            out.writestr(item, data)
    report = import_ledger(registry, "proposal", bad)
    assert report.created == 5
