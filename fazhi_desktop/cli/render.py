"""`render proposal|suggestion ID --out FILE.docx`: the reply (or opinion form, 会办意见) as Word."""
from __future__ import annotations

import sys

from . import EXIT_OK, EXIT_REFUSED, open_registry
from .outputs import guard_output
from .report import add_pdf_argument, pdf_preference, write_pdf_beside

DOCUMENTS = {"reply": "答复件", "opinion-form": "征询意见表", "assist": "会办意见",
             "case-file": "人民调解卷宗（mediation）"}  # mediation: the agreement, or case-file


def register(sub) -> None:
    render = sub.add_parser("render", help="生成答复件（Word文档）")
    render.add_argument("kind", choices=("proposal", "suggestion", "mediation"), metavar="KIND",
                        help="proposal / suggestion / mediation（人民调解协议书）")
    render.add_argument("record_id", metavar="ID", help="记录编号（id）")
    render.add_argument("--out", required=True, metavar="FILE.docx", help="保存到的文件")
    render.add_argument("--signer", metavar="姓名", help="联名提出时，给其中一位提出人的答复")
    render.add_argument("--document", choices=tuple(DOCUMENTS), default="reply",
                        help="reply（答复件，默认）/ opinion-form（征询意见表）/ assist（会办意见）")
    add_pdf_argument(render)  # --pdf: X.pdf beside X.docx
    render.set_defaults(handler=cmd_render)


def cmd_render(args) -> int:
    from ..core.errors import NotFound

    guard_output(args, args.out, ".docx", pdf=args.pdf)
    with open_registry(args) as registry:
        try:
            result = _render(registry, args)
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


def _render(registry, args):
    if args.kind == "mediation":  # docgen/mediation.py: the agreement, or --document case-file
        from ..docgen.mediation import render_from_cli

        return render_from_cli(registry, args)
    if args.document == "opinion-form":
        from ..docgen.forms import render_opinion_form

        return render_opinion_form(registry, args.kind, args.record_id, args.out,
                                   signer=args.signer)
    if args.document == "assist":
        from ..docgen.forms import render_assist_opinion

        return render_assist_opinion(registry, args.kind, args.record_id, args.out)
    from ..docgen.replies import render_reply

    return render_reply(registry, args.kind, args.record_id, args.out, signer=args.signer)
