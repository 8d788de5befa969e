"""`erase`: erase records for good once their retention period has passed (core/erasure.py).

    fazhi-desktop erase mediation --closed-before 2016-01-01 [--dry-run]
    fazhi-desktop erase KIND ID...

Unlike `delete` (to the 回收站) nothing can be restored afterwards, except from a backup taken
before; the output says so.
"""
from __future__ import annotations

import datetime as _dt

from . import open_registry


def register(sub) -> None:
    cmd = sub.add_parser("erase", help="按保存期限彻底删除记录及其操作记录内容（不可恢复，用于个人信息保护）")
    cmd.add_argument("kind", choices=("proposal", "suggestion", "mediation", "petition"),
                     metavar="KIND", help="proposal、suggestion、mediation 或 petition")
    cmd.add_argument("ids", nargs="*", metavar="ID", help="要彻底删除的记录编号")
    cmd.add_argument("--closed-before", metavar="YYYY-MM-DD",
                     help="（仅 mediation）结案日期（未结案的按受理日期）早于该日的案件")
    cmd.add_argument("--dry-run", action="store_true", help="只列出将删除的记录，不做修改")
    cmd.set_defaults(handler=cmd_erase)


def cmd_erase(args) -> int:
    from ..core import erasure
    from ..core.errors import NotFound, ValidationError
    from ..core.registry import summarize

    if bool(args.ids) == bool(args.closed_before):
        raise ValidationError(["请给出要删除的记录编号，或用 --closed-before 指定日期（二者选一）"])
    if args.closed_before and args.kind != "mediation":
        raise ValidationError(["--closed-before 只用于人民调解案件（mediation）"])
    day = None
    if args.closed_before:
        try:
            day = _dt.date.fromisoformat(args.closed_before)
        except ValueError:
            raise ValidationError([f"日期“{args.closed_before}”无效，应为YYYY-MM-DD，如2016-01-01"]) from None
    # under the single-writer lock (open_registry): the file is rebuilt at the end, no window
    # may have it open meanwhile
    with open_registry(args, write=not args.dry_run) as registry:
        ids = erasure.mediation_cases_closed_before(registry, day) if day else args.ids
        if args.dry_run:
            for record_id in ids:
                record = registry.get(args.kind, record_id, include_deleted=True)
                print(f"{record_id}\t{summarize(args.kind, record)}")
            print(f"将彻底删除{len(ids)}条记录（未做修改）。")
            return 0
        try:
            done = erasure.erase_records(registry, args.kind, ids)
        except NotFound as exc:
            raise ValidationError([str(exc)]) from exc
    print(done.describe())
    return 0
