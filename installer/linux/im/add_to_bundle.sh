#!/usr/bin/env bash
# Gives the bundle's Qt the fcitx input-context plugin, so that clerks type Chinese with
# fcitx 5 (UOS, Debian/Ubuntu desktops) and fcitx 4 (Kylin V10, 搜狗输入法 for Kylin); ibus
# works already through the ibus plugin PySide6 ships. Run after PyInstaller:
#
#   bash installer/linux/im/add_to_bundle.sh DIR [ARCH]
#
# DIR: the one-folder bundle (dist/debian11-amd64/fazhi-desktop, with _internal/PySide6/Qt)
# or a Qt folder holding lib/ and plugins/ (the tests use one). ARCH: amd64 (default) or arm64.
#
# The route (measured, see docs/installer.md "输入法"): fcitx5-qt's Qt 6 plugin uses Qt's private
# API, so it must come from a build against the same Qt minor line or an older one whose private
# symbols the bundled Qt still exports. PySide6 wheels carry no Qt headers, and this build machine
# cannot fetch fcitx5-qt's source from Debian's archive; Debian 13's binary package
# fcitx5-frontend-qt6 5.1.9 is built against Qt 6.8.2, speaks both fcitx 5's and fcitx 4's DBus
# protocols (fcitx5-qt >= 5.1.0), and every Qt symbol it needs is exported by Qt 6.8 and 6.9
# (checked below on the bundle's own libraries). It needs nothing newer than GLIBC_2.14, but
# GCC 14's C++ runtime for two symbols: those version needs are marked weak and a small compat
# library (cxx_compat.cpp) defines them where the libstdc++ in use is older; it also answers the
# one private Qt function Qt 6.8.0 (the ARM64 line) lacks.
#
# Needs: apt-get (Debian's archive), dpkg-deb, patchelf, nm/objdump (binutils), python3, g++
# (for arm64: aarch64-linux-gnu-g++). Fails, saying why, rather than leave a plugin that
# would not load.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
DIR=${1:?用法：add_to_bundle.sh 打包目录 [amd64|arm64]}
ARCH=${2:-amd64}
SUITE=trixie   # Debian 13: fcitx5-qt 5.1.9 built against Qt 6.8.2
PACKAGES="fcitx5-frontend-qt6 libfcitx5-qt6-1"
# The plugin needs Qt's Wayland client library, and the bundled one (Qt 6.8/6.9) needs
# libwayland-client >= 1.20 (wl_proxy_marshal_flags): Kylin V10 and Debian 11 have 1.18, so the
# bundle carries Debian 12's (1.21, glibc 2.28), its libwayland-cursor and the libffi 8 it uses.
WAYLAND_SUITE=bookworm
WAYLAND_PACKAGES="libwayland-client0 libwayland-cursor0 libffi8"
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
CACHE=${FAZHI_IM_CACHE:-${FAZHI_ROOT_CACHE:-/var/cache/fazhi-build}/im-$SUITE-$ARCH}
fail() { echo "输入法插件：$*" >&2; exit 1; }

if [ -d "$DIR/_internal/PySide6/Qt" ]; then QT="$DIR/_internal/PySide6/Qt"; else QT="$DIR"; fi
[ -f "$QT/lib/libQt6Core.so.6" ] || fail "在 $DIR 中找不到 Qt（PySide6/Qt/lib/libQt6Core.so.6）"
case "$ARCH" in
    amd64) CXX=${CXX:-g++}; TRIPLET=x86_64-linux-gnu ;;
    arm64) CXX=${CXX:-aarch64-linux-gnu-g++}; TRIPLET=aarch64-linux-gnu ;;
    *) fail "不支持的架构：$ARCH（可用：amd64、arm64）" ;;
esac
for tool in apt-get dpkg-deb patchelf nm objdump python3 "$CXX"; do
    command -v "$tool" >/dev/null || fail "缺少工具 $tool（apt-get install patchelf binutils g++ …）"
done

# 1. The bundled Qt line: Qt defines one symbol version per minor release (Qt_6.8, Qt_6.9 …).
QT_MINOR=$(objdump -p "$QT/lib/libQt6Core.so.6" | sed -n 's/.*Qt_6\.\([0-9]*\)$/\1/p' | sort -n | tail -1)
[ -n "$QT_MINOR" ] && [ "$QT_MINOR" -ge 8 ] \
    || fail "打包的Qt为6.${QT_MINOR:-?}，本插件（按Qt 6.8构建）需要Qt 6.8或更新"
