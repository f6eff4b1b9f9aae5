"""The finder's answer (indexer.products.ProductAnswer) -> what a reader sees: acts grouped by
barrier form, each with its reason, obligations and the guides that help, in one language, as
plain data (the HTML pages, the checklist and the JSON API all render the same dict).
"""

from __future__ import annotations

import datetime as dt

from flask import url_for

from indexer.corpus.key_dates import key_dates as page_key_dates
from indexer.products import Catalogue, Category, ProductAnswer, compose, find
from kb.clock import today as current_date
from kb.i18n import OTHER, translate
from kb.knowledge import get_knowledge
from kb.urls import document_url

# "What to do first": safety and radio before substances, design, labels, then take-back and paperwork.
FIRST_STEP_ORDER = (
    "red",
    "lvd",
    "emc",
    "machinery",
    "gpsr",
    "ce-marking",
    "rohs",
    "cra",
    "erp",
    "espr",
    "energy-labelling",
    "batteries",
    "weee",
    "reach",
    "pops",
    "ppwr",
    "packaging",
    "right-to-repair",
    "pld",
    "forced-labour",
)
LEVEL_ORDER = {"enterprise": 0, "industry": 1, "government": 2}
GUIDES_PER_ACT = 3
MAX_PRODUCT_QUERY = 200


def get_catalogue() -> Catalogue:
    """The catalogue and rules, reread when a file changes; act ids are checked against the loaded corpus."""
    return get_knowledge().catalogue()


def key_dates(catalogue: Catalogue, product: ProductAnswer, lang: str, today: dt.date | None = None) -> list[dict]:
    """The coming key dates of the acts that apply, soonest first: [{date, what, act, title, url, confirmed, source}].

    A date counts when its page's `key_dates` scope is `all`, names the category, or names a group
    (`group:<slug>`) the product belongs to: listed there, or answered by one of the group's rules.
    """
    today = today or current_date()
    category_id = product.category.id if product.category else None
    groups = catalogue.groups_of(product)
    found = []
    for act in dict.fromkeys(a.act for a in product.applicable if a.act):
        doc = _doc(act, lang)
        for entry in page_key_dates(doc) if doc else []:
            if entry.concerns(category_id, groups) and entry.date >= today:
                found.append(
                    {
                        "date": entry.date.isoformat(),
                        "what": entry.what,
                        "act": act,
                        "title": doc.title,
                        "url": document_url(lang, act, entry.anchor),
                        "confirmed": entry.confirmed,
                        "source": {"title": entry.source_title, "url": entry.source_url},
                    }
                )
    return sorted(found, key=lambda d: (d["date"], d["act"]))


def _doc(doc_id: str, lang: str):
    knowledge = get_knowledge()
    return knowledge.document(doc_id, lang) or knowledge.document(doc_id, OTHER[lang])


def _page(doc_id: str, lang: str) -> dict:
    doc = _doc(doc_id, lang)
    return {"id": doc_id, "title": doc.title if doc else doc_id, "url": document_url(lang, doc_id)}


def choice(category: Category, lang: str) -> dict:
    """A category as one line of a list (ambiguous codes, name matches, browsing)."""
    return {
        "id": category.id,
        "name": category.names[lang],
        "hs": category.hs,
        "url": url_for("products.category", lang=lang, category_id=category.id),
    }


def answer(catalogue: Catalogue, category: Category | None, lang: str, refinements: dict | None = None) -> dict:
    """The answer for a category (refined by the reader's answers) or for the answers alone."""
    product = compose(catalogue, category, lang, refinements)
    product.dates = key_dates(catalogue, product, lang)
    applicable = [_act(a, lang) for a in product.applicable]
    groups: dict[str, dict] = {}
    for act in applicable:
        form = act["forms"][0] if act["forms"] else None
        group = groups.setdefault(form["id"] if form else "", {"form": form, "acts": []})
        group["acts"].append(act)
    answers_query = {k: v for k, v in product.refined.items()}
    if category is not None:
        names = {
            "category": category.id,
            "name": category.names[lang],
            "other_name": category.names[OTHER[lang]],
            "synonyms": category.synonyms.get(lang, []),
            "hs": category.hs,
            "group": catalogue.groups.get(category.group, {}).get(lang, ""),
            "url": url_for("products.category", lang=lang, category_id=category.id, **answers_query),
            "checklist_url": url_for("products.checklist", lang=lang, category_id=category.id, **answers_query),
        }
        sources = category.sources
    else:
        names = {
            "category": None,
            "name": translate("products_your_product", lang),
            "other_name": "",
            "synonyms": [],
            "hs": [],
            "group": "",
            "url": url_for("products.questions", lang=lang, **answers_query),
            "checklist_url": url_for("products.questions_checklist", lang=lang, **answers_query),
        }
        sources = []
    rule_sources = [s for a in product.acts if a.applies for s in a.sources]
    return {
        **names,
        "lang": lang,
        "kind": product.kind,
        "answers": product.answers,
        "refined": product.refined,
        "weee": [{"category": n, "title": catalogue.weee_categories.get(n, {}).get(lang, "")} for n in product.weee],
        "groups": list(groups.values()),
        "not_applicable": [_act(a, lang) for a in product.not_applicable],
        "first_steps": first_steps(applicable),
        "notes": [note[lang] for note in category.notes] if category else [],
        "sources": list({s["url"] + s["title"]: s for s in sources + rule_sources}.values()),
        "dates": product.dates,
        "disclaimer": translate("products_disclaimer", lang),
        "notifications": _open_notifications(category.id, lang) if category else [],
    }


