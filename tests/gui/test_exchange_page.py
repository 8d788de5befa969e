"""数据交换 page (issue 15.3 GUI, 20.2 "the GUI asks for the passphrase"), on the real exchange
engine: a township office's data file exports packages, the district's page imports them.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox

from fazhi_desktop.core.exchange.package import WrongPassphrase, read_package
from fazhi_desktop.core.registry import Registry
from fazhi_desktop.gui.dialogs.passphrase import NewPassphraseDialog, PackagePassphraseDialog
from fazhi_desktop.gui.pages.exchange import ExchangePage
from tests.mediation.conftest import CASE, ZHANG_ID

WAIT_MS = 30000
PASS = "阳光苑调解2026"
TOWNSHIP = "曹镇乡司法所"


def case(number: str, **fields) -> dict:
    record = copy.deepcopy(CASE)
    record.update({"case_number": number, "committee": "曹镇乡人民调解委员会", **fields})
    return record


@pytest.fixture
def township(tmp_path, seed_profile):
    registry = Registry.open(tmp_path / "township.sqlite3")
    registry.set_profile(dict(seed_profile, authority=TOWNSHIP))
    registry.save("mediation", case("2022-015", outcome="pending"))
    registry.save("mediation", case("2022-016"))
    yield registry
    registry.close()


@pytest.fixture
def page(qtbot, office):
    widget = ExchangePage(office)
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


def test_export_asks_the_passphrase_and_the_package_needs_it(qtbot, page, office, answers,
                                                            tmp_path):
    office.save("mediation", case("2022-001"))
    page.refresh()
    page.kind_boxes["proposal"].setChecked(False)
    page.kind_boxes["suggestion"].setChecked(False)
    (tmp_path / "U盘").mkdir()
    page.export_package(str(tmp_path / "U盘" / "湛河区"))
    wait_idle(qtbot, page)
    assert answers["new"] == 1
    package = tmp_path / "U盘" / "湛河区.fzpkg"
    assert package.exists(), page.export_status.text()
    assert "已加密" in page.export_status.text() and "人民调解1条" in page.export_status.text()
    assert ZHANG_ID.encode() not in package.read_bytes()
    with pytest.raises(WrongPassphrase):
        read_package(package, passphrase="别的口令12345")
    manifest, _members = read_package(package, passphrase=PASS)
    assert manifest["kinds"] == ["mediation", "petition"]


def test_export_without_encryption_warns_first(qtbot, page, office, answers, tmp_path,
                                               monkeypatch):
    warnings = []

    def warn(parent, title, text, *args, **kwargs):
        warnings.append(text)
        return QMessageBox.No

    monkeypatch.setattr(QMessageBox, "warning", warn)
    page.no_encrypt.setChecked(True)
    assert page.unencrypted_warning.isVisible()
    page.export_package(str(tmp_path / "a.fzpkg"))
    assert warnings and "身份证号码" in warnings[0]
    assert not (tmp_path / "a.fzpkg").exists() and answers["new"] == 0  # said no: nothing written

    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.Yes)
    page.export_package(str(tmp_path / "a.fzpkg"))
    wait_idle(qtbot, page)
    assert (tmp_path / "a.fzpkg").exists() and "未加密" in page.export_status.text()


def test_the_unencrypted_warning_says_what_the_chosen_registers_expose(page):
    page.no_encrypt.setChecked(True)
    assert "身份证号码" in page.unencrypted_warning.text()
    for kind, box in page.kind_boxes.items():
        box.setChecked(kind == "petition")
    # monthly petition counts name nobody: the warning does not claim otherwise
    assert "不含个人信息" in page.unencrypted_warning.text()
    assert "身份证号码" not in page.unencrypted_warning.text()


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


def test_import_asks_the_passphrase_then_previews_before_writing(qtbot, page, office, township,
                                                                 answers, tmp_path):
    package = tmp_path / "曹镇乡.fzpkg"
    township.export_package(package, kinds=["mediation"], passphrase=PASS)
    answers["replies"] = ["猜错的口令12345", PASS]
    page.open_package(str(package))
    qtbot.waitUntil(lambda: page.plan is not None, timeout=WAIT_MS)
    wait_idle(qtbot, page)
    # asked, told the first one was wrong, asked again
    assert answers["package"] == ["", "口令不正确，请重新输入。"]
    assert office.count("mediation") == 0  # a preview only: nothing merged yet
    text = page.plan_label.text()
    assert TOWNSHIP in text and "新增2条" in text and "合并导入" in text
    listed = [[page.plan_table.item(r, c).text() for c in range(3)]
              for r in range(page.plan_table.rowCount())]
    assert ["人民调解", "新增", "2022-015 曹镇乡人民调解委员会"] in listed
    assert len(listed) == 2 and page.apply_button.isEnabled()

    changed = []
    page.changed.connect(lambda: changed.append(1))
    page.apply_button.click()
    wait_idle(qtbot, page)
    assert office.count("mediation") == 2 and changed
    assert "已导入" in page.plan_label.text() and not page.apply_button.isEnabled()
    received = [page.received_table.item(0, c).text() for c in range(5)]
    assert received[0] == TOWNSHIP and received[3] in ("SM4-GCM", "AES-256-GCM")
    assert "新增2条" in received[4]


def test_cancelled_passphrase_imports_nothing(qtbot, page, office, township, answers, tmp_path):
    package = tmp_path / "x.fzpkg"
    township.export_package(package, kinds=["mediation"], passphrase=PASS)
    page.open_package(str(package))
    qtbot.waitUntil(lambda: bool(answers["package"]), timeout=WAIT_MS)
    wait_idle(qtbot, page)
    assert "没有输入口令" in page.plan_label.text()
    assert page.plan is None and office.count("mediation") == 0


def test_an_altered_package_is_refused_in_chinese(qtbot, page, office, township, answers,
                                                  tmp_path):
    package = tmp_path / "x.fzpkg"
    township.export_package(package, kinds=["mediation"], passphrase=PASS)
    data = bytearray(package.read_bytes())
    data[len(data) // 2] ^= 0x01
    package.write_bytes(bytes(data))
    page.open_package(str(package))
    wait_idle(qtbot, page)
    assert "未导入" in page.plan_label.text() and "未写入任何内容" in page.plan_label.text()
    assert page.plan is None and not page.apply_button.isEnabled()
    assert office.count("mediation") == 0


def test_conflict_side_by_side_field_by_field_and_settled(qtbot, page, office, township, answers,
                                                          tmp_path):
    first = tmp_path / "1.fzpkg"
    township.export_package(first, kinds=["mediation"], passphrase=PASS)
    answers["replies"] = [PASS]
    page.open_package(str(first))
    qtbot.waitUntil(lambda: page.plan is not None, timeout=WAIT_MS)
    page.apply_button.click()
    wait_idle(qtbot, page)
    # both sides edit case 2022-015
    mine = next(r for r in office.dump("mediation") if r["case_number"] == "2022-015")
    office.save("mediation", dict(mine, facts="区司法局补充：双方已同意再调解。"))
    theirs = next(r for r in township.dump("mediation") if r["case_number"] == "2022-015")
    township.save("mediation", dict(theirs, outcome="failure"))
    second = tmp_path / "2.fzpkg"
    township.export_package(second, kinds=["mediation"], passphrase=PASS)
    answers["replies"] = [PASS]
    page.open_package(str(second))
    qtbot.waitUntil(lambda: page.plan is not None, timeout=WAIT_MS)
    assert "冲突1条" in page.plan_label.text()
    page.apply_button.click()
    wait_idle(qtbot, page)

    assert page.tabs.tabText(3) == "冲突（1）" and page.conflict_table.rowCount() == 1
    rows = {page.compare_table.item(r, 0).text(): (page.compare_table.item(r, 1).text(),
                                                  page.compare_table.item(r, 2).text(),
                                                  page.compare_table.item(r, 1).background().color().name())
            for r in range(page.compare_table.rowCount())}
    assert rows["调解结果"][:2] == ("调解中", "调解不成功") and rows["调解结果"][2] == "#fdecea"
    assert rows["案件编号"][:2] == ("2022-015", "2022-015") and rows["案件编号"][2] != "#fdecea"
    page.keep_remote_button.click()
    assert page.conflict_table.rowCount() == 0 and page.tabs.tabText(3) == "冲突"
    now = office.get("mediation", mine["id"])
    assert now["outcome"] == "failure"


def test_the_page_is_in_the_navigation(window):
    page = window.show_page("数据交换")
    assert isinstance(page, ExchangePage)
    assert page.identity.text().startswith("本单位：")


def _merge_township(office, township, tmp_path):
    package = tmp_path / "t.fzpkg"
    township.export_package(package, passphrase=PASS)
    office.apply_package(office.plan_package(package, passphrase=PASS))


def test_mediation_register_office_column_and_filter(qtbot, office, township, tmp_path):
    from fazhi_desktop.gui.pages.mediation import COLUMNS, MediationPage

    office.save("mediation", case("2022-001", committee="湛河区人民调解委员会"))
    page = MediationPage(office)
    qtbot.addWidget(page)
    page.show()
    column = len(COLUMNS) - 1
    assert page.table.isColumnHidden(column) and not page.offices.combo.isVisible()

    _merge_township(office, township, tmp_path)
    page.refresh()
    assert not page.table.isColumnHidden(column) and page.offices.combo.isVisible()
    shown = {page.model.index(r, 0).data(): page.model.index(r, column).data()
             for r in range(page.model.rowCount())}
    assert shown == {"2022-001": office.profile()["authority"], "2022-015": TOWNSHIP,
                     "2022-016": TOWNSHIP}
    page.offices.combo.setCurrentIndex(page.offices.combo.findText(TOWNSHIP))
    assert sorted(page.model.index(r, 0).data() for r in range(page.model.rowCount())) == [
        "2022-015", "2022-016"]
    assert "2 / 3 件" == page.count_label.text()


def test_proposal_register_office_column_and_filter(qtbot, office, township, tmp_path):
    from fazhi_desktop.gui.models.register_model import COLUMNS
    from fazhi_desktop.gui.pages.register import RegisterPage

    item = {"session": "区政协六届一次会议", "title": "关于加强法治宣传的提案", "authors": ["胡校丽"]}
    office.save("proposal", dict(item, number=1))
    township.save("proposal", dict(item, number=1, title="关于乡村调解的提案"))  # same number: per office
    _merge_township(office, township, tmp_path)
    page = RegisterPage(office, "proposal")
    qtbot.addWidget(page)
    page.show()
    column = len(COLUMNS) - 1
    assert not page.table.isColumnHidden(column)
    rows = sorted((page.model.index(r, 2).data(), page.model.index(r, column).data())
                  for r in range(page.model.rowCount()))
    assert rows == [("关于乡村调解的提案", TOWNSHIP), ("关于加强法治宣传的提案", office.profile()["authority"])]
    page.offices.combo.setCurrentIndex(page.offices.combo.findText(TOWNSHIP))
    assert page.model.rowCount() == 1 and page.model.index(0, 2).data() == "关于乡村调解的提案"


def test_petition_page_office_filter_shows_another_offices_months_read_only(qtbot, office,
                                                                             township, tmp_path):
    from PySide6.QtCore import Qt

    from fazhi_desktop.gui.pages.petition import PetitionPage

    office.save("petition", {"unit": "区信访局", "period": "2022-03", "letters": 4})
    township.save("petition", {"unit": "曹镇乡", "period": "2022-03", "letters": 7, "visits": 1})
    page = PetitionPage(office)
    qtbot.addWidget(page)
    page.show()
    page.year.setValue(2022)
    assert not page.offices.combo.isVisible()

    _merge_township(office, township, tmp_path)
    page.refresh()
    assert page.offices.combo.isVisible()
    assert [page.unit.itemText(i) for i in range(page.unit.count())] == ["区信访局"]  # 本单位
    assert page.model.flags(page.cell(3, "letters")) & Qt.ItemIsEditable
    page.offices.combo.setCurrentIndex(page.offices.combo.findText(TOWNSHIP))
    assert [page.unit.itemText(i) for i in range(page.unit.count())] == ["曹镇乡"]
    assert page.cell(3, "letters").data() == "7"
    assert not page.model.flags(page.cell(3, "letters")) & Qt.ItemIsEditable
    assert "只能查看" in page.message.text()
    assert "全部填报单位合计（2个单位）" in page.summary.text()


class MemoryKeyring:
    """A keyring backend as the system's would behave (Secret Service, Credential Manager)."""

    def __init__(self):
        self.saved = {}

    def get_password(self, service, name):
        return self.saved.get((service, name))

    def set_password(self, service, name, value):
        self.saved[(service, name)] = value

    def delete_password(self, service, name):
        self.saved.pop((service, name), None)


