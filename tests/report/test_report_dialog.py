"""The clerk opens 年度报告, checks the figures it will quote, generates it and previews it."""
from __future__ import annotations

import os

import pytest

from fazhi_desktop.core.registry import Registry
from fazhi_desktop.gui.dialogs.report_dialog import ReportDialog, open_report_dialog, split_names

from .conftest import HAND

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def registry_2022(year_db):
    with Registry.open(year_db) as registry:
        yield registry


def test_dialog_shows_the_figures_the_report_will_quote(qtbot, registry_2022):
    dialog = ReportDialog(registry_2022, year=2022)
    qtbot.addWidget(dialog)
    text = dialog.figures_label.text()
    assert f"办理人大代表建议{HAND['suggestions']}件、政协委员提案{HAND['proposals']}件，办结率{HAND['completion']}" in text
    assert f"调处成功率{HAND['success_rate']}" in text
    assert f"京省市区乡五级信访总量{HAND['level']}件，同比{HAND['level_yoy']}" in text
    assert dialog.to_edit.text() == "区委、区政府" and dialog.signers_edit.text() == "杨晓伟"
    this_year = dialog.date_edit.date().year()
    assert dialog.number_edit.text() == f"平湛司〔{this_year}〕1号"  # proposed, not yet handed out
    assert dialog.out_edit.text().endswith("关于2022年度法治政府建设情况的报告.docx")
    dialog.year_box.setValue(2021)
    assert dialog.out_edit.text().endswith("关于2021年度法治政府建设情况的报告.docx")
    assert "办理人大代表建议1件、政协委员提案1件" in dialog.figures_label.text()
    # the number follows the year of the 成文日期 until the clerk types one
    from PySide6.QtCore import QDate

    dialog.date_edit.setDate(QDate(2031, 1, 10))
    assert dialog.number_edit.text() == "平湛司〔2031〕1号"


def test_generate_writes_the_draft_and_previews_it(qtbot, registry_2022, tmp_path):
    dialog = open_report_dialog(None, registry_2022, year=2022)
    dialog.out_edit.setText(str(tmp_path / "年度报告"))
    dialog.number_edit.setText("平湛司〔2023〕3号")
    dialog.signers_edit.setText("杨晓伟、王丙寅")
    dialog.generate_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=120_000)
    assert dialog.result.path == tmp_path / "年度报告.docx" and dialog.result.path.exists()
    assert "黄色底纹的“【请填写：…】”需要补充" in dialog.status.text()
    # the number is now this report's: the dialog proposes it again next time
    again = ReportDialog(registry_2022, year=2022)
    qtbot.addWidget(again)
    assert again.number_edit.text() == "平湛司〔2023〕3号"
    preview = dialog.preview
    qtbot.waitUntil(lambda: preview.preview.page_count() >= 3, timeout=120_000)
    assert f"共 {preview.preview.page_count()} 页" in preview.preview.page_label.text()
    preview.resize(820, 1000)
    qtbot.wait(200)
    shot = preview.grab()  # a screenshot to look at: FAZHI_SHOTS=/path/shot.png keeps it
    assert shot.width() == 820
    shot.save(os.environ.get("FAZHI_SHOTS") or str(tmp_path / "preview.png"))
    preview.close()
    dialog.close()


def test_signers_may_be_separated_as_clerks_type_them():
    assert split_names("杨晓伟、王丙寅") == ["杨晓伟", "王丙寅"]
    assert split_names(" 杨晓伟  王丙寅，张三 ") == ["杨晓伟", "王丙寅", "张三"]
    assert split_names("") == []


def test_the_menu_action_opens_the_dialog_for_last_year(qtbot, registry_2022):
    import datetime as dt

    from PySide6.QtWidgets import QWidget

    from fazhi_desktop.gui.dialogs.report_dialog import report_action

    window = QWidget()
    qtbot.addWidget(window)
    action = report_action(window, registry_2022)
    assert action.text() == "年度法治政府建设情况报告…"
    action.trigger()
    dialog = window.findChild(ReportDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.year_box.value() == dt.date.today().year - 1


def test_an_existing_draft_is_not_overwritten_unasked(qtbot, registry_2022, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    draft = tmp_path / "已修改的初稿.docx"
    draft.write_bytes(b"the clerk's edits")
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **kw: asked.append(a[2]) or QMessageBox.No)
    dialog = ReportDialog(registry_2022, year=2022)
    qtbot.addWidget(dialog)
    dialog.out_edit.setText(str(draft))
    dialog.generate_button.click()
    assert "“已修改的初稿.docx”已存在" in asked[0]
    assert draft.read_bytes() == b"the clerk's edits" and dialog.op is None
    assert "未生成" in dialog.status.text()
