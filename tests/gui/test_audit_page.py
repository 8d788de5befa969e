"""操作记录: the clerk finds what was changed, by day and by record, and sees each change
field by field (before → after), in Chinese."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate

from fazhi_desktop.gui.pages import audit
from fazhi_desktop.core.audit_view import changed_fields
from fazhi_desktop.gui.pages.audit import AuditPage

from .conftest import type_text

COLUMNS = {name: col for col, name in enumerate(AuditPage.HEADERS)}


@pytest.fixture
def history(office, seed_proposal):
    """A proposal created, then edited (title, status, the reply's signature), a suggestion
    created and deleted: the day of a clerk, as the audit trail holds it."""
    created = office.save("proposal", seed_proposal)
    edited = dict(created, title="关于进一步加强法治政府建设的建议", status="closed",
                  reply=dict(created["reply"], signature="湛河区司法局办公室"))
    office.save("proposal", edited)
    other = office.save("suggestion", {"session": "区人大十届二次会议", "number": 5,
                                       "title": "关于加强社区矫正工作", "authors": ["王明"]})
    office.delete("suggestion", other["id"])
    return {"proposal": created["id"], "suggestion": other["id"], "registry": office}


@pytest.fixture
def page(qtbot, history):
    widget = AuditPage(history["registry"])
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


def shown_rows(page) -> list:
    rows = []
    for row in range(page.table.rowCount()):
        if not page.table.isRowHidden(row):
            rows.append({name: page.table.item(row, col).text() for name, col in COLUMNS.items()})
    return rows


def select_action(page, action_word: str, record_part: str) -> None:
    for row in range(page.table.rowCount()):
        if (page.table.item(row, COLUMNS["操作"]).text() == action_word
                and record_part in page.table.item(row, COLUMNS["记录"]).text()):
            page.table.selectRow(row)
            return
    raise AssertionError(f"no {action_word} row for {record_part}: {shown_rows(page)}")


def test_clerk_sees_create_update_delete_in_chinese_newest_first(page):
    rows = [r for r in shown_rows(page) if r["类别"] != "单位信息"]
    assert [(r["类别"], r["操作"]) for r in rows] == [
        ("人大建议", "删除"), ("人大建议", "新建"), ("政协提案", "修改"), ("政协提案", "新建")]
    assert rows[0]["记录"] == "区人大十届二次会议第5号建议：关于加强社区矫正工作"
    assert rows[0]["改动的项目"] == "移到回收站"
    # the edit names what it touched, nested reply fields as 答复件·署名
    assert rows[2]["改动的项目"] == "案由（标题）、办理状态、答复件·署名"
    assert rows[2]["记录"].startswith("区政协六届一次会议第28号提案：关于进一步加强")


def test_selecting_an_edit_shows_each_changed_field_before_and_after(page):
    select_action(page, "修改", "第28号提案")
    text = page.detail.toPlainText()
    assert "改动了 3 项" in text
    for label, old, new in (("案由（标题）", "关于加强法治政府建设", "关于进一步加强法治政府建设的建议"),
                            ("办理状态", "已答复", "已办结"),
                            ("答复件·署名", "湛河区司法局", "湛河区司法局办公室")):
        lines = text.splitlines()  # the detail table reads label, before, after, cell by cell
        at = lines.index(label)
        assert lines[at + 1:at + 3] == [old, new]
    # fields that did not change, and the app's own timestamps, are not listed
    assert "提出人" not in text and "updated_at" not in text and "答复正文" not in text


def test_a_deleted_record_is_shown_whole(page):
    select_action(page, "删除", "第5号建议")
    text = page.detail.toPlainText()
    assert "删除时的内容" in text
    lines = text.splitlines()
    assert lines[lines.index("案由（标题）") + 1] == "关于加强社区矫正工作"
    assert lines[lines.index("提出人（代表）") + 1] == "王明"


def test_filter_by_day_shows_only_that_days_entries(page, history):
    registry = history["registry"]
    yesterday = dt.date.today() - dt.timedelta(days=1)
    oldest = registry.audit_log()[-1]  # the office profile's first save: move it to yesterday
    with registry.store.transaction():
        registry.store.conn.execute("UPDATE audit SET at = ? WHERE seq = ?",
                                    (f"{yesterday.isoformat()}T16:30:00+08:00", oldest["seq"]))
    page.refresh()
    assert len(shown_rows(page)) == 5

    page.all_days.setChecked(False)
    page.day.setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
    assert [(r["类别"], r["操作"]) for r in shown_rows(page)] == [("单位信息", "新建")]
    assert shown_rows(page)[0]["时间"] == f"{yesterday.isoformat()} 16:30:00"

    page.day.setDate(QDate.currentDate())
    assert len(shown_rows(page)) == 4 and "单位信息" not in {r["类别"] for r in shown_rows(page)}

    page.all_days.setChecked(True)
    assert len(shown_rows(page)) == 5


def test_search_box_finds_a_records_entries_by_its_name(page):
    type_text(page.search, "第5号")
    rows = shown_rows(page)
    assert [r["操作"] for r in rows] == ["删除", "新建"]
    assert "显示 2 条" in page.count_label.text()
    page.search.clear()
    assert len(shown_rows(page)) == 5


def test_search_by_record_id_and_by_kind(page, history):
    type_text(page.search, history["proposal"])
    assert {r["类别"] for r in shown_rows(page)} == {"政协提案"}
    page.search.clear()
    page.kind_box.setCurrentIndex(page.kind_box.findText("人大建议"))
    assert {r["类别"] for r in shown_rows(page)} == {"人大建议"}


def test_show_record_lists_only_that_records_history(page, history):
    page.show_record("proposal", history["proposal"])
    rows = shown_rows(page)
    assert [r["操作"] for r in rows] == ["修改", "新建"]
    assert not page.record_banner.isHidden()
    assert "第28号提案" in page.record_banner.text()
    assert "改动了 3 项" in page.detail.toPlainText()  # the newest entry is selected
    page.show_all_button.click()
    assert len(shown_rows(page)) == 5 and page.record_banner.isHidden()


def test_only_this_records_history_from_a_selected_row(page):
    select_action(page, "新建", "第5号建议")
    page.record_button.click()
    assert [r["操作"] for r in shown_rows(page)] == ["删除", "新建"]


def test_more_button_loads_older_entries(qtbot, history, monkeypatch):
    monkeypatch.setattr(audit, "PAGE_SIZE", 2)
    page = AuditPage(history["registry"])
    qtbot.addWidget(page)
    page.show()
    assert len(shown_rows(page)) == 2 and page.more_button.isVisible()
    assert "最近的 2 条" in page.count_label.text()
    page.more_button.click()
    assert len(shown_rows(page)) == 4
    page.more_button.click()
    assert len(shown_rows(page)) == 5 and not page.more_button.isVisible()


def test_personal_data_stays_masked_in_the_history(office, qtbot):
    record = office.save("mediation", {
        "case_number": "湛调〔2026〕12号", "committee": "曹镇乡人民调解委员会",
        "accepted_date": "2026-03-01", "dispute_type": "邻里",
        "parties": [{"role": "applicant", "name": "李四", "phone": "13812345678",
                     "id_number": "410411198001011232"},
                    {"role": "respondent", "name": "张三"}]})
    changed = dict(record, parties=[dict(record["parties"][0], phone="13912345678"),
                                    record["parties"][1]])
    office.save("mediation", changed)
    page = AuditPage(office)
    qtbot.addWidget(page)
    select_action(page, "新建", "湛调〔2026〕12号")
    text = page.detail.toPlainText()
    assert "138****5678" in text and "4104**********1232" in text
    assert "13812345678" not in text and "410411198001011232" not in text
    select_action(page, "修改", "湛调〔2026〕12号")
    text = page.detail.toPlainText()
    lines = text.splitlines()
    at = lines.index("当事人1·联系电话")
    assert lines[at + 1:at + 3] == ["138****5678", "139****5678"]
    assert "13912345678" not in text


def test_changed_fields_lists_only_differences_with_chinese_labels():
    before = {"id": "x", "updated_at": "2026-01-01T00:00:00+08:00", "session": "区政协六届一次会议",
              "number": 28, "title": "旧", "authors": ["甲"], "status": "pending",
              "reply": {"signature": "司法局", "cc": ["a"]}, "notes": ""}
    after = dict(before, updated_at="2026-02-01T00:00:00+08:00", title="新", authors=["甲", "乙"],
                 status="replied", reply={"signature": "司法局", "cc": []}, notes=None)
    assert changed_fields("proposal", before, after) == [
        ("案由（标题）", "旧", "新"),
        ("提出人（委员）", "甲", "甲、乙"),
        ("办理状态", "待办理", "已答复"),
        ("答复件·抄送", "a", "（空）"),
    ]
    assert changed_fields("proposal", before, dict(before)) == []
