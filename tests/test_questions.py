"""Question words (indexer/question_words.yaml): which words only ask, and what they must never touch."""

import pytest

from indexer.engine.analyzer import make_analyzer
from indexer.engine.questions import WORDS_FILE, definition_subject, load_words, split_question
from indexer.engine.search import search

ANALYZER = make_analyzer(["均质材料", "公告机构", "电池护照", "绿色贸易壁垒"])


def test_the_shipped_word_lists_load_and_cover_both_languages():
    words = load_words()
    for lang in ("zh", "en"):
        assert {"question", "filler"} <= set(words.words[lang])
        assert words.definition[lang]
    assert {"需要", "什么", "何时", "是否", "哪些", "多少", "怎么办", "吗", "要"} <= set(
        w for ws in words.words["zh"].values() for w in ws
    )
    assert {"what", "when", "which", "how", "does", "is", "my"} <= set(
        w for ws in words.words["en"].values() for w in ws
    )
    assert "paper-notes" in words.source_anchors


def test_every_listed_word_is_one_token_so_it_can_be_blanked():
    words = load_words()
    listed = [w for c in words.words.values() for ws in c.values() for w in ws]
    split = [w for w in listed if len([t for t in ANALYZER(w, mode="query")]) > 1]
    assert split == [], f"{WORDS_FILE}: these words are cut into several tokens: {split}"


@pytest.mark.parametrize(
    "bad, message",
    [
        ("zh: {question: [什么]}\n", "'en' must be a mapping"),
        (
            "zh: {q: [1]}\nen: {q: [what]}\nearlier_acts: {en: [old]}\nsource_sections: {words: {en: [paper]}}\n",
            "'zh.q' must be a list of words",
        ),
        (
            "zh: {q: [什么]}\nen: {q: [what]}\nearlier_acts: {en: [old]}\nsource_sections: {words: {en: [paper]}}\n"
            "definition: {en: ['^what is (.+)$']}\n",
            "has no group",
        ),
        (
            "zh: {q: [什么]}\nen: {q: [what]}\nearlier_acts: {en: [old]}\nsource_sections: {words: {en: [paper]}}\n"
            "definition: {en: ['^what is (?P<x>.+$']}\n",
            "does not compile",
        ),
    ],
)
def test_a_broken_word_file_names_its_problem(tmp_path, bad, message):
    path = tmp_path / "words.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_words(path)


@pytest.mark.parametrize(
    "q, content, optional",
    [
        ("铅的含量限值是多少", "铅 含量限值", {"的", "是", "多少"}),
        ("需要什么认证", "认证", {"需要", "什么"}),
        ("电池护照 何时生效", "电池护照 生效", {"何时"}),
        ("what is a notified body?", "is a notified body", {"what"}),
        ("How much lead is allowed", "lead is allowed", {"how", "much"}),
    ],
)
def test_question_words_become_optional(q, content, optional):
    found = split_question(q, ANALYZER)
    assert found.content == content and set(found.optional) == optional


@pytest.mark.parametrize("q", ['"what is" RoHS', '"需要什么认证" RoHS', "title:what RoHS", "what* RoHS"])
def test_phrases_fields_and_wildcards_keep_their_words(q):
    found = split_question(q, ANALYZER)
    assert found.content == q and found.optional == []


def test_a_query_of_nothing_but_question_words_is_searched_as_typed():
    assert split_question("what", ANALYZER).content == "what"
    assert split_question("什么是", ANALYZER).content == "什么是"


def test_identifiers_are_never_question_words():
    found = split_question("是否 2011/65/EU 32011L0065 GB/T 26572", ANALYZER)
    assert found.content == "2011/65/EU 32011L0065 GB/T 26572" and found.optional == ["是否"]


@pytest.mark.parametrize(
    "q, subject",
    [
        ("什么是均质材料", "均质材料"),
        ("均质材料是什么", "均质材料"),
        ("绿色关税是什么意思", "绿色关税"),
        ("What is a notified body?", "notified body"),
        ("what are SVHCs", "svhcs"),
        ("define LCA", "lca"),
        ("什麼是均質材料", "均质材料"),
        ("RoHS exemptions", ""),
        ("what does the paper get wrong", ""),
    ],
)
def test_definition_questions_name_their_subject(q, subject):
    assert definition_subject(q) == subject


@pytest.mark.parametrize("q", ["维修权", "需要什么认证", "电池护照 何时生效", "What is RoHS?", "是否需要 CE 认证"])
def test_plain_questions_get_no_syntax_notice(manager, q):
    results = search(manager, q, lang="zh")
    assert not results.fallback


@pytest.mark.parametrize("q", ['"RoHS exemptions', "RoHS (lead", "type:", "foo:bar RoHS"])
def test_unreadable_syntax_still_gets_the_notice_and_a_page(manager, q):
    results = search(manager, q, lang="en")
    assert results.fallback


def test_the_any_word_retry_reads_a_chinese_run_of_several_words(manager):
    # No page has all three words: the retry (which once raised TypeError on such a run, swallowed
    # as "syntax not readable") ranks the pages with some of them.
    results = search(manager, "铅限值生效", lang="zh")
    assert results.any_word and results.total and not results.fallback
