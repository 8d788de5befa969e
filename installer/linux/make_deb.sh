#!/usr/bin/env bash
# Packs a built bundle folder into a .deb: bash installer/linux/make_deb.sh BUNDLE_DIR DEB_PATH ARCH
# Depends: on libc6 >= the newest GLIBC symbol any bundled file needs, so the package refuses to
# install on an older system instead of failing at start-up.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUNDLE=$1; DEB=$2; ARCH=$3
VERSION=$(sed -n 's/^version *= *"\([^"]*\)".*/\1/p' pyproject.toml | head -1)
STAGE=build/deb/$(basename "$DEB" .deb)/fazhi-desktop
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt"
cp -a "$BUNDLE" "$STAGE/opt/fazhi-desktop"
install -Dm755 installer/linux/fazhi-desktop.sh "$STAGE/usr/bin/fazhi-desktop"
install -Dm644 installer/linux/fazhi-desktop.desktop "$STAGE/usr/share/applications/fazhi-desktop.desktop"
for png in resources/icons/png/fazhi-desktop-*.png; do
    size=$(basename "$png" .png); size=${size##*-}
    install -Dm644 "$png" "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps/fazhi-desktop.png"
done
install -Dm644 resources/icons/fazhi-desktop.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/fazhi-desktop.svg"
install -Dm644 installer/linux/copyright "$STAGE/usr/share/doc/fazhi-desktop/copyright"
chmod -R u=rwX,go=rX "$STAGE"
GLIBC=$(bash installer/linux/glibc_needed.sh "$STAGE/opt" | sed -n 's/^GLIBC //p')
INSTALLED_SIZE=$(du -sk "$STAGE" | cut -f1)
sed -e "s/@VERSION@/${VERSION}/" -e "s/@ARCH@/${ARCH}/" -e "s/@GLIBC@/${GLIBC}/" \
    -e "s/@INSTALLED_SIZE@/${INSTALLED_SIZE}/" installer/linux/control.in > "$STAGE/DEBIAN/control"
install -m755 installer/linux/postinst installer/linux/postrm "$STAGE/DEBIAN/"
mkdir -p "$(dirname "$DEB")"
dpkg-deb --root-owner-group -Z"${DEB_COMPRESSION:-xz}" --build "$STAGE" "$DEB" >/dev/null
echo "$DEB (needs glibc >= ${GLIBC})"
