"""A catalogue category -> the answer a reader sees: acts grouped by barrier form, each with its
reason, obligations and the guides that help, in one language, as plain data (the HTML pages,
the checklist and the JSON API all render the same dict).
"""
from __future__ import annotations

import threading
from pathlib import Path

from flask import current_app, url_for

from indexer.products import Catalogue, Category, catalogue_path, find, load_catalogue
from kb.i18n import OTHER, translate
from kb.knowledge import get_knowledge

# "What to do first": safety and CE before substances, design, labels, then take-back and paperwork.
FIRST_STEP_ORDER = ("ce-marking", "rohs", "erp", "espr", "energy-labelling", "batteries", "weee", "reach",
                    "ppwr", "packaging")
LEVEL_ORDER = {"enterprise": 0, "industry": 1, "government": 2}
GUIDES_PER_ACT = 3
MAX_PRODUCT_QUERY = 200

_cache: dict[str, tuple[float, Catalogue]] = {}
_cache_lock = threading.Lock()


def get_catalogue() -> Catalogue:
    """The catalogue, reread when its file changes; act ids are checked against the loaded corpus."""
    config = current_app.config
    path = Path(config.get("PRODUCTS_CATALOGUE") or catalogue_path(config["CORPUS_DIR"]))
    mtime = path.stat().st_mtime if path.is_file() else -1.0
    with _cache_lock:
        cached = _cache.get(str(path))
        if cached is None or cached[0] != mtime:
            if mtime < 0:
                cached = (mtime, Catalogue([], {}, {}, []))
            else:
                knowledge = get_knowledge()
                knowledge.refresh()
                cached = (mtime, load_catalogue(path, {doc_id for doc_id, _ in knowledge.documents}))
            _cache[str(path)] = cached
    return cached[1]


def _doc(doc_id: str, lang: str):
    knowledge = get_knowledge()
    return knowledge.document(doc_id, lang) or knowledge.document(doc_id, OTHER[lang])


def _page(doc_id: str, lang: str) -> dict:
    doc = _doc(doc_id, lang)
    return {"id": doc_id, "title": doc.title if doc else doc_id,
            "url": url_for("pages.document", lang=lang, doc_id=doc_id)}


def choice(category: Category, lang: str) -> dict:
    """A category as one line of a list (ambiguous codes, name matches, browsing)."""
    return {"id": category.id, "name": category.names[lang], "hs": category.hs,
            "url": url_for("products.category", lang=lang, category_id=category.id)}


def answer(catalogue: Catalogue, category: Category, lang: str) -> dict:
    applicable = [_act(entry, lang) for entry in category.applicable]
    groups: dict[str, dict] = {}
    for act in applicable:
        form = act["forms"][0] if act["forms"] else None
        group = groups.setdefault(form["id"] if form else "", {"form": form, "acts": []})
        group["acts"].append(act)
    return {
        "category": category.id, "lang": lang, "name": category.names[lang],
        "other_name": category.names[OTHER[lang]], "synonyms": category.synonyms.get(lang, []),
        "hs": category.hs, "group": catalogue.groups.get(category.group, {}).get(lang, ""),
        "weee": [{"category": n, "title": catalogue.weee_categories.get(n, {}).get(lang, "")} for n in category.weee],
        "groups": list(groups.values()),
        "not_applicable": [_act(entry, lang) for entry in category.not_applicable],
        "first_steps": first_steps(category, applicable),
        "notes": [note[lang] for note in category.notes],
        "sources": category.sources,
        "disclaimer": translate("products_disclaimer", lang),
        "url": url_for("products.category", lang=lang, category_id=category.id),
        "checklist_url": url_for("products.checklist", lang=lang, category_id=category.id),
    }


def _act(entry, lang: str) -> dict:
    doc = _doc(entry.act, lang)
    forms = [_page(f, lang) for f in (doc.meta.get("barrier_forms") or [])] if doc else []
    return {
        "act": entry.act, "title": doc.title if doc else entry.act,
        "url": url_for("pages.document", lang=lang, doc_id=entry.act),
        "instrument": entry.instrument[lang] if entry.instrument else None,
        "applies": entry.applies, "reason": entry.reason[lang],
        "obligations": [o[lang] for o in entry.obligations],
        "forms": forms, "guides": guides(doc, lang) if doc and entry.applies else [],
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
        linked = [cm for cm in countermeasures if cm.meta.get("level") == "enterprise"
                  and forms & set(cm.meta.get("barrier_forms") or [])]
    return [dict(_page(cm.id, lang), level=cm.meta.get("level", "")) for cm in sorted(linked, key=rank)[:GUIDES_PER_ACT]]


def first_steps(category: Category, acts: list[dict]) -> list[dict]:
    """One first step per act (its first obligation), in the order an exporter should take them."""
    by_act: dict[str, dict] = {}
    for act in acts:
        if act["obligations"]:
            by_act.setdefault(act["act"], act)
    order = {a: i for i, a in enumerate(FIRST_STEP_ORDER)}
    chosen = sorted(by_act.values(), key=lambda a: order.get(a["act"], len(order)))
    return [{"act": a["act"], "label": a["instrument"] or a["title"], "step": a["obligations"][0]} for a in chosen]


def find_product(query: str, lang: str) -> list[Category]:
    """The catalogue products a search query names, by name (either language) or HS code: one, or
    several for an HS code several products share; [] when it names none. The only place search
    asks the product finder: a new lookup (the products branch's find_product) replaces the body
    of this function, nothing else."""
    catalogue = get_catalogue()
    finding = find(catalogue, query)
    if finding.hs and finding.kind in ("category", "ambiguous"):
        return finding.categories
    if finding.kind == "category" and _names_it(catalogue, finding.categories[0], query):
        return finding.categories
    return []


def _names_it(catalogue: Catalogue, category: Category, query: str) -> bool:
    """A search query names a product only with every word of one of its names: the finder's
    lenient match ("screen" for a monitor) would put a card above unrelated questions."""
    analyzer = catalogue.names.analyzer
    words = {t.text for t in analyzer(query, mode="query")}
    for name in category.all_names():
        name_words = {t.text for t in analyzer(name, mode="query")}
        if name_words and name_words <= words:
            return True
    return False


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
                acts.setdefault((act["act"], act["instrument"]), {
                    "act": act["act"], "title": act["title"], "instrument": act["instrument"],
                    "url": act["url"], "reason": act["reason"]})
    return {
        "category": first["category"], "name": first["name"], "hs": first["hs"],
        "url": first["url"], "checklist_url": first["checklist_url"], "acts": list(acts.values()),
        "choices": [choice(c, lang) for c in found] if len(found) > 1 else [],
    }
