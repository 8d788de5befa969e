"""What the documents use where the office profile (单位设置) leaves a field empty, so that the
settings show the values in effect instead of a bare “（未填）” (issue 17.4); and what the first
start must ask.

The rules mirror the renderers (docgen/replies.py, docgen/report.py): the short name falls back
to the full one, the red mark to 全称+文件, the printing office to 全称+办公室, the choices to
records.PROFILE_DEFAULTS.
"""
from __future__ import annotations

from . import records

# Asked at the first start and refused empty there: the authority heads every document, the
# report's 主送机关 is what a clerk otherwise discovers missing only when the report is due.
FIRST_RUN_REQUIRED = ("authority", "report_to")


def text_defaults(profile: dict) -> dict:
    """field -> the text used when the field is empty (only fields that have one)."""
    authority = (profile.get("authority") or "").strip()
    if not authority:
        return {}
    return {
        "authority_short": authority,
        "mark_text": authority + "文件",
        "printed_by": authority + "办公室",
    }


def choice_default_label(key: str) -> str:
    """“文件格式（上行文，含签发人）（默认）” for an enum left unset; "" when it has no default."""
    value = records.PROFILE_DEFAULTS.get(key)
    choices = records.field_map("profile")[key].choices if key in records.field_map("profile") else None
    if not isinstance(value, str) or not choices or value not in choices:
        return ""
    return f"{choices[value]}（默认）"


def first_run_problems(profile: dict) -> list:
    """Chinese lines for the fields the first start needs and lacks (named by their label)."""
    fields = records.field_map("profile")
    missing = [key for key in FIRST_RUN_REQUIRED if not str(profile.get(key) or "").strip()]
    return [f"请填写“{fields[key].label}”（{_why(key)}）" for key in missing]


def _why(key: str) -> str:
    return {"authority": "每份答复件的版头和署名都要用到",
            "report_to": "年度报告的主送机关，如：区委、区政府"}.get(key, "必填")
