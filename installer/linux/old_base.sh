#!/usr/bin/env bash
# Builds the Linux bundle and .deb inside an older Debian root, so that they start on the oldest
# systems clerks use (Kylin V10: glibc 2.31; UOS 20: 2.28), and checks them there.
#
#   bash installer/linux/old_base.sh build BASE ARCH   -> dist/BASE-ARCH/fazhi-desktop/, dist/fazhi-desktop_<v>_BASE_ARCH.deb
#   bash installer/linux/old_base.sh check BASE ARCH   -> starts the bundle and the .deb inside the root
#   bash installer/linux/old_base.sh run BASE ARCH CMD… -> CMD inside the root (diagnosis)
#
# BASE: debian11 (bullseye, glibc 2.31). ARCH: amd64, or arm64 (run through qemu-user-static).
# The root is made with debootstrap from Debian's own packages and cached between runs in
# ${FAZHI_ROOT_CACHE:-/var/cache/fazhi-build}/BASE-ARCH; nothing comes from anywhere else but
# Debian's archive and PyPI. Needs root (debootstrap, chroot, mount). The root trusts the CAs the
# host trusts (an office or CI network may reach PyPI through a proxy with its own CA).
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$(pwd)
ACTION=$1; BASE=$2; ARCH=$3

case "$BASE" in
    debian11) SUITE=bullseye; MAX_GLIBC=2.31 ;;
    *) echo "不支持的基础系统：$BASE（可用：debian11）" >&2; exit 2 ;;
esac
case "$ARCH" in
    amd64) QEMU=""; ;;
    arm64) QEMU=qemu-aarch64-static ;;
    *) echo "不支持的架构：$ARCH（可用：amd64、arm64）" >&2; exit 2 ;;
esac
[ "$(id -u)" = 0 ] || { echo "需要root权限（debootstrap、chroot）。" >&2; exit 1; }

