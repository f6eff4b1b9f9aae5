"""Link a trainer's own text to the knowledge base: Markdown, HTML or plain text, Chinese or English.

The file is never re-rendered. We find the stretches of prose (outside code, links, headings,
tags and URLs), ask the site's TermLinker for the first mentions in them and splice links in, so
everything that is not linked stays byte-identical. A term already linked by hand counts as its
section's first mention.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from indexer.vocabulary import CJK_CHAR

FORMATS = ("markdown", "html", "text")
EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
DEFAULT_BASE_URL = "http://127.0.0.1:8000"
BASE_URL = re.compile(r"^(?:https?://[^\s()<>\"'\[\]\\]+)?$")

LATIN = re.compile(r"[A-Za-z]")

# --- Markdown: block level (line by line) ---
LINES = re.compile(r"[^\n]*\n|[^\n]+$")
FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}(?!.*`)|~{3,})")
ATX_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
NOT_PARAGRAPH = re.compile(r"^ {0,3}(?:[-*+>|]|\d+[.)])")  # list items, quotes, tables: no setext heading
LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d+[.)])(?:[ \t]|$)")
INDENTED = re.compile(r"^ {0,3}(?: |\t)")  # four spaces or a tab

HTML_BLOCK_OPEN = re.compile(r"^ {0,3}<(pre|script|style|textarea)(?:[\s>]|$)", re.I)
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\r?\n")
BACKTICKS = re.compile(r"`+")
MARKDOWN_SKIP_TAGS = "a|code|pre|kbd|samp|script|style|textarea|title|h[1-6]"
SKIP_OPEN = re.compile(rf"<({MARKDOWN_SKIP_TAGS})\b[^<>]*>", re.I)
SKIP_CLOSE = re.compile(rf"</({MARKDOWN_SKIP_TAGS})\s*>", re.I)
URL = r"(?P<url>(?:https?|ftp)://[^\s<>]+|www\.[\w-]+\.[^\s<>]*)"
EMAIL = r"(?P<email>(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
ENTITY = r"(?P<entity>&(?:\#\d+|\#[xX][0-9a-fA-F]+|\w+);)"
# Stretches of a Markdown paragraph that are never linked (code spans, comments and elements such
# as <a>...</a> are found separately). Every alternative stops at a line end or a delimiter, so a
# 256 KB paragraph of unclosed brackets costs linear time.
MARKDOWN_PROTECTED = re.compile(
    rf"""
    (?P<escape>\\[!-/:-@\[-`{{-~]) | (?P<tag><[A-Za-z/!?][^<>]*>)
  | (?P<link>!?\[(?P<label>(?:[^\[\]\\\n]|\\.|\[[^\[\]\n]*\])*)\]
        (?:\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?\s*\)|\[[^\]\n]*\]))
  | (?P<refdef>^[ ]{{0,3}}\[[^\]\n]+\]:[^\n]*) | {URL} | {EMAIL} | {ENTITY} | (?P<attrs>\{{[:\#.][^{{}}\n]*\}})
""",
    re.X | re.M | re.I,
)

# --- HTML and plain text ---
HTML_START = re.compile(r"<(?:!--|!\[CDATA\[|[!?]|/?[A-Za-z])")
HTML_TAG = re.compile(r"""<(?P<end>/)?(?P<name>[A-Za-z][\w:-]*)(?:[^>"']|"[^"]*"|'[^']*')*?(?P<empty>/)?>""")
HTML_RAW_TEXT = {"script", "style", "textarea", "title", "xmp"}
HTML_SKIP = {
    "a",
    "code",
    "pre",
    "kbd",
    "samp",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "button",
    "select",
    "option",
    "svg",
    "math",
    "head",
    "noscript",
    "iframe",
    "object",
}
HTML_SECTIONS = {"h1", "h2", "h3", "h4"}
PLAIN_PROTECTED = re.compile(f"{URL}|{EMAIL}", re.I)
HTML_TEXT_PROTECTED = re.compile(f"{URL}|{EMAIL}|{ENTITY}", re.I)
LINKED_IN_TEXT = re.compile(r"[ \t]*[(（][ \t]*(?:https?://|/(?:zh|en)/)")  # "RoHS (http://...)" is linked


@dataclass(frozen=True)
class Link:
    line: int
    text: str
    doc_id: str
    url: str
    title: str


@dataclass(frozen=True)
class Piece:
    """A stretch of the text: `prose` may be linked; `linked` is the text of an existing link."""

    start: int
    end: int
    section: int
    kind: str = "prose"


# --- what the command and the API share ---


def format_of(path) -> str:
    return EXTENSIONS.get(Path(path).suffix.lower(), "text")


def read_text(path) -> tuple[str, str]:
    """(text, encoding) of a file, newlines untouched; UTF-8 (with or without BOM) or GB18030."""
    data = Path(path).read_bytes()
    for encoding in ("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ValueError(f"{path}: not UTF-8 or GB18030 text")


def valid_base_url(url: str) -> bool:
    """http(s)://host[/path] without characters that would break a Markdown or HTML link ('' = site-relative)."""
    return bool(BASE_URL.match(url))


def detect_lang(text: str, fmt: str = "text") -> str:
    """zh when the prose has more CJK characters than Latin letters, else en."""
    prose = "".join(text[p.start : p.end] for p in pieces(text, fmt))
    return "zh" if len(CJK_CHAR.findall(prose)) > len(LATIN.findall(prose)) else "en"


def linkify(text: str, fmt: str, linker, url_of: Callable[[str], str]) -> tuple[str, list[Link]]:
    """`text` with a link at the first mention of each term per section, and the links made;
    url_of(doc_id) is the address a link points at (kb.urls.document_link on the chosen base)."""
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    seen_in: dict[int, set] = {}
    edits = []
    for piece in pieces(text, fmt):
        seen = seen_in.setdefault(piece.section, set())
        found = linker.matches(text[piece.start : piece.end], seen)
        if piece.kind != "prose":
            continue
        for start, end, target in found:
            start, end = piece.start + start, piece.start + end
            if fmt == "text" and LINKED_IN_TEXT.match(text, end):
                continue
            if fmt == "markdown" and text[start - 1 : start] == "\\":
                continue  # a literal backslash before our "[" would escape it and break the link
            url = url_of(target.doc_id)
            line = bisect_right(line_starts, start)
            edits.append((start, end, target, Link(line, text[start:end], target.doc_id, url, target.title)))
    out, last = [], 0
    for start, end, target, link in edits:
        out += [text[last:start], _link_markup(fmt, link, target.tooltip or target.title)]
        last = end
    out.append(text[last:])
    return "".join(out), [link for *_, link in edits]


def _link_markup(fmt: str, link: Link, tooltip: str) -> str:
    if fmt == "markdown":
        return "[" + re.sub(r"([\[\]\\])", r"\\\1", link.text) + f"]({link.url})"
    if fmt == "html":
        return f'<a href="{html.escape(link.url)}" title="{html.escape(tooltip)}">{link.text}</a>'
    return f"{link.text} ({link.url})"


def pieces(text: str, fmt: str) -> list[Piece]:
    """The prose of `text` (and the text of its existing links), in document order."""
    if fmt == "markdown":
        return [p for start, end, section in _markdown_runs(text) for p in _markdown_inline(text, start, end, section)]
    if fmt == "html":
        return _html_pieces(text)
    return _gaps(0, len(text), [m.span() for m in PLAIN_PROTECTED.finditer(text)], 0)


# --- Markdown ---


def _markdown_runs(text: str):
    """(start, end, section) of each run of lines outside front matter, code fences and headings."""
    lines = [(m.start(), m.end(), m.group().rstrip("\r\n")) for m in LINES.finditer(text)]
    kinds = _markdown_line_kinds([line for _, _, line in lines])
    section, run = 0, None
    for (start, end, _), kind in zip(lines, kinds):
        if kind == "prose":
            run = (run[0], end, section) if run else (start, end, section)
            continue
        if run:
            yield run
            run = None
        if kind == "heading":
            section += 1
    if run:
        yield run


def _markdown_line_kinds(lines: list[str]) -> list[str]:
    kinds, fence, html_block, paragraph = [], None, None, None  # paragraph: index of its first line
    front_matter = lines[:1] == ["---"] and any(line in ("---", "...") for line in lines[1:])
    indented_code = _indented_code(lines)
    for i, line in enumerate(lines):
        if front_matter:
            kinds.append("meta")
            front_matter = i == 0 or line not in ("---", "...")
            continue
        if fence:
            kinds.append("code")
            if re.match(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", line):
                fence = None
            continue
        if html_block:  # <pre>, <script>...: raw until the closing tag, blank lines or not
            kinds.append("code")
            html_block = None if f"</{html_block}" in line.lower() else html_block
            continue
        if i in indented_code:
            kinds.append("code")
            paragraph = None
            continue
        opening, raw = FENCE_OPEN.match(line), HTML_BLOCK_OPEN.match(line)
        if opening or raw:
            kinds.append("code")
            fence, paragraph = (opening.group(1) if opening else None), None
            html_block = raw.group(1).lower() if raw and f"</{raw.group(1).lower()}" not in line.lower() else None
        elif ATX_HEADING.match(line):
            kinds.append("heading")
            paragraph = None
        elif paragraph is not None and SETEXT_UNDERLINE.match(line):
            kinds[paragraph:] = ["heading"] * (i - paragraph + 1)  # the paragraph above === or --- is a heading
            paragraph = None
        else:
            kinds.append("prose")
            if not line.strip() or NOT_PARAGRAPH.match(line):
                paragraph = None
            elif paragraph is None:
                paragraph = i
    return kinds


def _indented_code(lines: list[str]) -> set[int]:
    """Lines of indented code blocks: indented by four spaces after a blank line, outside lists
    (where such lines continue a list item)."""
    code, in_list, inside, after_blank = set(), False, False, True
    for i, line in enumerate(lines):
        if not line.strip():
            after_blank = True
            continue
        indented = bool(INDENTED.match(line))
        if LIST_ITEM.match(line):
            in_list = True
        elif not indented and after_blank:
            in_list = False
        inside = indented and not in_list and (inside or after_blank)
        if inside:
            code.add(i)
        after_blank = False
    return code


def _markdown_inline(text: str, start: int, end: int, section: int) -> list[Piece]:
    """Prose and existing link texts of a run of Markdown lines, paragraph by paragraph."""
    found, para_start = [], start
    for m in [*PARAGRAPH_BREAK.finditer(text, start, end), None]:
        para_end = m.start() if m else end
        protected, linked = _markdown_protected(text, para_start, para_end)
        found += [Piece(s, e, section, "linked") for s, e in linked]
        found += _gaps(para_start, para_end, protected, section)
        para_start = m.end() if m else end
    return sorted(found, key=lambda p: p.start)


def _markdown_protected(text: str, start: int, end: int):
    """(protected spans, existing link texts) of one paragraph."""
    protected, linked = _code_spans(text, start, end) + _comments(text, start, end), []
    closes: dict[str, list] = {}  # tag name -> spans of its closing tags, in order
    for m in SKIP_CLOSE.finditer(text, start, end):
        closes.setdefault(m.group(1).lower(), []).append(m.span())
    covered = start
    for m in SKIP_OPEN.finditer(text, start, end):  # an element ends at its next closing tag, else with the paragraph
        if m.start() < covered:
            continue  # nested in the element before
        name, spans = m.group(1).lower(), closes.get(m.group(1).lower(), [])
        k = bisect_right(spans, (m.end(), -1))
        close = spans[k] if k < len(spans) else (end, end)
        protected.append((m.start(), close[1]))
        covered = close[1]
        if name == "a":
            linked.append((m.end(), close[0]))
    for m in MARKDOWN_PROTECTED.finditer(text, start, end):
        protected.append(m.span())
        if m.group("link") and not m.group().startswith("!"):
            linked.append(m.span("label"))
    return protected, linked


def _code_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A backtick run opens a code span closed by the next run of the same length."""
    runs = [m.span() for m in BACKTICKS.finditer(text, start, end)]
    next_same, following = [None] * len(runs), {}
    for i in range(len(runs) - 1, -1, -1):
        size = runs[i][1] - runs[i][0]
        next_same[i], following[size] = following.get(size), i
    spans, i = [], 0
    while i < len(runs):
        j = next_same[i]
        if j is None:
            i += 1
            continue
        spans.append((runs[i][0], runs[j][1]))
        i = j + 1
    return spans


def _comments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, pos = [], start
    while (opening := text.find("<!--", pos, end)) != -1:
        close = text.find("-->", opening + 4, end)
        pos = end if close == -1 else close + 3
        spans.append((opening, pos))
    return spans


def _gaps(start: int, end: int, protected, section: int) -> list[Piece]:
    """The prose between the (possibly overlapping) protected spans."""
    found, last = [], start
    for s, e in sorted(protected):
        if s > last:
            found.append(Piece(last, s, section))
        last = max(last, e)
    if end > last:
        found.append(Piece(last, end, section))
    return found


# --- HTML and plain text ---


def _html_pieces(text: str) -> list[Piece]:
    found, open_skips, section, pos = [], {}, 0, 0
    while pos < len(text):
        m = HTML_START.search(text, pos)
        stop = m.start() if m else len(text)
        if stop > pos and not any(n for name, n in open_skips.items() if name != "a"):
            kind = "linked" if open_skips.get("a") else "prose"
            spans = [m.span() for m in HTML_TEXT_PROTECTED.finditer(text, pos, stop)]
            found += [Piece(p.start, p.end, section, kind) for p in _gaps(pos, stop, spans, section)]
        if not m:
            break
        pos, tag = _skip_markup(text, m)
        if not tag or tag.group("empty"):
            continue
        name = tag.group("name").lower()
        if tag.group("end"):
            open_skips[name] = max(0, open_skips.get(name, 0) - 1)
        elif name in HTML_RAW_TEXT:  # their content is not markup: jump to the closing tag
            close = re.compile(rf"</{name}\s*>", re.I).search(text, pos)
            pos = close.end() if close else len(text)
        elif name in HTML_SKIP:
            open_skips[name] = open_skips.get(name, 0) + 1
            section += name in HTML_SECTIONS
    return found


def _skip_markup(text: str, start):
    """(end, tag match or None) of the comment, declaration or tag opened at `start`.

    Unclosed, it runs to the end of the text, as in a browser.
    """
    opener = start.group()
    closer = {"<!--": "-->", "<![CDATA[": "]]>"}.get(opener)
    if closer or opener in ("<!", "<?"):
        close = text.find(closer or ">", start.end())
        return (len(text) if close == -1 else close + len(closer or ">")), None
    tag = HTML_TAG.match(text, start.start())
    return (tag.end(), tag) if tag else (len(text), None)
