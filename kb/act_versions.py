"""The versions of an imported EU act (type act documents sharing a CELEX), newest first.

One ordering for the whole site, the same the importer uses to mark older versions: by the
version's date, a consolidated text before the act as adopted on the same day.
"""

from __future__ import annotations

import datetime as dt
import re

# A CELEX number as our addresses take it: sector, year, type, number, and (for some
# international agreements and corrigenda) a bracketed suffix.
CELEX_NUMBER = re.compile(r"^[0-9E][0-9]{4}[A-Z]{1,2}[0-9]{4}(?:\([0-9]{2}\))?$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def is_day(text: str) -> bool:
    """A real calendar day written YYYY-MM-DD (2016-02-30 is none)."""
    try:
        return bool(DAY.match(text)) and dt.date.fromisoformat(text) is not None
    except ValueError:
        return False


def version_date(doc) -> str:
    meta = doc.meta
    return str(meta.get("version_date") or meta.get("consolidated") or meta.get("adopted") or "")


def newest_first(docs) -> list:
    return sorted(docs, key=lambda d: (version_date(d), d.meta.get("version") == "consolidated", d.id), reverse=True)


def versions_of(documents, celex: str, lang: str) -> list:
    """One document per version of the act, in `lang` where that version exists in it."""
    by_id: dict = {}
    for doc in documents:
        if doc.type == "act" and str(doc.meta.get("celex", "")).upper() == celex.upper():
            if doc.id not in by_id or doc.lang == lang:
                by_id[doc.id] = doc
    return newest_first(by_id.values())


def newest_by_celex(documents) -> dict[str, str]:
    """CELEX -> id of the newest imported version of that act."""
    newest: dict = {}
    for doc in newest_first(d for d in documents if d.type == "act" and d.meta.get("celex")):
        newest.setdefault(str(doc.meta["celex"]), doc.id)
    return newest


def version_on(versions: list, day: str):
    """The version of that date, else the newest one before it (the text as it stood then)."""
    exact = [v for v in versions if version_date(v) == day]
    if exact:
        return exact[0]
    return next((v for v in versions if version_date(v) and version_date(v) <= day), None)
