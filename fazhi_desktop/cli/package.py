"""`package export|import|conflicts|resolve|received`: data packages between offices
(docs/exchange.md). Exit status as everywhere: 0 done (conflicts listed are not errors), 1 a
file could not be used, 2 refused with nothing written (damaged or altered package, newer
format, this office's own package, wrong passphrase)."""
from __future__ import annotations

import sys

from ..core.records import KINDS, kind_label
from . import open_registry, print_json, year_argument



def register(sub) -> None:
    package = sub.add_parser("package", help="单位之间交换数据：导出、导入数据包，处理冲突")
    actions = package.add_subparsers(dest="action", metavar="操作", required=True,
                                     parser_class=type(package))

    export = actions.add_parser("export", help="导出数据包（.fzpkg），默认加密")
    export.add_argument("--out", required=True, metavar="FILE.fzpkg", help="数据包文件")
    export.add_argument("--kind", action="append", choices=KINDS, metavar="KIND",
                        help="只导出某类记录（可重复；默认全部）：proposal / suggestion / mediation / petition")
    export.add_argument("--year", type=year_argument, metavar="YYYY", help="只导出某年度的记录")
    export.add_argument("--passphrase-file", metavar="FILE", help="口令文件（双方约定的口令，UTF-8文本）")
    export.add_argument("--no-encryption", action="store_true",
                        help="不加密（个人信息将以明文保存，慎用）")
    export.set_defaults(handler=cmd_export)

    imp = actions.add_parser("import", help="导入数据包，合并到本机数据")
    imp.add_argument("file", metavar="FILE.fzpkg")
    imp.add_argument("--dry-run", action="store_true", help="只显示将要发生的变化，不写入")
    imp.add_argument("--passphrase-file", metavar="FILE", help="口令文件（加密的数据包需要）")
    imp.set_defaults(handler=cmd_import)

    conflicts = actions.add_parser("conflicts", help="列出双方都修改过的记录（冲突）")
    conflicts.add_argument("--json", action="store_true", help="以JSON列表输出，每条记录一项")
    conflicts.set_defaults(handler=cmd_conflicts)

    resolve = actions.add_parser("resolve", help="处理一条冲突：保留本机或采用对方的版本")
    resolve.add_argument("id", metavar="ID", help="记录编号（id）")
    resolve.add_argument("--keep", required=True, choices=("local", "remote"),
                         help="local：保留本机；remote：采用对方")
    resolve.set_defaults(handler=cmd_resolve)

    received = actions.add_parser("received", help="列出已导入的数据包")
    received.add_argument("--json", action="store_true", help="以JSON输出")
    received.set_defaults(handler=cmd_received)


def read_passphrase(path: str) -> str:
    """The passphrase in a file (never on the command line, where `ps` and the shell history
    would show it): UTF-8, the final line break not part of it."""
    from ..core.errors import ValidationError

    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise ValidationError([f"无法读取口令文件“{path}”：{exc.strerror or exc}"]) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError([f"口令文件“{path}”不是UTF-8编码的文本"]) from exc
    text = text.rstrip("\r\n")
    if not text.strip():
        raise ValidationError([f"口令文件“{path}”是空的，请写入双方约定的口令"])
    return text


