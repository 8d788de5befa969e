"""The recogniser labels the parts of a draft the way a clerk reads them."""
from __future__ import annotations

from fazhi_desktop.docgen.typeset.dates import parse_date_line
from fazhi_desktop.docgen.typeset.reading import text_blocks, Draft
from fazhi_desktop.docgen.typeset.recognise import assemble, recognise


def _parts(lines):
    draft = Draft(source=None, blocks=text_blocks("\n".join(lines)), fmt="text")
    return assemble(recognise(draft))


def test_a_reply_with_number_signer_class_two_line_title_and_contact_line():
    parts = _parts(["平湛司〔2022〕26 号 签 发 人：杨晓伟", "办理结果： A", "对区政协六届一次会议",
                    "第 28 号提案的答复", "胡校丽委员：", "您提出的关于加强法治政府建设的提案收悉。现答复如下：",
                    "一、关于认识问题", "正文内容。", "湛河区司法局", "2022 年 8月 8日",
                    "联系单位及电话：湛河区司法局 2818989 联系人：王丙寅",
                    "抄送：区政协提案委（3份），区委区政府督查局（1份）。",
                    "平顶山市湛河区司法局办公室 2022年8月8日印发"])
    assert parts.doc_number == "平湛司〔2022〕26号"
    assert parts.signers == ["杨晓伟"]
    assert parts.above_title == "办理结果：A"
    assert parts.title == "对区政协六届一次会议第 28 号提案的答复"
    assert parts.addressee == "胡校丽委员："
    assert [b.text for b in parts.body] == ["您提出的关于加强法治政府建设的提案收悉。现答复如下：",
                                            "一、关于认识问题", "正文内容。"]
    assert parts.signature == ["湛河区司法局"] and parts.date_iso == "2022-08-08"
    assert parts.notes == ["联系单位及电话：湛河区司法局 2818989 联系人：王丙寅"]
    assert parts.cc == ["区政协提案委（3份）", "区委区政府督查局（1份）"]
    assert parts.printed_by == "平顶山市湛河区司法局办公室" and parts.printed_date_iso == "2022-08-08"


def test_joint_signature_attachment_pages_and_a_主送_prefix():
    parts = _parts(["关于联合开展普法活动的通知", "主送：各乡镇人民政府", "现将有关事项通知如下。",
                    "附件：1.活动安排", "2.报名表", "湛河区司法局", "湛河区教育局", "2023年5月4日",
                    "附件1", "活动安排", "一、时间地点。"])
    assert parts.addressee == "各乡镇人民政府："
    assert parts.attachments == ["活动安排", "报名表"]
    assert parts.signature == ["湛河区司法局", "湛河区教育局"]
    assert parts.attachment_pages[0][0] == "附件1" and parts.attachment_pages[0][1] == "活动安排"
    assert [b.text for b in parts.attachment_pages[0][2]] == ["一、时间地点。"]


def test_a_date_inside_a_sentence_is_not_the_document_date():
    parts = _parts(["关于调整值班安排的通知", "各科室：", "自2023年5月1日起调整值班安排。",
                    "2023年5月1日前仍按原安排执行。", "湛河区司法局", "2023年4月28日"])
    assert parts.date_iso == "2023-04-28"
    assert len(parts.body) == 2


def test_dates_in_every_form_a_draft_uses():
    for text in ("2022年8月8日", "2022 年 8 月 8 日", "2022-8-8", "2022.08.08", "2022/8/8",
                 "二〇二二年八月八日", "二○二二年八月八日", "２０２２年８月８日", "二〇二二年十二月三十一日"):
        day = parse_date_line(text)
        assert day is not None, text
    assert parse_date_line("二〇二二年十二月三十一日").isoformat() == "2022-12-31"
    assert parse_date_line("2022年2月30日") is None
    assert parse_date_line("于2022年8月8日召开") is None


def test_a_long_addressee_is_the_addressee_not_a_body_paragraph():
    """68 characters of organs, as a city office writes to every office below it: set as the
    body's first paragraph (indented) before, since a line over 60 characters counted as a
    sentence. A long sentence ending in a colon is still body."""
    from tests.documents.odd_inputs import ADDRESSEE_LONG

    parts = _parts(["关于推进“5G+智慧司法”建设的通知", ADDRESSEE_LONG, "一、基本情况", "正文内容。",
                    "湛河区司法局", "2022年12月31日"])
    assert parts.addressee == ADDRESSEE_LONG
    assert [b.text for b in parts.body] == ["一、基本情况", "正文内容。"]
    sentence = ("为进一步加强和改进新时代基层人民调解工作，推动矛盾纠纷多元化解机制落地见效，"
                "切实提升城乡社区治理法治化水平，现将有关事项通知如下：")
    parts = _parts(["关于加强人民调解工作的通知", sentence, "一、基本情况", "正文内容。",
                    "湛河区司法局", "2022年12月31日"])
    assert parts.addressee == "" and parts.body[0].text == sentence
