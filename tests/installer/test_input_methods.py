"""Typing Chinese in the app's text fields with fcitx 5, fcitx 4 and ibus (issue 18.3).

installer/linux/im/add_to_bundle.sh gives a Qt folder the fcitx input context; the check script
(check_input_methods.sh) starts the framework under Xvfb with its own session bus, types
"n i h a o space" into a Qt line edit and reads back 你好. Here the Qt folder is this Python's
PySide6 (its libraries linked into a temp folder, as in the bundle's _internal/PySide6/Qt).
Skipped, saying why, where the tools or Debian's archive are not there.
fcitx 4: Debian 12 cannot install it beside fcitx 5, so it runs in a Debian 11 root
(FAZHI_IM_ROOT, with fcitx, fcitx-pinyin, fcitx-module-dbus, xvfb, dbus-x11, xdotool and
/opt/fazhi-venv, as installer/linux/old_base.sh makes it).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
IM = REPO / "installer" / "linux" / "im"
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")


def _need(*tools):
    missing = [t for t in tools if not shutil.which(t)]
    if missing:
        pytest.skip("not installed: " + ", ".join(missing))


def _check(framework, plugins=None, *, root=None, python=sys.executable):
    cmd = ["bash", str(IM / "check_input_methods.sh"), "--python", python]
    if plugins:
        cmd += ["--plugins", str(plugins)]
    if root:
        cmd += ["--root", root]
    proc = subprocess.run(cmd + [framework], capture_output=True, text=True, timeout=300)
    return proc.returncode, proc.stdout + proc.stderr


@pytest.fixture(scope="module")
def qt_with_fcitx(tmp_path_factory):
    """A Qt folder like the bundle's: this PySide6's libraries and an empty plugin folder,
    then add_to_bundle.sh."""
    _need("apt-get", "dpkg-deb", "patchelf", "nm", "objdump", "g++")
    import PySide6

    qt_lib = Path(PySide6.__file__).parent / "Qt" / "lib"
    qt = tmp_path_factory.mktemp("qt")
    (qt / "lib").mkdir()
    (qt / "plugins").mkdir()
    for lib in qt_lib.glob("libQt6*.so.6"):
        (qt / "lib" / lib.name).symlink_to(lib)
    cache = os.environ.get("FAZHI_IM_CACHE") or str(tmp_path_factory.mktemp("apt"))
    proc = subprocess.run(["bash", str(IM / "add_to_bundle.sh"), str(qt), "amd64"],
                          capture_output=True, text=True, timeout=600,
                          env=dict(os.environ, FAZHI_IM_CACHE=cache))
    if proc.returncode and "无法从Debian软件源" in proc.stderr + proc.stdout:
        pytest.skip("Debian's archive cannot be reached: " + proc.stderr.strip()[-200:])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "all found in the bundled Qt" in proc.stdout
    return qt / "plugins"


def test_fcitx5_types_chinese_through_the_added_plugin(qt_with_fcitx):
    _need("xvfb-run", "dbus-run-session", "xdotool", "fcitx5")
    code, out = _check("fcitx5", qt_with_fcitx)
    assert code == 0, out
    assert "libfcitx5platforminputcontextplugin.so -> 你好" in out, out
    assert "Qt said" not in out, out  # no warning from Qt or the plugin


def test_fcitx5_without_the_plugin_types_only_latin(qt_with_fcitx):
    """What a clerk with fcitx 5 had before: PySide6 alone has no fcitx plugin."""
    _need("xvfb-run", "dbus-run-session", "xdotool", "fcitx5")
    code, out = _check("fcitx5")
    assert code != 0 and "你好" not in out.split("->")[-1], out


def test_ibus_types_chinese():
    _need("xvfb-run", "dbus-run-session", "xdotool", "ibus-daemon")
    if not Path("/usr/lib/ibus/ibus-engine-libpinyin").exists() and not list(
            Path("/usr/libexec").glob("ibus-engine-libpinyin")):
        pytest.skip("ibus-libpinyin is not installed")
    code, out = _check("ibus")
    assert code == 0, out
    assert "libibusplatforminputcontextplugin.so -> 你好" in out, out


def test_fcitx4_in_debian11_root_types_chinese(qt_with_fcitx):
    """fcitx 4 (Kylin V10's input method) inside a Debian 11 root: glibc 2.31, GCC 10's
    libstdc++, libwayland 1.18, PySide6 from /opt/fazhi-venv."""
    root = os.environ.get("FAZHI_IM_ROOT")
    if not root or os.geteuid() != 0:
        pytest.skip("set FAZHI_IM_ROOT to a Debian 11 root with fcitx 4 (needs root for chroot)")
    inside = Path(root) / "tmp" / "fazhi-im-plugins"
    shutil.rmtree(inside, ignore_errors=True)
    # the plugin's RUNPATH is ../../lib: copy the Qt folder made above, its libraries
    # pointing at the root's PySide6
    qt_inside = Path("/opt/fazhi-venv/lib/python3.9/site-packages/PySide6/Qt/lib")
    (inside / "lib").mkdir(parents=True)
    for lib in (qt_with_fcitx.parent / "lib").iterdir():
        target = inside / "lib" / lib.name
        if lib.name.startswith("libQt6"):
            target.symlink_to(qt_inside / lib.name)
        else:
            shutil.copy2(lib, target)
    shutil.copytree(qt_with_fcitx, inside / "plugins")
    code, out = _check("fcitx4", "/tmp/fazhi-im-plugins/plugins", root=root,
                       python="/opt/fazhi-venv/bin/python")
    assert code == 0, out
    assert "libfcitx5platforminputcontextplugin.so -> 你好" in out, out
