"""The search results page. The URL carries the whole query (words, filters, page), so results can be shared.

The JSON API (kb/api.py) runs the same search through `run_search`.
"""

from __future__ import annotations

from flask import Blueprint, abort, g, render_template, request, url_for

from indexer.engine.query import MAX_QUERY_CHARS
from indexer.engine.search import FILTERABLE, search
from kb import timeline
from kb.i18n import LANGS, label, translate
from kb.knowledge import get_knowledge
from kb.product_answers import product_card

bp = Blueprint("search", __name__)
PAGE_SIZE = 10
MAX_PAGE = 10_000
FILTER_PARAMS = {"type": "type", "jurisdiction": "jurisdiction", "status": "status", "lang": "in"}  # facet -> URL
QUERY_PARAMS = ("q", *FILTER_PARAMS.values(), "page")


def run_search(lang: str):
    """The search the request's query string asks for: (q, active filters by URL name, results,
    the product card when the query names a catalogue product or one of its HS codes)."""
    q = request.args.get("q", "")
    filters = {name: request.args.get(name, "") for name in FILTERABLE}
    only_lang = request.args.get("in") if request.args.get("in") in LANGS else None
    page = request.args.get("page", "1")
    page = int(page) if page.isdigit() and 0 < int(page) <= MAX_PAGE else 1
    product = product_card(q, lang)
    prefer = tuple(dict.fromkeys(act["act"] for act in product["acts"])) if product else ()

    def run(text):
        return search(
            get_knowledge().index,
            text,
            lang=lang,
            filters=filters,
            page=page,
            pagesize=PAGE_SIZE,
            only_lang=only_lang,
            prefer=prefer,
        )

    results = run(q)
    if product and not results.total:
        # An HS code (or a product name the pages never use): the pages of the product's acts.
        for text in (product["name"], " OR ".join(f'"{act["title"]}"' for act in product["acts"])):
            found = run(text)
            if found.total:
                found.query, found.corrected, results = q, product["name"], found
                break
    active = {name: value for name, value in filters.items() if value} | ({"in": only_lang} if only_lang else {})
    return q, active, results, product


def search_url(lang: str | None = None, **changes) -> str:
    """This search's URL with some parameters changed (None removes one); a new filter starts at page 1.

    Only the query's own parameters are carried over: others (say `_external`) would steer url_for.
    """
    args = {name: request.args[name] for name in QUERY_PARAMS if request.args.get(name)}
    if "page" not in changes:
        args.pop("page", None)
    args.update(changes)
    args = {name: value for name, value in args.items() if value not in (None, "")}
    if str(args.get("page")) == "1":
        del args["page"]
    return url_for("search.results_page", lang=lang or g.lang, **args)


def same_search_in(lang: str) -> str:
    """The same results page, page number included, in the other interface language."""
    return search_url(lang, page=request.args.get("page"))


def facet_label(facet: str, value: str) -> str:
    return translate(f"lang_name_{value}") if facet == "lang" and value in LANGS else label(facet, value)


def page_numbers(current: int, last: int, around: int = 2) -> list[int | None]:
    """1 … 4 5 [6] 7 8 … 20: the first, the last and the pages near the current one; None is a gap."""
    shown = sorted({1, last, *range(max(1, current - around), min(last, current + around) + 1)})
    numbers: list[int | None] = []
    for n in shown:
        if numbers and n - numbers[-1] > 1:
            numbers.append(None)
        numbers.append(n)
    return numbers


def facet_groups(results, active: dict) -> list[dict]:
    """Each facet with its values, most frequent first, the active one marked (templates show them as links)."""
    groups = []
    for facet, param in FILTER_PARAMS.items():
        counts = dict(results.facets.get(facet) or {})
        if param in active:
            counts.setdefault(active[param], 0)  # an active filter stays visible (and removable) at zero
        values = [
            dict(value=v, label=facet_label(facet, v), count=n, active=active.get(param) == v)
            for v, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        ]
        if values:
            groups.append(dict(facet=facet, param=param, values=values))
    return groups


@bp.route("/<lang>/search")
def results_page(lang):
    if lang not in LANGS:
        abort(404)
    g.lang = lang
    q, active, results, product = run_search(lang)
    last_page = max(1, -(-results.total // PAGE_SIZE))
    took = round(results.took_ms, 1) if results.took_ms < 10 else round(results.took_ms)
    return render_template(
        "search.html",
        q=q,
        results=results,
        active=active,
        facets=facet_groups(results, active),
        last_page=last_page,
        page_numbers=page_numbers(results.page, last_page),
        took=took,
        correction=results.suggestion,
        search_url=search_url,
        product=product,
        same_search_in=same_search_in,
        active_labels={param: facet_label("lang" if param == "in" else param, v) for param, v in active.items()},
        max_query_chars=MAX_QUERY_CHARS,
        dates_hint=timeline.search_hint(q, lang),
    )
