"""Substring search over Chinese text with SQLite FTS5.

Chinese has no spaces between words, so word tokenisers find nothing useful. Each run of letters
and digits is indexed as its overlapping character pairs ("法治政府" -> 法治 治政 政府), plus its last
character alone. A query of two or more characters becomes the phrase of its pairs, which matches
exactly where the query occurs as a substring; a single character becomes a prefix query.
"""
from __future__ import annotations

import re
import unicodedata

_RUN = re.compile(r"[^\W_]+", re.UNICODE)  # letters and digits of any script


def _runs(text: str) -> list:
    return _RUN.findall(unicodedata.normalize("NFKC", text).lower())


def index_text(*parts) -> str:
    """The token string stored in the FTS table for the given texts."""
    tokens = []
    for part in parts:
        if not part:
            continue
        for run in _runs(str(part)):
            tokens.extend(run[i:i + 2] for i in range(len(run) - 1))
            tokens.append(run[-1])  # so that a one-character query finds the run's last character
    return " ".join(tokens)


def match_expression(query: str) -> str:
    """An FTS5 MATCH expression for `query`, or '' when it has nothing searchable.

    Several words separated by spaces or punctuation must all occur (AND).
    """
    terms = []
    for run in _runs(query):
        if len(run) == 1:
            terms.append(f'"{run}"*')
        else:
            pairs = " ".join(run[i:i + 2] for i in range(len(run) - 1))
            terms.append(f'"{pairs}"')
    return " AND ".join(terms)
