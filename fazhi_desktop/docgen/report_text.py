"""The yearly rule-of-law report's text: the seeds' skeleton (001, 002, 004) with the registers'
figures in the seeds' phrasing, and 【请填写：…】 where only the clerk knows what to write.

Lines follow the reply body's convention ("一、", "（一）" at a line's start mark headings; a
"（一）" heading runs into its paragraph up to the first "。"). Every figure comes from
core.stats.year_figures and is worded with core.stats_text, so it matches `stats --year`.
"""
from __future__ import annotations

from typing import Optional

from ..core.stats_text import fmt_change, fmt_percent, month_span

FILL_OPEN, FILL_CLOSE = "【请填写：", "】"
CHART_LINE = "[[图：信访月度趋势]]"  # where the chart is referred to (it is printed as the 附件)


def fill(hint: str) -> str:
    """A marked gap for the clerk: 【请填写：…】 (highlighted in the document)."""
    return f"{FILL_OPEN}{hint}{FILL_CLOSE}"


def report_title(year: int) -> str:
    return f"关于{year}年度法治政府建设情况的报告"


def we(authority: str) -> str:
    """How the report says "we": 我区 for a district government, 我局 for a bureau, …"""
    name = authority or ""
    if name.endswith(("政府", "管委会", "办事处")):
        # The level is the last place word before 人民政府: 平顶山市湛河区人民政府 is a district
        # (我区), not the city its name starts with; 曹镇乡人民政府 is 我乡.
        places = [(name.rfind(place), place) for place in ("县", "市", "旗", "区", "乡", "镇", "街道")]
        found = max(places)
        return "我" + found[1] if found[0] >= 0 else "我区"
    for tail in ("局", "委", "办", "所", "镇", "乡", "街道", "中心"):
        if name.endswith(tail):
            return "我" + ("街道" if tail == "街道" else tail[-1])
    return "我单位"


# Organs a report is sent to that supervise the government rather than lead it (人大 and 政协):
# "在区委、区政府的坚强领导下", never "在区人大常委会、区政协的坚强领导下".
_NOT_LEADING = ("人大", "人民代表大会", "政协", "政治协商")


def leaders(addressee: str) -> Optional[str]:
    """The organs of the 主送 that lead the office, as the opening names them, or None."""
    import re

    organs = [o.strip() for o in re.split(r"[、，,；;]", (addressee or "").rstrip("：: \u3000"))]
    kept = [o for o in organs if o and not any(word in o for word in _NOT_LEADING)]
    return "、".join(kept) or None


def item_sentence(figures: dict) -> str:
    """'办理人大代表建议67件、政协委员提案126件，办结率100%，满意率均为100%' (seeds 001, 004)."""
    p, s, both = figures["proposal"], figures["suggestion"], figures["items_combined"]
    if not p["received"] and not s["received"]:
        return fill(f"登记簿中没有{figures['year']}年交办的人大代表建议和政协委员提案，请核实后填写办理情况") + "。"
    text = (f"全年办理人大代表建议{s['received']}件、政协委员提案{p['received']}件，"
            f"办结率{fmt_percent(both['completion_rate'])}")
    sat_s, sat_p = s["satisfaction_rate"], p["satisfaction_rate"]
    if sat_s is not None and sat_p is not None:
        if fmt_percent(sat_s) == fmt_percent(sat_p):
            text += f"，满意率均为{fmt_percent(sat_s)}"
        else:
            text += f"，人大代表建议满意率{fmt_percent(sat_s)}、政协委员提案满意率{fmt_percent(sat_p)}"
    elif sat_s is not None:
        text += f"，人大代表建议满意率{fmt_percent(sat_s)}"
    elif sat_p is not None:
        text += f"，政协委员提案满意率{fmt_percent(sat_p)}"
    return text + "。"


def mediation_sentence(figures: dict) -> str:
    """'受理调处各类矛盾纠纷410件，调处成功406件，调处成功率99%' (seed 004)."""
    m = figures["mediation"]
    if not m["accepted"]:
        return fill(f"登记簿中没有{figures['year']}年受理的人民调解案件，请核实后填写调解情况") + "。"
    text = f"全年受理调处各类矛盾纠纷{m['accepted']}件，调处成功{m['success']}件"
    if m["success_rate"] is not None:
        text += f"，调处成功率{fmt_percent(m['success_rate'])}"
    return text + "。"


