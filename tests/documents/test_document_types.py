"""The table of document types, as the clerk meets it on the command line: the --document
choices come from it, a type that does not apply to the record is refused (exit 2, Chinese,
nothing written, nothing numbered), 再次答复 and 会办意见 are made only where they exist, and a
document carrying whole ID numbers says so and is noted in the 操作记录."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import docx
import pytest

from fazhi_desktop.core.registry import Registry
from fazhi_desktop.docgen import document_types
from tests.office.test_document_kinds_pdf import records_of_an_office


def _cli(db, *args):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "fazhi_desktop", "--db", str(db), *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)


@pytest.fixture
def office(tmp_path):
    db = tmp_path / "office.sqlite3"
    with Registry.open(db) as registry:
        ids = records_of_an_office(registry)
    return db, ids


def _text(path) -> str:
    from fazhi_desktop.docgen.nobreak import visible  # without the joiners that hold numbers

    return visible("\n".join(p.text for p in docx.Document(str(path)).paragraphs))


def _assist_numbers(db) -> int:
    with Registry.open(db) as registry:
        return registry.store.conn.execute(
            "SELECT count(*) FROM doc_number WHERE code = '平湛司会'").fetchone()[0]


def test_every_type_is_one_row_of_the_table_and_the_cli_offers_exactly_those():
    names = [t.name for t in document_types.TYPES]
    assert names == ["reply", "second-reply", "opinion-form", "assist", "agreement", "case-file"]
    help_text = subprocess.run([sys.executable, "-m", "fazhi_desktop", "render", "-h"],
                               capture_output=True, text=True, encoding="utf-8").stdout
    help_text = "".join(help_text.split())  # argparse wraps lines, also at a hyphen
    for t in document_types.TYPES:
        assert f"{t.name}：{t.label}" in help_text
    assert [t.name for t in document_types.for_kind("mediation")] == ["agreement", "case-file"]


@pytest.mark.parametrize("kind, which, document, words", [
    ("mediation", "mediation", "assist", "“会办意见”（assist）不适用于人民调解"),
    ("proposal", "lead", "case-file", "“人民调解卷宗”（case-file）不适用于政协提案"),
    ("suggestion", "second", "agreement", "“人民调解协议书”（agreement）不适用于人大建议"),
])
def test_a_type_that_does_not_apply_to_the_kind_is_refused(office, tmp_path, kind, which,
                                                           document, words):
    db, ids = office
    out = tmp_path / "x.docx"
    proc = _cli(db, "render", kind, ids[which], "--document", document, "--out", out)
    assert proc.returncode == 2 and words in proc.stderr and "可生成：" in proc.stderr
    assert not out.exists()


def test_assist_where_the_office_leads_is_refused_and_nothing_is_numbered(office, tmp_path):
    db, ids = office
    out = tmp_path / "x.docx"
    proc = _cli(db, "render", "proposal", ids["lead"], "--document", "assist", "--out", out)
    assert proc.returncode == 2
    assert "由本单位（湛河区司法局）主办" in proc.stderr and "不出具" in proc.stderr
    assert not out.exists() and _assist_numbers(db) == 0


def test_assist_goes_to_the_lead_unit_with_our_text_and_its_dates_year(office, tmp_path):
    db, ids = office
    out = tmp_path / "assist.docx"
    proc = _cli(db, "render", "proposal", ids["assist"], "--document", "assist", "--out", out)
    assert proc.returncode == 0, proc.stderr
    text = _text(out)
    assert "湛河区住房和城乡建设局：" in text and "我局将组织律师每月进小区开展法律咨询2次" in text
    assert "贵单位主办的《关于加快老旧小区改造的提案》" in text and "关于“关于" not in text
    assert "2021年6月15日" in text
    header = docx.Document(str(out)).element.xml
    assert "平湛司会〔2021〕1号" in header and _assist_numbers(db) == 1
    again = _cli(db, "render", "proposal", ids["assist"], "--document", "assist", "--out", out)
    assert again.returncode == 0 and _assist_numbers(db) == 1  # made again: the same number


def test_second_reply_for_an_unsatisfied_deputy_has_its_own_title_and_opening(office, tmp_path):
    db, ids = office
    out = tmp_path / "second.docx"
    proc = _cli(db, "render", "suggestion", ids["second"], "--document", "second-reply", "--out", out)
    assert proc.returncode == 0, proc.stderr
    text = _text(out)
    assert "对区人大十届一次会议第12号建议的再次答复" in text.replace("\n", "")
    assert "您对我们就您提出的《关于加强农村人民调解组织建设的建议》所作的答复表示不满意" in text
    assert "2023年起村级人民调解员每案补贴提高到200元" in text and "李明代表：" in text
    assert "平湛司〔2022〕41号" in docx.Document(str(out)).element.xml
    for doubled in ("关于“关于", "的建议的建议", "的建议》的建议"):
        assert doubled not in text


def test_second_reply_is_refused_unless_the_answer_was_unsatisfied(office, tmp_path):
    db, ids = office
    out = tmp_path / "x.docx"
    proc = _cli(db, "render", "proposal", ids["lead"], "--document", "second-reply", "--out", out)
    assert proc.returncode == 2 and "只有对答复“不满意”的才需再次答复" in proc.stderr
    assert not out.exists()


def test_a_document_with_whole_ids_says_so_and_is_noted_in_the_audit_trail(office, tmp_path):
    db, ids = office
    asked = tmp_path / "协议书.docx"
    proc = _cli(db, "render", "mediation", ids["mediation"], "--out", asked)
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "协议书（含完整身份证号）.docx"  # the name says it, though the clerk's did not
    assert proc.stdout.strip() == str(out) and out.exists() and not asked.exists()
    with Registry.open(db) as registry:
        rows = registry.store.conn.execute(
            "SELECT kind, record_id, after FROM audit WHERE action = 'export'").fetchall()
        record = registry.get("mediation", ids["mediation"])
    assert len(rows) == 1 and rows[0][:2] == ("mediation", ids["mediation"])
    detail = json.loads(rows[0][2])
    assert detail["text"] == "生成人民调解协议书（2022）湛调字第15号（含完整身份证号）"
    assert detail["path"] == str(out)
    name = document_types.BY_NAME["agreement"].filename("mediation", record)
    assert name == "人民调解协议书（2022）湛调字第15号（含完整身份证号）.docx"


def test_typed_numbers_are_checked_against_their_year_and_the_first_reply(office, tmp_path):
    db, ids = office
    with Registry.open(db) as registry:
        record = registry.get("proposal", ids["assist"])
        record["assist"]["doc_number"] = "平湛司会〔2022〕5号"  # dated 2021-06-15
        registry.save("proposal", record)
        second = registry.get("suggestion", ids["second"])
        second["second_reply"]["doc_number"] = second["reply"]["doc_number"]
        registry.save("suggestion", second)
    proc = _cli(db, "render", "proposal", ids["assist"], "--document", "assist",
                "--out", tmp_path / "a.docx")
    assert proc.returncode == 0 and "年份与成文日期（2021年6月15日）的年份不一致" in proc.stderr
    proc = _cli(db, "render", "suggestion", ids["second"], "--document", "second-reply",
                "--out", tmp_path / "s.docx")
    assert proc.returncode == 0 and "与第一次答复相同" in proc.stderr
