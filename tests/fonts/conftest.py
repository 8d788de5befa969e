"""Fixtures for the font tests: LibreOffice conversion (shared with the document tests)."""
from tests.docgen.conftest import to_pdf  # noqa: F401
