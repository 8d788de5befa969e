"""The GUI's save keeps what merging needs: a township's case edited in the district's 人民调解
editor stays the township's record (its office), gets the district as its editor in the version,
and travels back without a conflict."""
from __future__ import annotations

import pytest

from fazhi_desktop.core.registry import Registry
from fazhi_desktop.gui.pages.mediation_editor import MediationEditor

from .conftest import PASSPHRASE

# Offscreen Qt says this on every top-level show(); it is about the platform, not our code.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise)")


def test_editing_a_township_case_in_the_district_keeps_its_office(qtbot, offices):
    cao, district, tmp = offices["cao"], offices["district"], offices["dir"]
    with Registry.open(cao["path"]) as reg:
        reg.export_package(tmp / "cao.fzpkg", passphrase=PASSPHRASE)
    rid = cao["ids"][0]
    registry = Registry.open(district["path"])
    try:
        registry.apply_package(registry.plan_package(tmp / "cao.fzpkg", passphrase=PASSPHRASE))
        editor = MediationEditor(registry, rid.upper())  # any spelling of the id opens it
        qtbot.addWidget(editor)
        editor.widget("facts").setPlainText("区司法局复核：事实清楚")
        assert editor.dirty
        assert editor.save(), editor.problems.text()
        assert not editor.dirty
        saved = registry.get("mediation", rid)
        assert saved["facts"] == "区司法局复核：事实清楚"
        assert saved["office_id"] == cao["office_id"]
        assert saved["version"] == f"00000002-{registry.office_id}"
        registry.export_package(tmp / "district.fzpkg", passphrase=PASSPHRASE)
    finally:
        registry.close()
    with Registry.open(cao["path"]) as reg:  # the township takes the district's correction
        plan = reg.plan_package(tmp / "district.fzpkg", passphrase=PASSPHRASE)
        assert plan.counts["更新"] == 1 and plan.counts["冲突"] == 0
        reg.apply_package(plan)
        assert reg.get("mediation", rid)["facts"] == "区司法局复核：事实清楚"
