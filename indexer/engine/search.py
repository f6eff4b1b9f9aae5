"""Queries -> ranked documents with their best passages, as plain data for the site and the CLI.

Two passes over one index: documents first (ranking, facets, one hit per document whatever its
language), then the sections of the documents on the page (which passage, highlighted).
"""

from __future__ import annotations

import html
import time
from collections import OrderedDict
from dataclasses import dataclass, field, replace

from whoosh import highlight
from whoosh.query import And, AndMaybe, Or, Term

from indexer.engine.query import BASE_FIELD, DOC_FIELDS, SECTION_FIELDS, for_fields, parse_base
from indexer.engine.questions import Question, default_words, split_question
from indexer.engine.ranking import (
    NAMED_FACTOR,
    Plan,
    choose_passages,
    concepts_of,
    coverage_of_pages,
    current_first,
    named_pages,
    section_share,
    snippets,
)
from indexer.engine.schema import exact_key
from indexer.engine.suggest import did_you_mean
from indexer.vocabulary import FACETS, FILTERS, HIT_FIELDS

FILTERABLE = FILTERS  # the names kb and the API import
PASSAGES_PER_HIT = 3
FEW_HITS = 3  # fewer matching pages than this: pages with most of the words are added, a respelling offered
PASSAGE_RANKING_DEPTH = 200  # sections looked at when ranking pages by their best passage
PASSAGE_WEIGHT = 1.0
# A section is read under its page's title: "RoHS exemptions" is answered by the RoHS page's section
# headed "Exemptions", whose text need not repeat "RoHS".
SECTION_RANKING_FIELDS = {**SECTION_FIELDS, "title": 1.0}
EXACT_BOOST = 50.0  # an exact title or alias (of the query, or of the subject of "what is X")
DEFINITION_BOOST = 25.0  # the term page defining X, for "什么是X" / "what is X"
PARTIAL_MATCH_CONCEPTS = 3  # from this many subject words on, a page need not have every one
COVERAGE_POWER = 2.0  # pages with only some of the words: score x (rarity-weighted share they have) ** this
OPTIONAL_WEIGHT = 0.2  # question words ("什么", "how") count this much when a page has them


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


def search(
    manager,
    q: str,
    lang: str = "en",
    filters: dict | None = None,
    page: int = 1,
    pagesize: int = 10,
    only_lang: str | None = None,
    autocorrect: bool = True,
    prefer: tuple = (),
) -> SearchResults:
    """Ranked pages for `q`. When nothing matches and a respelling does, the respelling's results
    (`corrected`); when only a few pages match, the respelling is offered (`suggestion`).
    `prefer`: ids of pages the query is known to be about (the acts applying to a product it
    names), which count as if the query named them."""
    results = _search(manager, q, lang, filters, page, pagesize, only_lang, tuple(prefer))
    if not autocorrect or results.total >= FEW_HITS or not q.strip():
        return results
    respelt = did_you_mean(manager, q)
    if respelt and results.total == 0:
        better = _search(manager, respelt, lang, filters, page, pagesize, only_lang, tuple(prefer))
        if better.total:
            return replace(better, query=q, corrected=respelt, took_ms=better.took_ms + results.took_ms)
    return replace(results, suggestion=respelt or "")


def _search(manager, q, lang, filters, page, pagesize, only_lang, prefer=()) -> SearchResults:
    started = time.perf_counter()
    filters = {k: v for k, v in (filters or {}).items() if v and k in FILTERABLE}
    key = (q, lang, tuple(sorted(filters.items())), page, pagesize, only_lang, prefer)
    with manager.view() as view:
        remembered = view.remembered(key, lambda: _answer(view, q, lang, filters, page, pagesize, only_lang, prefer))
    # The build's view keeps the answer for the next reader: what differs per request goes on a copy
    # of its top level (search() changes nothing below it).
    return replace(remembered, took_ms=(time.perf_counter() - started) * 1000)


