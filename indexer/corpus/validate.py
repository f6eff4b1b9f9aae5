"""Checks across documents: duplicates, twins, and every id a document points at."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from indexer.corpus import key_dates
from indexer.corpus.corpus import Problem

ID_FIELDS = ("replaces", "replaced_by", "barrier_forms", "related")


def validate(documents, corpus_dir: Path) -> list[Problem]:
    problems: list[Problem] = []
    name = lambda doc: str(doc.path.relative_to(corpus_dir)) if doc.path.is_relative_to(corpus_dir) else str(doc.path)  # noqa: E731
    report = lambda doc, line, msg, severity="error": problems.append(Problem(name(doc), line, msg, severity))  # noqa: E731
    by_key, by_id = {}, defaultdict(dict)
    for doc in documents:
        if doc.key in by_key:
            report(
                doc, doc.line_of("id"), f"duplicate id '{doc.id}' for lang {doc.lang} (also in {name(by_key[doc.key])})"
            )
            continue
        by_key[doc.key] = doc
        by_id[doc.id][doc.lang] = doc
    redirects = {}
    for doc in by_key.values():
        _check_twin(doc, by_id, report)
        _check_refs(doc, by_id, report)
        _check_links(doc, by_id, report)
        key_dates.check_anchor(doc, report)
        for old in doc.meta.get("redirect_from") or []:
            if old in by_id:
                report(doc, doc.line_of("redirect_from"), f"redirect_from '{old}' is the id of an existing document")
            elif redirects.setdefault(old, doc.id) != doc.id:
                report(doc, doc.line_of("redirect_from"), f"redirect_from '{old}' is claimed by '{redirects[old]}' too")
        if doc.type == "figure":
            _check_figure(doc, report)
    return problems


def _check_twin(doc, by_id, report):
    other = "en" if doc.lang == "zh" else "zh"
    twin = by_id[doc.id].get(other)
    if twin is None:
        if doc.type != "act":
            report(doc, doc.line_of("lang"), f"no {other} version of '{doc.id}': add {doc.id}.{other}.md")
        return
    if doc.lang == "zh":
        key_dates.check_twins(doc, twin, report)
    if doc.lang == "zh" and set(doc.anchors) != set(twin.anchors):
        only_here = sorted(set(doc.anchors) - set(twin.anchors))
        only_there = sorted(set(twin.anchors) - set(doc.anchors))
        report(
            doc,
            doc.body_line,
            f"anchors differ from the {other} version: only in zh {only_here}, only in en {only_there}",
            "warning",
        )


def _check_refs(doc, by_id, report):
    for field in ID_FIELDS:
        for target in doc.meta.get(field) or []:
            if target not in by_id:
                report(doc, doc.line_of(field), f"{field}: no document with id '{target}'")
            elif field == "barrier_forms" and _type(by_id[target]) != "barrier-form":
                report(doc, doc.line_of(field), f"barrier_forms: '{target}' is not a barrier-form document")
    target = doc.meta.get("summarises")
    if target and target not in by_id:
        report(doc, doc.line_of("summarises"), f"summarises: no document with id '{target}'")
    for source in doc.meta.get("sources") or []:
        url = str(source.get("url", "")) if isinstance(source, dict) else ""
        if url.startswith("kb:") and url[3:].split("#")[0] not in by_id:
            report(doc, doc.line_of("sources"), f"sources: no document with id '{url[3:]}'")


def _check_links(doc, by_id, report):
    for line, target, anchor in doc.links:
        if target == "":
            continue
        if target not in by_id:
            report(doc, line, f"link kb:{target}: no document with id '{target}'")
            continue
        page = by_id[target].get(doc.lang) or next(iter(by_id[target].values()))
        if anchor and anchor not in page.anchors and anchor not in (page.meta.get("anchor_aliases") or {}):
            report(doc, line, f"link kb:{target}#{anchor}: '{target}' has no anchor '#{anchor}'")


def _check_figure(doc, report):
    data = doc.path.parent / str(doc.meta.get("data", ""))
    if not data.is_file():
        return report(doc, doc.line_of("data"), f"data file '{data.name}' not found beside the document")
    with data.open(encoding="utf-8", newline="") as f:
        columns = next(csv.reader(f), [])
    for name in [doc.meta.get("x")] + list(doc.meta.get("series") or []):
        if name not in columns:
            report(doc, doc.line_of("series"), f"column '{name}' is not in {data.name} (columns: {', '.join(columns)})")


def _type(versions: dict) -> str:
    return next(iter(versions.values())).type
