"""import_exports(): read ePing exports, then write one notification per symbol into the corpus.

Every file is read and checked before the first corpus file is written (a file that is not an
ePing export stops everything). Each notification is corpus/notifications/<id>.{zh,en}.md, keyed
by its symbol: importing again updates what changed and never duplicates; a field a newer export
leaves empty keeps the value imported before, so a re-import loses nothing. Files are written
to a temporary file and moved into place, so a reader never sees half a file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from indexer.eurlex.write import _atomic_write

from .errors import EpingImportError, RowProblem
from .notification import Notification, RowReader, base_symbol, follow_up_kind, symbol_id
from .reader import read_export
from .render import FOLDER, render

LANGS = ("en", "zh")


@dataclass
class Stored:
    symbol: str
    action: str  # new | updated | unchanged
    paths: list[Path]
    rows: list[int]


@dataclass
class ImportReport:
    stored: list[Stored] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(s.action == action for s in self.stored)

    @property
    def skipped_rows(self) -> list[RowProblem]:
        return [p for p in self.problems if p.skipped]


def read_notifications(paths) -> tuple[list[Notification], list[RowProblem]]:
    """Every row of every file; raises EpingImportError (naming each bad file) before anything is written."""
    found, problems, errors = [], [], []
    for path in map(Path, paths):
        try:
            sheet = read_export(path)
            rows = RowReader(sheet)
            missing = rows.missing_columns()
            if missing:
                raise EpingImportError(
                    str(path),
                    "not an ePing export: no column "
                    + ", ".join(f"'{m}'" for m in missing)
                    + f" in the header row (it has: {', '.join(h for h in sheet.header if h)[:300] or 'nothing'})",
                )
            found += rows.notifications()
            problems += rows.problems
        except EpingImportError as err:
            errors.append(err)
    if errors:
        combined = EpingImportError(errors[0].source_name, errors[0].reason)
        combined.args = ("\n".join(str(e) for e in errors),)
        combined.errors = errors
        raise combined
    return found, problems


def import_exports(paths, corpus_dir, today: dt.date | None = None) -> ImportReport:
    notifications, problems = read_notifications(paths)
    today = today or dt.date.today()
    report = ImportReport(problems=problems)
    folder = Path(corpus_dir) / FOLDER
    for key, group in _by_symbol(notifications).items():
        record = _merge_rows(group)
        report.stored.append(_store(record, folder, today, [n.row for n in group]))
    return report


def _by_symbol(notifications) -> dict[str, list[Notification]]:
    groups: dict[str, list[Notification]] = {}
    for n in notifications:
        groups.setdefault(n.symbol, []).append(n)  # a joint notification: one row per member
    return groups


def to_record(n: Notification) -> dict:
    record = {
        "symbol": n.symbol,
        "agreement": n.agreement,
        "also": n.also,
        "members": n.members,
        "type": n.kind,
        "follow_up": follow_up_kind(n.symbol),
        "base": base_symbol(n.symbol),
        "distributed": _iso(n.distributed),
        "comments": _iso(n.comments),
        "adoption": _iso(n.adoption),
        "entry_into_force": _iso(n.entry_into_force),
        "title": n.title,
        "description": n.description,
        "products": n.products,
        "hs": n.hs,
        "ics": n.ics,
        "objectives": n.objectives,
        "keywords": n.keywords,
        "regions": n.regions,
        "documents": n.documents,
        "links": n.links,
    }
    return record


def _iso(date) -> str | None:
    return date.isoformat() if date else None


def merge(old: dict, new: dict) -> dict:
    """New values win; an empty new value keeps the old one; members and documents add up."""
    merged = dict(old)
    for key, value in new.items():
        if key in ("members", "documents", "also"):
            merged[key] = list(dict.fromkeys(list(old.get(key) or []) + list(value or [])))
        elif key == "links":
            merged[key] = {**(old.get(key) or {}), **(value or {})}
        elif value not in (None, "", [], {}):
            merged[key] = value
        else:
            merged.setdefault(key, value)
    return merged


def _merge_rows(group: list[Notification]) -> dict:
    record: dict = {}
    for n in group:
        record = merge(record, to_record(n))
    return record


def _store(record: dict, folder: Path, today: dt.date, rows: list[int]) -> Stored:
    doc_id = symbol_id(record["symbol"])
    paths = [folder / f"{doc_id}.{lang}.md" for lang in LANGS]
    existing = {p: p.read_text(encoding="utf-8") for p in paths if p.is_file()}
    old = _stored_record(existing.get(paths[0], ""))
    if old is not None:
        record = merge(old, record)
        record["imported"] = old.get("imported") or today.isoformat()
    else:
        record["imported"] = today.isoformat()
    record = _ordered(record) | {"history": (old or {}).get("history") or []}
    if len(existing) == len(paths) and all(
        _without_updated(existing[path]) == _without_updated(render(record, lang, today.isoformat()))
        for path, lang in zip(paths, LANGS)
    ):
        return Stored(record["symbol"], "unchanged", paths, rows)
    event = {"date": today.isoformat(), "event": "updated" if old is not None else "imported"}
    if record["history"][:1] != [event]:
        record["history"] = [event] + record["history"]  # newest first, one entry a day
    for path, lang in zip(paths, LANGS):
        _atomic_write(path, render(record, lang, today.isoformat()))
    return Stored(record["symbol"], "new" if not existing else "updated", paths, rows)


def _ordered(record: dict) -> dict:
    """Fields in one fixed order, empty ones left out: the same data always gives the same file."""
    order = (
        "symbol",
        "agreement",
        "also",
        "members",
        "type",
        "follow_up",
        "base",
        "distributed",
        "comments",
        "adoption",
        "entry_into_force",
        "imported",
        "title",
        "description",
        "products",
        "hs",
        "ics",
        "objectives",
        "keywords",
        "regions",
        "documents",
        "links",
    )
    return {k: record[k] for k in order if record.get(k) not in (None, "", [], {})}


def _stored_record(text: str) -> dict | None:
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    try:
        meta = yaml.load(match.group(1), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) if match else None
    except yaml.YAMLError:
        return None
    record = meta.get("notification") if isinstance(meta, dict) else None
    if not isinstance(record, dict):
        return None
    record = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in record.items()}
    record["history"] = [
        {"date": str(c["date"]), "event": "imported" if c["what"].startswith("Imported") else "updated"}
        for c in meta.get("changes") or []
        if isinstance(c, dict) and isinstance(c.get("what"), str)
    ]
    return record


def _without_updated(text: str) -> str:
    return re.sub(r"(?m)^updated: .*\n", "", text, count=1)
