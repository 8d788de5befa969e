"""Charts of the year's figures as PNG bytes (matplotlib, Agg), for the statistics page and reports.

Qt-free on purpose: the page shows the same picture that the yearly report embeds and that a
clerk saves as PNG. matplotlib is imported only when a chart is drawn (it takes ~0.3 s), and
Chinese labels use the first installed CJK font of a list covering Windows, UOS/Kylin and Linux.

matplotlib reads only the first face of a .ttc collection: older releases (3.9, the last line for
Python 3.9 in the Debian 11 build) see Debian's Noto CJK collection as "Noto Sans CJK JP" alone.
Every regional Noto/Source Han CJK face carries the full set of Chinese characters, so those
names are accepted after the Simplified ones. With no CJK font at all the charts are still drawn
(plain labels in the default font, the Chinese characters then missing) rather than failing: the
statistics page and the yearly report must open on any PC.
"""
from __future__ import annotations

import io
import math
from pathlib import Path
from typing import Optional

# Preferred CJK fonts, most common first: Windows, then domestic Linux desktops, then Noto/WQY.
CJK_FONTS = ("Microsoft YaHei", "SimHei", "DengXian", "Noto Sans CJK SC", "Source Han Sans SC",
             "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Noto Serif CJK SC", "SimSun", "FangSong")
# Pan-CJK families under their other regional names (all hold every Chinese character), for a
# matplotlib that lists only the first face of a collection; Simplified Chinese's neighbours first.
REGIONAL_CJK_FONTS = tuple(f"{family} {region}"
                           for family in ("Noto Sans CJK", "Source Han Sans", "Noto Serif CJK",
                                          "Source Han Serif")
                           for region in ("SC", "TC", "HK", "JP", "KR"))

_THIS_YEAR_COLOUR = "#c0282d"   # the red of the red-header documents
_LAST_YEAR_COLOUR = "#7f8c99"
_SUCCESS_COLOUR = "#2e7d5b"


def installed_font_names() -> set:
    """The family names matplotlib can draw with."""
    from matplotlib import font_manager

    return {f.name for f in font_manager.fontManager.ttflist}


def cjk_font() -> Optional[str]:
    """The name of an installed font that has Chinese glyphs, or None."""
    installed = installed_font_names()
    for name in CJK_FONTS + REGIONAL_CJK_FONTS:
        if name in installed:
            return name
    return None


def _font(rc):
    """The labels' font as FontProperties. A family list, never a bare string: matplotlib reads a
    lone string as a fontconfig pattern, and "sans-serif" (no CJK font) is not a valid one."""
    from matplotlib.font_manager import FontProperties

    return FontProperties(family=list(rc["font.family"]))


def _figure(width: float, height: float):
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    font = cjk_font()
    rc = {"font.family": [font] if font else ["sans-serif"], "axes.unicode_minus": False,
          "font.size": 10}
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(width, height), dpi=100)
        FigureCanvasAgg(fig)
        ax = fig.add_subplot(1, 1, 1)
    return fig, ax, rc


def _png(fig, rc, dpi: int) -> bytes:
    import matplotlib

    import warnings

    buffer = io.BytesIO()
    with matplotlib.rc_context(rc), warnings.catch_warnings():
        if rc["font.family"] == ["sans-serif"]:  # no CJK font: the missing glyphs are expected
            warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font")
        fig.tight_layout()
        fig.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()


def _style(ax, rc) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="y", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
    font = rc["font.family"][0]
    for label in ax.get_xticklabels() + ax.get_yticklabels():
        label.set_fontfamily(font)


def petition_trend_title(year: int, measure: str = "channel_total") -> str:
    what = "信访总量" if measure == "channel_total" else "五级信访总量"
    return f"{year}年{what}月度趋势（与上年对比）"


