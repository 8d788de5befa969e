#!/bin/sh
# /usr/bin/fazhi-desktop: starts the bundle installed under /opt/fazhi-desktop.
# The environment is passed through unchanged, QT_IM_MODULE included: the bundle carries Qt's
# ibus plugin and the fcitx plugin (installer/linux/im/add_to_bundle.sh), which speaks to
# fcitx 5 and fcitx 4, so whatever input method the desktop set up is the one the clerk gets.
# One exception: fcitx's plugin asks libdbus for the machine id, and libdbus aborts where there is
# none (a bare chroot or container; every desktop has /etc/machine-id). No input method can run
# there anyway, so Qt's default is used instead of a crash.
case "${QT_IM_MODULE:-}" in
    fcitx*) [ -s /etc/machine-id ] || [ -s /var/lib/dbus/machine-id ] || unset QT_IM_MODULE ;;
esac
exec /opt/fazhi-desktop/fazhi-desktop "$@"
