#!/usr/bin/env bash
# Builds the Linux bundle and its .deb.
#   bash installer/build_linux.sh                      -> dist/fazhi-desktop/, dist/fazhi-desktop_<version>_<arch>.deb
#                                                        (on this machine: needs this machine's glibc)
#   bash installer/build_linux.sh --base debian11 [--arch amd64|arm64]
#                                                     -> dist/debian11-<arch>/fazhi-desktop/,
#                                                        dist/fazhi-desktop_<version>_debian11_<arch>.deb
#     built inside a Debian 11 root (glibc 2.31: Kylin V10, UOS 20 with 2.31; see docs/installer.md),
#     made with debootstrap and cached; needs root. installer/linux/old_base.sh does the work.
# Creates .venv with the `build` extra when the tools are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

BASE=""; TARGET_ARCH=amd64
while [ $# -gt 0 ]; do
    case "$1" in
        --base) BASE=$2; shift 2 ;;
        --arch) TARGET_ARCH=$2; shift 2 ;;
        *) echo "用法：build_linux.sh [--base debian11] [--arch amd64|arm64]" >&2; exit 2 ;;
    esac
done
if [ -n "$BASE" ]; then
    exec bash installer/linux/old_base.sh build "$BASE" "$TARGET_ARCH"
fi

PY=${PYTHON:-.venv/bin/python}
if [ ! -x "$PY" ]; then
    python3 -m venv .venv
    PY=.venv/bin/python
fi
if ! "$PY" -c "import PyInstaller, PySide6, docx, openpyxl, sqlite_utils" 2>/dev/null; then
    "$PY" -m pip install -q -e ".[build]"
fi

VERSION=$(sed -n 's/^version *= *"\([^"]*\)".*/\1/p' pyproject.toml | head -1)
ARCH=$(dpkg --print-architecture 2>/dev/null || echo amd64)
DEB="dist/fazhi-desktop_${VERSION}_${ARCH}.deb"
echo "== 法治办公助手 ${VERSION}: PyInstaller bundle"
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller installer/fazhi-desktop.spec

echo "== Debian package ${DEB}"
bash installer/linux/make_deb.sh dist/fazhi-desktop "$DEB" "$ARCH"
echo "== done: dist/fazhi-desktop/ ($(du -sh dist/fazhi-desktop | cut -f1)), ${DEB} ($(du -h "$DEB" | cut -f1))"
