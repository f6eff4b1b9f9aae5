"""`kb search` without the web app: a search from the shell needs the index, not Flask.

`kb.cli.main` runs this command directly (Flask, Jinja, the views and their libraries cost about
half a second to import); the Flask group registers the same command for `kb --help` and for
tests driving the app's CLI runner, where the app's INDEX_DIR applies.
"""

from __future__ import annotations

import html
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path

import click

from indexer.vocabulary import LANGS

ROOT = Path(__file__).resolve().parent.parent


def default_index_dir() -> str:
    """The same default as `create_app`: KB_INDEX_DIR, else instance/index in the checkout."""
    return os.environ.get("KB_INDEX_DIR", str(ROOT / "instance" / "index"))


def _index_from_context():
    """The app's index inside the Flask group; a manager over the default directory without it."""
    if "flask" in sys.modules:
        from flask import has_app_context

        if has_app_context():
            from kb.knowledge import get_knowledge

            return get_knowledge().index
    from indexer.engine.index import IndexManager

    return IndexManager(default_index_dir())


@click.command("search")
@click.argument("query")
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    default="zh",
    show_default=True,
    help="Reader's language: each document is shown in it where it exists.",
)
@click.option("--limit", type=int, default=10, show_default=True, help="How many documents to show.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
def search_command(query, lang, limit, as_json):
    """Search the index and print ranked hits with highlighted snippets."""
    from indexer.analysis.analysis import read_stored_dictionary
    from indexer.engine.index import IndexUnavailable
    from indexer.engine.search import search as run_search

    if "flask" not in sys.modules:  # a process for one search: a server keeps the whole dictionary
        read_stored_dictionary()

    try:
        results = run_search(_index_from_context(), query, lang=lang, pagesize=limit)
    except IndexUnavailable as e:
        click.echo(str(e), err=True)
        sys.exit(1)
    if as_json:
        click.echo(json.dumps(asdict(results), ensure_ascii=False, indent=1))
        return
    click.echo(f"{results.total} result(s) for {query!r} in {results.took_ms:.0f} ms")
    for n, hit in enumerate(results.hits, start=1):
        click.echo(f"{n}. {hit.title}  [/{hit.lang}/{hit.doc_id}]  {hit.type}  score {hit.score:.2f}")
        for p in hit.passages:
            anchor = f"#{p.anchor}" if p.anchor else ""
            click.echo(f"   {anchor or '(top)'}: {_terminal_marks(p.snippet)}")


def _terminal_marks(snippet: str) -> str:
    bold = click.style("\0", bold=True).split("\0")
    return html.unescape(snippet.replace("<mark>", bold[0]).replace("</mark>", bold[1]))
