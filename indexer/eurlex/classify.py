"""What a paragraph of an EUR-Lex page is: title, article heading, recital, note, marker...

Pages with the OJ/consolidation CSS classes are read by class (reliable). The old text-only
pages have no classes, so there the same roles are recognised from the wording
("Article 4", "CHAPTER II", "ANNEX I"); the two are kept apart so that a quoted
"Article 5" inside the text of a classed page is never taken for a new article.
"""

from __future__ import annotations

import re

from .blocks import Item
from .model import Table

ROLES = {
    "doc-title": {"doc-ti", "oj-doc-ti", "title-doc-first", "title-doc-last"},
    "article": {"ti-art", "oj-ti-art", "title-article-norm"},
    "article-sub": {"sti-art", "oj-sti-art", "stitle-article-norm"},
    "division": {"ti-section-1", "oj-ti-section-1", "title-division-1"},
    "division-sub": {"ti-section-2", "oj-ti-section-2", "title-division-2"},
    "annex": {"title-annex-1", "oj-ti-annex"},
    "annex-sub": {"title-annex-2", "ti-grseq-1", "oj-ti-grseq-1"},
    "bold": {
        "title-gr-seq-level-1",
        "title-gr-seq-level-2",
        "title-gr-seq-level-3",
        "ti-grseq-2",
        "oj-ti-grseq-2",
        "ti-tbl",
        "oj-ti-tbl",
    },
    "note": {"note", "oj-note", "footnote"},
    "signature": {"signatory", "oj-signatory"},
    "marker": {"arrow", "modref"},
    "chrome": {
        "reference",
        "disclaimer",
        "title-toc",
        "toc-item",
        "toc-1",
        "toc-2",
        "toc-3",
        "hd-toc-1",
        "hd-toc-2",
        "hd-toc-3",
        "hd-modifiers",
        "title-fam-member-star",
        "title-doc-oj-reference",
        "hd-date",
        "hd-lg",
        "hd-ti",
        "hd-oj",
        "oj-hd-date",
        "oj-hd-lg",
        "oj-hd-ti",
        "oj-hd-oj",
        "hd-cons",
    },
}
CLASS_ROLE = {cls: role for role, classes in ROLES.items() for cls in classes}
# Classes that carry ordinary text or only styling: never worth a line in the report.
TEXT_CLASS = re.compile(
    r"^(oj-)?(normal|norm|italic|italics|bold|boldface|super|superscript|"
    r"sub|final|preamble|centered|borderOj|table|note-tag|tbl-.*|"
    r"item-.*|list.*|separator.*|eli-.*|doc-.*|ti-grseq-.*|"
    r"title-gr-seq-.*|ti-section-.*|title-division-.*|title-annex-.*|"
    r"count|signatory|expanded|stitle-.*|title-.*|pnormal|footnote.*|"
    r"inline-element|grid-.*|no-parag)$"
)
# An article, chapter or annex heading that opens with a quotation mark is quoted by an amending
# provision ("'Article 12 Data quality"): text of the amending article, not a part of this act.
QUOTED = re.compile(r"^[‘’'“”\"«„‚]")

ZH_NUM = "零一二三四五六七八九十百"
ARTICLE_RE = re.compile(rf"^(?:Article\s+(\d+\s*[a-z]*)|第\s*([\d{ZH_NUM}]+)\s*条)\s*$", re.I)
DIVISION_RE = re.compile(
    rf"^(?:(PART|TITLE|CHAPTER|SECTION|SUB-?SECTION)\s+([\w-]+)|"
    rf"第\s*([\d{ZH_NUM}]+)\s*(部分|编|章|节))\s*$",
    re.I,
)
ANNEX_RE = re.compile(rf"^(?:ANNEX(?:\s+([IVXLC]+[A-Z]?|\d+[a-z]?))?|附件\s*([\d{ZH_NUM}IVX]*))\s*$", re.I)
RECITAL_RE = re.compile(r"^\((\d+)\)\s+(\S.*)$", re.S)
WHEREAS_RE = re.compile(r"^(Whereas|鉴于)\s*[:：]?\s*$", re.I)
FORMULA_RE = re.compile(r"^(HAS|HAVE) (ADOPTED|DECIDED)\b|^(已)?(通过|作出)本", re.I)
FINAL_RE = re.compile(r"shall be binding in its entirety|^Done at |在整体上具有约束力|^于.{1,12}签署")
MARKER_RE = re.compile(r"[►▼]\s*([A-Z]\d*)(?![\w])")
MARKERS_ONLY = re.compile(r"^(\s*[►▼]\s*[A-Z]\d*)+\s*$")
PLAIN_TITLE_NEXT = re.compile(
    r"^(of|on|amending|laying|concerning|establishing|repealing|"
    r"supplementing|\()",
    re.I,
)

