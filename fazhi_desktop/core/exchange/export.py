"""Writing a data package of this file's records (docs/exchange.md).

A package is complete for what it covers (its kinds and year), not a delta since the last one:
a lost or reordered package loses nothing, since the next one carries everything again and
versions decide what is new. Deleted records travel (with deleted_at), and so do the
tombstones of records deleted for good (purged.json).
"""
from __future__ import annotations

import json
from typing import Iterable, Optional

from .. import records
from ..dates import now_iso
from ..errors import ValidationError
from ..years import record_year_sql
from .identity import new_id
from .offices import office_names
from .package import write_package


def member_name(kind: str) -> str:
    return f"records/{kind}.json"


PURGED = "purged.json"


# What each register puts in clear text in an unencrypted package (issue 20.2: "says what it
# exposes"). Petition figures are counts per unit and month: no person is named in them.
_EXPOSED = {
    "mediation": "人民调解当事人的姓名、身份证号码、联系电话、住址和纠纷事实",
    "proposal": "政协委员的姓名、提案内容和答复",
    "suggestion": "人大代表的姓名、建议内容和答复",
}


def exposure_text(kinds: Optional[Iterable] = None) -> str:
    """What an unencrypted package of these registers lets anyone who gets the file read."""
    kinds = check_kinds(kinds)
    exposed = [_EXPOSED[k] for k in kinds if k in _EXPOSED]
    if not exposed:
        return ("不加密：数据包中的信访统计数字以明文保存（只有各单位每月的件数，不含个人信息），"
                "拿到文件的人都能读取。")
    return ("不加密：数据包中的记录以明文保存，包括" + "；".join(exposed) + "。任何拿到这个文件"
            "（U盘、邮件附件、共享文件夹）的人都能读取，请确认对方确实无法使用口令后再选择不加密。")


def check_kinds(kinds: Optional[Iterable]) -> tuple:
    if not kinds:
        return records.KINDS
    kinds = tuple(dict.fromkeys(kinds))
    unknown = [k for k in kinds if k not in records.KINDS]
    if unknown:
        raise ValidationError([f"未知的记录类型“{k}”，应为 proposal、suggestion、mediation 或 petition"
                               for k in unknown])
    return kinds


def package_records(registry, kind: str, year: Optional[int] = None) -> list:
    """Every record of a kind (deleted ones too) as it travels: the interchange fields plus
    id, office_id, version, merged_version, created_at, updated_at, deleted_at."""
    where, params = "1", {}
    if year is not None:
        # the year of the statistics (core/years.py), as the ledgers choose it
        where, params = f"({record_year_sql(kind)} = :year)", {"year": f"{year:04d}"}
    rows = registry.store.conn.execute(
        f"SELECT data, id, created_at, updated_at, office_id, version, merged_version, deleted_at "
        f"FROM {kind} "
        f"WHERE {where} ORDER BY seq", params)
    out = []
    for data, rid, created, updated, office_id, version, merged, deleted in rows:
        record = {"id": rid, **json.loads(data)}
        record.update(created_at=created, updated_at=updated, office_id=office_id,
                      version=version, merged_version=merged, deleted_at=deleted)
        out.append(record)
    return out


def purged_records(registry, kinds) -> list:
    marks = ", ".join("?" * len(kinds))
    rows = registry.store.conn.execute(
        f"SELECT kind, id, office_id, version, deleted_at FROM tombstone WHERE kind IN ({marks}) "
        "ORDER BY kind, id", tuple(kinds))
    return [{"kind": k, "id": i, "office_id": o, "version": v, "deleted_at": d}
            for k, i, o, v, d in rows]


def export_package(registry, path, *, kinds=None, year=None, passphrase=None, progress=None,
                   cancelled=None) -> dict:
    kinds = check_kinds(kinds)
    if year is not None and not (isinstance(year, int) and 1900 <= year <= 2999):
        raise ValidationError([f"年度“{year}”无效，应为四位年份，如2022"])
    if passphrase is not None and not passphrase.strip():
        raise ValidationError(["口令不能为空"])
    members, counts, record_offices = {}, {}, set()
    for i, kind in enumerate(kinds):
        if cancelled is not None and cancelled():
            raise InterruptedError("已取消，未生成数据包。")
        items = package_records(registry, kind, year)
        deleted = sum(1 for r in items if r["deleted_at"])
        record_offices.update(r["office_id"] for r in items)
        members[member_name(kind)] = json.dumps(items, ensure_ascii=False).encode("utf-8")
        counts[kind] = {"records": len(items) - deleted, "deleted": deleted}
        if progress is not None:
            progress(i + 1, len(kinds) + 1)
    purged = purged_records(registry, kinds)
    members[PURGED] = json.dumps(purged, ensure_ascii=False).encode("utf-8")
    for entry in purged:
        counts[entry["kind"]]["purged"] = counts[entry["kind"]].get("purged", 0) + 1
    office = {"id": registry.office_id, "name": registry.profile().get("authority") or ""}
    names = office_names(registry)
    manifest = {"package_id": new_id(), "office": office, "created_at": now_iso(),
                "kinds": list(kinds), "year": year, "counts": counts,
                "offices": [{"id": o, "name": names.get(o, "")} for o in sorted(record_offices)]}
    if cancelled is not None and cancelled():
        raise InterruptedError("已取消，未生成数据包。")
    manifest = write_package(path, manifest, members, passphrase=passphrase)
    if progress is not None:
        progress(len(kinds) + 1, len(kinds) + 1)
    total = sum(c["records"] + c["deleted"] for c in counts.values())
    algorithm = (manifest["encryption"] or {}).get("algorithm") or "未加密"
    registry.note("export", kind="package", record_id=manifest["package_id"], detail={
        "text": f"导出数据包“{path}”：{total}条记录（{algorithm}）",
        "path": str(path), "counts": counts, "encryption": algorithm})
    return manifest
