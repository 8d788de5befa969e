"""`add KIND FILE.json` and `dump KIND`: records in the interchange format."""
from __future__ import annotations

from ..core.records import KINDS
from . import open_registry, print_json, read_json_file


def register(sub) -> None:
    add = sub.add_parser("add", help="从JSON文件添加或更新记录（整个文件要么全部写入，要么都不写入）")
    add.add_argument("kind", choices=KINDS, metavar="KIND", help="proposal / suggestion / mediation / petition")
    add.add_argument("file", metavar="FILE.json")
    add.set_defaults(handler=cmd_add)

    dump = sub.add_parser("dump", help="以JSON列表输出某类全部记录")
    dump.add_argument("kind", choices=KINDS, metavar="KIND")
    dump.set_defaults(handler=cmd_dump)


def cmd_add(args) -> int:
    from ..core.backup import backup_now

    items = read_json_file(args.file)
    with open_registry(args) as registry:
        if any(registry.count(kind) for kind in KINDS):  # an empty file has nothing to protect
            backup_now(registry.path, "import")  # a verified copy before every import
        ids = registry.add_many(args.kind, items)
    for record_id in ids:
        print(record_id)
    return 0


def cmd_dump(args) -> int:
    with open_registry(args) as registry:
        print_json(registry.dump(args.kind))
    return 0
