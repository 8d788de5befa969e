"""Making many replies in one go: names, failures listed with reasons, cancel half-way."""
from __future__ import annotations

import docx
import pytest

from fazhi_desktop.docgen import batch
from fazhi_desktop.docgen.filenames import safe_stem, unique_stem

from .conftest import BROKEN_NUMBER


def _docx_text(path) -> str:
    return "".join(p.text for p in docx.Document(str(path)).paragraphs).replace("\u2060", "")  # word joiners (docgen/nobreak.py)


def test_fifty_replies_are_made_and_the_one_without_a_body_is_named(filled_registry, tmp_path, render):
    registry, ids = filled_registry
    seen = []
    result = batch.make_replies(registry, "proposal", ids, tmp_path / "答复件", render=render,
                                progress=lambda d, t, text: seen.append((d, t)))
    assert len(result.made) == 49 and len(result.failed) == 1 and not result.cancelled
    failed = result.failed[0]
    assert f"第{BROKEN_NUMBER}号提案" in failed.label
    assert "没有答复正文" in failed.problem
    names = sorted(p.name for p in (tmp_path / "答复件").iterdir())
    assert len(names) == 49
    assert "对区政协六届一次会议第28号提案的答复.docx" in names
    assert f"对区政协六届一次会议第{BROKEN_NUMBER}号提案的答复.docx" not in names
    # each document is the reply to its own record
    made_28 = next(i for i in result.made if "第28号" in i.label)
    assert "第28社区设立公共法律服务工作室" in _docx_text(made_28.docx)
    assert seen[-1] == (50, 50)
    lines = result.report_lines()
    assert lines[0] == "已生成49份答复件，1份未能生成。"
    assert any(line.startswith("未生成：区政协六届一次会议第17号提案") and "没有答复正文" in line
               for line in lines)


def test_cancel_half_way_keeps_what_was_made_and_leaves_no_partial_file(filled_registry, tmp_path, render):
    registry, ids = filled_registry
    folder = tmp_path / "out"
    made_so_far = []

    def render_then_note(reg, kind, record_id, out_path, *, signer=None):
        result = render(reg, kind, record_id, out_path, signer=signer)
        made_so_far.append(record_id)
        return result

    result = batch.make_replies(registry, "proposal", ids, folder, render=render_then_note,
                                cancelled=lambda: len(made_so_far) >= 25)
    assert result.cancelled
    assert len(result.made) == 25 and result.not_reached == 24  # 25 made, no.17 failed, 24 left
    files = sorted(folder.iterdir())
    assert len(files) == 25 and all(f.suffix == ".docx" and not f.name.startswith(".~") for f in files)
    for f in files:  # every file left is a whole document that opens
        docx.Document(str(f))
    assert "已取消，其余24件未生成" in result.summary()


def test_a_renderer_crash_midway_leaves_no_partial_file(filled_registry, tmp_path, render):
    registry, ids = filled_registry

    def crash_after_writing_half(reg, kind, record_id, out_path, *, signer=None):
        out_path.write_bytes(b"PK\x03\x04 half a document")
        raise OSError("磁盘已满")

    folder = tmp_path / "out"
    result = batch.make_replies(registry, "proposal", ids[:3], folder, render=crash_after_writing_half)
    assert len(result.failed) == 3 and "磁盘已满" in result.failed[0].problem
    assert list(folder.iterdir()) == []


def test_names_are_safe_for_windows_and_never_overwrite(filled_registry, tmp_path, render):
    registry, ids = filled_registry
    for rid in ids[:2]:  # two replies titled alike by the clerk, with characters Windows refuses
        record = registry.get("proposal", rid)
        record["reply"]["title"] = "关于“法律服务/值班律师”问题的复函?"
        registry.save("proposal", record)
    (tmp_path / "old.docx").write_bytes(b"kept")
    result = batch.make_replies(registry, "proposal", ids[:2], tmp_path, render=render)
    names = sorted(i.docx.name for i in result.made)
    assert names == ["关于“法律服务／值班律师”问题的复函？.docx", "关于“法律服务／值班律师”问题的复函？（2）.docx"]
    assert (tmp_path / "old.docx").read_bytes() == b"kept"


def test_unsafe_names_are_cleaned():
    assert safe_stem('a<b>c:d"e/f\\g|h?i*j') == "a＜b＞c：d＂e／f＼g｜h？i＊j"
    assert safe_stem("CON") == "_CON"
    assert safe_stem("  答复. . ") == "答复"
    assert safe_stem("\n\t") == "未命名"
    assert len(safe_stem("长" * 300)) == 100


def test_unique_stem_considers_the_pdf_too(tmp_path):
    (tmp_path / "答复.pdf").write_bytes(b"")
    assert unique_stem(tmp_path, "答复", (".docx",)) == "答复"
    assert unique_stem(tmp_path, "答复", (".docx", ".pdf")) == "答复（2）"


def test_only_proposals_and_suggestions_have_replies(registry, tmp_path):
    with pytest.raises(ValueError):
        batch.make_replies(registry, "mediation", [], tmp_path)


def test_pdfs_are_made_beside_the_replies_in_few_runs(filled_registry, tmp_path, render, monkeypatch):
    from fazhi_desktop.office import converters, libreoffice

    registry, ids = filled_registry
    runs = []
    real = libreoffice.convert_many
    monkeypatch.setattr(libreoffice, "convert_many",
                        lambda sources, *a, **kw: runs.append(len(sources)) or real(sources, *a, **kw))
    monkeypatch.setattr(batch, "PDF_CHUNK", 3)
    chosen = ids[BROKEN_NUMBER - 2:BROKEN_NUMBER + 3]  # 5 records, the broken one in the middle
    result = batch.make_replies(registry, "proposal", chosen, tmp_path / "pdf", pdf=True,
                                converter=converters.find_converter("libreoffice"), render=render)
    assert len(result.made) == 4 and len(result.failed) == 1
    assert runs == [3]  # 3 PDFs in one LibreOffice run, the 4th alone
    for item in result.made:
        assert item.pdf == item.docx.with_suffix(".pdf") and item.pdf.read_bytes()[:5] == b"%PDF-"
    assert sorted(p.suffix for p in (tmp_path / "pdf").iterdir()) == [".docx"] * 4 + [".pdf"] * 4


def test_no_converter_still_makes_the_word_documents(filled_registry, tmp_path, render):
    registry, ids = filled_registry
    result = batch.make_replies(registry, "proposal", ids[:2], tmp_path / "w", pdf=True,
                                converter=None, render=render)
    assert len(result.made) == 2 and all(i.pdf is None for i in result.made)
    assert "未找到可转换PDF的办公软件，只生成了Word文档" in result.made[0].warnings


def test_a_co_signed_item_gets_one_reply_per_signer_when_asked(filled_registry, tmp_path, render):
    registry, ids = filled_registry
    record = registry.get("proposal", ids[0])
    record["authors"] = ["胡校丽", "王明"]
    registry.save("proposal", record)
    one = batch.make_replies(registry, "proposal", ids[:1], tmp_path / "one", render=render)
    each = batch.make_replies(registry, "proposal", ids[:1], tmp_path / "each", render=render,
                              per_signer=True)
    assert [i.docx.name for i in one.made] == ["对区政协六届一次会议第1号提案的答复.docx"]
    assert sorted(i.docx.name for i in each.made) == ["对区政协六届一次会议第1号提案的答复（王明）.docx",
                                                      "对区政协六届一次会议第1号提案的答复（胡校丽）.docx"]
    assert each.records_done == 1 and each.not_reached == 0
