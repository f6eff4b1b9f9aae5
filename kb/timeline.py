"""What changes next, and when: the key dates of the regulation pages as a timeline, calendar feeds
and an Atom feed of the knowledge base's own changes.

/<lang>/timeline                 the last 12 and next 36 months by month, today marked;
                                 ?act=<id>&product=<category>&year=<YYYY> filter it (plain GET form)
/<lang>/timeline.ics             the same dates as an iCalendar feed (all-day events)
/<lang>/products/<id>.ics        one product category's dates (404 for an unknown category)
/<lang>/feed.xml                 Atom feed of the dated `changes` logs of every page

"Today" is `app.config["TODAY"]` when set (tests move the clock), else the server's date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from calendar import monthrange
from dataclasses import dataclass
from xml.etree import ElementTree as ET

import icalendar
from flask import Blueprint, Response, abort, render_template, request, url_for

from indexer.corpus import key_dates as kd
from indexer.products import compose
from kb.clock import today
from kb.i18n import OTHER, translate
from kb.knowledge import get_knowledge
from kb.pages import set_lang
from kb.product_answers import get_catalogue
from kb.urls import document_url

bp = Blueprint("timeline", __name__)
EPING = "https://www.epingalert.org/"  # the source of a notification's comment deadline
bp.url_value_preprocessor(set_lang)
MONTHS_BACK, MONTHS_AHEAD = 12, 36
LATEST_CHANGES = 5
FEED_ENTRIES = 50
ATOM = "http://www.w3.org/2005/Atom"
# Atom ids must never change (RFC 4287 4.2.6): a tag URI (RFC 4151), not the host the site runs on.
TAG = "tag:green-barrier-kb,2026"
YEAR = re.compile(r"^(19|20)[0-9]{2}$")


def add_months(date: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), or the month's last day when it is shorter."""
    month = date.month - 1 + months
    year, month = date.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(date.day, monthrange(year, month)[1]))


@dataclass
class Entry:
    """A key date as a reader sees it: the act's page, the passage that states it, its scope's names."""

    key: kd.KeyDate
    act_title: str
    url: str  # the page, at the passage when the entry names one
    scope: list[str]

    date = property(lambda self: self.key.date)
    what = property(lambda self: self.key.what)


def all_entries(lang: str) -> list[Entry]:
    """Every key date of every regulation page in this language, by date."""
    catalogue = get_catalogue()
    entries = []
    for doc in get_knowledge().all(lang, "regulation"):
        for key in kd.key_dates(doc):
            url = document_url(lang, doc.id, key.anchor)
            entries.append(Entry(key, doc.title, url, scope_names(key.scope, catalogue, lang)))
    entries += notification_entries(lang, catalogue)
    return sorted(entries, key=lambda e: (e.date, e.key.doc_id, e.key.position))


def notification_entries(lang: str, catalogue) -> list[Entry]:
    """The final dates for comments of the imported WTO notifications (kb.notifications)."""
    from kb.notifications import comment_key_dates

    knowledge = get_knowledge()
    return [
        Entry(
            key,
            knowledge.document(key.doc_id, lang).title,
            document_url(lang, key.doc_id),
            scope_names(key.scope, catalogue, lang),
        )
        for key in comment_key_dates(lang)
    ]


def scope_names(scope, catalogue, lang: str) -> list[str]:
    if scope == ("all",):
        return []
    names = []
    for name in scope:
        if name.startswith(kd.GROUP_PREFIX):
            names.append(catalogue.scope_groups.get(name[len(kd.GROUP_PREFIX) :], {}).get(lang, name))
        else:
            category = catalogue.by_id.get(name)
            names.append(category.names[lang] if category else name)
    return names


def product_entries(category, entries: list[Entry], lang: str) -> list[Entry]:
    """The entries that concern one catalogue category: those of the acts that apply to it whose
    scope covers it (indexer.corpus.key_dates.for_product)."""
    catalogue = get_catalogue()
    acts = [a.act for a in compose(catalogue, category, lang).applicable if a.act]
    chosen = kd.for_product([e.key for e in entries], category.id, acts, catalogue.group_members())
    by_key = {e.key: e for e in entries}
    # a notification names no act: its comment deadline concerns the categories its HS codes match
    notified = [e for e in entries if e.key.source_url.startswith(EPING) and e.key.covers(category.id, {})]
    return sorted([by_key[k] for k in chosen] + notified, key=lambda e: (e.date, e.key.doc_id, e.key.position))


