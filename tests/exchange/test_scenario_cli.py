"""Issue 15's "Done when", through the command line as the offices would run it: two
townships export, the district imports both; edits and deletions travel; a case edited on both
sides is one conflict, then settled; an old package changes nothing; a changed byte is refused."""
from __future__ import annotations

import json

import docx

from fazhi_desktop.core.registry import Registry

from .conftest import case_state, file_state, run


def export(office, passfile, out):
    result = run("--db", office["path"], "package", "export", "--out", out,
                 "--passphrase-file", passfile)
    assert result.returncode == 0, result.stderr
    return out


def import_(office, package, passfile, *extra):
    return run("--db", office["path"], "package", "import", package, "--passphrase-file",
               passfile, *extra)


def stats(office):
    result = run("--db", office["path"], "stats", "--year", 2022, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def edit(office, record_id, **fields):
    with Registry.open(office["path"]) as reg:
        record = reg.get("mediation", record_id)
        record.update(fields)
        reg.save("mediation", record)


def test_townships_report_to_the_district_and_nothing_is_lost_or_reverted(offices):
    cao, yao, district, passfile, tmp = (offices[k] for k in ("cao", "yao", "district",
                                                              "passfile", "dir"))
    # Each township exports; the district previews, then imports both.
    cao1 = export(cao, passfile, tmp / "cao-1.fzpkg")
    yao1 = export(yao, passfile, tmp / "yao-1.fzpkg")
    before = file_state(district["path"])
    preview = import_(district, cao1, passfile, "--dry-run")
    assert preview.returncode == 0, preview.stderr
    assert "人民调解：新增4条" in preview.stdout and "预览" in preview.stdout
    assert file_state(district["path"]) == before  # --dry-run wrote nothing
    first = import_(district, cao1, passfile)
    assert first.returncode == 0, first.stderr
    assert "新增5条，更新0条，未变0条，删除0条，冲突0条" in first.stdout  # 4 cases, 1 month
    assert import_(district, yao1, passfile).returncode == 0

    # The district's figures are the sum of the three offices: 1 + 4 + 3 cases, 1 + 3 + 1 settled.
    figures = stats(district)
    assert figures["mediation"]["accepted"] == 8
    assert figures["mediation"]["success"] == 5
    assert figures["petition"]["channel_total"] == 10  # 3 + 2 from 曹镇乡, 1 + 4 from 姚孟街道
    # ... and so is the yearly report's draft.
    report = run("--db", district["path"], "report", "--year", 2022, "--out", tmp / "report.docx")
    assert report.returncode == 0, report.stderr
    text = "".join(p.text for p in docx.Document(tmp / "report.docx").paragraphs)
    text = text.replace("\u2060", "")  # the typesetter's word joiners
    assert "受理调处各类矛盾纠纷8件，调处成功5件" in text
    # Both townships' case （2022）调字第001号 are held: natural keys are unique per office.
    with Registry.open(district["path"]) as reg:
        numbers = [r["case_number"] for r in reg.dump("mediation")]
        assert numbers.count("（2022）调字第001号") == 3
        assert {o["name"] for o in reg.offices()} == {"平顶山市湛河区司法局", "曹镇乡司法所",
                                                      "姚孟街道司法所"}
    received = json.loads(run("--db", district["path"], "package", "received", "--json").stdout)
    assert [p["office_name"] for p in received] == ["姚孟街道司法所", "曹镇乡司法所"]

    # The same package again changes nothing.
    state = case_state(district["path"])
    again = import_(district, cao1, passfile)
    assert again.returncode == 0 and "新增0条，更新0条，未变5条，删除0条，冲突0条" in again.stdout
    assert case_state(district["path"]) == state

    # 曹镇乡 edits case 2 and deletes case 3; the district sees both.
    edited, gone = cao["ids"][1], cao["ids"][2]
    edit(cao, edited, outcome="failure", facts="复查后调解不成功")
    deleted = run("--db", cao["path"], "delete", "mediation", gone.upper())
    assert deleted.returncode == 0, deleted.stderr
    cao2 = export(cao, passfile, tmp / "cao-2.fzpkg")
    second = import_(district, cao2, passfile)
    assert "新增0条，更新1条，未变3条，删除1条，冲突0条" in second.stdout, second.stdout
    with Registry.open(district["path"]) as reg:
        assert reg.get("mediation", edited)["facts"] == "复查后调解不成功"
        binned = [e["record"]["id"] for e in reg.recycle_bin()]
        assert binned == [gone]  # in the 回收站, restorable
    assert stats(district)["mediation"]["accepted"] == 7

    # The old package re-sent after the newer one reverts nothing.
    state = case_state(district["path"])
    late = import_(district, cao1, passfile)
    assert late.returncode == 0 and "更新0条" in late.stdout and "删除0条" in late.stdout
    assert case_state(district["path"]) == state

    # The district and 曹镇乡 both edit case 1: one conflict, the local text stays.
    both = cao["ids"][0]
    edit(district, both, facts="区司法局核实：双方已和解")
    edit(cao, both, facts="曹镇乡补充：申请人撤回部分请求")
    cao3 = export(cao, passfile, tmp / "cao-3.fzpkg")
    third = import_(district, cao3, passfile)
    assert third.returncode == 0, third.stderr
    assert "冲突1条" in third.stdout and both in third.stdout
    listed = json.loads(run("--db", district["path"], "package", "conflicts", "--json").stdout)
    assert [c["id"] for c in listed] == [both]
    assert listed[0]["local"]["facts"] == "区司法局核实：双方已和解"
    assert listed[0]["remote"]["facts"] == "曹镇乡补充：申请人撤回部分请求"
    assert [f["name"] for f in listed[0]["fields"]] == ["facts"]
    with Registry.open(district["path"]) as reg:
        assert reg.get("mediation", both)["facts"] == "区司法局核实：双方已和解"
    settled = run("--db", district["path"], "package", "resolve", both, "--keep", "remote")
    assert settled.returncode == 0, settled.stderr
    assert json.loads(run("--db", district["path"], "package", "conflicts", "--json").stdout) == []
    with Registry.open(district["path"]) as reg:
        assert reg.get("mediation", both)["facts"] == "曹镇乡补充：申请人撤回部分请求"
    # ... and the same package once more opens no new conflict.
    assert "冲突0条" in import_(district, cao3, passfile).stdout

    # One byte changed: refused (2), a Chinese message, nothing written.
    raw = bytearray(cao3.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    bad = tmp / "cao-3-damaged.fzpkg"
    bad.write_bytes(bytes(raw))
    before = file_state(district["path"])
    refused = import_(district, bad, passfile)
    assert refused.returncode == 2
    assert "已损坏或被改动" in refused.stderr and "Traceback" not in refused.stderr
    assert file_state(district["path"]) == before


def test_refusals_and_their_exit_codes(offices):
    cao, district, passfile, tmp = (offices[k] for k in ("cao", "district", "passfile", "dir"))
    own = export(cao, passfile, tmp / "cao.fzpkg")
    result = import_(cao, own, passfile)
    assert result.returncode == 2 and "本单位自己导出的" in result.stderr

    wrong = tmp / "wrong.txt"
    wrong.write_text("不是这个口令", "utf-8")
    before = file_state(district["path"])
    result = import_(district, own, wrong)
    assert result.returncode == 2 and "口令不正确" in result.stderr
    result = run("--db", district["path"], "package", "import", own)
    assert result.returncode == 2 and "已加密" in result.stderr and "--passphrase-file" in result.stderr
    assert file_state(district["path"]) == before

    missing = run("--db", district["path"], "package", "import", tmp / "nowhere.fzpkg",
                  "--passphrase-file", passfile)
    assert missing.returncode == 1 and "无法读取" in missing.stderr
    not_a_package = tmp / "notes.fzpkg"
    not_a_package.write_text("hello", "utf-8")
    result = import_(district, not_a_package, passfile)
    assert result.returncode == 2 and "不是法治办公助手的数据包" in result.stderr

    # Export needs a passphrase, or --no-encryption, which says what it exposes.
    result = run("--db", cao["path"], "package", "export", "--out", tmp / "x.fzpkg")
    assert result.returncode == 2 and "--passphrase-file" in result.stderr
    assert not (tmp / "x.fzpkg").exists()
    result = run("--db", cao["path"], "package", "export", "--out", tmp / "x.fzpkg",
                 "--no-encryption", "--kind", "mediation", "--year", 2022)
    assert result.returncode == 0, result.stderr
    assert "身份证号码" in result.stderr and "明文" in result.stderr
    assert import_(district, tmp / "x.fzpkg", passfile).returncode == 0
    result = run("--db", cao["path"], "package", "export", "--out", tmp / "petitions.fzpkg",
                 "--no-encryption", "--kind", "petition")
    assert result.returncode == 0 and "不含个人信息" in result.stderr
    assert "身份证号码" not in result.stderr

    # `delete`: all or nothing.
    result = run("--db", cao["path"], "delete", "mediation", cao["ids"][0],
                 "00000000-0000-4000-8000-000000000000")
    assert result.returncode == 2 and "找不到" in result.stderr
    with Registry.open(cao["path"]) as reg:
        assert reg.recycle_bin() == []
    result = run("--db", cao["path"], "package", "resolve", cao["ids"][0], "--keep", "local")
    assert result.returncode == 1 and "没有记录" in result.stderr


def test_profile_show_names_the_office(offices):
    shown = json.loads(run("--db", offices["cao"]["path"], "profile", "show").stdout)
    assert shown["office_id"] == offices["cao"]["office_id"]
    assert shown["authority"] == "曹镇乡司法所"
