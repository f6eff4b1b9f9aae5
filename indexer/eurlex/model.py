"""Data model of an imported EUR-Lex act.

The parser fills these dataclasses with *plain text* taken from the page; escaping for
Markdown happens only in render.py, so the model never carries markup from the page and
nothing the page contains can reach the corpus unescaped.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class EurLexImportError(ImportError):
    """A page cannot be imported at all (not EUR-Lex, empty, truncated, wrong encoding...).

    A subclass of ImportError so that callers catching import problems in general see it;
    the message always names the file.
    """

    def __init__(self, source_name: str, reason: str):
        self.source_name = source_name
        self.reason = reason
        self.errors = [self]
        super().__init__(f"{source_name}: {reason}")

    @classmethod
    def combine(cls, errors: list["EurLexImportError"]) -> "EurLexImportError":
        """One error for several bad files, naming each file on its own line."""
        if len(errors) == 1:
            return errors[0]
        combined = cls(errors[0].source_name, errors[0].reason)
        combined.errors = list(errors)
        combined.args = ("\n".join(str(e) for e in errors),)
        return combined


@dataclass
class Cell:
    """One table cell: its paragraphs (plain text) and its spans."""

    paragraphs: list[str]
    colspan: int = 1
    rowspan: int = 1
    header: bool = False


@dataclass
class Table:
    """A data table of the act (not the layout tables EUR-Lex uses to indent lists)."""

    rows: list[list[Cell]]


@dataclass
class Para:
    """A paragraph of plain text; `bold` marks in-annex headings that get no anchor."""

    text: str
    bold: bool = False


Block = Para | Table


@dataclass
class ActPart:
    """A part of the act with its own anchor: preamble, recital, division, article, annex...

    kind: preamble | recitals | recital | enacting | division | article | final | annex
    label: the number as the page writes it ("Article 4", "CHAPTER I", "(12)", "ANNEX II")
    number: the bare number ("4", "I", "12", "II"), used for derived anchors
    heading: the title that follows the label on the page ("Definitions"), may be empty
    markers: consolidation markers seen in this part (M1, C2, A1; B is the base act)
    """

    kind: str
    anchor: str
    label: str = ""
    number: str = ""
    heading: str = ""
    blocks: list[Block] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)

    def add_marker(self, marker: str) -> None:
        if marker != "B" and marker not in self.markers:
            self.markers.append(marker)

    def text(self) -> str:
        """All paragraph text of the part, for tests and searches."""
        out = []
        for block in self.blocks:
            if isinstance(block, Para):
                out.append(block.text)
            else:
                out.extend(p for row in block.rows for c in row for p in c.paragraphs)
        return "\n".join(out)


@dataclass
class Amendment:
    """A row of the "Amended by" / "Corrected by" table of a consolidated text."""

    marker: str
    title: str
    celex: str = ""


@dataclass
class EurLexAct:
    source_name: str
    celex: str
    title: str
    lang: str
    form: str = ""  # regulation | directive | decision | "" if unknown
    adopted: str = ""  # YYYY-MM-DD
    number: str = ""  # "2022/868", "575/2013", "2009/65/EC"
    designation: str = ""  # "Regulation (EU) 2022/868"
    short_title: str = ""  # "Data Governance Act"
    eli: str = ""
    url: str = ""
    version: str = "adopted"  # adopted | consolidated | corrigendum
    consolidated: str = ""  # YYYY-MM-DD, consolidated texts only
    corrigendum: str = ""  # "01" of CELEX 32016R0679R(01), corrigenda only
    corrected: str = ""  # YYYY-MM-DD the corrigendum was published
    parts: list[ActPart] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    amendments: list[Amendment] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        """One document per version: the act as adopted keeps the plain id (links to it stay
        valid), a consolidated version adds its date, a corrigendum its number."""
        base = "celex-" + self.celex.lower()
        if self.version == "consolidated":
            return f"{base}-{self.consolidated.replace('-', '')}"
        if self.version == "corrigendum":
            return f"{base}-r{self.corrigendum}"
        return base

    @property
    def version_date(self) -> str:
        """The date that orders the versions of one act (the newest is shown by default)."""
        return {"consolidated": self.consolidated, "corrigendum": self.corrected}.get(self.version, self.adopted)

    def articles(self) -> list[ActPart]:
        return [p for p in self.parts if p.kind == "article"]

    def part(self, anchor: str) -> ActPart | None:
        return next((p for p in self.parts if p.anchor == anchor), None)

    def figures(self) -> dict[str, int]:
        """Counts shown in the import report."""
        count = lambda kind: sum(1 for p in self.parts if p.kind == kind)  # noqa: E731
        tables = sum(isinstance(b, Table) for p in self.parts for b in p.blocks)
        return {
            "recitals": count("recital"),
            "divisions": count("division"),
            "articles": count("article"),
            "annexes": count("annex"),
            "tables": tables,
            "notes": len(self.notes),
        }
