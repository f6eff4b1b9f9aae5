"""Key dates and change logs in corpus headers: what `kb check` accepts and rejects, with file:line."""

import datetime as dt

from indexer.corpus.corpus import load_corpus
from indexer.corpus.key_dates import changes, key_dates
from tests.conftest import write_doc
from tests.test_products import write_catalogue

REGULATION = """\
type: regulation
title: {title}
sources:
  - {{title: t, url: 'https://example.org'}}
key_dates:
  - date: {date}
    what: "{what}"
    scope: {scope}
    source:
      title: "Regulation (EU) 2099/1, Article 9(2)"
      url: "https://eur-lex.europa.eu/eli/reg/2099/1/oj"
    anchor: application
changes:
  - date: 2026-12-03
    what: "{change}"
  - date: 2026-11-20
    what: "{change}"
"""
BODY = {
    "en": "Lead.\n\n## When it applies {#application}\n\nFrom 11 December 2027.\n",
    "zh": "导语。\n\n## 适用时间 {#application}\n\n自2027年12月11日起。\n",
}
TEXT = {
    "en": dict(title="Test act", what="All obligations apply.", change="New page."),
    "zh": dict(title="测试法规", what="全部义务开始适用。", change="新页面。"),
}


def write_pair(corpus, date="2027-12-11", scope="all", zh=None, en=None):
    for lang, override in (("zh", zh), ("en", en)):
        fields = dict(TEXT[lang], date=date, scope=scope) | (override or {})
        write_doc(corpus, "act", lang, REGULATION.format(**fields), BODY[lang])


def problems(corpus):
    return [str(p) for p in load_corpus(corpus).problems]


def test_well_formed_key_dates_load_as_records(corpus_dir):
    write_pair(corpus_dir)
    result = load_corpus(corpus_dir)
    assert result.problems == []
    doc = next(d for d in result.documents if d.id == "act" and d.lang == "zh")
    [entry] = key_dates(doc)
    assert (entry.date, entry.what, entry.scope, entry.anchor, entry.confirmed) == (
        dt.date(2027, 12, 11),
        "全部义务开始适用。",
        ("all",),
        "application",
        True,
    )
    assert entry.source_title == "Regulation (EU) 2099/1, Article 9(2)"
    assert [c.date for c in changes(doc)] == [dt.date(2026, 12, 3), dt.date(2026, 11, 20)]


def test_a_date_that_does_not_exist_is_named_with_its_line(corpus_dir):
    write_pair(corpus_dir, date="2027-02-30")
    found = problems(corpus_dir)
    assert "extra/act.en.md:9: date '2027-02-30' is not a real date YYYY-MM-DD" in found
    assert "extra/act.zh.md:9: date '2027-02-30' is not a real date YYYY-MM-DD" in found


def test_a_malformed_date_is_named_with_its_line(corpus_dir):
    write_pair(corpus_dir, date="11.12.2027")
    assert "extra/act.en.md:9: date '11.12.2027' is not a real date YYYY-MM-DD" in problems(corpus_dir)


def test_a_key_date_without_a_source_is_an_error(corpus_dir):
    write_pair(corpus_dir)
    path = corpus_dir / "extra" / "act.en.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            '    source:\n      title: "Regulation (EU) 2099/1, Article 9(2)"\n'
            '      url: "https://eur-lex.europa.eu/eli/reg/2099/1/oj"\n',
            "",
        ),
        encoding="utf-8",
    )
    found = problems(corpus_dir)
    assert any(p.startswith("extra/act.en.md:9: key date without a source") for p in found)
    # and the twins no longer agree
    assert any(p.startswith("extra/act.zh.md:9: key date 1 differs from the en version in source") for p in found)


def test_what_in_the_wrong_language_is_an_error(corpus_dir):
    write_pair(corpus_dir, zh=dict(what="All obligations apply."))
    assert "extra/act.zh.md:10: `what` of a zh file must be Chinese: 'All obligations apply.'" in problems(corpus_dir)


def test_an_entry_without_what_is_an_error(corpus_dir):
    write_pair(corpus_dir)
    path = corpus_dir / "extra" / "act.en.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace('    what: "All obligations apply."\n', "", 1), encoding="utf-8"
    )
    assert "extra/act.en.md:9: entry without `what` (the text, in this file's language)" in problems(corpus_dir)


