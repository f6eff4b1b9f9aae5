"""Split a Markdown body into anchored sections and extract their plain text for the index.

Plain text is what the index stores and highlights, so it is derived here, once, from the source.
Python-Markdown renders the pages; for indexing we only strip the syntax that would otherwise
show up as noise in snippets (a full render per passage would cost more than jieba itself).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$")
ANCHOR = re.compile(r"\s*\{\s*#([^}\s]*)\s*\}\s*$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FENCE = re.compile(r"^(```|~~~)")
ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")  # Markdown's backslash escapes (imported text uses them)
LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")


@dataclass
class Heading:
    level: int
    text: str
    anchor: str | None
    line: int  # 1-based, in the body


@dataclass
class Section:
    anchor: str  # "" for the lead, before the first heading
    heading: str
    level: int
    markdown: str
    text: str


def iter_lines_outside_code(body: str):
    """(line number, line) for lines not inside fenced code blocks."""
    fenced = False
    for number, line in enumerate(body.split("\n"), start=1):
        if FENCE.match(line.lstrip()):
            fenced = not fenced
            continue
        if not fenced:
            yield number, line


def parse_heading(line: str, number: int) -> Heading | None:
    m = HEADING.match(line)
    if not m:
        return None
    text, anchor = m.group(2), None
    a = ANCHOR.search(text)
    if a:
        text, anchor = text[: a.start()], a.group(1)
    return Heading(len(m.group(1)), text.strip().rstrip("#").strip(), anchor, number)


def headings(body: str) -> list[Heading]:
    found = (parse_heading(line, n) for n, line in iter_lines_outside_code(body))
    return [h for h in found if h]


def split_sections(body: str, title: str) -> list[Section]:
    lines = body.split("\n")
    marks = [h for h in headings(body) if h.anchor]
    sections, start, current = [], 0, Heading(1, title, "", 0)
    for h in marks + [None]:
        end = h.line - 1 if h else len(lines)
        chunk = "\n".join(lines[start:end]).strip()
        if chunk or current.anchor:
            sections.append(Section(current.anchor, current.text, current.level, chunk, markdown_to_text(chunk)))
        if h:
            current, start = h, h.line
    return sections


def markdown_to_text(markdown: str) -> str:
    """Readable plain text of a Markdown fragment: link text kept, syntax dropped."""
    text = LINK.sub(r"\1", ESCAPED.sub(r"\1", markdown))
    text = re.sub(r"<[^>\n]+>", " ", text)  # inline HTML tags
    text = re.sub(r"^\s*\|?\s*:?-{3,}.*$", "", text, flags=re.M)  # table rule rows
    text = re.sub(r"^\s{0,3}(?:[>#]+|[-*+]|\d+\.)\s+", "", text, flags=re.M)
    text = text.replace("|", " ")
    text = re.sub(r"(\*\*|__|`)", "", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)|(?<!\s)\*(?![\w*])", "", text)
    text = html.unescape(text)  # &amp; &lt; written by importers read as the characters they stand for
    return re.sub(r"[ \t]+", " ", re.sub(r"\n{2,}", "\n", text)).strip()
