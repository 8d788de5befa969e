"""The year's figures as the sentences of a yearly report (seeds 001, 002, 004).

"办理人大代表建议67件，政协委员提案126件，办结率100%", "京省市区乡五级信访总量同比下降60.9%":
the same words on the command line, on the statistics page and in the yearly report.
"""
from __future__ import annotations

from typing import Optional

from .records import LEVEL_FIELDS, PETITION_COUNTS, SOURCE

DASH = "—"
LABELS = dict(PETITION_COUNTS)


def fmt_percent(value: Optional[float]) -> str:
    """100.0 -> '100%', 60.9 -> '60.9%', None -> '—' (one decimal, a trailing .0 dropped)."""
    if value is None:
        return DASH
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return text + "%"


def fmt_change(value: Optional[float], *, missing: str = "无可比数据") -> str:
    """-60.9 -> '下降60.9%', 12.5 -> '上升12.5%', 0 -> '持平', None -> '—（无可比数据）'."""
    if value is None:
        return f"{DASH}（{missing}）"
    if value == 0:
        return "持平"
    return ("上升" if value > 0 else "下降") + fmt_percent(abs(value))


def fmt_amount(value) -> str:
    """Yuan with at most two decimals and no trailing zeros: 12000 -> '12000元'."""
    text = f"{float(value or 0):.2f}".rstrip("0").rstrip(".")
    return f"{text}元"


def month_span(months: list) -> str:
    """[1, 2, 3, 5] -> '1—3、5月' (the months a 同期 comparison covers)."""
    if not months:
        return ""
    parts, start, prev = [], months[0], months[0]
    for m in months[1:] + [None]:
        if m is not None and m == prev + 1:
            prev = m
            continue
        parts.append(str(start) if start == prev else f"{start}—{prev}")
        if m is not None:
            start = prev = m
    return "、".join(parts) + "月"


def item_lines(kind_word: str, people_word: str, fig: dict) -> list:
    """The lines for proposals (提案, 委员) or suggestions (建议, 代表)."""
    classes = "、".join(f"{k}类{v}件" for k, v in fig["classes"].items() if v)
    lines = [
        f"{people_word}{kind_word}：交办{fig['received']}件，已答复{fig['replied']}件"
        f"（其中已办结{fig['closed']}件），办结率{fmt_percent(fig['completion_rate'])}",
        f"  满意率{fmt_percent(fig['satisfaction_rate'])}（反馈意见{fig['with_feedback']}件："
        f"满意{fig['satisfied']}件、基本满意{fig['basically_satisfied']}件、"
        f"不满意{fig['unsatisfied']}件）",
        f"  办理结果：{classes or '未标注'}"
        + (f"，未标注{fig['unclassified']}件" if classes and fig["unclassified"] else ""),
        f"  逾期未答复{fig['overdue']}件（截至{fig['as_of']}），超期答复{fig['replied_late']}件",
    ]
    if fig["undated"]:
        lines.append(f"  另有{fig['undated']}件未填交办日期和答复日期，未计入任何年度")
    return lines


def mediation_lines(fig: dict) -> list:
    lines = [
        f"受理调处各类矛盾纠纷{fig['accepted']}件，调处成功{fig['success']}件，"
        f"调处成功率{fmt_percent(fig['success_rate'])}",
        f"  调解不成功{fig['failure']}件，终止调解{fig['terminated']}件，调解中{fig['pending']}件；"
        f"涉及金额{fmt_amount(fig['amount'])}",
    ]
    if fig["by_type"]:
        parts = [f"{t['type']}{t['accepted']}件（成功{t['success']}件）" for t in fig["by_type"]]
        lines.append("  按纠纷类型：" + "、".join(parts))
    sources = [f"{SOURCE[k]}{v}件" for k, v in fig["by_source"].items() if v]
    if sources:
        lines.append("  按纠纷来源：" + "、".join(sources))
    return lines


def petition_lines(fig: dict, year: int) -> list:
    if not fig["months_reported"]:
        return [f"{year}年尚未填报信访统计"]
    t, yoy = fig["totals"], fig["yoy"]
    missing = "上年同期无数据" if not fig["yoy_months"] else "上年同期为0"
    span = ""
    if fig["yoy_months"] and len(fig["yoy_months"]) < 12:
        span = f"（按{month_span(fig['yoy_months'])}同期比较）"
    lines = [
        f"信访总量{t['channel_total']}件（来信{t['letters']}件、来访{t['visits']}件、"
        f"网上信访{t['online']}件、电话{t['phone']}件），同比{fmt_change(yoy['channel_total'], missing=missing)}{span}",
        f"京省市区乡五级信访总量{t['level_total']}件，同比{fmt_change(yoy['level_total'], missing=missing)}{span}",
        "  " + "、".join(f"{LABELS[n]}{t[n]}件" + (f"（同比{fmt_change(yoy[n], missing=missing)}）"
                                                  if fig["yoy_months"] else "")
                         for n in LEVEL_FIELDS),
        f"  集体访{t['group_visits']}批{t['group_visit_persons']}人次，重复信访{t['repeat']}件；"
        f"化解/办结{t['resolved']}件，化解率{fmt_percent(fig['resolved_rate'])}",
    ]
    if len(fig["months_reported"]) < 12:
        lines.append(f"  本年已填报{month_span(fig['months_reported'])}")
    return lines


def report_lines(figures: dict) -> list:
    """All figures of a year, headline sentences first, details indented."""
    year = figures["year"]
    p, s, both = figures["proposal"], figures["suggestion"], figures["items_combined"]
    sat_p, sat_s = fmt_percent(p["satisfaction_rate"]), fmt_percent(s["satisfaction_rate"])
    if p["satisfaction_rate"] is None and s["satisfaction_rate"] is None:
        satisfaction = ""   # no feedback recorded: say nothing rather than "满意率—"
    elif sat_p == sat_s:
        satisfaction = f"，满意率均为{sat_p}"
    else:
        satisfaction = f"，满意率分别为{sat_s}、{sat_p}"
    lines = [
        f"{year}年度统计数据",
        "",
        "一、人大代表建议和政协委员提案",
        f"办理人大代表建议{s['received']}件，政协委员提案{p['received']}件，"
        f"办结率{fmt_percent(both['completion_rate'])}{satisfaction}",
    ]
    lines += item_lines("建议", "人大代表", s)
    lines += item_lines("提案", "政协委员", p)
    lines += ["", "二、人民调解"] + mediation_lines(figures["mediation"])
    lines += ["", "三、信访"] + petition_lines(figures["petition"], year)
    return lines
