"""`kb import-eurlex PAGE.html...`: put EUR-Lex texts of acts into the corpus (corpus/eurlex/)."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app, has_app_context

from indexer.eurlex import EurLexImportError, import_pages


def default_corpus_dir() -> Path:
    """The app's CORPUS_DIR when run as `kb import-eurlex`, ./corpus when run on its own."""
    if has_app_context() and current_app.config.get("CORPUS_DIR"):
        return Path(current_app.config["CORPUS_DIR"])
    return Path("corpus")


@click.command("import-eurlex")
@click.argument("pages", metavar="PAGE.html...", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--corpus", "corpus_dir", metavar="DIR", type=click.Path(file_okay=False,
              path_type=Path), default=None,
              help="Corpus folder to write to (default: the app's CORPUS_DIR, else ./corpus).")
def import_eurlex_command(pages, corpus_dir):
    """Import EUR-Lex pages of EU acts into the corpus.

    Each PAGE.html is an act saved from EUR-Lex (the HTML view of the act, "Save page as",
    HTML only). It becomes corpus/eurlex/celex-<celex>.<lang>.md. All pages are checked
    first: if one is not a readable EUR-Lex page, nothing is written. Run `kb build`
    afterwards to index the new texts.
    """
    corpus_dir = corpus_dir or default_corpus_dir()
    try:
        report = import_pages(pages, corpus_dir)
    except EurLexImportError as err:
        for problem in err.errors:
            click.echo(f"Error: {problem}", err=True)
        click.echo("Nothing was imported; the corpus is unchanged.", err=True)
        sys.exit(1)
    for line in report.lines():
        click.echo(line)
    written = len(report.written)
    click.echo(f"{written} file(s) written, {len(report.results) - written} left as they were."
               + (" Run `kb build` to index them." if written else ""))


def init_app(app):
    from kb import eurlex_views   # the versions of imported acts and what changed between them

    app.cli.add_command(import_eurlex_command)
    eurlex_views.init_app(app)
