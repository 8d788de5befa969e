"""The substring search index (schema step 3) as a clerk sees it: found, edited, purged, migrated."""
from __future__ import annotations

import json
import sqlite3

from fazhi_desktop.core import schema
from fazhi_desktop.core.queries import TableQuery, seqs
from fazhi_desktop.core.registry import Registry


def _found(registry, text, kind="proposal"):
    return len(seqs(registry.store.conn, TableQuery(kind, search=text)))


def test_search_by_two_four_one_and_many_characters_finds_the_reply(registry, seed_proposal):
    registry.save("proposal", seed_proposal)
    for text in ("法治", "法治政府", "法", "胡校丽", "政府 法治", "治政府建设示范市"):
        assert _found(registry, text) == 1, text
    for text in ("法治政务", "校丽胡", "政府法治部"):
        assert _found(registry, text) == 0, text


def test_editing_the_reply_forgets_old_words_and_finds_new_ones(registry, seed_proposal):
    saved = registry.save("proposal", seed_proposal)
    saved["title"] = "关于完善人民调解的提案"
    saved["reply"]["body"] = "全新的正文，关于物业纠纷。"
    registry.save("proposal", saved)
    assert _found(registry, "物业纠纷") == 1
    assert _found(registry, "示范市") == 0
    assert _found(registry, "法治") == 0
    conn = registry.store.conn
    for table in ("proposal_pairs", "proposal_trigrams"):
        conn.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 0)")


def test_a_purged_record_is_no_longer_found_and_a_new_one_is(registry, seed_proposal):
    saved = registry.save("proposal", seed_proposal)
    registry.delete("proposal", saved["id"])
    assert _found(registry, "法治政府") == 0  # in the recycle bin
    registry.purge("proposal", saved["id"])
    again = dict(seed_proposal, number=29, title="关于社区矫正")
    again["reply"] = {"body": "矫正工作"}
    registry.save("proposal", again)
    assert _found(registry, "法治政府") == 0
    assert _found(registry, "矫正") == 1


def test_a_version_2_file_is_searchable_after_the_upgrade(tmp_path, seed_proposal):
    path = tmp_path / "v2.sqlite3"
    conn = sqlite3.connect(path)
    for _, sql, _ in schema.MIGRATIONS[:2]:
        conn.executescript(sql)
    conn.execute(
        "INSERT INTO proposal(id, session, number, title, authors, data, created_at, updated_at) "
        "VALUES ('a3c1d0e4-0000-4000-8000-000000000002', ?, 28, ?, '胡校丽', ?, '2022', '2022')",
        (seed_proposal["session"], seed_proposal["title"],
         json.dumps(seed_proposal, ensure_ascii=False)))
    conn.execute("PRAGMA user_version=2")
    conn.commit()
    conn.close()
    with Registry.open(path, backup_dir=tmp_path / "backups") as registry:
        assert registry.store.version == schema.LATEST_VERSION
        assert _found(registry, "法治政府") == 1
        assert _found(registry, "胡校") == 1


def test_a_search_right_after_saving_finds_the_new_words(registry, seed_proposal):
    saved = registry.save("proposal", seed_proposal)
    assert _found(registry, "法治") == 1  # the listed rows are now kept for the next search
    other = dict(seed_proposal, number=30, title="关于法治宣传")
    other.pop("reply")
    registry.save("proposal", other)
    assert _found(registry, "法治") == 2
    registry.delete("proposal", saved["id"])
    assert _found(registry, "法治") == 1
    listed = seqs(registry.store.conn, TableQuery("proposal"))
    listed.clear()  # a table changing its own list must not change what the next query returns
    assert len(seqs(registry.store.conn, TableQuery("proposal"))) == 1
