"""Odd but real inputs for a hostile reading of every generated document.

What offices the app has never seen will type: titles of 4 and of 90 characters, titles with
digits, Latin letters and symbols (5G+, Wi-Fi), titles without 关于 or already ending in
的提案/提案/的建议, proposers with a middle dot and several of them, characters outside GB2312
(𠮷 is outside the BMP, 䶮 in CJK extension A, 堃 in GBK only), a 发文字号 of a long organ
name, a long 主送机关, reply bodies with numbered sub-headings, a table pasted from Excel, a very
long paragraph and blank lines, dates on 12-31 and 01-01, a mediation case with five parties
(one a company) and empty optional fields, a report year without records.

scripts/render_odd_inputs.py renders all of them for looking at; the tests in
tests/documents/test_odd_inputs.py measure what was wrong with them.
"""
from __future__ import annotations

import copy

# An organ whose name fills the mark line: the mark is condensed, never wrapped.
PROFILE = {
    "authority": "中共平顶山市湛河区委全面依法治区委员会办公室",
    "authority_short": "区委依法治区办",
    "mark_text": "中共平顶山市湛河区委全面依法治区委员会办公室文件",
    "doc_code": "湛依法治区办",
    "signers": ["阿卜杜拉·买买提", "王䶮"],
    "contact_unit": "中共平顶山市湛河区委全面依法治区委员会办公室秘书科",
    "contact_phone": "0375-2818989",
    "contact_person": "李𠮷",
    "printed_by": "中共平顶山市湛河区委全面依法治区委员会办公室",
    "report_to": ("中共平顶山市湛河区委员会、平顶山市湛河区人民政府、平顶山市湛河区人民代表大会"
                  "常务委员会、中国人民政治协商会议平顶山市湛河区委员会、平顶山市司法局"),
    "cc": {"proposal": ["区政协提案委（3份）", "区委区政府督查局（1份）"],
           "suggestion": ["区人大常委会选联工委（3份）", "区委区政府督查局（1份）"]},
    "reply_format": "file",
    "class_mark": "above_title",
    "seal": "manual",
}

TITLE_4 = "普法宣传"
TITLE_90 = ("关于进一步加强和改进新时代基层人民调解组织规范化建设、推动矛盾纠纷多元化解机制落地见效、"
            "切实提升城乡社区治理法治化水平、保障人民群众合法权益和社会和谐稳定的提案")
TITLE_5G = "关于推进“5G+智慧司法”建设的提案"
TITLE_WIFI = "关于Wi-Fi全覆盖的建议"
TITLE_BARE_SUFFIX = "加强社区矫正工作提案"
TITLE_NO_ABOUT = "建设湛河法治文化带的建议"

TABLE_TEXT = ("序号\t单位\t执法人员\t持证人数\n"
              "1\t区市场监督管理局\t118\t118\n"
              "2\t区城市管理局\t104\t99\n"
              "3\t区司法局\t12\t12")

LONG_PARAGRAPH = (
    "2019年以来，市委市政府决定创建全国法治政府建设示范市，湛河区乘势而为，先后出台了"
    "《湛河区法治政府建设年度工作要点》《湛河区创建全国法治政府建设示范市责任清单》等一系列制度措施，"
    "突出“一把手抓，抓一把手”，充分发挥“关键少数”的引擎作用。" * 6)

REPLY_BODY = "\n".join([
    "一、基本情况",
    "（一）组织领导",
    "1.制度建设。我区先后印发了《湛河区法治政府建设实施方案（2021-2025年）》。",
    "（1）细化分工",
    "各单位按照职责分工抓好落实，共有行政执法人员518人，其中持证人员497人。",
    "",
    TABLE_TEXT,
    "",
    LONG_PARAGRAPH,
    "",
    "",
    "二、下一步打算",
    "（一）加强Wi-Fi与5G+智慧司法平台建设",
    "我们将于2023年1月1日前完成全区25个行政执法单位的平台接入，12月31日前完成验收。",
])


