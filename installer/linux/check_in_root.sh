#!/usr/bin/env bash
# Runs inside the old Debian root (installer/linux/old_base.sh check): the bundle on its own, then
# (with --deb) the package. Exits non-zero on the first check that fails, saying which.
#   bash check_in_root.sh DIR VERSION [--deb]
# DIR holds fazhi-desktop/ (the bundle), profile.json, records.json, petition.json and, for --deb,
# fazhi-desktop.deb. Prints the figures docs/installer.md records (time to window, sizes).
set -euo pipefail
DIR=$1; VERSION=$2; MODE=${3:-bundle}
HOME_DIR=$(mktemp -d "$DIR/home.XXXX")
EXE=$DIR/fazhi-desktop/fazhi-desktop
APP_LOG=$HOME_DIR/.local/share/fazhi-desktop/logs/fazhi-desktop.log
fail() { echo "检查未通过：$*" >&2; [ -f "$APP_LOG" ] && tail -40 "$APP_LOG" >&2; exit 1; }
if [ "$MODE" = --deb ]; then
    # apt resolves the package's Depends from the root's own archive, as on a clerk's PC.
    apt-get install -y -qq --no-install-recommends "$DIR/fazhi-desktop.deb" >/dev/null
    EXE=/usr/bin/fazhi-desktop
    test -f /usr/share/applications/fazhi-desktop.desktop || fail "缺少菜单项"
    desktop-file-validate /usr/share/applications/fazhi-desktop.desktop || fail "菜单项格式不对"
    grep -q '^Exec=fazhi-desktop' /usr/share/applications/fazhi-desktop.desktop || fail "菜单项不启动本程序"
    for size in 48 256; do
        test -f /usr/share/icons/hicolor/${size}x${size}/apps/fazhi-desktop.png || fail "缺少${size}像素图标"
    done
    echo "menu entry and icons installed: $(dpkg -L fazhi-desktop | grep -c '^/usr/share/icons/') icon files"
fi
bare() { env -i HOME="$HOME_DIR" PATH=/usr/bin:/bin "$@"; }

got=$(bare "$EXE" --version)
[ "$got" = "法治办公助手 $VERSION" ] || fail "版本不符：$got"
echo "version: $got"
bare "$EXE" profile set "$DIR/profile.json"
id=$(bare "$EXE" add proposal "$DIR/records.json" | head -1)
bare "$EXE" add petition "$DIR/petition.json" >/dev/null
bare "$EXE" render proposal "$id" --out "$HOME_DIR/答复.docx" >/dev/null 2>&1 || fail "答复件生成失败"
test -s "$HOME_DIR/答复.docx" || fail "未生成答复件"
python3 - "$HOME_DIR/答复.docx" <<'EOP'
import sys, zipfile
text = zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode("utf-8").replace("\u2060", "")
assert "胡校丽委员" in text and "平湛司" in text, "答复件内容不对"
EOP
echo "reply rendered: $(du -h "$HOME_DIR/答复.docx" | cut -f1)"
bare "$EXE" stats --year 2022 --json >/dev/null || fail "统计失败"
# The yearly report embeds the petition chart (matplotlib in the bundle, the root's CJK font).
bare "$EXE" report --year 2022 --out "$HOME_DIR/报告.docx" >/dev/null 2>&1 || fail "年度报告生成失败"
python3 - "$HOME_DIR/报告.docx" "$DIR/report_chart.png" <<'EOP'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
charts = [n for n in z.namelist() if n.startswith("word/media/") and n.endswith(".png")]
assert charts, "年度报告中没有图表"
open(sys.argv[2], "wb").write(z.read(max(charts, key=lambda n: z.getinfo(n).file_size)))
EOP
echo "report rendered with its chart: $(du -h "$HOME_DIR/报告.docx" | cut -f1)"

# Encrypted data package between offices (cryptography in the bundle): export, import elsewhere,
# and a wrong passphrase refused without writing.
printf '两单位约定的口令2026\n' > "$HOME_DIR/口令.txt"
printf 'wrong\n' > "$HOME_DIR/错误口令.txt"
bare "$EXE" package export --out "$HOME_DIR/交换.fzpkg" --passphrase-file "$HOME_DIR/口令.txt" > "$HOME_DIR/export.txt" || fail "数据包导出失败"
grep -q "SM4-GCM\|AES-256-GCM" "$HOME_DIR/export.txt" || fail "数据包未加密：$(cat "$HOME_DIR/export.txt")"
other=$HOME_DIR/其他单位.sqlite3
bare "$EXE" --db "$other" profile set "$DIR/profile.json"
if bare "$EXE" --db "$other" package import "$HOME_DIR/交换.fzpkg" --passphrase-file "$HOME_DIR/错误口令.txt" >/dev/null 2>&1; then
    fail "错误的口令也能导入"
