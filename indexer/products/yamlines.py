"""YAML read with line numbers, so every problem of the catalogue or the rules names file:line."""

from __future__ import annotations

from pathlib import Path

import yaml

from indexer.corpus.corpus import Problem
from indexer.vocabulary import LANGS


class LineDict(dict):
    line = 1
    key_lines: dict = {}


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Mappings remember their own line and each key's line, for file:line messages (libyaml's
    parser where PyYAML has it: the catalogue is a few thousand lines, read at every change)."""


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    mapping = LineDict(loader.construct_pairs(node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {k.value: k.start_mark.line + 1 for k, _ in node.value}
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def line_of(mapping, key=None) -> int:
    if not isinstance(mapping, LineDict):
        return 1
    return mapping.key_lines.get(key, mapping.line) if key else mapping.line


def is_text(value) -> bool:
    """A {zh, en} pair of non-empty strings."""
    return isinstance(value, dict) and all(isinstance(value.get(lang), str) and value[lang].strip() for lang in LANGS)


def display_name(path: Path, root: Path | None) -> str:
    return str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)


class Reporter:
    """Collects problems of one file."""

    def __init__(self, name: str):
        self.name, self.problems = name, []

    def __call__(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.name, line, message))


def read_yaml(path: Path, report: Reporter):
    """The parsed file, or None after reporting why it does not parse."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        report(mark.line + 1 if mark else 1, f"the file does not parse: {getattr(e, 'problem', None) or e}")
        return None


def check_sources(sources, where, report, document_ids, owner: str) -> list[dict]:
    """A list of {title, url}; url https://... or kb:<id> (an id of the corpus when ids are known)."""
    found = []
    if not isinstance(sources, list):
        report(where, f"{owner}: sources must be a list of {{title, url}}")
        return found
    for source in sources:
        url = source.get("url") if isinstance(source, dict) else None
        line = line_of(source) if isinstance(source, dict) else where
        if not (isinstance(source, dict) and isinstance(source.get("title"), str) and isinstance(url, str)):
            report(line, f"{owner}: each source needs a title and a url")
        elif not (url.startswith("https://") or url.startswith("kb:")):
            report(line, f"{owner}: source url '{url}' must be https://... or kb:<id>")
        elif url.startswith("kb:") and document_ids is not None and url[3:].split("#")[0] not in document_ids:
            report(line, f"{owner}: source '{url}' names no document of the corpus")
        else:
            found.append({"title": source["title"], "url": url})
    return found