def test_twins_must_agree_on_the_date(corpus_dir):
    write_pair(corpus_dir, en=dict(date="2027-12-12"))
    assert "extra/act.zh.md:9: key date 1 differs from the en version in date (its line 9)" in problems(corpus_dir)


def test_twins_must_list_as_many_dates(corpus_dir):
    write_pair(corpus_dir)
    path = corpus_dir / "extra" / "act.en.md"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("key_dates:\n"), text.index("changes:\n")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    assert any(
        p.startswith("extra/act.zh.md:8: 1 key date(s) here but 0 in the en version") for p in problems(corpus_dir)
    )


def test_an_anchor_the_page_does_not_have_is_an_error(corpus_dir):
    write_pair(corpus_dir)
    for lang in ("zh", "en"):
        path = corpus_dir / "extra" / f"act.{lang}.md"
        path.write_text(
            path.read_text(encoding="utf-8").replace("anchor: application", "anchor: nowhere"), encoding="utf-8"
        )
    assert "extra/act.en.md:15: anchor 'nowhere': this page has no section '#nowhere'" in problems(corpus_dir)


def test_a_bad_scope_and_an_unknown_field_are_named(corpus_dir):
    write_pair(corpus_dir, scope="everything")
    path = corpus_dir / "extra" / "act.en.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("    anchor:", "    colour: red\n    anchor:"), encoding="utf-8"
    )
    found = problems(corpus_dir)
    assert any(p.startswith("extra/act.en.md:11: scope 'everything' must be `all`") for p in found)
    assert any(p.startswith("extra/act.en.md:15: unknown field 'colour' in a key date") for p in found)


def test_changes_must_be_newest_first(corpus_dir):
    write_pair(corpus_dir)
    path = corpus_dir / "extra" / "act.en.md"
    path.write_text(path.read_text(encoding="utf-8").replace("2026-11-20", "2026-12-24"), encoding="utf-8")
    assert "extra/act.en.md:19: changes must be newest first: 2026-12-24 comes after 2026-12-03" in problems(corpus_dir)


def test_key_dates_only_on_regulation_pages(corpus_dir):
    write_pair(corpus_dir)
    path = corpus_dir / "extra" / "act.en.md"
    path.write_text(path.read_text(encoding="utf-8").replace("type: regulation", "type: term"), encoding="utf-8")
    assert "extra/act.en.md:8: key_dates belong on regulation pages, not on a term page" in problems(corpus_dir)


def test_kb_check_names_an_unknown_category_or_group(corpus_dir, runner):
    write_catalogue(corpus_dir)
    write_pair(corpus_dir, scope="[widget, gadget, 'group:connected']")
    result = runner.invoke(args=["check"])
    assert result.exit_code == 1
    assert "extra/act.en.md:11: scope 'gadget' is not a known product category" in result.output
    assert "extra/act.zh.md:11: scope 'group:connected' is not a known scope group" in result.output
    assert "'widget'" not in result.output


def test_kb_check_accepts_a_group_the_catalogue_defines(corpus_dir, runner):
    path = write_catalogue(corpus_dir)
    path.write_text(
        "scope_groups:\n  connected: {zh: 联网产品, en: Connected products, categories: [widget]}\n"
        + path.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    write_pair(corpus_dir, scope="['group:connected']")
    result = runner.invoke(args=["check"])
    assert result.exit_code == 0, result.output


def test_a_products_dates_are_those_of_its_acts_whose_scope_covers_it():
    from indexer.corpus.key_dates import KeyDate, for_product

    def entry(doc_id, date, scope):
        return KeyDate(doc_id, "en", 0, dt.date.fromisoformat(date), "x", scope, "t", "https://e.org", None, True)

    everything = entry("rohs", "2027-06-30", ("all",))
    named = entry("batteries", "2027-02-18", ("laptop", "smartphone"))
    grouped = entry("red", "2025-08-01", ("group:connected",))
    other = entry("batteries", "2028-08-18", ("e-bike",))
    not_its_act = entry("cbam", "2026-01-01", ("all",))
    entries = [everything, named, grouped, other, not_its_act]
    groups = {"connected": ("laptop", "router")}
    assert for_product(entries, "laptop", ["rohs", "batteries", "red"], groups) == [grouped, named, everything]
    assert for_product(entries, "router", ["rohs", "red"], groups) == [grouped, everything]
    assert for_product(entries, "kettle", ["rohs", "batteries"], groups) == [everything]