def test_without_a_working_keyring_remembering_is_not_offered(qtbot, monkeypatch):
    from fazhi_desktop.core import passphrases

    monkeypatch.setattr(passphrases, "_backend", lambda: None)
    dialog = PackagePassphraseDialog("x.fzpkg", TOWNSHIP)
    qtbot.addWidget(dialog)
    assert dialog.remember is None and not dialog.wants_remembering()
    # … and the clerk is told so, in words, rather than left to wonder
    assert "口令不会被记住，每次导入都要输入" in dialog.keyring_note.text()


@pytest.mark.parametrize("installed, words", [(False, "未安装系统密钥环组件"),
                                              (True, "没有可用的系统密钥环")])
def test_the_dialog_says_why_there_is_no_keyring(qtbot, monkeypatch, installed, words):
    import sys
    import types

    from fazhi_desktop.core import passphrases

    if installed:  # keyring present, but only its "fail" backend (no desktop keyring running)
        fail = type("Keyring", (), {"priority": 0})
        fail.__module__ = "keyring.backends.fail"
        module = types.ModuleType("keyring")
        module.get_keyring = lambda: fail()
        monkeypatch.setitem(sys.modules, "keyring", module)
    else:
        monkeypatch.setitem(sys.modules, "keyring", None)  # import keyring fails
    dialog = PackagePassphraseDialog("x.fzpkg", TOWNSHIP)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.remember is None and dialog.keyring_note.isVisible()
    assert words in dialog.keyring_note.text()


