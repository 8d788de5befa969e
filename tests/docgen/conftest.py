"""Rendering helpers for the document tests: one LibreOffice conversion per document."""
from __future__ import annotations

import pytest

from fazhi_desktop.office.libreoffice import find_soffice


@pytest.fixture(scope="session")
def to_pdf():
    """docx path -> PDF path (LibreOffice headless); skips when LibreOffice is missing."""
    if not find_soffice():
        pytest.skip("LibreOffice (soffice) is not installed")
    from fazhi_desktop.office.libreoffice import convert

    def run(docx_path):
        return convert(docx_path, "pdf", docx_path.parent)

    return run
