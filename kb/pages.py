"""Home, document pages, figure charts and the CELEX redirect."""

from __future__ import annotations

from flask import Blueprint, Response, abort, g, redirect, render_template, request, url_for

from indexer.vocabulary import ACCEPTED, lang_of_accept
from kb.act_versions import CELEX_NUMBER
from kb.charts import CHART_VERSION, chart_svg, figure_table
from kb.i18n import LANGS, OTHER, translate
from kb.knowledge import get_knowledge
from kb.urls import document_url

bp = Blueprint("pages", __name__)
EURLEX_ACT = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{celex}"
# The chart is an image of its own: pygal's SVG styles itself inline, which the page's CSP forbids.
CHART_CSP = "default-src 'none'; style-src 'unsafe-inline'"
LISTINGS = ("regulations", "barriers", "countermeasures", "glossary", "figures")
# Listings served by other blueprints (endpoint names), for the sitemap and the navigation.
OTHER_LISTINGS = {"notifications": "notifications.listing"}


def set_lang(endpoint, values):
    """Every /<lang>/ route: only zh and en exist; templates read the language from g.lang."""
    lang = (values or {}).get("lang")
    if lang is not None:
        if lang not in LANGS:
            abort(404)
        g.lang = lang


bp.url_value_preprocessor(set_lang)


@bp.route("/")
def root():
    return redirect(url_for("pages.home", lang=lang_of_accept(request.accept_languages.best_match(ACCEPTED))))


@bp.route("/<lang>/")
def home(lang):
    knowledge = get_knowledge()
    knowledge.index.open()  # say plainly when there is no index, rather than a page whose search fails
    counts = {
        t: len(knowledge.all(lang, t))
        for t in ("regulation", "barrier-form", "countermeasure", "term", "figure", "notification")
    }
    from kb.timeline import latest_changes  # kb.timeline builds on this module's set_lang

    return render_template("home.html", counts=counts, listings=LISTINGS, changes=latest_changes(lang))


@bp.route("/<lang>/<doc_id>")
def document(lang, doc_id):
    knowledge = get_knowledge()
    doc = knowledge.document(doc_id, lang)
    if doc is None:
        if doc_id in knowledge.redirects:
            return redirect(document_url(lang, knowledge.redirects[doc_id]), 301)
        abort(404)
    extras = notification_extras(doc, lang)
    if extras:  # a notification's facts change with the date, the imported counts with an import
        return _document_page(knowledge, doc, lang, extras)
    # Everything else on the page comes from the build, and its absolute links from the host asked
    # (the page reads nothing else of the request: not its query string, no cookie).
    return knowledge.page(("document", doc.id, lang, request.host_url), lambda: _document_page(knowledge, doc, lang))


def _document_page(knowledge, doc, lang: str, extras: dict | None = None) -> str:
    page_url = document_url(lang, doc.id, external=True)
    html = knowledge.rendered(doc, lang, page_url)
    summaries = [d for d in knowledge.all(lang, "summary") if d.meta.get("summarises") == doc.id]
    return render_template(
        "document.html",
        doc=doc,
        body=html,
        other=knowledge.document(doc.id, OTHER[lang]),
        refs=knowledge.references(doc, lang),
        summaries=summaries,
        page_url=page_url,
        eurlex=EURLEX_ACT.format(celex=doc.meta["celex"]) if doc.meta.get("celex") else None,
        toc=[s for s in doc.sections if s.anchor],
        cite=citations(doc, page_url),
        table=figure_table(doc) if doc.type == "figure" else None,
        **(extras or {}),
    )


def notification_extras(doc, lang: str) -> dict:
    """A notification's facts, or the imported counts beside the paper's on the TBT figure."""
    from kb import notifications

    if doc.type == "notification":
        return {"notification": notifications.page_facts(doc, lang)}
    if doc.id == notifications.FIGURE_ID:
        return {"imported_counts": notifications.imported_counts()}
    return {}


@bp.route("/<lang>/<doc_id>/chart.svg")
def chart(lang, doc_id):
    doc = get_knowledge().document(doc_id, lang)
    if doc is None or doc.type != "figure":
        abort(404)
    response = Response(chart_svg(doc), mimetype="image/svg+xml")
    response.headers["Content-Security-Policy"] = CHART_CSP
    # pygal's output varies between renders (ids, date); the document's hash (CSV included) does not
    response.set_etag(f"{CHART_VERSION}-{doc.sha[:16]}")
    return response.make_conditional(request)


@bp.route("/celex/<celex>")
def celex(celex):
    """The newest imported version of the act, else our page for it, in the reader's language
    where that page exists in it."""
    knowledge = get_knowledge()
    lang = lang_of_accept(request.accept_languages.best_match(LANGS))
    doc_id = knowledge.page_for_celex(celex.upper())
    if doc_id is None:
        not_here(celex)
    return redirect(document_url(knowledge.in_language(doc_id, lang).lang, doc_id))


def not_here(celex: str):
    """404 for an act we hold nothing of; the page offers the act on EUR-Lex (a well-formed CELEX)."""
    if CELEX_NUMBER.match(celex.upper()):
        g.eurlex_act = {"celex": celex.upper(), "url": EURLEX_ACT.format(celex=celex.upper())}
    abort(404)


def citations(doc, page_url: str) -> list[dict]:
    """What a trainer pastes: link, plain-text citation and Markdown link, for the page and each section."""
    checked = doc.meta.get("updated")
    site = translate("site_name")

    def cite(title, url):
        text = translate(
            "citation_checked" if checked else "citation", title=title, site=site, url=url, date=str(checked or "")
        )
        return dict(title=title, url=url, citation=text, markdown=f"[{_markdown_text(title)}]({url})")

    sections = [
        cite(translate("section_of", title=doc.title, section=s.heading), f"{page_url}#{s.anchor}")
        | {"anchor": s.anchor, "heading": s.heading}
        for s in doc.sections
        if s.anchor
    ]
    return [cite(doc.title, page_url)] + sections


def _markdown_text(text: str) -> str:
    # Brackets in a title would end the Markdown link text early.
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
