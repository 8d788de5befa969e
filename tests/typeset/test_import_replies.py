"""往年答复件入库: a folder of replies sent in earlier years becomes register entries."""
from __future__ import annotations

import json
import subprocess
import sys

import docx
import pytest

from fazhi_desktop.core import numbering
from fazhi_desktop.core.registry import Registry
from fazhi_desktop.docgen.replies import render_reply
from tests.typeset.conftest import FIXTURES

pytestmark = pytest.mark.slow


def _seed_record():
    return json.loads((FIXTURES / "seed000_proposal.json").read_text("utf-8"))


def _app_replies(folder, tmp_path):
    """Two replies the app itself printed in an earlier year, from another data file."""
    source = tmp_path / "earlier.sqlite3"
    with Registry.open(source) as registry:
        registry.set_profile(json.loads((FIXTURES / "seed000_profile.json").read_text("utf-8")))
        first = registry.save("proposal", _seed_record())
        second = dict(_seed_record(), number=31, title="关于加强社区矫正工作",
                      authors=["李华", "王强"])
        second["reply"] = dict(second["reply"], doc_number="平湛司〔2022〕30号",
                               addressee="李华委员", body="一、基本情况\n社区矫正工作稳步推进。\n二、下一步工作\n继续加强。")
        second = registry.save("proposal", second)
        paths = [render_reply(registry, "proposal", r["id"], folder / f"{r['number']}.docx").path
                 for r in (first, second)]
    return [first, second], paths


def _hand_made(path):
    """A suggestion reply typed in Word by hand: default styles, Chinese-numeral date."""
    document = docx.Document()
    for text in ["关于对区人大十届一次会议第12号建议的答复", "张伟代表：",
                 "您提出的《关于加强农村人民调解组织建设的建议》收悉。现答复如下：",
                 "一、加强组织建设", "全区已建成村（社区）调解委员会156个。",
                 "感谢您对司法行政工作的关心和支持。", "湛河区司法局", "二〇二二年七月二十日",
                 "联系单位及电话：湛河区司法局 2818989 联系人：王丙寅"]:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def _run(db, *args):
    return subprocess.run([sys.executable, "-m", "fazhi_desktop", "--db", str(db), *map(str, args)],
                          capture_output=True, text=True, timeout=300)


def test_past_replies_become_records_that_render_back_to_the_same_text(office_db, tmp_path):
    folder = tmp_path / "往年答复件"
    folder.mkdir()
    originals, paths = _app_replies(folder, tmp_path)
    _hand_made(folder / "12号建议答复.docx")
    (folder / "通知.docx").write_bytes(b"not a zip")  # unreadable: listed with why
    result = _run(office_db, "import-replies", folder)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "可导入  28.docx：区政协六届一次会议第28号提案，“关于加强法治政府建设”" in out
    assert "可导入  12号建议答复.docx：区人大十届一次会议第12号建议，“关于加强农村人民调解组织建设的建议”" in out
    assert "无法导入  通知.docx：" in out and "不是有效的Word文档" in out
    assert "共4份答复件：可导入3份（新增3件，补入已有记录0件），无法导入1份。已写入：" in out and "提案2件" in out and "建议1件" in out

    with Registry.open(office_db) as registry:
        proposals = {r["number"]: r for r in registry.dump("proposal")}
        suggestion = registry.dump("suggestion")[0]
        assert proposals[28]["title"] == "关于加强法治政府建设"
        assert proposals[31]["authors"] == ["李华"]
        assert proposals[28]["status"] == "replied" and proposals[28]["result_class"] == "A"
        assert suggestion["session"] == "区人大十届一次会议" and suggestion["number"] == 12
        assert suggestion["authors"] == ["张伟"]
        assert suggestion["reply"]["date"] == "2022-07-20"
        assert suggestion["reply"]["contact_person"] == "王丙寅"
        assert suggestion["reply"]["contact_phone"] == "2818989"
        # the 发文字号 series learned the numbers used
        assert numbering.next_doc_number(registry, "平湛司", 2022) == "平湛司〔2022〕31号"
        for original, path in zip(originals, paths):
            record = proposals[original["number"]]
            back = render_reply(registry, "proposal", record["id"], tmp_path / f"back{record['number']}.docx")
            before = [p.text for p in docx.Document(str(path)).paragraphs]
            after = [p.text for p in docx.Document(str(back.path)).paragraphs]
            assert after == before


def test_a_reply_for_an_item_already_registered_is_attached_to_it(office_db, tmp_path):
    folder = tmp_path / "past"
    folder.mkdir()
    _app_replies(folder, tmp_path)
    with Registry.open(office_db) as registry:
        record = _seed_record()
        del record["reply"]
        record["status"] = "in_progress"
        existing = registry.save("proposal", record)
    dry = _run(office_db, "import-replies", folder, "--dry-run")
    assert dry.returncode == 0 and "（补入已有记录）" in dry.stdout and "试运行，未写入" in dry.stdout
    with Registry.open(office_db) as registry:
        assert registry.count("proposal") == 1 and not registry.get("proposal", existing["id"]).get("reply")
    result = _run(office_db, "import-replies", folder)
    assert result.returncode == 0, result.stderr
    with Registry.open(office_db) as registry:
        assert registry.count("proposal") == 2
        updated = registry.get("proposal", existing["id"])
        assert updated["status"] == "replied"
        assert updated["reply"]["doc_number"] == "平湛司〔2022〕26号"


def test_a_folder_with_no_reply_writes_nothing_and_says_why(office_db, tmp_path):
    folder = tmp_path / "misc"
    folder.mkdir()
    document = docx.Document()
    document.add_paragraph("关于召开年度工作会议的通知")
    document.add_paragraph("各科室：")
    document.add_paragraph("定于下周一召开年度工作会议。")
    document.save(str(folder / "通知.docx"))
    result = _run(office_db, "import-replies", folder)
    assert result.returncode == 2
    assert "没有从标题中找到届次和编号" in result.stdout
    assert "未写入任何内容" in result.stderr
    with Registry.open(office_db) as registry:
        assert registry.count("proposal") == 0 and registry.count("suggestion") == 0
