"""`kb linkify` links a trainer's text to the knowledge base; `kb check-links` checks such links later."""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from indexer.vocabulary import LANGS
from kb.knowledge import get_knowledge
from kb.linkcheck import LinkChecker, files_to_check, find_links
from kb.linkify import DEFAULT_BASE_URL, detect_lang, format_of, linkify, read_text, valid_base_url
from kb.urls import document_link


def _base_url(ctx, param, value: str) -> str:
    if not valid_base_url(value):
        raise click.BadParameter(f"{value!r} is not an http:// or https:// address")
    return value.rstrip("/")


base_url_option = click.option(
    "--base-url",
    default=DEFAULT_BASE_URL,
    show_default=True,
    callback=_base_url,
    metavar="URL",
    help="Address of the knowledge base site that the links point to.",
)


@click.command("linkify")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@base_url_option
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=None,
    help="Language of the text, and of the pages linked [default: zh when the text has more "
    "Chinese characters than Latin letters, else en].",
)
@click.option("--dry-run", is_flag=True, help="Only list the links it would add (line, text, target); write nothing.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="OUT",
    help="Write the linked document to OUT (may be FILE itself) [default: standard output].",
)
@with_appcontext
def linkify_command(file, base_url, lang, dry_run, output):
    """Link the terms, barrier forms and regulations a text mentions to the knowledge base.

    FILE is Markdown (.md, .markdown), HTML (.html, .htm) or plain text (anything else), in
    Chinese or English, UTF-8 or GB18030. The first mention of each term per section (Markdown
    headings, HTML h1-h4; a plain text is one section) becomes a link, as on the site's own
    pages; code, headings, existing links and URLs are left alone, and everything not linked
    stays byte for byte as it was. A term the text already links counts as its first mention.
    """
    fmt = format_of(file)
    try:
        text, encoding = read_text(file)
    except ValueError as e:
        raise click.ClickException(str(e))
    lang = lang or detect_lang(text, fmt)
    linked, links = linkify(text, fmt, get_knowledge().linker(lang), partial(document_link, base_url, lang))
    if dry_run:
        for link in links:
            click.echo(f"{file}:{link.line}: {link.text} -> {link.url}")
        click.echo(f"{len(links)} link(s) would be added ({fmt}, {lang}); nothing was written.", err=True)
        return
    if output:
        output.write_bytes(linked.encode(encoding))
    else:
        click.echo(linked, nl=False)
    click.echo(f"{len(links)} link(s) added ({fmt}, {lang})" + (f" -> {output}" if output else "") + ".", err=True)


@click.command("check-links")
@click.argument("target", metavar="FILE|DIR", type=click.Path(exists=True, path_type=Path))
@base_url_option
@with_appcontext
def check_links_command(target, base_url):
    """Check the knowledge-base links in training materials: ok, redirected or broken.

    Reads Markdown, HTML, plain text, Word (.docx) and PowerPoint (.pptx) files (hyperlinks
    and URLs typed as text), a folder recursively. A link is a URL under --base-url or a site
    path (/zh/..., /en/..., /celex/...); every such link is resolved by the site itself, so a
    page it would answer 404 (an unknown product, say) is broken. For a renamed page or
    section it prints the link to use instead; for a broken one what is missing (page,
    language version or section). Links to other sites are listed as "not checked". Exits 1
    if any link is broken or a file cannot be read.
    """
    checker = LinkChecker(get_knowledge(), current_app._get_current_object(), base_url)
    counts = {"ok": 0, "redirected": 0, "broken": 0}
    not_checked = 0
    files, unreadable = files_to_check(target), 0
    for path in files:
        try:
            found = find_links(path, base_url)
        except ValueError as e:
            click.echo(f"{path}: cannot read: {e}", err=True)
            unreadable += 1
            continue
        for link in found:
            if not link.ours:
                not_checked += 1
                click.echo(f"{link.file}:{link.where}: not checked {link.url} (another site)")
                continue
            verdict = checker.check(link.url)
            counts[verdict.status] += 1
            detail = f" -> use {verdict.use}" if verdict.use else f": {verdict.reason}" if verdict.reason else ""
            click.echo(f"{link.file}:{link.where}: {verdict.status} {link.url}{detail}")
    click.echo(
        f"{sum(counts.values())} link(s) in {len(files)} file(s): "
        + ", ".join(f"{n} {status}" for status, n in counts.items())
        + (f"; {not_checked} link(s) to other sites not checked" if not_checked else "")
        + (f"; {unreadable} file(s) unreadable" if unreadable else "")
    )
    if counts["broken"] or unreadable:
        sys.exit(1)


def init_app(app):
    app.cli.add_command(linkify_command)
    app.cli.add_command(check_links_command)
