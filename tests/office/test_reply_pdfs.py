"""Replies to a proposal and to a suggestion, made by 批量生成 with PDF, read as printed.

Two LibreOffice conversions for the module (one per document kind), each checked for its pages
and text.
"""
from __future__ import annotations

import copy

import pytest

from fazhi_desktop.docgen.batch import make_replies
from fazhi_desktop.office.converters import find_converter

from .pdfutil import body_text, page_count, page_size_mm, page_texts

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    import json

    from fazhi_desktop.core.registry import Registry
    from tests.conftest import FIXTURES

    folder = tmp_path_factory.mktemp("replies")
    proposal = json.loads((FIXTURES / "seed000_proposal.json").read_text("utf-8"))
    suggestion = copy.deepcopy(proposal)
    suggestion.update(session="区人大十届一次会议", number=5, authors=["李建华"])
    suggestion["reply"].update(addressee="李建华代表", doc_number="平湛司〔2022〕31号",
                               cc=["区人大常委会选联工委（3份）"])
    outcome = {}
    with Registry.open(folder / "office.sqlite3") as registry:
        registry.set_profile(json.loads((FIXTURES / "seed000_profile.json").read_text("utf-8")))
        for kind, record in (("proposal", proposal), ("suggestion", suggestion)):
            record_id = registry.save(kind, record)["id"]
            result = make_replies(registry, kind, [record_id], folder / kind, pdf=True,
                                  converter=find_converter("libreoffice"))
            assert not result.failed, result.report_lines()
            outcome[kind] = result.made[0]
    return outcome


@pytest.mark.parametrize("kind, title, addressee", [
    ("proposal", "对区政协六届一次会议第28号提案的答复", "胡校丽委员："),
    ("suggestion", "对区人大十届一次会议第5号建议的答复", "李建华代表："),
])
def test_reply_pdf_has_the_reply_on_a4_pages(made, kind, title, addressee):
    item = made[kind]
    assert item.pdf is not None and item.pdf.exists() and item.pdf.with_suffix(".docx") == item.docx
    assert page_size_mm(item.pdf) == (210, 297)
    pages = page_count(item.pdf)
    assert pages >= 3  # seed 000's body fills several pages
    text = body_text(item.pdf)
    assert title in text and addressee in text
    assert "一、关于“对法治政府建设意义认识不足”的问题" in text
    assert "联系人：王丙寅" in text
    # the 印发 line closes the last page
    assert "印发" in page_texts(item.pdf)[-1]
