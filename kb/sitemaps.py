"""Files for crawlers and browsers: /sitemap.xml (every page in both languages), /robots.txt,
/opensearch.xml and /favicon.ico."""

from __future__ import annotations

from flask import Blueprint, current_app, make_response, render_template, request, send_from_directory, url_for

from indexer.vocabulary import ACCEPTED, lang_of_accept
from kb.i18n import LANGS
from kb.knowledge import get_knowledge
from kb.pages import LISTINGS, OTHER_LISTINGS

bp = Blueprint("sitemaps", __name__)


@bp.route("/sitemap.xml")
def sitemap():
    entries = [_entry("pages.home", {lang: {} for lang in LANGS})]
    entries += [_entry(f"listings.{name}", {lang: {} for lang in LANGS}) for name in LISTINGS]
    entries.append(_entry("timeline.page", {lang: {} for lang in LANGS}))
    entries += [_entry(endpoint, {lang: {} for lang in LANGS}) for endpoint in OTHER_LISTINGS.values()]
    versions: dict[str, dict] = {}
    for doc in get_knowledge().all():
        versions.setdefault(doc.id, {})[doc.lang] = doc
    for doc_id, docs in sorted(versions.items()):
        entries.append(
            _entry(
                "pages.document",
                {lang: {"doc_id": doc_id} for lang in docs},
                {lang: d.meta.get("updated") for lang, d in docs.items()},
            )
        )
    urls = [url for entry in entries for url in entry]
    return _xml(render_template("sitemap.xml", urls=urls), "application/xml")


@bp.route("/robots.txt")
def robots():
    # Result pages are endless variations of one page, and the API answers machines that asked.
    private = [url_for("search.results_page", lang=lang) + "?" for lang in LANGS] + ["/api/"]
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in private),
        f"Sitemap: {url_for('sitemaps.sitemap', _external=True)}",
    ]
    response = make_response("\n".join(lines) + "\n")
    response.mimetype = "text/plain"
    return response


@bp.route("/favicon.ico")
def favicon():
    # Browsers ask for /favicon.ico whatever the page says; pages point newer ones at favicon.svg.
    return send_from_directory(current_app.static_folder, "favicon.ico", max_age=86400)


@bp.route("/opensearch.xml")
def opensearch():
    # Browsers install one search engine per description: the reader's language, or both when unknown.
    best = request.accept_languages.best_match(ACCEPTED)
    langs = [lang_of_accept(best)] if best else list(LANGS)
    response = _xml(
        render_template("opensearch.xml", langs=langs, lang=langs[0]), "application/opensearchdescription+xml"
    )
    response.vary.add("Accept-Language")
    return response


def _entry(endpoint: str, args_by_lang: dict, lastmod: dict | None = None) -> list[dict]:
    """One <url> per language version, each naming all versions as hreflang alternates."""
    alternates = {lang: url_for(endpoint, lang=lang, _external=True, **args) for lang, args in args_by_lang.items()}
    return [
        {"loc": loc, "alternates": alternates, "lastmod": (lastmod or {}).get(lang)} for lang, loc in alternates.items()
    ]


def _xml(body: str, mimetype: str):
    response = make_response(body)
    response.mimetype = mimetype
    return response
