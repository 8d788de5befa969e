"""`add KIND FILE.json` and `dump KIND`: records in the interchange format.

`add` writes under the single-writer lock and validates the whole file before anything else:
refused input costs no backup. `dump` only reads (a missing file is said to be missing).
"""
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
    with open_registry(args, write=True) as registry:
        has_data = any(registry.count(kind) for kind in KINDS)  # an empty file: nothing to protect
        with registry.transaction():
            ids = registry.add_many(args.kind, items)  # validates all first; refused: nothing written
            if has_data:
                # Accepted, about to commit: a verified copy now. It reads the file as last
                # committed (WAL), i.e. without this add; a refusal above costs no backup.
                backup_now(registry.path, "import")
    for record_id in ids:
        print(record_id)
    return 0


def cmd_dump(args) -> int:
    with open_registry(args, write=False) as registry:
        print_json(registry.dump(args.kind))
    return 0
