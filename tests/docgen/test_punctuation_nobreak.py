"""Half-width punctuation in Chinese text is set full-width, and the spans that must stay on one
line are found (issue 13, 2). The rendered effect is measured in test_every_document.py."""
from __future__ import annotations

import pytest

from fazhi_desktop.docgen import nobreak
from fazhi_desktop.docgen.composer import Composer
from fazhi_desktop.docgen.punctuation import fullwidth

CONVERTED = [
    ("经研究,现答复如下:", "经研究，现答复如下：", 2),
    ("是否满意?请填写!", "是否满意？请填写！", 2),
    ("王丙寅;李四", "王丙寅；李四", 1),
    ("区政协提案委(3份)", "区政协提案委（3份）", 2),
    ("调解 (一) 情况", "调解（一）情况", 2),
    ("使用(WPS)软件", "使用（WPS）软件", 2),
    ("会议时间:9:30,地点:三楼", "会议时间：9:30，地点：三楼", 3),
    ("详见http://www.gov.cn/a?b=1,谢谢", "详见http://www.gov.cn/a?b=1，谢谢", 1),
]
UNTOUCHED = ["共1,000元", "f(x) = 2", "Hello, world!", "平湛司(2022)26号", "(2022)湛调字第15号",
             "9:30", "http://www.gov.cn/a?b=1", "（一）已经全角，无需改动。"]


@pytest.mark.parametrize("text,expected,count", CONVERTED)
def test_half_width_marks_between_chinese_become_full_width(text, expected, count):
    assert fullwidth(text) == (expected, count)


@pytest.mark.parametrize("text", UNTOUCHED)
def test_digits_latin_urls_times_and_numbers_are_left_alone(text):
    assert fullwidth(text) == (text, 0)


def test_the_documents_warnings_say_how_many_marks_were_changed(tmp_path):
    c = Composer()
    c.paragraph("经研究,现答复如下:")
    c.paragraph("时间9:30,地点(三楼)。")
    c.save(tmp_path / "x.docx")
    assert any("5个半角标点" in w for w in c.warnings), c.warnings


def test_a_document_without_half_width_marks_has_no_such_warning(tmp_path):
    c = Composer()
    c.paragraph("经研究，现答复如下：")
    c.save(tmp_path / "x.docx")
    assert not any("半角标点" in w for w in c.warnings)


@pytest.mark.parametrize("text,span", [
    ("依据平湛司〔2022〕26号文件", "平湛司〔2022〕26号"),
    ("卷号（2022）湛调字第15号。", "（2022）湛调字第15号"),
    ("区政协提案委（1份），", "（1份）"),
    ("于2022年8月8日前", "2022年8月8日"),
    ("单位有28个", "28个"),
    ("人员518人", "518人"),
    ("第15号提案", "第15号"),
    ("电话：0375-2818989。", "0375-2818989"),
    ("联系人：王丙寅，电话", "王丙寅"),
    ("增长99.5%。", "99.5%"),
    ("联系电话138****2345，", "138****2345"),
    ("身份证号码1101**********002X，", "1101**********002X"),
])
def test_spans_that_must_stay_on_one_line_are_found(text, span):
    found = [text[a:b] for a, b in nobreak.spans(text)]
    assert any(span in piece for piece in found), found  # the span, perhaps with a neighbour


def test_joined_span_prints_the_same_characters():
    joined = nobreak.join("2022年8月8日")
    assert nobreak.visible(joined) == "2022年8月8日"
    assert nobreak.WJ in joined and "20" + nobreak.WJ not in joined  # none between digits
