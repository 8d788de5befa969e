"""`check`, `backup [--out FILE]`, `backups` and `restore BACKUP`: the data file's safety net.

`check` and `backups` only read: a missing data file is said to be missing, nothing is created.
`backup` reads the data file through SQLite's backup API and does not take the writer lock (a
scheduled backup works while a window is open); `--out` is refused onto the data file, its side
files, the backups and any ending but .sqlite3 (core/output_guard.py). `restore` asks nothing; it
takes the writer lock (waiting a few seconds for another command, refused while a window has the
file open), restores only this app's backups or data files, and never overwrites a damaged file
(that is kept renamed).
"""
from __future__ import annotations

import sys
from pathlib import Path

from . import EXIT_FAILED, EXIT_OK


def register(sub) -> None:
    check = sub.add_parser("check", help="检查数据文件是否完好（只读取，不做任何修改）")
    check.set_defaults(handler=cmd_check)

    backup = sub.add_parser("backup", help="立即备份数据文件（默认存入备份文件夹并按规则轮换）")
    backup.add_argument("--out", metavar="FILE", help="备份到指定文件（不参与轮换）")
    backup.set_defaults(handler=cmd_backup)

    listing = sub.add_parser("backups", help="列出数据文件的备份")
    listing.set_defaults(handler=cmd_backups)

    restore = sub.add_parser("restore", help="从备份文件恢复（先备份当前文件；损坏的文件改名保留）")
    restore.add_argument("backup", metavar="BACKUP")
    restore.set_defaults(handler=cmd_restore)


def _db(args) -> Path:
    from ..paths import resolve_db_path

    return resolve_db_path(args.db, create_folder=False)  # restore's lock makes it if needed


def cmd_check(args) -> int:
    from ..core.backup import count_records, list_backups, _connect_ro
    from ..core.health import check_file

    path = _db(args)
    if not path.exists():
        print(f"数据文件“{path}”不存在，请检查路径。没有创建任何文件。")
        return EXIT_FAILED
    finding = check_file(path, thorough=True, require_data=True)
    if finding is None:
        conn = _connect_ro(path)
        try:
            counts = count_records(conn)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
        words = {"proposal": "政协提案", "suggestion": "人大建议", "mediation": "人民调解", "petition": "信访统计"}
        summary = "，".join(f"{words[k]}{n}条" for k, n in counts.items())
        print(f"数据文件完好：{path}（数据版本{version}；{summary}）。")
        return EXIT_OK
    print(f"{finding.title}：{finding.message}")
    print(finding.advice)
    if finding.detail:
        print(f"技术信息：{finding.detail}")
    backups = list_backups(path, with_counts=False)
    if finding.can_restore and backups:
        newest = max(backups, key=lambda b: b.order)
        print(f"最近的备份：{newest.path}（{newest.created:%Y-%m-%d %H:%M}）。"
              f"恢复命令：fazhi-desktop --db \"{path}\" restore \"{newest.path}\"")
    return EXIT_FAILED


def cmd_backup(args) -> int:
    from ..core.backup import backup_now
    from ..core.health import ensure_usable

    path = _db(args)
    if not path.exists():
        print(f"数据文件“{path}”不存在，没有可备份的内容。", file=sys.stderr)
        return EXIT_FAILED
    if args.out is not None:
        from ..core.output_guard import check_output

        check_output(args.out, data_file=path, ending=".sqlite3", what="备份文件")
    ensure_usable(path)
    info = backup_now(path, "manual", out=args.out)
    for line in info.warnings:
        print(line, file=sys.stderr)
    print(f"已备份到：{info.path}")
    print(info.describe())
    return EXIT_OK


def cmd_backups(args) -> int:
    from ..core.backup import list_backups

    path = _db(args)
    found = list_backups(path)
    for info in found:
        print(f"{info.describe()}\t{info.path}")
    if not path.exists():  # the backups are listed all the same: they are how to get it back
        print(f"数据文件“{path}”不存在，请检查路径。" + ("上面是找到的备份。" if found else ""),
              file=sys.stderr)
        return EXIT_FAILED
    if not found:
        print("没有找到备份。")
    return EXIT_OK


def cmd_restore(args) -> int:
    from ..core.backup import restore_backup
    from ..core.lock import WriterLock, wait_seconds

    path = _db(args)
    source = Path(args.backup)
    if not source.exists():
        print(f"备份文件“{source}”不存在。", file=sys.stderr)
        return EXIT_FAILED
    held = WriterLock(path, role="command").acquire(wait=wait_seconds())
    try:
        result = restore_backup(path, source)
    finally:
        held.release()
    if result["damaged_kept"]:
        print(f"损坏的数据文件已改名保留为：{result['damaged_kept']}")
    if result["before_backup"]:
        print(f"恢复前的数据已备份到：{result['before_backup']}")
    print(f"已从“{source}”恢复数据文件“{path}”。")
    return EXIT_OK
