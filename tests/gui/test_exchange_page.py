"""数据交换 page (issue 15.3 GUI, 20.2 "the GUI asks for the passphrase").

The page is driven as a clerk drives it. These tests put a stand-in for the exchange engine
behind the Registry's API (export_package, plan_package, apply_package, conflicts, …) so they
check what the page shows and asks, not the merge rules (tests/exchange covers those).
"""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox

from fazhi_desktop.core.errors import ValidationError
from fazhi_desktop.gui.dialogs.passphrase import NewPassphraseDialog, PackagePassphraseDialog
from fazhi_desktop.gui.pages.exchange import ExchangePage

WAIT_MS = 20000
PASS = "阳光苑调解2026"


class PassphraseNeeded(ValidationError):
    def __init__(self, message):
        super().__init__([message])


class WrongPassphrase(PassphraseNeeded):
    pass


class Plan:
    def __init__(self, office, counts, conflicts=(), changes=()):
        self.office, self.counts, self.conflicts, self.changes = office, counts, list(conflicts), list(changes)


LOCAL = {"id": "6f1c2d1e-0000-4000-8000-000000000001", "case_number": "2022-015",
         "committee": "曹镇乡人民调解委员会", "accepted_date": "2022-08-01", "dispute_type": "邻里",
         "outcome": "pending", "facts": "漏水纠纷"}
REMOTE = dict(LOCAL, outcome="success", facts="漏水纠纷，已修复")


class Engine:
    """Stands in for core/exchange behind the Registry: records calls, writes nothing unless
    apply_package is called."""

    def __init__(self, registry, *, passphrase=PASS):
        self._registry = registry
        self.passphrase = passphrase
        self.office_id = "0b7d7c4e-1111-4000-8000-00000000000a"
        self.exported, self.planned, self.applied, self.resolved = [], [], [], []
        self.open_conflicts = []
        self.received = []

    def __getattr__(self, name):
        return getattr(self._registry, name)

    def export_package(self, path, *, kinds, year, passphrase, progress=None, cancelled=None):
        progress(1, 2)
        Path(path).write_bytes(b"PK fake package")
        self.exported.append({"path": Path(path), "kinds": kinds, "year": year,
                              "passphrase": passphrase})
        return {"counts": {"mediation": 3, "petition": 12}}

    def plan_package(self, path, *, passphrase=None):
        self.planned.append(passphrase)
        if self.passphrase and passphrase is None:
            raise PassphraseNeeded("数据包已加密（SM4-GCM），请提供双方约定的口令。")
        if self.passphrase and passphrase != self.passphrase:
            raise WrongPassphrase("口令不正确，无法解开数据包，未写入任何内容。")
        return Plan({"id": "township-a", "name": "曹镇乡司法所", "created_at": "2026-12-01T09:30:00"},
                    {"new": 2, "updated": 1, "unchanged": 5, "deleted": 1, "conflicts": 1},
                    conflicts=[{"kind": "mediation", "id": LOCAL["id"]}],
                    changes=[{"kind": "mediation", "action": "new", "summary": "2022-016 曹镇乡人民调解委员会"},
                             {"kind": "mediation", "action": "deleted", "summary": "2022-003 曹镇乡人民调解委员会"}])

    def apply_package(self, plan, *, progress=None, cancelled=None):
        self.applied.append(plan)
        self.open_conflicts = [{"kind": "mediation", "id": LOCAL["id"], "office": "曹镇乡司法所",
                                "local": LOCAL, "remote": REMOTE, "fields": ["outcome", "facts"],
                                "received_at": "2026-12-02T10:00:00"}]
        self.received = [{"office_id": "township-a", "office_name": "曹镇乡司法所",
                          "created_at": "2026-12-01T09:30:00", "imported_at": "2026-12-02T10:00:00",
                          "counts": {"mediation": 9}, "encryption": "SM4-GCM"}]
        return plan.counts

    def conflicts(self):
        return list(self.open_conflicts)

    def resolve_conflict(self, record_id, keep):
        self.resolved.append((record_id, keep))
        self.open_conflicts = [c for c in self.open_conflicts if c["id"] != record_id]
        return REMOTE if keep == "remote" else LOCAL

    def received_packages(self):
        return list(self.received)


@pytest.fixture
def engine(office):
    return Engine(office)


@pytest.fixture
def page(qtbot, engine):
    widget = ExchangePage(engine)
    qtbot.addWidget(widget)
    widget.resize(1024, 768)
    widget.show()
    return widget


def wait_idle(qtbot, page):
    qtbot.waitUntil(lambda: page.op is None, timeout=WAIT_MS)


@pytest.fixture
def answers(monkeypatch):
    """Answer the passphrase dialogs as the clerk would; records every question asked."""
    asked = {"new": 0, "package": [], "replies": []}

    def new_exec(dialog):
        asked["new"] += 1
        dialog.first.setText(PASS)
        dialog.second.setText(PASS)
        return QDialog.Accepted

    def package_exec(dialog):
        asked["package"].append(dialog.problem.text())
        if not asked["replies"]:
            return QDialog.Rejected
        dialog.field.setText(asked["replies"].pop(0))
        return QDialog.Accepted

    monkeypatch.setattr(NewPassphraseDialog, "exec", new_exec)
    monkeypatch.setattr(PackagePassphraseDialog, "exec", package_exec)
    return asked


