"""Errors answer in the reader's language (HTML) or as JSON under /api/, never as a bare 500."""

from __future__ import annotations

from flask import g, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from indexer.engine.index import IndexUnavailable
from indexer.vocabulary import LANGS, lang_of_accept


def _lang_of_request() -> str:
    first = request.path.strip("/").split("/", 1)[0]
    if first in LANGS:
        return first
    return lang_of_accept(request.accept_languages.best_match(LANGS))


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def handle_http_error(e: HTTPException):
    if _wants_json():
        return jsonify(error=e.name, status=e.code, message=e.description), e.code
    g.lang = getattr(g, "lang", None) or _lang_of_request()
    template = "not_found.html" if e.code == 404 else "error.html"
    return render_template(template, status=e.code, message=e.description), e.code


def handle_index_unavailable(e: IndexUnavailable):
    if _wants_json():
        return jsonify(error="index unavailable", status=503, message=str(e)), 503
    g.lang = getattr(g, "lang", None) or _lang_of_request()
    return render_template("index_missing.html", status=503), 503


def init_app(app):
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(IndexUnavailable, handle_index_unavailable)