def test_a_passphrase_the_keyring_refuses_is_said_not_remembered(qtbot, page, township,
                                                                  tmp_path, monkeypatch):
    from fazhi_desktop.core import passphrases

    class LockedKeyring(MemoryKeyring):
        def set_password(self, service, name, value):
            raise RuntimeError("locked")

    monkeypatch.setattr(passphrases, "_backend", lambda: LockedKeyring())

    def package_exec(dialog):
        dialog.field.setText(PASS)
        dialog.remember.setChecked(True)
        return QDialog.Accepted

    monkeypatch.setattr(PackagePassphraseDialog, "exec", package_exec)
    package = tmp_path / "1.fzpkg"
    township.export_package(package, kinds=["mediation"], passphrase=PASS)
    page.open_package(str(package))
    qtbot.waitUntil(lambda: page.plan is not None, timeout=WAIT_MS)
    assert "口令未能存入系统密钥环" in page.plan_label.text()


def test_a_remembered_passphrase_opens_the_next_package_without_asking(qtbot, page, office,
                                                                       township, tmp_path,
                                                                       monkeypatch):
    from fazhi_desktop.core import passphrases

    keyring = MemoryKeyring()
    monkeypatch.setattr(passphrases, "_backend", lambda: keyring)
    asked = []

    def package_exec(dialog):
        asked.append(dialog.remember is not None)
        dialog.field.setText(PASS)
        dialog.remember.setChecked(True)
        return QDialog.Accepted

    monkeypatch.setattr(PackagePassphraseDialog, "exec", package_exec)
    first = tmp_path / "1.fzpkg"
    township.export_package(first, kinds=["mediation"], passphrase=PASS)
    page.open_package(str(first))
    qtbot.waitUntil(lambda: page.plan is not None, timeout=WAIT_MS)
    assert asked == [True]
    assert list(keyring.saved.values()) == [PASS]  # kept by the system keyring, keyed by office
    assert list(keyring.saved)[0][1] == township.office_id
    page.apply_button.click()
    wait_idle(qtbot, page)

    second = tmp_path / "2.fzpkg"
    township.export_package(second, kinds=["mediation"], passphrase=PASS)
    page.open_package(str(second))
    qtbot.waitUntil(lambda: page.plan is not None, timeout=WAIT_MS)
    assert asked == [True]  # not asked again


