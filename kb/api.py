"""JSON API: search, documents and suggestions. Errors answer as JSON too (kb/errors.py)."""

from __future__ import annotations

import datetime
from dataclasses import asdict

from flask import Blueprint, abort, jsonify, redirect, request, url_for

from indexer.engine.suggest import suggest
from kb.i18n import LANGS, label
from kb.knowledge import get_knowledge
from kb.search_views import run_search
from kb.urls import document_url

bp = Blueprint("api", __name__, url_prefix="/api")
SUGGESTIONS = 8


def _lang_arg(lang: str | None) -> str:
    if lang not in LANGS:
        abort(400, description="lang must be zh or en")
    return lang


def page_url(doc_id: str, lang: str, anchor: str = "") -> str:
    return document_url(lang, doc_id, anchor)


@bp.route("/search")
def search():
    q, _, results, product = run_search(_lang_arg(request.args.get("lang", "en")))
    return jsonify(
        query=q,
        product=product,
        total=results.total,
        page=results.page,
        took_ms=round(results.took_ms, 1),
        fallback=results.fallback,
        corrected=results.corrected or None,
        facets=results.facets,
        did_you_mean=results.suggestion or None,
        results=[_hit_json(hit) for hit in results.hits],
    )


def _hit_json(hit) -> dict:
    best = hit.passages[0] if hit.passages else None
    return dict(
        id=hit.doc_id,
        lang=hit.lang,
        type=hit.type,
        title=hit.title,
        score=round(hit.score, 4),
        url=page_url(hit.doc_id, hit.lang, best.anchor if best else ""),
        snippet=best.snippet if best else "",
        other_versions={lang: page_url(hit.doc_id, lang) for lang in hit.langs if lang != hit.lang},
        passages=[dict(asdict(p), url=page_url(hit.doc_id, p.lang, p.anchor)) for p in hit.passages],
    )


@bp.route("/documents/<lang>/<doc_id>")
def document(lang, doc_id):
    knowledge = get_knowledge()
    doc = knowledge.document(doc_id, _lang_arg(lang))
    if doc is None:
        if doc_id in knowledge.redirects:
            return redirect(url_for("api.document", lang=lang, doc_id=knowledge.redirects[doc_id]), 301)
        abort(404, description=f"no document {doc_id!r} in {lang}")
    return jsonify(
        id=doc.id,
        lang=doc.lang,
        type=doc.type,
        title=doc.title,
        url=page_url(doc.id, lang),
        other_versions={
            other: page_url(doc.id, other) for other in LANGS if other != lang and knowledge.document(doc.id, other)
        },
        meta=json_safe(doc.meta),
        body=doc.body,
        sections=[
            dict(
                anchor=s.anchor,
                heading=s.heading,
                level=s.level,
                markdown=s.markdown,
                text=s.text,
                url=page_url(doc.id, lang, s.anchor),
            )
            for s in doc.sections
        ],
    )


def json_safe(value):
    """Header values as JSON: dates as ISO strings, anything else YAML may produce as text."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [json_safe(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


@bp.route("/suggest")
def suggestions():
    lang = _lang_arg(request.args.get("lang", "en"))
    q = request.args.get("q", "")[:100]
    found = suggest(get_knowledge().index, q, lang, limit=SUGGESTIONS)
    for s in found:
        s["url"] = page_url(s["id"], s["lang"])
        s["type_label"] = label("type", s["type"], lang)
    return jsonify(query=q, lang=lang, suggestions=found)
