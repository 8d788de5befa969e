#!/usr/bin/env bash
# The newest GLIBC_ and GLIBCXX_ symbol versions any ELF file under DIR needs:
#   bash installer/linux/glibc_needed.sh DIR [MAX_GLIBC]
# prints "GLIBC 2.31", "GLIBCXX 3.4.28" and the file that needs the newest glibc; with MAX_GLIBC,
# exits 1 when a file needs more (the bundle would not start on that system). Weak version needs
# (Flags: WEAK, set by installer/linux/im/add_to_bundle.sh on the fcitx plugin, whose two newer
# C++ symbols a compat library supplies) do not stop a program from loading, so they do not count.
set -euo pipefail
DIR=$1; MAX=${2:-}
newest=""; newest_file=""; newest_cxx=""
while IFS= read -r -d '' file; do
    head -c 4 "$file" 2>/dev/null | grep -q $'\x7fELF' || continue
    needs=$(readelf -V --wide "$file" 2>/dev/null | grep 'Name: ' | grep -v 'Flags: WEAK') || true
    versions=$(printf '%s\n' "$needs" | grep -o 'GLIBC_2\.[0-9]*\(\.[0-9]*\)\?' | sed 's/GLIBC_//' | sort -u -V) || true
    top=$(printf '%s\n' $versions | tail -1)
    if [ -n "$top" ] && { [ -z "$newest" ] || [ "$(printf '%s\n%s\n' "$newest" "$top" | sort -V | tail -1)" = "$top" ] && [ "$top" != "$newest" ]; }; then
        newest=$top; newest_file=$file
    fi
    cxx=$(printf '%s\n' "$needs" | grep -o 'GLIBCXX_3\.[0-9.]*' | sed 's/GLIBCXX_//' | sort -u -V | tail -1) || true
    if [ -n "$cxx" ] && { [ -z "$newest_cxx" ] || [ "$(printf '%s\n%s\n' "$newest_cxx" "$cxx" | sort -V | tail -1)" = "$cxx" ]; }; then
        newest_cxx=$cxx
    fi
done < <(find "$DIR" -type f \( -name '*.so*' -o -perm -u+x \) -print0)
echo "GLIBC ${newest:-none}"
echo "GLIBCXX ${newest_cxx:-none}"
echo "newest glibc needed by: ${newest_file#$DIR/}"
if [ -n "$MAX" ] && [ -n "$newest" ] && [ "$(printf '%s\n%s\n' "$MAX" "$newest" | sort -V | tail -1)" != "$MAX" ]; then
    echo "需要的glibc（${newest}）高于目标系统的${MAX}：该程序包在目标系统上无法启动。" >&2
    exit 1
fi
