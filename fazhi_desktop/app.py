"""Entry point: a command on the command line runs the CLI; none opens the window."""
from __future__ import annotations

import sys
from typing import Optional


def main(argv: Optional[list] = None) -> int:
    from .cli import run

    return run(sys.argv[1:] if argv is None else argv)
