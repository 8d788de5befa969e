"""`fazhi-desktop --db FILE render proposal ID --out FILE.docx` as a clerk's script uses it."""
from __future__ import annotations

import json

import docx

from fazhi_desktop.app import main


def _setup(tmp_path, seed_proposal, seed_profile):
    db = tmp_path / "office.sqlite3"
    (tmp_path / "profile.json").write_text(json.dumps(seed_profile, ensure_ascii=False), "utf-8")
    (tmp_path / "items.json").write_text(json.dumps([seed_proposal], ensure_ascii=False), "utf-8")
    assert main(["--db", str(db), "profile", "set", str(tmp_path / "profile.json")]) == 0
    return db


def test_render_writes_exactly_the_out_path_and_warns_on_stderr(tmp_path, capsys, seed_proposal,
                                                              seed_profile):
    db = _setup(tmp_path, seed_proposal, seed_profile)
    assert main(["--db", str(db), "add", "proposal", str(tmp_path / "items.json")]) == 0
    record_id = capsys.readouterr().out.strip()
    out = tmp_path / "答复.docx"
    assert main(["--db", str(db), "render", "proposal", record_id, "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert out.exists() and sorted(p.name for p in tmp_path.glob("*.docx")) == ["答复.docx"]
    assert "胡校丽委员：" in [p.text for p in docx.Document(str(out)).paragraphs]
    assert "字体" in captured.err  # the commercial fonts are not installed here


def test_render_refuses_a_record_without_reply_text(tmp_path, capsys, seed_proposal, seed_profile):
    seed_proposal["reply"]["body"] = ""
    db = _setup(tmp_path, seed_proposal, seed_profile)
    main(["--db", str(db), "add", "proposal", str(tmp_path / "items.json")])
    record_id = capsys.readouterr().out.strip()
    out = tmp_path / "x.docx"
    assert main(["--db", str(db), "render", "proposal", record_id, "--out", str(out)]) == 2
    assert "答复正文" in capsys.readouterr().err and not out.exists()
    assert main(["--db", str(db), "render", "proposal", "no-such-id", "--out", str(out)]) == 2


def test_render_to_a_missing_folder_fails_with_exit_1(tmp_path, capsys, seed_proposal, seed_profile):
    db = _setup(tmp_path, seed_proposal, seed_profile)
    main(["--db", str(db), "add", "proposal", str(tmp_path / "items.json")])
    record_id = capsys.readouterr().out.strip()
    out = tmp_path / "no" / "x.docx"
    assert main(["--db", str(db), "render", "proposal", record_id, "--out", str(out)]) == 1
    assert "无法保存" in capsys.readouterr().err