def _answer(view, q, lang, filters, page, pagesize, only_lang, prefer=()) -> SearchResults:
    s, any_word = view.searcher, False
    question = split_question(q, s.schema["body"].analyzer)
    parsed = parse_base(s.schema, question.content, s.reader(), expander=view.expander)
    misread = parsed.fallback  # the user's syntax could not be read: the only case for the notice
    plan = _plan(view, parsed, question, q, concepts_of(parsed.query, s))
    plan.prefer = frozenset(prefer)
    many = len(plan.concepts) >= PARTIAL_MATCH_CONCEPTS
    # With many concepts the pages with every word are not what is shown: skip ranking them.
    hits, facets = ([], {}) if many else _documents(view, plan, filters, only_lang)
    if many or len(hits) < FEW_HITS and _several_words(s, question.content):
        # Too few pages have every word, or a question names so many things that the page answering
        # it may lack one: rank pages by how much of the query they have, rarer words weighing more.
        any_word = True
        parsed = parse_base(s.schema, question.content, s.reader(), any_word=True, expander=view.expander)
        plan = _plan(view, parsed, question, q, plan.concepts)
        plan.partial = len(plan.concepts) >= PARTIAL_MATCH_CONCEPTS
        plan.prefer = frozenset(prefer)
        hits, facets = _documents(view, plan, filters, only_lang)
    total, page = len(hits), max(1, page)
    shown = [
        _hit(view, doc_id, entry, lang, only_lang) for doc_id, entry in hits[(page - 1) * pagesize : page * pagesize]
    ]
    _attach_passages(view, plan, shown)
    return SearchResults(q, total, page, pagesize, shown, facets, 0.0, misread, parsed.notice, any_word)


def _plan(view, parsed, question: Question, q: str, concepts) -> Plan:
    analyzer = view.searcher.schema["body"].analyzer
    content = [t.text for t in analyzer(question.content, mode="query")]
    return Plan(parsed.query, parsed.fallback, question, q, content, default_words(), analyzer, concepts)


def _with_optional(plan: Plan):
    """The required words, and the question words as optional extras that add a little."""
    if not plan.question.optional or plan.query is None or plan.fallback:
        return plan.query
    extras = Or([Term(BASE_FIELD, t, boost=OPTIONAL_WEIGHT) for t in plan.question.optional])
    return AndMaybe(plan.query, extras)


def _with_exact(plan: Plan):
    """The query over the page fields; an exact title or alias (of the query as typed, of its
    words without the question words, or of X in "what is X") puts its page first."""
    query = for_fields(_with_optional(plan), DOC_FIELDS)
    if plan.fallback:
        return query
    keys = dict.fromkeys(
        k for k in (exact_key(plan.text), exact_key(plan.question.content), exact_key(plan.question.subject)) if k
    )
    extras = [Term("exact", k, boost=EXACT_BOOST) for k in keys]
    subject = exact_key(plan.question.subject)
    if subject:
        extras.append(And([Term("exact", subject), Term("type", "term")], boost=DEFINITION_BOOST))
    return Or([query] + extras) if extras else query


def _several_words(s, q) -> bool:
    return sum(1 for _ in s.schema["body"].analyzer(q, mode="query")) > 1


def _best_sections(view, section_query, plan: Plan | None = None):
    """doc_id -> its best section's score: a long page with one exact passage still ranks. With
    `plan` (pages with only some of the words), a section's score is scaled by the rarity-weighted
    share of the query it holds, so a section repeating one word does not win."""
    results = view.searcher.search(
        section_query, filter=view.kinds["section"], limit=PASSAGE_RANKING_DEPTH, terms=plan is not None
    )
    best: dict[str, float] = {}
    for hit in results:
        score = hit.score * (section_share(plan, hit) ** COVERAGE_POWER if plan is not None else 1.0)
        doc_id = view.meta(hit.docnum)["doc_id"]
        if score > best.get(doc_id, 0.0):
            best[doc_id] = score
    return results, best


