"""`render … --out X.docx --pdf` writes X.pdf beside it; without an office suite, says why."""
from __future__ import annotations

import subprocess
import sys

import pytest

from fazhi_desktop.app import main

from .pdfutil import body_text, page_count

pytestmark = pytest.mark.slow


@pytest.fixture
def seeded(registry, seed_profile, seed_proposal, db_path):
    registry.set_profile(seed_profile)
    record_id = registry.save("proposal", seed_proposal)["id"]
    registry.close()
    return db_path, record_id


def test_render_with_pdf_writes_both_files(seeded, tmp_path):
    db, record_id = seeded
    out = tmp_path / "答复.docx"
    proc = subprocess.run([sys.executable, "-m", "fazhi_desktop", "--db", str(db), "render", "proposal",
                           record_id, "--out", str(out), "--pdf"], capture_output=True, text=True,
                          encoding="utf-8", timeout=300)
    assert proc.returncode == 0, proc.stderr
    pdf = tmp_path / "答复.pdf"
    assert proc.stdout.splitlines() == [str(out), str(pdf)]
    assert page_count(pdf) >= 3
    assert "对区政协六届一次会议第28号提案的答复" in body_text(pdf)


def test_render_with_pdf_and_no_office_suite_keeps_the_docx_and_says_why(seeded, tmp_path, capsys,
                                                                         monkeypatch):
    from fazhi_desktop.office import converters

    monkeypatch.setattr(converters, "available_converters", lambda: [])
    db, record_id = seeded
    out = tmp_path / "答复.docx"
    status = main(["--db", str(db), "render", "proposal", record_id, "--out", str(out), "--pdf"])
    err = capsys.readouterr().err
    assert status == 1
    assert out.exists() and not out.with_suffix(".pdf").exists()
    assert "Word文档已生成，但未生成PDF：未找到可以把Word文档转换为PDF的办公软件" in err
