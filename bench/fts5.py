"""The reference engine for bench/search.py: SQLite FTS5 fed the tokens of our own analyzer.

FTS5 sees the same tokens as whoosh (jieba words, stems, whole identifiers), stored space-joined,
so the comparison is of the engines, not of the text analysis. Two tables mirror our two passes:
`docs` (title, aliases, headings, full text) for ranking, `sections` (heading, body) for
passages cut with snippet(). Differences worth knowing: the words inside a dictionary word are
extra tokens after it rather than at its position, and snippets show tokens, not the original text.

    python bench/fts5.py DB QUERY     # one query against a built database, as a cold-start reference
"""

from __future__ import annotations

import re
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from indexer.engine.analyzer import make_analyzer, query_tokens  # noqa: E402
from indexer.engine.schema import domain_words  # noqa: E402

# Our tokens contain '/', '.' and ',' (2011/65, gb/t, 1.5): keep them whole.
TOKENIZE = "tokenize = \"unicode61 remove_diacritics 0 tokenchars '/.,'\""
SCHEMA = f"""
CREATE VIRTUAL TABLE docs USING fts5(key UNINDEXED, title, aliases, headings, fulltext, {TOKENIZE});
CREATE VIRTUAL TABLE sections USING fts5(doc_key UNINDEXED, heading, body, {TOKENIZE});
CREATE TABLE dictionary (word TEXT);
"""
DOC_WEIGHTS = "6.0, 5.0, 2.0, 1.0"  # the boosts of indexer.engine.query.DOC_FIELDS
SECTION_WEIGHTS = "2.0, 1.0"


def tokens(analyzer, text: str) -> str:
    return " ".join(t.text for t in analyzer(text))


def add_document(db, analyzer, doc):
    sections = doc.sections
    db.execute(
        "INSERT INTO docs VALUES (?, ?, ?, ?, ?)",
        (
            doc.key,
            tokens(analyzer, doc.title),
            tokens(analyzer, " ; ".join(doc.aliases)),
            tokens(analyzer, "\n".join(s.heading for s in sections if s.anchor)),
            tokens(analyzer, "\n".join([doc.title] + [s.text for s in sections])),
        ),
    )
    db.executemany(
        "INSERT INTO sections VALUES (?, ?, ?)",
        [(doc.key, tokens(analyzer, s.heading if s.anchor else ""), tokens(analyzer, s.text)) for s in sections],
    )


def build(path: Path, documents) -> None:
    """A new database holding `documents`; the analyzer (jieba and its dictionary) is loaded here."""
    path.unlink(missing_ok=True)
    words = domain_words(documents)
    analyzer = make_analyzer(words)
    analyzer.warm_up()
    with sqlite3.connect(path) as db:
        db.executescript(SCHEMA)
        db.executemany("INSERT INTO dictionary VALUES (?)", [(w,) for w in words])
        for doc in documents:
            add_document(db, analyzer, doc)
    db.close()


def replace_document(path: Path, doc) -> None:
    """Re-index one changed document: delete its rows, tokenise it again, insert."""
    with sqlite3.connect(path) as db:
        analyzer = open_analyzer(db)
        db.execute("DELETE FROM docs WHERE key = ?", (doc.key,))
        db.execute("DELETE FROM sections WHERE doc_key = ?", (doc.key,))
        add_document(db, analyzer, doc)
    db.close()


def open_analyzer(db):
    analyzer = make_analyzer([w for (w,) in db.execute("SELECT word FROM dictionary")])
    analyzer.warm_up()
    return analyzer


def match_expression(analyzer, q: str) -> str:
    """Our query syntax (words, "phrases", prefix*) as an FTS5 MATCH expression over our tokens."""
    parts = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', q):
        if phrase:
            parts.append('"' + " ".join(query_tokens(analyzer, phrase)) + '"')
        elif word.endswith("*"):
            parts.append(f'"{word.rstrip("*").lower()}" *')
        else:
            parts.extend(f'"{t}"' for t in query_tokens(analyzer, word))
    return " ".join(parts)


def search(db, analyzer, q: str, pagesize: int = 10):
    """Ranked document ids (all of them, one per page whatever its language, as ours counts them)
    and snippets for the first page."""
    expression = match_expression(analyzer, q)
    if not expression:
        return [], []
    keys = [
        k
        for (k,) in db.execute(
            f"SELECT key FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 0, {DOC_WEIGHTS})", (expression,)
        )
    ]
    ids = list(dict.fromkeys(k.split(":")[0] for k in keys))
    shown = [k for k in keys if k.split(":")[0] in ids[:pagesize]]
    if not shown:
        return ids, []
    marks = ",".join("?" * len(shown))
    snippets = db.execute(
        f"SELECT doc_key, snippet(sections, 2, '<mark>', '</mark>', ' … ', 32) FROM sections "
        f"WHERE sections MATCH ? AND doc_key IN ({marks}) ORDER BY bm25(sections, 0, {SECTION_WEIGHTS}) LIMIT 200",
        (expression, *shown),
    ).fetchall()
    return ids, snippets


def main():
    db = sqlite3.connect(sys.argv[1])
    keys, snippets = search(db, open_analyzer(db), sys.argv[2])
    print(f"{len(keys)} result(s)")
    for key, snippet in snippets[:10]:
        print(key, snippet)


if __name__ == "__main__":
    main()
