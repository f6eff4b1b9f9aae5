"""Imported WTO notifications as the site shows them: the listing, a notification's facts, the
open ones that concern a product, comment deadlines as dated entries, and counts for the figure.

/<lang>/notifications   ?member= &chapter= (HS, 2 digits) &category= (catalogue id) &open=1|0 &agreement=TBT|SPS

Notifications are corpus documents of type `notification` (written by `kb import-eping`); their
`notification:` header holds the export's fields. A notification is open for comments until the
end of its final date for comments.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from flask import Blueprint, current_app, render_template, request, url_for

from indexer.eping import symbol_id
from indexer.products import find_by_hs
from kb.i18n import LANGS, OTHER
from kb.knowledge import get_knowledge
from kb.pages import set_lang
from kb.urls import document_url

bp = Blueprint("notifications", __name__)
bp.url_value_preprocessor(set_lang)
FIGURE_ID = "tbt-notifications"  # the figure page that shows the imported counts beside the paper's
FOLLOW_UP_LABELS = {
    "addendum": {"zh": "补遗", "en": "Addendum"},
    "revision": {"zh": "修订", "en": "Revision"},
    "corrigendum": {"zh": "勘误", "en": "Corrigendum"},
    "supplement": {"zh": "增补", "en": "Supplement"},
}


def today() -> dt.date:
    """The date that decides what is open; tests and demos may pin it with the TODAY setting."""
    pinned = current_app.config.get("TODAY")
    if isinstance(pinned, dt.date):
        return pinned
    return dt.date.fromisoformat(str(pinned)) if pinned else dt.date.today()


def record(doc) -> dict:
    return doc.meta.get("notification") or {}


def _date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def comment_date(doc) -> dt.date | None:
    return _date(record(doc).get("comments"))


def is_open(doc, on: dt.date) -> bool:
    until = comment_date(doc)
    return until is not None and until >= on


def hs_codes(doc) -> list[str]:
    return [str(c.get("code", "")).replace(".", "") for c in record(doc).get("hs") or [] if isinstance(c, dict)]


def categories_for_codes(catalogue, codes) -> list:
    """The catalogue's categories for a notification's HS codes, through the product finder's own
    lookup; a code shorter than a heading (a whole chapter) would match far too much and is left out."""
    found = []
    for code in codes:
        if len(code) >= 4 and code.isdigit():
            finding = find_by_hs(catalogue, code[:6])
            found += finding.categories if finding.kind in ("category", "ambiguous") else []
    return list(dict.fromkeys(found))


def notifications(lang: str) -> list:
    return get_knowledge().all(lang, "notification")


def _catalogue():
    from kb.product_answers import get_catalogue  # the product finder's catalogue, reread when it changes

    return get_catalogue()


def entry(doc, lang: str, catalogue, on: dt.date) -> dict:
    """One notification as a line of a list (listing, product answers)."""
    data = record(doc)
    return {
        "id": doc.id,
        "symbol": data.get("symbol", doc.id),
        "title": data.get("title", doc.title),
        "members": data.get("members") or [],
        "agreement": data.get("agreement", ""),
        "distributed": _date(data.get("distributed")),
        "comments": comment_date(doc),
        "open": is_open(doc, on),
        "follow_up": data.get("follow_up"),
        "categories": [
            {"id": c.id, "name": c.names[lang], "url": url_for("products.category", lang=lang, category_id=c.id)}
            for c in categories_for_codes(catalogue, hs_codes(doc))
        ],
        "url": document_url(lang, doc.id),
    }


def open_for_category(category_id: str, lang: str) -> list[dict]:
    """The open notifications whose HS codes fall under a product category, closest deadline first."""
    catalogue, on = _catalogue(), today()
    found = [entry(d, lang, catalogue, on) for d in notifications(lang) if is_open(d, on)]
    found = [e for e in found if any(c["id"] == category_id for c in e["categories"])]
    return sorted(found, key=lambda e: (e["comments"], e["symbol"]))


def comment_deadlines(lang: str | None = None) -> list[dict]:
    """Final dates for comments as dated entries for the timeline and the calendar feeds:
    {date, what: {zh, en}, scope: [category ids], link: {zh, en}, id, symbol}. The scope is never
    "all": a notification whose HS codes match no catalogue category concerns none of them (it is
    still a date on the timeline, but in no product's calendar)."""
    catalogue = _catalogue()
    entries = []
    for doc in notifications(lang or "en"):
        until, data = comment_date(doc), record(doc)
        if until is None:
            continue
        symbol, members = data.get("symbol", doc.id), "、".join(data.get("members") or [])
        scope = [c.id for c in categories_for_codes(catalogue, hs_codes(doc))]
        entries.append(
            {
                "date": until,
                "id": doc.id,
                "symbol": symbol,
                "scope": scope,
                "what": {
                    "zh": f"WTO 通报 {symbol}（{members}）评议截止：{data.get('title', '')}",
                    "en": f"Last day for comments on WTO notification {symbol} ({', '.join(data.get('members') or [])}): "
                    f"{data.get('title', '')}",
                },
                "link": {lang: document_url(lang, doc.id) for lang in LANGS},
            }
        )
    return sorted(entries, key=lambda e: (e["date"], e["symbol"]))


def comment_key_dates(lang: str) -> list:
    """The same deadlines as the key-date records regulation pages give the timeline and feeds
    (indexer.corpus.key_dates.KeyDate, in one language), so they can be listed among them as they are.
    For one product's calendar take those that `.covers(category_id, {})`: they name no act, so
    indexer.corpus.key_dates.for_product (which keeps the dates of the acts that apply) would drop them."""
    from indexer.corpus.key_dates import KeyDate
    from indexer.eping.render import EPING_URL

    return [
        KeyDate(
            e["id"],
            lang,
            0,
            e["date"],
            e["what"][lang],
            tuple(e["scope"]),
            f"WTO ePing: {e['symbol']}",
            EPING_URL.format(symbol=e["symbol"]),
            None,
            True,
        )
        for e in comment_deadlines(lang)
    ]


def page_facts(doc, lang: str) -> dict:
    """What a notification's page adds to its document page: categories, base and follow-ups, the
    knowledge base's pages it concerns (found by the term matcher that links definitions)."""
    knowledge, catalogue, on = get_knowledge(), _catalogue(), today()
    data = record(doc)
    others = {d.id: d for d in notifications(lang)}
    base_id = symbol_id(data["base"]) if data.get("base") else None
    return {
        "record": data,
        "open": is_open(doc, on),
        "comments": comment_date(doc),
        "has_hs": bool(hs_codes(doc)),
        "categories": entry(doc, lang, catalogue, on)["categories"],
        "base": {"symbol": data.get("base"), "doc": others.get(base_id)} if data.get("base") else None,
        "follow_ups": sorted(
            (d for d in others.values() if record(d).get("base") == data.get("symbol")),
            key=lambda d: record(d).get("symbol", ""),
        ),
        "concerns": concerned_pages(doc, lang, knowledge),
        "follow_up_label": FOLLOW_UP_LABELS.get(data.get("follow_up") or "", {}).get(lang),
    }


def concerned_pages(doc, lang: str, knowledge=None) -> list:
    """Acts, terms and barrier forms named in the notification, in the reader's language."""
    knowledge = knowledge or get_knowledge()
    data, seen = record(doc), set()
    # ePing tags each objective with its agreement, "(TBT)": that names the agreement, not a topic
    objectives = [re.sub(r"\s*\((TBT|SPS)\)$", "", o) for o in data.get("objectives") or []]
    text = "\n".join(
        [
            data.get("title", ""),
            data.get("description", ""),
            data.get("products", ""),
            *(data.get("keywords") or []),
            *objectives,
        ]
    )
    targets = [t for _, _, t in knowledge.linker(lang).matches(text, seen, self_id=doc.id)]
    pages = [knowledge.document(t.doc_id, lang) or knowledge.document(t.doc_id, OTHER[lang]) for t in targets]
    return [p for p in pages if p]


def imported_counts() -> dict:
    """TBT notifications imported, counted by year of distribution and by notifying member."""
    by_year, by_member, total = Counter(), Counter(), 0
    for doc in notifications("en"):
        data = record(doc)
        if data.get("agreement") != "TBT":
            continue
        total += 1
        distributed = _date(data.get("distributed"))
        by_year[distributed.year if distributed else None] += 1
        for member in data.get("members") or []:
            by_member[member] += 1
    return {
        "total": total,
        "years": sorted(((y, n) for y, n in by_year.items() if y), reverse=True),
        "undated": by_year.get(None, 0),
        "members": sorted(by_member.items(), key=lambda item: (-item[1], item[0])),
    }


@bp.route("/<lang>/notifications")
def listing(lang):
    catalogue, on = _catalogue(), today()
    everything = [
        entry(d, lang, catalogue, on) | {"chapters": sorted({c[:2] for c in hs_codes(d) if len(c) >= 2})}
        for d in notifications(lang)
    ]
    chosen = {k: request.args.get(k, "").strip()[:100] for k in ("member", "chapter", "category", "open", "agreement")}
    shown = [e for e in everything if _matches(e, chosen)]
    shown.sort(key=_listing_order)
    options = {
        "member": sorted({m for e in everything for m in e["members"]}),
        "chapter": sorted({c for e in everything for c in e["chapters"]}),
        "category": sorted({(c["id"], c["name"]) for e in everything for c in e["categories"]}, key=lambda c: c[1]),
        "agreement": sorted({e["agreement"] for e in everything if e["agreement"]}),
    }
    return render_template(
        "listing_notifications.html", entries=shown, total=len(everything), chosen=chosen, options=options, today=on
    )


def _listing_order(e: dict) -> tuple:
    """Open ones first, the closest deadline first; then the most recently distributed."""
    deadline = e["comments"] if e["open"] else dt.date.min
    return (not e["open"], deadline, -(e["distributed"] or dt.date.min).toordinal(), e["symbol"])


def _matches(e: dict, chosen: dict) -> bool:
    return (
        (not chosen["member"] or chosen["member"] in e["members"])
        and (not chosen["chapter"] or chosen["chapter"] in e["chapters"])
        and (not chosen["category"] or any(c["id"] == chosen["category"] for c in e["categories"]))
        and (chosen["open"] not in ("1", "0") or e["open"] == (chosen["open"] == "1"))
        and (not chosen["agreement"] or e["agreement"] == chosen["agreement"])
    )