def cmd_export(args) -> int:
    from ..core.errors import ValidationError

    if args.passphrase_file and args.no_encryption:
        raise ValidationError(["--passphrase-file 与 --no-encryption 不能同时使用"])
    if not args.passphrase_file and not args.no_encryption:
        raise ValidationError([
            "数据包含有个人信息，默认加密：请用 --passphrase-file FILE 提供双方约定的口令；"
            "确需不加密时加 --no-encryption"])
    passphrase = read_passphrase(args.passphrase_file) if args.passphrase_file else None
    if args.no_encryption:  # what this package, with its registers, puts in clear text
        from ..core.exchange.export import exposure_text

        print(exposure_text(args.kind), file=sys.stderr)
    with open_registry(args, write=True) as registry:  # the export is noted in the 操作记录
        manifest = registry.export_package(args.out, kinds=args.kind, year=args.year,
                                           passphrase=passphrase)
    office = manifest["office"]
    print(f"已导出数据包：{args.out}")
    print(f"单位：{office['name'] or '（未设置单位名称）'}（单位编号 {office['id']}）")
    for kind, counts in manifest["counts"].items():
        extra = f"，已删除{counts['deleted']}条" if counts.get("deleted") else ""
        print(f"  {kind_label(kind)}：{counts['records']}条{extra}")
    algorithm = (manifest["encryption"] or {}).get("algorithm")
    print(f"加密：{algorithm}（口令密钥派生：scrypt）" if algorithm else "加密：无")
    return 0


def cmd_import(args) -> int:
    from ..core.exchange.package import PackageRefused, PassphraseNeeded

    passphrase = read_passphrase(args.passphrase_file) if args.passphrase_file else None
    with open_registry(args, write=not args.dry_run) as registry:
        try:
            plan = registry.plan_package(args.file, passphrase=passphrase)
            office = plan.office
            if not args.dry_run:  # a verified backup first, when it writes into records
                registry.apply_package(plan)
        except PackageRefused as exc:
            # The message already says that nothing was written: no generic header above it.
            for line in exc.problems:
                print(line, file=sys.stderr)
            if isinstance(exc, PassphraseNeeded):
                print("请用 --passphrase-file FILE 提供口令文件。", file=sys.stderr)
            return 2
    head = "预览（未写入）" if args.dry_run else "已导入"
    print(f"{head}：{office['name'] or office['id']}的数据包（{plan.created_at[:10]}）")
    print("  " + plan.counts_text())
    for kind, counts in plan.by_kind.items():
        print(f"  {kind_label(kind)}：" + "，".join(f"{k}{v}条" for k, v in counts.items() if v))
    if plan.conflicts:
        print(f"冲突{len(plan.conflicts)}条（本机版本保留，对方版本另存；用 package conflicts 查看，"
              "package resolve ID --keep local|remote 处理）：")
        for c in plan.conflicts:
            print(f"  {kind_label(c['kind'])} {c['summary']}  id {c['id']}")
    return 0


def _listed(args, read, nothing: str) -> list:
    """What `read(registry)` lists, to be printed line by line; [] when it has been said
    already: as JSON (--json), or as `nothing` when there is nothing."""
    with open_registry(args, write=False) as registry:
        items = read(registry)
    if args.json:
        print_json(items)
        return []
    if not items:
        print(nothing)
    return items


def cmd_conflicts(args) -> int:
    for c in _listed(args, lambda registry: registry.conflicts(), "没有冲突。"):
        print(f"{c['kind_label']} {c['summary']}  id {c['id']}  来自：{c['office']}（{c['received_at'][:10]}）")
        for f in c["fields"]:
            print(f"  {f['label']}：本机 {_short(f['local'])} | 对方 {_short(f['remote'])}")
    return 0


def cmd_resolve(args) -> int:
    with open_registry(args, write=True) as registry:
        record = registry.resolve_conflict(args.id, args.keep)
    word = "保留本机版本" if args.keep == "local" else "采用对方版本"
    print(f"已处理冲突：{(record or {}).get('id', args.id)}，{word}。")
    return 0


def cmd_received(args) -> int:
    for p in _listed(args, lambda registry: registry.received_packages(), "尚未导入任何数据包。"):
        counts = "，".join(f"{k}{v}条" for k, v in p["counts"].items() if v)
        print(f"{p['imported_at'][:16]}  {p['office_name']}  导出于{p['created_at'][:16]}  {counts}")
    return 0


def _short(value, limit: int = 40) -> str:
    import json

    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = text if value is not None else "（空）"
    return text if len(text) <= limit else text[:limit] + "…"
