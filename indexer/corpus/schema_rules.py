"""The corpus header's fields and the checks that need only one file (see corpus/README.md)."""

from __future__ import annotations

import datetime as dt
import re

from indexer.corpus import key_dates
from indexer.corpus.sections import SLUG
from indexer.vocabulary import CHARTS, FORMS, JURISDICTIONS, LANGS, LEVELS, STATUSES, TYPES, VERSIONS

# Route names of the site: a document with one of these ids would be unreachable
# (tests/test_reserved_ids.py checks them against the app's URL map).
RESERVED_IDS = frozenset(
    "api celex static search regulations barriers countermeasures glossary figures products acts "
    "about sitemap opensearch timeline feed notifications".split()
)
CELEX = re.compile(r"^[0-9E][0-9]{4}[A-Z]{1,2}[0-9]{4}(?:\([0-9]+\))?$")

ID_LISTS = ("aliases", "replaces", "replaced_by", "barrier_forms", "related", "redirect_from", "series")
DATES = ("adopted", "in_force", "applies", "updated", "consolidated", "version_date")
CHOICES = {
    "lang": LANGS,
    "type": TYPES,
    "status": STATUSES,
    "level": LEVELS,
    "jurisdiction": JURISDICTIONS,
    "form": FORMS,
    "version": VERSIONS,
    "chart": CHARTS,
}
STRINGS = ("id", "title", "celex", "eli", "summarises", "data", "x", "unit")
KNOWN = (
    set(ID_LISTS)
    | set(DATES)
    | set(CHOICES)
    | set(STRINGS)
    | {"sources", "labels", "anchor_aliases", "key_dates", "changes", "notification"}
)
REQUIRED = ("id", "lang", "type", "title", "sources")
REQUIRED_BY_TYPE = {
    "countermeasure": ("level",),
    "summary": ("summarises",),
    "figure": ("data", "chart", "x", "series"),
    "act": ("celex", "form"),
    "notification": ("notification",),
}
# A notification's `notification:` mapping (written by `kb import-eping`, see corpus/README.md).
NOTIFICATION_SYMBOL = re.compile(r"^G/(TBT|SPS)/N/[A-Z]{2,4}/[0-9]+(/(Add|Rev|Corr|Suppl)\.[0-9]+)*$")
NOTIFICATION_DATES = ("distributed", "comments", "adoption", "entry_into_force", "imported")
NOTIFICATION_LISTS = ("also", "members", "objectives", "keywords", "regions", "documents")
NOTIFICATION_CODES = ("hs", "ics")


def check_fields(meta: dict, lines: dict, path, report) -> None:
    at = lambda name: lines.get(name, 1)  # noqa: E731
    for name in meta:
        if name not in KNOWN:
            report(at(name), f"unknown field '{name}' (known fields: see corpus/README.md)")
    kind = meta.get("type")
    for name in REQUIRED + REQUIRED_BY_TYPE.get(kind, ()):
        if meta.get(name) in (None, "", []):
            report(1, f"missing required field '{name}'" + (f" for type {kind}" if name not in REQUIRED else ""))
    for name, allowed in CHOICES.items():
        if name in meta and meta[name] not in allowed:
            report(at(name), f"{name} '{meta[name]}' is not one of: {', '.join(allowed)}")
    for name in STRINGS:
        if name in meta and not isinstance(meta[name], (str, int)):
            report(at(name), f"{name} must be a single value")
    for name in ID_LISTS:
        if name in meta and not _is_str_list(meta[name]):
            report(at(name), f"{name} must be a list of strings, e.g. [a, b]")
    for name in DATES:
        if name in meta and not _is_date(meta[name]):
            report(at(name), f"{name} '{meta[name]}' is not a date YYYY-MM-DD")
    _check_identity(meta, at, path, report)
    _check_sources(meta.get("sources"), at("sources"), report)
    if "notification" in meta:
        _check_notification(meta["notification"], at("notification"), report)
    key_dates.check_header(meta, lines, report)
    for name in ("labels", "anchor_aliases"):
        if name in meta and not isinstance(meta[name], dict):
            report(at(name), f"{name} must be a mapping (key: value lines)")


def _check_identity(meta, at, path, report):
    doc_id, lang = str(meta.get("id", "")), meta.get("lang")
    if doc_id and not SLUG.match(doc_id):
        report(at("id"), f"id '{doc_id}' is not a slug (lower-case letters, digits, '-')")
    if doc_id in RESERVED_IDS:
        report(at("id"), f"id '{doc_id}' is reserved for a site route; choose another")
    expected = f"{doc_id}.{lang}.md"
    if doc_id and lang in LANGS and path.name != expected:
        report(at("id"), f"file name '{path.name}' does not match id and lang: expected '{expected}'")
    if "celex" in meta and not CELEX.match(str(meta["celex"])):
        report(at("celex"), f"celex '{meta['celex']}' is not a CELEX number like 32011L0065")


def _check_notification(record, line, report):
    if not isinstance(record, dict):
        return report(line, "notification must be a mapping (symbol, members, dates, ...): see corpus/README.md")
    if not NOTIFICATION_SYMBOL.match(str(record.get("symbol", ""))):
        report(line, f"notification.symbol '{record.get('symbol', '')}' is not a WTO symbol like G/TBT/N/EU/1088")
    if not str(record.get("title") or "").strip():
        report(line, "notification.title is missing")
    for name in NOTIFICATION_DATES:
        if record.get(name) is not None and not _is_date(record[name]):
            report(line, f"notification.{name} '{record[name]}' is not a date YYYY-MM-DD")
    for name in NOTIFICATION_LISTS:
        if name in record and not _is_str_list(record[name]):
            report(line, f"notification.{name} must be a list of strings")
    for name in NOTIFICATION_CODES:
        codes = record.get(name) or []
        if not isinstance(codes, list) or not all(
            isinstance(c, dict) and re.match(r"^[0-9][0-9.]*$", str(c.get("code", ""))) for c in codes
        ):
            report(line, f"notification.{name} must be a list of {{code: digits, label: text}}")
    if "links" in record and not isinstance(record["links"], dict):
        report(line, "notification.links must map a language (en, fr, es) to a web address")


def _check_sources(sources, line, report):
    if sources is None:
        return
    if not isinstance(sources, list):
        return report(line, "sources must be a list of {title: ..., url: ...}")
    for i, source in enumerate(sources, start=1):
        if not isinstance(source, dict) or not source.get("title") or not source.get("url"):
            report(line, f"source {i} needs both a title and a url")
        elif not re.match(r"^(https?://|kb:)", str(source["url"])):
            report(line, f"source {i}: url '{source['url']}' must start with https:// or kb:")


def _is_str_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value)


def _is_date(value) -> bool:
    if isinstance(value, dt.date):
        return True
    try:
        dt.date.fromisoformat(str(value))
        return True
    except ValueError:
        return False
