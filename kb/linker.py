"""Find the terms that have a definition page and link them: longest match, first per section.

One matcher serves the site (on parsed HTML) and `kb linkify` (on trainers' own files), so a term
is linked the same way everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString

from indexer.analysis.fold import fold
from indexer.corpus.lexicon import lower_same_length

LINKED_TYPES = {"term": 0, "barrier-form": 1, "regulation": 2}  # priority when two pages share a name
SKIP_TAGS = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "script", "style", "kbd", "samp", "button"}
SECTION_TAGS = {"h2", "h3", "h4"}
_SENTENCE_END = re.compile(r"(?<=[。！？])|(?<=[.!?])\s+(?=[A-Z0-9“\"(])")


@dataclass(frozen=True)
class Target:
    doc_id: str
    title: str
    tooltip: str


def first_sentence(text: str) -> str:
    text = " ".join(text.split())
    parts = _SENTENCE_END.split(text, maxsplit=1)
    return parts[0].strip() if parts else ""


def definition(doc) -> str:
    """The first sentence of the lead paragraph: for terms and barrier forms, their definition."""
    sections = doc.sections
    return first_sentence(sections[0].text) if sections and not sections[0].anchor else ""


class TermLinker:
    def __init__(self, targets: dict[str, Target]):
        # surface (folded, lower-cased) -> target; longest surfaces first in the alternation
        self.targets = targets
        surfaces = sorted(targets, key=len, reverse=True)
        self.pattern = re.compile(grouped_alternation(surfaces)) if surfaces else None

    @classmethod
    def from_documents(cls, documents, lang: str) -> "TermLinker":
        ranked = sorted(
            (d for d in documents if d.type in LINKED_TYPES), key=lambda d: (LINKED_TYPES[d.type], d.lang != lang, d.id)
        )
        targets: dict[str, Target] = {}
        page = {d.id: d for d in documents if d.lang == lang}
        for doc in ranked:
            shown = page.get(doc.id, doc)
            target = Target(doc.id, shown.title, definition(shown))
            for name in [doc.title] + doc.aliases:
                key = lower_same_length(fold(name)).strip()
                if _linkable(key):
                    targets.setdefault(key, target)
        return cls(targets)

    def matches(self, text: str, seen: set, self_id: str | None = None):
        """(start, end, target) for each first mention in `text` not yet in `seen` (updated)."""
        if not self.pattern:
            return []
        found = []
        for m in self.pattern.finditer(lower_same_length(fold(text))):
            target = self.targets.get(m.group())
            if target is None or target.doc_id == self_id or target.doc_id in seen:
                continue
            seen.add(target.doc_id)
            found.append((m.start(), m.end(), target))
        return found

    def link_html(self, soup: BeautifulSoup, href, self_id: str | None = None) -> BeautifulSoup:
        """Link first mentions in every section of `soup`; href(target) gives each link's URL."""
        seen: set = set()
        for node in list(soup.descendants):
            if getattr(node, "name", None) in SECTION_TAGS:
                seen = set()
            if not isinstance(node, NavigableString) or type(node) is not NavigableString:
                continue
            if any(p.name in SKIP_TAGS for p in node.parents):
                continue
            spans = self.matches(str(node), seen, self_id)
            if spans:
                _replace_with_links(soup, node, spans, href)
        return soup


def grouped_alternation(surfaces: list[str]) -> str:
    """What the alternation of surface_pattern(s) over `surfaces` matches, regrouped by first character.

    Within a first character the order (longest first) is kept, and only names starting with the
    text's character can match at a position, so the matches are the same; but every branch starts
    with a literal, so the regex engine skips the positions no name starts at: 30-70 times faster
    on long texts (kb linkify and POST /api/linkify take up to 256 KB). The left boundary of a Latin
    name is checked behind its first character, hence the two-character lookbehind.
    """
    by_first: dict[str, list[str]] = {}
    for surface in surfaces:
        by_first.setdefault(surface[0], []).append(surface)
    groups = []
    for first, group in by_first.items():
        boundary = r"(?<![0-9a-z].)" if re.match(r"[0-9a-z]", first) else ""
        rests = [re.escape(s[1:]) + (r"(?![0-9a-z])" if re.search(r"[0-9a-z]$", s) else "") for s in group]
        groups.append(re.escape(first) + boundary + "(?:" + "|".join(rests) + ")")
    return "|".join(groups)


def _linkable(key: str) -> bool:
    # One Latin letter or a bare number would link noise everywhere.
    return len(key) >= 2 and not key.isdigit() and not (key.isascii() and len(key) < 2)


def _replace_with_links(soup, node, spans, href):
    text, pieces, last = str(node), [], 0
    for start, end, target in spans:
        pieces.append(NavigableString(text[last:start]))
        a = soup.new_tag("a", href=href(target), title=target.tooltip or target.title)
        a["class"] = "defined"
        a.string = text[start:end]
        pieces.append(a)
        last = end
    pieces.append(NavigableString(text[last:]))
    for piece in pieces:
        node.insert_before(piece)
    node.extract()
