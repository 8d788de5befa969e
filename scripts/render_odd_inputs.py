"""Render every document of the odd inputs (tests/documents/odd_inputs.py) for looking at.

Usage: PYTHONPATH=. .venv/bin/python scripts/render_odd_inputs.py OUT_DIR [--png]

Goes through the app's own command line (`render`, `report`, `typeset`, run in this process)
on a fresh data file in OUT_DIR, converts every .docx to PDF with LibreOffice in one run and,
with --png, every page to OUT_DIR/png/NAME-N.png (pdftoppm -r 60). Prints each command's
output and, per PDF, its page count and the last lines of its last page.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main(argv: list) -> int:
    from fazhi_desktop.office.libreoffice import convert_many
    from tests import pdfmeasure as M
    from tests.documents.odd_inputs import render_all

    out = Path(argv[0]).resolve()
    done = render_all(out)
    for name, (path, status, output) in done.items():
        print(f"== {name}: exit {status} -> {path}")
        for line in output.splitlines():
            print("   " + line)
    written = [path for path, _, _ in done.values() if path]
    for pdf in [p for p in convert_many(written, "pdf", out / "pdf") if p]:
        doc = M.open_pdf(pdf)
        foot = [ln.text for ln in M.block_lines(doc[-1])][-3:]
        print(f"{pdf.name}: {doc.page_count} pages; last page ends {foot}")
        if "--png" in argv:
            (out / "png").mkdir(exist_ok=True)
            subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf),
                            str(out / "png" / pdf.stem)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
