"""The product finder: from a product name or an HS code to the EU rules that apply, and why.

/<lang>/products                       the form, browsing by group, choices when a query is ambiguous,
                                       the questions when nothing listed matches
/<lang>/products/<category>?power=..   the answer, refined by any answers to the questions
                                       (add /checklist, or ?view=checklist, for the printable list)
/<lang>/products/questions?power=..    the answer for a product the catalogue does not list
/api/products?category=|hs=|q=&lang=&<question>=<answer>
                                       the same answers as JSON; ambiguous, unknown and chapter codes
                                       answer 200 with what to choose or to answer
"""

from __future__ import annotations

from flask import Blueprint, abort, g, jsonify, redirect, render_template, request, url_for

from indexer.products import QUESTION_VALUES, differences, find, hs_digits, invalid_answers, normalise_answers
from kb.i18n import LANGS
from kb.pages import set_lang
from kb.product_answers import answer, choice, get_catalogue, questions

bp = Blueprint("products", __name__)
bp.url_value_preprocessor(set_lang)
MAX_QUERY = 200


def _query() -> str:
    return (request.args.get("q") or request.args.get("hs") or "").strip()[:MAX_QUERY]


def _answers() -> tuple[dict, list[str]]:
    """The reader's answers from the query string, and the ones that are not answers (ignored on pages)."""
    given = {q: request.args[q] for q in QUESTION_VALUES if request.args.get(q)}
    bad = invalid_answers(given)
    return {q: v for q, v in given.items() if f"{q}={v}" not in bad}, bad


def _differences(catalogue, categories, lang) -> list[dict]:
    """What tells the candidates apart: each question whose answer differs, with each one's answer."""
    by_id = {q.id: q for q in catalogue.rules.questions}
    rows = []
    for qid in differences(categories):
        q = by_id.get(qid)
        if q:
            rows.append(
                {"question": q.text[lang], "answers": {c.id: q.labels[c.answers()[qid]][lang] for c in categories}}
            )
    return rows


@bp.route("/<lang>/products")
def finder(lang):
    catalogue = get_catalogue()
    picked = request.args.get("category", "")
    if picked in catalogue.by_id:
        return redirect(url_for("products.category", lang=lang, category_id=picked))
    query = _query()
    finding = find(catalogue, query) if query else None
    given, bad = _answers()
    if finding and finding.kind == "category":
        return redirect(url_for("products.category", lang=lang, category_id=finding.categories[0].id, **given))
    groups = [
        (title[lang], [choice(c, lang) for c in catalogue.categories if c.group == gid])
        for gid, title in catalogue.groups.items()
    ]
    start = (
        dict(catalogue.rules.chapters.get(finding.chapter, {}).get("answers", {}))
        if finding and finding.chapter
        else {}
    )
    form = questions(catalogue, lang, normalise_answers({**start, **given}))
    chapter = catalogue.rules.chapters.get(finding.chapter) if finding and finding.chapter else None
    return render_template(
        "products.html",
        query=query,
        finding=finding,
        groups=groups,
        choices=[dict(choice(c, lang), tells=c.tells[lang] if c.tells else None) for c in finding.categories]
        if finding
        else [],
        differences=_differences(catalogue, finding.categories, lang)
        if finding and finding.kind == "ambiguous"
        else [],
        nearest=_nearest_choices(finding, lang) if finding else [],
        questions=form,
        chapter=chapter["title"][lang] if chapter else None,
    )


@bp.route("/<lang>/products/questions", endpoint="questions")
def questions_page(lang):
    return _unlisted("products_category.html", lang)


@bp.route("/<lang>/products/questions/checklist")
def questions_checklist(lang):
    return _unlisted("products_checklist.html", lang)


def _unlisted(template, lang):
    catalogue = get_catalogue()
    given, bad = _answers()
    result = answer(catalogue, None, lang, given)
    return render_template(
        template, answer=result, questions=questions(catalogue, lang, result["answers"]), ignored=bad, query=_query()
    )


@bp.route("/<lang>/products/<category_id>")
def category(lang, category_id):
    checklist_view = request.args.get("view") == "checklist"
    return _answer_page("products_checklist.html" if checklist_view else "products_category.html", lang, category_id)


@bp.route("/<lang>/products/<category_id>/checklist")
def checklist(lang, category_id):
    return _answer_page("products_checklist.html", lang, category_id)


def _answer_page(template, lang, category_id):
    catalogue = get_catalogue()
    found = catalogue.by_id.get(category_id) or abort(404)
    given, bad = _answers()
    result = answer(catalogue, found, lang, given)
    return render_template(
        template, answer=result, questions=questions(catalogue, lang, result["answers"]), ignored=bad, query=""
    )


@bp.route("/api/products")
def api():
    lang = request.args.get("lang", "en")
    if lang not in LANGS:
        abort(400, description="lang must be zh or en")
    g.lang = lang
    catalogue = get_catalogue()
    category_id, hs, q = (request.args.get(k, "").strip() for k in ("category", "hs", "q"))
    given, bad = _answers()
    if bad:
        abort(
            400,
            description=f"not an answer: {', '.join(bad)}; answers are "
            + "; ".join(f"{k}={'|'.join(v)}" for k, v in QUESTION_VALUES.items()),
        )
    if category_id:
        found = catalogue.by_id.get(category_id)
        if found is None:
            abort(
                404,
                description=f"no category '{category_id}'; see /api/products?q=... or the list at "
                f"{url_for('products.finder', lang=lang)}",
            )
        return jsonify(result="category", category=answer(catalogue, found, lang, given))
    if hs and not hs_digits(hs):
        abort(400, description="hs must be an HS code of 2, 4, 6, 8 or 10 digits (85, 8418, 8418.10, 841810, 84181020)")
    if not (hs or q):
        if given:
            return jsonify(result="answers", answers=answer(catalogue, None, lang, given))
        abort(
            400,
            description="give category=, hs= or q=, or answers to the questions (" + ", ".join(QUESTION_VALUES) + ")",
        )
    finding = find(catalogue, (hs or q)[:MAX_QUERY])
    reply = {"query": hs or q, "hs": finding.hs}
    if finding.kind == "category":
        return jsonify(
            {**reply, "result": "category", "category": answer(catalogue, finding.categories[0], lang, given)}
        )
    if finding.kind == "ambiguous":
        return jsonify(
            {
                **reply,
                "result": "ambiguous",
                "ambiguous": [
                    dict(choice(c, lang), tells=c.tells[lang] if c.tells else None) for c in finding.categories
                ],
                "differences": _differences(catalogue, finding.categories, lang),
            }
        )
    start = dict(catalogue.rules.chapters.get(finding.chapter, {}).get("answers", {})) if finding.chapter else {}
    reply.update(
        result="unknown",
        unknown=True,
        generic=finding.generic,
        nearest=_nearest(finding, lang),
        questions=questions(catalogue, lang, normalise_answers({**start, **given})),
    )
    if finding.kind == "chapter":
        reply["chapter"] = [choice(c, lang) for c in finding.categories]
    if given:
        reply["answers"] = answer(catalogue, None, lang, {**start, **given})
    return jsonify(reply)


def _nearest(finding, lang) -> list[dict]:
    return [{"hs": code, "categories": [choice(c, lang) for c in categories]} for code, categories in finding.nearest]


def _nearest_choices(finding, lang) -> list[dict]:
    """The categories holding the nearest codes, each once (a category often holds several)."""
    categories = dict.fromkeys(c for _, cats in finding.nearest for c in cats)
    return [choice(c, lang) for c in categories]
