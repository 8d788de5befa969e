"""The one table of document types: which documents exist, for which kinds of record, under what
label and file name, made by which builder.

The CLI's `render --document` choices, the GUI's 文书 menus (register toolbar, record editor,
mediation editor) and the batch all read `TYPES`; a new document type is one entry here. A type
asked for a kind it does not apply to is refused with a Chinese message (ValidationError, the
CLI's exit 2) before anything is read, numbered or written.

A type with `full_ids` prints the parties' whole ID numbers (协议书, 申请书 inside the 卷宗; see
README "Personal data in documents"): its file name says so, and every file made is noted in the
操作记录 (`render_document` does both, for the CLI, the GUI and the batch alike).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from ..core import records
from ..core.errors import ValidationError

FULL_ID_MARK = "（含完整身份证号）"


@dataclass(frozen=True)
class DocumentType:
    name: str                 # the CLI's --document value
    label: str                # what the clerk reads: 答复件, 人民调解协议书 …
    kinds: tuple              # the kinds of record it is made from
    builder: Callable         # (registry, kind, record_id, out_path, *, signer=None) -> RenderResult
    stem: Callable            # (kind, record) -> the file name without .docx
    tip: str = ""
    full_ids: bool = False    # prints whole ID numbers
    batch: bool = False       # offered for many records at once
    precheck: Optional[Callable] = None  # (kind, record, profile) -> Chinese problems, [] if none

    def applies_to(self, kind: str) -> bool:
        return kind in self.kinds

    def filename(self, kind: str, record: dict) -> str:
        """The file name a clerk gets, marked when it carries whole ID numbers."""
        from .filenames import safe_stem

        stem = self.stem(kind, record)
        if self.full_ids and carries_ids(record):
            stem = safe_stem(stem, fallback=self.label)[:90] + FULL_ID_MARK
        return safe_stem(stem, fallback=self.label) + ".docx"


def carries_ids(record: dict) -> bool:
    return any(str(p.get("id_number") or "").strip() for p in record.get("parties") or [])


# ----------------------------------------------------------------------------- builders
def _reply(registry, kind, record_id, out_path, *, signer=None):
    from .replies import render_reply

    return render_reply(registry, kind, record_id, out_path, signer=signer)


def _reply_stem(kind, record):
    from .replies import default_filename

    return default_filename(kind, record)[:-5]


def _reply_precheck(kind, record, profile):
    from .batch import reply_problem

    problem = reply_problem(kind, record)
    return [problem] if problem else []


def _second(registry, kind, record_id, out_path, *, signer=None):
    from .second_reply import render_second_reply

    return render_second_reply(registry, kind, record_id, out_path, signer=signer)


def _second_stem(kind, record):
    from .second_reply import second_reply_filename

    return second_reply_filename(kind, record)[:-5]


def _second_precheck(kind, record, profile):
    from .second_reply import second_problems

    return second_problems(kind, record)


def _opinion(registry, kind, record_id, out_path, *, signer=None):
    from .forms import render_opinion_form

    return render_opinion_form(registry, kind, record_id, out_path, signer=signer)


def _opinion_stem(kind, record):
    from .forms import opinion_form_filename

    return opinion_form_filename(kind, record)[:-5]


def _assist(registry, kind, record_id, out_path, *, signer=None):
    from .forms import render_assist_opinion

    return render_assist_opinion(registry, kind, record_id, out_path)


def _assist_stem(kind, record):
    from .forms import assist_opinion_filename

    return assist_opinion_filename(kind, record)[:-5]


def _assist_precheck(kind, record, profile):
    from .forms import assist_problems

    return assist_problems(kind, record, profile)


def _mediation(what):
    def build(registry, kind, record_id, out_path, *, signer=None):
        from .mediation import render_mediation

        return render_mediation(registry, record_id, out_path, what=what)

    return build


def _mediation_stem(what):
    def stem(kind, record):
        from .mediation import DOCUMENTS

        return f"{DOCUMENTS[what]}{record.get('case_number', '')}"

    return stem


ITEM_KINDS = ("proposal", "suggestion")
TYPES = (
    DocumentType("reply", "答复件", ITEM_KINDS, _reply, _reply_stem,
                 "答复委员、代表的正式答复件（红头）", batch=True, precheck=_reply_precheck),
    DocumentType("second-reply", "再次答复", ITEM_KINDS, _second, _second_stem,
                 "对答复不满意的委员、代表的再次答复（满意度为“不满意”时）", batch=True,
                 precheck=_second_precheck),
    DocumentType("opinion-form", "征询意见表", ITEM_KINDS, _opinion, _opinion_stem,
                 "随答复件寄送的征询意见表", batch=True),
    DocumentType("assist", "会办意见", ITEM_KINDS, _assist, _assist_stem,
                 "本单位为会办单位时，致主办单位的会办意见（按会办文号编号）",
                 precheck=_assist_precheck),
    DocumentType("agreement", "人民调解协议书", ("mediation",), _mediation("agreement"),
                 _mediation_stem("agreement"), "当事人签名、调委会盖章的人民调解协议书（含完整身份证号）",
                 full_ids=True),
    DocumentType("case-file", "人民调解卷宗", ("mediation",), _mediation("case_file"),
                 _mediation_stem("case_file"),
                 "封面、目录及卷内各页（申请书、协议书含完整身份证号）", full_ids=True),
)
BY_NAME = {t.name: t for t in TYPES}


def names() -> tuple:
    return tuple(BY_NAME)


def for_kind(kind: str) -> list:
    """The types made from a record of `kind`, in menu order."""
    return [t for t in TYPES if t.applies_to(kind)]


def default_for(kind: str) -> DocumentType:
    found = for_kind(kind)
    if not found:
        raise ValidationError([f"“{records.kind_label(kind)}”没有可生成的文书。"])
    return found[0]


def get(name: Optional[str], kind: str) -> DocumentType:
    """The type `name` for `kind` (None: the kind's first); refused when it does not apply."""
    if name is None:
        return default_for(kind)
    doc_type = BY_NAME.get(name)
    if doc_type is None:
        raise ValidationError([f"没有名为“{name}”的文书类型，可用：{choices_text(kind)}。"])
    if not doc_type.applies_to(kind):
        raise ValidationError([f"“{doc_type.label}”（{name}）不适用于{records.kind_label(kind)}；"
                               f"{records.kind_label(kind)}可生成：{choices_text(kind)}。"])
    return doc_type


def choices_text(kind: str) -> str:
    return "、".join(f"{t.label}（{t.name}）" for t in for_kind(kind)) or "无"


def render_document(registry, name: Optional[str], kind: str, record_id: str, out_path, *,
                    signer: Optional[str] = None):
    """Make one document of type `name` from a record into exactly `out_path`.

    A type that prints whole ID numbers is noted in the 操作记录 once written, and the result
    carries a warning saying so."""
    doc_type = get(name, kind)
    if signer is not None and doc_type.name not in ("reply", "second-reply", "opinion-form"):
        raise ValidationError([f"“{doc_type.label}”不分提出人生成，请去掉 --signer。"])
    result = doc_type.builder(registry, kind, record_id, out_path, signer=signer)
    if doc_type.full_ids:
        note_full_ids(registry, doc_type, kind, record_id, Path(out_path), result)
    return result


def marked_output(registry, doc_type: DocumentType, kind: str, record_id: str, out):
    """The file to write when the clerk names it: a document printing whole ID numbers carries
    （含完整身份证号） in its name even when the chosen name lacks it (issue 20.3), as an unmasked
    ledger does; any other document is written exactly where asked."""
    path = Path(out)
    if not doc_type.full_ids or "含完整身份证号" in path.stem:
        return out
    if not carries_ids(registry.get(kind, record_id)):
        return out
    return path.with_name(f"{path.stem}{FULL_ID_MARK}{path.suffix or '.docx'}")


def note_full_ids(registry, doc_type: DocumentType, kind: str, record_id: str, path: Path,
                  result) -> None:
    """操作记录: this file holds whole ID numbers (issue 20.3)."""
    record = registry.get(kind, record_id)
    if not carries_ids(record):
        return
    registry.note("export", kind=kind, record_id=record_id, detail={
        "text": f"生成{doc_type.label}{record.get('case_number', '')}{FULL_ID_MARK}",
        "path": str(path)})
    if FULL_ID_MARK not in path.name and hasattr(result, "warnings"):
        result.warnings.append(f"该文书含当事人完整身份证号码，请勿随意转发（文件名未注明，"
                               f"建议改名为“{doc_type.filename(kind, record)}”）。")