def _documents(view, plan: Plan, filters, only_lang):
    results = view.searcher.search(_with_exact(plan), filter=view.kinds["doc"], limit=None)
    _, passages = _best_sections(view, for_fields(plan.query, SECTION_RANKING_FIELDS), plan if plan.partial else None)
    grouped: dict[str, dict] = {}
    for score, docnum in results.top_n:
        fields = view.meta(docnum)
        entry = grouped.setdefault(fields["doc_id"], {"score": score, "versions": {}})
        entry["versions"][fields["lang"]] = fields
    for doc_id, entry in grouped.items():
        entry["score"] += PASSAGE_WEIGHT * passages.get(doc_id, 0.0)
    if plan.partial:
        for doc_id, share in coverage_of_pages(view, plan, grouped).items():
            grouped[doc_id]["score"] *= share**COVERAGE_POWER
    for doc_id in (named_pages(view, plan) | plan.prefer) & grouped.keys():
        grouped[doc_id]["score"] *= NAMED_FACTOR
    current_first(view, plan, grouped)
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
    return hits, facets


def _older_act_version(fields) -> bool:
    """An imported EU act's earlier version: the importer marks it `status: replaced`."""
    return fields.get("type") == "act" and fields.get("status") == "replaced"


def _hit(view, doc_id, entry, lang, only_lang) -> Hit:
    """One result, shown in the reader's language where that version exists."""
    versions = entry["versions"]
    langs = view.languages().get(doc_id) or sorted(versions)
    show = only_lang or (lang if lang in langs else next(iter(versions)))
    fields = versions.get(show) or view.searcher.document(key=f"{doc_id}:{show}")
    meta = {k: fields.get(k, "") for k in HIT_FIELDS}
    return Hit(doc_id, show, fields["type"], fields["title"], entry["score"], langs, sorted(versions), meta)


def _pages_titled(view, plan: Plan) -> set[str]:
    """Pages whose title or alias is the whole query ("生态设计指令", "RoHS"): the reader asked for
    the page itself, so it opens at the top, not at a section that happens to repeat the name."""
    key = exact_key(plan.text)
    return set(view.pages_named(key)) if key else set()


def _attach_passages(view, plan: Plan, hits):
    """Up to three passages per hit, the reader's language first, best first: the sections that
    cover most of the query (rarer words weigh more, heading matches most); the page's opening
    when none of its sections matched, or only its notes on the sources."""
    chosen = choose_passages(view, plan, [h.doc_id for h in hits])
    fragmenter = highlight.PinpointFragmenter(maxchars=220, surround=70, autotrim=True)
    formatter = MarkFormatter(between=" … ")
    shown = {
        h.doc_id: sorted(chosen.get(h.doc_id, []), key=lambda c: (c.lang != h.lang, c.rank))[:PASSAGES_PER_HIT]
        for h in hits
    }
    titled = _pages_titled(view, plan) & shown.keys()
    for doc_id in titled:  # the opening first, highlighted like any passage when it holds the query
        shown[doc_id].sort(key=lambda c: view.meta(c.docnum)["anchor"] != "")
    marked = snippets(view, [c for best in shown.values() for c in best], fragmenter, formatter)
    for h in hits:
        best = shown[h.doc_id]
        opens_elsewhere = h.doc_id in titled and best and view.meta(best[0].docnum)["anchor"] != ""
        if not best or best[0].about_sources or opens_elsewhere:
            lead = view.searcher.document(key=f"{h.doc_id}:{h.lang}#") or {}
            h.passages.append(Passage("", "", h.lang, html.escape(lead.get("body", "")[:200], quote=False), 0.0))
        for c in best[: PASSAGES_PER_HIT - len(h.passages)]:
            fields = view.meta(c.docnum)
            text = marked.get(c.docnum)
            if not text:
                text = html.escape(view.searcher.stored_fields(c.docnum).get("body", "")[:200], quote=False)
            h.passages.append(Passage(fields["anchor"], fields["heading"], c.lang, text, c.score))