fi
bare "$EXE" --db "$other" package import "$HOME_DIR/交换.fzpkg" --passphrase-file "$HOME_DIR/口令.txt" >/dev/null || fail "数据包导入失败"
imported=$(bare "$EXE" --db "$other" dump proposal)   # not piped into grep -q: SIGPIPE under pipefail
case "$imported" in *"$id"*) ;; *) fail "导入后没有该提案" ;; esac
echo "encrypted package: $(grep -o 'SM4-GCM\|AES-256-GCM' "$HOME_DIR/export.txt" | head -1), exported and imported; wrong passphrase refused"

# The window under Xvfb: the main window (not a box) must appear, and the program must exit
# cleanly by itself. The statistics page with its charts is built before the window shows.
# Under qemu (ARM64 on an x86_64 host) everything is ~10 times slower: longer limits there.
if [ "${FAZHI_EMULATED:-0}" = 1 ]; then  # set by old_base.sh when the root runs under qemu
    export SMOKE_MS=60000 POLLS=1800
else
    export SMOKE_MS=6000 POLLS=240
fi
cat > "$HOME_DIR/window.sh" <<'EOS'
start=$(date +%s.%N)
env -i HOME="$1" PATH=/usr/bin:/bin DISPLAY="$DISPLAY" XAUTHORITY="$XAUTHORITY" FAZHI_SMOKE_EXIT_MS=$SMOKE_MS \
    "$2" > "$1/gui.log" 2>&1 &
pid=$!
seen=""
for _ in $(seq "$POLLS"); do
    if [ -z "$seen" ] && xwininfo -root -tree | grep -Eq '"法治办公助手": \("fazhi-desktop" "fazhi-desktop"\) +[0-9]{4}x[0-9]{3,}'; then
        seen=$(date +%s.%N)
        echo "main window seen after $(python3 -c "print(round($seen - $start, 2))") s"
    fi
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.1
done
if kill -0 "$pid" 2>/dev/null; then
    xwininfo -root -tree | grep fazhi-desktop; kill "$pid"; echo "程序未在规定时间内退出" >&2; exit 1
fi
wait "$pid"; rc=$?
[ -n "$seen" ] || { echo "主窗口未出现（退出码$rc）" >&2; cat "$1/gui.log"; exit 1; }
[ "$rc" = 0 ] || { echo "程序退出码为$rc" >&2; cat "$1/gui.log"; exit 1; }
if grep -q "Traceback" "$1/gui.log"; then cat "$1/gui.log"; exit 1; fi
echo "exited cleanly by itself (status 0)"
EOS
xvfb-run -a -s "-screen 0 1280x1024x24" bash "$HOME_DIR/window.sh" "$HOME_DIR" "$EXE" || fail "窗口检查"
test -f "$HOME_DIR/.local/share/fazhi-desktop/fazhi.sqlite3" || fail "数据文件不在用户数据目录"
if grep -q "ERROR" "$APP_LOG" 2>/dev/null; then fail "程序日志中有错误"; fi

if [ "$MODE" = --deb ]; then
    dpkg -r fazhi-desktop >/dev/null
    test ! -e /usr/bin/fazhi-desktop || fail "卸载后仍有/usr/bin/fazhi-desktop"
    test ! -e /usr/share/applications/fazhi-desktop.desktop || fail "卸载后仍有菜单项"
    test ! -e /opt/fazhi-desktop || fail "卸载后仍有/opt/fazhi-desktop"
    test -f "$HOME_DIR/.local/share/fazhi-desktop/fazhi.sqlite3" || fail "卸载删除了数据"
    dpkg -P fazhi-desktop >/dev/null 2>&1 || true
    test -f "$HOME_DIR/.local/share/fazhi-desktop/fazhi.sqlite3" || fail "彻底卸载删除了数据"
    echo "package installed, started and removed; the clerk's data kept"
fi
rm -rf "$HOME_DIR"