def _item(number: int, title: str, authors: list, *, date: str = "2022-12-31",
          doc: str = "") -> dict:
    return {
        "session": "区政协六届一次会议", "number": number, "title": title, "authors": authors,
        "lead_unit": PROFILE["authority"], "assigned_date": "2022-05-10", "status": "replied",
        "result_class": "A",
        "reply": {"doc_number": doc or f"湛依法治区办〔2022〕{number}号", "body": REPLY_BODY,
                  "date": date, "printed_date": "2023-01-01"},
    }


def proposals() -> list:
    """Proposals, one per odd title (the 90-character one by five co-signers)."""
    return [
        _item(1, TITLE_4, ["阿卜杜拉·买买提"], date="2023-01-01"),
        _item(2, TITLE_90, ["阿卜杜拉·买买提", "李𠮷", "王䶮", "张堃", "欧阳娜娜委员"]),
        _item(3, TITLE_5G, ["张堃"]),
        _item(4, TITLE_BARE_SUFFIX, ["王䶮"]),
        _item(128, TITLE_NO_ABOUT, ["李𠮷"], doc="湛依法治区办〔2022〕128号"),
    ]


def suggestions() -> list:
    item = _item(5, TITLE_WIFI, ["买买提·艾力", "古丽米娜·阿不都热合曼"])
    item["session"] = "区十届人大一次会议"
    item["satisfaction"] = "unsatisfied"
    item["second_reply"] = {"body": REPLY_BODY, "date": "2023-01-01",
                            "doc_number": "湛依法治区办〔2023〕1号"}
    return [item]


PARTY = {"sex": "男", "ethnicity": "汉族", "occupation": "个体经营",
         "address": "平顶山市湛河区阳光苑小区3号楼2单元501室", "phone": "13837512345"}

MEDIATION = {
    "case_number": "（2022）湛调字第1215号",
    "committee": "平顶山市湛河区曹镇乡阳光苑社区人民调解委员会",
    "mediators": ["王建国", "阿卜杜拉·买买提", "刘芳"],
    "accepted_date": "2022-12-31",
    "source": "application",
    "dispute_type": "物业",
    "parties": [
        dict(PARTY, role="applicant", name="阿卜杜拉·买买提", id_number="410402198005011233"),
        dict(PARTY, role="applicant", name="李𠮷", sex="女", ethnicity="回族",
             id_number="11010519491231002X", entrusted_agent="赵明（河南某律师事务所律师）"),
        dict(PARTY, role="applicant", name="张小堃", birth_date="2012-01-01",
             legal_agent="张堃（张小堃之父）", occupation="", phone=""),
        {"role": "respondent", "name": "平顶山市湛河区阳光苑物业服务有限公司",
         "address": "平顶山市湛河区曹镇乡阳光苑小区物业服务中心", "phone": "0375-2818989",
         "legal_agent": "王䶮（该公司总经理）"},
        {"role": "third_party", "name": "王䶮", "sex": "", "address": ""},
    ],
    "facts": ("申请人三户与被申请人就小区地下车库漏水造成车辆受损发生争议。\n"
              "申请人认为被申请人未尽物业管理义务，要求赔偿维修费共计12800元；被申请人认为漏水系暴雨所致。"),
    "outcome": "success",
    "agreement": {"terms": "\n".join([
        "一、被申请人于2023年1月1日前修复地下车库防水层。",
        "二、被申请人赔偿申请人阿卜杜拉·买买提维修费3000元、李𠮷维修费4800元、张小堃之父张堃维修费5000元，"
        "共计12800元，于2022年12月31日前一次性支付。",
        "三、第三人王䶮协助被申请人完成修复工作。",
        "四、各方当事人就本纠纷再无其他争议。"]),
        "performance_method": "银行转账", "performance_deadline": "2022-12-31"},
    "amount": 12800,
    "performance": "performed",
    "closed_date": "2022-12-31",
    "followups": [{"date": "2023-01-01", "method": "电话", "summary": "各方已按协议履行。"}],
}


