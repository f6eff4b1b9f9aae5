"""Imported EU acts on the site: the list of an act's versions, /celex/<CELEX>/<YYYY-MM-DD>, and
what changed between two versions (/<lang>/celex/<CELEX>/changes?from=...&to=...)."""

from __future__ import annotations

import re

from flask import Blueprint, abort, g, redirect, render_template, request

from indexer.eurlex.changes import compare, parts_of
from indexer.vocabulary import lang_of_accept
from kb.act_versions import version_date, version_on, versions_of
from kb.i18n import LANGS, OTHER, STRINGS, label
from kb.knowledge import get_knowledge
from kb.urls import document_url

bp = Blueprint("eurlex", __name__)
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CELEX = re.compile(r"^[0-9E][0-9]{4}[A-Z]{1,2}[0-9]{4}$")

# Interface strings of these pages, kept beside them; merged into the site's table at start-up.
STRINGS.update(
    {
        "act_versions": {"zh": "本法规的各个版本", "en": "Versions of this act"},
        "act_versions_note": {"zh": "最新版本在前。", "en": "Newest first."},
        "this_version": {"zh": "（本页）", "en": "(this page)"},
        "newest_version": {"zh": "最新版本", "en": "newest version"},
        "version_corrigendum": {"zh": "勘误", "en": "Corrigendum"},
        "what_changed": {"zh": "版本之间的变化", "en": "What changed between versions"},
        "what_changed_link": {"zh": "比较此版本与上一版本", "en": "Compare with the previous version"},
        "changes_title": {"zh": "{act}：{old} 至 {new} 的变化", "en": "{act}: changes from {old} to {new}"},
        "changes_intro": {
            "zh": "逐条列出两个版本之间新增、删除和修改的条款与附件（逐词比较）。序言部分不作比较：合并文本不收录鉴于条款。",
            "en": "Articles and annexes added, removed and changed between the two versions, word by word. "
            "Recitals are not compared: consolidated texts do not reprint them.",
        },
        "changes_none": {
            "zh": "两个版本的条款与附件文字相同。",
            "en": "The articles and annexes of the two versions read the same.",
        },
        "changes_one_version": {
            "zh": "本法规只导入了一个版本，无从比较。",
            "en": "Only one version of this act is imported: there is nothing to compare.",
        },
        "changes_counts": {
            "zh": "新增 {added} 处，删除 {removed} 处，修改 {changed} 处。",
            "en": "{added} added, {removed} removed, {changed} changed.",
        },
        "change_added": {"zh": "新增", "en": "Added"},
        "change_removed": {"zh": "删除", "en": "Removed"},
        "change_changed": {"zh": "修改", "en": "Changed"},
        "changed_by": {"zh": "修订或更正依据", "en": "Amended or corrected by"},
        "compare_from": {"zh": "旧版本", "en": "Older version"},
        "compare_to": {"zh": "新版本", "en": "Newer version"},
        "compare": {"zh": "比较", "en": "Compare"},
        "words_added": {"zh": "新增文字", "en": "added words"},
        "words_removed": {"zh": "删除文字", "en": "removed words"},
    }
)


@bp.route("/celex/<celex>/<day>")
def celex_version(celex, day):
    """The version of an act of that date (or the one in force then, the newest before it)."""
    if not DAY.match(day) or not CELEX.match(celex.upper()):
        abort(404)
    lang = lang_of_accept(request.accept_languages.best_match(LANGS))
    found = version_on(versions_of(get_knowledge().all(type="act"), celex, lang), day)
    if found is None:
        abort(404)
    return redirect(document_url(found.lang, found.id))


@bp.route("/<lang>/celex/<celex>/changes")
def changes(lang, celex):
    if lang not in LANGS or not CELEX.match(celex.upper()):
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
    """For the document page of an imported act: every version of it, newest first."""
    if doc.type != "act" or not doc.meta.get("celex"):
        return []
    return versions_of(get_knowledge().all(type="act"), str(doc.meta["celex"]), g.lang)


def init_app(app):
    app.register_blueprint(bp)
    app.jinja_env.globals.update(
        act_versions=act_versions, version_label=version_label, version_date=version_date, OTHER_LANG=OTHER
    )