DIVISION_KINDS = {
    "part": ("prt", 0),
    "title": ("tis", 1),
    "chapter": ("cpt", 2),
    "section": ("sct", 3),
    "subsection": ("sbs", 4),
    "sub-section": ("sbs", 4),
    "部分": ("prt", 0),
    "编": ("tis", 1),
    "章": ("cpt", 2),
    "节": ("sct", 3),
}
NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]


def role(item: Item, plain: bool) -> str:
    """The role of a paragraph; "text" for ordinary text."""
    if MARKERS_ONLY.match(item.text):
        return "marker"
    for cls in item.classes:
        if cls in CLASS_ROLE:
            return CLASS_ROLE[cls]
    if item.classes & {"final", "oj-final"} or item.element.find_parent(class_=("final", "oj-final")) is not None:
        return "final"
    if plain:
        text = strip_markers(item.text)[0]
        for name, pattern in (("article", ARTICLE_RE), ("division", DIVISION_RE), ("annex", ANNEX_RE)):
            if pattern.match(text):
                return name
    return "text"


def unknown_classes(item: Item) -> list[str]:
    return [c for c in item.classes if c not in CLASS_ROLE and not TEXT_CLASS.match(c)]


def strip_markers(text: str) -> tuple[str, list[str]]:
    """Remove consolidation arrows (►M1 ... ◄, ▼B) and return the markers they named."""
    markers = MARKER_RE.findall(text)
    text = MARKER_RE.sub(" ", text).replace("◄", " ")
    return re.sub(r"\s+", " ", text).strip(), markers


def strip_table_markers(table: Table) -> list[str]:
    """Strip consolidation arrows from every cell; return the markers found."""
    found: list[str] = []
    for cell in (cell for row in table.rows for cell in row):
        stripped = [strip_markers(p) for p in cell.paragraphs]
        cell.paragraphs = [text for text, _ in stripped if text]
        found += [m for _, markers in stripped for m in markers]
    return found


def zh_number(text: str) -> int:
    """'十二' -> 12, '3' -> 3 (Chinese numbers of articles and chapters)."""
    if text.isdigit():
        return int(text)
    digits = {c: i for i, c in enumerate(ZH_NUM[:10])}
    total, current = 0, 0
    for ch in text:
        if ch in digits:
            current = digits[ch]
        elif ch == "十":
            total, current = total + (current or 1) * 10, 0
        elif ch == "百":
            total, current = total + (current or 1) * 100, 0
    return total + current


def roman(n: int) -> str:
    out = ""
    for value, sym in (
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while n >= value:
            out, n = out + sym, n - value
    return out


def division_parts(label: str) -> tuple[str, int, str] | None:
    """('cpt', rank, 'i') for 'CHAPTER I'; ('prt', 0, '1') for 'PART ONE' or '第一部分'."""
    m = DIVISION_RE.match(label)
    if not m:
        return None
    if m.group(1):
        prefix, rank = DIVISION_KINDS[m.group(1).lower()]
        number = m.group(2).lower()
        if number in NUMBER_WORDS:
            number = str(NUMBER_WORDS.index(number))
        return prefix, rank, number
    prefix, rank = DIVISION_KINDS[m.group(4)]
    n = zh_number(m.group(3))
    # English acts number titles and chapters in Roman numerals: keep the twins' anchors equal
    return prefix, rank, roman(n) if prefix in ("tis", "cpt") else str(n)


def article_number(label: str) -> str:
    m = ARTICLE_RE.match(label)
    if not m:
        return ""
    return re.sub(r"\s+", "", m.group(1)).lower() if m.group(1) else str(zh_number(m.group(2)))


def annex_number(label: str) -> str | None:
    m = ANNEX_RE.match(label)
    if not m:
        return None
    if m.group(2) and not re.match(r"^[IVX\d]+$", m.group(2)):
        return roman(zh_number(m.group(2)))
    return (m.group(1) or m.group(2) or "").lower()


def nice_label(label: str) -> str:
    """'CHAPTER II' -> 'Chapter II', 'PART ONE' -> 'Part One' (Roman numerals stay)."""
    if not label.isupper():
        return label
    return " ".join(w if re.fullmatch(r"[IVXLC]+[A-Z]?", w) else w.capitalize() for w in label.split())
