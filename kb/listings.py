"""The listing pages a reader browses by: regulations, barrier forms, countermeasures, glossary, figures."""

from __future__ import annotations

import re
from itertools import groupby

from flask import Blueprint, render_template, request

from indexer.vocabulary import JURISDICTIONS
from kb.act_versions import newest_first
from kb.knowledge import get_knowledge
from kb.linker import definition
from kb.pages import set_lang

bp = Blueprint("listings", __name__)
bp.url_value_preprocessor(set_lang)

UMBRELLA = "green-trade-barrier"  # the barrier-form page defining the whole notion; the others are its forms
FORM_ORDER = (
    "green-tariff",
    "green-technical-standard",
    "green-environmental-label",
    "green-packaging",
    "green-inspection-quarantine",
)  # the paper's order
LEVELS = ("government", "industry", "enterprise")
STATUS_ORDER = {"in force": 0, "replaced": 1, "repealed": 2}
# The alias that reads as the act's official number: "Directive 2011/65/EU", "工业和信息化部令第32号".
NUMBER = re.compile(r"^(?:Directive|Regulation|Decision) .*\d|^(?:\S+ )?Order No\. \d+$|令第\d+号$")


@bp.route("/<lang>/regulations")
def regulations(lang):
    knowledge = get_knowledge()
    regs = sorted(knowledge.all(lang, "regulation"), key=lambda d: STATUS_ORDER.get(d.meta.get("status"), 3))
    groups = [(j, [d for d in regs if d.meta.get("jurisdiction") == j]) for j in JURISDICTIONS]
    groups.append(("other", [d for d in regs if d.meta.get("jurisdiction") not in JURISDICTIONS]))
    summaries = {d.meta.get("summarises"): d for d in knowledge.all(lang, "summary")}
    return render_template(
        "listing_regulations.html",
        groups=[g for g in groups if g[1]],
        summaries=summaries,
        acts=acts_by_newest(knowledge.all(type="act"), lang),
        numbers={d.id: legal_number(d, lang) for d in regs},
    )


@bp.route("/<lang>/barriers")
def barriers(lang):
    knowledge = get_knowledge()
    forms = barrier_forms(knowledge, lang)
    regs = knowledge.all(lang, "regulation")
    countermeasures = knowledge.all(lang, "countermeasure")
    return render_template(
        "listing_barriers.html",
        forms=forms,
        definitions={f.id: definition(f) for f in forms},
        examples={
            f.id: [r for r in regs if r.meta.get("jurisdiction") == "EU" and f.id in _forms_of(r)] for f in forms
        },
        answers={f.id: sum(f.id in _forms_of(c) for c in countermeasures) for f in forms},
    )


@bp.route("/<lang>/countermeasures")
def countermeasures(lang):
    knowledge = get_knowledge()
    everything = knowledge.all(lang, "countermeasure")
    forms = [f for f in barrier_forms(knowledge, lang) if f.id != UMBRELLA]
    counts = {f.id: sum(f.id in _forms_of(c) for c in everything) for f in forms}
    chosen = next((f for f in forms if f.id == request.args.get("form")), None)
    shown = [c for c in everything if chosen is None or chosen.id in _forms_of(c)]
    return render_template(
        "listing_countermeasures.html",
        forms=forms,
        counts=counts,
        chosen=chosen,
        total=len(everything),
        levels=[(level, [c for c in shown if c.meta.get("level") == level]) for level in LEVELS],
    )


@bp.route("/<lang>/glossary")
def glossary(lang):
    knowledge = get_knowledge()
    entries = sorted(
        knowledge.all(lang, "term") + knowledge.all(lang, "barrier-form"),
        key=lambda d: (initial(sort_key(d)), sort_key(d)),
    )
    letters = [(letter, list(docs)) for letter, docs in groupby(entries, key=lambda d: initial(sort_key(d)))]
    return render_template("listing_glossary.html", letters=letters, definitions={d.id: definition(d) for d in entries})


@bp.route("/<lang>/figures")
def figures(lang):
    figures = get_knowledge().all(lang, "figure")
    return render_template("listing_figures.html", figures=figures, definitions={d.id: definition(d) for d in figures})


def barrier_forms(knowledge, lang):
    """The whole notion first, then its five forms in the paper's order, then any others."""

    def rank(doc):
        return (doc.id != UMBRELLA, FORM_ORDER.index(doc.id) if doc.id in FORM_ORDER else len(FORM_ORDER))

    return sorted(knowledge.all(lang, "barrier-form"), key=rank)


def in_language(docs, lang):
    """One version per id: the page's language where it exists (an imported act may have only one)."""
    chosen = {}
    for doc in docs:
        if doc.id not in chosen or doc.lang == lang:
            chosen[doc.id] = doc
    return sorted(chosen.values(), key=lambda d: d.title)


def acts_by_newest(docs, lang):
    """One row per imported act: (its newest version, its older versions newest first), by title."""
    by_act: dict = {}
    for doc in in_language(docs, lang):
        by_act.setdefault(str(doc.meta.get("celex") or doc.id).upper(), []).append(doc)
    rows = [(versions[0], versions[1:]) for versions in (newest_first(v) for v in by_act.values())]
    return sorted(rows, key=lambda row: row[0].title)


def legal_number(doc, lang) -> str:
    numbers = [a for a in doc.aliases if NUMBER.search(a)]
    native = [a for a in numbers if a.isascii() == (lang == "en")]
    return (native or numbers or [""])[0]


def sort_key(doc) -> str:
    # Chinese titles sort by pinyin, as in a Chinese dictionary; Latin letters sort as themselves.
    from pypinyin import lazy_pinyin  # imported when a glossary is sorted: `kb search` never needs it

    return "".join(lazy_pinyin(doc.title)).casefold()


def initial(key: str) -> str:
    return key[:1].upper() if key[:1].isascii() and key[:1].isalpha() else "#"


def _forms_of(doc) -> list:
    return doc.meta.get("barrier_forms") or []
