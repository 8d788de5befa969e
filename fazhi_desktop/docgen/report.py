"""The yearly report on rule-of-law government: an upward 文件-format document (mark, number,
签发人) whose figures come from the registers and whose other parts are marked for the clerk.

Text: docgen.report_text (seeds 001/002/004); figures: core.stats.year_figures; chart:
core.charts.petition_trend_png; layout: the GB/T 9704 engine (docgen.render).
After layout, every 【请填写：…】 is highlighted yellow so the clerk finds what is left to write.
"""
from __future__ import annotations

import copy
import datetime as _dt
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..core.stats import year_figures
from . import report_text
from .model import Colophon, FileHeader, OfficialDocument, Paragraph, Picture, Signature

CHART_WIDTH_MM = 150.0
CHART_SIZE_IN = (7.5, 3.0)  # 150 x 60 mm on paper: 6 lines of text, leaves room on the page
REPORT_KIND = "report"  # the doc_number table's kind for yearly reports


def report_record_id(year: int) -> str:
    """Whose number it is in the doc_number table: the report of that year."""
    return f"report-{year}"


def issued_number(registry, year: int) -> Optional[str]:
    """The number already handed out to this year's report, or None."""
    from ..core.numbering import format_number

    row = registry.read(
        "SELECT code, year, serial FROM doc_number WHERE kind = ? AND record_id = ? "
        "ORDER BY issued_at DESC LIMIT 1", (REPORT_KIND, report_record_id(year))).fetchone()
    return format_number(*row) if row else None


def proposed_number(registry, year: int, *, issue_year: Optional[int] = None) -> str:
    """The report's number if it has one, else the next free one for the office's code
    (not yet handed out); "" when the profile has no 机关代字."""
    from ..core.numbering import next_doc_number

    number = issued_number(registry, year)
    if number:
        return number
    code = (registry.profile().get("doc_code") or "").strip()
    if not code:
        return ""
    return next_doc_number(registry, code, issue_year or _dt.date.today().year)


def claim_number(registry, number: str, year: int) -> None:
    """Record `number` as this year's report's (ValidationError: malformed or used by another
    document). Generating the same year's report again with its number is not a conflict."""
    from ..core.numbering import record_doc_number

    record_doc_number(registry, number, kind=REPORT_KIND, record_id=report_record_id(year))


def reserve_number(registry, year: int, *, issue_year: int) -> str:
    """This year's report's number, handing out the next free one when it has none."""
    from ..core.errors import ValidationError
    from ..core.numbering import reserve_doc_number

    number = issued_number(registry, year)
    if number:
        return number
    code = (registry.profile().get("doc_code") or "").strip()
    if not code:
        raise ValidationError(["单位设置中未填写机关代字，无法自动编发文字号；请用 --number 指定。"])
    return reserve_doc_number(registry, code, issue_year, kind=REPORT_KIND,
                              record_id=report_record_id(year))


@dataclass
class ReportOptions:
    """What the clerk chooses for this year's report (the rest comes from the profile)."""

    year: int
    doc_number: str = ""
    signers: Optional[list] = None     # None: the profile's signers
    date: Optional[str] = None         # 成文日期, ISO; None: today
    addressee: Optional[str] = None    # None: the profile's report_to


@dataclass
class ReportResult:
    path: Path
    figures: dict
    warnings: list = field(default_factory=list)
    fill_count: int = 0               # 【请填写】 gaps left for the clerk


def _header_marks(profile: dict) -> tuple:
    """(marks, suffix) from the profile's mark text: '…司法局文件' -> (['…司法局'], '文件')."""
    mark = (profile.get("mark_text") or profile.get("authority") or "").strip()
    if mark.endswith("文件") and len(mark) > 2:
        return [mark[:-2]], "文件"
    return [mark], ""