def test_export_asks_the_passphrase_and_passes_kinds_and_year(qtbot, page, engine, answers,
                                                              tmp_path):
    page.kind_boxes["proposal"].setChecked(False)
    page.kind_boxes["suggestion"].setChecked(False)
    (tmp_path / "U盘").mkdir()
    page.export_package(str(tmp_path / "U盘" / "曹镇乡"))
    wait_idle(qtbot, page)
    assert answers["new"] == 1
    assert engine.exported, page.export_status.text()
    call = engine.exported[0]
    assert call["passphrase"] == PASS
    assert call["kinds"] == ["mediation", "petition"] and call["year"] is None
    assert call["path"].name == "曹镇乡.fzpkg"
    assert "已导出" in page.export_status.text() and "已加密" in page.export_status.text()
    assert "人民调解3，信访统计12" in page.export_status.text()


def test_export_without_encryption_warns_first(qtbot, page, engine, answers, tmp_path, monkeypatch):
    warnings = []

    def warn(parent, title, text, *args, **kwargs):
        warnings.append(text)
        return QMessageBox.No

    monkeypatch.setattr(QMessageBox, "warning", warn)
    page.no_encrypt.setChecked(True)
    assert page.unencrypted_warning.isVisible()
    page.export_package(str(tmp_path / "a.fzpkg"))
    assert warnings and "身份证号码" in warnings[0]
    assert engine.exported == [] and answers["new"] == 0  # said no: nothing written

    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.Yes)
    page.export_package(str(tmp_path / "a.fzpkg"))
    wait_idle(qtbot, page)
    assert engine.exported[0]["passphrase"] is None and "未加密" in page.export_status.text()


def test_new_passphrase_dialog_needs_two_equal_entries(qtbot):
    dialog = NewPassphraseDialog()
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.Ok)
    dialog.first.setText("短")
    assert not ok.isEnabled() and "至少8个字符" in dialog.problem.text()
    dialog.first.setText(PASS)
    dialog.second.setText(PASS + "x")
    assert not ok.isEnabled() and "不一致" in dialog.problem.text()
    dialog.second.setText(PASS)
    assert ok.isEnabled() and dialog.problem.text() == ""


def test_import_asks_the_passphrase_then_previews_before_writing(qtbot, page, engine, answers,
                                                                 tmp_path):
    package = tmp_path / "曹镇乡.fzpkg"
    package.write_bytes(b"PK")
    answers["replies"] = ["猜错的口令12345", PASS]
    page.open_package(str(package))
    qtbot.waitUntil(lambda: page.plan is not None, timeout=WAIT_MS)
    wait_idle(qtbot, page)
    # asked, told the first one was wrong, asked again
    assert answers["package"] == ["", "口令不正确，请重新输入。"]
    assert engine.planned == [None, "猜错的口令12345", PASS]
    assert engine.applied == []  # a preview only: nothing merged yet
    text = page.plan_label.text()
    assert "曹镇乡司法所" in text and "新增2，更新1，未变5，删除1，冲突1" in text
    assert "冲突" in text and "合并导入" in text
    listed = [[page.plan_table.item(r, c).text() for c in range(3)]
              for r in range(page.plan_table.rowCount())]
    assert ["人民调解", "新增", "2022-016 曹镇乡人民调解委员会"] in listed
    assert ["人民调解", "删除", "2022-003 曹镇乡人民调解委员会"] in listed
    assert page.apply_button.isEnabled()

    page.apply_button.click()
    wait_idle(qtbot, page)
    assert len(engine.applied) == 1
    assert "已导入" in page.plan_label.text() and not page.apply_button.isEnabled()
    received = [page.received_table.item(0, c).text() for c in range(5)]
    assert received[0] == "曹镇乡司法所" and received[3] == "SM4-GCM"
    assert page.tabs.tabText(3) == "冲突（1）"


def test_cancelled_passphrase_imports_nothing(qtbot, page, engine, answers, tmp_path):
    package = tmp_path / "x.fzpkg"
    package.write_bytes(b"PK")
    page.open_package(str(package))
    qtbot.waitUntil(lambda: bool(answers["package"]), timeout=WAIT_MS)
    wait_idle(qtbot, page)
    assert "没有输入口令" in page.plan_label.text()
    assert page.plan is None and engine.applied == []


def test_a_refused_package_is_said_in_chinese(qtbot, page, engine, tmp_path, monkeypatch):
    def refuse(path, *, passphrase=None):
        raise ValidationError(["数据包“x.fzpkg”已损坏或被改动（整体校验码不符），未写入任何内容。"])

    monkeypatch.setattr(engine, "plan_package", refuse, raising=False)
    engine.__dict__["plan_package"] = refuse
    page.open_package(str(tmp_path / "x.fzpkg"))
    wait_idle(qtbot, page)
    assert "已损坏或被改动" in page.plan_label.text() and "未导入" in page.plan_label.text()
    assert page.plan is None and not page.apply_button.isEnabled()


def test_conflict_side_by_side_field_by_field_and_settled(qtbot, page, engine):
    engine.apply_package(Plan({}, {}))  # a conflict is now held
    page.refresh()
    page.tabs.setCurrentIndex(3)
    assert page.conflict_table.rowCount() == 1
    rows = {page.compare_table.item(r, 0).text(): (page.compare_table.item(r, 1).text(),
                                                  page.compare_table.item(r, 2).text(),
                                                  page.compare_table.item(r, 1).background().color().name())
            for r in range(page.compare_table.rowCount())}
    assert rows["调解结果"][:2] == ("调解中", "调解成功") and rows["调解结果"][2] == "#fdecea"
    assert rows["案件编号"][:2] == ("2022-015", "2022-015") and rows["案件编号"][2] != "#fdecea"
    changed = []
    page.changed.connect(lambda: changed.append(1))
    page.keep_remote_button.click()
    assert engine.resolved == [(LOCAL["id"], "remote")]
    assert page.conflict_table.rowCount() == 0 and page.tabs.tabText(3) == "冲突" and changed


def test_the_page_is_in_the_navigation(window):
    page = window.show_page("数据交换")
    assert isinstance(page, ExchangePage)
