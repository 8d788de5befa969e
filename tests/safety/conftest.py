"""Helpers for the data-safety tests: running the real command line, hashing files, damaging them."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def run_cli(*args, env=None):
    """`fazhi-desktop ARGS` in a fresh process, as a clerk or a script would run it."""
    full_env = dict(os.environ, PYTHONIOENCODING="utf-8", **(env or {}))
    return subprocess.run([sys.executable, "-m", "fazhi_desktop", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", cwd=str(REPO),
                          env=full_env, timeout=120)


def sha256(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def proposal(number: int, title: str = "关于加强法治政府建设的提案") -> dict:
    return {"session": "区政协六届一次会议", "number": number, "title": title,
            "authors": ["胡校丽"], "lead_unit": "湛河区司法局", "assigned_date": "2026-05-10"}


@pytest.fixture
def filled_db(tmp_path):
    """A closed data file holding three proposals (no -wal left beside it)."""
    from fazhi_desktop.core.registry import Registry

    path = tmp_path / "office.sqlite3"
    with Registry.open(path) as registry:
        for n in (1, 2, 3):
            registry.save("proposal", proposal(n, f"第{n}号提案"))
    return path


def write_json(path: Path, value) -> Path:
    path.write_text(json.dumps(value, ensure_ascii=False), "utf-8")
    return path