# -- the page ------------------------------------------------------------------------------------


@bp.route("/<lang>/timeline")
def page(lang):
    entries, now = all_entries(lang), today()
    catalogue = get_catalogue()
    acts = sorted({e.key.doc_id: e.act_title for e in entries}.items(), key=lambda item: item[1])
    act, product = request.args.get("act", ""), request.args.get("product", "")
    year = request.args.get("year", "")
    act = act if act in dict(acts) else ""
    category = catalogue.by_id.get(product)
    if act:
        entries = [e for e in entries if e.key.doc_id == act]
    if category:
        entries = product_entries(category, entries, lang)
    if YEAR.match(year):
        start, end = dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)
    else:
        year, start, end = "", add_months(now, -MONTHS_BACK), add_months(now, MONTHS_AHEAD)
    shown = [e for e in entries if start <= e.date <= end]
    return render_template(
        "timeline.html",
        months=by_month(shown, now),
        today=now,
        start=start,
        end=end,
        year=year,
        acts=acts,
        act=act,
        products=[(c.id, c.names[lang]) for c in catalogue.categories],
        product=category.id if category else "",
        count=len(shown),
        ics_url=url_for("timeline.product_ics", lang=lang, category_id=category.id)
        if category
        else url_for("timeline.ics", lang=lang),
    )


def by_month(entries: list[Entry], now: dt.date) -> list[dict]:
    """[{year, month, entries, today_at}]: `today_at` is where today's marker goes in this month's
    list (None when today is another month); the current month is shown even when it has no entry."""
    months: dict[tuple, list] = {}
    for entry in entries:
        months.setdefault((entry.date.year, entry.date.month), []).append(entry)
    current = (now.year, now.month)
    if entries and entries[0].date <= now <= entries[-1].date:
        months.setdefault(current, [])
    return [
        {
            "year": y,
            "month": m,
            "entries": items,
            "id": f"m-{y}-{m:02d}",
            "label": translate("month_heading", year=y, month=m, month_name=kd.MONTHS[m - 1]),
            "today_at": sum(e.date < now for e in items) if (y, m) == current else None,
        }
        for (y, m), items in sorted(months.items())
    ]


# -- calendar feeds ------------------------------------------------------------------------------


@bp.route("/<lang>/timeline.ics")
def ics(lang):
    return calendar_response(all_entries(lang), lang, translate("timeline_title", lang), "timeline")


@bp.route("/<lang>/products/<category_id>.ics")
def product_ics(lang, category_id):
    category = get_catalogue().by_id.get(category_id) or abort(404)
    name = translate("timeline_product_calendar", lang, name=category.names[lang])
    return calendar_response(product_entries(category, all_entries(lang), lang), lang, name, category_id)


def calendar_response(entries: list[Entry], lang: str, name: str, filename: str) -> Response:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//green-barrier-kb//key dates//" + lang.upper())
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "UTC")
    stamp = dt.datetime.combine(today(), dt.time(0, 0), tzinfo=dt.timezone.utc)
    base = request.host_url.rstrip("/")
    for entry in entries:
        event = icalendar.Event()
        event.add("uid", event_uid(entry.key))
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.date)  # a date, not a time: an all-day event
        event.add("dtend", entry.date + dt.timedelta(days=1))
        event.add("summary", f"{entry.act_title}: {entry.what}")
        event.add("description", event_description(entry, lang))
        event.add("url", base + entry.url)
        event.add("categories", [entry.key.doc_id])
        calendar.add_component(event)
    response = Response(calendar.to_ical(), mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}.{lang}.ics"'
    return response


def event_uid(key: kd.KeyDate) -> str:
    """Stable while the entry keeps its act, date and source: not its place in the list, which
    moves when an entry is added before it."""
    digest = hashlib.sha1(f"{key.source_title}|{','.join(key.scope)}|{key.anchor}".encode()).hexdigest()[:10]
    return f"{key.doc_id}-{key.date.isoformat()}-{digest}-{key.lang}@green-barrier-kb"


