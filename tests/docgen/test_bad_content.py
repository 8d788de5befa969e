"""Bad content never breaks a document: control characters removed, empty elements refused."""
from __future__ import annotations

import docx
import pytest

from fazhi_desktop.core.errors import ValidationError
from fazhi_desktop.docgen.model import OfficialDocument, Signature
from fazhi_desktop.docgen.render import write_document
from fazhi_desktop.docgen.replies import build_reply, render_reply


def _doc(**kw):
    base = dict(title="关于某事的报告", addressee="区委", body=["正文一段。"],
                signature=Signature(["湛河区司法局"], "2022-08-08"))
    base.update(kw)
    return OfficialDocument(**base)


def test_control_characters_are_removed_with_a_warning(tmp_path):
    out = tmp_path / "a.docx"
    result = write_document(_doc(body=["正文\x00有\x07控制\x1b字符。"], title="标题\x0b"), out,
                            check_fonts=False)
    assert any("控制字符" in w and "正文" in w for w in result.warnings)
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "正文有控制字符。" in text


@pytest.mark.parametrize("field, name", [("title", "标题"), ("addressee", "主送机关")])
def test_empty_required_element_is_refused_by_name(tmp_path, field, name):
    out = tmp_path / "b.docx"
    with pytest.raises(ValidationError) as info:
        write_document(_doc(**{field: "  "}), out)
    assert name in str(info.value)
    assert not out.exists()


def test_missing_date_is_refused_by_name(tmp_path):
    with pytest.raises(ValidationError, match="成文日期"):
        write_document(_doc(signature=Signature(["湛河区司法局"], "")), tmp_path / "c.docx")


def test_reply_without_body_is_refused(seed_proposal, seed_profile):
    seed_proposal["reply"]["body"] = " \n "
    with pytest.raises(ValidationError, match="答复正文"):
        build_reply("proposal", seed_proposal, seed_profile)


def test_reply_defaults_and_overrides(seed_proposal, seed_profile):
    reply = seed_proposal["reply"]
    for key in ("addressee", "printed_by", "printed_date", "cc"):
        reply.pop(key)
    seed_profile.pop("printed_by")
    doc, _ = build_reply("proposal", seed_proposal, seed_profile)
    assert doc.addressee == "胡校丽委员"
    assert doc.colophon.printed_by == "平顶山市湛河区司法局办公室"  # authority + 办公室
    assert doc.colophon.printed_date == "2022-08-08"  # the reply's date
    assert doc.colophon.cc == seed_profile["cc"]["proposal"]
    reply.update(title="关于加强法治政府建设提案的复函", opening="您好！您的提案收悉。")
    doc, _ = build_reply("proposal", seed_proposal, seed_profile)
    assert doc.title == "关于加强法治政府建设提案的复函" and doc.body[0] == "您好！您的提案收悉。"
    seed_profile.update(class_mark="corner", reply_format="letter")
    doc, _ = build_reply("suggestion", dict(seed_proposal, authors=["王某", "李某"]), seed_profile,
                         signer="李某")
    assert doc.corner_mark == "A" and not doc.above_title
    assert doc.addressee == "李某代表"
    assert doc.header.mark == "平顶山市湛河区司法局"  # 信函: no 文件


def test_co_signed_item_gets_one_reply_per_signer(registry, seed_proposal, seed_profile, tmp_path):
    from fazhi_desktop.docgen.replies import render_replies_per_signer

    registry.set_profile(seed_profile)
    seed_proposal["authors"] = ["胡校丽", "张某"]
    seed_proposal["reply"].pop("addressee")
    saved = registry.save("proposal", seed_proposal)
    results = render_replies_per_signer(registry, "proposal", saved["id"], tmp_path)
    assert [r.path.name for r in results] == [
        "对区政协六届一次会议第28号提案的答复（胡校丽）.docx",
        "对区政协六届一次会议第28号提案的答复（张某）.docx"]
    texts = ["\n".join(p.text for p in docx.Document(str(r.path)).paragraphs) for r in results]
    assert "胡校丽委员：" in texts[0] and "张某委员：" in texts[1]


def test_opinion_form_and_assist_opinion_with_its_own_numbers(registry, seed_proposal,
                                                              seed_profile, tmp_path):
    from fazhi_desktop.docgen.forms import render_assist_opinion, render_opinion_form

    registry.set_profile(seed_profile)
    saved = registry.save("proposal", seed_proposal)
    form = render_opinion_form(registry, "proposal", saved["id"], tmp_path / "form.docx")
    text = "\n".join(c.text for t in docx.Document(str(form.path)).tables for r in t.rows
                     for c in r.cells)
    assert "□满意" in text and "关于加强法治政府建设" in text
    # a 会办意见 exists only where the office assists another lead unit (issue 13.3); its
    # number's year is the year of its date
    saved = registry.save("proposal", dict(
        saved, lead_unit="湛河区住房和城乡建设局", co_units=["湛河区司法局"],
        assist={"body": "我局同意主办单位的办理意见。", "date": "2022-06-15"}))
    first = render_assist_opinion(registry, "proposal", saved["id"], tmp_path / "a1.docx")
    render_assist_opinion(registry, "proposal", saved["id"], tmp_path / "a2.docx")
    numbers = ["\n".join(p.text for p in docx.Document(str(tmp_path / n)).paragraphs)
               for n in ("a1.docx", "a2.docx")]
    assert first.path.exists()
    # made again (a correction): the same number, none wasted; the next one is 2
    assert "平湛司会〔2022〕1号" in numbers[0] and "平湛司会〔2022〕1号" in numbers[1]
    from fazhi_desktop.core.numbering import next_doc_number

    assert next_doc_number(registry, "平湛司会", 2022) == "平湛司会〔2022〕2号"


def test_electronic_seal_is_placed_over_name_and_date(registry, seed_proposal, seed_profile,
                                                      tmp_path):
    import fitz

    seal = tmp_path / "seal.png"
    page = fitz.open().new_page(width=100, height=100)
    page.draw_circle((50, 50), 45, color=(1, 0, 0), width=4)
    page.get_pixmap(alpha=True).save(str(seal))
    registry.set_profile(dict(seed_profile, seal="image", seal_image=str(seal)))
    saved = registry.save("proposal", seed_proposal)
    result = render_reply(registry, "proposal", saved["id"], tmp_path / "r.docx")
    document = docx.Document(str(result.path))
    name = next(p for p in document.paragraphs if p.text == "湛河区司法局")
    assert name._p.xpath(".//pic:pic")  # the seal floats from the name's paragraph
    assert any(rel.reltype.endswith("/image") for rel in document.part.rels.values())


def test_missing_seal_image_leaves_room_for_a_hand_stamp_with_a_warning(seed_proposal,
                                                                       seed_profile):
    profile = dict(seed_profile, seal="image", seal_image="/no/such/seal.png")
    doc, warnings = build_reply("proposal", seed_proposal, profile)
    assert doc.signature.seal_image is None and doc.signature.sealed
    assert any("电子印章" in w for w in warnings)