echo "== fcitx input context for Qt 6.$QT_MINOR ($ARCH) from Debian $SUITE"

# 2. Debian's packages, through apt with a configuration of its own (the host's is untouched).
mkdir -p "$CACHE/lists/partial" "$CACHE/archives/partial" "$CACHE/debs"
printf 'deb %s %s main\ndeb %s %s main\n' "$MIRROR" "$SUITE" "$MIRROR" "$WAYLAND_SUITE" \
    > "$CACHE/sources.list"
touch "$CACHE/status"
APT=(-o Dir::Etc::SourceList="$CACHE/sources.list" -o Dir::Etc::SourceParts=/dev/null
     -o Dir::State::Lists="$CACHE/lists" -o Dir::Cache="$CACHE" -o Dir::State::status="$CACHE/status"
     -o APT::Architecture="$ARCH" -o APT::Architectures="$ARCH" -o APT::Sandbox::User=root)
apt-get "${APT[@]}" -qq update || fail "无法从Debian软件源（$MIRROR）更新 $SUITE 的软件包列表"
# shellcheck disable=SC2086
(cd "$CACHE/debs" && rm -f ./*.deb && apt-get "${APT[@]}" -qq download \
    $(for p in $PACKAGES; do echo "$p/$SUITE"; done) \
    $(for p in $WAYLAND_PACKAGES; do echo "$p/$WAYLAND_SUITE"; done)) \
    || fail "无法下载 $PACKAGES $WAYLAND_PACKAGES"
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
for deb in "$CACHE"/debs/*.deb; do dpkg-deb -x "$deb" "$WORK/root"; done
LIBDIR="$WORK/root/usr/lib/$TRIPLET"
PLUGIN_SRC="$LIBDIR/qt6/plugins/platforminputcontexts/libfcitx5platforminputcontextplugin.so"
DBUS_SRC=$(ls "$LIBDIR"/libFcitx5Qt6DBusAddons.so.1)
[ -f "$PLUGIN_SRC" ] || fail "软件包中没有 libfcitx5platforminputcontextplugin.so"

# 3. Into the bundle: the plugin beside Qt's ibus plugin, its DBus library beside Qt's.
PLUGIN="$QT/plugins/platforminputcontexts/libfcitx5platforminputcontextplugin.so"
DBUS="$QT/lib/libFcitx5Qt6DBusAddons.so.1"
COMPAT="$QT/lib/libfazhi-cxxcompat.so.1"
mkdir -p "$QT/plugins/platforminputcontexts"
install -m 0644 "$PLUGIN_SRC" "$PLUGIN"
install -m 0644 "$(readlink -f "$DBUS_SRC")" "$DBUS"
# Beside Qt's libraries (the plugin's RUNPATH) and, in a bundle, in _internal too: PyInstaller
# puts a second libQt6WaylandClient.so.6 there, which looks for libwayland-cursor beside itself.
WAYLAND_DIRS=("$QT/lib")
[ -d "$DIR/_internal" ] && WAYLAND_DIRS+=("$DIR/_internal")
for dir in "${WAYLAND_DIRS[@]}"; do
    for soname in libwayland-client.so.0 libwayland-cursor.so.0 libffi.so.8; do
        install -m 0644 "$(readlink -f "$LIBDIR/$soname")" "$dir/$soname"
        patchelf --set-rpath '$ORIGIN' "$dir/$soname"  # finds libffi.so.8 beside it
    done
done
mkdir -p "$QT/plugins/platforminputcontexts/fcitx5-qt.licenses"
cp "$WORK/root/usr/share/doc/fcitx5-frontend-qt6/copyright" \
    "$QT/plugins/platforminputcontexts/fcitx5-qt.licenses/copyright"
"$CXX" -shared -fPIC -O2 -Wl,-soname,libfazhi-cxxcompat.so.1 -o "$COMPAT" "$HERE/cxx_compat.cpp" \
    || fail "无法编译 cxx_compat.cpp"

# 4. The C++ runtime: versions the libstdc++ in use lacks become weak needs, served by COMPAT.
#    In use: the bundle's own copy (PyInstaller takes the build root's), else the baseline of
#    Kylin V10 / Debian 11 (GCC 10: GLIBCXX_3.4.28, CXXABI_1.3.12).
STDCXX=$(ls "$DIR/_internal/libstdc++.so.6" 2>/dev/null || true)
if [ -n "$STDCXX" ]; then
    HAVE=$(objdump -p "$STDCXX" | awk '/Version definitions/,/Version References/' \
           | grep -o '\(GLIBCXX\|CXXABI\)_[0-9.]*' | sort -u)
else
    HAVE=$( (for n in $(seq 0 28); do echo "GLIBCXX_3.4.$n"; done; echo GLIBCXX_3.4
             for n in $(seq 1 12); do echo "CXXABI_1.3.$n"; done; echo CXXABI_1.3) | sort -u)
fi
for lib in "$PLUGIN" "$DBUS"; do
    NEED=$(objdump -p "$lib" | grep -o '\(GLIBCXX\|CXXABI\)_[0-9.]*' | sort -u)
    MISSING=$(comm -23 <(echo "$NEED") <(echo "$HAVE") | tr '\n' ' ')
    if [ -n "${MISSING// /}" ]; then
        echo "  $(basename "$lib"): C++ runtime versions not in the bundle's libstdc++: $MISSING"
        # shellcheck disable=SC2086
        python3 "$HERE/weaken_versions.py" "$lib" $MISSING || fail "无法修改 $(basename "$lib")"
        for version in $MISSING; do  # every symbol of those versions must be in COMPAT
            for symbol in $(nm -D --undefined-only "$lib" | awk -v v="$version" '$2 ~ "@"v"$" {sub(/@.*/, "", $2); print $2}'); do
                nm -D --defined-only "$COMPAT" | awk '{print $3}' | grep -qx "$symbol" \
                    || fail "$(basename "$lib") 需要的 $symbol（$version）不在兼容库中"
            done
        done
    fi
    patchelf --add-needed libfazhi-cxxcompat.so.1 "$lib"
