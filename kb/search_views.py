"""Search: the results page and the JSON API share one call into indexer.search."""
from __future__ import annotations

from dataclasses import asdict

from flask import Blueprint, abort, g, jsonify, render_template, request, url_for

from indexer.search import FILTERABLE, search
from kb.i18n import LANGS
from kb.knowledge import get_knowledge

bp = Blueprint("search", __name__)
PAGE_SIZE = 10


def _run(lang: str):
    q = request.args.get("q", "")
    filters = {name: request.args.get(name, "") for name in FILTERABLE}
    only_lang = request.args.get("in") if request.args.get("in") in LANGS else None
    page = request.args.get("page", "1")
    page = int(page) if page.isdigit() and 0 < int(page) < 10_000 else 1
    results = search(get_knowledge().index, q, lang=lang, filters=filters, page=page,
                     pagesize=PAGE_SIZE, only_lang=only_lang)
    return q, filters, only_lang, results


@bp.route("/<lang>/search")
def results_page(lang):
    if lang not in LANGS:
        abort(404)
    g.lang = lang
    q, filters, only_lang, results = _run(lang)
    pages = max(1, -(-results.total // PAGE_SIZE))
    return render_template("search.html", q=q, results=results, filters=filters, only_lang=only_lang,
                           pages=pages, took=round(results.took_ms))


@bp.route("/api/search")
def api_search():
    lang = request.args.get("lang", "en")
    if lang not in LANGS:
        abort(400, description="lang must be zh or en")
    q, _, _, results = _run(lang)
    return jsonify(
        query=q, total=results.total, page=results.page, took_ms=round(results.took_ms, 1),
        fallback=results.fallback, facets=results.facets,
        results=[_hit_json(hit) for hit in results.hits],
    )


def _hit_json(hit):
    url = url_for("pages.document", lang=hit.lang, doc_id=hit.doc_id)
    best = hit.passages[0] if hit.passages else None
    return dict(
        id=hit.doc_id, lang=hit.lang, type=hit.type, title=hit.title, score=round(hit.score, 4),
        url=url + (f"#{best.anchor}" if best and best.anchor else ""),
        snippet=best.snippet if best else "",
        other_versions={l: url_for("pages.document", lang=l, doc_id=hit.doc_id) for l in hit.langs if l != hit.lang},
        passages=[dict(asdict(p), url=url + (f"#{p.anchor}" if p.anchor else "")) for p in hit.passages],
    )