def event_description(entry: Entry, lang: str) -> str:
    lines = [entry.what]
    if entry.scope:
        lines.append(translate("timeline_scope", lang) + translate("products_sep", lang) + ", ".join(entry.scope))
    lines.append(translate("timeline_source", lang) + translate("products_sep", lang) + entry.key.source_title)
    lines.append(entry.key.source_url)
    if not entry.key.confirmed:
        lines.append(translate("timeline_unconfirmed_note", lang))
    return "\n".join(lines)


# -- search ------------------------------------------------------------------------------------------

# Words that ask "when": a query holding one is shown the timeline above its results.
TIMELINE_WORDS = re.compile(
    r"timeline|deadline|key dates?|due dates?|calendar|what'?s new|latest|"
    r"截止|期限|时间表|时间线|关键日期|日程|日历|到期|最新",
    re.IGNORECASE,
)
YEAR_IN_QUERY = re.compile(r"(?<![0-9/.])((?:19|20)[0-9]{2})(?![0-9/.])\s*年?")
SEARCH_DATES = 8


def search_hint(query: str, lang: str) -> dict | None:
    """For the search page: a link to the timeline when the query asks "when", and the key dates of
    a year the query names (2027, 2027年); None when the query is neither."""
    year = next((m.group(1) for m in YEAR_IN_QUERY.finditer(query or "")), None)
    if not (year or TIMELINE_WORDS.search(query or "")):
        return None
    hint = {"url": url_for("timeline.page", lang=lang), "year": year, "dates": [], "year_url": None}
    if year:
        hint["dates"] = [e for e in all_entries(lang) if e.date.year == int(year)][:SEARCH_DATES]
        hint["year_url"] = url_for("timeline.page", lang=lang, year=year)
    return hint


# -- what's new ------------------------------------------------------------------------------------


def latest_changes(lang: str, limit: int = LATEST_CHANGES) -> list[dict]:
    """The newest `changes` entries of every page in this language, newest first."""
    found = []
    for doc in get_knowledge().all(lang):
        log = kd.changes(doc)
        for change in log:
            found.append(
                {
                    "date": change.date,
                    "what": change.what,
                    "title": doc.title,
                    "doc_id": doc.id,
                    "url": document_url(lang, doc.id),
                    # counted from the oldest, so an entry keeps its id when newer ones are added
                    "serial": len(log) - 1 - change.position,
                }
            )
    return sorted(found, key=lambda c: (c["date"], c["title"]), reverse=True)[:limit]


@bp.route("/<lang>/feed.xml")
def feed(lang):
    changes = latest_changes(lang, FEED_ENTRIES)
    base = request.host_url.rstrip("/")
    ET.register_namespace("", ATOM)
    root = ET.Element(
        f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN" if lang == "zh" else "en"}
    )
    _text(root, "id", f"{TAG}:feed/{lang}")
    _text(root, "title", translate("feed_title", lang))
    _text(root, "subtitle", translate("feed_subtitle", lang))
    newest = changes[0]["date"] if changes else today()
    _text(root, "updated", _atom_date(newest))
    ET.SubElement(
        root,
        f"{{{ATOM}}}link",
        rel="self",
        type="application/atom+xml",
        href=f"{base}{url_for('timeline.feed', lang=lang)}",
    )
    ET.SubElement(
        root, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=f"{base}{url_for('pages.home', lang=lang)}"
    )
    ET.SubElement(
        root,
        f"{{{ATOM}}}link",
        rel="alternate",
        type="application/atom+xml",
        hreflang=OTHER[lang],
        href=f"{base}{url_for('timeline.feed', lang=OTHER[lang])}",
    )
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    _text(author, "name", translate("site_name", lang))
    for change in changes:
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        _text(entry, "id", f"{TAG}:{lang}/{change['doc_id']}/{change['date'].isoformat()}/{change['serial']}")
        _text(entry, "title", f"{change['title']}{translate('products_sep', lang)}{change['what']}")
        _text(entry, "updated", _atom_date(change["date"]))
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=base + change["url"])
        _text(entry, "summary", change["what"])
    body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return Response(body, mimetype="application/atom+xml")


def _text(parent, tag: str, text: str):
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = text


def _atom_date(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"
