"""The glibc 2.31 build (issue 18.1/18.5), read from what `bash installer/build_linux.sh --base
debian11` and `old_base.sh check debian11 amd64` left in dist/ (skipped when not built: the build
needs root, debootstrap and the network; .ci/run does it).

What a clerk on Kylin V10 / UOS would notice: the program does not start when any file in it
needs a newer glibc or libstdc++ than the system's; the package does not install when its
dependencies name something the system lacks; the menu has no entry.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
DIST = REPO / "dist"
MAX_GLIBC = (2, 31)
MAX_GLIBCXX = (3, 4, 28)   # Debian 11's libstdc++ (GCC 10)


def _version() -> str:
    return re.search(r'^version\s*=\s*"([^"]+)"', (REPO / "pyproject.toml").read_text("utf-8"),
                     re.M).group(1)


def _built(arch: str) -> Path:
    bundle = DIST / f"debian11-{arch}" / "fazhi-desktop"
    if not (bundle / "fazhi-desktop").exists():
        pytest.skip(f"no Debian 11 {arch} build: run bash installer/build_linux.sh --base debian11"
                    f" --arch {arch} (as root)")
    return bundle


def _as_tuple(version: str) -> tuple:
    return tuple(int(part) for part in version.split("."))


@pytest.mark.parametrize("arch", ["amd64", "arm64"])
def test_no_file_in_the_bundle_needs_more_than_debian_11_has(arch):
    bundle = _built(arch)
    if not shutil.which("readelf"):
        pytest.skip("readelf (binutils) not installed")
    out = subprocess.run(["bash", str(REPO / "installer/linux/glibc_needed.sh"), str(bundle), "2.31"],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr
    glibc = re.search(r"^GLIBC (\S+)$", out.stdout, re.M).group(1)
    glibcxx = re.search(r"^GLIBCXX (\S+)$", out.stdout, re.M).group(1)
    assert _as_tuple(glibc) <= MAX_GLIBC, out.stdout
    assert glibcxx == "none" or _as_tuple(glibcxx) <= MAX_GLIBCXX, out.stdout


@pytest.mark.parametrize("arch", ["amd64", "arm64"])
def test_the_deb_depends_on_the_glibc_it_needs_and_carries_the_menu_entry(arch):
    _built(arch)
    deb = DIST / f"fazhi-desktop_{_version()}_debian11_{arch}.deb"
    assert deb.is_file(), f"{deb.name} missing beside the bundle"
    if not shutil.which("dpkg-deb"):
        pytest.skip("dpkg-deb not installed")
    control = subprocess.run(["dpkg-deb", "-f", str(deb)], capture_output=True, text=True,
                             check=True).stdout
    assert f"Architecture: {arch}" in control
    libc = re.search(r"libc6 \(>= ([0-9.]+)\)", control).group(1)
    assert _as_tuple(libc) <= MAX_GLIBC
    files = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True,
                           check=True).stdout
    for path in ("./usr/share/applications/fazhi-desktop.desktop",
                 "./usr/share/icons/hicolor/48x48/apps/fazhi-desktop.png",
                 "./usr/bin/fazhi-desktop", "./opt/fazhi-desktop/fazhi-desktop"):
        assert path in files, path


def test_the_check_inside_debian_11_saw_the_window_and_a_clean_exit():
    """old_base.sh check records what happened inside the root in dist/debian11-amd64/check.txt."""
    _built("amd64")
    record = DIST / "debian11-amd64" / "check.txt"
    if not record.is_file():
        pytest.skip("built but not checked: bash installer/linux/old_base.sh check debian11 amd64")
    text = record.read_text("utf-8")
    assert text.count("main window seen after") == 2, text          # the bundle and the .deb
    assert text.count("exited cleanly by itself (status 0)") == 2, text
    assert "reply rendered" in text and "report rendered with its chart" in text
    assert "exported and imported; wrong passphrase refused" in text
    assert "the clerk's data kept" in text
