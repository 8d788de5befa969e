"""`report --year YYYY --out FILE.docx [--pdf]`: the yearly rule-of-law report's draft.

Also home of the `--pdf` option that `render` shares: the PDF is written beside the .docx by the
office suite found on the machine (office.converters).
"""
from __future__ import annotations

import datetime as _dt
import sys
from pathlib import Path

from . import EXIT_FAILED, open_registry, year_argument
from .outputs import guard_output


def add_pdf_argument(parser) -> None:
    parser.add_argument("--pdf", action="store_true",
                        help="同时在Word文档旁生成同名PDF（使用本机的LibreOffice、WPS或Word）")


def pdf_preference(registry):
    """The converter the clerk chose in settings (None: the platform's best)."""
    from ..office.converters import SETTING_KEY

    return registry.setting(SETTING_KEY)


def write_pdf_beside(docx_path, *, prefer=None, plain: bool = False) -> int:
    """Convert `docx_path` to X.pdf beside it and print the outcome; an exit status.

    plain: print only the PDF's path (as `render` prints only the .docx's path).
    """
    from ..core.errors import FazhiError
    from ..office import converters

    converter = converters.find_converter(prefer)
    if converter is None:
        print(f"Word文档已生成，但未生成PDF：{converters.NONE_FOUND}", file=sys.stderr)
        return EXIT_FAILED
    try:
        pdf = converter.to_pdf(docx_path)
    except FazhiError as exc:
        print(f"Word文档已生成，但未生成PDF：{exc}", file=sys.stderr)
        return EXIT_FAILED
    print(str(pdf) if plain else f"已生成PDF：{pdf}（{converter.display_name}）")
    return 0


def register(sub) -> None:
    cmd = sub.add_parser("report", help="生成年度法治政府建设情况报告（上行文，数据取自各登记簿）")
    cmd.add_argument("--year", type=year_argument, required=True, metavar="YYYY", help="报告年度，如2022")
    cmd.add_argument("--out", required=True, metavar="FILE.docx", help="输出的Word文档")
    cmd.add_argument("--number", default="", metavar="发文字号",
                     help="如 平湛司〔2023〕3号；auto：自动编下一个号（同一年度的报告再次生成时沿用原号）")
    cmd.add_argument("--signer", action="append", default=None, metavar="姓名",
                     help="签发人（可重复；默认取单位设置中的签发人）")
    cmd.add_argument("--date", default=None, metavar="YYYY-MM-DD", help="成文日期（默认今天）")
    cmd.add_argument("--to", default=None, metavar="主送机关", help="默认取单位设置中的年度报告主送机关")
    add_pdf_argument(cmd)
    cmd.set_defaults(handler=cmd_report)


def cmd_report(args) -> int:
    from ..core.errors import ValidationError
    from ..docgen.report import ReportOptions, render_report, reserve_number

    problems = []
    if args.date:
        try:
            _dt.date.fromisoformat(args.date)
        except ValueError:
            problems.append(f"成文日期“{args.date}”无效，应为YYYY-MM-DD，如2023-01-15")
    out = Path(args.out)
    if args.number and args.number != "auto":
        from ..core.numbering import format_problems

        problems += format_problems(args.number)
    if problems:
        raise ValidationError(problems)
    guard_output(args, args.out, ".docx", pdf=args.pdf)
    options = ReportOptions(year=args.year, doc_number=args.number, signers=args.signer,
                            date=args.date, addressee=args.to)
    with open_registry(args) as registry:
        if not registry.has_profile():
            raise ValidationError(["尚未填写单位设置（发文机关、主送机关等），"
                                   "请先用 profile 命令或在程序的“设置”中填写"])
        if args.number == "auto":
            issue_year = int((args.date or _dt.date.today().isoformat())[:4])
            options.doc_number = reserve_number(registry, args.year, issue_year=issue_year)
        result = render_report(registry, options, out)
        print(f"已生成：{result.path}")
        if not options.doc_number:
            print("未填写发文字号（可用 --number 指定，或 --number auto 自动编号）。")
        if result.fill_count:
            print(f"文中有{result.fill_count}处“【请填写：…】”（黄色底纹）需要补充，其余数据取自登记簿。")
        for warning in result.warnings:
            print(f"提示：{warning}")
        prefer = pdf_preference(registry)
    if args.pdf:
        return write_pdf_beside(out, prefer=prefer)
    return 0
