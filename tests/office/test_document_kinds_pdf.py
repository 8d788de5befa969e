"""Every other kind of document the app makes comes out as PDF beside it with `render … --pdf`:
the opinion form, the 会办意见 and the mediation agreement (one LibreOffice run each)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import FIXTURES

from .pdfutil import body_text, page_count, page_size_mm

pytestmark = pytest.mark.slow

KINDS = {
    "opinion-form": ("proposal", ["--document", "opinion-form"],
                     ["政协委员提案办理情况征询意见表", "区政协六届一次会议第28号", "胡校丽"]),
    "assist": ("proposal", ["--document", "assist"],
               ["关于区政协六届一次会议第28号提案的会办意见"]),
    "agreement": ("mediation", [], ["人民调解协议书", "（2022）湛调字第1号", "赔偿李四医疗费2000元"]),
}


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    from fazhi_desktop.core.registry import Registry

    folder = tmp_path_factory.mktemp("kinds")
    with Registry.open(folder / "office.sqlite3") as registry:
        registry.set_profile(json.loads((FIXTURES / "seed000_profile.json").read_text("utf-8")))
        proposal = json.loads((FIXTURES / "seed000_proposal.json").read_text("utf-8"))
        ids = {"proposal": registry.save("proposal", proposal)["id"]}
        case = {"case_number": "（2022）湛调字第1号", "committee": "阳光苑社区人民调解委员会",
                "accepted_date": "2022-03-05", "dispute_type": "邻里", "outcome": "success",
                "facts": "邻里排水纠纷。",
                "parties": [{"role": "applicant", "name": "张三"}, {"role": "respondent", "name": "李四"}],
                "agreement": {"terms": "张三于2022年3月10日前赔偿李四医疗费2000元。", "copies": 3}}
        ids["mediation"] = registry.save("mediation", case)["id"]
    outputs = {}
    for name, (kind, extra, _texts) in KINDS.items():
        out = folder / f"{name}.docx"
        proc = subprocess.run([sys.executable, "-m", "fazhi_desktop", "--db", str(folder / "office.sqlite3"),
                               "render", kind, ids[kind], "--out", str(out), *extra, "--pdf"],
                              capture_output=True, text=True, encoding="utf-8", timeout=300)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.splitlines() == [str(out), str(out.with_suffix(".pdf"))]
        outputs[name] = out.with_suffix(".pdf")
    return outputs


@pytest.mark.parametrize("name", list(KINDS))
def test_each_document_kind_prints_as_a4_pdf_with_its_text(made, name):
    pdf = made[name]
    assert page_count(pdf) >= 1 and page_size_mm(pdf) == (210, 297)
    text = body_text(pdf)
    for expected in KINDS[name][2]:
        assert expected in text