def build_report(registry, options: ReportOptions, *, chart_path=None,
                 figures: Optional[dict] = None) -> OfficialDocument:
    """The report as the engine's document model (no file written)."""
    profile = registry.profile()
    figures = figures or year_figures(registry, options.year)
    authority = profile.get("authority", "")
    addressee = options.addressee if options.addressee is not None else (profile.get("report_to") or "")
    date = options.date or _dt.date.today().isoformat()
    signers = options.signers if options.signers is not None else list(profile.get("signers") or [])
    marks, suffix = _header_marks(profile)
    body = []
    superior = addressee.rstrip("：:") or None
    for line in report_text.body_lines(figures, authority=profile.get("authority_short") or authority,
                                       superior=superior):
        if line == report_text.CHART_LINE:
            if chart_path is not None:
                body.append(Picture(path=chart_path, width_mm=CHART_WIDTH_MM,
                                    caption=report_text.chart_caption(options.year)))
            continue
        body.append(Paragraph(line))
    seal_image = profile.get("seal_image") if profile.get("seal") == "image" else None
    return OfficialDocument(
        title=report_text.report_title(options.year),
        header=FileHeader(marks=marks, suffix=suffix, doc_number=options.doc_number,
                          signers=signers),
        addressee=addressee,
        body=body,
        signature=Signature(names=[profile.get("authority_short") or authority], date=date,
                            sealed=True, seal_image=seal_image),
        colophon=Colophon(printed_by=profile.get("printed_by") or f"{authority}办公室",
                          printed_date=date),
        fonts=dict(profile.get("fonts") or {}) or OfficialDocument(title="").fonts,
    )


def render_report(registry, options: ReportOptions, out_path) -> ReportResult:
    """Write the report to `out_path` (.docx, whole or not at all); figures and warnings back."""
    from ..core.charts import petition_trend_png
    from .render import write_document

    if options.doc_number:
        claim_number(registry, options.doc_number, options.year)  # refused before writing
    figures = year_figures(registry, options.year)
    out_path = Path(out_path)
    with tempfile.TemporaryDirectory(prefix="fazhi-report-") as work:
        chart = None
        if figures["petition"]["months_reported"]:
            chart = Path(work) / "petition_trend.png"
            chart.write_bytes(petition_trend_png(figures["petition"], options.year, dpi=200,
                                                  size=CHART_SIZE_IN))
        document = build_report(registry, options, chart_path=chart, figures=figures)
        outcome = write_document(document, out_path)
    warnings = list(getattr(outcome, "warnings", None) or [])
    fills = highlight_fills(out_path)
    return ReportResult(path=out_path, figures=figures, warnings=warnings, fill_count=fills)


def highlight_fills(path) -> int:
    """Highlight every 【请填写：…】 in the document yellow; returns how many there are.

    A gap may span several runs (the engine splits runs for fonts, e.g. at quotation marks), so
    runs are cut at the gap's edges and every piece inside gets the highlight.
    """
    import docx
    from docx.enum.text import WD_COLOR_INDEX

    from ..core.atomic import atomic_output

    document = docx.Document(str(path))
    count = 0
    for paragraph in document.paragraphs:
        spans = fill_spans(paragraph.text)
        if not spans:
            continue
        count += len(spans)
        offset = 0
        for run in list(paragraph.runs):
            text = run.text
            start, end = offset, offset + len(text)
            offset = end
            cuts = sorted({start, end, *(p for a, b in spans for p in (a, b) if start < p < end)})
            if len(cuts) == 2 and not _inside(spans, start, end):
                continue
            for a, b in zip(cuts, cuts[1:]):
                new = copy.deepcopy(run._r)
                run._r.addprevious(new)
                piece = type(run)(new, paragraph)
                piece.text = text[a - start:b - start]
                if _inside(spans, a, b):
                    piece.font.highlight_color = WD_COLOR_INDEX.YELLOW
            run._r.getparent().remove(run._r)
    with atomic_output(path) as temp:
        document.save(str(temp))
    return count


def fill_spans(text: str) -> list:
    """(start, end) of each 【请填写：…】 in `text`."""
    spans, pos = [], 0
    while True:
        start = text.find(report_text.FILL_OPEN, pos)
        if start < 0:
            return spans
        end = text.find(report_text.FILL_CLOSE, start + len(report_text.FILL_OPEN))
        end = len(text) if end < 0 else end + len(report_text.FILL_CLOSE)
        spans.append((start, end))
        pos = end


def _inside(spans, a: int, b: int) -> bool:
    return any(s <= a and b <= e for s, e in spans)
