"""Search over the test corpus: passages, identifiers, highlights, fallbacks."""

import pytest

from indexer.engine.search import search
from tests.conftest import write_doc


def first(manager, q, lang="en"):
    hits = search(manager, q, lang=lang).hits
    return hits[0] if hits else None


def test_chinese_query_lands_on_the_passage(manager):
    hit = first(manager, "铅 镉 限量", "zh")
    assert hit.doc_id == "rohs" and hit.passages[0].anchor == "restricted-substances"


def test_highlight_marks_exactly_the_matched_characters_in_chinese(manager):
    snippet = first(manager, "铅 镉 限量", "zh").passages[0].snippet
    assert "<mark>铅</mark>" in snippet and "<mark>限量</mark>" in snippet and "<mark>镉</mark>" in snippet


def test_highlight_marks_the_original_english_word(manager):
    snippet = first(manager, "lead cadmium").passages[0].snippet
    assert "<mark>Lead</mark>" in snippet and "<mark>cadmium</mark>" in snippet


def test_part_of_a_domain_word_finds_the_whole(manager):
    assert first(manager, "贸易壁垒", "zh").doc_id == "green-trade-barrier"


def test_inner_word_of_a_long_title_finds_it(manager):
    assert "china-rohs" in [h.doc_id for h in search(manager, "有害物质", lang="zh").hits]


def test_traditional_characters_find_simplified_text(manager):
    assert first(manager, "綠色貿易壁壘", "zh").doc_id == "green-trade-barrier"


@pytest.mark.parametrize(
    "q, expected",
    [
        ("2011/65/EU", "rohs"),
        ("Directive 2011/65/EU", "rohs"),
        ("2011/65", "rohs"),
        ("32011L0065", "rohs"),
        ("32012L0019", "weee"),
        ("GB/T 26572", "china-rohs"),
    ],
)
def test_identifiers_find_their_act_first(manager, q, expected):
    assert first(manager, q).doc_id == expected


def test_phrase_query(manager):
    assert "rohs" in [h.doc_id for h in search(manager, '"hazardous substances"').hits]
    assert search(manager, '"substances hazardous"').total == 0


def test_each_document_appears_once_in_the_readers_language(manager):
    results = search(manager, "RoHS", lang="zh")
    assert [h.doc_id for h in results.hits].count("rohs") == 1
    hit = next(h for h in results.hits if h.doc_id == "rohs")
    assert hit.lang == "zh" and hit.langs == ["en", "zh"]


def test_only_lang_restricts_to_pages_written_in_it(manager):
    hits = search(manager, "绿色贸易壁垒", lang="zh", only_lang="en").hits
    assert hits and all(h.lang == "en" for h in hits)


def test_filters_and_facet_counts(manager):
    results = search(manager, "RoHS", filters={"jurisdiction": "CN"})
    assert [h.doc_id for h in results.hits] == ["china-rohs"]
    assert results.facets["jurisdiction"]["EU"] >= 2


@pytest.mark.parametrize(
    "q",
    ['"unbalanced', "*", "title:", ":::", "(((", "lead AND", "x" * 2000, "foo:bar lead", "?", "AND OR NOT", "\x00\x01"],
)
def test_unreadable_queries_still_answer(manager, q):
    results = search(manager, q)
    assert results.total >= 0


def test_unbalanced_quote_falls_back_to_the_words(manager):
    results = search(manager, '"hazardous substances')
    assert results.fallback and results.hits[0].doc_id == "rohs"


def test_wildcard_expansion_is_bounded(manager):
    from indexer.engine.query import MAX_EXPANSION, parse_user_query

    with manager.searcher() as s:
        q = parse_user_query(s.schema, "c*", reader=s.reader()).query
        assert sum(1 for _ in q.leaves()) <= MAX_EXPANSION * 4


def test_script_in_a_document_is_escaped_in_snippets(corpus_dir, index_dir):
    from indexer.corpus.corpus import load_corpus
    from indexer.engine.index import IndexManager

    header = "type: term\ntitle: Evil\nsources:\n  - {title: t, url: 'https://example.org'}"
    write_doc(corpus_dir, "evil", "en", header, "Payload if 1 <img src=x onerror=alert(1) & 2 then lead.")
    write_doc(corpus_dir, "evil", "zh", header, "正文。")
    m = IndexManager(index_dir)
    m.build(load_corpus(corpus_dir).documents)
    snippet = next(h for h in search(m, "payload").hits if h.doc_id == "evil").passages[0].snippet
    assert "<mark>Payload</mark>" in snippet and "&lt;img" in snippet and "&amp;" in snippet
    assert snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_a_misspelt_query_that_finds_nothing_shows_the_respelling(manager):
    results = search(manager, "recylcing")
    assert results.corrected == "recycling" and results.query == "recylcing"
    assert results.hits[0].doc_id == "weee"


def test_respelling_is_shown_on_the_page(client):
    page = client.get("/en/search?q=recylcing").get_data(as_text=True)
    assert "showing results for “recycling”" in page and 'href="/en/weee' in page


def test_a_search_leaves_the_remembered_answer_of_another_as_it_was(manager):
    # The build's view remembers answers without copying them: a respelt search must not write
    # its query, correction or time onto the answer it found for the respelling.
    corrected = search(manager, "recylcing")
    assert (corrected.query, corrected.corrected) == ("recylcing", "recycling")
    plain = search(manager, "recycling")
    assert (plain.query, plain.corrected, plain.suggestion) == ("recycling", "", "")
    assert plain.hits[0].doc_id == corrected.hits[0].doc_id == "weee"
    assert search(manager, "recylcing").corrected == "recycling"
