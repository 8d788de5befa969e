"""The register table: lazy pages over the store, urgency colours, sorting by re-query, filters,
and the start page's shortcuts."""
from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import Qt

from fazhi_desktop.gui.models.lazy_table import PAGE_SIZE
from fazhi_desktop.gui.models.register_model import RecordIdRole, RegisterModel

TODAY = _dt.date.today()


def proposal(number, *, due=None, status="pending", session="区政协六届一次会议", title=None):
    record = {"session": session, "number": number, "title": title or f"关于第{number}项工作",
              "authors": ["委员甲"], "status": status}
    if due is not None:
        record["due_date"] = (TODAY + _dt.timedelta(days=due)).isoformat()
    return record


def test_model_of_2000_records_counts_them_all_and_reads_only_the_page_asked_for(office):
    office.add_many("proposal", [proposal(n) for n in range(1, 2001)])
    model = RegisterModel(office, "proposal")
    model.reload()
    assert model.rowCount() == 2000
    assert model.pages_loaded == 0
    assert model.index(1499, 1).data() == "1500"  # sorted by number ascending
    assert model.pages_loaded == 1
    assert model.index(1400 + PAGE_SIZE // 2, 2).data() == f"关于第{1401 + PAGE_SIZE // 2}项工作"
    assert model.pages_loaded == 1  # same page, served from the cache
    assert len(model._cache) == PAGE_SIZE


def test_header_click_sorts_by_re_querying(qtbot, window):
    office = window.registry
    office.add_many("proposal", [proposal(3, title="丙"), proposal(1, title="甲"),
                                 proposal(2, title="乙")])
    page = window.show_page("政协提案")
    assert [page.model.index(r, 1).data() for r in range(3)] == ["1", "2", "3"]
    qtbot.mouseClick(page.table.horizontalHeader().viewport(), Qt.LeftButton,
                     pos=_section_center(page.table, 1))
    assert [page.model.index(r, 1).data() for r in range(3)] == ["3", "2", "1"]
    assert page.model.query.order_by == "number" and page.model.query.descending


def _section_center(table, column):
    from PySide6.QtCore import QPoint

    header = table.horizontalHeader()
    return QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2,
                  header.height() // 2)


def test_overdue_rows_are_red_and_rows_due_within_14_days_amber(window):
    office = window.registry
    office.add_many("proposal", [proposal(1, due=-3), proposal(2, due=5), proposal(3, due=40),
                                 proposal(4, due=-3, status="replied")])
    page = window.show_page("政协提案")
    colours = {page.model.index(r, 1).data(): page.model.index(r, 0).data(Qt.BackgroundRole)
               for r in range(4)}
    assert colours["1"].color().name() == "#f8d0d0"
    assert colours["2"].color().name() == "#fde9c0"
    assert colours["3"] is None and colours["4"] is None  # far off, or already answered
    assert "已超过办理期限" in page.model.index(0, 5).data(Qt.ToolTipRole)


def test_filters_by_session_status_and_overdue(qtbot, window):
    office = window.registry
    office.add_many("proposal", [proposal(1, due=-3), proposal(2, status="closed"),
                                 proposal(1, session="区政协六届二次会议", due=5)])
    page = window.show_page("政协提案")
    assert page.model.rowCount() == 3
    page.session.setCurrentIndex(page.session.findData("区政协六届二次会议"))
    assert page.model.rowCount() == 1
    page.session.setCurrentIndex(0)
    page.status.setCurrentIndex(page.status.findData("closed"))
    assert page.model.rowCount() == 1 and page.model.index(0, 6).data() == "已办结"
    page.status.setCurrentIndex(0)
    page.overdue.setChecked(True)
    assert page.model.rowCount() == 1 and page.model.index(0, 1).data() == "1"
    assert "1 / 3 条" == page.count_label.text()  # short: it sits beside the search box
    assert "全部 3 条" in page.count_label.toolTip()


def test_start_page_counts_and_overdue_shortcut_opens_the_filtered_register(qtbot, window):
    office = window.registry
    office.add_many("proposal", [proposal(1, due=-3), proposal(2, due=5), proposal(3, due=40)])
    office.add_many("suggestion", [{"session": "区人大十届一次会议", "number": 1, "title": "建议",
                                    "authors": ["代表乙"]}])
    home = window.show_page("首页")
    assert home.buttons[("proposal", "pending")].text() == "3 件"
    assert home.buttons[("proposal", "overdue")].text() == "1 件"
    assert home.buttons[("proposal", "due_soon")].text() == "1 件"
    assert home.buttons[("suggestion", "pending")].text() == "1 件"
    qtbot.mouseClick(home.buttons[("proposal", "overdue")], Qt.LeftButton)
    page = window.pages["政协提案"]
    assert window.stack.currentWidget() is page
    assert page.overdue.isChecked() and page.model.rowCount() == 1
    record_id = page.model.index(0, 0).data(RecordIdRole)
    assert office.get("proposal", record_id)["number"] == 1


def test_main_window_lists_every_page_and_shows_the_data_file(window):
    titles = [window.nav.item(r).text() for r in range(window.nav.count())]
    assert titles == ["首页", "政协提案", "人大建议", "人民调解", "信访统计", "统计", "回收站", "操作记录", "单位设置", "数据交换"]
    assert str(window.registry.path) in window.path_label.text()
    for title in titles:
        window.show_page(title)  # every page builds and refreshes without error


def test_help_about_opens_the_about_dialog_on_this_data_file(qtbot, window, monkeypatch):
    from fazhi_desktop.gui.dialogs import about

    opened = []
    monkeypatch.setattr(about.AboutDialog, "exec", lambda self: opened.append(self) or 0)
    [action] = [a for a in window.help_menu.actions() if a.text() == "关于(&A)"]
    action.trigger()
    assert len(opened) == 1 and isinstance(opened[0], about.AboutDialog)


def test_start_page_pending_count_opens_exactly_the_records_not_yet_replied(qtbot, window):
    office = window.registry
    office.add_many("proposal", [proposal(1, due=-3), proposal(2, due=5, status="in_progress"),
                                 proposal(3, due=40, status="replied"),
                                 proposal(4, due=9, status="closed")])
    home = window.show_page("首页")
    assert home.buttons[("proposal", "pending")].text() == "2 件"
    qtbot.mouseClick(home.buttons[("proposal", "pending")], Qt.LeftButton)
    page = window.pages["政协提案"]
    assert page.status.currentText() == "未答复（待办理、办理中）"
    numbers = sorted(office.get("proposal", page.model.index(r, 0).data(RecordIdRole))["number"]
                     for r in range(page.model.rowCount()))
    assert numbers == [1, 2]
