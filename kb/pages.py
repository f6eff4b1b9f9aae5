"""Home, document pages and the CELEX redirect."""
from __future__ import annotations

from flask import Blueprint, abort, g, redirect, render_template, request, url_for

from kb.i18n import LANGS, OTHER
from kb.knowledge import get_knowledge
from kb.render import render_document

bp = Blueprint("pages", __name__)


@bp.url_value_preprocessor
def _lang(endpoint, values):
    lang = (values or {}).get("lang")
    if lang is not None:
        if lang not in LANGS:
            abort(404)
        g.lang = lang


@bp.route("/")
def root():
    best = request.accept_languages.best_match(["zh", "zh-CN", "zh-TW", "en"]) or "en"
    return redirect(url_for("pages.home", lang="zh" if best.startswith("zh") else "en"))


@bp.route("/<lang>/")
def home(lang):
    knowledge = get_knowledge()
    knowledge.index.open()  # say plainly when there is no index, rather than a page whose search fails
    counts = {t: len(knowledge.all(lang, t)) for t in ("regulation", "barrier-form", "countermeasure", "term", "figure")}
    return render_template("home.html", counts=counts)


@bp.route("/<lang>/<doc_id>")
def document(lang, doc_id):
    knowledge = get_knowledge()
    doc = knowledge.document(doc_id, lang)
    if doc is None:
        if doc_id in knowledge.redirects:
            return redirect(url_for("pages.document", lang=lang, doc_id=knowledge.redirects[doc_id]), 301)
        abort(404)
    other = knowledge.document(doc_id, OTHER[lang])
    html = render_document(doc, lang, knowledge.linker(lang), knowledge.acts_by_celex())
    return render_template("document.html", doc=doc, body=html, other=other,
                           refs=knowledge.references(doc, lang))


@bp.route("/celex/<celex>")
def celex(celex):
    knowledge = get_knowledge()
    lang = "zh" if (request.accept_languages.best_match(["zh", "en"]) or "en").startswith("zh") else "en"
    doc_id = knowledge.page_for_celex(celex.upper())
    if doc_id is None:
        abort(404)
    return redirect(url_for("pages.document", lang=lang, doc_id=doc_id))
