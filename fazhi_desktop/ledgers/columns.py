"""The columns of each kind's ledger: header, the record field behind it, width and the header
variants clerks type, so export, import and the template agree on one list.

Types, enum words and labels come from core/records.py; only the ledger's wording (a superior
reads 案由, not 案由（标题）) and the variants are written here.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..core import records

# Party columns: one column per role for names, ID numbers and phones (values joined by 、).
PARTY_ROLES = ("applicant", "respondent", "third_party")


@dataclass(frozen=True)
class Column:
    """One ledger column. `key` is the record path ('number', 'reply.date', 'applicant.name')."""

    key: str
    header: str
    type: str  # counter, str, int, number, date, month, enum, list_str, party_str
    width: float  # the widest it may grow to, in Excel character units
    aliases: tuple = ()
    weak_aliases: tuple = ()  # headers that mean this column only when no stronger match exists
    choices: Optional[dict] = None
    required: bool = False
    personal: bool = False  # ID numbers and phones: masked unless the clerk chooses otherwise
    wrap: bool = False
    field_label: str = ""  # the label core/validation.py uses in its messages
    field_name: str = ""
    import_only: bool = False  # recognised in clerks' sheets, never written by the export

    @property
    def is_counter(self) -> bool:
        return self.type == "counter"


def _lookup(kind: str, key: str):
    """The records.Field behind a column key."""
    if "." not in key:
        return records.field_map(kind)[key]
    head, tail = key.split(".", 1)
    if head == "reply":
        return {f.name: f for f in records.REPLY_FIELDS}[tail]
    if head == "agreement":
        return {f.name: f for f in records.AGREEMENT_FIELDS}[tail]
    if head in PARTY_ROLES:
        return {f.name: f for f in records.PARTY_FIELDS}[tail]
    raise KeyError(key)


def _col(kind: str, key: str, header: Optional[str] = None, width: float = 12, *,
         aliases: tuple = (), weak: tuple = (), wrap: bool = False,
         required: Optional[bool] = None) -> Column:
    fld = _lookup(kind, key)
    type_ = fld.type
    if key.split(".")[0] in PARTY_ROLES:
        type_ = "party_str"
    return Column(key=key, header=header or fld.label, type=type_, width=width,
                  aliases=(fld.label,) + tuple(aliases), weak_aliases=weak,
                  choices=fld.choices, required=fld.required if required is None else required,
                  personal=fld.type in ("id_number", "phone"), wrap=wrap,
                  field_label=fld.label, field_name=fld.name)


SEQ = Column(key="seq", header="序号", type="counter", width=6, aliases=("序号", "编号序号"))
# The record's id, in a hidden last column of an exported ledger: what a re-import needs to
# find the row's record again, even after the clerk sorted the rows or corrected a 编号. It
# moves with its row; the template and the printed page do not show it.
RECORD_ID = Column(key="id", header="记录ID", type="str", width=4,
                   aliases=("记录ID", "记录标识"), field_label="记录编号", field_name="id",
                   import_only=True)


def _item_columns(kind: str) -> tuple:
    people = records.people_word(kind)
    word = records.item_word(kind)
    author_header = "提案人" if kind == "proposal" else "代表"
    group_header = "界别" if kind == "proposal" else "代表团"
    return (
        SEQ,
        _col(kind, "session", "届次", 10, wrap=True, aliases=("届次", "会议", "会议名称", "届次会议", "会次",
                                                  "届别", "提交会议", "会议届次")),
        _col(kind, "number", "编号", 5, aliases=(
            f"{word}号", f"{word}编号", f"{word}序号", "编号", "案号", "号数", "提案号",
            "建议号", "提案编号", "建议编号"), weak=("序号",)),
        _col(kind, "title", "案由", 24, wrap=True, aliases=(
            "案由", "标题", f"{word}名称", f"{word}标题", f"{word}题目", "题目", "提案名称",
            "建议名称", "内容", f"{word}内容", "案由标题")),
        _col(kind, "authors", author_header, 8, wrap=True, aliases=(
            "提案人", "委员", "提出人", "代表", "领衔人", f"领衔{people}", f"{people}姓名",
            f"提案{people}", "建议人", "提案者", "提出者", "代表姓名", "委员姓名", "姓名",
            f"提出人{people}", "提案人/代表")),
        _col(kind, "group", group_header, 8, wrap=True, aliases=(
            "界别", "党派", "界别/党派", "党派/界别", "所属界别", "代表团", "所在代表团",
            "所属代表团", "界别/代表团")),
        _col(kind, "lead_unit", "主办单位", 10, wrap=True, aliases=(
            "主办单位", "承办单位", "办理单位", "责任单位", "主办", "承办", "主办单位（部门）")),
        _col(kind, "co_units", "协办单位", 10, wrap=True, aliases=(
            "协办单位", "会办单位", "协办/会办单位", "协办", "会办", "协办单位（部门）")),
        _col(kind, "assigned_date", "交办日期", 11, aliases=("交办日期", "交办时间", "交办")),
        _col(kind, "due_date", "办理期限", 11, aliases=(
            "办理期限", "办结期限", "答复期限", "期限", "截止日期", "办理时限")),
        _col(kind, "status", "办理状态", 7, aliases=(
            "办理状态", "状态", "办理情况", "办理进度", "进展情况", "是否办结", "是否答复")),
        _col(kind, "result_class", "办理结果", 6, aliases=(
            "办理结果", "答复类别", "答复类型", "结果类别", "办理类别", "类别", "答复结果",
            "办理结果类别")),
        _col(kind, "satisfaction", "满意度", 8, wrap=True, aliases=(
            "满意度", "满意程度", "委员意见", "代表意见", "反馈意见", "是否满意", "满意情况",
            "测评意见", f"{people}满意度")),
        _col(kind, "reply.date", "答复日期", 11, aliases=("答复日期", "答复时间", "成文日期",
                                                       "答复件日期", "复文日期")),
        _col(kind, "reply.doc_number", "发文字号", 12, aliases=("发文字号", "文号", "答复文号",
                                                            "发文号", "答复件文号")),
        _col(kind, "notes", "备注", 10, wrap=True, aliases=("备注", "说明", "备考")),
    )


def _mediation_columns() -> tuple:
    kind = "mediation"
    cols = [
        SEQ,
        _col(kind, "case_number", "案件编号", 12, aliases=(
            "案件编号", "案号", "编号", "卷号", "调解案号", "案件号", "调解编号", "案卷号")),
        _col(kind, "committee", "调解委员会", 12, wrap=True, aliases=(
            "调解委员会", "调委会", "调解组织", "人民调解委员会", "调解机构", "所属调委会")),
        _col(kind, "mediators", "调解员", 7, wrap=True, aliases=(
            "调解员", "调解人员", "主持调解人", "调解人", "承办调解员")),
        _col(kind, "accepted_date", "受理日期", 11, aliases=(
            "受理日期", "受理时间", "登记日期", "申请日期", "收案日期", "立案日期")),
        _col(kind, "source", "纠纷来源", 9, wrap=True, aliases=("纠纷来源", "来源", "案件来源", "受理方式")),
        _col(kind, "dispute_type", "纠纷类型", 8, wrap=True, aliases=(
            "纠纷类型", "纠纷类别", "案件类型", "类型", "纠纷种类", "案由")),
    ]
    role_words = {"applicant": ("申请人", ("申请方", "甲方")),
                  "respondent": ("被申请人", ("被申请方", "乙方"))}
    for role, (word, others) in role_words.items():
        prefixes = (word,) + others
        cols.append(_col(kind, f"{role}.name", word, 7, wrap=True, required=True, aliases=(
            *prefixes, f"当事人（{word}）", *(f"{p}姓名" for p in prefixes))))
        cols.append(_col(kind, f"{role}.id_number", f"{word}身份证号", 10.5, wrap=True,
                         aliases=tuple(f"{p}{w}" for p in prefixes for w in (
                             "身份证号", "身份证号码", "身份证", "公民身份号码", "证件号码"))))
        cols.append(_col(kind, f"{role}.phone", f"{word}电话", 7, wrap=True,
                         aliases=tuple(f"{p}{w}" for p in prefixes for w in (
                             "电话", "联系电话", "手机", "手机号", "联系方式"))))
    cols.append(_col(kind, "third_party.name", "第三人", 7, wrap=True, required=False,
                     aliases=("第三人", "第三人姓名")))
    # One 当事人 column holding both sides (张三、李四): the first is the applicant.
    cols.append(Column(key="parties.name", header="当事人", type="party_str", width=10,
                       aliases=("当事人", "当事人姓名", "双方当事人", "纠纷当事人", "当事人双方"),
                       field_label=records.PARTY_FIELDS[1].label, field_name="name",
                       import_only=True))
    cols += [
        _col(kind, "facts", "纠纷简要情况", 18, wrap=True, aliases=(
            "纠纷简要情况", "纠纷事实", "简要案情", "纠纷事实及争议事项", "争议事项", "主要事实",
            "纠纷主要事实", "案情简介", "纠纷情况", "简要情况")),
        _col(kind, "outcome", "调解结果", 6, wrap=True, aliases=("调解结果", "调解情况", "结果", "处理结果")),
        _col(kind, "agreement.terms", "协议内容", 14, wrap=True, aliases=(
            "协议内容", "调解协议", "协议主要内容", "协议事项")),
        _col(kind, "amount", "涉及金额（元）", 10, aliases=(
            "涉及金额", "金额", "标的额", "协议金额", "涉案金额", "涉及金额（元）")),
        _col(kind, "performance", "履行情况", 6, wrap=True, aliases=("履行情况", "是否履行", "协议履行情况")),
        _col(kind, "closed_date", "结案日期", 11, aliases=(
            "结案日期", "结案时间", "办结日期", "调结日期")),
    ]
    return tuple(cols)


def _petition_columns() -> tuple:
    kind = "petition"
    cols = [
        _col(kind, "unit", "填报单位", 16, wrap=True, aliases=(
            "填报单位", "单位", "单位名称", "责任单位", "报送单位")),
        _col(kind, "period", "月份", 10, aliases=("月份", "统计月份", "年月", "期间", "时间",
                                                 "统计时间", "所属月份")),
    ]
    extra = {
        "letters": ("来信", "来信数", "来信件数"),
        "visits": ("来访", "来访数", "来访批次", "个访"),
        "online": ("网上信访", "网信", "网上", "网络信访", "网上投诉"),
        "phone": ("电话", "电话信访", "来电"),
        "group_visits": ("集体访", "集体访批次", "集访批次"),
        "group_visit_persons": ("集体访人次", "集访人次", "集体访人数"),
        "repeat": ("重复信访", "重复访", "重复件"),
        "to_beijing": ("赴京", "进京", "赴京访", "进京访"),
        "to_province": ("到省", "赴省", "到省访"),
        "to_city": ("到市", "赴市", "到市访"),
        "to_county": ("到区", "到县", "到区县", "到区（县）访"),
        "to_township": ("乡镇", "乡镇街道", "到乡镇", "乡镇（街道）访", "到乡（镇）"),
        "resolved": ("化解", "办结", "化解数", "办结数", "化解/办结", "化解办结"),
    }
    for name, _label in records.PETITION_COUNTS:
        cols.append(_col(kind, name, None, 8, aliases=extra.get(name, ())))
    return tuple(cols)


COLUMNS = {
    "proposal": _item_columns("proposal") + (RECORD_ID,),
    "suggestion": _item_columns("suggestion") + (RECORD_ID,),
    "mediation": _mediation_columns() + (RECORD_ID,),
    "petition": _petition_columns() + (RECORD_ID,),
}

LEDGER_TITLES = {
    "proposal": "政协提案办理台账",
    "suggestion": "人大代表建议办理台账",
    "mediation": "人民调解案件登记台账",
    "petition": "信访情况月度统计表",
}

SHEET_NAMES = {
    "proposal": "提案台账",
    "suggestion": "建议台账",
    "mediation": "调解台账",
    "petition": "信访明细",
}


def columns(kind: str) -> tuple:
    return COLUMNS[kind]


def ledger_columns(kind: str) -> tuple:
    """The columns an exported ledger and a template have, in order."""
    return tuple(c for c in COLUMNS[kind] if not c.import_only)


def column_by_key(kind: str, key: str) -> Column:
    for col in COLUMNS[kind]:
        if col.key == key:
            return col
    raise KeyError(key)


def data_columns(kind: str) -> tuple:
    """The ledger columns that carry record data (everything but the row counter)."""
    return tuple(c for c in ledger_columns(kind) if not c.is_counter)


