"""Imported EU acts on the site: the list of an act's versions, /celex/<CELEX>/<YYYY-MM-DD>, and
what changed between two versions (/<lang>/celex/<CELEX>/changes?from=...&to=...)."""

from __future__ import annotations

import re

from flask import Blueprint, abort, g, redirect, render_template, request

from indexer.eurlex.changes import compare, parts_of
from indexer.vocabulary import lang_of_accept
from kb.act_versions import CELEX_NUMBER, is_day, version_date, version_on, versions_of
from kb.i18n import LANGS, OTHER, label
from kb.knowledge import get_knowledge
from kb.pages import not_here
from kb.urls import document_url

bp = Blueprint("eurlex", __name__)


@bp.route("/celex/<celex>/<day>")
def celex_version(celex, day):
    """The version of an act of that date (or the one in force then, the newest before it)."""
    if not is_day(day) or not CELEX_NUMBER.match(celex.upper()):
        abort(404)
    lang = lang_of_accept(request.accept_languages.best_match(LANGS))
    versions = versions_of(get_knowledge().all(type="act"), celex, lang)
    if not versions and get_knowledge().page_for_celex(celex.upper()) is None:
        not_here(celex)
    found = version_on(versions, day)
    if found is None:
        abort(404)
    return redirect(document_url(found.lang, found.id))


@bp.route("/<lang>/celex/<celex>/changes")
def changes(lang, celex):
    if lang not in LANGS or not CELEX_NUMBER.match(celex.upper()):
        abort(404)
    g.lang = lang
    versions = versions_of(get_knowledge().all(type="act"), celex, lang)
    if not versions:
        abort(404)
    new, old = _chosen(versions)
    found = compare(parts_of(old.sections), parts_of(new.sections)) if old is not None else []
    counts = {kind: sum(c.kind == kind for c in found) for kind in ("added", "removed", "changed")}
    return render_template(
        "act_changes.html",
        celex=celex.upper(),
        versions=versions,
        new=new,
        old=old,
        changes=found,
        counts=counts,
        name=_act_name(new),
        version_label=version_label,
    )


def _chosen(versions):
    """(newer, older) from ?to= and ?from= (dates); by default the newest and the one before."""
    by_day = {version_date(v): v for v in reversed(versions)}
    new = by_day.get(request.args.get("to", ""), versions[0])
    older = [v for v in versions if version_date(v) < version_date(new)]
    if not older:  # nothing older than the chosen one: the usual pair
        new, older = versions[0], versions[1:]
    old = by_day.get(request.args.get("from", ""))
    if old is None or version_date(old) >= version_date(new):
        old = older[0] if older else None
    return new, old


def _act_name(doc) -> str:
    aliases = doc.aliases
    return next((a for a in aliases if re.match(r"^(Regulation|Directive|Decision)\b", a)), doc.title)


def version_label(doc) -> str:
    """'Consolidated 2016-05-04' in the page's language."""
    version = doc.meta.get("version", "adopted")
    return f"{label('version', version)} {version_date(doc)}".strip()


def act_versions(doc) -> list:
    """For the page of an imported act, or our regulation page on one: every imported version of
    the act, newest first."""
    if doc.type not in ("act", "regulation") or not doc.meta.get("celex"):
        return []
    return versions_of(get_knowledge().all(type="act"), str(doc.meta["celex"]), g.lang)


def init_app(app):
    app.register_blueprint(bp)
    app.jinja_env.globals.update(
        act_versions=act_versions, version_label=version_label, version_date=version_date, OTHER_LANG=OTHER
    )
