"""Import WTO notifications from ePing's "export search results" (.xlsx, or a CSV of the same columns).

    read_export(path) -> Sheet                    the header and rows, within fixed limits (zip/XML bombs refused)
    read_notifications(paths) -> (notifications, row problems)
    import_exports(paths, corpus_dir) -> ImportReport   writes corpus/notifications/<id>.{zh,en}.md

A file that is not a readable ePing export raises EpingImportError, which names the file; nothing
is written then. A row that cannot be imported (no symbol, say) is reported with its row number.
"""

from .errors import EpingImportError, RowProblem
from .notification import Notification, normalise_symbol, short_symbol, symbol_id
from .reader import read_export
from .write import ImportReport, import_exports, read_notifications

__all__ = [
    "EpingImportError",
    "ImportReport",
    "Notification",
    "RowProblem",
    "import_exports",
    "normalise_symbol",
    "read_export",
    "read_notifications",
    "short_symbol",
    "symbol_id",
]
