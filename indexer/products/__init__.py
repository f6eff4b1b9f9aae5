"""The product finder: which EU acts apply to an M&E product, and why.

    load   reading and checking corpus/products/catalogue.yaml and rules.yaml (file:line problems)
    rules  the finder's questions and how rules turn answers into acts
    match  HS codes and names -> catalogue categories
    here   composing the answer for a category (refined by answers) or for answers alone

`find_product(query, lang, catalogue or corpus_dir)` is the one call other parts (the search page's answer
card) need: it returns a ProductAnswer, or None when the query names no product.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from indexer.products.load import (
    CATALOGUE,
    RULES,
    Catalogue,
    Category,
    Entry,
    catalogue_path,
    check_catalogue,
    format_hs,
    load_catalogue,
    load_rules,
    rules_path,
)
from indexer.products.match import Finding, find, find_by_hs, find_by_name, hs_digits
from indexer.products.rules import (
    QUESTION_DEFAULTS,
    QUESTION_VALUES,
    evaluate,
    holds,
    invalid_answers,
    normalise_answers,
)
from indexer.vocabulary import LANGS

__all__ = [
    "CATALOGUE",
    "RULES",
    "Catalogue",
    "Category",
    "Finding",
    "ProductAnswer",
    "ActAnswer",
    "catalogue_path",
    "check_catalogue",
    "compose",
    "find",
    "find_by_hs",
    "find_by_name",
    "find_product",
    "format_hs",
    "hs_digits",
    "invalid_answers",
    "load_catalogue",
    "load_rules",
    "normalise_answers",
    "rules_path",
    "catalogue_stamp",
    "read_catalogue",
    "differences",
    "answer_query",
    "QUESTION_VALUES",
    "QUESTION_DEFAULTS",
]

UNLISTED_WEEE = [4, 5]  # by size, when the reader's product is not in the catalogue
SCREEN_WEEE = 2  # Annex III category 2: equipment containing screens larger than 100 cm²


@dataclass
class ActAnswer:
    """One act (or note) in one language: whether it applies, why, what to do."""

    key: str  # rule id or the category's own entry id
    act: str | None  # corpus document id; None for a note without a page
    applies: bool
    reason: str
    obligations: list[str] = field(default_factory=list)
    instrument: str | None = None
    from_rule: bool = True  # False: the catalogue's own entry for this category
    sources: list[dict] = field(default_factory=list)


@dataclass
class ProductAnswer:
    """What the finder answers: a category's acts, a choice between categories, or questions.

    kind       "category": `category` with `acts`; "answers": `acts` from the reader's answers alone;
               "ambiguous": `candidates` and the `differences` (question ids) that tell them apart;
               "questions": nothing listed matched; ask (`answers` holds the chapter's starting point)
    answers    every question answered (the catalogue's description, then the reader's refinements)
    refined    the answers the reader gave
    dates      the coming key dates of the acts; filled by the dates helper (see kb.product_answers)
    """

    kind: str
    lang: str
    query: str = ""
    category: Category | None = None
    answers: dict = field(default_factory=dict)
    refined: dict = field(default_factory=dict)
    acts: list[ActAnswer] = field(default_factory=list)
    weee: list[int] = field(default_factory=list)
    candidates: list[Category] = field(default_factory=list)
    differences: list[str] = field(default_factory=list)
    hs: str | None = None
    chapter: str | None = None
    dates: list = field(default_factory=list)

    @property
    def applicable(self) -> list[ActAnswer]:
        return [a for a in self.acts if a.applies]

    @property
    def not_applicable(self) -> list[ActAnswer]:
        return [a for a in self.acts if not a.applies]

    @property
    def name(self) -> str | None:
        return self.category.names[self.lang] if self.category else None


def compose(
    catalogue: Catalogue, category: Category | None, lang: str, refinements: dict | None = None
) -> ProductAnswer:
    """The answer for a category (refined by the reader's answers), or for the answers alone."""
    refinements = {k: v for k, v in (refinements or {}).items() if k in QUESTION_VALUES and v in QUESTION_VALUES[k]}
    answers = category.answers(refinements) if category else normalise_answers(refinements)
    acts: dict[str, ActAnswer] = {}
    rules = catalogue.rules.by_id()
    named = {e.key for e in category.entries} if category else set()
    for outcome in evaluate(catalogue.rules, answers).outcomes:
        rule = outcome.rule
        if category is not None and rule.named_only and rule.id not in named:
            continue  # the catalogue knows whether this product is one the rule lists
        acts[rule.id] = ActAnswer(
            rule.id,
            rule.act,
            outcome.applies,
            outcome.reason[lang] if outcome.reason else "",
            [o[lang] for o in rule.obligations],
            rule.title[lang] if rule.title else None,
            True,
            rule.sources,
        )
    for entry in category.entries if category else []:
        if entry.when and not holds(entry.when, answers):
            continue
        acts[entry.key] = _entry_answer(
            entry, rules.get(entry.key) if entry.overrides else None, acts.get(entry.key), lang
        )
    shown = [a for a in acts.values() if a.applies or a.reason]
    return ProductAnswer(
        "category" if category else "answers",
        lang,
        category=category,
        answers=answers,
        refined=refinements,
        acts=shown,
        weee=_weee(category, answers, acts),
    )


def _entry_answer(entry: Entry, rule, base: ActAnswer | None, lang: str) -> ActAnswer:
    if rule is None:  # the category's own act
        return ActAnswer(
            entry.key,
            entry.act,
            entry.applies,
            entry.reason[lang] if entry.reason else "",
            [o[lang] for o in entry.obligations],
            entry.title[lang] if entry.title else None,
            False,
        )
    applies = entry.applies if entry.sets_applies or base is None else base.applies
    if not applies and not entry.sets_applies:
        return base  # a rewording of why it applies says nothing when, for these answers, it does not
    reason = (
        entry.reason[lang]
        if entry.reason
        else (base.reason if base and base.applies == applies and base.reason else rule.reason[lang])
    )
    return ActAnswer(
        entry.key,
        rule.act,
        applies,
        reason,
        [o[lang] for o in (entry.obligations or rule.obligations)],
        entry.title[lang] if entry.title else (rule.title[lang] if rule.title else None),
        True,
        rule.sources,
    )


def _weee(category: Category | None, answers: dict, acts: dict) -> list[int]:
    weee = acts.get("weee")
    if weee is not None and not weee.applies:
        return []
    if answers.get("screen") == "yes":
        return [SCREEN_WEEE]
    if category is not None:
        return category.weee
    return UNLISTED_WEEE


def differences(categories: list[Category]) -> list[str]:
    """The questions whose answers tell these categories apart, in the finder's order."""
    answers = [c.answers() for c in categories]
    return [q for q in QUESTION_VALUES if len({a[q] for a in answers}) > 1]


def answer_query(catalogue: Catalogue, query: str, lang: str, refinements: dict | None = None) -> ProductAnswer | None:
    """A query (name or HS code) -> the answer; None when a name matches nothing listed."""
    finding = find(catalogue, query)
    if finding.kind == "category":
        answer = compose(catalogue, finding.categories[0], lang, refinements)
    elif finding.kind == "ambiguous":
        answer = ProductAnswer(
            "ambiguous", lang, candidates=finding.categories, differences=differences(finding.categories)
        )
    elif finding.chapter:
        preset = catalogue.rules.chapters.get(finding.chapter, {}).get("answers", {})
        answer = ProductAnswer("questions", lang, answers=normalise_answers(preset))
    else:
        return None
    answer.query, answer.hs, answer.chapter = query, finding.hs, finding.chapter
    return answer


def _mtime(path: Path) -> float:
    return path.stat().st_mtime_ns if path.is_file() else -1


def catalogue_stamp(corpus_dir) -> tuple:
    """Changes when the catalogue or the rules file changes (size-independent: their times)."""
    return _mtime(catalogue_path(corpus_dir)), _mtime(rules_path(corpus_dir))


def read_catalogue(corpus_dir, document_ids: set | None = None) -> Catalogue:
    """The corpus's catalogue and rules (an empty catalogue when the corpus has none)."""
    path = catalogue_path(corpus_dir)
    if not path.is_file():
        return Catalogue([], {}, {}, [])
    return load_catalogue(path, document_ids, root=Path(corpus_dir))


def find_product(query: str, lang: str, catalogue) -> ProductAnswer | None:
    """The finder's answer for a search query, for an answer card beside the search results.

    `query` is what the reader typed: a product name in Chinese or English (synonyms and
    colloquial names included) or an HS code of 2 to 10 digits with or without dots. Returns a
    ProductAnswer of kind "category" (acts with reasons; `.category.id` names its page
    /<lang>/products/<id>), "ambiguous" (`.candidates`, `.differences`) or "questions" (an HS code
    of a chapter with no listed product: ask at /<lang>/products?q=<code>); None when the query
    names no listed product or only generic words. Never raises on odd input.
    """
    query = (query or "").strip()[:200]
    if not query or lang not in LANGS:
        return None
    if not isinstance(catalogue, Catalogue):  # a corpus folder
        catalogue = read_catalogue(catalogue)
    if not catalogue.categories:
        return None
    return answer_query(catalogue, query, lang)
