#!/usr/bin/env bash
# Builds the Linux bundle and .deb, then checks them: bash installer/check_bundle.sh [--deb]
#   - tests/installer/test_bundle.py against dist/fazhi-desktop (bare environment, Xvfb window,
#     data file location, .docx rendering);
#   - with --deb (needs root, changes this machine): dpkg -i, /usr/bin/fazhi-desktop --version,
#     the launcher opens the window under Xvfb, dpkg -r. Data in ~/.local/share is left alone.
# Set SKIP_BUILD=1 to check an existing build.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    start=$(date +%s)
    bash installer/build_linux.sh
    echo "== build took $(( $(date +%s) - start )) s"
fi

echo "== bundle checks"
"$PY" -m pytest tests/installer -q -p no:cacheprovider

if [ "${1:-}" = "--deb" ]; then
    VERSION=$(sed -n 's/^version *= *"\([^"]*\)".*/\1/p' pyproject.toml | head -1)
    DEB="dist/fazhi-desktop_${VERSION}_$(dpkg --print-architecture).deb"
    echo "== installing ${DEB}"
    dpkg -i "$DEB"
    trap 'dpkg -P fazhi-desktop >/dev/null || true' EXIT
    tmp=$(mktemp -d)
    got=$(env -i HOME="$tmp" PATH=/usr/bin:/bin /usr/bin/fazhi-desktop --version)
    [ "$got" = "法治办公助手 ${VERSION}" ] || { echo "版本不符：$got"; exit 1; }
    test -f /usr/share/applications/fazhi-desktop.desktop
    test -f /usr/share/icons/hicolor/48x48/apps/fazhi-desktop.png
    env -i HOME="$tmp" PATH=/usr/bin:/bin /usr/bin/fazhi-desktop profile set tests/fixtures/seed000_profile.json
    # The launcher under a private X server: the main window must appear within 40 s.
    cat > "$tmp/window.sh" <<'EOS'
env -i HOME="$1" PATH=/usr/bin:/bin DISPLAY="$DISPLAY" XAUTHORITY="$XAUTHORITY" FAZHI_SMOKE_EXIT_MS=10000 \
    /usr/bin/fazhi-desktop > "$1/gui.log" 2>&1 &
pid=$!
for _ in $(seq 80); do
    if xwininfo -root -tree | grep -Eq '"法治办公助手": \("fazhi-desktop" "fazhi-desktop"\) +[0-9]{3,}x[0-9]{3,}'; then
        echo "window seen"; kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; exit 0
    fi
    sleep 0.5
done
cat "$1/gui.log"; kill "$pid" 2>/dev/null; exit 1
EOS
    xvfb-run -a bash "$tmp/window.sh" "$tmp"
    test -f "$tmp/.local/share/fazhi-desktop/fazhi.sqlite3"
    dpkg -r fazhi-desktop
    trap - EXIT
    test ! -e /usr/bin/fazhi-desktop
    test -f "$tmp/.local/share/fazhi-desktop/fazhi.sqlite3"   # the clerk's data survives removal
    dpkg -P fazhi-desktop >/dev/null                          # and purge leaves no package record
    test -f "$tmp/.local/share/fazhi-desktop/fazhi.sqlite3"
    rm -rf "$tmp"
    echo "== .deb installs, starts and removes cleanly"
fi
