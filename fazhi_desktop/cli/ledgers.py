"""`export KIND --out FILE.xlsx`, `import KIND FILE.xlsx` and `template KIND --out FILE.xlsx`:
Excel ledgers (台账) on the command line."""
from __future__ import annotations

import sys

from ..core.records import KINDS
from . import EXIT_OK, EXIT_REFUSED, open_registry, year_argument
from .outputs import guard_output


def register(sub) -> None:
    export = sub.add_parser("export", help="导出台账（Excel，A4横向打印）")
    export.add_argument("kind", choices=KINDS, metavar="KIND",
                        help="proposal / suggestion / mediation / petition")
    export.add_argument("--out", required=True, metavar="FILE.xlsx", help="保存为")
    export.add_argument("--year", type=year_argument, metavar="YYYY",
                        help="只导出该年度（默认：全部年度）")
    export.add_argument("--unmasked", action="store_true",
                        help="不隐去身份证号码和电话（文件名和标题注明“含完整身份证号”，"
                             "并记入操作记录）；默认隐去")
    export.set_defaults(handler=cmd_export)

    imp = sub.add_parser("import", help="从Excel台账导入记录（默认全部导入或全部不导入）")
    imp.add_argument("kind", choices=KINDS, metavar="KIND")
    imp.add_argument("file", metavar="FILE.xlsx")
    imp.add_argument("--dry-run", action="store_true", help="只检查，不写入（有问题时退出码为2）")
    imp.add_argument("--keep-good", metavar="BAD.xlsx",
                     help="导入无误的行，把有问题的行另存到BAD.xlsx（含“问题”列）")
    imp.add_argument("--existing", choices=("update", "skip"),
                     help="已存在的记录（同一届次编号/案件编号/单位月份）：update 更新，skip 跳过")
    imp.add_argument("--sheet", metavar="NAME", help="工作表名称（默认：自动识别）")
    imp.add_argument("--session", metavar="届次",
                     help="表中没有“届次”列时，各行的届次（如：区政协六届一次会议；默认取自标题行）")
    imp.set_defaults(handler=cmd_import)

    template = sub.add_parser("template", help="生成空白导入模板")
    template.add_argument("kind", choices=KINDS, metavar="KIND")
    template.add_argument("--out", required=True, metavar="FILE.xlsx")
    template.set_defaults(handler=cmd_template)


def cmd_export(args) -> int:
    from ..ledgers.export import export_ledger

    guard_output(args, args.out, ".xlsx")
    # --unmasked notes the export in the 操作记录 (personal data left the file): a write
    with open_registry(args, write=args.unmasked) as registry:
        result = export_ledger(registry, args.kind, args.out, year=args.year,
                               masked=not args.unmasked)
    print(f"已导出“{result.title}”：{result.rows}条，保存为 {result.path}")
    return EXIT_OK


def cmd_import(args) -> int:
    from ..ledgers.importer import ImportOptions, import_ledger, scan

    options = ImportOptions(existing=args.existing, keep_good=bool(args.keep_good),
                            bad_rows_path=args.keep_good, sheet=args.sheet,
                            defaults={"session": args.session} if args.session else {})
    if args.keep_good:
        guard_output(args, args.keep_good, ".xlsx", inputs=(args.file,))
    with open_registry(args, write=not args.dry_run, missing_ok=args.dry_run) as registry:
        if args.dry_run:
            report = scan(registry, args.kind, args.file, options)
            print(f"检查完成（未写入）：{report.summary()}")
            for line in report.problem_lines():
                print(f"  {line}", file=sys.stderr)
            return EXIT_REFUSED if report.problems and not options.keep_good else EXIT_OK
        report = import_ledger(registry, args.kind, args.file, options)
    print(report.summary())
    if report.problems:
        print(f"以下{len(report.bad_rows)}行未导入：", file=sys.stderr)
        for line in report.problem_lines():
            print(f"  {line}", file=sys.stderr)
    return EXIT_OK


def cmd_template(args) -> int:
    from ..ledgers.template import write_template

    guard_output(args, args.out, ".xlsx")
    write_template(args.kind, args.out)
    print(f"已生成空白模板：{args.out}")
    return EXIT_OK
