"""Test documents of a known length: body paragraphs of plain Chinese text whose lines are full.

Each paragraph of k lines has 26 + 28 (k - 1) characters (the first line is indented two), so
every line but none is short, and a page's lines and characters can be counted exactly.
"""
from __future__ import annotations

from fazhi_desktop.docgen.model import (Colophon, FileHeader, LetterHeader, OfficialDocument,
                                        Signature)

FILLER = ("法治政府建设示范创建工作推进落实全面依法治区基层社会治理能力现代化水平持续提升"
          "行政执法规范公正文明人民调解化解矛盾纠纷维护稳定服务群众")


def filler(count: int, start: int = 0) -> str:
    text = (FILLER * (count // len(FILLER) + 2))[start % len(FILLER):]
    return text[:count - 1] + "。"


def paragraphs(total_lines: int, per_paragraph: int = 6) -> list:
    """Paragraphs adding up to `total_lines` full lines."""
    out, done, n = [], 0, 0
    while done < total_lines:
        k = min(per_paragraph, total_lines - done)
        out.append(filler(26 + 28 * (k - 1), start=n * 7))
        done += k
        n += 1
    return out


# Body lines that make a document of this many pages (header, signature and 版记 included);
# found by rendering, and checked by the tests' page count.
BODY_LINES = {("file", 1): 2, ("file", 3): 40, ("file", 30): 635,
              ("letter", 1): 4, ("letter", 3): 44, ("letter", 30): 640}


def sample(fmt: str, pages: int) -> OfficialDocument:
    if fmt == "file":
        header = FileHeader(marks=["平顶山市湛河区司法局文件"], suffix="",
                            doc_number="平湛司〔2022〕26号", signers=["杨晓伟"])
    else:
        header = LetterHeader(mark="平顶山市湛河区司法局", doc_number="平湛司函〔2022〕3号")
    return OfficialDocument(
        title="关于法治政府建设情况的报告", header=header, addressee="区委、区政府",
        body=["\n".join(paragraphs(BODY_LINES[(fmt, pages)]))],
        signature=Signature(["湛河区司法局"], "2022-08-08"),
        colophon=Colophon(cc=["区政协提案委（3份）", "区委区政府督查局（1份）"],
                          printed_by="平顶山市湛河区司法局办公室", printed_date="2022-08-08"))
