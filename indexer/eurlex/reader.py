"""The state machine that sorts the paragraph stream into the parts of an act."""

from __future__ import annotations

import re

from . import classify as c
from .blocks import Item, describe
from .meta import NUMBER_LINE, amendments_table, nice_title
from .model import ActPart, Amendment, Para

ELI_DIVISION = re.compile(r"^((prt|tis|cpt|sct|sbs)_[^.]+)(\.(prt|tis|cpt|sct|sbs)_[^.]+)*$")


class Reader:
    def __init__(self, plain: bool, description: str = ""):
        self.plain, self.description = plain, description.lower()
        self.phase = "head"  # where the reader is: head, title, preamble, recitals, enacting, final or annex
        self.title_lines: list[str] = []
        self.parts: list[ActPart] = []
        self.notes: list[str] = []
        self.amendments: list[Amendment] = []
        self.skipped: list[str] = []
        self.current: ActPart | None = None
        self.expect = ""  # the heading role that may follow a label
        self.divisions: list[tuple[int, str]] = []
        self.pending: list[str] = []  # ▼M1 arrows waiting for the text they mark
        self.unknown: dict[str, tuple[int, str]] = {}

    # -- entry point -------------------------------------------------------------------
    def feed(self, item: Item) -> None:
        if item.kind == "skip":
            self.skipped.append(f"skipped {item.text}")
        elif item.kind == "table":
            self._table(item)
        else:
            self._paragraph(item)

    def _table(self, item: Item) -> None:
        self.skipped.extend(f"skipped {s} (inside a table)" for s in item.skips)
        if item.element.find(class_="arrow") and self.phase in ("head", "title"):
            self.amendments += amendments_table(item.element)
        elif all(
            c.CLASS_ROLE.get(cls) == "chrome" for p in item.element.find_all("p") for cls in p.get("class") or ["?"]
        ):
            return  # the OJ page header: date, language, page
        elif self.phase in ("head", "title"):
            self.skipped.append(f"skipped {describe(item.element)} (before the act's title)")
        else:
            markers = c.strip_table_markers(item.table)
            self._part_for_text().blocks.append(item.table)
            for marker in self.pending + markers:
                self.current.add_marker(marker)
            self.pending = []

    def _paragraph(self, item: Item) -> None:
        role = c.role(item, self.plain)
        if role == "chrome":
            return
        if role == "marker":
            self.pending += c.strip_markers(item.text)[1]
            return
        text, markers = c.strip_markers(item.text)
        if not text:
            return
        if role == "note":
            self.notes.append(text)
            return
        self._track_unknown(item)
        if not self._before_body(role, text, item):
            self._body(role, text, item)
        for marker in self.pending + markers:
            if self.current:
                self.current.add_marker(marker)
        self.pending = []

    # -- title ---------------------------------------------------------------------------
    def _before_body(self, role: str, text: str, item: Item) -> bool:
        """Handle the page head and the act's title; False once the body has begun."""
        if self.phase == "head":
            if role == "doc-title" or (self.plain and role == "text"):
                self.phase = "title"
            else:
                self.skipped.append(f"skipped {describe(item.element)} (before the act's title)")
                return True
        if self.phase == "title":
            if role == "doc-title" and text in self.title_lines:
                return True  # consolidated texts print the title twice
            if role == "doc-title" or (self.plain and self._plain_title_line(text)):
                self.title_lines.append(text)
                return True
            self.phase = "preamble"
        return False

    def _plain_title_line(self, text: str) -> bool:
        if not self.title_lines or NUMBER_LINE.match(text):
            return True
        if self.description:
            return text.lower() in self.description
        return len(self.title_lines) < 6 and bool(c.PLAIN_TITLE_NEXT.match(text))

    # -- body ----------------------------------------------------------------------------
    def _body(self, role: str, text: str, item: Item) -> None:
        if role == "doc-title":
            if text in self.title_lines or nice_title([text]) in nice_title(self.title_lines):
                return  # consolidated texts print the title twice
            role = "annex" if c.ANNEX_RE.match(text) else "bold"
        if role in ("article", "division", "annex") and self._quoted(text, item):
            role, self.expect = "bold", "quoted-sub"
            return self._add(Para(text, bold=True))
        if self.expect == "quoted-sub":
            self.expect = ""
            if role in ("article-sub", "division-sub", "annex-sub"):
                return self._add(Para(text, bold=True))
        if self.expect and self._heading(role, text):
            return
        if role == "annex":
            return self._annex(text, item)
        if self.phase == "annex":
            bold = role in ("article", "article-sub", "division", "division-sub", "bold", "annex-sub")
            return self._add(Para(text, bold=bold))
        if role in ("final", "signature") or c.FINAL_RE.search(text):
            return self._final(text)
        if self.phase == "final":
            if self.plain and c.RECITAL_RE.match(text):
                return self.notes.append(text)
            return self._add(Para(text))
        if role == "division":
            return self._division(text, item)
        if role == "article":
            return self._article(text, item)
        if self.phase in ("preamble", "recitals"):
            return self._preamble(text, item)
        self._add(Para(text, bold=role in ("bold", "article-sub", "division-sub")))

    def _quoted(self, text: str, item: Item) -> bool:
        """A heading quoted inside an amending provision: it opens with a quotation mark, or
        it sits inside the ELI container of the article already being read."""
        if c.QUOTED.match(text) or self.current is None or self.phase == "annex":
            return bool(c.QUOTED.match(text))
        eli = _eli_id(item, r"art_[^.]+")
        return bool(
            eli
            and self.current.kind == "article"
            and self.current.anchor == eli.lower().replace("_", "-")
            and c.article_number(text) != self.current.number
        )

    def _heading(self, role: str, text: str) -> bool:
        """The title printed under 'Article 4', 'CHAPTER I' or 'ANNEX II', if this is it."""
        expected, self.expect = self.expect, ""
        looks = (
            self.plain
            and role == "text"
            and len(text) < 160
            and not re.search(r"[.;:,]$", text)
            and not re.match(r"[\d(\[—-]", text)
        )
        if role == expected or looks:
            self.current.heading = text
            return True
        return False

    def _preamble(self, text: str, item: Item) -> None:
        eli = _eli_id(item, r"rct_\d+")
        recital = c.RECITAL_RE.match(text)
        if eli or recital:
            number = eli[4:] if eli else recital.group(1)
            if not (self.current and self.current.kind == "recital" and self.current.number == number):
                self._recitals_start()
                self._new(ActPart("recital", f"rct-{number}", f"({number})", number))
            return self._add(Para(recital.group(2) if recital and recital.group(1) == number else text))
        if c.FORMULA_RE.match(text):
            self._add(Para(text))
            self.phase = "enacting"
            return
        if not self.parts:
            self._new(ActPart("preamble", "preamble"))
        if c.WHEREAS_RE.match(text):
            self._add(Para(text))
            return self._recitals_start()
        self._add(Para(text))

    def _recitals_start(self) -> None:
        self.phase = "recitals"
        if not any(p.kind == "recitals" for p in self.parts):
            self._new(ActPart("recitals", "recitals"))

    def _division(self, text: str, item: Item) -> None:
        self.phase = "enacting"
        label = c.nice_label(text)
        parts = c.division_parts(text)
        prefix, rank, number = parts if parts else ("div", 5, str(len(self.parts)))
        while self.divisions and self.divisions[-1][0] >= rank:
            self.divisions.pop()
        eli = _eli_id(item, ELI_DIVISION.pattern[1:-1])
        anchor = (
            eli.lower().replace("_", "-").replace(".", "-")
            if eli
            else "-".join([a for _, a in self.divisions] + [f"{prefix}-{number}"])
        )
        self.divisions.append((rank, anchor))
        self._new(ActPart("division", anchor, label, number))
        self.expect = "division-sub"

    def _article(self, text: str, item: Item) -> None:
        self.phase = "enacting"
        number = c.article_number(text) or re.sub(r"\W+", "", text.split()[-1]).lower()
        if not any(p.kind in ("division", "article", "enacting") for p in self.parts):
            self._new(ActPart("enacting", "enc"))
        eli = _eli_id(item, r"art_[^.]+")
        anchor = eli.lower().replace("_", "-") if eli else f"art-{number}"
        self._new(ActPart("article", anchor, c.nice_label(text), number))
        self.expect = "article-sub"

    def _annex(self, text: str, item: Item) -> None:
        number = c.annex_number(text)
        if (
            number is None
            and self.phase == "annex"
            and self.current is not None
            and self.current.kind == "annex"
            and not self.current.blocks
        ):
            # consolidated texts print an annex's title in the style of its number
            if not self.current.heading:
                self.current.heading = text
            else:
                self._add(Para(text, bold=True))
            return
        self.phase = "annex"
        eli = _eli_id(item, r"anx_[^.]+")
        anchor = eli.lower().replace("_", "-") if eli else "anx" + (f"-{number}" if number else "")
        self._new(ActPart("annex", anchor, c.nice_label(text), number or ""))
        self.expect = "annex-sub"

    def _final(self, text: str) -> None:
        if self.phase != "final":
            self.phase = "final"
            self._new(ActPart("final", "fnp"))
        self._add(Para(text))

    # -- helpers -------------------------------------------------------------------------
    def _new(self, part: ActPart) -> None:
        taken = {p.anchor for p in self.parts}
        anchor, n = part.anchor, 2
        while part.anchor in taken:  # anchors must be unique within a page
            part.anchor, n = f"{anchor}-{n}", n + 1
        self.parts.append(part)
        self.current = part

    def _add(self, para: Para) -> None:
        self._part_for_text().blocks.append(para)

    def _part_for_text(self) -> ActPart:
        if self.current is None or (self.phase == "enacting" and self.current.kind in ("recital", "recitals")):
            self._new(ActPart("enacting", "enc") if self.phase == "enacting" else ActPart("preamble", "preamble"))
        return self.current

    def _track_unknown(self, item: Item) -> None:
        for cls in c.unknown_classes(item):
            count, first = self.unknown.get(cls, (0, describe(item.element)))
            self.unknown[cls] = (count + 1, first)

    def unknown_report(self) -> list[str]:
        return [
            f'not understood, kept as plain text: {n} paragraph(s) of class "{cls}" (first: {first})'
            for cls, (n, first) in sorted(self.unknown.items())
        ]


def _eli_id(item: Item, pattern: str) -> str:
    """The id of the innermost ELI container of this kind (art_4, anx_II, cpt_III.sct_1)."""
    regex = re.compile(f"^(?:{pattern})$")
    found = item.element if regex.match(item.element.get("id") or "") else item.element.find_parent(id=regex)
    return found["id"] if found is not None else ""
