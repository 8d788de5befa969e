"""A data file with fifty proposals ready to be answered, one of them without a reply body."""
from __future__ import annotations

import copy

import pytest

BROKEN_NUMBER = 17  # the record whose reply body the clerk has not written yet


def fifty_proposals(seed: dict) -> list:
    items = []
    for n in range(1, 51):
        item = copy.deepcopy(seed)
        item["number"] = n
        item["title"] = f"关于改善第{n}社区法律服务的建议"
        item["authors"] = [f"委员{n}"]
        item["reply"]["addressee"] = f"委员{n}委员"
        item["reply"]["doc_number"] = f"平湛司〔2022〕{n}号"
        item["reply"]["body"] = (f"一、关于第{n}社区法律服务的问题\n"
                                 f"我局已在第{n}社区设立公共法律服务工作室，每周安排律师值班。\n"
                                 "感谢您对司法行政工作的关心和支持。")
        if n == BROKEN_NUMBER:
            item["reply"]["body"] = ""
        items.append(item)
    return items


@pytest.fixture
def filled_registry(registry, seed_profile, seed_proposal):
    registry.set_profile(seed_profile)
    ids = registry.add_many("proposal", fifty_proposals(seed_proposal))
    return registry, ids


@pytest.fixture
def render():
    """The document engine's render_reply, as the batch calls it."""
    from fazhi_desktop.docgen.replies import render_reply

    return lambda reg, kind, rid, out, *, signer=None: render_reply(reg, kind, rid, out, signer=signer)
