"""The product finder: from a product name or an HS code to the EU green rules that apply.

/<lang>/products              the form, browsing by group, and choices when a query is ambiguous
/<lang>/products/<category>   the answer (add ?view=checklist, or /checklist, for the printable list)
/api/products?category=|hs=|q=&lang=   the same answer as JSON; ambiguous and unknown codes answer
                              200 with {"ambiguous": [...]} or {"unknown": true, "nearest": [...]}
"""
from __future__ import annotations

from flask import Blueprint, abort, g, jsonify, redirect, render_template, request, url_for

from indexer.products import find, hs_digits
from kb.i18n import LANGS
from kb.pages import set_lang
from kb.product_answers import answer, choice, get_catalogue
from kb.timeline import coming_for_product

bp = Blueprint("products", __name__)
bp.url_value_preprocessor(set_lang)
MAX_QUERY = 200


def _query() -> str:
    return (request.args.get("q") or request.args.get("hs") or "").strip()[:MAX_QUERY]


@bp.route("/<lang>/products")
def finder(lang):
    catalogue = get_catalogue()
    picked = request.args.get("category", "")
    if picked in catalogue.by_id:
        return redirect(url_for("products.category", lang=lang, category_id=picked))
    query = _query()
    finding = find(catalogue, query) if query else None
    if finding and finding.kind == "category":
        return redirect(url_for("products.category", lang=lang, category_id=finding.categories[0].id))
    groups = [(title[lang], [choice(c, lang) for c in catalogue.categories if c.group == gid])
              for gid, title in catalogue.groups.items()]
    return render_template("products.html", query=query, finding=finding, groups=groups,
                           choices=[choice(c, lang) for c in finding.categories] if finding else [],
                           nearest=_nearest_choices(finding, lang) if finding else [])


@bp.route("/<lang>/products/<category_id>")
def category(lang, category_id):
    checklist_view = request.args.get("view") == "checklist"
    return _answer_page("products_checklist.html" if checklist_view else "products_category.html", lang, category_id)


@bp.route("/<lang>/products/<category_id>/checklist")
def checklist(lang, category_id):
    return _answer_page("products_checklist.html", lang, category_id)


def _answer_page(template, lang, category_id):
    catalogue = get_catalogue()
    found = catalogue.by_id.get(category_id) or abort(404)
    return render_template(template, answer=dated_answer(catalogue, found, lang))


def dated_answer(catalogue, category, lang) -> dict:
    """The finder's answer with the product's coming key dates added under `key_dates`."""
    return answer(catalogue, category, lang) | {"key_dates": product_dates(category, lang)}


def product_dates(category, lang) -> dict:
    """The product's coming key dates (kb.timeline), with its calendar and timeline links."""
    return {"entries": [{"date": e.date.isoformat(), "what": e.what, "act": e.key.doc_id, "act_title": e.act_title,
                         "url": e.url, "confirmed": e.key.confirmed} for e in coming_for_product(category, lang)],
            "ics_url": url_for("timeline.product_ics", lang=lang, category_id=category.id),
            "timeline_url": url_for("timeline.page", lang=lang, product=category.id)}


@bp.route("/api/products")
def api():
    lang = request.args.get("lang", "en")
    if lang not in LANGS:
        abort(400, description="lang must be zh or en")
    g.lang = lang
    catalogue = get_catalogue()
    category_id, hs, q = (request.args.get(k, "").strip() for k in ("category", "hs", "q"))
    if category_id:
        found = catalogue.by_id.get(category_id)
        if found is None:
            abort(404, description=f"no category '{category_id}'; see /api/products?q=... or the list at "
                                   f"{url_for('products.finder', lang=lang)}")
        return jsonify(result="category", category=dated_answer(catalogue, found, lang))
    if hs and not hs_digits(hs):
        abort(400, description="hs must be an HS code of 4 or 6 digits (8418, 8418.10, 841810, 8418 10)")
    if not (hs or q):
        abort(400, description="give category=, hs= or q=")
    finding = find(catalogue, (hs or q)[:MAX_QUERY])
    reply = {"query": hs or q, "hs": finding.hs}
    if finding.kind == "category":
        return jsonify({**reply, "result": "category", "category": dated_answer(catalogue, finding.categories[0], lang)})
    if finding.kind == "ambiguous":
        return jsonify({**reply, "result": "ambiguous", "ambiguous": [choice(c, lang) for c in finding.categories]})
    return jsonify({**reply, "result": "unknown", "unknown": True, "nearest": _nearest(finding, lang)})


def _nearest(finding, lang) -> list[dict]:
    return [{"hs": code, "categories": [choice(c, lang) for c in categories]} for code, categories in finding.nearest]


def _nearest_choices(finding, lang) -> list[dict]:
    """The categories holding the nearest codes, each once (a category often holds several)."""
    categories = dict.fromkeys(c for _, cats in finding.nearest for c in cats)
    return [choice(c, lang) for c in categories]
