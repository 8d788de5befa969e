"""格式诊断: what in a draft departs from GB/T 9704 and from the clerk's-eye rules, with where.

Qt-free and read-only: the draft is never written. Measures come from GB/T 9704-2012 as the
engine applies them (docgen/layout.py): A4, margins 37/35/28/26 mm (top/bottom/left/right),
title 2号 (22 pt) 小标宋, body 3号 (16 pt) 仿宋, first-level headings 黑体, second-level 楷体,
22 lines a page (a fixed line spacing of about 28.9 pt), two characters' first-line indent.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import heading_level
from .normalise import full_width_punctuation, standard_heading
from .reading import Draft
from .recognise import recognise, role_word

MARGINS_MM = {"top": 37.0, "bottom": 35.0, "left": 28.0, "right": 26.0}
MARGIN_WORDS = {"top": "上", "bottom": "下", "left": "左", "right": "右"}
TITLE_PT, BODY_PT = 22.0, 16.0
LINE_PT = (27.0, 30.0)  # what 22 lines on the 225 mm text block allow, with rounding
FONT_NAMES = {
    "title": ("方正小标宋简体", "方正小标宋_GBK", "方正小标宋", "小标宋", "FZXiaoBiaoSong-B05S",
              "FZXiaoBiaoSong-B05"),
    "body": ("仿宋_GB2312", "仿宋", "仿宋_GB18030", "FangSong", "FangSong_GB2312", "方正仿宋_GBK",
             "方正仿宋简体"),
    "heading1": ("黑体", "SimHei", "方正黑体_GBK", "方正黑体简体"),
    "heading2": ("楷体_GB2312", "楷体", "KaiTi", "KaiTi_GB2312", "方正楷体_GBK", "方正楷体简体"),
}
ROLE_FONT_WORDS = {"title": "方正小标宋简体", "body": "仿宋_GB2312", "heading1": "黑体",
                   "heading2": "楷体_GB2312"}


@dataclass
class Finding:
    where: str
    what: str

    def describe(self) -> str:
        return f"{self.where}：{self.what}"


def _where(block, role: str) -> str:
    head = block.text.strip().replace("\n", " ")[:12]
    return f"第{block.position}段（{role_word(role)}“{head}{'…' if len(block.text) > 12 else ''}”）"


def diagnose(draft: Draft) -> list:
    """Every departure found, in the draft's order; [] for a draft that keeps the rules."""
    findings: list = []
    if draft.margins_mm:
        for side, want in MARGINS_MM.items():
            have = draft.margins_mm.get(side)
            if have is not None and abs(have - want) > 1.0:
                findings.append(Finding("页面设置", f"{MARGIN_WORDS[side]}边距{have:g}毫米，应为{want:g}毫米"))
    labelled = recognise(draft)
    forms: dict = {}
    for item in labelled:
        block, role = item.block, item.role
        if block.kind != "text":
            continue
        text = block.text.strip()
        _, count = full_width_punctuation(text)
        if count:
            findings.append(Finding(_where(block, role), f"有{count}个半角标点夹在中文里，应为全角"))
        if role == "body":
            level = heading_level(standard_heading(text)[0])
            if level:
                forms.setdefault(level, {}).setdefault(_number_form(text), []).append(block)
            if draft.fmt == "docx":
                findings += _look(block, role, level)
        elif role == "title" and draft.fmt == "docx":
            findings += _look(block, role, 0)
        elif role == "date":
            if re.search(r"[〇○零一二三四五六七八九十]", text):
                findings.append(Finding(_where(block, role), "成文日期应使用阿拉伯数字（如2022年8月8日）"))
            elif not re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", re.sub(r"\s+", "", text)):
                findings.append(Finding(_where(block, role), "成文日期应写作“2022年8月8日”的形式"))
    for level, by_form in sorted(forms.items()):
        if len(by_form) > 1:
            described = "、".join(f"“{form}”{len(blocks)}处" for form, blocks in by_form.items())
            first = min((b for blocks in by_form.values() for b in blocks), key=lambda b: b.position)
            findings.append(Finding(f"第{first.position}段起",
                                    f"第{_level_word(level)}层标题序号写法不一：{described}"))
    roles = {item.role for item in labelled}
    if "title" not in roles:
        findings.append(Finding("全文", "没有找到标题"))
    if "date" not in roles:
        findings.append(Finding("全文", "没有找到成文日期"))
    return findings


def _level_word(level: int) -> str:
    return "一二三四"[level - 1]


def _number_form(text: str) -> str:
    """The way a heading's number is written: 一、 / (一) / （一） / 1、 / 1. / 1． / (1) …"""
    found = re.match(r"^([一二三四五六七八九十]+|\d{1,2})\s*([、.．，,])", text)
    if found:
        return ("一" if not found.group(1).isdigit() else "1") + found.group(2)
    found = re.match(r"^([(（])\s*([一二三四五六七八九十]+|\d{1,2})\s*([)）])", text)
    if found:
        number = "一" if not found.group(2).isdigit() else "1"
        return found.group(1) + number + found.group(3)
    return text[:3]


def _look(block, role: str, level: int) -> list:
    style = block.style
    where = _where(block, role)
    found = []
    font_role = "title" if role == "title" else {1: "heading1", 2: "heading2"}.get(level, "body")
    if style.font and not _font_matches(style.font, font_role):
        found.append(Finding(where, f"字体为“{style.font}”，应为“{ROLE_FONT_WORDS[font_role]}”"))
    elif not style.font:
        found.append(Finding(where, f"未指定中文字体，应为“{ROLE_FONT_WORDS[font_role]}”"))
    want_pt = TITLE_PT if role == "title" else BODY_PT
    if style.size_pt and abs(style.size_pt - want_pt) > 0.6:
        found.append(Finding(where, f"字号为{style.size_pt:g}磅，应为{_size_word(want_pt)}（{want_pt:g}磅）"))
    if role == "title" and style.align not in ("center",):
        found.append(Finding(where, "标题应居中"))
    if role == "body":
        if style.first_indent_pt is None or style.first_indent_pt < 20:
            found.append(Finding(where, "段首未缩进两个字"))
        if style.line_spacing_pt is not None and not LINE_PT[0] <= style.line_spacing_pt <= LINE_PT[1]:
            found.append(Finding(where, f"行距{style.line_spacing_pt:g}磅，应约为28.9磅（每页22行）"))
        elif style.line_spacing_multiple is not None:
            found.append(Finding(where, f"行距为{style.line_spacing_multiple:g}倍行距，应为固定值约28.9磅（每页22行）"))
    return found


def _size_word(pt: float) -> str:
    return {22.0: "二号", 16.0: "三号"}.get(pt, f"{pt:g}磅")


def _font_matches(name: str, role: str) -> bool:
    name = name.strip()
    return any(name == known or name.lower() == known.lower() for known in FONT_NAMES[role])
