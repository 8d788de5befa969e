"""The yearly report on rule-of-law government: an upward 文件-format document (mark, number,
签发人) whose figures come from the registers and whose other parts are marked for the clerk.

Text: docgen.report_text (seeds 001/002/004); figures: core.stats.year_figures; chart:
core.charts.petition_trend_png; layout: the GB/T 9704 engine (docgen.render).
After layout, every 【请填写：…】 is highlighted yellow so the clerk finds what is left to write.

The number: the report is an upward 文件 and takes the next number of the office's series by
default (the CLI's `--number` defaults to it, `--number none` leaves it blank; the dialog shows
it, changeable). The chart: a picture in the running text that does not fit the rest of a page
jumps to the next one and leaves that rest empty, so it is printed as the report's 附件, on a
page of its own before the 版记, the text saying where it is; its title is printed once, as the
附件's title (the picture is drawn without one).

Several offices (a district holding its townships' data packages, issue 15): the figures in the
text are the totals over every office held (core.stats.year_figures), the text says whose data
they include, and a further 附件 gives the per-office table (core.stats.office_table: 受理,
调处成功率, 信访总量 … with the 合计 row that equals the text's figures). With one office the
report is as before.
"""
from __future__ import annotations

import copy
import datetime as _dt
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..core.stats import office_table, offices_held, year_figures
from ..core.stats_text import fmt_percent
from . import report_text
from .model import (AttachmentPage, Colophon, FileHeader, OfficialDocument, Paragraph, Picture,
                    Signature, Table)

CHART_WIDTH_MM = 150.0
CHART_SIZE_IN = (7.5, 4.5)  # 150 x 90 mm on the 附件's page
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


# The per-office 附件: (heading, office_table key, how the value is written); widths in mm (the
# text block is 156 mm), the office's name wrapping inside its cell rather than the figures.
OFFICE_COLUMNS = (
    ("单位", "office", str),
    ("建议提案\n（件）", "items_received", str),
    ("办结率", "items_completion_rate", fmt_percent),
    ("调解受理\n（件）", "mediation_accepted", str),
    ("调处\n成功率", "mediation_success_rate", fmt_percent),
    ("信访总量\n（件）", "petition_channel_total", str),
    ("化解率", "petition_resolved_rate", fmt_percent),
)  # a heading's \n is where it wraps (a cell holds four 小四 characters a line)
OFFICE_WIDTHS_MM = (36, 20, 20, 20, 20, 20, 20)  # 20 mm: four 小四 characters and the margins
OFFICE_TABLE_PT = 12.0  # 小四: seven columns in 156 mm


def office_table_title(year: int) -> str:
    return f"{year}年各单位主要数据"


def office_table_rows(registry, year: int) -> list:
    """The 附件's table: a heading row, one row per office held, then 合计."""
    rows = [[heading for heading, _, _ in OFFICE_COLUMNS]]
    for entry in office_table(registry, year):
        cells = [show(entry[key]) for _, key, show in OFFICE_COLUMNS]
        rows.append(cells[:1] + [(cell, {"align": "center"}) for cell in cells[1:]])
    return rows


def offices_sentence(held: list, authority: str, attachment: str) -> str:
    """Whose data the report's figures include, and where the per-office table is."""
    others = "、".join(o["name"] for o in held if not o["own"])
    if any(o["own"] for o in held):
        whose = f"上述数据含{report_text.we(authority)}及{others}报送的数据"
    else:
        whose = f"上述数据为{others}报送数据的合计"
    return f"{whose}，各单位主要数据见{attachment}。"


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
    body, attachments, pages = [], [], []
    superior = report_text.leaders(addressee)
    held = offices_held(registry)
    several = len(held) > 1
    chart = chart_path is not None
    # 附件 numbers: the chart first (it is referred to first), then the per-office table.
    chart_label = "附件1" if chart and several else "附件"
    table_label = "附件2" if chart and several else "附件"
    for line in report_text.body_lines(figures, authority=profile.get("authority_short") or authority,
                                       superior=superior):
        if line == report_text.CHART_LINE:
            if chart and body:
                reference = report_text.chart_reference(options.year)
                if several:  # "…见附件。" names its number once there are two
                    reference = reference.replace("见附件。", f"见{chart_label}。")
                body[-1] = Paragraph(body[-1].text + reference)
                caption = report_text.chart_caption(options.year)
                attachments.append(caption)
                pages.append(AttachmentPage(label=chart_label, title=caption, body=[
                    Picture(path=chart_path, width_mm=CHART_WIDTH_MM)]))
            if several and body:
                body[-1] = Paragraph(body[-1].text + offices_sentence(
                    held, profile.get("authority_short") or authority, table_label))
                title = office_table_title(options.year)
                attachments.append(title)
                pages.append(AttachmentPage(label=table_label, title=title, body=[
                    Table(rows=office_table_rows(registry, options.year),
                          widths_mm=list(OFFICE_WIDTHS_MM), size_pt=OFFICE_TABLE_PT,
                          row_height_mm=9.0)]))
            continue
        body.append(Paragraph(line))
    seal_image = profile.get("seal_image") if profile.get("seal") == "image" else None
    return OfficialDocument(
        title=report_text.report_title(options.year),
        header=FileHeader(marks=marks, suffix=suffix, doc_number=options.doc_number,
                          signers=signers),
        addressee=addressee,
        body=body,
        attachments=attachments,
        attachment_pages=pages,
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
                                                  size=CHART_SIZE_IN, title=False))
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
