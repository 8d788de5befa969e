#!/usr/bin/env bash
# Runs inside the old Debian root (installer/linux/old_base.sh check): the bundle on its own, then
# (with --deb) the package. Exits non-zero on the first check that fails, saying which.
#   bash check_in_root.sh DIR VERSION [--deb]
set -euo pipefail
DIR=$1; VERSION=$2; MODE=${3:-bundle}
HOME_DIR=$(mktemp -d "$DIR/home.XXXX")
EXE=$DIR/fazhi-desktop/fazhi-desktop
if [ "$MODE" = --deb ]; then
    apt-get install -y -qq --no-install-recommends "$DIR/fazhi-desktop.deb" >/dev/null
    EXE=/usr/bin/fazhi-desktop
    test -f /usr/share/applications/fazhi-desktop.desktop || { echo "缺少菜单项" >&2; exit 1; }
    desktop-file-validate /usr/share/applications/fazhi-desktop.desktop
    test -f /usr/share/icons/hicolor/48x48/apps/fazhi-desktop.png || { echo "缺少图标" >&2; exit 1; }
fi
bare() { env -i HOME="$HOME_DIR" PATH=/usr/bin:/bin "$@"; }

got=$(bare "$EXE" --version)
[ "$got" = "法治办公助手 $VERSION" ] || { echo "版本不符：$got" >&2; exit 1; }
echo "version: $got"
bare "$EXE" profile set "$DIR/profile.json"
id=$(bare "$EXE" add proposal "$DIR/records.json" | head -1)
bare "$EXE" render proposal "$id" --out "$HOME_DIR/答复.docx" >/dev/null 2>&1
test -s "$HOME_DIR/答复.docx" || { echo "未生成答复件" >&2; exit 1; }
python3 - "$HOME_DIR/答复.docx" <<'EOP'
import sys, zipfile
text = zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode("utf-8")
assert "胡校丽委员" in text and "平湛司" in text, "答复件内容不对"
EOP
echo "reply rendered: $(du -h "$HOME_DIR/答复.docx" | cut -f1)"
bare "$EXE" stats --year 2022 --json >/dev/null

# The window under Xvfb: it must appear, and the program must exit cleanly by itself.
cat > "$HOME_DIR/window.sh" <<'EOS'
start=$(date +%s.%N)
env -i HOME="$1" PATH=/usr/bin:/bin DISPLAY="$DISPLAY" XAUTHORITY="$XAUTHORITY" FAZHI_SMOKE_EXIT_MS=4000 \
    "$2" > "$1/gui.log" 2>&1 &
pid=$!
seen=""
for _ in $(seq 120); do
    if [ -z "$seen" ] && xwininfo -root -tree | grep -Eq '"法治办公助手[^"]*": \("fazhi-desktop" "fazhi-desktop"\) +[0-9]{3,}x[0-9]{3,}'; then
        seen=$(date +%s.%N)
        echo "window seen after $(python3 -c "print(round($seen - $start, 2))") s"
    fi
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.25
done
if kill -0 "$pid" 2>/dev/null; then kill "$pid"; echo "程序未在规定时间内退出" >&2; cat "$1/gui.log"; exit 1; fi
wait "$pid"; rc=$?
[ -n "$seen" ] || { echo "窗口未出现" >&2; cat "$1/gui.log"; exit 1; }
[ "$rc" = 0 ] || { echo "程序退出码为$rc" >&2; cat "$1/gui.log"; exit 1; }
if grep -q "Traceback" "$1/gui.log"; then cat "$1/gui.log"; exit 1; fi
echo "exited cleanly"
EOS
xvfb-run -a bash "$HOME_DIR/window.sh" "$HOME_DIR" "$EXE"
test -f "$HOME_DIR/.local/share/fazhi-desktop/fazhi.sqlite3"

if [ "$MODE" = --deb ]; then
    dpkg -r fazhi-desktop >/dev/null
    test ! -e /usr/bin/fazhi-desktop || { echo "卸载后仍有/usr/bin/fazhi-desktop" >&2; exit 1; }
    test -f "$HOME_DIR/.local/share/fazhi-desktop/fazhi.sqlite3" || { echo "卸载删除了数据" >&2; exit 1; }
    dpkg -P fazhi-desktop >/dev/null 2>&1 || true
    echo "package installed, started and removed; the clerk's data kept"
fi
rm -rf "$HOME_DIR"
