"""The one builder of a document's URL on this site: /<lang>/<doc_id>[#anchor]."""

from __future__ import annotations

from flask import current_app, url_for


def document_url(lang: str, doc_id: str, anchor: str = "", external: bool = False) -> str:
    """Python code and templates (`document_url(...)`) both build document links here."""
    url = url_for("pages.document", lang=lang, doc_id=doc_id, _external=external)
    return f"{url}#{anchor}" if anchor else url


def document_link(base_url: str, lang: str, doc_id: str) -> str:
    """A document's URL on another base (kb linkify's and /api/linkify's links point at any site
    the trainer names), built from the same route as document_url, so the two cannot drift."""
    path = current_app.url_map.bind("").build("pages.document", {"lang": lang, "doc_id": doc_id})
    return base_url.rstrip("/") + path


def init_app(app):
    app.jinja_env.globals.update(document_url=document_url)
