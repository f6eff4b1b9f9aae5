"""`kb import-eping FILE.xlsx|FILE.csv...`: WTO notifications from ePing exports into the corpus."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from indexer.eping import EpingImportError, import_exports
from kb.eurlex_cmd import corpus_option, default_corpus_dir

MAX_LISTED = 200  # row problems printed; the rest are counted


@click.command("import-eping")
@with_appcontext  # the default corpus is the app's CORPUS_DIR (KB_CORPUS_DIR), not the current folder
@click.argument(
    "files", metavar="FILE.xlsx|FILE.csv...", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path)
)
@corpus_option
def import_eping_command(files, corpus_dir):
    """Import WTO TBT/SPS notifications from ePing exports.

    FILE is ePing's "Export search results" workbook (.xlsx), or a CSV with the same columns.
    Each notification becomes corpus/notifications/<symbol>.{zh,en}.md; importing again updates
    what changed and never duplicates. If a file is not a readable ePing export, nothing is
    written. Rows that cannot be imported (no document symbol, say) are listed with their row
    numbers. Run `kb build` afterwards to index the notifications.
    """
    corpus_dir = corpus_dir or default_corpus_dir()
    try:
        report = import_exports(files, corpus_dir)
    except EpingImportError as err:
        for problem in getattr(err, "errors", [err]):
            click.echo(f"Error: {problem}", err=True)
        click.echo("Nothing was imported; the corpus is unchanged.", err=True)
        sys.exit(1)
    for stored in report.stored:
        if stored.action != "unchanged":
            rows = ", ".join(map(str, stored.rows))
            click.echo(
                f"{stored.action}: {stored.symbol} (row {rows}) -> {stored.paths[0].parent}/{stored.paths[0].stem.rsplit('.', 1)[0]}.{{zh,en}}.md"
            )
    for problem in report.problems[:MAX_LISTED]:
        click.echo(f"warning: {problem}", err=True)
    if len(report.problems) > MAX_LISTED:
        click.echo(f"warning: ... and {len(report.problems) - MAX_LISTED} more", err=True)
    new, updated, unchanged = (report.count(a) for a in ("new", "updated", "unchanged"))
    skipped = len({(p.source, p.row) for p in report.skipped_rows})
    click.echo(
        f"{new} new, {updated} updated, {unchanged} unchanged notification(s); "
        f"{skipped} row(s) not imported." + (" Run `kb build` to index them." if new or updated else "")
    )
    if not report.stored and skipped:
        sys.exit(1)  # nothing could be imported: say so to scripts as well


def init_app(app):
    app.cli.add_command(import_eping_command)
