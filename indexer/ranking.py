"""What a query asks for, beyond its words: which passage answers it and whether old acts step back.

- The passage: among a page's sections, the one covering most of the query's subject words, each
  word weighted by its rarity (idf), a word in the section's heading counting most. A section about
  the sources or the paper comes after every other matching section, and after the page's opening
  when nothing else matches, unless the query asks about the paper.
- Current first: unless the query names a repealed or replaced act (one of its own names, a word
  like "first" / 第一部, or an earlier year), such acts and their summaries step back behind the
  current acts, their summaries and the guides.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from whoosh import highlight
from whoosh import query as wq

from indexer.query import BASE_FIELD, for_fields
from indexer.questions import Question, QuestionWords
from indexer.schema import exact_key

HEADING_CREDIT = 3.0  # a subject word in the section's heading
LEAD_TITLE_CREDIT = 1.5  # a subject word in the page title, for the page's opening section
BODY_CREDIT = 1.0  # a subject word in the section's text (or in the page title: it frames every section)
SOURCE_SECTION_FACTOR = 0.5  # sections about the sources or the paper, when the query does not ask
NOT_CURRENT_FACTOR = 0.45  # repealed and replaced acts and their summaries, for present-day questions
NOT_CURRENT_STATUSES = ("repealed", "replaced")
SUCCESSOR_SHARE = 0.99  # the act that replaced a matching old one ranks just above where the old one was
SUMMARY_SUFFIX = "-summary"  # a summary's id is its act's id plus this (corpus/README.md)
PASSAGE_FIELDS = {"heading": 2.0, "body": 1.0, "title": 0.5}
MAX_NAME_WORDS = 5  # longest run of query words looked up as a page's name
NAMED_FACTOR = 1.6  # a page the query names (by a title or alias among its words)
_YEAR = re.compile(r"^(19|20)[0-9]{2}$")


@dataclass
class Concept:
    """One thing the query asks about: a word, or a word with its translations and synonyms."""
    query: wq.Query
    terms: frozenset  # every analysed word that stands for it
    weight: float  # rarity of the word as typed


@dataclass
class Plan:
    query: wq.Query  # the required words, against BASE_FIELD
    fallback: bool
    question: Question
    text: str  # the query as typed
    content: list  # analysed tokens of the query without its question words
    words: QuestionWords
    analyzer: object
    concepts: list = field(default_factory=list)
    partial: bool = False  # pages with only some of the words are ranked by the share they have
    prefer: frozenset = frozenset()  # pages the caller knows the query is about (a product's acts)
    named: set | None = None  # pages the query names (named_pages), once computed

    def asks_about_sources(self) -> bool:
        return bool(set(self.content) & self.words.about_sources(self.analyzer))


def concepts_of(q: wq.Query, searcher) -> list[Concept]:
    """The parts of the query's top-level AND: words, phrases, each with its alternatives (an OR at
    the top, typed or from the lexicon, is one thing asked about in several names)."""
    parts = _flat(q) if isinstance(q, wq.And) else [q]
    found = []
    for part in parts:
        if isinstance(part, wq.Not) or part is wq.NullQuery:
            continue
        terms = frozenset(_texts(part))
        if not terms:
            continue
        typed = part.subqueries[0] if isinstance(part, wq.Or) and part.subqueries else part
        idfs = [searcher.idf("body", t) for t in _texts(typed)] or [1.0]
        found.append(Concept(part, terms, sum(idfs) / len(idfs)))
    return found


def _flat(q: wq.Query) -> list:
    """Children of a top-level AND / OR, nested ones of the same kind opened (a Chinese run the
    parser joined into one group is several words)."""
    out = []
    for sub in q.subqueries:
        out.extend(_flat(sub) if isinstance(sub, wq.And) else [sub])
    return out


def _texts(q: wq.Query) -> list[str]:
    texts = []
    for fieldname, text in q.iter_all_terms():
        if fieldname == BASE_FIELD:
            texts.append(text.decode("utf-8") if isinstance(text, bytes) else text)
    return texts


def coverage_of_pages(view, plan: Plan, grouped: dict) -> dict[str, float]:
    """doc_id -> the rarity-weighted share of the query's concepts the page has (1.0: all of them)."""
    total = sum(c.weight for c in plan.concepts)
    if not total or len(plan.concepts) < 2:
        return {}
    share = dict.fromkeys(grouped, 0.0)
    for concept in plan.concepts:
        for docnum in view.searcher.docs_for_query(concept.query):
            doc_id = view.meta(docnum)["doc_id"]
            if doc_id in share:
                share[doc_id] += concept.weight / total
    return {doc_id: min(1.0, value) for doc_id, value in share.items()}


def section_share(plan: Plan, hit) -> float:
    """The rarity-weighted share of the query's concepts a section holds (its page title counts)."""
    total = sum(c.weight for c in plan.concepts)
    if not total:
        return 1.0
    matched = set()
    for _, text in hit.matched_terms():
        matched.add(text.decode("utf-8") if isinstance(text, bytes) else text)
    return sum(c.weight for c in plan.concepts if c.terms & matched) / total


