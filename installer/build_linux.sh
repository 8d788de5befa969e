#!/usr/bin/env bash
# Builds the Linux bundle dist/fazhi-desktop/ and the package dist/fazhi-desktop_<version>_<arch>.deb.
# Usage (from anywhere): bash installer/build_linux.sh
# Creates .venv with the `build` extra when the tools are missing. Build on the oldest system
# you ship to: the bundle needs the glibc of the build machine (written into the .deb's Depends).
set -euo pipefail
cd "$(dirname "$0")/.."

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
STAGE=build/deb/fazhi-desktop
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt"
cp -a dist/fazhi-desktop "$STAGE/opt/fazhi-desktop"
install -Dm755 installer/linux/fazhi-desktop.sh "$STAGE/usr/bin/fazhi-desktop"
install -Dm644 installer/linux/fazhi-desktop.desktop "$STAGE/usr/share/applications/fazhi-desktop.desktop"
for png in resources/icons/png/fazhi-desktop-*.png; do
    size=$(basename "$png" .png); size=${size##*-}
    install -Dm644 "$png" "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps/fazhi-desktop.png"
done
install -Dm644 resources/icons/fazhi-desktop.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/fazhi-desktop.svg"
install -Dm644 installer/linux/copyright "$STAGE/usr/share/doc/fazhi-desktop/copyright"
chmod -R u=rwX,go=rX "$STAGE"

# The newest glibc symbol any bundled file needs: the package refuses to install on an older
# system instead of failing at start-up.
GLIBC=$(find "$STAGE/opt" -type f \( -name '*.so*' -o -name fazhi-desktop \) -exec readelf -V --wide {} + 2>/dev/null \
        | grep -o 'GLIBC_2\.[0-9]*' | sed 's/GLIBC_//' | sort -u -V | tail -1)
INSTALLED_SIZE=$(du -sk "$STAGE" | cut -f1)
sed -e "s/@VERSION@/${VERSION}/" -e "s/@ARCH@/${ARCH}/" -e "s/@GLIBC@/${GLIBC}/" \
    -e "s/@INSTALLED_SIZE@/${INSTALLED_SIZE}/" installer/linux/control.in > "$STAGE/DEBIAN/control"
install -m755 installer/linux/postinst installer/linux/postrm "$STAGE/DEBIAN/"
dpkg-deb --root-owner-group -Z"${DEB_COMPRESSION:-xz}" --build "$STAGE" "$DEB" >/dev/null

echo "== done: dist/fazhi-desktop/ ($(du -sh dist/fazhi-desktop | cut -f1)), ${DEB} ($(du -h "$DEB" | cut -f1)), needs glibc >= ${GLIBC}"