def test_cancelling_the_merge_writes_nothing(qtbot, page, office, township, answers, tmp_path,
                                             monkeypatch):
    from fazhi_desktop.gui import ops

    package = tmp_path / "1.fzpkg"
    township.export_package(package, kinds=["mediation"], passphrase=PASS)
    answers["replies"] = [PASS]
    page.open_package(str(package))
    qtbot.waitUntil(lambda: page.plan is not None, timeout=WAIT_MS)
    wait_idle(qtbot, page)
    monkeypatch.setattr(ops.Progress, "cancelled", lambda self: True)  # the clerk pressed 取消
    page.apply_button.click()
    wait_idle(qtbot, page)
    assert "已取消" in page.plan_label.text() and "未写入任何内容" in page.plan_label.text()
    assert office.count("mediation") == 0 and office.received_packages() == []
    assert page.apply_button.isEnabled()  # the preview stays: the clerk may merge after all


def test_export_offers_a_plugged_in_usb_stick_first(page, tmp_path, monkeypatch):
    from fazhi_desktop.gui.pages import exchange

    stick = tmp_path / "media" / "clerk" / "KINGSTON"
    stick.mkdir(parents=True)
    monkeypatch.setattr(exchange, "usb_stick_folder", lambda: stick)
    offered = []
    monkeypatch.setattr(exchange.QFileDialog, "getSaveFileName",
                        lambda parent, title, start, filt: offered.append(start) or ("", ""))
    page.export_package()
    assert Path(offered[0]).parent == stick and offered[0].endswith(".fzpkg")
    assert Path(offered[0]).name.startswith(page.registry.profile()["authority"])
