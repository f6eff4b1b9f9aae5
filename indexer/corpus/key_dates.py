"""Key dates and change logs in corpus headers (CONTRACTS.md section 1, corpus/README.md).

A regulation page lists its dated obligations under `key_dates`; any page keeps a dated log of
its own changes under `changes`. This module checks both (one file at a time, the zh/en twins
against each other, and scopes against the product catalogue) and turns them into plain records
for the timeline, the feeds and the product finder. Every problem names file:line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from indexer.corpus.sections import SLUG
from indexer.vocabulary import CJK_CHAR

GROUP_PREFIX = "group:"
KEY_DATE_FIELDS = {"date", "what", "scope", "source", "anchor", "confirmed"}
CHANGE_FIELDS = {"date", "what"}
KEY_DATE_TYPES = ("regulation",)


@dataclass(frozen=True)
class KeyDate:
    doc_id: str
    lang: str
    position: int  # 0-based place in the page's list: the same entry in both languages
    date: dt.date
    what: str
    scope: tuple[str, ...]  # ("all",) or category ids and "group:<slug>" names
    source_title: str
    source_url: str
    anchor: str | None
    confirmed: bool

    @property
    def uid(self) -> str:
        """Stable across languages and rebuilds while the entry keeps its date and place."""
        return f"{self.doc_id}-{self.position}-{self.date.isoformat()}"

    @property
    def for_all(self) -> bool:
        return self.scope == ("all",)

    def concerns(self, category_id: str | None, groups: set) -> bool:
        """Whether this entry concerns a product of that category (None: unlisted) in those scope groups."""
        return (
            self.for_all
            or category_id in self.scope
            or any(s[len(GROUP_PREFIX) :] in groups for s in self.scope if s.startswith(GROUP_PREFIX))
        )

    def covers(self, category_id: str, group_members: dict) -> bool:
        """Whether this entry concerns products of the category (`group_members`: slug -> ids)."""
        if self.for_all or category_id in self.scope:
            return True
        return any(
            category_id in group_members.get(s[len(GROUP_PREFIX) :], ())
            for s in self.scope
            if s.startswith(GROUP_PREFIX)
        )


@dataclass(frozen=True)
class Change:
    doc_id: str
    lang: str
    date: dt.date
    what: str
    position: int


# -- reading ------------------------------------------------------------------------------------


def as_date(value) -> dt.date | None:
    """A real calendar date from a header value (YAML date or 'YYYY-MM-DD' text), else None."""
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def scope_of(value) -> tuple[str, ...] | None:
    if value == "all":
        return ("all",)
    if isinstance(value, list) and value and all(isinstance(s, str) and _scope_name_ok(s) for s in value):
        return tuple(value)
    return None


def _scope_name_ok(name: str) -> bool:
    slug = name[len(GROUP_PREFIX) :] if name.startswith(GROUP_PREFIX) else name
    return bool(SLUG.match(slug))


def key_dates(doc) -> list[KeyDate]:
    """The page's well-formed key dates, in header order (bad entries are `kb check`'s business)."""
    found = []
    for i, item in enumerate(_list(doc.meta.get("key_dates"))):
        if not isinstance(item, dict):
            continue
        date, scope, source = as_date(item.get("date")), scope_of(item.get("scope")), item.get("source")
        what = item.get("what")
        if date is None or scope is None or not _source_ok(source) or not _text_ok(what):
            continue
        anchor = item.get("anchor")
        found.append(
            KeyDate(
                doc.id,
                doc.lang,
                i,
                date,
                what.strip(),
                scope,
                str(source["title"]),
                str(source["url"]),
                str(anchor) if anchor else None,
                item.get("confirmed", True) is not False,
            )
        )
    return found


def changes(doc) -> list[Change]:
    found = []
    for i, item in enumerate(_list(doc.meta.get("changes"))):
        if isinstance(item, dict) and as_date(item.get("date")) and _text_ok(item.get("what")):
            found.append(Change(doc.id, doc.lang, as_date(item["date"]), item["what"].strip(), i))
    return found


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _text_ok(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _source_ok(source) -> bool:
    return (
        isinstance(source, dict)
        and _text_ok(source.get("title"))
        and isinstance(source.get("url"), str)
        and source["url"].startswith("https://")
    )


# -- checks of one file ---------------------------------------------------------------------------


def check_header(meta: dict, lines: dict, report) -> None:
    """Shape of `key_dates` and `changes` in one header; `lines` has the field and item lines."""
    at = lambda name: lines.get(name, lines.get(name.rsplit(".", 1)[0], 1))  # noqa: E731
    lang = meta.get("lang")
    if "key_dates" in meta:
        if meta.get("type") not in KEY_DATE_TYPES:
            report(at("key_dates"), f"key_dates belong on regulation pages, not on a {meta.get('type')} page")
        if not isinstance(meta["key_dates"], list):
            report(at("key_dates"), "key_dates must be a list of {date, what, scope, source} entries")
        for i, item in enumerate(_list(meta["key_dates"])):
            _check_key_date(item, f"key_dates[{i}]", lang, at, report)
    if "changes" in meta:
        if not isinstance(meta["changes"], list):
            report(at("changes"), "changes must be a list of {date, what} entries, newest first")
        previous = None
        for i, item in enumerate(_list(meta["changes"])):
            where = f"changes[{i}]"
            if not isinstance(item, dict):
                report(at(where), f"change {i + 1} must be a mapping with date and what")
                continue
            _check_keys(item, CHANGE_FIELDS, where, "change", at, report)
            date = _check_date(item, where, at, report)
            _check_what(item, where, lang, at, report)
            if date and previous and date > previous:
                report(at(where + ".date"), f"changes must be newest first: {date} comes after {previous}")
            previous = date or previous


def _check_key_date(item, where, lang, at, report):
    if not isinstance(item, dict):
        return report(at(where), "each key date must be a mapping with date, what, scope and source")
    _check_keys(item, KEY_DATE_FIELDS, where, "key date", at, report)
    _check_date(item, where, at, report)
    _check_what(item, where, lang, at, report)
    if "scope" not in item:
        report(at(where), "key date without a scope: write `scope: all` or a list of catalogue category ids")
    elif scope_of(item["scope"]) is None:
        report(
            at(where + ".scope"),
            f"scope {item['scope']!r} must be `all` or a list of category ids and `group:<slug>` names",
        )
    source = item.get("source")
    if source is None:
        report(at(where), "key date without a source: add source: {title: ..., url: https://...} down to the article")
    elif not _source_ok(source):
        report(at(where + ".source"), "the source of a key date needs a title and an https:// url")
    anchor = item.get("anchor")
    if anchor is not None and not (isinstance(anchor, str) and SLUG.match(anchor)):
        report(at(where + ".anchor"), f"anchor {anchor!r} is not a slug (lower-case letters, digits, '-')")
    if "confirmed" in item and not isinstance(item["confirmed"], bool):
        report(at(where + ".confirmed"), "confirmed must be true or false")


def _check_keys(item, allowed, where, what, at, report):
    for key in item:
        if key not in allowed:
            report(at(f"{where}.{key}"), f"unknown field '{key}' in a {what} (known: {', '.join(sorted(allowed))})")


def _check_date(item, where, at, report) -> dt.date | None:
    if "date" not in item:
        report(at(where), "entry without a date (YYYY-MM-DD)")
        return None
    date = as_date(item["date"])
    if date is None:
        report(at(where + ".date"), f"date '{item['date']}' is not a real date YYYY-MM-DD")
    return date


def _check_what(item, where, lang, at, report):
    what = item.get("what")
    if not _text_ok(what):
        report(
            at(where + ".what" if "what" in item else where), "entry without `what` (the text, in this file's language)"
        )
    elif lang == "zh" and not CJK_CHAR.search(what):
        report(at(where + ".what"), f"`what` of a zh file must be Chinese: {what!r}")
    elif lang == "en" and CJK_CHAR.search(what):
        report(at(where + ".what"), f"`what` of an en file must be English: {what!r}")


# -- checks across files ----------------------------------------------------------------------------


def check_twins(doc, twin, report) -> None:
    """The zh and en files list the same key dates: date, scope, source, anchor, confirmed, order."""
    mine, theirs = _list(doc.meta.get("key_dates")), _list(twin.meta.get("key_dates"))
    if len(mine) != len(theirs):
        return report(
            doc,
            doc.line_of("key_dates") if mine else doc.line_of("lang"),
            f"{len(mine)} key date(s) here but {len(theirs)} in the {twin.lang} version: "
            "both languages list the same dates in the same order",
        )
    for i, (a, b) in enumerate(zip(mine, theirs)):
        if not (isinstance(a, dict) and isinstance(b, dict)):
            continue
        differ = [k for k in ("date", "scope", "source", "anchor", "confirmed") if _norm(k, a) != _norm(k, b)]
        if differ:
            report(
                doc,
                doc.line_of(f"key_dates[{i}]"),
                f"key date {i + 1} differs from the {twin.lang} version in {', '.join(differ)} "
                f"(its line {twin.line_of(f'key_dates[{i}]')})",
            )


def _norm(key, item):
    value = item.get(key)
    if key == "date":
        return as_date(value) or value
    if key == "confirmed":
        return value is not False
    return value


def check_anchor(doc, report) -> None:
    for i, item in enumerate(_list(doc.meta.get("key_dates"))):
        anchor = item.get("anchor") if isinstance(item, dict) else None
        if isinstance(anchor, str) and anchor not in doc.anchors:
            report(
                doc, doc.line_of(f"key_dates[{i}].anchor"), f"anchor '{anchor}': this page has no section '#{anchor}'"
            )


def check_scopes(documents, category_ids: set, group_ids: set, name) -> list:
    """Every category id and group a key date names exists in the catalogue; `name(doc)` is its path."""
    from indexer.corpus.corpus import Problem

    problems = []
    for doc in documents:
        for i, item in enumerate(_list(doc.meta.get("key_dates"))):
            scope = scope_of(item.get("scope")) if isinstance(item, dict) else None
            for entry in scope or ():
                if entry == "all":
                    continue
                known = group_ids if entry.startswith(GROUP_PREFIX) else category_ids
                slug = entry[len(GROUP_PREFIX) :] if entry.startswith(GROUP_PREFIX) else entry
                if slug not in known:
                    kind = (
                        "scope group (scope_groups in products/catalogue.yaml)"
                        if known is group_ids
                        else "product category (products/catalogue.yaml)"
                    )
                    problems.append(
                        Problem(
                            name(doc), doc.line_of(f"key_dates[{i}].scope"), f"scope '{entry}' is not a known {kind}"
                        )
                    )
    return problems


# -- dates in prose -------------------------------------------------------------------------------

MONTHS = ("January February March April May June July August September October November December").split()
_EN_DATE = re.compile(r"\b([0-9]{1,2}) (" + "|".join(MONTHS) + r") ([0-9]{4})\b")
_ZH_DATE = re.compile(r"([0-9]{4}) ?年 ?([0-9]{1,2}) ?月 ?([0-9]{1,2}) ?日")
_ISO_DATE = re.compile(r"\b([0-9]{4})-([0-9]{2})-([0-9]{2})\b")


def format_date(date: dt.date, lang: str) -> str:
    """How the corpus writes a date in prose: '18 February 2027', '2027年2月18日'."""
    if lang == "zh":
        return f"{date.year}年{date.month}月{date.day}日"
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def dates_in_text(text: str, lang: str) -> list[dt.date]:
    """Every full calendar date written in the text (in the language's own form, or ISO)."""
    found = []
    if lang == "zh":
        found += [_safe_date(int(y), int(m), int(d)) for y, m, d in _ZH_DATE.findall(text)]
    else:
        found += [_safe_date(int(y), MONTHS.index(m) + 1, int(d)) for d, m, y in _EN_DATE.findall(text)]
    found += [_safe_date(int(y), int(m), int(d)) for y, m, d in _ISO_DATE.findall(text)]
    return [d for d in found if d]


def _safe_date(year, month, day) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# -- per product ---------------------------------------------------------------------------------


def for_product(entries, category_id: str, act_ids, group_members: dict) -> list[KeyDate]:
    """The key dates that concern one product category, by date: entries of the acts that apply to
    it (`act_ids`) whose scope is `all`, names the category, or names a group holding it."""
    act_ids = set(act_ids)
    return sorted(
        (e for e in entries if e.doc_id in act_ids and e.covers(category_id, group_members)),
        key=lambda e: (e.date, e.doc_id, e.position),
    )
