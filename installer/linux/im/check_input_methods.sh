#!/usr/bin/env bash
# The full input-method check: starts an input-method framework from Debian's packages under
# Xvfb with its own session bus, opens a Qt line edit (probe_input.py) with QT_IM_MODULE set as
# that desktop sets it, types n i h a o space through the X server and checks that Qt loaded the
# framework's input context without a warning and that the line edit holds 你好.
#
#   bash installer/linux/im/check_input_methods.sh [options] FRAMEWORK...
#     FRAMEWORK   fcitx5 (QT_IM_MODULE=fcitx), ibus (QT_IM_MODULE=ibus), fcitx4 (QT_IM_MODULE=fcitx)
#     --plugins DIR   Qt plugin folder holding platforminputcontexts/ (the bundle's
#                     _internal/PySide6/Qt/plugins, or one made by add_to_bundle.sh)
#     --python PY     Python with PySide6 (default: python3)
#     --root ROOT     run inside this Debian root with chroot (fcitx4: Debian 11 has fcitx 4);
#                     PY and DIR are then paths inside the root
#
# Needs: xvfb-run, dbus-run-session, xdotool and the framework (apt: fcitx5
# fcitx5-chinese-addons | ibus ibus-libpinyin | fcitx fcitx-pinyin fcitx-module-dbus).
# Prints one line per framework: "<framework>: <loaded plugin> -> <text>"; exits 1 if any failed.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PLUGINS=""; PY=python3; ROOT=""
while [ $# -gt 0 ]; do
    case "$1" in
        --plugins) PLUGINS=$2; shift 2 ;;
        --python) PY=$2; shift 2 ;;
        --root) ROOT=$2; shift 2 ;;
        --inner) shift; break ;;
        *) break ;;
    esac
done

inner() {  # FRAMEWORK: runs inside xvfb-run + dbus-run-session
    local fw=$1 module keys log
    export HOME; HOME=$(mktemp -d); export XDG_CONFIG_HOME=$HOME/.config LANG=C.UTF-8
    export QT_QPA_PLATFORM=xcb  # a real X window: keys come from the X server (tests run offscreen)
    log=$HOME/framework.log
    keys="ctrl+space n i h a o space"
    case "$fw" in
        fcitx5)
            module=fcitx
            mkdir -p "$HOME/.config/fcitx5"
            printf '[Groups/0]\nName=Default\nDefault Layout=us\nDefaultIM=pinyin\n\n[Groups/0/Items/0]\nName=keyboard-us\nLayout=\n\n[Groups/0/Items/1]\nName=pinyin\nLayout=\n\n[GroupOrder]\n0=Default\n' \
                > "$HOME/.config/fcitx5/profile"
            # the addons a desktop session would not need here: no tray, no network, no XIM
            fcitx5 -d --disable=cloudpinyin,notificationitem,notifications,xim,wayland,waylandim,kimpanel \
                >"$log" 2>&1
            wait_for_name org.fcitx.Fcitx5 ;;
        fcitx4)
            module=fcitx
            mkdir -p "$HOME/.config/fcitx"
            printf '[Profile]\nIMName=pinyin\nEnabledIMList=fcitx-keyboard-us:True,pinyin:True\n' \
                > "$HOME/.config/fcitx/profile"
            fcitx -d >"$log" 2>&1
            wait_for_name "org.fcitx.Fcitx-${DISPLAY#:}" ;;
        ibus)
            module=ibus; keys="n i h a o space"
            ibus-daemon --daemonize --xim=false --panel=disable >"$log" 2>&1
            for _ in $(seq 50); do ibus engine >/dev/null 2>&1 && break; sleep 0.2; done
            ibus engine libpinyin >>"$log" 2>&1 ;;
        *) echo "未知的输入法框架：$fw" >&2; return 2 ;;
    esac
    sleep 3  # the engines (pinyin dictionaries) load after the framework is on the bus
    local out err plugin text
    out=$HOME/probe.out; err=$HOME/probe.err
    # shellcheck disable=SC2086
    QT_IM_MODULE=$module QT_PLUGIN_PATH=$PLUGINS "$PY" "$HERE/probe_input.py" $keys >"$out" 2>"$err"
    plugin=$(sed -n 's/^PLUGIN //p' "$out"); text=$(sed -n 's/^TEXT //p' "$out")
    echo "$fw: ${plugin:-none} -> ${text}"
    if [ -s "$err" ]; then echo "$fw: Qt said:"; sed 's/^/    /' "$err"; fi
    case "$fw:$plugin" in
        fcitx*:*fcitx5platforminputcontextplugin.so|ibus:*ibusplatforminputcontextplugin.so) ;;
        *) echo "$fw: 没有加载该输入法的输入上下文插件" >&2; return 1 ;;
    esac
    [ "$text" = "你好" ] || { echo "$fw: 输入“nihao ”没有得到“你好”" >&2; return 1; }
    # "without a warning": Qt's or the plugin's complaints on stderr fail the check
    ! grep -qiE 'warn|cannot|could not|fail|error' "$err" || return 1
}

wait_for_name() {
    for _ in $(seq 50); do
        dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
            org.freedesktop.DBus.NameHasOwner "string:$1" 2>/dev/null | grep -q true && return 0
        sleep 0.2
    done
    echo "$1 未在会话总线上出现" >&2; return 1
}

if [ "${1:-}" = "" ]; then echo "用法：check_input_methods.sh [--plugins DIR] [--python PY] [--root ROOT] fcitx5|ibus|fcitx4 …" >&2; exit 2; fi
if [ -n "${INNER:-}" ]; then inner "$1"; exit $?; fi

status=0
for fw in "$@"; do
    if [ -n "$ROOT" ]; then  # copy the check into the root, run it there with a clean env
        mkdir -p "$ROOT/tmp/fazhi-im-check"
        cp "$HERE/check_input_methods.sh" "$HERE/probe_input.py" "$ROOT/tmp/fazhi-im-check/"
        timeout 180 chroot "$ROOT" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 INNER=1 \
            xvfb-run -a -s "-screen 0 1024x768x24" dbus-run-session -- \
            bash /tmp/fazhi-im-check/check_input_methods.sh --plugins "$PLUGINS" --python "$PY" "$fw" \
            2> >(grep -v 'fd limit\|dbus-daemon\[' >&2) || status=1
    else
        INNER=1 PLUGINS=$PLUGINS PY=$PY timeout 180 xvfb-run -a -s "-screen 0 1024x768x24" \
            dbus-run-session -- bash "$HERE/check_input_methods.sh" --plugins "$PLUGINS" --python "$PY" "$fw" \
            2> >(grep -v 'fd limit\|dbus-daemon\[\|org.a11y\|atspi\|SpiRegistry\|dconf\|portal.IBus\|Not connected to the ibus' >&2) || status=1
    fi
done
exit $status
