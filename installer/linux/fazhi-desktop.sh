#!/bin/sh
# /usr/bin/fazhi-desktop: starts the bundle installed under /opt/fazhi-desktop.
# The environment is passed through unchanged, QT_IM_MODULE included: the bundle carries Qt's
# ibus plugin and the fcitx plugin (installer/linux/im/add_to_bundle.sh), which speaks to
# fcitx 5 and fcitx 4, so whatever input method the desktop set up is the one the clerk gets.
exec /opt/fazhi-desktop/fazhi-desktop "$@"
