"""Substring search over Chinese text with SQLite FTS5: exact "finds any substring" semantics.

Chinese has no spaces between words, so word tokenisers find nothing useful. A record's text is
normalised (NFKC, lower case) and cut into runs of letters and digits; two contentless FTS5
tables index the runs (schema step 3):
- `{kind}_pairs` (detail=none): each distinct character pair of the record, plus each run's last
  character. A 2-character query is one token, a 1-character query a prefix: an exact answer
  without positions, so the index is small (a tenth of the positional one) and fast.
- `{kind}_trigrams` (SQLite's trigram tokenizer, detail=full): the runs joined by spaces. A query
  run of 3+ characters is a phrase of its trigrams, which matches exactly where it occurs.
Several query words (split by spaces or punctuation) must all occur (AND). The tables keep no
copy of the text (content=''), so removing a record from them needs the text it was indexed
with: `unindex` recomputes it from the stored record, which is why `record_texts` must stay
deterministic (change it only together with a schema step that rebuilds the index).
"""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

_RUN = re.compile(r"[^\W_]+", re.UNICODE)  # letters and digits of any script
SEARCHABLE = ("proposal", "suggestion", "mediation")



def _runs(text: str) -> list:
    return _RUN.findall(nfkc(text).lower())


# Characters common in Chinese text whose NFKC form is their plain compatibility decomposition
# (fullwidth punctuation and digits, the ideographic space …): replaced by it with str.translate,
# the text is usually NFKC already and unicodedata's quick check says so. Exact: replacing a
# character by its full compatibility decomposition leaves the text's NFKD, hence its NFKC,
# unchanged; and when the result is NFKC it is therefore NFKC(text). Otherwise the full
# normalisation runs as before. (NFKC was 40 % of indexing a reply: issue 16, adding records.)
_QUICK = None  # (pattern of those characters, character -> its decomposition)


def _quick() -> tuple:
    global _QUICK
    if _QUICK is None:
        table = {}
        for block in ((0x2000, 0x2C00), (0x3000, 0x3400), (0xFE30, 0xFFF0)):
            for code in range(*block):
                char = chr(code)
                decomposed = unicodedata.normalize("NFKD", char)
                if decomposed != char and decomposed == unicodedata.normalize("NFKC", char):
                    table[char] = decomposed
        pattern = re.compile("[" + "".join(re.escape(c) for c in table) + "]")
        _QUICK = (pattern, table)
    return _QUICK


def nfkc(text: str) -> str:
    """unicodedata.normalize("NFKC", text), faster for typical Chinese text."""
    pattern, table = _quick()
    quick = pattern.sub(lambda m: table[m.group()], text)
    if unicodedata.is_normalized("NFKC", quick):
        return quick
    return unicodedata.normalize("NFKC", text)


def record_texts(kind: str, record: dict) -> list:
    """What a clerk can find a record by: titles, names and bodies."""
    if kind in ("proposal", "suggestion"):
        reply = record.get("reply") or {}
        return [record.get("title"), " ".join(record.get("authors") or []),
                reply.get("title"), reply.get("opening"), reply.get("body")]
    if kind == "mediation":
        names = " ".join(p.get("name", "") for p in record.get("parties") or [])
        return [record.get("case_number"), names, record.get("facts")]
    return []


def _index_values(texts) -> tuple:
    """(pairs text, trigrams text) for the two FTS tables."""
    runs = [run for text in texts if text for run in _runs(str(text))]
    # Every adjacent pair of the runs joined by NUL (never in a run), less the pairs across a
    # join: the pairs within each run, built in one pass instead of one per run.
    joined = "\x00".join(runs)
    pairs = set(map(str.__add__, joined, joined[1:]))
    lasts = {run[-1] for run in runs}
    pairs -= {last + "\x00" for last in lasts}
    pairs -= {"\x00" + run[0] for run in runs}
    pairs |= lasts  # so that a one-character query finds the run's last character
    # Order does not matter: detail=none keeps no positions, only which records hold a pair.
    return " ".join(pairs), " ".join(runs)


def index(conn, kind: str, seq: int, record: dict) -> None:
    """Add a record (as stored, without meta) to its kind's search tables."""
    pairs, trigrams = _index_values(record_texts(kind, record))
    conn.execute(f"INSERT INTO {kind}_pairs(rowid, text) VALUES (?, ?)", (seq, pairs))
    conn.execute(f"INSERT INTO {kind}_trigrams(rowid, text) VALUES (?, ?)", (seq, trigrams))


def unindex(conn, kind: str, seq: int, record: dict) -> None:
    """Remove a record from the search tables; `record` must be the version that was indexed."""
    pairs, trigrams = _index_values(record_texts(kind, record))
    conn.execute(f"INSERT INTO {kind}_pairs({kind}_pairs, rowid, text) VALUES ('delete', ?, ?)",
                 (seq, pairs))
    conn.execute(f"INSERT INTO {kind}_trigrams({kind}_trigrams, rowid, text) "
                 "VALUES ('delete', ?, ?)", (seq, trigrams))


def reindex(conn, kind: str, seq: int, old: Optional[dict], new: dict) -> None:
    """Replace a record's entry after an edit (nothing to do if its searchable text is the same)."""
    if old is not None:
        if record_texts(kind, old) == record_texts(kind, new):
            return
        unindex(conn, kind, seq, old)
    index(conn, kind, seq, new)


def rebuild(conn, kind: str, rows) -> None:
    """Empty and refill a kind's search tables from (seq, record) pairs (inside a transaction)."""
    for table in (f"{kind}_pairs", f"{kind}_trigrams"):
        conn.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")
    for seq, record in rows:
        index(conn, kind, seq, record)


def match_terms(query: str) -> list:
    """(table suffix, MATCH expression) pairs for `query`; [] when it has nothing searchable."""
    pairs, trigrams = [], []
    for run in dict.fromkeys(_runs(query)):
        if len(run) == 1:
            pairs.append(f'"{run}"*')
        elif len(run) == 2:
            pairs.append(f'"{run}"')
        else:
            trigrams.append(f'"{run}"')
    terms = []
    if pairs:
        terms.append(("pairs", " AND ".join(pairs)))
    if trigrams:
        terms.append(("trigrams", " AND ".join(trigrams)))
    return terms


def matching_seqs_sql(kind: str, query: str) -> tuple:
    """(SQL, params): a query of the row numbers whose text contains every word of `query`."""
    terms = match_terms(query)
    if not terms:
        return "", []
    selects = [f"SELECT rowid FROM {kind}_{table} WHERE {kind}_{table} MATCH ?"
               for table, _ in terms]
    return " INTERSECT ".join(selects), [expression for _, expression in terms]


def index_text(*parts) -> str:
    """The token text of schema step 2's `{kind}_search` table (kept for that released step)."""
    tokens = []
    for part in parts:
        if not part:
            continue
        for run in _runs(str(part)):
            tokens.extend(run[i:i + 2] for i in range(len(run) - 1))
            tokens.append(run[-1])
    return " ".join(tokens)


def match_expression(query: str) -> str:
    """Schema step 2's MATCH expression (kept for files not yet migrated; unused by queries)."""
    terms = []
    for run in _runs(query):
        if len(run) == 1:
            terms.append(f'"{run}"*')
        else:
            terms.append('"' + " ".join(run[i:i + 2] for i in range(len(run) - 1)) + '"')
    return " AND ".join(terms)