def petition_trend_png(petition: dict, year: int, *, measure: str = "channel_total",
                       dpi: int = 120, size=(7.5, 3.6), title: bool = True) -> bytes:
    """Monthly petitions this year against last year (petition = core.stats.petition_figures).

    measure: 'channel_total' (信访总量, 来信+来访+网上+电话) or 'level_total' (五级信访总量).
    Months without a report are gaps, not zeros. title=False: the document around the picture
    prints the title itself (the yearly report), so it is not printed twice.
    """
    fig, ax, rc = _figure(*size)
    last_key = "last_year_" + measure
    months = list(range(1, 13))
    this_year = [m[measure] if m[measure] is not None else math.nan for m in petition["monthly"]]
    last_year = [m[last_key] if m[last_key] is not None else math.nan for m in petition["monthly"]]
    font = rc["font.family"][0]
    no_last_year = all(math.isnan(v) for v in last_year)
    ax.plot(months, last_year, color=_LAST_YEAR_COLOUR, linestyle="--", marker="o",
            markersize=4, label=f"{year - 1}年" + ("（无数据）" if no_last_year else ""))
    ax.plot(months, this_year, color=_THIS_YEAR_COLOUR, marker="o", markersize=5,
            linewidth=2, label=f"{year}年")
    ax.set_xticks(months)
    ax.set_xticklabels([f"{m}月" for m in months])
    ax.set_xlim(0.5, 12.5)
    values = [v for v in this_year + last_year if not math.isnan(v)]
    # headroom above the top point for the legend, which goes where it covers no line
    ax.set_ylim(0, max(values + [0]) * 1.3 + 1)
    ax.set_ylabel("件数", fontfamily=font)
    if title:
        ax.set_title(petition_trend_title(year, measure), fontfamily=font, fontsize=12)
    ax.legend(prop=_font(rc), frameon=False, loc="best")
    ax.yaxis.get_major_locator().set_params(integer=True)
    _style(ax, rc)
    return _png(fig, rc, dpi)


def mediation_by_type_png(mediation: dict, year: int, *, dpi: int = 120,
                          size=(7.5, 3.6)) -> bytes:
    """Cases accepted per dispute type, with the successful ones (mediation_figures)."""
    fig, ax, rc = _figure(*size)
    font = rc["font.family"][0]
    types = mediation["by_type"]
    names = [t["type"] for t in types]
    positions = list(range(len(names)))
    ax.barh(positions, [t["accepted"] for t in types], color="#e8c4c5", label="受理")
    ax.barh(positions, [t["success"] for t in types], height=0.45, color=_SUCCESS_COLOUR,
            label="调解成功")
    for y, t in zip(positions, types):
        ax.text(t["accepted"], y, f" {t['accepted']}", va="center", fontfamily=font, fontsize=9)
    ax.set_yticks(positions)
    ax.set_yticklabels(names)
    ax.invert_yaxis()
    ax.set_xlabel("件数", fontfamily=font)
    ax.set_title(f"{year}年人民调解案件（按纠纷类型）", fontfamily=font, fontsize=12)
    if names:
        ax.set_xlim(0, max(t["accepted"] for t in types) * 1.12 + 1)  # room for the labels
        ax.legend(prop=_font(rc), frameon=False, loc="upper left",
                  bbox_to_anchor=(1.0, 1.0))
        ax.xaxis.get_major_locator().set_params(integer=True)
    else:
        ax.text(0.5, 0.5, "本年度无调解案件", transform=ax.transAxes, ha="center",
                va="center", fontfamily=font, color="#888888")
        ax.set_xticks([])
        ax.set_yticks([])
    ax.grid(axis="x", color="#dddddd", linewidth=0.8)
    _style(ax, rc)
    ax.grid(axis="y", visible=False)
    return _png(fig, rc, dpi)


def save_png(data: bytes, path) -> Path:
    """Write a chart to a file, whole or not at all."""
    from .atomic import atomic_output

    path = Path(path)
    with atomic_output(path) as temp:
        temp.write_bytes(data)
    return path
