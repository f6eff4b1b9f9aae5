"""From page bytes to a flat stream of paragraphs and tables.

EUR-Lex has used four HTML generations; what they share is that the text is a sequence of
paragraphs, some wrapped in layout tables (a label cell "(a)" beside a text cell) or in ELI
<div>s. Flattening everything into one ordered stream lets a single state machine
(parse.py) read all generations; the DOM is kept on each item for ids and classes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from ..vocabulary import CJK_TEXT as CJK
from .model import Cell, EurLexImportError, Table

INLINE = {
    "a",
    "span",
    "b",
    "i",
    "em",
    "strong",
    "sup",
    "sub",
    "u",
    "font",
    "br",
    "small",
    "big",
    "abbr",
    "cite",
    "code",
    "q",
    "s",
    "strike",
    "tt",
    "var",
    "nobr",
    "wbr",
    "ins",
    "del",
    "mark",
    "time",
    "label",
    "img",
}
IGNORED = {
    "script",
    "style",
    "noscript",
    "head",
    "meta",
    "link",
    "title",
    "template",
    "button",
    "input",
    "select",
    "textarea",
    "nav",
    "col",
    "colgroup",
    "hr",
    "base",
    "caption",
}
# Content we cannot turn into text: dropped, but named in the report.
UNREADABLE = {
    "svg",
    "math",
    "object",
    "embed",
    "iframe",
    "video",
    "audio",
    "canvas",
    "map",
    "applet",
    "picture",
    "form",
}
LEAVES = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "pre", "address"}
BLOCKISH = (
    LEAVES
    | {
        "div",
        "table",
        "ul",
        "ol",
        "dl",
        "section",
        "article",
        "blockquote",
        "center",
        "main",
        "aside",
        "header",
        "footer",
        "figure",
    }
    | UNREADABLE
)

# Consolidated texts print the number of a paragraph or point ("1.", "(a)") in an element of its
# own beside the text (span.no-parag + div.inline-element, grid-list-column-1 + column-2): the
# label is put back in front of the text it numbers, so the (a) / (b) structure survives.
LABEL_CLASSES = {"no-parag", "grid-list-column-1"}


@dataclass
class Item:
    """One step of the stream: a paragraph, a data table, or something skipped."""

    kind: str  # "p" | "table" | "skip"
    text: str
    element: Tag
    table: Table | None = None
    skips: tuple[str, ...] = ()  # unreadable elements inside a data table

    @property
    def classes(self) -> set[str]:
        return set(self.element.get("class") or [])


def decode(data: bytes, name: str) -> str:
    """EUR-Lex serves UTF-8 only; anything else means the file was re-encoded on the way."""
    if not data.strip():
        raise EurLexImportError(name, "the file is empty")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:2000]:
        raise EurLexImportError(
            name, "the file is UTF-16 encoded; EUR-Lex pages are UTF-8 (save the page again as 'Web page, HTML only')"
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise EurLexImportError(
            name,
            f"the file is not UTF-8 (invalid byte at offset "
            f"{err.start}; GBK or another legacy encoding?); "
            "EUR-Lex pages are UTF-8",
        ) from None
    declared = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", text[:3000], re.I)
    if declared and "utf-8" not in declared.group(1).lower() and not text.isascii():
        raise EurLexImportError(name, f"the page declares charset {declared.group(1)}; EUR-Lex pages are UTF-8")
    return text


def load_html(text: str, name: str) -> BeautifulSoup:
    """Parse, refusing what is not a whole HTML page (a truncated save has no </html>)."""
    if not re.search(r"<(html|body|p)\b", text[:5000] + text[-5000:], re.I):
        raise EurLexImportError(name, "not an HTML page")
    tail = re.sub(r"(<!--.*?-->|\s)+$", "", text[-2000:], flags=re.S)
    if not tail.lower().endswith("</html>"):
        raise EurLexImportError(name, "the page is truncated (it does not end with </html>); save it again")
    return BeautifulSoup(text, "html.parser")


def clean(text: str) -> str:
    """Collapse the whitespace of pretty-printed HTML without gluing or splitting words."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([.,;:!?)\]])", r"\1", text)  # "Union ." -> "Union."
    text = re.sub(r"([(\[])\s+", r"\1", text)  # "( 1 )" -> "(1)"
    return re.sub(rf"(?<=[{CJK}])\s+(?=[{CJK}])", "", text)


def describe(el: Tag) -> str:
    """`<div class="xyz">` near "first words" - how the report names an element."""
    attrs = "".join(
        f' {a}="{" ".join(el[a]) if isinstance(el[a], list) else el[a]}"' for a in ("class", "id", "src") if el.get(a)
    )
    near = clean(el.get_text(" "))[:60]
    if not near:
        prev = el.find_previous(string=lambda s: s.strip() and not isinstance(s, Comment))
        near = clean(str(prev))[-60:] if prev else ""
    return f'<{el.name}{attrs[:120]}> near "{near}"'


def _context(el: Tag) -> str:
    """' in <div class="xyz">': the nearest classed ancestor, to find the spot in the page."""
    parent = el.find_parent(lambda t: t.get("class") or t.get("id"))
    if parent is None or parent.name in ("body", "html"):
        return ""
    attr = "class" if parent.get("class") else "id"
    value = " ".join(parent[attr]) if attr == "class" else parent[attr]
    return f' in <{parent.name} {attr}="{value[:60]}">'


