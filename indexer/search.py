"""Queries -> ranked documents with their best passages, as plain data for the site and the CLI.

Two passes over one index: documents first (ranking, facets, one hit per document whatever its
language), then the sections of the documents on the page (which passage, highlighted).
"""
from __future__ import annotations

import html
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from whoosh import highlight
from whoosh.query import And, Or, Term

from indexer.query import SECTION_FIELDS, parse_user_query
from indexer.schema import exact_key

FACETS = ("type", "jurisdiction", "status", "lang")
FILTERABLE = ("type", "jurisdiction", "status")
PASSAGES_PER_HIT = 3


@dataclass
class Passage:
    anchor: str
    heading: str
    lang: str
    snippet: str  # HTML: <mark> around matches, everything else escaped
    score: float


@dataclass
class Hit:
    doc_id: str
    lang: str
    type: str
    title: str
    score: float
    langs: list[str]  # languages in which this document exists
    matched_langs: list[str]
    meta: dict
    passages: list[Passage] = field(default_factory=list)


@dataclass
class SearchResults:
    query: str
    total: int
    page: int
    pagesize: int
    hits: list[Hit]
    facets: dict
    took_ms: float
    fallback: bool = False
    notice: str = ""


class MarkFormatter(highlight.HtmlFormatter):
    """`<mark>word</mark>`, nothing else: whoosh escapes the text around it."""

    def format_token(self, text, token, replace=False):
        return "<mark>%s</mark>" % html.escape(highlight.get_text(text, token, replace), quote=False)


def search(manager, q: str, lang: str = "en", filters: dict | None = None, page: int = 1,
           pagesize: int = 10, only_lang: str | None = None) -> SearchResults:
    started = time.perf_counter()
    filters = {k: v for k, v in (filters or {}).items() if v and k in FILTERABLE}
    with manager.searcher() as s:
        parsed = parse_user_query(s.schema, q, reader=s.reader())
        query = parsed.query
        if exact_key(q) and not parsed.fallback:  # an exact title or alias puts its page first
            query = Or([query, Term("exact", exact_key(q), boost=50.0)])
        hits, facets = _documents(s, query, lang, filters, only_lang)
        total, page = len(hits), max(1, page)
        shown = hits[(page - 1) * pagesize: page * pagesize]
        in_sections = parse_user_query(s.schema, q, SECTION_FIELDS, reader=s.reader())
        _attach_passages(s, in_sections.query, shown)
    took = (time.perf_counter() - started) * 1000
    return SearchResults(q, total, page, pagesize, shown, facets, took, parsed.fallback, parsed.notice)


def _documents(s, query, lang, filters, only_lang):
    results = s.search(query, filter=Term("kind", "doc"), limit=None)
    grouped: OrderedDict[str, dict] = OrderedDict()
    for hit in results:
        fields = hit.fields()
        entry = grouped.setdefault(fields["doc_id"], {"score": hit.score, "versions": {}})
        entry["versions"][fields["lang"]] = fields
    facets = {name: {} for name in FACETS}
    hits = []
    for doc_id, entry in grouped.items():
        any_version = next(iter(entry["versions"].values()))
        for name in FILTERABLE:
            value = any_version.get(name) or ""
            if value:
                facets[name][value] = facets[name].get(value, 0) + 1
        for version_lang in entry["versions"]:
            facets["lang"][version_lang] = facets["lang"].get(version_lang, 0) + 1
        if any(any_version.get(k) != v for k, v in filters.items()):
            continue
        if only_lang and only_lang not in entry["versions"]:
            continue
        hits.append((doc_id, entry))
    return [_hit(s, doc_id, entry, lang, only_lang) for doc_id, entry in hits], facets


def _hit(s, doc_id, entry, lang, only_lang) -> Hit:
    versions = entry["versions"]
    show = only_lang or (lang if lang in versions else next(iter(versions)))
    fields = versions.get(show) or s.document(key=f"{doc_id}:{show}")
    if show not in versions and not fields:
        show, fields = next(iter(versions.items()))
    langs = sorted({show, *versions} | {l for l in ("zh", "en") if s.document(key=f"{doc_id}:{l}")})
    meta = {k: fields.get(k, "") for k in ("jurisdiction", "status", "celex", "level", "barrier_forms")}
    return Hit(doc_id, show, fields["type"], fields["title"], entry["score"], langs, sorted(versions), meta)


def _attach_passages(s, query, hits):
    if not hits:
        return
    scope = Or([And([Term("doc_id", h.doc_id), Term("lang", l)]) for h in hits for l in h.matched_langs])
    results = s.search(query, filter=And([Term("kind", "section"), scope]), limit=200, terms=True)
    results.fragmenter = highlight.PinpointFragmenter(maxchars=220, surround=70, autotrim=True)
    results.formatter = MarkFormatter(between=" … ")
    by_doc = {h.doc_id: h for h in hits}
    for hit in results:
        target = by_doc[hit["doc_id"]]
        if len(target.passages) >= PASSAGES_PER_HIT:
            continue
        snippet = hit.highlights("body", top=2) or html.escape(hit["body"][:200], quote=False)
        heading = hit["heading"]
        target.passages.append(Passage(hit["anchor"], heading, hit["lang"], snippet, hit.score))
    for h in hits:  # passages in the reader's language first
        h.passages.sort(key=lambda p: (p.lang != h.lang, -p.score))
        if not h.passages:  # matched by title or alias only: show how the page begins
            lead = s.document(key=f"{h.doc_id}:{h.lang}#") or {}
            text = lead.get("body", "")
            h.passages.append(Passage("", "", h.lang, html.escape(text[:200], quote=False), 0.0))
