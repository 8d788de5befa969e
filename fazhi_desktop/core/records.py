"""The four kinds of record and the office profile: fields, types and Chinese labels.

One declarative description (the interchange format, docs/exchange.md) that validation, the
store, the GUI's forms and the Excel ledgers all read, so that a field's name and label are written once.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

KINDS = ("proposal", "suggestion", "mediation", "petition")

KIND_LABELS = {
    "proposal": "政协提案",
    "suggestion": "人大建议",
    "mediation": "人民调解",
    "petition": "信访统计",
}

# Enumerations: stored value -> Chinese word a clerk reads.
STATUS = {"pending": "待办理", "in_progress": "办理中", "replied": "已答复", "closed": "已办结"}
RESULT_CLASS = {"A": "A类", "B": "B类", "C": "C类", "D": "D类（留作参考）"}
SATISFACTION = {"satisfied": "满意", "basically_satisfied": "基本满意", "unsatisfied": "不满意"}
SOURCE = {
    "application": "当事人申请",
    "initiative": "主动调解",
    "court_referral": "法院委托移送（诉调）",
    "petition_referral": "信访部门移送（访调）",
    "police_referral": "公安机关移送（警调）",
    "other": "其他",
}
OUTCOME = {"pending": "调解中", "success": "调解成功", "failure": "调解不成功", "terminated": "终止调解"}
PERFORMANCE = {"performed": "已履行", "partial": "部分履行", "not_performed": "未履行"}
PARTY_ROLE = {"applicant": "申请人", "respondent": "被申请人", "third_party": "第三人"}
DISPUTE_TYPES = (
    "婚姻家庭", "邻里", "房屋宅基地", "合同", "损害赔偿", "劳动争议",
    "物业", "道路交通", "医疗", "征地拆迁", "其他",
)
REPLY_FORMAT = {"file": "文件格式（上行文，含签发人）", "letter": "信函格式"}
CLASS_MARK = {"corner": "首页右上角", "above_title": "标题上方（办理结果：A）"}
SEAL = {"manual": "留出盖章位置（手工盖章）", "image": "使用电子印章图片"}


@dataclass(frozen=True)
class Field:
    """One field of a record as interchange.md defines it."""

    name: str
    label: str
    type: str  # str, int, number, date, month, enum, list_str, list_obj, obj
    required: bool = False
    choices: Optional[dict] = None  # for enum: value -> label
    minimum: Optional[float] = None
    children: tuple = ()  # for obj and list_obj: the nested fields
    non_empty: bool = False  # for lists


def _f(name, label, type_="str", **kw) -> Field:
    return Field(name, label, type_, **kw)


REPLY_FIELDS = (
    _f("doc_number", "发文字号"),
    _f("title", "答复标题"),
    _f("opening", "开头语"),
    _f("signers", "签发人", "list_str"),
    _f("addressee", "主送"),
    _f("body", "答复正文"),
    _f("signature", "署名"),
    _f("date", "成文日期", "date"),
    _f("contact_unit", "联系单位"),
    _f("contact_phone", "联系电话"),
    _f("contact_person", "联系人"),
    _f("cc", "抄送", "list_str"),
    _f("printed_by", "印发机关"),
    _f("printed_date", "印发日期", "date"),
)

# 会办意见: what the office, as an assisting unit (会办/协办), sends to the lead unit.
ASSIST_FIELDS = (
    _f("body", "会办意见正文"),
    _f("date", "成文日期", "date"),
    _f("doc_number", "发文字号"),
)

# 再次答复: the second reply to a member or deputy who answered 不满意 (its own number and date).
SECOND_REPLY_FIELDS = (
    _f("doc_number", "发文字号"),
    _f("title", "标题"),
    _f("opening", "开头语"),
    _f("body", "再次答复正文"),
    _f("date", "成文日期", "date"),
)

COMMUNICATION_FIELDS = (
    _f("date", "日期", "date"),
    _f("method", "方式"),
    _f("summary", "内容"),
)


def _item_fields(kind: str) -> tuple:
    people = "委员" if kind == "proposal" else "代表"
    group = "界别/党派" if kind == "proposal" else "代表团"
    return (
        _f("session", "届次（会议）", required=True),
        _f("number", "编号", "int", required=True, minimum=1),
        _f("title", "案由（标题）", required=True),
        _f("authors", f"提出人（{people}）", "list_str", required=True, non_empty=True),
        _f("group", group),
        _f("lead_unit", "主办单位"),
        _f("co_units", "协办/会办单位", "list_str"),
        _f("assigned_date", "交办日期", "date"),
        _f("due_date", "办理期限", "date"),
        _f("status", "办理状态", "enum", choices=STATUS),
        _f("result_class", "办理结果", "enum", choices=RESULT_CLASS),
        _f("satisfaction", "满意度", "enum", choices=SATISFACTION),
        _f("communications", "沟通记录", "list_obj", children=COMMUNICATION_FIELDS),
        _f("reply", "答复件", "obj", children=REPLY_FIELDS),
        _f("assist", "会办意见", "obj", children=ASSIST_FIELDS),
        _f("second_reply", "再次答复", "obj", children=SECOND_REPLY_FIELDS),
        _f("notes", "备注"),
    )


PARTY_FIELDS = (
    _f("role", "身份", "enum", choices=PARTY_ROLE),
    _f("name", "姓名", required=True),
    _f("sex", "性别"),
    _f("ethnicity", "民族"),
    _f("birth_date", "出生日期", "date"),
    _f("id_number", "身份证号码", "id_number"),
    _f("occupation", "职业"),
    _f("address", "住址"),
    _f("phone", "联系电话", "phone"),
    _f("legal_agent", "法定代理人"),      # name and relation: 王五（张三之父）
    _f("entrusted_agent", "委托代理人"),  # name and capacity: 赵律师（河南某律师事务所律师）
)

AGREEMENT_FIELDS = (
    _f("terms", "协议内容"),
    _f("responsibility", "各方当事人的责任"),
    _f("performance_method", "履行方式"),
    _f("performance_deadline", "履行期限", "date"),
    _f("copies", "协议份数", "int", minimum=1),
)

FOLLOWUP_FIELDS = (
    _f("date", "回访日期", "date"),
    _f("method", "回访方式"),  # 电话 / 上门 / 其他
    _f("summary", "回访情况"),
)

MEDIATION_FIELDS = (
    _f("case_number", "案件编号", required=True),
    _f("committee", "调解委员会", required=True),
    _f("mediators", "调解员", "list_str"),
    _f("accepted_date", "受理日期", "date", required=True),
    _f("source", "纠纷来源", "enum", choices=SOURCE),
    _f("dispute_type", "纠纷类型", required=True),
    _f("parties", "当事人", "list_obj", required=True, children=PARTY_FIELDS),
    _f("facts", "纠纷事实及争议事项"),
    _f("outcome", "调解结果", "enum", choices=OUTCOME),
    _f("agreement", "调解协议", "obj", children=AGREEMENT_FIELDS),
    _f("amount", "涉及金额（元）", "number", minimum=0),
    _f("performance", "履行情况", "enum", choices=PERFORMANCE),
    _f("closed_date", "结案日期", "date"),
    _f("followups", "回访记录", "list_obj", children=FOLLOWUP_FIELDS),
)

PETITION_COUNTS = (
    ("letters", "来信"),
    ("visits", "来访"),
    ("online", "网上信访"),
    ("phone", "电话"),
    ("group_visits", "集体访（批次）"),
    ("group_visit_persons", "集体访（人次）"),
    ("repeat", "重复信访"),
    ("to_beijing", "赴京"),
    ("to_province", "到省"),
    ("to_city", "到市"),
    ("to_county", "到区（县）"),
    ("to_township", "乡镇（街道）"),
    ("resolved", "化解/办结"),
)
CHANNEL_FIELDS = ("letters", "visits", "online", "phone")
LEVEL_FIELDS = ("to_beijing", "to_province", "to_city", "to_county", "to_township")

PETITION_FIELDS = (
    _f("unit", "填报单位", required=True),
    _f("period", "月份", "month", required=True),
) + tuple(_f(name, label, "int", minimum=0) for name, label in PETITION_COUNTS)

FONT_FIELDS = (
    _f("title", "标题字体"),
    _f("body", "正文字体"),
    _f("heading1", "一级标题字体"),
    _f("heading2", "二级标题字体"),
    _f("page_number", "页码字体"),
)

DEFAULT_FONTS = {
    "title": "方正小标宋简体",
    "body": "仿宋_GB2312",
    "heading1": "黑体",
    "heading2": "楷体_GB2312",
    "page_number": "宋体",
}

CC_FIELDS = (
    _f("proposal", "提案答复抄送", "list_str"),
    _f("suggestion", "建议答复抄送", "list_str"),
)

PROFILE_FIELDS = (
    _f("authority", "发文机关全称", required=True),
    _f("authority_short", "机关规范简称"),
    _f("mark_text", "发文机关标志"),
    _f("doc_code", "机关代字"),
    _f("signers", "签发人", "list_str"),
    _f("contact_unit", "联系单位"),
    _f("contact_phone", "联系电话"),
    _f("contact_person", "联系人"),
    _f("printed_by", "印发机关"),
    _f("report_to", "年度报告主送机关"),
    _f("cc", "默认抄送", "obj", children=CC_FIELDS),
    _f("reply_format", "答复件格式", "enum", choices=REPLY_FORMAT),
    _f("class_mark", "办理结果标注位置", "enum", choices=CLASS_MARK),
    _f("seal", "印章", "enum", choices=SEAL),
    _f("seal_image", "电子印章图片"),
    _f("fonts", "字体", "obj", children=FONT_FIELDS),
)

FIELDS = {
    "proposal": _item_fields("proposal"),
    "suggestion": _item_fields("suggestion"),
    "mediation": MEDIATION_FIELDS,
    "petition": PETITION_FIELDS,
    "profile": PROFILE_FIELDS,
}

# The fields that make a record's natural key (interchange.md: a record without an id whose
# key is taken is a duplicate).
KEY_FIELDS = {
    "proposal": ("session", "number"),
    "suggestion": ("session", "number"),
    "mediation": ("case_number",),
    "petition": ("unit", "period"),
}

# Fields the app sets itself; accepted on input (a dump fed back) but never required.
# office_id and version say where a record was created and which edit it is (docs/exchange.md);
# deleted_at and merged_version only appear in data packages (docs/exchange.md).
META_FIELDS = ("id", "created_at", "updated_at", "office_id", "version", "deleted_at",
               "merged_version")

PROFILE_DEFAULTS = {
    "reply_format": "file",
    "class_mark": "above_title",
    "seal": "manual",
    "fonts": dict(DEFAULT_FONTS),
    "cc": {"proposal": [], "suggestion": []},
}


def field_map(kind: str) -> dict:
    """Field name -> Field for one kind (or 'profile')."""
    return {f.name: f for f in FIELDS[kind]}


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def people_word(kind: str) -> str:
    """委员 for a proposal's author, 代表 for a suggestion's."""
    return "委员" if kind == "proposal" else "代表"


def item_word(kind: str) -> str:
    """提案 or 建议."""
    return "提案" if kind == "proposal" else "建议"


def key_of(kind: str, record: dict) -> tuple:
    return tuple(record.get(name) for name in KEY_FIELDS[kind])


def describe_key(kind: str, record: dict) -> str:
    """The record's key as a clerk would say it: 区政协六届一次会议第28号."""
    if kind in ("proposal", "suggestion"):
        return f"{record.get('session')}第{record.get('number')}号{item_word(kind)}"
    if kind == "mediation":
        return f"案件{record.get('case_number')}"
    return f"{record.get('unit')}{record.get('period')}"


