"""Queries -> ranked documents with their best passages, as plain data for the site and the CLI.

Two passes over one index: documents first (ranking, facets, one hit per document whatever its
language), then the sections of the documents on the page (which passage, highlighted).
"""
from __future__ import annotations

import copy
import html
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from whoosh import highlight
from whoosh.query import Or, Term

from indexer.query import DOC_FIELDS, SECTION_FIELDS, for_fields, parse_base
from indexer.schema import exact_key
from indexer.suggest import did_you_mean

FACETS = ("type", "jurisdiction", "status", "lang")
FILTERABLE = ("type", "jurisdiction", "status")
PASSAGES_PER_HIT = 3
FEW_HITS = 3  # fewer matching pages than this: pages with most of the words are added, a respelling offered
PASSAGE_RANKING_DEPTH = 200  # sections looked at when ranking pages by their best passage
PASSAGE_WEIGHT = 1.0
EXACT_BOOST = 50.0  # weight of an exact title or alias (the `exact` field): that page comes first


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
    any_word: bool = False  # True when pages matching only some of the words were added
    corrected: str = ""  # the respelt query whose results these are, when the query found nothing
    suggestion: str = ""  # a respelling to offer ("did you mean"), when the query found few pages


class MarkFormatter(highlight.HtmlFormatter):
    """`<mark>word</mark>`, nothing else: whoosh escapes the text around it."""

    def format_token(self, text, token, replace=False):
        return "<mark>%s</mark>" % html.escape(highlight.get_text(text, token, replace), quote=False)


def search(manager, q: str, lang: str = "en", filters: dict | None = None, page: int = 1,
           pagesize: int = 10, only_lang: str | None = None, autocorrect: bool = True) -> SearchResults:
    """Ranked pages for `q`. When nothing matches and a respelling does, the respelling's results
    (`corrected`); when only a few pages match, the respelling is offered (`suggestion`)."""
    results = _search(manager, q, lang, filters, page, pagesize, only_lang)
    if not autocorrect or results.total >= FEW_HITS or not q.strip():
        return results
    respelt = did_you_mean(manager, q)
    if respelt and results.total == 0:
        better = _search(manager, respelt, lang, filters, page, pagesize, only_lang)
        if better.total:
            better.query, better.corrected = q, respelt
            better.took_ms += results.took_ms
            return better
    results.suggestion = respelt or ""
    return results


def _search(manager, q, lang, filters, page, pagesize, only_lang) -> SearchResults:
    started = time.perf_counter()
    filters = {k: v for k, v in (filters or {}).items() if v and k in FILTERABLE}
    key = (q, lang, tuple(sorted(filters.items())), page, pagesize, only_lang)
    with manager.view() as view:
        results = copy.deepcopy(view.remembered(key, lambda: _answer(view, q, lang, filters, page, pagesize,
                                                                    only_lang)))
    results.took_ms = (time.perf_counter() - started) * 1000
    return results


def _answer(view, q, lang, filters, page, pagesize, only_lang) -> SearchResults:
    s, any_word = view.searcher, False
    parsed = parse_base(s.schema, q, s.reader(), expander=view.expander)
    hits, facets, sections = _documents(view, parsed, q, filters, only_lang)
    if len(hits) < FEW_HITS and _several_words(s, q):
        # Too few pages have every word: rank pages by how many of the words they have.
        any_word = True
        parsed = parse_base(s.schema, q, s.reader(), any_word=True, expander=view.expander)
        hits, facets, sections = _documents(view, parsed, q, filters, only_lang)
    total, page = len(hits), max(1, page)
    shown = [_hit(view, doc_id, entry, lang, only_lang)
             for doc_id, entry in hits[(page - 1) * pagesize: page * pagesize]]
    _attach_passages(view, sections, shown)
    return SearchResults(q, total, page, pagesize, shown, facets, 0.0, parsed.fallback, parsed.notice, any_word)


