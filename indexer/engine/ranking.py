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
from itertools import groupby

from whoosh import highlight
from whoosh import query as wq
from whoosh.analysis import Token

from indexer.engine.query import BASE_FIELD, for_fields
from indexer.engine.questions import Question, QuestionWords
from indexer.engine.schema import exact_key

HEADING_CREDIT = 3.0  # a subject word in the section's heading
LEAD_TITLE_CREDIT = 1.5  # a subject word in the page title, for the page's opening section
BODY_CREDIT = 1.0  # a subject word in the section's text (or in the page title: it frames every section)
SOURCE_SECTION_FACTOR = 0.5  # sections about the sources or the paper, when the query does not ask
NOT_CURRENT_FACTOR = 0.45  # repealed and replaced acts and their summaries, for present-day questions
NOT_CURRENT_STATUSES = ("repealed", "replaced")
SUCCESSOR_SHARE = 0.99  # the act that replaced a matching old one ranks just above where the old one was
SUMMARY_SUFFIX = "-summary"  # a summary's id is its act's id plus this (corpus/README.md)
PASSAGE_FIELDS = ("heading", "body", "title")
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
        for docnum in view.matching(concept.query):
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
            key = exact_key(text[spans[i][0] : spans[j][1]])
            if key:
                keys.add(key)
    found = set().union(*(view.pages_named(key) for key in keys))
    plan.named = found
    return found


# -- passages -----------------------------------------------------------------------------------


@dataclass
class Choice:
    docnum: int  # the section's record
    lang: str
    score: float  # weighted coverage
    rank: int  # position among the page's sections, best first
    about_sources: bool = False  # a section about the sources or the paper, not asked about
    terms: frozenset = frozenset()  # the query's words it holds, to highlight


def choose_passages(view, plan: Plan, doc_ids: list[str]) -> dict[str, list[Choice]]:
    """doc_id -> its sections that hold some of the query, best first.

    Which concepts each section holds comes from posting lists restricted to the shown pages'
    sections (no scoring): a scored search filtered to them would still score the whole index."""
    if not doc_ids or not plan.concepts:
        return {}
    sections = frozenset().union(*(view.sections_of(doc_id) for doc_id in doc_ids))
    holding = {name: [_docs(view, c, name, sections) for c in plan.concepts] for name in PASSAGE_FIELDS}
    asks_sources = plan.asks_about_sources()
    by_doc: dict[str, list] = {}
    for docnum in sorted(sections):
        meta = view.meta(docnum)
        coverage, own, terms = _coverage(plan.concepts, holding, docnum, not meta["anchor"])
        if not own and (meta["anchor"] or not coverage):
            continue  # nothing of the query in its heading or text (the opening: nor in the title)
        about = meta["anchor"] in plan.words.source_anchors and not asks_sources
        if about:
            coverage *= SOURCE_SECTION_FACTOR
        by_doc.setdefault(meta["doc_id"], []).append((about, -coverage, -own, docnum, meta, terms))
    chosen = {}
    for doc_id, entries in by_doc.items():
        # A section about the sources or the paper comes after every other matching section;
        # ties go to the section holding more in its own text, then to the earlier one.
        entries.sort(key=lambda e: e[:4])
        chosen[doc_id] = [
            Choice(docnum, meta["lang"], -neg, rank, about, terms)
            for rank, (about, neg, _, docnum, meta, terms) in enumerate(entries)
        ]
    return chosen


def _docs(view, concept: Concept, fieldname: str, among: frozenset) -> frozenset:
    """The records in `among` holding `concept` in `fieldname`."""
    matching = view.matching(for_fields(concept.query, {fieldname: 1.0}))
    return frozenset(n for n in among if n in matching)


def _coverage(concepts, holding, docnum, lead) -> tuple[float, float, frozenset]:
    """(rarity-weighted coverage with heading and title credits, the part the section's own heading
    and text hold, the words to highlight)."""
    total = own = 0.0
    terms = set()
    for i, concept in enumerate(concepts):
        if docnum in holding["heading"][i]:
            credit = HEADING_CREDIT
        elif docnum in holding["body"][i]:
            credit = BODY_CREDIT
        else:
            credit = 0.0
        if credit:
            own += credit * concept.weight
            terms |= concept.terms
        if docnum in holding["title"][i]:
            credit = max(credit, LEAD_TITLE_CREDIT if lead else BODY_CREDIT)
        total += credit * concept.weight
    return total, own, frozenset(terms)


def snippets(view, choices: list[Choice], fragmenter, formatter, top=2) -> dict[int, str]:
    """docnum -> the section's text around the query's words, highlighted (whoosh escapes the rest).
    The words' character offsets come from the index (the body field stores them), read once per
    word for all the sections, as whoosh's own pinpoint highlighting does: no second pass of jieba."""
    searcher, reader = view.searcher, view.searcher.reader()
    wanted: dict[str, list[int]] = {}
    for choice in choices:
        for word in choice.terms:
            wanted.setdefault(word, []).append(choice.docnum)
    tokens: dict[int, list] = {}
    for word, docnums in wanted.items():
        btext = word.encode("utf-8")
        if ("body", btext) not in reader:
            continue
        postings = searcher.postings("body", btext)
        for docnum in sorted(set(docnums)):
            postings.skip_to(docnum)
            if not postings.is_active():
                break
            if postings.id() == docnum:
                tokens.setdefault(docnum, []).extend(
                    Token(text=word, pos=pos, startchar=start, endchar=end)
                    for pos, start, end in postings.value_as("characters")
                    if not fragmenter.charlimit or end <= fragmenter.charlimit
                )
    found = {}
    for docnum, marks in tokens.items():
        body = searcher.stored_fields(docnum).get("body", "")
        marks.sort(key=lambda t: t.startchar)
        marks = [
            max(group, key=lambda t: t.endchar - t.startchar) for _, group in groupby(marks, lambda t: t.startchar)
        ]
        fragments = highlight.top_fragments(
            fragmenter.fragment_matches(body, marks), top, highlight.BasicFragmentScorer(), highlight.FIRST
        )
        found[docnum] = formatter.format(fragments)
    return found


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
        act = doc_id[: -len(SUMMARY_SUFFIX)] if doc_id.endswith(SUMMARY_SUFFIX) else doc_id
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
    old |= {d for d in meta_by_doc if d.endswith(SUMMARY_SUFFIX) and d[: -len(SUMMARY_SUFFIX)] in old}
    if not old:
        return {}
    current_words = set().union(*(names_of(d) for d in meta_by_doc if d not in old))
    return {d: frozenset(names_of(d) - current_words - asking) for d in old}
