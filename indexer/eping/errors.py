"""What can go wrong reading an ePing export: the whole file (fatal) or one row (reported, skipped)."""

from __future__ import annotations

from dataclasses import dataclass


class EpingImportError(ImportError):
    """The file cannot be imported at all; nothing is written. The message names the file."""

    def __init__(self, source_name: str, reason: str):
        self.source_name, self.reason = source_name, reason
        super().__init__(f"{source_name}: {reason}")


@dataclass
class RowProblem:
    """A row that was not imported (or a field of it that was dropped), with its row number."""

    source: str
    row: int  # the spreadsheet's own row number (the header is row 1)
    message: str
    skipped: bool = True  # False: the row was imported without the field named

    def __str__(self):
        what = "row not imported" if self.skipped else "imported without this field"
        return f"{self.source}: row {self.row}: {self.message} ({what})"
