"""Import acts from EUR-Lex HTML pages into the corpus (corpus/eurlex/celex-<celex>.<lang>.md).

    parse_eurlex(data, source_name) -> EurLexAct     read one saved page (any EUR-Lex generation)
    render_act(act, updated) -> str                 the corpus document (YAML header + Markdown)
    import_pages(paths, corpus_dir) -> ImportReport validate all pages, then write them atomically

Pages that are not EUR-Lex acts, empty, truncated or not UTF-8 raise EurLexImportError, which
names the file; nothing is written then. Parts of a page the parser cannot read are listed
in the act's `skipped` and in the report, and the rest is imported.
"""

from .model import ActPart, Amendment, Cell, EurLexAct, EurLexImportError, Para, Table
from .parse import parse_eurlex
from .render import render_act
from .write import ImportReport, PageResult, import_pages, pages_in, read_pages

__all__ = [
    "ActPart",
    "Amendment",
    "Cell",
    "EurLexAct",
    "EurLexImportError",
    "ImportReport",
    "PageResult",
    "Para",
    "Table",
    "import_pages",
    "pages_in",
    "parse_eurlex",
    "read_pages",
    "render_act",
]
