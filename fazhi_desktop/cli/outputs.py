"""The one check every command makes before it writes an output file (core/output_guard.py):
not the data file, its side files or backups, not the command's own input, the right ending,
and for --pdf the PDF beside the document as well."""
from __future__ import annotations

from pathlib import Path


def guard_output(args, out, ending: str, *, inputs=(), pdf: bool = False) -> Path:
    """`out` as a Path, or OutputRefused (exit 1) / ValidationError (exit 2) in Chinese."""
    from ..core.output_guard import check_output
    from ..paths import resolve_db_path

    data_file = resolve_db_path(args.db, create_folder=False)
    path = check_output(out, data_file=data_file, ending=ending, inputs=inputs)
    if pdf:
        check_output(path.with_suffix(".pdf"), data_file=data_file, ending=".pdf", inputs=inputs)
    return path
