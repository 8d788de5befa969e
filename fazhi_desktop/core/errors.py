"""Errors the core raises, each carrying the Chinese message that the CLI and the GUI show."""
from __future__ import annotations


class FazhiError(Exception):
    """Base: str(error) is a complete sentence for a clerk."""


class ValidationError(FazhiError):
    """Input refused. `problems` lists one Chinese line per problem (where and what)."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class NotFound(FazhiError):
    pass


class DatabaseProblem(FazhiError):
    """The data file cannot be used as it is (damaged, foreign, too new, locked)."""


class FileTooNew(DatabaseProblem):
    pass


class NotADatabase(DatabaseProblem):
    pass


class DatabaseLocked(DatabaseProblem):
    pass


class OutputProblem(FazhiError):
    """A document or workbook could not be written (disk full, read-only, open in Word)."""