def inline_text(nodes: list) -> str:
    parts = []
    for node in nodes:
        if isinstance(node, Comment):
            continue
        if isinstance(node, NavigableString):
            parts.append(str(node))
        elif node.name == "br":
            parts.append(" ")
        elif node.name == "img":
            parts.append(f" {image_placeholder(node)} ")
        elif node.name not in IGNORED:
            parts.append(inline_text(list(node.children)))
    return "".join(parts)


def image_placeholder(img: Tag) -> str:
    """EUR-Lex prints formulas (and some symbols and charts) as images: the text keeps a visible
    placeholder with the image's alt text, so a reader knows something is there to look up."""
    alt = clean(str(img.get("alt") or ""))
    if alt:
        return f"[image: {alt}]"
    name = str(img.get("src") or "").rsplit("/", 1)[-1].split("?")[0][:80]
    return f"[image not imported{': ' + name if name else ''}]"


def walk(el: Tag) -> Iterator[Item]:
    """Yield the paragraphs, tables and unreadable elements below `el`, in page order."""
    run: list = []
    label = ""

    def flush():
        text = clean(inline_text(run))
        run.clear()
        return [Item("p", text, el)] if text else []

    def labelled(items):
        nonlocal label
        for item in items:
            if label and item.kind == "p":
                item = Item("p", f"{label} {item.text}", item.element)
                label = ""
            yield item

    for child in el.children:
        if isinstance(child, Tag) and LABEL_CLASSES & set(child.get("class") or []):
            yield from labelled(flush())
            label = clean(inline_text([child]))
            continue
        if isinstance(child, NavigableString) or (child.name in INLINE and not _has_blocks(child)):
            run.append(child)
            continue
        yield from labelled(flush())
        if child.name in IGNORED:
            continue
        if child.name in UNREADABLE:
            yield Item("skip", describe(child) + _context(child), child)
        elif child.name == "table":
            yield from labelled(table_items(child))
        elif child.name in LEAVES and not _has_blocks(child):
            yield from labelled(_leaf(child))
        else:
            yield from labelled(walk(child))
    yield from labelled(flush())
    if label:
        yield Item("p", label, el)


def _leaf(el: Tag) -> Iterator[Item]:
    text = clean(inline_text([el]))
    if text:
        yield Item("p", text, el)


def _has_blocks(el: Tag) -> bool:
    return el.find(BLOCKISH) is not None


def rows_of(table: Tag) -> list[list[Tag]]:
    """The rows of this table only (not of tables nested in its cells)."""
    rows = []
    for part in [table] + table.find_all(["thead", "tbody", "tfoot"], recursive=False):
        for tr in part.find_all("tr", recursive=False):
            rows.append(tr.find_all(["td", "th"], recursive=False))
    return rows


def is_data_table(table: Tag, rows: list[list[Tag]]) -> bool:
    """Layout tables only indent a list: short label cells and one text cell per row."""
    classes = " ".join(table.get("class") or [])
    if "table" in classes or "border" in classes.lower() or table.find("th"):
        return True
    if str(table.get("border", "0")).strip() not in ("", "0"):
        return True
    for cells in rows:
        if len(cells) > 3:
            return True
        for cell in cells:
            if any("tbl" in c for p in cell.find_all("p", recursive=False) for c in p.get("class") or []):
                return True
        for cell in cells[:-1]:
            if cell.find("table") or len(clean(cell.get_text(" "))) > 12:
                return True
    return False


def table_items(table: Tag) -> Iterator[Item]:
    rows = rows_of(table)
    if is_data_table(table, rows):
        skips = tuple(describe(el) for el in table.find_all(UNREADABLE))
        yield Item("table", "", table, Table([[_cell(c) for c in cells] for cells in rows]), skips)
        return
    for cells in rows:
        if not cells:
            continue
        label = " ".join(t for t in (clean(c.get_text(" ")) for c in cells[:-1]) if t)
        items = list(walk(cells[-1]))
        if label and items and items[0].kind == "p":
            items[0] = Item("p", f"{label} {items[0].text}", items[0].element)
        elif label:  # a row with a label only: its element carries the label's class
            items.insert(0, Item("p", label, cells[0].find("p") or cells[-1]))
        yield from items


def _span(cell: Tag, attr: str) -> int:
    match = re.match(r"\s*(\d+)", str(cell.get(attr, "1")))
    return min(max(int(match.group(1)), 1), 100) if match else 1


def _cell(cell: Tag) -> Cell:
    paragraphs = []
    for item in walk(cell):
        if item.kind == "p":
            paragraphs.append(item.text)
        elif item.kind == "table":  # a table inside a cell: keep its text row by row
            paragraphs.extend(" | ".join(" ".join(c.paragraphs) for c in row) for row in item.table.rows)
    header = cell.name == "th" or any("tbl-hdr" in c for p in cell.find_all("p") for c in p.get("class") or [])
    return Cell(paragraphs, _span(cell, "colspan"), _span(cell, "rowspan"), header)
