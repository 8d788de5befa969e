"""Header variants measured on one rendered page: joint issue, downward number, 份号/密级/紧急,
class mark in the corner, several signers two a line."""
from __future__ import annotations

import pytest

from fazhi_desktop.docgen.model import FileHeader, OfficialDocument, Signature
from fazhi_desktop.docgen.render import write_document
from tests import pdfmeasure as M

pytestmark = pytest.mark.slow
CHAR_MM = 16 / M.PT_PER_MM * 0.984


@pytest.fixture(scope="module")
def pages(tmp_path_factory, to_pdf):
    folder = tmp_path_factory.mktemp("headers")
    joint = OfficialDocument(
        title="关于联合开展法治宣传的通知", addressee="各乡（街道）", body=["正文。"],
        header=FileHeader(marks=["中共平顶山市湛河区委员会", "平顶山市湛河区人民政府"],
                          doc_number="湛文〔2022〕5号", copy_number="000123",
                          secrecy="秘密★1年", urgency="特急"),
        corner_mark="A", signature=Signature(["湛河区司法局"], "2022-01-01", sealed=False))
    upward = OfficialDocument(
        title="关于某事的请示", addressee="市司法局", body=["正文。"],
        header=FileHeader(marks=["平顶山市湛河区司法局"], doc_number="平湛司〔2022〕9号",
                          signers=["张毅", "刘明毓", "王某某"]),
        signature=Signature(["湛河区司法局"], "2022-01-01"))
    out = []
    for name, doc in (("joint", joint), ("upward", upward)):
        path = folder / f"{name}.docx"
        write_document(doc, path, check_fonts=False)
        out.append(M.open_pdf(to_pdf(path))[0])
    return out


def test_joint_issue_mark_downward_number_and_top_left_items(pages):
    page = pages[0]
    mark = M.ink_bbox(page, red=True, clip_mm=(0, 50, 210, 110))
    assert abs(mark[1] - 72) < 1.0 and abs((mark[0] + mark[2]) / 2 - 106) < 2
    assert mark[3] - mark[1] > 25  # two names stacked
    lines = M.lines(page)
    number = next(ln for ln in lines if "〔2022〕" in ln.text)
    assert abs((number.x0 + number.x1) / 2 - 106) < 1.0  # downward: centred
    sep = [s for s in M.segments(page) if M.is_red(s[4])][0]
    assert abs(sep[0] - number.baseline - 0.45 - 4) < 1.0
    tops = [ln for ln in lines if ln.text.replace(" ", "") in ("000123", "秘密★1年", "特急")]
    assert [ln.text.replace(" ", "") for ln in tops] == ["000123", "秘密★1年", "特急"]
    assert all(abs(ln.x0 - 28) < 0.6 for ln in tops) and tops[0].baseline < 50
    corner = next(ln for ln in lines if ln.text == "A")
    assert abs(corner.x1 - 184) < 1.0 and corner.baseline < 50


def test_unsealed_signature_follows_its_own_rule(pages):
    lines = M.lines(pages[0])
    name = next(ln for ln in lines if ln.text == "湛河区司法局")
    date = next(ln for ln in lines if ln.text.replace(" ", "") == "2022年1月1日")
    # The date (2022年1月1日, wider than 湛河区司法局 as printed) is two characters from the
    # right; the name is moved left so that the date still starts two characters further in.
    assert abs(date.x1 - (184 - 2 * CHAR_MM)) < 1.0
    assert abs(date.x0 - (name.x0 + 2 * CHAR_MM)) < 1.5


def test_several_signers_two_a_line_aligned_under_the_first_name(pages):
    lines = M.lines(pages[1])
    first = next(ln for ln in lines if "签发人" in ln.text)
    last = next(ln for ln in lines if "〔2022〕" in ln.text)
    assert first.text.endswith("张毅\u3000刘明毓") and last.text.endswith("王某某")
    assert abs(last.baseline - first.baseline - 28.95 / M.PT_PER_MM) < 0.3
    page = pages[1]
    first_name_x = _x_of(page, "张")
    assert abs(_x_of(page, "王") - first_name_x) < 0.5
    assert abs(last.x0 - 28 - CHAR_MM) < 0.6


def _x_of(page, char):
    for block in page.get_text("rawdict")["blocks"]:
        for line in block.get("lines", []):
            for span in line["spans"]:
                for ch in span["chars"]:
                    if ch["c"] == char:
                        return ch["bbox"][0] / M.PT_PER_MM
    raise AssertionError(char)
