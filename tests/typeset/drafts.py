"""Drafts in the shapes colleagues send: Word's default styles, plain text, pasted web text."""
from __future__ import annotations

from pathlib import Path

NOTICE_LINES = [
    "关于开展2023年度法治宣传教育",
    "工作的通知",
    "",
    "各乡(镇)人民政府,各街道办事处,区直各单位:",
    "为深入贯彻落实党的二十大精神,推进法治社会建设,现就开展2023年度法治宣传教育工作通知如下.",
    "一.总体要求",
    "坚持以习近平法治思想为指导,围绕中心、服务大局.全年开展主题宣传活动不少于12次,覆盖群众28000人次.",
    "(一)加强组织领导",
    "各单位要成立领导小组(由主要负责同志任组长),明确责任分工.",
    "1、制定工作方案",
    "于3月31日前报送区司法局.联系电话:2818989.",
    "2.落实经费保障",
    "(1)列入年度预算",
    "二、工作安排",
    "详见附件.",
    "",
    "附件:1.2023年度法治宣传教育工作安排表",
    "2.领导小组成员名单",
    "",
    "平顶山市湛河区司法局",
    "二〇二三年三月一日",
    "(联系人:王丙寅,电话:2818989)",
    "抄送:市司法局,区委办公室.",
    "平顶山市湛河区司法局办公室 2023年3月1日印发",
]
BODY_START, BODY_END = 4, 15  # NOTICE_LINES[4:15] are the body paragraphs


def write_text(path: Path, lines=None, encoding: str = "gb18030") -> Path:
    path.write_text("\n".join(NOTICE_LINES if lines is None else lines) + "\n", encoding=encoding)
    return path


def long_body(paragraphs: int = 40) -> list:
    """Body paragraphs enough for several pages, each a few lines long, with headings."""
    out = []
    for n in range(1, paragraphs + 1):
        if n % 8 == 1:
            out.append("一二三四五六七八九十"[(n // 8) % 10] + "、第" + str(n // 8 + 1) + "部分工作")
        out.append(f"第{n}段：各单位要认真贯彻落实区委、区政府关于法治政府建设的部署要求，"
                   "结合本单位实际，细化工作措施，明确责任分工，确保各项任务按时保质完成，"
                   "并于每季度末向区司法局报送工作进展情况。")
    return out


def write_word_default(path: Path, *, table: bool = True, picture: Path = None,
                       footnote: bool = False, mixed_numbers: bool = True) -> Path:
    """A draft as Word makes it out of the box: Calibri 11 pt, single spacing, no indents,
    headings typed by hand, a table, optionally a picture and a footnote reference."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_paragraph("关于报送2023年上半年法治政府建设情况的通知")
    document.add_paragraph("各镇(街道)司法所:")
    document.add_paragraph("为做好年度考核准备工作,现将有关事项通知如下:")
    document.add_paragraph("一、报送内容")
    document.add_paragraph("1、工作开展情况。包括制度建设、执法监督、普法宣传等方面的主要做法.")
    document.add_paragraph(("1." if mixed_numbers else "2、") + "存在问题和下一步打算。")
    if table:
        t = document.add_table(rows=3, cols=3)
        for r, row in enumerate([["序号", "单位", "报送时间"], ["1", "曹镇乡司法所", "2023年7月5日"],
                                 ["2", "姚孟街道司法所", "2023年7月6日"]]):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
    if picture:
        document.add_picture(str(picture))
    p = document.add_paragraph("二、报送要求")
    p = document.add_paragraph("请于7月10日前报送纸质版和电子版")
    if footnote:
        p.add_run().element.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="1"/>'))
    document.add_paragraph("平顶山市湛河区司法局")
    document.add_paragraph("2023年6月20日")
    document.save(str(path))
    return path
