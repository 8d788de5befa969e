"""Reading a rendered PDF the way a checker would: page count and text per page (poppler)."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path


def page_count(pdf) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True).stdout
    return int(re.search(rb"Pages:\s+(\d+)", out).group(1))


def page_texts(pdf) -> list:
    """The text of each page (form feeds split pages), whitespace kept as pdftotext lays it out."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                         check=True).stdout.decode("utf-8")
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def flat_text(pdf) -> str:
    """All text with whitespace removed: Chinese lines break anywhere, so compare without it."""
    return re.sub(r"\s+", "", "".join(page_texts(pdf)))


def body_text(pdf) -> str:
    """flat_text without the page numbers ("— 3 —"), so text running over a page reads whole."""
    return re.sub(r"—\d+—", "", flat_text(pdf))


def page_size_mm(pdf) -> tuple:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True).stdout.decode()
    w, h = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", out).groups()
    return round(float(w) * 25.4 / 72), round(float(h) * 25.4 / 72)


def render_png(pdf, out_prefix: Path, *, dpi: int = 60) -> list:
    """PNG images of the pages (for looking at), paths sorted by page."""
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(out_prefix)], check=True)
    return sorted(Path(out_prefix).parent.glob(Path(out_prefix).name + "*.png"))
