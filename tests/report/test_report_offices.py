"""A district holding its townships' data packages (issue 15): the yearly report's figures are
the totals over every office, the text says whose data they include, and a 附件 gives the
per-office table (受理, 调处成功率, 信访总量 …) whose 合计 row is the text's figures.
Read as printed (LibreOffice PDF)."""
from __future__ import annotations

import json
import re

import pytest

from fazhi_desktop.core.registry import Registry
from tests.exchange.conftest import PASSPHRASE, offices, run  # noqa: F401  (fixture)
from tests.office.pdfutil import flat_text, page_texts

pytestmark = pytest.mark.slow


def _merge_townships(offices):  # noqa: F811
    district = offices["district"]["path"]
    for name in ("cao", "yao"):
        package = offices["dir"] / f"{name}.fzpkg"
        with Registry.open(offices[name]["path"]) as reg:
            reg.export_package(package, passphrase=PASSPHRASE)
        with Registry.open(district) as reg:
            reg.apply_package(reg.plan_package(package, passphrase=PASSPHRASE))
    return district


def _report(db, out, *extra):
    result = run("--db", db, "report", "--year", 2022, "--out", out, "--number", "none",
                 "--date", "2023-01-16", "--pdf", *extra)
    assert result.returncode == 0, result.stderr
    return out.with_suffix(".pdf")


def _table_rows(page: str) -> dict:
    """First cell -> the other cells, for the table rows pdftotext lays out on one line."""
    rows = {}
    for line in page.splitlines():
        cells = line.split()
        if len(cells) == 7:
            rows[cells[0]] = cells[1:]
    return rows


def test_the_districts_report_sums_its_townships_with_a_table_per_office(offices):  # noqa: F811
    district = _merge_townships(offices)
    pdf = _report(district, offices["dir"] / "district-report.docx")
    text = re.sub(r"—\d+—", "", flat_text(pdf))
    # the text's figures are the sum: 4 + 3 + 1 cases, 3 + 1 + 1 settled; 5 + 5 petitions
    assert "受理调处各类矛盾纠纷8件，调处成功5件，调处成功率62.5%" in text
    assert "信访总量10件" in text
    assert ("上述数据含我局及姚孟街道司法所、曹镇乡司法所报送的数据，各单位主要数据见附件2。" in text)
    assert "2022年各月信访总量与上年对比情况见附件1。" in text
    assert "附件：1.2022年信访总量月度趋势（与上年对比）2.2022年各单位主要数据" in text
    pages = page_texts(pdf)
    table_page = next(p for p in pages if "附件2" in re.sub(r"\s+", "", p)[:8])
    assert "2022年各单位主要数据" in re.sub(r"\s+", "", table_page)
    rows = _table_rows(table_page)
    # 建议提案, 办结率, 调解受理, 调处成功率, 信访总量, 化解率
    assert rows["曹镇乡司法所"][2:5] == ["4", "75%", "5"]
    assert rows["姚孟街道司法所"][2:5] == ["3", "33.3%", "5"]
    assert rows["合计"][2:5] == ["8", "62.5%", "10"]
    stats = json.loads(run("--db", district, "stats", "--year", 2022, "--json").stdout)
    assert stats["mediation"]["accepted"] == 8 and stats["petition"]["channel_total"] == 10


def test_a_townships_own_report_has_no_office_table(offices):  # noqa: F811
    pdf = _report(offices["cao"]["path"], offices["dir"] / "cao-report.docx",
                  "--to", "平顶山市湛河区司法局")
    text = flat_text(pdf)
    assert "各单位主要数据" not in text and "上述数据含" not in text
    assert "受理调处各类矛盾纠纷4件" in text and "见附件。" in text
