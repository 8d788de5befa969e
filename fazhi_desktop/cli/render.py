"""`render KIND ID --out FILE.docx [--document TYPE]`: one document made from a record.

The --document choices are the table of document types (docgen/document_types.py); a type that
does not apply to the record's kind is refused (exit 2) before anything is written or numbered.
"""
from __future__ import annotations

import sys

from . import EXIT_OK, EXIT_REFUSED, open_registry
from .outputs import guard_output
from .report import add_pdf_argument, pdf_preference, write_pdf_beside


def _document_help() -> str:
    from ..docgen.document_types import TYPES

    listed = "；".join(f"{t.name}：{t.label}（{'、'.join(_kind_words(t.kinds))}）" for t in TYPES)
    return f"要生成的文书（默认：提案、建议为答复件，人民调解为协议书）。{listed}"


def _kind_words(kinds) -> list:
    from ..core.records import kind_label

    return [kind_label(k) for k in kinds]


def register(sub) -> None:
    from ..docgen.document_types import names

    render = sub.add_parser("render", help="生成文书（答复件、再次答复、征询意见表、会办意见、人民调解协议书、卷宗）")
    render.add_argument("kind", choices=("proposal", "suggestion", "mediation"), metavar="KIND",
                        help="proposal / suggestion / mediation")
    render.add_argument("record_id", metavar="ID", help="记录编号（id）")
    render.add_argument("--out", required=True, metavar="FILE.docx", help="保存到的文件")
    render.add_argument("--signer", metavar="姓名", help="联名提出时，给其中一位提出人的答复")
    render.add_argument("--document", choices=names(), default=None, metavar="TYPE",
                        help=_document_help())
    add_pdf_argument(render)  # --pdf: X.pdf beside X.docx
    render.set_defaults(handler=cmd_render)


def cmd_render(args) -> int:
    from ..core import fonts

    fonts.prefetch(fonts.DEFAULT_FONTS.values())  # fontconfig answers while docgen loads
    from ..core.errors import NotFound
    from ..docgen.document_types import get, marked_output, render_document

    doc_type = get(args.document, args.kind)  # refused (exit 2) before the data file is opened
    guard_output(args, args.out, ".docx", pdf=args.pdf)
    with open_registry(args) as registry:
        try:
            out = marked_output(registry, doc_type, args.kind, args.record_id, args.out)
            if out != args.out:
                guard_output(args, out, ".docx", pdf=args.pdf)
            result = render_document(registry, args.document, args.kind, args.record_id,
                                     out, signer=args.signer)
        except NotFound as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_REFUSED
        prefer = pdf_preference(registry)
    for line in result.warnings:
        print(f"提示：{line}", file=sys.stderr)
    print(str(result.path))
    if args.pdf:
        return write_pdf_beside(result.path, prefer=prefer, plain=True)
    return EXIT_OK