done
patchelf --set-rpath '$ORIGIN/../../lib' "$PLUGIN"
patchelf --set-rpath '$ORIGIN' "$DBUS"

# 5. Checks: every Qt symbol the plugin needs is exported by the bundled Qt (Qt refuses none
#    of them at load), and nothing needs a glibc newer than the bundle's (2.31).
EXPORTED="$WORK/qt-exports"
for lib in "$QT"/lib/libQt6*.so.6; do nm -D --defined-only "$lib" | awk '{print $3}'; done \
    | sed 's/@@*/@/' | sort -u > "$EXPORTED"
for lib in "$PLUGIN" "$DBUS"; do
    nm -D --undefined-only "$lib" | awk '{print $2}' | grep '@Qt_6' | sed 's/@@*/@/' | sort -u \
        > "$WORK/needed"
    ABSENT=$(comm -23 "$WORK/needed" "$EXPORTED")
    for symbol in $ABSENT; do  # stubbed in COMPAT (Qt 6.8.0 lacks one): fine, say so
        if nm -D --defined-only "$COMPAT" | awk '{print $3}' | grep -qx "${symbol%@*}"; then
            echo "  $(basename "$lib"): ${symbol%@*} not in this Qt, answered by libfazhi-cxxcompat"
            ABSENT=$(echo "$ABSENT" | grep -vxF "$symbol" || true)
        fi
    done
    [ -z "$ABSENT" ] || fail "$(basename "$lib") 需要的Qt符号在打包的Qt 6.$QT_MINOR 中不存在：
$(echo "$ABSENT" | head -5)"
    echo "  $(basename "$lib"): $(wc -l < "$WORK/needed") Qt symbols, all found in the bundled Qt 6.$QT_MINOR"
done
GLIBC=$(objdump -T "$PLUGIN" "$DBUS" "$COMPAT" "$QT/lib/libwayland-client.so.0" \
        "$QT/lib/libwayland-cursor.so.0" "$QT/lib/libffi.so.8" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1)
echo "  highest glibc needed by the input-method files: $GLIBC"
echo "== fcitx input context added: $PLUGIN"