def _open_notifications(category_id: str, lang: str) -> list[dict]:
    """Imported WTO notifications open for comments whose HS codes fall under this category."""
    from kb.notifications import open_for_category

    return [
        {**e, "comments": e["comments"].isoformat(), "distributed": e["distributed"] and e["distributed"].isoformat()}
        for e in open_for_category(category_id, lang)
    ]


def _act(entry, lang: str) -> dict:
    doc = _doc(entry.act, lang) if entry.act else None
    forms = [_page(f, lang) for f in (doc.meta.get("barrier_forms") or [])] if doc else []
    return {
        "act": entry.act or "",
        "rule": entry.key,
        "title": doc.title if doc else (entry.instrument or entry.act or ""),
        "url": document_url(lang, entry.act) if entry.act else None,
        "instrument": entry.instrument,
        "applies": entry.applies,
        "reason": entry.reason,
        "obligations": entry.obligations,
        "note": entry.act is None,
        "forms": forms,
        "guides": guides(doc, lang) if doc and entry.applies else [],
    }


def guides(act_doc, lang: str) -> list[dict]:
    """Countermeasures and compliance guides for an act: those the act and the guide name each other
    in `related` first (the act's own order), else enterprise guides on the same barrier forms."""
    act_related = act_doc.meta.get("related") or []
    countermeasures = get_knowledge().all(lang, "countermeasure")

    def rank(cm):
        named = act_doc.id in (cm.meta.get("related") or [])
        position = act_related.index(cm.id) if cm.id in act_related else len(act_related)
        return (-(2 * (cm.id in act_related) + named), LEVEL_ORDER.get(cm.meta.get("level"), 3), position)

    linked = [cm for cm in countermeasures if cm.id in act_related or act_doc.id in (cm.meta.get("related") or [])]
    if not linked:
        forms = set(act_doc.meta.get("barrier_forms") or [])
        linked = [
            cm
            for cm in countermeasures
            if cm.meta.get("level") == "enterprise" and forms & set(cm.meta.get("barrier_forms") or [])
        ]
    return [
        dict(_page(cm.id, lang), level=cm.meta.get("level", "")) for cm in sorted(linked, key=rank)[:GUIDES_PER_ACT]
    ]


def first_steps(acts: list[dict]) -> list[dict]:
    """One first step per act (its first obligation), in the order an exporter should take them."""
    by_act: dict[str, dict] = {}
    for act in acts:
        if act["obligations"] and not act["note"]:
            by_act.setdefault(act["act"], act)
    order = {a: i for i, a in enumerate(FIRST_STEP_ORDER)}
    chosen = sorted(by_act.values(), key=lambda a: order.get(a["act"], len(order)))
    return [{"act": a["act"], "label": a["instrument"] or a["title"], "step": a["obligations"][0]} for a in chosen]


def find_product(query: str, lang: str) -> list[Category]:
    """The catalogue products a search query names, by HS code or by a whole name (either language,
    synonyms included): one, several for an HS code or names several products share, [] for none.
    The finder's own page also suggests a product from a single word of its name ("screen" for a
    monitor); above search results that would put a card over unrelated questions, so a whole
    name is required here."""
    catalogue = get_catalogue()
    finding = find(catalogue, query)
    if finding.hs and finding.kind in ("category", "ambiguous"):
        return finding.categories
    return [m.category for m in catalogue.names.match(query) if m.exact or m.phrase]


def product_card(query: str, lang: str) -> dict | None:
    """What search shows above its results when the query names a product: the acts that apply,
    the answer page and the checklist (also /api/search's `product`). An HS code several products
    share gives each of them as `choices`, and the acts that apply to any of them."""
    found = find_product(query.strip()[:MAX_PRODUCT_QUERY], lang) if query.strip() else []
    if not found:
        return None
    catalogue = get_catalogue()
    answers = [answer(catalogue, category, lang) for category in found]
    first = answers[0]
    acts = {}
    for full in answers:
        for group in full["groups"]:
            for act in group["acts"]:
                acts.setdefault(
                    (act["act"], act["instrument"]),
                    {
                        "act": act["act"],
                        "title": act["title"],
                        "instrument": act["instrument"],
                        "url": act["url"],
                        "reason": act["reason"],
                    },
                )
    return {
        "category": first["category"],
        "name": first["name"],
        "hs": first["hs"],
        "url": first["url"],
        "checklist_url": first["checklist_url"],
        "acts": list(acts.values()),
        "choices": [choice(c, lang) for c in found] if len(found) > 1 else [],
    }


def questions(catalogue: Catalogue, lang: str, answers: dict) -> list[dict]:
    """The finder's questions in one language, each with its choices and the current answer."""
    return [
        {
            "id": q.id,
            "text": q.text[lang],
            "help": q.help[lang] if q.help else None,
            "choices": [{"value": v, "label": q.labels[v][lang], "checked": answers.get(q.id) == v} for v in q.values],
        }
        for q in catalogue.rules.questions
    ]
