"""Many documents in one go: one .docx (and PDF if asked) per record into a folder — replies by
default, or any type of the table (docgen/document_types.py) marked `batch` (再次答复, 征询意见表).

Qt-free; the GUI runs `make_replies` on a worker thread. A record that cannot be made is listed
with the reason and the others go on; a cancel stops between records, so every file in the
folder is whole, and what was made before the cancel stays.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from ..core import records
from ..core.atomic import atomic_output
from ..core.errors import FazhiError
from .filenames import safe_stem, unique_stem


@dataclass
class BatchItem:
    """One record's outcome: the files made, or why none was."""

    record_id: str
    label: str                          # 区政协六届一次会议第28号提案：关于…
    docx: Optional[Path] = None
    pdf: Optional[Path] = None
    problem: Optional[str] = None       # why it failed (Chinese), None when made
    warnings: list = field(default_factory=list)


@dataclass
class BatchResult:
    folder: Path
    total: int
    made: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    cancelled: bool = False
    records_done: int = 0

    @property
    def not_reached(self) -> int:
        """Records left untouched because of a cancel."""
        return self.total - self.records_done

    label: str = "答复件"               # what was made: the document type's label

    def summary(self) -> str:
        """One sentence for the end of the run."""
        text = f"已生成{len(self.made)}份{self.label}"
        if self.failed:
            text += f"，{len(self.failed)}份未能生成"
        if self.cancelled:
            text += f"；已取消，其余{self.not_reached}件未生成"
        return text + "。"

    def report_lines(self) -> list:
        """What was made and what failed and why, one line each (for the list and the CLI)."""
        lines = [self.summary()]
        for item in self.made:
            made = item.docx.name + (f"、{item.pdf.name}" if item.pdf else "")
            lines.append(f"已生成：{made}")
            lines += [f"    提示：{w}" for w in item.warnings]
        for item in self.failed:
            lines.append(f"未生成：{item.label}——{item.problem}")
        return lines


def reply_problem(kind: str, record: dict) -> Optional[str]:
    """Why a record cannot yield a reply before trying, or None."""
    reply = record.get("reply") or {}
    if not str(reply.get("body") or "").strip():
        return "没有答复正文，请先在记录的“答复件”中填写答复正文"
    return None


def reply_filename_stem(kind: str, record: dict, signer: Optional[str] = None) -> str:
    """The reply's own title when the clerk gave one, else 对{session}第{number}号提案的答复
    (with （姓名） for one signer's copy of a co-signed item)."""
    from .replies import default_filename

    name = default_filename(kind, record, signer=signer)
    return safe_stem(name[:-5] if name.lower().endswith(".docx") else name)


def _renderer(document: str):
    def render(registry, kind, record_id, out_path, *, signer=None):
        from .document_types import render_document

        return render_document(registry, document, kind, record_id, out_path, signer=signer)

    return render


def _stem(doc_type, kind: str, record: dict, signer: Optional[str]) -> str:
    if doc_type.name == "reply":
        return reply_filename_stem(kind, record, signer)
    stem = doc_type.filename(kind, record)[:-5]
    return safe_stem(stem + (f"（{signer}）" if signer else ""))


def _make_one(item: BatchItem, registry, kind: str, record: dict, folder: Path, render, *,
              signer: Optional[str], suffixes: tuple, promised: list, doc_type=None,
              profile: Optional[dict] = None) -> None:
    """Render one document into `folder` under a free name; fills item.docx or item.problem."""
    try:
        problems = doc_type.precheck(kind, record, profile or {}) \
            if doc_type is not None and doc_type.precheck is not None else []
        if problems:
            raise FazhiError(problems[0].rstrip("。"))
        stem = unique_stem(folder, _stem(doc_type, kind, record, signer), suffixes,
                           taken=promised)
        target = folder / f"{stem}.docx"
        promised += [folder / f"{stem}{s}" for s in suffixes]
        with atomic_output(target) as temp:  # whole or nothing, whatever the renderer does
            outcome = render(registry, kind, record["id"], temp, signer=signer)
        item.docx = target
        item.warnings = list(getattr(outcome, "warnings", None) or [])
    except FazhiError as exc:
        item.problem = str(exc)
    except Exception as exc:  # an unexpected fault in one record must not stop the others
        item.problem = f"意外错误：{exc}"


