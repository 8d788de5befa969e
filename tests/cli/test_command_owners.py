"""The command line parses only the module of the command it runs (issue 16, start-up cost):
COMMAND_OWNERS must name, for every command, the module that registers it."""
from __future__ import annotations

import argparse
import importlib

from fazhi_desktop import cli


def _commands_of(module: str) -> set:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    importlib.import_module(f"fazhi_desktop.cli.{module}").register(sub)
    return set(sub.choices)


def test_every_command_is_owned_by_the_module_that_registers_it():
    owned = {}
    for module in cli.COMMAND_MODULES:
        for command in _commands_of(module):
            owned[command] = module
    assert owned == cli.COMMAND_OWNERS


def test_a_start_parses_only_what_it_runs():
    assert cli._modules_for(["--db", "x.sqlite3"]) == ()
    assert cli._modules_for([]) == ()
    assert cli._modules_for(["--db", "x.sqlite3", "stats", "--year", "2022"]) == ("stats",)
    assert cli._modules_for(["render", "proposal", "x", "--out", "a.docx"]) == ("render",)
    assert cli._modules_for(["--help"]) == cli.COMMAND_MODULES
    assert cli._modules_for(["nonsense"]) == cli.COMMAND_MODULES  # its error lists every command


def test_an_unknown_command_is_still_refused_with_the_list(capsys):
    import pytest

    with pytest.raises(SystemExit) as exc:
        cli.run(["--db", "x.sqlite3", "nonsense"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "无效的选项" in err and "stats" in err
