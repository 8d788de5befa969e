#!/bin/sh
# /usr/bin/fazhi-desktop: starts the bundle installed under /opt/fazhi-desktop.
# The bundle carries Qt's ibus input-method plugin but not fcitx's (it must match Qt's exact
# version); fcitx5 also speaks the ibus protocol, so a desktop set up for fcitx5 still gets
# Chinese input. Everything else is passed through unchanged.
case "${QT_IM_MODULE:-}" in
    fcitx*)
        if pgrep -x fcitx5 >/dev/null 2>&1; then
            QT_IM_MODULE=ibus
            export QT_IM_MODULE
        fi
        ;;
esac
exec /opt/fazhi-desktop/fazhi-desktop "$@"
