"""Command-line commands: check the corpus, build the index, search it, serve the site."""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import with_appcontext

from indexer.corpus.corpus import load_corpus
from indexer.corpus.corpus_cache import cache_file
from indexer.corpus.key_dates import check_scopes
from indexer.engine.index import BuildLocked, IndexUnavailable
from indexer.products import catalogue_path, check_catalogue, load_catalogue
from kb.knowledge import get_knowledge
from kb.search_cli import search_command


def load_checked_corpus(cached=False):
    """The corpus, or exit 1 after printing every problem as file:line: message. `cached`: files
    unchanged since the last build are not read again (`indexer.corpus.corpus_cache`)."""
    cache = cache_file(current_app.config["INDEX_DIR"]) if cached else None
    result = load_corpus(current_app.config["CORPUS_DIR"], cache_path=cache)
    # The product finder's catalogue is corpus data too: its errors stop a build like the corpus's own.
    result.problems.extend(check_catalogue(current_app.config["CORPUS_DIR"], result.documents))
    result.problems.extend(_key_date_scopes(current_app.config["CORPUS_DIR"], result.documents))
    for problem in result.problems:
        click.echo(str(problem), err=True)
    if result.errors:
        click.echo(f"{len(result.errors)} error(s) in the corpus; nothing was built or changed.", err=True)
        sys.exit(1)
    return result


def _key_date_scopes(corpus_dir, documents):
    """Key dates may name only categories and groups of the product catalogue."""
    path = catalogue_path(corpus_dir)
    catalogue = load_catalogue(path) if path.is_file() else None
    categories = {c.id for c in catalogue.categories} if catalogue else set()
    groups = set(catalogue.scope_groups) if catalogue else set()
    name = lambda doc: str(doc.path.relative_to(corpus_dir)) if doc.path.is_relative_to(corpus_dir) else str(doc.path)  # noqa: E731
    return check_scopes(documents, categories, groups, name)


@click.command("check")
@with_appcontext
def check_command():
    """Check every corpus file and report problems as file:line: message."""
    result = load_checked_corpus()
    click.echo(f"{len(result.documents)} documents, {len(result.warnings)} warning(s), no errors.")


@click.command("build")
@with_appcontext
@click.option("--force", is_flag=True, help="Rebuild from scratch even if nothing changed.")
def build_command(force):
    """Build the search index (skipped when the corpus and analyzer are unchanged)."""
    corpus = load_checked_corpus(cached=True)
    documents, index = corpus.documents, get_knowledge().index
    if not force and not index.is_stale(documents, corpus.lexicon):
        click.echo(f"Index is up to date ({len(documents)} documents); nothing to do.")
        return
    try:
        with click.progressbar(length=len(documents), label="Indexing", file=sys.stderr) as bar:
            result = index.build(
                documents, force=force, progress=lambda doc: bar.update(1), lexicon_groups=corpus.lexicon
            )
    except BuildLocked as e:
        click.echo(f"Not built: {e}", err=True)
        sys.exit(2)
    if result.status == "skipped":
        click.echo(f"Index is up to date ({result.documents} documents); nothing to do.")
    else:
        click.echo(
            f"{result.status} build: {result.changed} document(s) indexed, {result.removed} removed, "
            f"{result.documents} in all, in {result.seconds:.1f} s -> {result.path}"
        )


@click.command("serve")
@with_appcontext
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, envvar="PORT", help="Port (PORT overrides).")
@click.option("--threads", default=4, show_default=True, help="Worker threads.")
def serve_command(host, port, threads):
    """Serve the site with waitress, a production WSGI server (never Flask's debug server)."""
    import waitress

    app = current_app._get_current_object()
    app.debug = False  # FLASK_DEBUG=1 or `kb --debug serve` must never reach a served site
    knowledge = get_knowledge()
    try:
        knowledge.index.open()  # load the index and the segmenter before the first request
        knowledge.refresh()
    except IndexUnavailable as e:
        click.echo(f"warning: {e}; the site will say so until an index is built", err=True)
    click.echo(f"Serving on http://{host}:{port}/")
    waitress.serve(
        app,
        host=host,
        port=port,
        threads=threads,
        ident="kb",
        clear_untrusted_proxy_headers=True,
        max_request_body_size=_body_cap(app),
    )


def _body_cap(app) -> int:
    # waitress reads a whole request body (spooling it to disk, up to 1 GB by default) before the
    # app sees it. Twice the app's limit: a body a little too large still gets the app's JSON 413.
    limit = app.config.get("MAX_CONTENT_LENGTH")
    return 2 * limit if limit else 1 << 30


def _in_app_context(command: click.Command) -> click.Command:
    """The shell's `kb search` runs without the app; inside the Flask group it must search the
    app's own INDEX_DIR, so its callback runs in an app context there."""
    return click.Command(
        command.name,
        callback=with_appcontext(command.callback),
        params=command.params,
        help=command.help,
        short_help=command.short_help,
    )


def init_app(app):
    for command in (check_command, build_command, _in_app_context(search_command), serve_command):
        app.cli.add_command(command)
