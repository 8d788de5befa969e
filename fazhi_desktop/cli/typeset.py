"""`typeset INPUT --out OUT.docx`: a colleague's draft set in the red-header format (公文排版);
`typeset INPUT --check`: 格式诊断 only. INPUT may be a folder (then --out is a folder too).
`import-replies FOLDER [--kind K] [--dry-run]`: replies sent in earlier years into the register.

The draft is never changed: the output may not be the draft, and a folder's results may not go
into the folder they come from.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from . import EXIT_FAILED, EXIT_OK, EXIT_REFUSED, open_registry
from .report import add_pdf_argument, pdf_preference, write_pdf_beside


def register(sub) -> None:
    cmd = sub.add_parser("typeset", help="公文排版：把草稿（.docx/.doc/.wps/.txt）排成红头公文格式")
    cmd.add_argument("input", metavar="INPUT", help="草稿文件，或装有草稿的文件夹")
    cmd.add_argument("--out", metavar="OUT.docx", help="保存到的Word文档（INPUT为文件夹时：保存到的文件夹）")
    cmd.add_argument("--format", dest="fmt", choices=("file", "letter", "plain"), default="file",
                     help="file（文件格式，默认）/ letter（信函格式）/ plain（无版头）")
    cmd.add_argument("--number", default="keep", metavar="N|auto|none",
                     help="发文字号：照写的字号（如 平湛司〔2022〕27号）、auto（取本单位下一个字号）、"
                          "none（不编号）；默认沿用草稿中的字号")
    cmd.add_argument("--check", action="store_true", help="只做格式诊断，列出不合规范之处，不生成文件")
    add_pdf_argument(cmd)
    cmd.set_defaults(handler=cmd_typeset)
    register_import_replies(sub)


def cmd_typeset(args) -> int:
    source = Path(args.input)
    if not source.exists():
        print(f"找不到“{source}”。", file=sys.stderr)
        return EXIT_FAILED
    if args.check:
        return _check_all(_drafts_in(source) if source.is_dir() else [source])
    if not args.out:
        print("请用 --out 指定保存位置（只做诊断请用 --check）。", file=sys.stderr)
        return EXIT_REFUSED
    if source.is_dir():
        return _typeset_folder(source, Path(args.out), args)
    out = Path(args.out)
    if out.suffix.lower() != ".docx":
        print(f"保存位置应以 .docx 结尾：{out}", file=sys.stderr)
        return EXIT_REFUSED
    with open_registry(args) as registry:
        status = _typeset_one(registry, source, out, args, verbose=True)
        prefer = pdf_preference(registry)
    if status == EXIT_OK and args.pdf:
        return write_pdf_beside(out, prefer=prefer)
    return status


def _drafts_in(folder: Path) -> list:
    from ..docgen.typeset.reading import SUPPORTED_SUFFIXES

    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                  and not p.name.startswith(("~$", ".~")))  # Word/WPS lock files


def _typeset_one(registry, source: Path, out: Path, args, *, verbose: bool) -> int:
    from ..core.errors import FazhiError, ValidationError
    from ..docgen.typeset.compose import describe, typeset_file

    try:
        result = typeset_file(source, out, registry.profile(), fmt=args.fmt, registry=registry,
                              number=args.number)
    except ValidationError as exc:
        print(f"“{source.name}”未排版：", file=sys.stderr)
        for line in exc.problems:
            print(f"  {line}", file=sys.stderr)
        return EXIT_REFUSED
    except FazhiError as exc:
        print(f"“{source.name}”未排版：{exc}", file=sys.stderr)
        return EXIT_FAILED
    if verbose:
        for line in describe(result):
            print(line)
        for line in result.warnings:
            print(f"提示：{line}", file=sys.stderr)
        print(f"已生成：{result.path}")
    else:
        changes = sum(c.count for c in result.changes)
        print(f"{source.name} → {result.path.name}：标题“{result.parts.title}”，"
              f"正文{sum(1 for b in result.parts.body if b.kind == 'text')}段，改动{changes}处"
              + (f"，{len(result.dropped)}项未带入" if result.dropped else ""))
    return EXIT_OK


def _typeset_folder(folder: Path, out_dir: Path, args) -> int:
    if out_dir.exists() and not out_dir.is_dir():
        print(f"INPUT是文件夹时，--out 也应是文件夹：{out_dir}", file=sys.stderr)
        return EXIT_REFUSED
    if out_dir.resolve() == folder.resolve():
        print("排版结果不能保存到草稿所在的文件夹（草稿从不改动）：请另选一个文件夹。", file=sys.stderr)
        return EXIT_REFUSED
    drafts = _drafts_in(folder)
    if not drafts:
        print(f"文件夹“{folder}”中没有可排版的草稿（.docx/.doc/.wps/.txt）。", file=sys.stderr)
        return EXIT_REFUSED
    out_dir.mkdir(parents=True, exist_ok=True)
    done = refused = 0
    used: set = set()
    with open_registry(args) as registry:
        for source in drafts:
            name = source.stem
            while name.lower() in used:  # 通知.doc and 通知.txt in one folder
                name += f"（{source.suffix.lstrip('.')}）"
            used.add(name.lower())
            status = _typeset_one(registry, source, out_dir / f"{name}.docx", args, verbose=False)
            done += status == EXIT_OK
            refused += status != EXIT_OK
    print(f"共{len(drafts)}份草稿：已排版{done}份" + (f"，未排版{refused}份（原因见上）" if refused else "")
          + f"。保存在：{out_dir}")
    return EXIT_OK if not refused else EXIT_REFUSED


def _check_all(paths: list) -> int:
    from ..core.errors import FazhiError
    from ..docgen.typeset.check import diagnose
    from ..docgen.typeset.reading import read_draft

    if not paths:
        print("没有可诊断的草稿（.docx/.doc/.wps/.txt）。", file=sys.stderr)
        return EXIT_REFUSED
    status = EXIT_OK
    for path in paths:
        with tempfile.TemporaryDirectory(prefix="fazhi-check-") as work:
            try:
                draft = read_draft(path, Path(work))
            except FazhiError as exc:
                print(f"{path.name}：无法读取：{exc}", file=sys.stderr)
                status = EXIT_FAILED
                continue
            findings = diagnose(draft)
        print(f"{path.name}：" + (f"发现{len(findings)}处不合规范" if findings else "未发现不合规范之处"))
        for finding in findings:
            print(f"  {finding.describe()}")
    return status


def register_import_replies(sub) -> None:
    cmd = sub.add_parser("import-replies", help="往年答复件入库：把一个文件夹中的答复件（.docx）导入提案/建议登记簿")
    cmd.add_argument("folder", metavar="FOLDER", help="装有往年答复件（.docx）的文件夹")
    cmd.add_argument("--kind", choices=("proposal", "suggestion"),
                     help="只导入提案（proposal）或建议（suggestion）的答复；默认按标题判断")
    cmd.add_argument("--dry-run", action="store_true", help="只列出识别结果，不写入")
    cmd.set_defaults(handler=cmd_import_replies)


def cmd_import_replies(args) -> int:
    from ..docgen.typeset.past_replies import KIND_WORDS, apply_plan, plan_folder

    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"找不到文件夹“{folder}”。", file=sys.stderr)
        return EXIT_FAILED
    with open_registry(args) as registry:
        plan = plan_folder(registry, folder, kind=args.kind)
        for outcome in plan.readable:
            how = "补入已有记录" if outcome.existing_id else "新增"
            print(f"可导入  {outcome.path.name}：{'，'.join(outcome.recognised)}（{how}）")
        for outcome in plan.unreadable:
            print(f"无法导入  {outcome.path.name}：{'；'.join(outcome.problems)}")
        added = sum(1 for o in plan.readable if not o.existing_id)
        updated = len(plan.readable) - added
        total = len(plan.readable) + len(plan.unreadable)
        summary = (f"共{total}份答复件：可导入{len(plan.readable)}份（新增{added}件，补入已有记录{updated}件）"
                   + (f"，无法导入{len(plan.unreadable)}份" if plan.unreadable else ""))
        if not plan.readable:
            print(summary + "。未写入任何内容。", file=sys.stderr)
            return EXIT_REFUSED
        if args.dry_run:
            print(summary + "。（试运行，未写入）")
            return EXIT_OK
        ids = apply_plan(registry, plan)
        words = "，".join(f"{KIND_WORDS[k]}{len(v)}件" for k, v in ids.items())
        print(summary + f"。已写入：{words}。")
    return EXIT_OK