def named_pages(view, plan: Plan) -> set[str]:
    """Pages one of whose titles or aliases the query names, as a run of its words ("RoHS" in
    "Is my kettle covered by RoHS", 中国RoHS in "中国RoHS和欧盟RoHS有什么区别"), once per plan."""
    if plan.named is not None:
        return plan.named
    text = plan.question.content
    spans = [(t.startchar, t.endchar) for t in plan.analyzer(text, mode="query", chars=True)]
    keys = set()
    for i in range(len(spans)):
        for j in range(i, min(i + MAX_NAME_WORDS, len(spans))):
            key = exact_key(text[spans[i][0]:spans[j][1]])
            if key:
                keys.add(key)
    found = set()
    for key in keys:
        for docnum in view.searcher.docs_for_query(wq.Term("exact", key)):
            found.add(view.meta(docnum)["doc_id"])
    plan.named = found
    return found


# -- passages -----------------------------------------------------------------------------------

@dataclass
class Choice:
    hit: object  # whoosh Hit of the section
    lang: str
    score: float  # weighted coverage
    rank: int  # position among the page's sections, best first
    about_sources: bool = False  # a section about the sources or the paper, not asked about


def choose_passages(view, plan: Plan, doc_ids: list[str]) -> dict[str, list[Choice]]:
    """doc_id -> its matching sections, best first."""
    if not doc_ids or not plan.concepts:
        return {}
    sections = set()
    for doc_id in doc_ids:
        sections |= view.sections_of(doc_id)
    query = for_fields(wq.Or([c.query for c in plan.concepts]), PASSAGE_FIELDS)
    results = view.searcher.search(query, filter=sections, limit=None, terms=True)
    results.fragmenter = highlight.PinpointFragmenter(maxchars=220, surround=70, autotrim=True)
    results.formatter = _formatter()
    asks_sources = plan.asks_about_sources()
    scored: dict[str, list] = {}
    for hit in results:
        meta = view.meta(hit.docnum)
        coverage, in_heading = _coverage(plan.concepts, hit, meta)
        about_sources = meta["anchor"] in plan.words.source_anchors and not asks_sources
        if about_sources:
            coverage *= SOURCE_SECTION_FACTOR
        scored.setdefault(meta["doc_id"], []).append((hit, meta, coverage, in_heading, about_sources))
    chosen = {}
    for doc_id, entries in scored.items():
        # A section about the sources or the paper comes after every other matching section.
        entries.sort(key=lambda e: (e[4], -e[2], -e[0].score))
        chosen[doc_id] = [Choice(hit, meta["lang"], coverage, rank, about)
                          for rank, (hit, meta, coverage, _, about) in enumerate(entries)]
    return chosen


def _coverage(concepts, hit, meta) -> tuple[float, bool]:
    """Rarity-weighted share of the concepts the section holds, and whether its heading matched."""
    matched: dict[str, set] = {}
    for fieldname, text in hit.matched_terms():
        matched.setdefault(fieldname, set()).add(text.decode("utf-8") if isinstance(text, bytes) else text)
    lead = not meta["anchor"]
    total, in_heading = 0.0, False
    for concept in concepts:
        credit = 0.0
        if concept.terms & matched.get("heading", set()):
            credit, in_heading = HEADING_CREDIT, True
        elif concept.terms & matched.get("title", set()):
            credit = LEAD_TITLE_CREDIT if lead else BODY_CREDIT
        elif concept.terms & matched.get("body", set()):
            credit = BODY_CREDIT
        total += credit * concept.weight
    return total, in_heading


def _formatter():
    from indexer.search import MarkFormatter  # one formatter for every snippet
    return MarkFormatter(between=" … ")


# -- current acts first -------------------------------------------------------------------------

def current_first(view, plan: Plan, grouped: dict) -> None:
    """Unless the query names an old act or an earlier year: each repealed or replaced act (and its
    summary) in `grouped` (doc_id -> entry) is scaled down, and the act that replaced it, when it
    matched too, ranks at least where the old one would have (what the old act answered, its
    successor answers for today)."""
    old = view.not_current(plan.words.asking(plan.analyzer))
    if not old or not grouped.keys() & old.keys() or names_earlier(plan, old) or named_pages(view, plan) & old.keys():
        return
    for doc_id in [d for d in grouped if d in old]:
        entry = grouped[doc_id]
        act = doc_id[:-len(SUMMARY_SUFFIX)] if doc_id.endswith(SUMMARY_SUFFIX) else doc_id
        for successor in view.successors(act):
            if successor in grouped and successor not in old:
                grouped[successor]["score"] = max(grouped[successor]["score"], entry["score"] * SUCCESSOR_SHARE)
        entry["score"] *= NOT_CURRENT_FACTOR


def names_earlier(plan: Plan, old: dict) -> bool:
    words = set(plan.content)
    if words & plan.words.earlier(plan.analyzer):
        return True
    if any(_YEAR.match(w) and int(w) < datetime.date.today().year for w in words):
        return True
    return any(words & names for names in old.values())


def not_current_names(meta_by_doc: dict, names_of, asking: frozenset) -> dict[str, frozenset]:
    """doc_id -> the words only its own names use, for each repealed or replaced act and its summary.

    meta_by_doc: doc_id -> stored fields of one version; names_of(doc_id) -> analysed words of the
    titles and aliases of all its versions."""
    old = {d for d, m in meta_by_doc.items() if m.get("status") in NOT_CURRENT_STATUSES}
    old |= {d for d in meta_by_doc if d.endswith(SUMMARY_SUFFIX) and d[:-len(SUMMARY_SUFFIX)] in old}
    if not old:
        return {}
    current_words = set().union(*(names_of(d) for d in meta_by_doc if d not in old))
    return {d: frozenset(names_of(d) - current_words - asking) for d in old}