def petition_sentence(figures: dict) -> str:
    """'信访总量…件，同比下降…；京省市区乡五级信访总量…件，同比下降60.9%' (seed 001)."""
    pet, year = figures["petition"], figures["year"]
    if not pet["months_reported"]:
        return fill(f"{year}年尚未填报信访统计，请在“信访统计”中填报后重新生成，或在此填写信访情况") + "。"
    t, yoy = pet["totals"], pet["yoy"]
    span = ""
    if pet["yoy_months"] and len(pet["yoy_months"]) < 12:
        span = f"（按{month_span(pet['yoy_months'])}同期比较）"

    def with_change(key: str) -> str:
        if yoy[key] is None:
            return ""
        return f"，同比{fmt_change(yoy[key])}"

    text = (f"全年信访总量{t['channel_total']}件{with_change('channel_total')}；"
            f"京省市区乡五级信访总量{t['level_total']}件{with_change('level_total')}{span}")
    if yoy["level_total"] is None or yoy["channel_total"] is None:
        text += fill("上年同期无可比数据，如需写同比请核实后填写")
    if len(pet["months_reported"]) < 12:
        text += f"（{year}年已填报{month_span(pet['months_reported'])}）"
    return text + "。"


def body_lines(figures: dict, *, authority: str, superior: Optional[str] = None) -> list:
    """The report's body, one paragraph per line, from the year's figures."""
    year = figures["year"]
    us = we(authority)
    lead = f"在{superior}的坚强领导下，" if superior else ""
    return [
        f"{year}年，{lead}{us}坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实习近平法治思想，"
        f"{fill('本年度法治政府建设的总体思路和主要目标')}，全面履行法定职能，深入推进依法行政，"
        f"为经济社会高质量发展提供了有力法治保障。现将{us}{year}年度法治政府建设情况报告如下：",
        "一、总体工作完成情况",
        "（一）加强组织领导，统筹推进法治政府建设。"
        + fill("法治政府建设领导机构调整、专题研究部署、年度工作安排等情况"),
        "（二）认真履行推进法治建设第一责任人职责。"
        f"{us}党政主要负责人切实履行推进法治建设第一责任人职责，对法治建设重要工作亲自部署、"
        "重大问题亲自过问、重点环节亲自协调、重要任务亲自督办，"
        + fill("党政主要负责人主持研究法治建设的次数和议题、带头学法述法、督促领导班子其他成员"
               "和下级主要负责人依法履职等情况") + "。",
        "（三）坚持依法科学决策，提升政府公信力和执行力。"
        + fill("重大行政决策程序、行政规范性文件备案审查和清理、政府法律顾问等情况"),
        "（四）严格规范公正文明执法，着力提升执法质效。"
        + fill("行政执法“三项制度”、执法监督、执法人员培训等情况"),
        "（五）强化行政权力制约和监督，自觉接受各方监督。主动接受人大法律监督、工作监督和政协民主监督，"
        + item_sentence(figures) + fill("政务公开、行政复议、行政应诉等情况"),
        "（六）依法化解矛盾纠纷，维护社会和谐稳定。坚持和发展新时代“枫桥经验”，做实做细人民调解工作，"
        + mediation_sentence(figures)
        + "深化信访工作法治化，" + petition_sentence(figures),
        CHART_LINE,
        "（七）加强法治宣传教育，提升领导干部法治思维和依法行政能力。"
        + fill("领导干部学法、公务员和执法人员法治培训、“八五”普法等情况"),
        "二、存在问题及下步打算",
        f"尽管{us}法治政府建设取得了一定成效，但对照法治政府建设的要求和人民群众的新期待，"
        f"还存在一些短板弱项：{fill('存在的主要问题和不足')}。",
        f"下一步，{us}将继续坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实习近平法治思想，"
        f"{fill('下一年度法治政府建设的主要打算和措施')}，为经济社会高质量发展提供坚实法治保障。",
    ]


def chart_caption(year: int) -> str:
    """The chart's one title: the 附件's title (the picture itself carries none)."""
    from ..core.charts import petition_trend_title

    return petition_trend_title(year)


def chart_reference(year: int) -> str:
    """Appended to the petition paragraph where the chart is attached."""
    return f"{year}年各月信访总量与上年对比情况见附件。"
