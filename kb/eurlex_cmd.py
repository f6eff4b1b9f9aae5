"""`kb import-eurlex PAGE.html|DIR ...`: put EUR-Lex texts of acts into the corpus (corpus/eurlex/)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app, has_app_context

from indexer.eurlex import EurLexImportError, import_pages, pages_in
from indexer.eurlex.write import MAX_LISTED


def default_corpus_dir() -> Path:
    """The app's CORPUS_DIR when run as `kb import-eurlex`, ./corpus when run on its own."""
    if has_app_context() and current_app.config.get("CORPUS_DIR"):
        return Path(current_app.config["CORPUS_DIR"])
    return Path("corpus")


# The importers' shared option: where their corpus files go.
corpus_option = click.option(
    "--corpus",
    "corpus_dir",
    metavar="DIR",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Corpus folder to write to (default: the app's CORPUS_DIR, else ./corpus).",
)


@click.command("import-eurlex")
@click.argument(
    "pages", metavar="PAGE.html|DIR...", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path)
)
@corpus_option
def import_eurlex_command(pages, corpus_dir):
    """Import EUR-Lex pages of EU acts into the corpus.

    Each PAGE.html is an act saved from EUR-Lex (the HTML view of the act, "Save page as",
    HTML only); a DIR stands for every .html, .htm and .xhtml page in it. Each version of an
    act (as adopted, a consolidated version, a corrigendum) becomes a file of its own,
    corpus/eurlex/celex-<celex>[-<date>].<lang>.md. All pages are checked first: if one is not
    a readable EUR-Lex page in Chinese or English, nothing is written. Run `kb build`
    afterwards to index the new texts.
    """
    corpus_dir = corpus_dir or default_corpus_dir()
    files = _expand(pages)
    if not files:
        click.echo("Error: no saved pages (.html, .htm, .xhtml) in " + ", ".join(str(p) for p in pages), err=True)
        sys.exit(1)
    try:
        with click.progressbar(
            length=len(files), label="Reading pages", file=sys.stderr, item_show_func=lambda p: p.name if p else ""
        ) as bar:
            report = import_pages(files, corpus_dir, on_page=lambda path: bar.update(1, path))
    except EurLexImportError as err:
        for problem in err.errors:
            click.echo(f"Error: {problem}", err=True)
        click.echo("Nothing was imported; the corpus is unchanged.", err=True)
        sys.exit(1)
    for line in report.table():
        click.echo(line)
    for result in report.results:
        if result.act.skipped:
            click.echo(f"\nProblems in {result.source}:")
            for problem in result.act.skipped[:MAX_LISTED]:
                click.echo(f"  {problem}")
            if len(result.act.skipped) > MAX_LISTED:
                click.echo(f"  ... and {len(result.act.skipped) - MAX_LISTED} more")
    written = len(report.written)
    click.echo(
        f"\n{written} file(s) written, {len(report.results) - written} left as they were"
        f" (in {Path(corpus_dir) / 'eurlex'})." + (" Run `kb build` to index them." if written else "")
    )


def _expand(paths) -> list[Path]:
    """Files as given, folders as the pages in them; each page once."""
    files: list[Path] = []
    for path in paths:
        for page in pages_in(path) if path.is_dir() else [path]:
            if page not in files:
                files.append(page)
    return files


def init_app(app):
    from kb import eurlex_views  # the versions of imported acts and what changed between them

    app.cli.add_command(import_eurlex_command)
    eurlex_views.init_app(app)
