"""Substring search in Chinese: two characters of a title find the record."""
from __future__ import annotations

from fazhi_desktop.core.queries import TableQuery, seqs
from fazhi_desktop.core.search import index_text, match_expression


def _add(registry, number, title, body=""):
    return registry.save("proposal", {"session": "区政协六届一次会议", "number": number,
                                      "title": title, "authors": ["胡校丽"],
                                      "reply": {"body": body}})


def _found(registry, text):
    ids = seqs(registry.store.conn, TableQuery("proposal", search=text))
    return sorted(r["number"] for r in registry.store.query(
        f"SELECT number FROM proposal WHERE seq IN ({','.join(map(str, ids)) or 'NULL'})"))


def test_two_characters_find_a_title_containing_them(registry):
    _add(registry, 1, "关于加强法治政府建设")
    _add(registry, 2, "关于改善农村道路")
    assert _found(registry, "法治") == [1]
    assert _found(registry, "治政") == [1]  # any substring, not just words
    assert _found(registry, "法治政府") == [1]
    assert _found(registry, "政府法治") == []


def test_search_covers_authors_and_reply_body(registry):
    _add(registry, 1, "关于A", body="开展“12.4”国家宪法日集中宣传")
    _add(registry, 2, "关于B")
    assert _found(registry, "宪法日") == [1]
    assert _found(registry, "12.4") == [1]
    assert _found(registry, "胡校") == [1, 2]


def test_single_character_and_several_words(registry):
    _add(registry, 1, "关于加强法治政府建设")
    _add(registry, 2, "关于加强农村道路建设")
    assert _found(registry, "府") == [1]
    assert _found(registry, "加强 道路") == [2]


def test_edit_updates_the_index_and_delete_hides(registry):
    rec = _add(registry, 1, "关于加强法治政府建设")
    registry.save("proposal", dict(rec, title="关于改善营商环境"))
    assert _found(registry, "法治") == []
    assert _found(registry, "营商") == [1]
    registry.delete("proposal", rec["id"])
    assert _found(registry, "营商") == []


def test_tokens_and_expression_shapes():
    assert index_text("法治政府") == "法治 治政 政府 府"
    assert match_expression("法治政府") == '"法治 治政 政府"'
    assert match_expression("“") == ""