PDF_CHUNK = 8  # replies converted per LibreOffice run: fewer start-ups, cancel still prompt


def batch_types(kind: str) -> list:
    """The document types the batch offers for `kind` (the table's `batch` ones)."""
    from .document_types import for_kind

    return [t for t in for_kind(kind) if t.batch]


def make_replies(registry, kind: str, record_ids, folder, *, pdf: bool = False,
                 converter=None, per_signer: bool = False,
                 progress: Optional[Callable] = None, cancelled: Optional[Callable] = None,
                 render: Optional[Callable] = None, document: str = "reply") -> BatchResult:
    """Render each record's document (`document`: a type of the table, the reply by default)
    into `folder`; never raises for one record's problem.

    progress(done, total, text) is called as records are done; cancelled() is asked between
    records and before each PDF run. PDFs (pdf=True, through `converter`, an
    office.converters.Converter) are made PDF_CHUNK replies at a time. per_signer: a co-signed
    (联名) item gets one reply per signer, as the rules have each of them answered.
    """
    from .document_types import get

    doc_type = get(document, kind)  # ValidationError: the type does not apply to the kind
    if not doc_type.batch:
        raise ValueError(f"{document} is not made in batches")
    render = render or _renderer(doc_type.name)
    profile = registry.profile()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    ids = list(record_ids)
    result = BatchResult(folder=folder, total=len(ids), label=doc_type.label)
    promised: list = []
    waiting_pdf: list = []  # made .docx items whose PDF is still to be made
    suffixes = (".docx", ".pdf") if pdf else (".docx",)

    def report(done: int, text: str) -> None:
        if progress is not None:
            progress(done, len(ids), text)

    def make_waiting_pdfs() -> None:
        if not waiting_pdf:
            return
        if cancelled is not None and cancelled():
            for item in waiting_pdf:
                item.warnings.append("已取消，未生成PDF")
        else:
            report(len(result.made) + len(result.failed),
                   f"正在转换PDF（{len(waiting_pdf)}份）……")
            pairs = [(item.docx, item.docx.with_suffix(".pdf")) for item in waiting_pdf]
            for item, outcome in zip(waiting_pdf, converter.to_pdf_many(pairs)):
                if isinstance(outcome, Exception):
                    item.warnings.append(f"PDF未生成：{outcome}")  # the .docx stays, said why
                else:
                    item.pdf = outcome
        waiting_pdf.clear()

    for index, record_id in enumerate(ids):
        if cancelled is not None and cancelled():
            result.cancelled = True
            break
        try:
            record = registry.get(kind, record_id)
        except FazhiError as exc:
            result.failed.append(BatchItem(record_id=record_id, label=str(record_id), problem=str(exc)))
            result.records_done += 1
            report(index + 1, str(record_id))
            continue
        label = f"{records.describe_key(kind, record)}：{record.get('title', '')}"
        authors = list(record.get("authors") or [])
        signers = authors if per_signer and len(authors) > 1 else [None]
        for signer in signers:
            item = BatchItem(record_id=record_id, label=label + (f"（{signer}）" if signer else ""))
            report(index, f"正在生成（{index + 1}/{len(ids)}）：{item.label}")
            _make_one(item, registry, kind, record, folder, render, signer=signer,
                      suffixes=suffixes, promised=promised, doc_type=doc_type, profile=profile)
            if item.problem is None:
                result.made.append(item)
                if pdf and converter is None:
                    item.warnings.append("未找到可转换PDF的办公软件，只生成了Word文档")
                elif pdf:
                    waiting_pdf.append(item)
            else:
                result.failed.append(item)
            if len(waiting_pdf) >= PDF_CHUNK:
                make_waiting_pdfs()
        result.records_done += 1
        report(index + 1, label)
    make_waiting_pdfs()
    return result