emulation_ready() {
    # ARM64 on an x86_64 host: the kernel must hand aarch64 programs to qemu (binfmt_misc with
    # the F flag, so chroot needs no interpreter inside the root). Registers it when it can.
    [ -n "$QEMU" ] || return 0
    [ "$(uname -m)" = aarch64 ] && return 0
    command -v "$QEMU" >/dev/null || { echo "需要qemu-user-static：apt-get install qemu-user-static binfmt-support" >&2; exit 1; }
    if [ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
        mountpoint -q /proc/sys/fs/binfmt_misc || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc 2>/dev/null || true
        update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || true
    fi
    grep -q '^enabled' /proc/sys/fs/binfmt_misc/qemu-aarch64 2>/dev/null \
        || { echo "无法为ARM64启用qemu（binfmt_misc未注册qemu-aarch64）。" >&2; exit 1; }
}
emulation_ready

CACHE=${FAZHI_ROOT_CACHE:-/var/cache/fazhi-build}
ROOT=$CACHE/$BASE-$ARCH
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
VERSION=$(sed -n 's/^version *= *"\([^"]*\)".*/\1/p' pyproject.toml | head -1)
OUT=dist/$BASE-$ARCH
DEB=dist/fazhi-desktop_${VERSION}_${BASE}_${ARCH}.deb
# What the bundle links to (PyInstaller copies these from the root) and what the checks need.
PACKAGES="python3 python3-venv python3-dev binutils ca-certificates libegl1 libgl1 libglib2.0-0 \
libfontconfig1 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 \
libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 \
libxcb-xkb1 libnss3 libasound2 libatomic1 libcups2 fonts-noto-cjk fontconfig xvfb xauth x11-utils \
desktop-file-utils"

in_root() {  # a command inside the root with a clean environment
    chroot "$ROOT" env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME=/root LANG=C.UTF-8 PIP_CERT=/etc/ssl/certs/ca-certificates.crt \
        PIP_DEFAULT_TIMEOUT=180 PIP_DISABLE_PIP_VERSION_CHECK=1 DEBIAN_FRONTEND=noninteractive "$@"
}

mounted=()
unmount_all() {
    local i
    for (( i=${#mounted[@]}-1; i>=0; i-- )); do umount -l "${mounted[$i]}" 2>/dev/null || true; done
}
trap unmount_all EXIT
mount_root() {
    local m
    for m in proc dev dev/pts sys; do mkdir -p "$ROOT/$m"; done
    mountpoint -q "$ROOT/proc" || { mount -t proc proc "$ROOT/proc"; mounted+=("$ROOT/proc"); }
    mountpoint -q "$ROOT/dev" || { mount --bind /dev "$ROOT/dev"; mounted+=("$ROOT/dev"); }
    mountpoint -q "$ROOT/dev/pts" || { mount --bind /dev/pts "$ROOT/dev/pts"; mounted+=("$ROOT/dev/pts"); }
    mountpoint -q "$ROOT/sys" || { mount --bind /sys "$ROOT/sys"; mounted+=("$ROOT/sys"); }
    cp /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null || true
    trust_host_cas
}

trust_host_cas() {
    # The host's trusted CAs (a proxy's own CA included), for pip inside the root; again after
    # the root's ca-certificates package has rewritten its bundle.
    if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
        mkdir -p "$ROOT/etc/ssl/certs"
        cp /etc/ssl/certs/ca-certificates.crt "$ROOT/etc/ssl/certs/ca-certificates.crt"
    fi
}

make_root() {
    if [ -f "$ROOT/.fazhi-root-ready" ]; then
        if [ "$(cat "$ROOT/.fazhi-root-ready")" != "$PACKAGES" ]; then  # the list grew
            mount_root
            in_root apt-get update -qq
            # shellcheck disable=SC2086
            in_root apt-get install -y -qq --no-install-recommends $PACKAGES >/dev/null
            trust_host_cas
            echo "$PACKAGES" > "$ROOT/.fazhi-root-ready"
        fi
        return
    fi
    if [ -f "$ROOT/.fazhi-debootstrap-done" ]; then  # an earlier run stopped after debootstrap
        finish_root; return
    fi
    command -v debootstrap >/dev/null || { echo "需要debootstrap：apt-get install debootstrap" >&2; exit 1; }
    echo "== making the $BASE $ARCH root in $ROOT (debootstrap from $MIRROR)"
    rm -rf "$ROOT"; mkdir -p "$ROOT"
    if [ -n "$QEMU" ]; then
        command -v "$QEMU" >/dev/null || { echo "需要qemu-user-static：apt-get install qemu-user-static" >&2; exit 1; }
        debootstrap --arch="$ARCH" --foreign --variant=minbase "$SUITE" "$ROOT" "$MIRROR" \
            || { echo "无法建立$BASE根目录（debootstrap失败，是否无法访问Debian软件源？）" >&2; exit 1; }
        cp "$(command -v "$QEMU")" "$ROOT/usr/bin/"
        chroot "$ROOT" /debootstrap/debootstrap --second-stage
    else
        debootstrap --arch="$ARCH" --variant=minbase "$SUITE" "$ROOT" "$MIRROR" \
            || { echo "无法建立$BASE根目录（debootstrap失败，是否无法访问Debian软件源？）" >&2; exit 1; }
    fi
    touch "$ROOT/.fazhi-debootstrap-done"
    finish_root
}

finish_root() {
    mount_root
    # shellcheck disable=SC2086
    { in_root apt-get update -qq && in_root apt-get install -y -qq --no-install-recommends $PACKAGES >/dev/null; } \
        || { echo "无法在$BASE根目录中安装软件包（是否无法访问Debian软件源 $MIRROR？）" >&2; exit 1; }
    trust_host_cas
    in_root python3 -m venv /opt/fazhi-venv
    in_root /opt/fazhi-venv/bin/pip install -q --upgrade pip \
        || { echo "无法在$BASE根目录中运行pip（是否无法访问PyPI？）" >&2; exit 1; }
    echo "$PACKAGES" > "$ROOT/.fazhi-root-ready"
}

copy_source() {
    rm -rf "$ROOT/build/src"; mkdir -p "$ROOT/build/src"
    if git -C "$REPO" rev-parse --git-dir >/dev/null 2>&1; then
        (cd "$REPO" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) | tar -xf - -C "$ROOT/build/src"
    else
        tar --exclude=./dist --exclude=./build --exclude=./.venv -cf - . | tar -xf - -C "$ROOT/build/src"
    fi
}

build() {
    local start; start=$(date +%s)
    make_root
    mount_root
    copy_source
    # ARM64: the PySide6 line whose aarch64 wheels need no more than glibc 2.31 (6.9's need 2.39).
    local constraints=installer/linux/constraints-$ARCH.txt
    echo "== installing the app and PyInstaller in the root ($(in_root python3 --version))"
    in_root /opt/fazhi-venv/bin/pip install -q -c "/build/src/$constraints" "/build/src[build]" \
        || { echo "无法在$BASE根目录中安装本程序的依赖（是否无法访问PyPI？）" >&2; exit 1; }
    echo "== PyInstaller in the root"
    in_root bash -c "cd /build/src && /opt/fazhi-venv/bin/python -m PyInstaller --noconfirm --clean \
        --log-level WARN --distpath /build/dist --workpath /build/work installer/fazhi-desktop.spec"
    rm -rf "$OUT"; mkdir -p "$OUT"
    cp -a "$ROOT/build/dist/fazhi-desktop" "$OUT/fazhi-desktop"
    # Input-method plugins (issue 18.3, docs/installer.md "输入法"): the fcitx plugin, run on the
    # host with the bundle folder and the architecture, before the glibc scan so whatever it adds
    # is scanned too. It fails, saying why, rather than ship a plugin that would not load.
    echo "== input-method plugins: installer/linux/im/add_to_bundle.sh"
    bash installer/linux/im/add_to_bundle.sh "$OUT/fazhi-desktop" "$ARCH"
    echo "== glibc the bundle needs (target: $BASE, glibc $MAX_GLIBC)"
    bash installer/linux/glibc_needed.sh "$OUT/fazhi-desktop" "$MAX_GLIBC" | tee "$OUT/glibc.txt"
    bash installer/linux/make_deb.sh "$OUT/fazhi-desktop" "$DEB" "$ARCH"
    echo "== built in $(( $(date +%s) - start )) s: $OUT/fazhi-desktop ($(du -sh "$OUT/fazhi-desktop" | cut -f1)), $DEB ($(du -h "$DEB" | cut -f1))"
}

check() {
    [ -x "$OUT/fazhi-desktop/fazhi-desktop" ] || { echo "没有$OUT的构建结果：先运行 build" >&2; exit 1; }
    make_root
    mount_root
    local dir=/check
    rm -rf "${ROOT:?}$dir"; mkdir -p "$ROOT$dir/home"
    cp -a "$OUT/fazhi-desktop" "$ROOT$dir/fazhi-desktop"
    cp tests/fixtures/seed000_profile.json "$ROOT$dir/profile.json"
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); json.dump([r],open(sys.argv[2],"w"),ensure_ascii=False)' \
        tests/fixtures/seed000_proposal.json "$ROOT$dir/records.json"
    python3 -c '
import json, sys
months = [{"unit": "区信访局", "period": f"2022-{m:02d}", "letters": 3 + m, "visits": 2 + m % 3} for m in range(1, 10)]
months += [{"unit": "区信访局", "period": f"2021-{m:02d}", "letters": 4 + m % 4, "visits": 1} for m in range(1, 13)]
json.dump(months, open(sys.argv[1], "w"), ensure_ascii=False)' "$ROOT$dir/petition.json"
    cp installer/linux/check_in_root.sh "$ROOT$dir/"
    echo "== the bundle in the $BASE $ARCH root: CLI, a reply, the window under Xvfb"
    local emulated=0
    [ -n "$QEMU" ] && [ "$(uname -m)" != aarch64 ] && emulated=1
    in_root env FAZHI_EMULATED=$emulated bash "$dir/check_in_root.sh" "$dir" "$VERSION" | tee "$OUT/check.txt"
    cp "$ROOT$dir/report_chart.png" "$OUT/report_chart.png"   # to look at: drawn in the root
    echo "== the .deb in the $BASE $ARCH root: install with its dependencies, start, remove"
    cp "$DEB" "$ROOT$dir/fazhi-desktop.deb"
    in_root env FAZHI_EMULATED=$emulated bash "$dir/check_in_root.sh" "$dir" "$VERSION" --deb | tee -a "$OUT/check.txt"
}

# One build or check per root at a time: they share its /build and /check folders.
mkdir -p "$CACHE"; exec 9>"$CACHE/$BASE-$ARCH.lock"
flock 9

case "$ACTION" in
    build) build ;;
    check) check ;;
    root) make_root ;;
    run) make_root; mount_root; shift 3; in_root "$@" ;;  # a command in the root, for diagnosis
    *) echo "用法：old_base.sh build|check|root|run BASE ARCH [命令…]" >&2; exit 2 ;;
esac
