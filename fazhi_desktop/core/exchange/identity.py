"""What lets a record travel between offices: its canonical id and its version.

- Ids are UUIDs written one way only, lowercase 8-4-4-4-12, so that one record never lives under
  two spellings (an uppercase id typed into a JSON file, `{…}` or `urn:uuid:` forms, no hyphens).
- A version is `NNNNNNNN-<office uuid>`: a per-record edit counter and the office that made the
  edit. Each edit anywhere takes the counter one past the version it was made on, so along one
  record's history the counter only grows, and the office breaks a tie between two offices that
  edited the same version. Plain string order is the order of (counter, office).
  Why not updated_at: office PCs are offline and their clocks are whatever the clerk set; a
  wrong clock would let an old edit win or make a new one look stale. The counter needs no clock.
  updated_at still travels, for people to read.
"""
from __future__ import annotations

import re
from typing import Optional

_WIDTH = 8
# An id already in the canonical spelling (every id of a package this program wrote) is taken as
# it is: parsing it with uuid.UUID for every id, office and version of a 10,000-record package
# cost more than the decisions of the merge.
_CANONICAL = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def canonical_id(value) -> Optional[str]:
    """The lowercase 8-4-4-4-12 spelling of a UUID; None when `value` is not a UUID."""
    if isinstance(value, str) and len(value) == 36 and _CANONICAL.fullmatch(value):
        return value
    # uuid (with platform) is imported when first needed, not at every start (issue 16)
    import uuid

    if isinstance(value, uuid.UUID):
        return str(value)
    if not isinstance(value, str):
        return None
    try:
        return str(uuid.UUID(value.strip()))
    except ValueError:
        return None


def new_id() -> str:
    import uuid

    return str(uuid.uuid4())


def make_version(counter: int, office_id: str) -> str:
    return f"{counter:0{_WIDTH}d}-{office_id}"


def version_counter(version: Optional[str]) -> int:
    """The edit counter of a version (0 for none or a malformed one)."""
    if not version:
        return 0
    head = version.split("-", 1)[0]
    return int(head) if head.isdigit() else 0


def next_version(previous: Optional[str], office_id: str) -> str:
    """The version of an edit made at `office_id` on a record that was at `previous`."""
    return make_version(version_counter(previous) + 1, office_id)


def version_problem(value) -> Optional[str]:
    """Why `value` is not a version (None when it is one)."""
    if not isinstance(value, str) or "-" not in value:
        return "应为“计数-单位编号”形式的版本号"
    head, office = value.split("-", 1)
    if len(head) != _WIDTH or not head.isdigit():
        return f"版本号前{_WIDTH}位应为数字"
    if canonical_id(office) != office:
        return "版本号中的单位编号不是小写UUID"
    return None
