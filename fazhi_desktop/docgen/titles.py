"""Breaking a long title into balanced lines that keep words whole (GB/T 9704: 梯形或菱形).

A small word-boundary heuristic, no dictionary library: quoted and bracketed spans (《》“”（）〔〕),
numbers with their measure word (第28号, 2022年) and a list of words common in official titles are
never split; a break between two unknown single characters costs more than one between words.
"""
from __future__ import annotations

import math
import re

from .text import text_width

ONE_LINE_MAX_EM = 16  # a title wider than this is set on two or more lines (seed 000 does)
LINE_MAX_EM = 20  # 2号 characters that fit the 156 mm line

_PAIRS = {"《": "》", "“": "”", "‘": "’", "（": "）", "(": ")", "〔": "〕", "〈": "〉", "[": "]"}
_NUMBER = re.compile(r"第?[0-9０-９.．\-—]+[号年月日件次届个项条期批%]?")
_SESSION = re.compile(r"[区县市省]?(?:政协|人大)?[一二三四五六七八九十]+届[一二三四五六七八九十]+次(?:全体)?会议")
_NO_LINE_START = set("，。、；：？！）》”’〕〉)]%…·")
_NO_LINE_END = set("（《“‘〔〈([")

WORDS = set("""
关于 对于 进一步 加强 推进 全面 深入 开展 做好 建立 健全 完善 实施 落实 贯彻 印发 转发 通知 意见 决定
报告 请示 批复 函 答复 复函 办理 情况 工作 建设 法治 政府 法治政府 依法 行政 执法 司法 司法局 人民
政协 人大 代表 委员 提案 建议 会议 全体 常委会 届 次 区 市 县 乡 镇 街道 社区 村 年度 方案 规划
要点 清单 制度 机制 体系 管理 服务 调解 人民调解 矛盾 纠纷 化解 信访 维护 社会 稳定 安全 发展
示范 创建 考核 评估 监督 检查 公共 法律 法律服务 普法 宣传 教育 治理 基层 乡村 振兴 营商 环境
优化 改革 职能 责任 目标 任务 重点 问题 措施 成效 经验 做法 总结 计划 专项 行动 活动 通报 表彰
批评 处理 办法 规定 细则 条例 实施方案 实施意见 工作方案 工作要点 工作报告 工作情况 有关 相关 事项
中共 委员会 管委会 党工委 人民政府 办公室 党委 政法委 公安 法院 检察院 企业 群众 干部 领导 小组
""".split())
_MAX_WORD = max(len(w) for w in WORDS)


def tokens(title: str) -> list:
    """The title cut into pieces that must stay on one line: (text, is_word) pairs."""
    out, i = [], 0
    while i < len(title):
        ch = title[i]
        if ch in _PAIRS:
            end = title.find(_PAIRS[ch], i + 1)
            # a quoted name longer than a line must break somewhere: inside it, then
            if end > 0 and text_width(title[i:end + 1]) <= LINE_MAX_EM - 2:
                out.append([title[i:end + 1], True])
                i = end + 1
                continue
        m = _SESSION.match(title, i)
        if m:
            out.append([m.group(), True])
            i = m.end()
            continue
        m = _NUMBER.match(title, i)
        if m and any(c.isdigit() for c in m.group()):
            out.append([m.group(), True])
            i = m.end()
            continue
        for size in range(min(_MAX_WORD, len(title) - i), 1, -1):
            if title[i:i + size] in WORDS:
                out.append([title[i:i + size], True])
                i += size
                break
        else:
            out.append([ch, False])
            i += 1
    # Punctuation that may not start a line sticks to the token before it; an opening mark
    # sticks to the token after it.
    merged = []
    for piece in out:
        if merged and (piece[0][0] in _NO_LINE_START or merged[-1][0][-1] in _NO_LINE_END):
            merged[-1] = [merged[-1][0] + piece[0], merged[-1][1] or piece[1]]
        else:
            merged.append(piece)
    return [tuple(p) for p in merged]


def _break_cost(left: tuple, right: tuple) -> float:
    cost = 0.0 if (left[1] or right[1]) else 3.0
    if right[0].startswith("关于") or left[0].endswith(" "):
        cost -= 2.0
    elif right[0].startswith(("对", "第", "的")) or left[0].endswith("的"):
        cost -= 1.0
    if left[0].endswith(("关于", "对")):  # 关于/对 belong with what follows
        cost += 3.0
    return cost


def break_title(title: str) -> list:
    """The title's lines. Manual line breaks (newlines) are honoured as they are."""
    title = title.strip()
    if "\n" in title:
        return [line.strip() for line in title.split("\n") if line.strip()]
    width = text_width(title)
    if width <= ONE_LINE_MAX_EM:
        return [title]
    toks = tokens(title)
    widths = [text_width(t[0]) for t in toks]
    count = max(2, math.ceil(width / LINE_MAX_EM))
    best = None
    for n in (count, count + 1):
        found = _best_split(toks, widths, n, width / n)
        if found and (best is None or found[0] < best[0]):
            best = found
        if best:
            break
    if best is None:  # a single unbreakable piece wider than the line: let Word wrap it
        return [title]
    return ["".join(t[0] for t in toks[a:b]) for a, b in best[1]]


def _best_split(toks, widths, n, target):
    """Dynamic programming over token boundaries: (cost, [(start, end), ...]) or None."""
    count = len(toks)
    prefix = [0.0]
    for w in widths:
        prefix.append(prefix[-1] + w)
    inf = float("inf")
    # cost[k][j]: best cost of the first j tokens in k lines
    cost = [[inf] * (count + 1) for _ in range(n + 1)]
    back = [[0] * (count + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for k in range(1, n + 1):
        for j in range(1, count + 1):
            for i in range(k - 1, j):
                if cost[k - 1][i] == inf:
                    continue
                line = prefix[j] - prefix[i]
                if line > LINE_MAX_EM:
                    continue
                c = cost[k - 1][i] + (line - target) ** 2
                if i > 0:
                    c += 4 * _break_cost(toks[i - 1], toks[i])
                if c < cost[k][j]:
                    cost[k][j], back[k][j] = c, i
    if cost[n][count] == inf:
        return None
    spans, j = [], count
    for k in range(n, 0, -1):
        i = back[k][j]
        spans.append((i, j))
        j = i
    spans.reverse()
    lines = [prefix[b] - prefix[a] for a, b in spans]
    total = cost[n][count]
    # An hourglass (long, short, long) is not a shape GB/T 9704 allows.
    for a, b, c in zip(lines, lines[1:], lines[2:]):
        if b < a and b < c:
            total += 50
    return total, spans
