"""Records changed here and at another office since they were last merged.

The local version stays in the register; the other office's version waits in the `conflict`
table, beside it, until the clerk keeps one of the two (docs/exchange.md, "Merge rules").
"""
from __future__ import annotations

import json

from .. import records
from ..errors import NotFound, ValidationError
from .identity import canonical_id, next_version
from .offices import office_names

_SKIP = set(records.META_FIELDS) | {"merged_version"}


def differing_fields(kind: str, local: dict, remote: dict) -> list:
    """[{"name", "label", "local", "remote"}] for each top-level field whose values differ, in
    the form's order (fields the form does not know come last, under their own name)."""
    labels = {f.name: f.label for f in records.FIELDS[kind]}
    names = [f.name for f in records.FIELDS[kind]]
    names += sorted(k for k in set(local) | set(remote) if k not in labels and k not in _SKIP)
    out = []
    for name in names:
        a, b = (local or {}).get(name), (remote or {}).get(name)
        if a != b and not (a in (None, "", [], {}) and b in (None, "", [], {})):
            out.append({"name": name, "label": labels.get(name, name), "local": a, "remote": b})
    deleted_here, deleted_there = bool((local or {}).get("deleted_at")), bool(remote.get("deleted_at"))
    if deleted_here != deleted_there:
        out.append({"name": "deleted_at", "label": "已删除（回收站）",
                    "local": (local or {}).get("deleted_at"), "remote": remote.get("deleted_at")})
    return out


def _local(registry, kind: str, record_id: str):
    row = registry.store.conn.execute(
        f"SELECT data, id, created_at, updated_at, office_id, version, deleted_at FROM {kind} "
        "WHERE id = ?", (record_id,)).fetchone()
    if row is None:
        return None
    record = {"id": row[1], **json.loads(row[0])}
    record.update(created_at=row[2], updated_at=row[3], office_id=row[4], version=row[5],
                  deleted_at=row[6])
    return record


def list_conflicts(registry) -> list:
    names = office_names(registry)
    out = []
    for kind, rid, office, remote, received in registry.store.conn.execute(
            "SELECT kind, record_id, office_id, remote, received_at FROM conflict "
            "ORDER BY received_at, kind, record_id").fetchall():
        remote = json.loads(remote)
        local = _local(registry, kind, rid)
        out.append({
            "kind": kind, "kind_label": records.kind_label(kind), "id": rid,
            "office_id": office, "office": names.get(office, office),
            "record_office": names.get(remote.get("office_id"), remote.get("office_id")),
            "summary": records.describe_key(kind, remote),
            "local": local, "remote": remote,
            "fields": differing_fields(kind, local or {}, remote),
            "received_at": received})
    return out


def resolve_conflict(registry, record_id: str, keep: str) -> dict:
    if keep not in ("local", "remote"):
        raise ValidationError([f"--keep 应为 local（保留本机）或 remote（采用对方），实为“{keep}”"])
    rid = canonical_id(record_id) or record_id
    store = registry.store
    with store.transaction():
        row = store.conn.execute(
            "SELECT kind, office_id, remote, remote_version FROM conflict WHERE record_id = ?",
            (rid,)).fetchone()
        if row is None:
            raise NotFound(f"没有记录“{record_id}”的冲突（可能已处理）。")
        kind, office, remote, remote_version = row[0], row[1], json.loads(row[2]), row[3]
        local = _local(registry, kind, rid)
        if keep == "local" or local is None and remote.get("purged"):
            # The local text stays; its version passes the other one, and the other one counts
            # as merged, so neither a re-sent package nor this office's next one re-opens it.
            current = (local or {}).get("version")
            version = next_version(max(current or "", remote_version), store.office_id)
            if local is not None:
                store.conn.execute(
                    f"UPDATE {kind} SET version = ?, merged_version = ? WHERE id = ?",
                    (version, remote_version, rid))
            result = _local(registry, kind, rid)
        else:  # store.write logs the change of the record itself (修改)
            _take_remote(registry, kind, rid, local, remote, remote_version)
            result = _local(registry, kind, rid)
        store.conn.execute("DELETE FROM conflict WHERE record_id = ?", (rid,))
        word = "保留本机版本" if keep == "local" else "采用对方版本"
        names = office_names(registry)
        store.audit(kind, rid, "resolve", None, {
            "text": f"处理冲突：{records.describe_key(kind, remote)}，{word}"
                    f"（对方：{names.get(office, office)}）",
            "kept": keep, "office_id": office, "remote_version": remote_version})
    return result


def _take_remote(registry, kind, rid, local, remote, remote_version) -> None:
    from .merge import key_holder_problem, travel_of

    store = registry.store
    if remote.get("purged"):
        if local is not None and not local.get("deleted_at"):
            store.set_deleted(kind, rid, True, travel=travel_of(remote))
        return
    if not remote.get("deleted_at"):
        problem = key_holder_problem(registry, kind, remote)
        if problem:
            raise ValidationError([problem])
    store.write(kind, remote, record_id=rid, action="update" if local else "create",
                before=local, travel=travel_of(remote), insert=local is None)