def _with_exact(parsed, q):
    """The query over the page fields; an exact title or alias puts its page first."""
    query, key = for_fields(parsed.query, DOC_FIELDS), exact_key(q)
    if not key or parsed.fallback:
        return query
    return Or([query, Term("exact", key, boost=EXACT_BOOST)])


def _several_words(s, q) -> bool:
    return sum(1 for _ in s.schema["body"].analyzer(q, mode="query")) > 1


def _best_sections(view, section_query):
    """The best-matching sections of the whole index (with matched terms, for highlighting) and
    doc_id -> its best section's score: a long page with one exact passage still ranks."""
    results = view.searcher.search(section_query, filter=view.kinds["section"], limit=PASSAGE_RANKING_DEPTH,
                                   terms=True)
    best: dict[str, float] = {}
    for score, docnum in results.top_n:
        best.setdefault(view.meta(docnum)["doc_id"], score)
    return results, best


def _documents(view, parsed, q, filters, only_lang):
    results = view.searcher.search(_with_exact(parsed, q), filter=view.kinds["doc"], limit=None)
    sections, passages = _best_sections(view, for_fields(parsed.query, SECTION_FIELDS))
    grouped: dict[str, dict] = {}
    for score, docnum in results.top_n:
        fields = view.meta(docnum)
        entry = grouped.setdefault(fields["doc_id"], {"score": score, "versions": {}})
        entry["versions"][fields["lang"]] = fields
    for doc_id, entry in grouped.items():
        entry["score"] += PASSAGE_WEIGHT * passages.get(doc_id, 0.0)
    grouped = OrderedDict(sorted(grouped.items(), key=lambda item: -item[1]["score"]))
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
        if _older_act_version(any_version) and "status" not in filters:
            continue  # the newest version of an imported act by default; status:replaced shows the others
        if only_lang and only_lang not in entry["versions"]:
            continue
        hits.append((doc_id, entry))
    return hits, facets, sections


def _older_act_version(fields) -> bool:
    """An imported EU act's earlier version: the importer marks it `status: replaced`."""
    return fields.get("type") == "act" and fields.get("status") == "replaced"


def _hit(view, doc_id, entry, lang, only_lang) -> Hit:
    """One result, shown in the reader's language where that version exists."""
    versions = entry["versions"]
    langs = view.languages().get(doc_id) or sorted(versions)
    show = only_lang or (lang if lang in langs else next(iter(versions)))
    fields = versions.get(show) or view.searcher.document(key=f"{doc_id}:{show}")
    meta = {k: fields.get(k, "") for k in ("jurisdiction", "status", "celex", "level", "barrier_forms")}
    return Hit(doc_id, show, fields["type"], fields["title"], entry["score"], langs, sorted(versions), meta)


def _attach_passages(view, sections, hits):
    """Up to three passages per hit from the sections already ranked, the reader's language first;
    the first section of the page when none of its sections matched."""
    sections.fragmenter = highlight.PinpointFragmenter(maxchars=220, surround=70, autotrim=True)
    sections.formatter = MarkFormatter(between=" … ")
    found: dict[str, list] = {h.doc_id: [] for h in hits}
    for position, (score, docnum) in enumerate(sections.top_n):
        meta = view.meta(docnum)
        if meta["doc_id"] in found:
            found[meta["doc_id"]].append((meta["lang"], score, position))
    for h in hits:
        best = sorted(found[h.doc_id], key=lambda f: (f[0] != h.lang, -f[1]))[:PASSAGES_PER_HIT]
        for passage_lang, score, position in best:
            hit = sections[position]
            snippet = hit.highlights("body", top=2) or html.escape(hit["body"][:200], quote=False)
            h.passages.append(Passage(hit["anchor"], hit["heading"], passage_lang, snippet, score))
        if not h.passages:
            lead = view.searcher.document(key=f"{h.doc_id}:{h.lang}#") or {}
            h.passages.append(Passage("", "", h.lang, html.escape(lead.get("body", "")[:200], quote=False), 0.0))
