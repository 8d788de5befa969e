"""Merging a data package: read and check it, plan what would change, apply the plan whole.

The rules (docs/exchange.md has them with an example). For a record of the package (remote,
version rv, the version it was last merged from, rb) and the same id here (local, version lv,
last merged from another office at b):
- no local record: new (新增), unless a tombstone here is newer (it was deleted for good);
- lv == rv, or rv <= b (what was already merged, or older: a re-sent or late package), or rv was
  made here and is older than lv: nothing to do (未变);
- rv > lv and local did not change since the last merge (lv == b), or the remote was edited on
  top of exactly this local version (rb == lv): the remote version is taken (更新, or 删除 when
  it is a deletion: the record goes to the 回收站, restorable);
- anything else was changed on both sides: a conflict (冲突). The local version stays; the
  remote one is kept beside it (table conflict) until the clerk settles it.
Versions compare as strings: an edit counter, then the editing office (identity.py).
Nothing is written by plan_package or preview_changes (what the GUI lists before the clerk
confirms); apply_package decides again inside its transaction (the file may have changed since
the preview), makes a verified backup when it will write anything into a file that holds records,
and writes everything or nothing.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .. import records
from ..dates import now_iso
from ..errors import ValidationError
from ..validation import record_problems
from .export import PURGED, member_name
from .identity import canonical_id, version_problem
from .offices import remember_office
from .package import PackageRefused, read_package

NEW, UPDATED, UNCHANGED, DELETED, CONFLICT = "新增", "更新", "未变", "删除", "冲突"
COUNT_KEYS = (NEW, UPDATED, UNCHANGED, DELETED, CONFLICT)
COUNT_NAMES = {NEW: "new", UPDATED: "updated", UNCHANGED: "unchanged", DELETED: "deleted",
               CONFLICT: "conflict"}
_MAX_PROBLEMS = 20


@dataclass
class PackagePlan:
    """What merging a package would do. `counts` is keyed 新增/更新/未变/删除/冲突 (COUNT_NAMES
    gives English names), `by_kind` the same per kind; `conflicts` lists {"kind", "id",
    "summary"} for the records that would be in conflict; `changes` lists {"kind", "id",
    "summary", "change", "office_id"} for every record that would not stay 未变 (the preview's
    table, with "text": the record as the registers name it); `office` is the sending office
    {"id", "name"}."""

    path: Path
    manifest: dict
    office: dict
    entries: list = field(default_factory=list)  # (kind, remote record)
    counts: dict = field(default_factory=dict)
    by_kind: dict = field(default_factory=dict)
    conflicts: list = field(default_factory=list)
    changes: list = field(default_factory=list)  # what the preview lists: every record not 未变
    positions: dict = field(default_factory=dict)  # (kind, id) -> position in its member
    checked: set = field(default_factory=set)  # (kind, id) of the records validated

    @property
    def created_at(self) -> str:
        return self.manifest.get("created_at") or ""

    @property
    def encryption(self) -> Optional[str]:
        return (self.manifest.get("encryption") or {}).get("algorithm")

    def counts_text(self) -> str:
        return "，".join(f"{k}{self.counts.get(k, 0)}条" for k in COUNT_KEYS)


# ----------------------------------------------------------------------------- reading
def plan_package(registry, path, *, passphrase=None) -> PackagePlan:
    path = Path(path)
    manifest, members = read_package(path, passphrase=passphrase, own_office=registry.office_id)
    office = manifest.get("office") or {}
    if canonical_id(office.get("id")) != office.get("id"):
        raise PackageRefused(f"数据包“{path.name}”的清单中单位编号无效，未写入任何内容。")
    entries, positions = _entries(path.name, manifest, members)
    plan = PackagePlan(path=path, manifest=manifest,
                       office={"id": office["id"], "name": office.get("name") or ""},
                       entries=entries, positions=positions)
    # Every record that would be written (or kept beside a local one) is checked as an `add`
    # would check it; those that change nothing are not, which keeps a re-sent package fast.
    _check_changing(plan, _decide_all(registry, plan))
    return plan


def _check_changing(plan: PackagePlan, decided) -> None:
    todo = [(kind, remote) for kind, remote, decision, _ in decided
            if decision != UNCHANGED and not remote.get("purged")
            and (kind, remote["id"]) not in plan.checked]
    _refuse_bad_records(plan.path.name, plan.positions, todo)
    plan.checked.update((kind, remote["id"]) for kind, remote in todo)


def _member_list(name: str, members: dict, member: str, what: str, *,
                 missing: Optional[bytes] = None) -> list:
    """The JSON list a member of the package holds (`missing` stands for an absent or empty
    member); PackageRefused, naming the member as `what` it should be, for anything else."""
    raw = members.get(member) or missing
    try:
        items = json.loads(raw.decode("utf-8")) if raw is not None else None
    except (UnicodeDecodeError, ValueError):
        items = None
    if not isinstance(items, list):
        raise PackageRefused(f"数据包“{name}”的“{member}”不是{what}，未写入任何内容。")
    return items


def _entries(name: str, manifest: dict, members: dict) -> tuple:
    """([(kind, record)] for every record and purged id of the package, deletions first (a
    record deleted and another given its number must not collide), {(kind, id): position}),
    the ids and versions checked."""
    problems, entries, positions = [], [], {}
    for kind in manifest.get("kinds") or ():
        if kind not in records.KINDS:
            raise PackageRefused(f"数据包“{name}”含未知的记录类型“{kind}”，未写入任何内容。")
        items = _member_list(name, members, member_name(kind), "记录列表")
        for pos, item in enumerate(items, 1):
            where = f"{records.kind_label(kind)}第{pos}条记录："
            found = _identity_problems(item, where)
            if not found and (kind, item["id"]) in positions:
                found = [f"{where}记录编号（id）与第{positions[(kind, item['id'])]}条相同"]
            problems += found
            if not found:
                entries.append((kind, item))
                positions[(kind, item["id"])] = pos
    purged = _member_list(name, members, PURGED, "列表", missing=b"[]")  # none: nothing purged
    for pos, item in enumerate(purged, 1):
        where = f"已彻底删除的第{pos}条记录："
        found = _identity_problems(item, where)
        if not found and item.get("kind") not in records.KINDS:
            found = [f"{where}记录类型“{item.get('kind')}”无效"]
        problems += found
        if not found and (item["kind"], item["id"]) not in positions:  # else: its record is here
            positions[(item["kind"], item["id"])] = pos
            entries.append((item["kind"], dict(item, purged=True, deleted_at=item.get("deleted_at")
                                                or now_iso())))
    _refuse(name, problems)
    entries.sort(key=lambda e: not (e[1].get("deleted_at") or e[1].get("purged")))
    return entries, positions


def _refuse(name: str, problems: list) -> None:
    if problems:
        more = len(problems) - _MAX_PROBLEMS
        lines = [f"数据包“{name}”中有不符合格式的记录，未写入任何内容："] + problems[:_MAX_PROBLEMS]
        if more > 0:
            lines.append(f"……另有{more}处问题")
        raise ValidationError(lines)


def _refuse_bad_records(name: str, positions: dict, entries) -> None:
    problems = []
    for kind, item in entries:
        where = f"{records.kind_label(kind)}第{positions.get((kind, item['id']))}条记录："
        problems += [where + p for p in record_problems(kind, item, None)]
    _refuse(name, problems)


def _identity_problems(item, where: str) -> list:
    if not isinstance(item, dict):
        return [f"{where}应为一个对象"]
    problems = []
    if canonical_id(item.get("id")) != item.get("id"):
        problems.append(f"{where}记录编号（id）“{item.get('id')}”不是小写UUID")
    if canonical_id(item.get("office_id")) != item.get("office_id"):
        problems.append(f"{where}单位编号（office_id）“{item.get('office_id')}”不是小写UUID")
    bad = version_problem(item.get("version"))
    if bad:
        problems.append(f"{where}版本（version）“{item.get('version')}”{bad}")
    if item.get("merged_version") is not None and version_problem(item["merged_version"]):
        problems.append(f"{where}merged_version“{item['merged_version']}”不是版本号")
    for name in ("created_at", "updated_at", "deleted_at"):
        if item.get(name) is not None and not isinstance(item[name], str):
            problems.append(f"{where}{name}应为时间文字（ISO 8601），实为{item[name]!r}")
    return problems


# ----------------------------------------------------------------------------- deciding
def _local_state(registry, kind: str) -> dict:
    """id -> (version, merged_version, deleted_at) of every record of a kind here."""
    return {rid: (v, m, d) for rid, v, m, d in registry.store.conn.execute(
        f"SELECT id, version, merged_version, deleted_at FROM {kind}")}


def _tombstones(registry) -> dict:
    return {(k, i): v for k, i, v in registry.store.conn.execute(
        "SELECT kind, id, version FROM tombstone")}


def decide(local, remote: dict, own_office: str, tombstone: Optional[str] = None) -> str:
    """One of NEW, UPDATED, UNCHANGED, DELETED, CONFLICT (the module docstring's rules).
    `local` is (version, merged_version, deleted_at) or None."""
    rv, rb = remote["version"], remote.get("merged_version")
    gone = bool(remote.get("deleted_at") or remote.get("purged"))
    if local is None:
        if tombstone is not None and rv <= tombstone:
            return UNCHANGED
        if remote.get("purged"):
            return UNCHANGED  # never held here: nothing to move to the bin
        return DELETED if gone else NEW
    lv, b, local_deleted = local
    if rv == lv or (b and rv <= b):
        return UNCHANGED
    if rv < lv and rv.split("-", 1)[1] == own_office:
        return UNCHANGED  # an older edit made here, coming back through another office
    if rv > lv and (lv == b or rb == lv):
        if gone and not local_deleted:
            return DELETED
        return UPDATED
    return CONFLICT


def _decide_all(registry, plan: PackagePlan) -> list:
    """Decide every entry against the file as it is now; fills plan.counts/by_kind/conflicts
    and returns [(kind, record, decision, held here)]."""
    own = registry.office_id
    states = {kind: _local_state(registry, kind) for kind in {k for k, _ in plan.entries}}
    tombs = _tombstones(registry)
    counts = dict.fromkeys(COUNT_KEYS, 0)
    by_kind, conflicts, decided, changes = {}, [], [], []
    for kind, remote in plan.entries:
        rid = remote["id"]
        decision = decide(states[kind].get(rid), remote, own, tombs.get((kind, rid)))
        counts[decision] += 1
        by_kind.setdefault(kind, dict.fromkeys(COUNT_KEYS, 0))[decision] += 1
        if decision != UNCHANGED:
            purged = remote.get("purged")
            summary = records.describe_key(kind, remote) if not purged else rid
            text = f"（已彻底删除的记录 {rid}）" if purged else _record_text(kind, remote)
            changes.append({"kind": kind, "id": rid, "summary": summary, "text": text,
                            "change": decision, "office_id": remote["office_id"]})
            if decision == CONFLICT:
                conflicts.append({"kind": kind, "id": rid, "summary": summary})
        decided.append((kind, remote, decision, rid in states[kind]))
    plan.counts, plan.by_kind, plan.conflicts, plan.changes = counts, by_kind, conflicts, changes
    return decided


def _record_text(kind: str, record: dict) -> str:
    """The record as the registers and the 回收站 name it (core.registry.summarize)."""
    from ..registry import summarize  # registry imports this module lazily: no cycle

    return summarize(kind, record).strip() or record["id"]


def preview_changes(registry, plan: PackagePlan) -> list:
    """What merging `plan` would change in the file as it is now, writing nothing: one dict per
    record that would not stay 未变 ({"kind", "kind_label", "id", "summary", "text", "change",
    "office_id"}), in the package's order (deletions first). Also refreshes plan.counts,
    by_kind, conflicts and changes, so a preview shown after another merge or a settled
    conflict is still true."""
    _decide_all(registry, plan)
    return [dict(change, kind_label=records.kind_label(change["kind"]))
            for change in plan.changes]


# ----------------------------------------------------------------------------- applying
def travel_of(remote: dict) -> dict:
    """The identity a record arrives with, as Store.write and set_deleted take it."""
    return {"office_id": remote["office_id"], "version": remote["version"],
            "merged_version": remote["version"], "created_at": remote.get("created_at"),
            "updated_at": remote.get("updated_at"), "deleted_at": remote.get("deleted_at")}


def key_holder_problem(registry, kind: str, remote: dict) -> Optional[str]:
    """A Chinese sentence when another live record here holds the remote record's key in its
    office (it would break the per-office uniqueness), else None."""
    holder = registry.store.find_by_key(kind, remote, remote["office_id"])
    if holder and holder != remote["id"]:
        return (f"{records.describe_key(kind, remote)}（id {remote['id']}）与本机已有的另一条记录"
                f"（id {holder}）编号相同，同一单位内编号不能重复；请先核对这两条记录。")
    return None


def apply_package(registry, plan: PackagePlan, *, progress=None, cancelled=None) -> dict:
    """Merge the planned package in one transaction; returns the counts as applied (the plan is
    updated with them). Refused with nothing written when a record would break a key.
    Before writing into a file that holds records, a verified backup is made (reason 导入, as
    for an Excel import); a package that changes nothing costs no backup. BackupProblem (its
    Chinese message) when that copy cannot be made: then nothing is merged either."""
    try:
        return _apply(registry, plan, progress, cancelled)
    except sqlite3.IntegrityError as exc:  # a case the rules above did not foresee: refuse whole
        raise PackageRefused(f"数据包“{plan.path.name}”与本机数据冲突，无法合并（{exc}），"
                             "未写入任何内容。") from exc


def _apply(registry, plan: PackagePlan, progress, cancelled) -> dict:
    store = registry.store
    now = now_iso()
    with store.transaction():
        decided = _decide_all(registry, plan)
        _check_changing(plan, decided)  # the file may have changed since the preview
        held_records = _holds_records(store)  # before the merge adds any
        open_conflicts = set(store.conn.execute("SELECT kind, record_id FROM conflict"))
        total = len(decided)
        for i, (kind, remote, decision, exists) in enumerate(decided):
            if cancelled is not None and i % 200 == 0 and cancelled():
                raise InterruptedError("已取消，未导入任何记录。")
            _apply_one(registry, kind, remote, decision, plan.office["id"], now, exists,
                       (kind, remote["id"]) in open_conflicts)
            if progress is not None and (i % 200 == 0 or i + 1 == total):
                progress(i + 1, total)
        office = plan.office
        remember_office(store.conn, office, plan.created_at, now)
        for other in plan.manifest.get("offices") or ():
            if (isinstance(other, dict) and canonical_id(other.get("id")) == other.get("id")
                    and other["id"] not in (office["id"], registry.office_id)):
                store.conn.execute(
                    "INSERT INTO office(id, name, own, first_seen_at) VALUES (?, ?, 0, ?) "
                    "ON CONFLICT(id) DO NOTHING", (other["id"], other.get("name") or "", now))
        store.conn.execute(
            "INSERT INTO package_log(package_id, office_id, office_name, created_at, imported_at, "
            "encryption, counts) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (plan.manifest.get("package_id") or "", office["id"], office["name"], plan.created_at,
             now, plan.encryption, json.dumps(plan.counts, ensure_ascii=False)))
        registry.note("merge", kind="package", record_id=plan.manifest.get("package_id") or "",
                      detail={"text": f"导入{office['name'] or office['id']}的数据包"
                                      f"（{plan.created_at[:10]}）：{plan.counts_text()}",
                              "office_id": office["id"], "counts": plan.counts,
                              "path": str(plan.path)})
        if held_records and any(plan.counts[k] for k in COUNT_KEYS if k != UNCHANGED):
            # Accepted and about to commit (a refused or cancelled merge costs no backup), as
            # the Excel import does: in WAL mode the copy is the file as last committed, i.e.
            # without this merge, and no other writer can come between.
            from ..backup import backup_now

            backup_now(registry.path, "import")
    return plan.counts


def _holds_records(store) -> bool:
    return any(store.conn.execute(f"SELECT 1 FROM {kind} LIMIT 1").fetchone()
               for kind in records.KINDS)


def _apply_one(registry, kind: str, remote: dict, decision: str, sender: str, now: str,
               exists: bool, in_conflict: bool) -> None:
    store = registry.store
    rid = remote["id"]
    if decision == UNCHANGED:
        if remote.get("purged") and not exists:
            _remember_tombstone(store, kind, remote)
        return
    if decision == CONFLICT:
        row = store.conn.execute(
            "SELECT remote_version FROM conflict WHERE kind = ? AND record_id = ?",
            (kind, rid)).fetchone()
        if row is None or row[0] < remote["version"]:
            local_version = store.conn.execute(
                f"SELECT version FROM {kind} WHERE id = ?", (rid,)).fetchone()[0]
            store.conn.execute(
                "INSERT OR REPLACE INTO conflict(kind, record_id, office_id, remote, "
                "remote_version, local_version, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (kind, rid, sender, json.dumps(remote, ensure_ascii=False), remote["version"],
                 local_version, now))
        return
    if remote.get("purged"):
        if exists:  # deleted for good there: here it only goes to the 回收站, restorable
            before = store.load(kind, rid, include_deleted=True)
            store.set_deleted(kind, rid, True, travel=travel_of(remote))
            store.audit(kind, rid, "delete", before, None)
        else:
            _remember_tombstone(store, kind, remote)
        return
    if not remote.get("deleted_at"):
        problem = key_holder_problem(registry, kind, remote)
        if problem:
            raise PackageRefused(problem + "数据包未导入，未写入任何内容。")
    # The 操作记录 shows each record's change as 新建/修改 with its fields; the package's own
    # 'merge' entry (apply_package) says where they came from.
    before = store.load(kind, rid, include_deleted=True) if exists else None
    store.write(kind, remote, record_id=rid, action="update" if exists else "create",
                before=before, travel=travel_of(remote), insert=not exists)
    if in_conflict:  # taken from the other office now: the conflict kept beside it is settled
        store.conn.execute("DELETE FROM conflict WHERE kind = ? AND record_id = ?", (kind, rid))


def _remember_tombstone(store, kind: str, remote: dict) -> None:
    store.conn.execute(
        "INSERT INTO tombstone(kind, id, office_id, version, deleted_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(kind, id) DO UPDATE SET version = max(version, excluded.version)",
        (kind, remote["id"], remote["office_id"], remote["version"], remote["deleted_at"]))
