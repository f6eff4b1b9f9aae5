"""Search-as-you-type suggestions and "did you mean" corrections, both read from the index.

Suggestions come from the names a reader would type: every title and alias of every page, in
both languages, as stored in the index's document records. The list is read once per opened
index (an index object lives until a build swaps in a new one) and matched by prefix at word
starts, so "ro" finds "RoHS" and "China RoHS", and 绿色 finds 绿色贸易壁垒.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.analysis.fold import fold
from indexer.engine.query import MAX_QUERY_CHARS
from indexer.vocabulary import CJK_CHAR as _CJK_CHAR

MAX_SUGGESTIONS = 20
# Only plain English words are spell-checked: identifiers, numbers and Chinese never are.
_QUERY_WORD = re.compile(r"(?<![\w:/.*-])([A-Za-z]{4,})(?![\w:/.*-])")
OPERATORS = {"AND", "OR", "NOT", "TO"}
CANDIDATES = 200
NAME_FIELDS = ("fulltext", "title", "aliases")  # a word found in any of them is spelt right
SPELLING_FIELD = "spell"  # every page's distinct English words, unstemmed
# Longer "words" are noise, not misspellings, and the edit-distance search grows costlier with length.
MAX_CORRECTED_LETTERS = 24


@dataclass(frozen=True)
class Name:
    """One title or alias of one language version of a page."""

    text: str
    folded: str
    starts: tuple[int, ...]  # where words begin in `folded`
    doc_id: str
    lang: str
    type: str
    title: str
    is_title: bool


def _word_starts(text: str) -> tuple[int, ...]:
    # Chinese has no spaces: every character may begin a word, so 贸易 finds 绿色贸易壁垒.
    starts = []
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else " "
        if ch.isalnum() and (not prev.isalnum() or _CJK_CHAR.match(ch) or bool(_CJK_CHAR.match(prev))):
            starts.append(i)
    return tuple(starts)


def _names_of(fields: dict) -> list[Name]:
    title = fields.get("title") or ""
    aliases = [a.strip() for a in (fields.get("aliases") or "").split(" ; ") if a.strip()]
    names, seen = [], set()
    for text, is_title in [(title, True)] + [(a, False) for a in aliases]:
        folded = fold(text).lower()
        if folded and folded not in seen:
            seen.add(folded)
            names.append(
                Name(
                    text,
                    folded,
                    _word_starts(folded),
                    fields["doc_id"],
                    fields["lang"],
                    fields.get("type") or "",
                    title,
                    is_title,
                )
            )
    return names


def _all_names(manager) -> list[Name]:
    """Every name in the current index, read once per build (the build's view keeps them)."""
    with manager.view() as view:  # holds the manager's lock: one thread reads them
        return view.derived(
            "suggest.names", lambda: [n for fields in view.searcher.documents(kind="doc") for n in _names_of(fields)]
        )


def _match_rank(name: Name, prefix: str, lang: str):
    """None when `prefix` begins no word of `name`; else a sort key, best first."""
    for start in name.starts:
        if name.folded.startswith(prefix, start):
            foreign_script = lang == "en" and bool(_CJK_CHAR.search(name.folded))
            return (
                name.lang != lang,
                foreign_script,
                start > 0,
                name.folded != prefix and not name.is_title,
                len(name.folded),
                name.folded,
            )
    return None


def suggest(manager, prefix: str, lang: str, limit: int = 8) -> list[dict]:
    """Pages whose title or alias has a word starting with `prefix`; one per page, reader's language first.

    Each names its page by id and language; the site adds the link (the engine knows no URLs).
    """
    prefix = " ".join(fold(prefix or "").lower().split())
    if not prefix:
        return []
    best: dict[str, tuple] = {}  # doc id -> (rank, name): one suggestion per page
    for name in _all_names(manager):
        rank = _match_rank(name, prefix, lang)
        if rank is not None and (name.doc_id not in best or rank < best[name.doc_id][0]):
            best[name.doc_id] = (rank, name)
    chosen = sorted(best.values(), key=lambda pair: pair[0])[: max(0, min(limit, MAX_SUGGESTIONS))]
    return [dict(text=n.text, id=n.doc_id, lang=n.lang, type=n.type, title=n.title) for _, n in chosen]


def did_you_mean(manager, q: str) -> str | None:
    """`q` with its misspelt English words corrected from the indexed text, or None."""
    with manager.searcher() as s:
        reader = s.reader()
        analyzer = s.schema["fulltext"].analyzer
        corrector = s.corrector(SPELLING_FIELD)

        def known(word: str) -> bool:
            stems = [t.text for t in analyzer(word, mode="query")]
            return all(any(reader.doc_frequency(f, t) for f in NAME_FIELDS) for t in stems)

        def correction(match) -> str:
            word = match.group(1)
            if word in OPERATORS or len(word) > MAX_CORRECTED_LETTERS or known(word):
                return word
            better = _best_correction(reader, corrector, word.lower())
            if better is None:
                return word
            return better.capitalize() if word[0].isupper() and word[1:].islower() else better

        q = (q or "")[:MAX_QUERY_CHARS]  # search reads no further, and each word costs a lookup
        corrected = _QUERY_WORD.sub(correction, q)
    return corrected if corrected != q else None


def _best_correction(reader, corrector, word: str) -> str | None:
    # whoosh counts a swap of two letters as two edits and ranks by frequency alone, so take every
    # word within two edits and rank them here. Misspellings rarely touch the first letter, and
    # sharing it keeps the search small (prefix=1).
    allowed = 1 if len(word) <= 5 else 2
    candidates = [
        (edit_distance(word, c), c)
        for c in corrector.suggest(word, limit=CANDIDATES, maxdist=2, prefix=1)
        if c.isascii() and c.isalpha()
    ]
    candidates = [(d, c) for d, c in candidates if d <= allowed]
    if not candidates:
        return None
    return min(candidates, key=lambda dc: (dc[0], -reader.doc_frequency(SPELLING_FIELD, dc[1]), dc[1]))[1]


def edit_distance(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`."""
    prev2, prev = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if prev2 and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return prev[-1]
