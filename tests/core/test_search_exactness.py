"""The search index's text must stay exactly what it was (a contentless FTS5 entry is removed by
giving the same text again): the faster NFKC and pair set of issue 16 are checked against the
plain definitions on text that exercises every path."""
from __future__ import annotations

import random
import unicodedata

from fazhi_desktop.core import search

SAMPLES = [
    "对区政协六届一次会议第28号提案的答复：（一）加强法治宣传，２０２２年完成１２项。",
    "ＡＢＣ１２３，。（测试）　全角空格", "ﬁ①㈠ｶﾞ Ⅻ 〸 ㍿", "e\u0301 café ǅ ẛ̣", "，\u0301a",
    "\uff0c\u0308", "", "a", "法", "法治 政府", "——“枫桥经验”……", "\\ ] -^ [",
]


def _random_texts(seed: int, count: int) -> list:
    rng = random.Random(seed)
    tricky = "，。（）ＡＢ１２ｶﾞ\u3000\u0301\u0308e测试ﬁ①㈠…—“”、；：a1 "
    texts = ["".join(rng.choice(tricky) for _ in range(60)) for _ in range(count)]
    texts += ["".join(chr(rng.randrange(0x20, 0x30000)) for _ in range(120)) for _ in range(count)]
    return texts


def _plain_index_values(texts) -> tuple:
    runs = [run for text in texts if text
            for run in search._RUN.findall(unicodedata.normalize("NFKC", str(text)).lower())]
    pairs = set()
    for run in runs:
        pairs.update(run[i:i + 2] for i in range(len(run) - 1))
        pairs.add(run[-1])
    return pairs, " ".join(runs)


def test_nfkc_is_unicodedata_nfkc():
    for text in SAMPLES + _random_texts(16, 1500):
        try:
            expected = unicodedata.normalize("NFKC", text)
        except UnicodeError:
            continue
        assert search.nfkc(text) == expected, repr(text)


def test_index_text_is_the_plain_definition():
    for text in SAMPLES + _random_texts(17, 800):
        pairs, trigrams = search._index_values([text, "第二段：" + text[::-1]])
        expected_pairs, expected_trigrams = _plain_index_values([text, "第二段：" + text[::-1]])
        assert set(pairs.split(" ")) - {""} == expected_pairs, repr(text)
        assert trigrams == expected_trigrams, repr(text)
