"""POST /api/linkify: the `kb linkify` command as a JSON API, for editors and course tools."""

from __future__ import annotations

from dataclasses import asdict
from functools import partial

from flask import Blueprint, abort, jsonify, request

from kb.i18n import LANGS
from kb.knowledge import get_knowledge
from kb.linkify import FORMATS, detect_lang, linkify, valid_base_url
from kb.urls import document_link

bp = Blueprint("linking_api", __name__)


@bp.post("/api/linkify")
def linkify_text():
    """{text, format: markdown|html|text, lang?, base_url?} -> {text, links, lang, format}.

    The body may be up to MAX_CONTENT_LENGTH (413 beyond). Without base_url the links point at
    this site; base_url "" makes them site-relative (/zh/rohs).
    """
    data = request.get_json(silent=True)
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        abort(400, description='send a JSON object {"text": ..., "format": "markdown|html|text", "lang": "zh|en"}')
    fmt = data.get("format") or "text"
    if fmt not in FORMATS:
        abort(400, description=f"format must be one of: {', '.join(FORMATS)}")
    lang = data.get("lang") or detect_lang(data["text"], fmt)
    if lang not in LANGS:
        abort(400, description="lang must be zh or en")
    base_url = data.get("base_url", request.url_root)
    if not isinstance(base_url, str) or not valid_base_url(base_url):
        abort(400, description="base_url must be an http:// or https:// address, or empty for site-relative links")
    text, links = linkify(data["text"], fmt, get_knowledge().linker(lang), partial(document_link, base_url, lang))
    return jsonify(text=text, links=[asdict(link) for link in links], lang=lang, format=fmt)
