"""Three data files standing for two township offices (司法所) and their district bureau
(司法局), filled through the app, and helpers to run the command line on them."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fazhi_desktop.core.registry import Registry

PASSPHRASE = "湛河区2026交换口令"
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number(area: str, birth: str, serial: int) -> str:
    """A valid 18-character 身份证号码 (GB 11643 check digit)."""
    body = f"{area}{birth.replace('-', '')}{serial:03d}"
    total = sum(int(c) * w for c, w in zip(body, _WEIGHTS))
    return body + "10X98765432"[total % 11]


def case(office: str, number: int, *, outcome: str = "success", accepted: str = "2022-03-01",
         **fields) -> dict:
    """A mediation case with two named parties carrying ID numbers and phones."""
    record = {
        "case_number": f"（2022）调字第{number:03d}号",
        "committee": f"{office}人民调解委员会",
        "accepted_date": accepted,
        "dispute_type": "邻里",
        "outcome": outcome,
        "facts": f"{office}两户邻居因排水沟发生纠纷（第{number}号）",
        "parties": [
            {"role": "applicant", "name": f"申请人{office[:2]}{number}甲",
             "id_number": id_number("410411", "1980-05-17", number), "phone": "13803750001",
             "address": f"{office}幸福路{number}号"},
            {"role": "respondent", "name": f"被申请人{office[:2]}{number}乙",
             "id_number": id_number("410411", "1975-11-02", 500 + number)},
        ],
    }
    record.update(fields)
    return record


def month(unit: str, period: str, **counts) -> dict:
    return {"unit": unit, "period": period, **counts}


def make_office(path: Path, authority: str, cases: list, petitions: list = (), **profile) -> dict:
    """A data file of one office; returns {"office_id", "ids": [case ids]}."""
    with Registry.open(path) as reg:
        reg.set_profile({"authority": authority, **profile})
        ids = reg.add_many("mediation", cases)
        if petitions:
            reg.add_many("petition", list(petitions))
        return {"office_id": reg.office_id, "ids": ids, "path": path}


@pytest.fixture
def offices(tmp_path):
    """曹镇乡 (4 cases, 3 settled) and 姚孟街道 (3 cases, 1 settled), both numbering from 001 so
    that the district holds two cases （2022）调字第001号; and the district with one case of its own."""
    cao = make_office(tmp_path / "caozhen.sqlite3", "曹镇乡司法所",
                      [case("曹镇乡", n, outcome="success" if n < 4 else "failure") for n in range(1, 5)],
                      [month("曹镇乡", "2022-05", letters=3, visits=2)])
    yao = make_office(tmp_path / "yaomeng.sqlite3", "姚孟街道司法所",
                      [case("姚孟街道", n, outcome="success" if n == 1 else "failure") for n in range(1, 4)],
                      [month("姚孟街道", "2022-05", letters=1, online=4)])
    district = make_office(tmp_path / "district.sqlite3", "平顶山市湛河区司法局",
                           [case("湛河区", 1)], report_to="区委、区政府")
    passfile = tmp_path / "passphrase.txt"
    passfile.write_text(PASSPHRASE + "\n", "utf-8")
    return {"cao": cao, "yao": yao, "district": district, "passfile": passfile, "dir": tmp_path}


def run(*args):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "fazhi_desktop", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)


def file_state(path: Path) -> dict:
    """Everything a merge could write, for "nothing written" checks."""
    with Registry.open(path) as reg:
        conn = reg.store.conn
        state = {}
        for table in ("mediation", "petition", "proposal", "suggestion", "conflict",
                      "package_log", "office", "tombstone", "audit"):
            state[table] = conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
        return state


def case_state(path: Path) -> dict:
    """id -> (version, deleted_at, data) of every case."""
    with Registry.open(path) as reg:
        return {r[0]: r[1:] for r in reg.store.conn.execute(
            "SELECT id, version, deleted_at, data FROM mediation")}
