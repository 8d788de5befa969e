"""`delete KIND ID...`: move records to the 回收站 (restorable there), all of them or none.
The deletion travels in the next data package (docs/exchange.md)."""
from __future__ import annotations

from ..core.records import KINDS
from . import open_registry


def register(sub) -> None:
    delete = sub.add_parser("delete", help="把记录移入回收站（可在回收站恢复）")
    delete.add_argument("kind", choices=KINDS, metavar="KIND",
                        help="proposal / suggestion / mediation / petition")
    delete.add_argument("ids", nargs="+", metavar="ID", help="记录编号（id），可写多个")
    delete.set_defaults(handler=cmd_delete)


def cmd_delete(args) -> int:
    from ..core.errors import NotFound, ValidationError
    from ..core.exchange.identity import canonical_id

    problems = [f"“{rid}”不是有效的记录编号（UUID）" for rid in args.ids if not canonical_id(rid)]
    if problems:
        raise ValidationError(problems)
    ids = list(dict.fromkeys(canonical_id(rid) for rid in args.ids))
    with open_registry(args, write=True) as registry:
        missing = []
        for rid in ids:
            try:
                registry.get(args.kind, rid)
            except NotFound:
                missing.append(rid)
        if missing:
            raise ValidationError([f"找不到该类记录“{rid}”（可能已在回收站）" for rid in missing])
        with registry.transaction():
            for rid in ids:
                registry.delete(args.kind, rid)
    for rid in ids:
        print(f"已移入回收站：{rid}")
    return 0