def mediations() -> list:
    return [copy.deepcopy(MEDIATION)]


# A 主送 of 72 characters, as a city office sends a notice to every office below it.
ADDRESSEE_LONG = ("各县（市、区）人民政府，城乡一体化示范区、高新区管委会，市人民政府各部门，"
                  "各乡（镇）人民政府、街道办事处，各人民调解委员会，各有关单位：")

# A colleague's draft with the same odd features, for 公文排版.
DRAFT = "\n".join([
    "关于推进“5G+智慧司法”建设和Wi-Fi全覆盖工作的通知",
    "",
    ADDRESSEE_LONG,
    "",
    REPLY_BODY,
    "",
    "中共平顶山市湛河区委全面依法治区委员会办公室",
    "2022年12月31日",
])

EMPTY_YEAR = 2031


# ----------------------------------------------------------------------------- rendering
def cli(*argv) -> tuple:
    """(status, stdout, stderr) of one command of the app's command line, run in this process."""
    import contextlib
    import io

    from fazhi_desktop.cli import run

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = run([str(a) for a in argv])
        except SystemExit as exc:
            status = exc.code
    return status, out.getvalue(), err.getvalue()


def fill(db) -> dict:
    """A data file with the odd profile and records; kind -> record ids."""
    from fazhi_desktop.core.access import open_for_writing

    with open_for_writing(db) as registry:
        registry.set_profile(PROFILE)
        return {"proposal": registry.add_many("proposal", proposals()),
                "suggestion": registry.add_many("suggestion", suggestions()),
                "mediation": registry.add_many("mediation", mediations())}


def commands(folder, ids: dict) -> list:
    """(name, argv) of every document: each type for each record it exists for."""
    from pathlib import Path

    jobs = []
    for kind in ("proposal", "suggestion"):
        for n, rid in enumerate(ids[kind], 1):
            jobs.append((f"{kind}{n}-reply", ["render", kind, rid, "--document", "reply"]))
            jobs.append((f"{kind}{n}-form", ["render", kind, rid, "--document", "opinion-form"]))
    jobs.append(("suggestion1-second", ["render", "suggestion", ids["suggestion"][0],
                                        "--document", "second-reply"]))
    rid = ids["mediation"][0]
    jobs.append(("mediation-agreement", ["render", "mediation", rid, "--document", "agreement"]))
    jobs.append(("mediation-casefile", ["render", "mediation", rid, "--document", "case-file"]))
    jobs.append(("report-2022", ["report", "--year", "2022", "--date", "2022-12-31"]))
    jobs.append((f"report-{EMPTY_YEAR}", ["report", "--year", EMPTY_YEAR,
                                           "--date", f"{EMPTY_YEAR}-01-01"]))
    draft = Path(folder) / "draft.txt"
    draft.write_text(DRAFT, "utf-8")
    jobs.append(("typeset", ["typeset", draft, "--number", "none"]))
    return jobs


def render_all(folder, only=None) -> dict:
    """name -> (docx path or None, status, the command's output) for every document (or the
    names in `only`), made by the command line on a fresh data file in `folder`."""
    from pathlib import Path

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "odd.sqlite3"
    if db.exists():
        db.unlink()
    ids = fill(db)
    done = {}
    for name, args in commands(folder, ids):
        if only is not None and name not in only:
            continue
        target = folder / f"{name}.docx"
        status, stdout, stderr = cli("--db", db, *args, "--out", target)
        written = [Path(line) for line in stdout.splitlines() if line.endswith(".docx")]
        path = next((p for p in written if p.exists()), target if target.exists() else None)
        done[name] = (path, status, stdout + stderr)
    return done
