"""The packaging files say what the clerk will see: menu entry, icon sizes, installer behaviour."""
from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
INSTALLER = REPO / "installer"
ICONS = REPO / "resources" / "icons"


def pyproject_version() -> str:
    text = (REPO / "pyproject.toml").read_text("utf-8")
    return re.search(r'^version\s*=\s*"([^"]+)"', text, re.M).group(1)


def ico_sizes(path: Path) -> list:
    data = path.read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1), "not an .ico file"
    sizes = []
    for i in range(count):
        width = data[6 + 16 * i] or 256          # 0 means 256 in an ICONDIRENTRY
        sizes.append(width)
    return sorted(sizes)


def test_windows_icon_holds_every_size_explorer_and_the_taskbar_use():
    assert ico_sizes(ICONS / "fazhi-desktop.ico") == [16, 24, 32, 48, 64, 128, 256]


def test_linux_icons_exist_for_each_hicolor_size_and_as_svg():
    for size in (16, 22, 24, 32, 48, 64, 128, 256, 512):
        png = ICONS / "png" / f"fazhi-desktop-{size}.png"
        width, height = struct.unpack(">II", png.read_bytes()[16:24])
        assert (width, height) == (size, size), png.name
    assert "<svg" in (ICONS / "fazhi-desktop.svg").read_text("utf-8")


def test_menu_entry_names_the_app_in_chinese_under_office():
    entry = (INSTALLER / "linux" / "fazhi-desktop.desktop").read_text("utf-8")
    fields = dict(line.split("=", 1) for line in entry.splitlines() if "=" in line)
    assert fields["Name"] == "法治办公助手"
    assert fields["Exec"] == "fazhi-desktop" and fields["Icon"] == "fazhi-desktop"
    assert "Office;" in fields["Categories"]
    assert fields["Terminal"] == "false"
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(["desktop-file-validate", str(INSTALLER / "linux" / "fazhi-desktop.desktop")],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_version_is_written_nowhere_but_pyproject():
    version = pyproject_version()
    for path in [*INSTALLER.rglob("*"), REPO / ".github" / "workflows" / "windows-installer.yml"]:
        if path.name == "icon_glyph.py":   # outline coordinates, not prose
            continue
        if path.is_file() and path.suffix in {".iss", ".ps1", ".sh", ".spec", ".in", ".desktop", ".yml", ".py"}:
            assert f"{version}" not in path.read_text("utf-8-sig"), f"{path.name} hard-codes {version}"


def test_windows_installer_is_per_user_and_asks_before_deleting_data():
    iss = (INSTALLER / "windows" / "fazhi-desktop.iss").read_bytes()
    assert iss.startswith(b"\xef\xbb\xbf"), "Inno Setup needs the BOM to read the Chinese text"
    text = iss.decode("utf-8-sig")
    assert re.search(r"^PrivilegesRequired=lowest$", text, re.M)
    assert re.search(r"^AppVersion=\{#AppVersion\}$", text, re.M)
    assert "ChineseSimplified.isl" in text
    code = text.split("[Code]", 1)[1]
    # DelTree of the data folder only after the clerk answered 是 to a question that defaults to 否.
    assert "MB_DEFBUTTON2" in code and "IDYES" in code
    assert code.index("MsgBox(") < code.index("DelTree(")
    assert "{userappdata}\\fazhi-desktop" in code


@pytest.mark.parametrize("script", ["postinst", "postrm"])
def test_deb_scripts_never_touch_home_folders(script):
    body = (INSTALLER / "linux" / script).read_text("utf-8")
    commands = [line for line in body.splitlines() if not line.lstrip().startswith("#")]
    assert not any(re.search(r"\brm\b|\$HOME|/home|/root", line) for line in commands)
    if shutil.which("sh"):
        assert subprocess.run(["sh", "-n", str(INSTALLER / "linux" / script)]).returncode == 0


def test_windows_workflow_runs_the_whole_suite_before_building_the_installer():
    """Windows cannot be run here: the first push that reaches the runner must run every test
    (the README's command, no path or marker filter) and build nothing if one fails."""
    workflow = (REPO / ".github" / "workflows" / "windows-installer.yml").read_text("utf-8")
    runs = re.findall(r"^\s+(\S*python(?:\.exe)? -m pytest\b[^\n]*)$", workflow, re.M)
    assert runs == [r".venv\Scripts\python -m pytest"], runs
    assert workflow.index("-m pytest") < workflow.index("run: ./installer/build_windows.ps1")
    assert "continue-on-error" not in workflow
