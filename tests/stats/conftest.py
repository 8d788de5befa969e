"""Builders for the records whose figures the statistics tests count by hand."""
from __future__ import annotations

import pytest


def item(number: int, *, session: str = "区政协六届一次会议", **fields) -> dict:
    record = {"session": session, "number": number, "title": f"关于第{number}件事项的提案",
              "authors": ["胡校丽"]}
    record.update(fields)
    return record


def case(number: int, *, accepted: str = "2022-03-01", dispute_type: str = "邻里", **fields) -> dict:
    record = {
        "case_number": f"（{accepted[:4]}）湛调字第{number}号",
        "committee": fields.pop("committee", "阳光苑社区人民调解委员会"),
        "accepted_date": accepted,
        "dispute_type": dispute_type,
        "parties": [{"role": "applicant", "name": "张三"}, {"role": "respondent", "name": "李四"}],
    }
    record.update(fields)
    return record


def month(unit: str, period: str, **counts) -> dict:
    return {"unit": unit, "period": period, **counts}


@pytest.fixture
def add(registry):
    """add(kind, records) through the registry, as the CLI's `add` does."""
    def _add(kind, items):
        return registry.add_many(kind, list(items))
    return _add
