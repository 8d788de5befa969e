"""What merging needs, kept on every path: canonical ids, the office a record was created in,
versions that move on an edit and nowhere else, natural keys unique per office, migration."""
from __future__ import annotations

import json
import sqlite3

import pytest

from fazhi_desktop.core import schema
from fazhi_desktop.core.errors import ValidationError
from fazhi_desktop.core.registry import Registry
from fazhi_desktop.core.store import Store, derived_columns

from .conftest import case


def test_other_spellings_of_an_id_are_normalised_so_one_record_has_one_id(registry):
    upper = "8E9F1C2A-0B3D-4E5F-8A7B-9C0D1E2F3A4B"
    [stored] = registry.add_many("mediation", [dict(case("曹镇乡", 1), id=upper)])
    assert stored == upper.lower()
    again = registry.add_many("mediation", [dict(case("曹镇乡", 1), id="{" + upper + "}",
                                                 facts="改")])
    assert again == [stored]
    assert registry.count("mediation") == 1
    assert registry.get("mediation", upper)["facts"] == "改"
    registry.save("mediation", dict(registry.get("mediation", stored),
                                    id=stored.replace("-", "").upper(), facts="再改"))
    assert [r["id"] for r in registry.dump("mediation")] == [stored]


def test_office_id_is_made_once_and_kept(db_path):
    with Registry.open(db_path) as reg:
        first = reg.office_id
        assert reg.offices()[0] == {"id": first, "name": "", "own": True, "last_package_at": None}
    with Registry.open(db_path) as reg:
        assert reg.office_id == first


def test_versions_move_on_edits_deletions_and_restores_only(registry):
    own = registry.office_id
    rid = registry.save("mediation", case("曹镇乡", 1))["id"]
    assert registry.get("mediation", rid)["version"] == f"00000001-{own}"
    record = registry.get("mediation", rid)
    registry.save("mediation", record)  # saved unchanged: same version, same time
    again = registry.get("mediation", rid)
    assert again["version"] == f"00000001-{own}" and again["updated_at"] == record["updated_at"]
    registry.save("mediation", dict(record, facts="补充"))
    assert registry.get("mediation", rid)["version"] == f"00000002-{own}"
    registry.delete("mediation", rid)
    registry.restore("mediation", rid)
    assert registry.get("mediation", rid)["version"] == f"00000004-{own}"
    assert registry.get("mediation", rid)["office_id"] == own


def test_a_record_from_another_installation_keeps_its_id_office_version_and_times(tmp_path):
    with Registry.open(tmp_path / "a.sqlite3") as a:
        rid = a.save("mediation", case("曹镇乡", 1))["id"]
        a.save("mediation", dict(a.get("mediation", rid), facts="补充"))
        dumped = a.dump("mediation")
    with Registry.open(tmp_path / "b.sqlite3") as b:
        b.add_many("mediation", dumped)  # `add` of a dump: the record as it was made
        assert b.dump("mediation") == dumped
        # An edit at b keeps the record's office; the version names b as the editor.
        b.save("mediation", dict(dumped[0], facts="区里改"))
        edited = b.get("mediation", rid)
        assert edited["office_id"] == dumped[0]["office_id"] != b.office_id
        assert edited["version"] == f"00000003-{b.office_id}"


def test_natural_keys_are_unique_per_office_not_across_offices(tmp_path, registry):
    with Registry.open(tmp_path / "t.sqlite3") as township:
        township.save("mediation", case("曹镇乡", 1))
        theirs = township.dump("mediation")
    registry.save("mediation", case("曹镇乡", 1))  # the district's own 001
    registry.add_many("mediation", theirs)          # and the township's 001
    assert registry.count("mediation") == 2
    with pytest.raises(ValidationError, match="已存在"):
        registry.save("mediation", case("曹镇乡", 1))  # a second 001 of the district's own
    # An edit of the township's record is checked within the township's office.
    registry.save("mediation", dict(registry.get("mediation", theirs[0]["id"]), facts="核实"))


def test_migration_gives_existing_records_this_office_and_canonical_ids(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite3"
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:7])
    monkeypatch.setattr(schema, "LATEST_VERSION", 7)
    Store.open(path).close()
    monkeypatch.undo()
    body = case("曹镇乡", 1)
    columns = derived_columns("mediation", body)
    conn = sqlite3.connect(path)
    names = ("id",) + tuple(columns) + ("data", "created_at", "updated_at")
    conn.execute(f"INSERT INTO mediation ({', '.join(names)}) VALUES "
                 f"({', '.join('?' * len(names))})",
                 ("8E9F1C2A-0B3D-4E5F-8A7B-9C0D1E2F3A4B", *columns.values(),
                  json.dumps(body, ensure_ascii=False), "2022-03-01T09:00:00+08:00",
                  "2022-03-01T09:00:00+08:00"))
    conn.commit()
    conn.close()
    with Registry.open(path) as reg:
        assert reg.store.version == schema.LATEST_VERSION
        [record] = reg.dump("mediation")
        assert record["id"] == "8e9f1c2a-0b3d-4e5f-8a7b-9c0d1e2f3a4b"
        assert record["office_id"] == reg.office_id
        assert record["version"] == f"00000001-{reg.office_id}"
        assert record["updated_at"] == "2022-03-01T09:00:00+08:00"
