"""What changed between two versions of an act, article by article and word by word.

Works on the corpus documents the importer wrote (their Markdown sections), so any two imported
versions can be compared without the original pages. The amending acts are named from the
consolidation markers the importer writes under each part ("Amended by M1 (Directive ...)").
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass, field

from .render import WORDS

# Parts compared: articles and annexes. Recitals are left out on purpose: consolidated texts
# do not reprint them, so every recital would look "removed".
COMPARED = re.compile(r"^(art|anx)-")
# Footnote calls: the Official Journal numbers them through the act, a consolidated text per
# page, so "(19)" becoming "(1)" is not a change of the law.
FOOTNOTE_CALL = re.compile(r"^\(\d{1,3}\)[.,;:]?$")
MARKER_NOTE = re.compile(
    r"^\*(%s) ([A-Z]\d+)(?: \((.*)\))?\*$"
    % "|".join(re.escape(words[key]) for words in WORDS.values() for key in ("M", "C", "A"))
)


@dataclass
class Part:
    """One article or annex of one version: plain text and the amending acts marked in it."""

    anchor: str
    heading: str
    text: str
    amended_by: list[str] = field(default_factory=list)


@dataclass
class Change:
    anchor: str
    heading: str
    kind: str  # added | removed | changed
    words: list[tuple[str, str]]  # (same | added | removed, text)
    amended_by: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {op: sum(len(t.split()) for o, t in self.words if o == op) for op in ("added", "removed")}


def parts_of(sections) -> list[Part]:
    """The compared parts of a document, from its sections (anchor, heading, markdown)."""
    parts = []
    for section in sections:
        if not COMPARED.match(section.anchor or ""):
            continue
        lines, amended = [], []
        for line in section.markdown.split("\n"):
            if line.startswith("#"):
                continue  # the heading, if the section has it
            note = MARKER_NOTE.match(line.strip())
            if note:
                amended.append(_plain(f"{note.group(2)} ({note.group(3)})" if note.group(3) else note.group(2)))
            elif line.strip():
                lines.append(_plain(line.strip()))
        parts.append(Part(section.anchor, section.heading, "\n".join(lines), amended))
    return parts


def _plain(markdown_line: str) -> str:
    """The text a line of the importer's Markdown stands for (its escapes undone)."""
    text = re.sub(r"^\*\*(.*)\*\*$", r"\1", markdown_line)
    text = re.sub(r"\\(.)", r"\1", text)
    return html.unescape(text.replace("&#126;", "~"))


def compare(old: list[Part], new: list[Part]) -> list[Change]:
    """Added, removed and changed parts, in the order of the newer version (removed ones
    where they stood in the older)."""
    before = {p.anchor: p for p in old}
    after = {p.anchor: p for p in new}
    changes = []
    for anchor in _merged_order([p.anchor for p in old], [p.anchor for p in new]):
        was, now = before.get(anchor), after.get(anchor)
        if was is None:
            changes.append(Change(anchor, now.heading, "added", [("added", now.text)], now.amended_by))
        elif now is None:
            changes.append(Change(anchor, was.heading, "removed", [("removed", was.text)]))
        elif _words(was.text) != _words(now.text):
            words = word_diff(was.text, now.text)
            if any(op != "same" for op, _ in words):
                changes.append(Change(anchor, now.heading, "changed", words, now.amended_by))
    return changes


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(same | added | removed, text) runs; line breaks are kept as words of their own."""
    a, b = _words(old), _words(new)
    runs: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal" or (op == "replace" and all(FOOTNOTE_CALL.match(w) for w in a[i1:i2] + b[j1:j2])):
            runs.append(("same", _join(b[j1:j2])))
            continue
        if i2 > i1:
            runs.append(("removed", _join(a[i1:i2])))
        if j2 > j1:
            runs.append(("added", _join(b[j1:j2])))
    return runs


def _words(text: str) -> list[str]:
    return re.findall(r"\n|[^\s]+", text)


def _join(words: list[str]) -> str:
    return re.sub(r" ?\n ?", "\n", " ".join(words))


def _merged_order(old: list[str], new: list[str]) -> list[str]:
    """The newer order, with the anchors only the older has put after their predecessor."""
    order = list(new)
    for i, anchor in enumerate(old):
        if anchor in order:
            continue
        previous = next((a for a in reversed(old[:i]) if a in order), None)
        order.insert(order.index(previous) + 1 if previous else 0, anchor)
    return order
