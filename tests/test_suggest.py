"""Search-as-you-type suggestions and "did you mean" corrections (indexer.engine.suggest)."""

from indexer.corpus.corpus import load_corpus
from indexer.engine.suggest import did_you_mean, edit_distance, suggest
from tests.conftest import write_doc


def ids(suggestions):
    return [s["id"] for s in suggestions]


def test_latin_prefix_puts_the_page_it_begins_first(manager):
    assert ids(suggest(manager, "ro", "en"))[:2] == ["rohs", "china-rohs"]


def test_prefix_matches_later_words_too(manager):
    found = suggest(manager, "rohs", "en")
    assert "china-rohs" in ids(found)


def test_chinese_prefix_finds_chinese_titles(manager):
    found = suggest(manager, "绿色", "zh")
    assert set(ids(found)) == {"green-trade-barrier", "green-technical-standard"}
    assert {s["text"] for s in found} == {"绿色贸易壁垒", "绿色技术标准"}


def test_chinese_prefix_works_for_english_readers(manager):
    assert set(ids(suggest(manager, "绿色", "en"))) == {"green-trade-barrier", "green-technical-standard"}


def test_readers_language_comes_first(manager):
    zh = suggest(manager, "ro", "zh")
    assert [(s["id"], s["lang"]) for s in zh][:1] == [("rohs", "zh")] and {s["lang"] for s in zh} == {"zh"}
    assert (suggest(manager, "ro", "en")[0]["id"], suggest(manager, "ro", "en")[0]["lang"]) == ("rohs", "en")


def test_one_suggestion_per_page(manager):
    found = ids(suggest(manager, "rohs", "en"))
    assert len(found) == len(set(found))


def test_suggestion_shape(manager):
    first = suggest(manager, "weee", "en")[0]
    assert first == {
        "text": "WEEE",
        "id": "weee",
        "lang": "en",
        "type": "regulation",
        "title": "WEEE Directive (2012/19/EU)",
    }


def test_traditional_and_fullwidth_prefixes_fold(manager):
    assert ids(suggest(manager, "綠色貿易", "zh")) == ["green-trade-barrier"]
    assert ids(suggest(manager, "ＲｏＨＳ", "en"))[0] == "rohs"


def test_prefix_inside_a_word_does_not_match(manager):
    assert suggest(manager, "ohs", "en") == []


def test_empty_prefix_and_limit(manager):
    assert suggest(manager, "  ", "en") == []
    assert len(suggest(manager, "r", "en", limit=1)) == 1


def test_a_rebuilt_index_is_read_again(manager, corpus_dir):
    assert suggest(manager, "ecod", "en") == []
    write_doc(
        corpus_dir, "ecodesign", "en", "type: term\ntitle: Ecodesign", "Ecodesign means design for the environment.\n"
    )
    manager.build(load_corpus(corpus_dir).documents)
    assert ids(suggest(manager, "ecod", "en")) == ["ecodesign"]


def test_did_you_mean_corrects_a_misspelt_word(manager):
    assert did_you_mean(manager, "recylcing") == "recycling"


def test_did_you_mean_keeps_the_rest_of_the_query(manager):
    assert did_you_mean(manager, "type:regulation Colection AND rohs") == "type:regulation Collection AND rohs"


def test_did_you_mean_corrects_ecodesign(manager, corpus_dir):
    write_doc(
        corpus_dir, "ecodesign", "en", "type: term\ntitle: Ecodesign", "Ecodesign means design for the environment.\n"
    )
    manager.build(load_corpus(corpus_dir).documents)
    assert did_you_mean(manager, "ecodesgin") == "ecodesign"


def test_no_suggestion_for_known_words_identifiers_or_chinese(manager):
    for q in ("recycling", "recycled waste", "2011/65/EU", "32011L0065", "铅 镉", "绿色贸易壁", "GB/T 26572"):
        assert did_you_mean(manager, q) is None, q


def test_no_suggestion_when_nothing_is_close(manager):
    assert did_you_mean(manager, "zzzzqqqq") is None


def test_edit_distance_counts_a_swap_as_one_edit():
    assert edit_distance("recylcing", "recycling") == 1
    assert edit_distance("colection", "collection") == 1
    assert edit_distance("abc", "abc") == 0


def test_did_you_mean_counts_a_swap_in_a_short_word_as_one_edit(manager):
    assert did_you_mean(manager, "laed cadmium") == "lead cadmium"
