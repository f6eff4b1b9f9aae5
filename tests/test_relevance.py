"""Relevance over the shipped corpus: the keyword set (tests/relevance/queries.yaml) and the question
set (tests/relevance/questions*.yaml) must keep their MRR and recall@3; the questions issue #13 found
answered wrongly must stay answered."""

import importlib.util

import pytest

from indexer.corpus.corpus import load_corpus
from indexer.engine.index import IndexManager
from indexer.engine.questions import default_words
from indexer.engine.search import search
from tests.conftest import ROOT

# Recorded in bench/README.md; raise them when ranking improves, never lower them to make a test pass.
MRR_FLOOR = 0.97
RECALL_AT_3_FLOOR = 0.99
QUESTION_MRR_FLOOR = 0.85
QUESTION_RECALL_AT_3_FLOOR = 0.95


def _relevance_module():
    spec = importlib.util.spec_from_file_location("relevance", ROOT / "bench" / "relevance.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    corpus = load_corpus(ROOT / "corpus")
    manager = IndexManager(tmp_path_factory.mktemp("shipped-index"))
    manager.build(corpus.documents, lexicon_groups=corpus.lexicon)
    return manager


def test_query_set_is_large_and_varied():
    cases = _relevance_module().load_queries()
    kinds = {c["kind"] for c in cases}
    assert len(cases) >= 80 and {"zh", "en", "mixed", "traditional", "identifier", "cross-language", "typo"} <= kinds


def test_mrr_and_recall_stay_above_the_recorded_figures(shipped):
    relevance = _relevance_module()
    figures = relevance.evaluate(shipped, relevance.load_queries())["overall"]
    assert figures["mrr"] >= MRR_FLOOR and figures["recall@3"] >= RECALL_AT_3_FLOOR, figures


def test_question_set_is_large_and_bilingual():
    cases = _relevance_module().load_questions()
    kinds = [c["kind"] for c in cases]
    assert len(cases) >= 150 and kinds.count("question-zh") >= 75 and kinds.count("question-en") >= 75


def test_question_set_stays_above_its_recorded_figures(shipped):
    relevance = _relevance_module()
    ids = {d.meta["id"] for d in load_corpus(ROOT / "corpus").documents}
    figures = relevance.evaluate(shipped, relevance.answerable(relevance.load_questions(), ids))["overall"]
    assert figures["mrr"] >= QUESTION_MRR_FLOOR and figures["recall@3"] >= QUESTION_RECALL_AT_3_FLOOR, figures


# The questions issue #13 found answered wrongly: (query, reader's language, page that must come first).
@pytest.mark.parametrize(
    "q, lang, first",
    [
        ("铅 限值", "zh", "rohs"),
        ("lead content limit", "en", "rohs"),
        ("RoHS exemptions", "en", "rohs"),
        ("Is my kettle covered by RoHS", "en", "rohs"),
        ("WEEE take-back obligations distributors", "en", "weee"),
        ("什么是均质材料", "zh", "homogeneous-material"),
        ("what is a notified body", "en", "notified-body"),
        ("电池护照 何时生效", "zh", "batteries"),
        ("What is RoHS?", "en", "rohs"),
    ],
)
def test_issue_questions_find_the_page_that_answers_first(shipped, q, lang, first):
    assert search(shipped, q, lang=lang).hits[0].doc_id == first


@pytest.mark.parametrize(
    "q, lang, expected",
    [
        ("铅的含量限值是多少", "zh", {"rohs", "rohs-summary", "china-rohs"}),
        ("铅 含量 限值", "zh", {"rohs", "rohs-summary", "china-rohs"}),
        ("无铅焊料", "zh", {"rohs", "rohs-compliance", "homogeneous-material"}),
        ("需要什么认证", "zh", {"ce-marking", "ce-conformity"}),
    ],
)
def test_issue_questions_find_the_page_that_answers_in_the_top_3(shipped, q, lang, expected):
    assert expected & {h.doc_id for h in search(shipped, q, lang=lang).hits[:3]}


def test_the_answering_section_is_the_first_passage(shipped):
    hit = search(shipped, "RoHS exemptions", lang="en").hits[0]
    assert (hit.doc_id, hit.passages[0].anchor) == ("rohs", "exemptions")
    hit = search(shipped, "电池护照 何时生效", lang="zh").hits[0]
    assert hit.passages[0].anchor == "battery-passport"


@pytest.mark.parametrize(
    "q",
    [
        "RoHS",
        "REACH",
        "CE marking",
        "ErP",
        "CBAM",
        "WEEE",
        "RoHS指令",
        "CE标志",
        "碳关税",
        "生态设计指令",
        "化学品注册",
    ],
)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_bare_act_name_opens_its_page_at_the_top_not_at_the_paper_notes(shipped, q, lang):
    hit = search(shipped, q, lang=lang).hits[0]
    assert hit.passages[0].anchor == ""


def test_no_query_of_either_set_opens_a_page_on_a_section_about_the_paper(shipped):
    """Unless it asks about the paper or the sources, no hit in the top 10 of any query in either set
    has a section about the paper or the sources as its first passage."""
    relevance, words = _relevance_module(), default_words()
    with shipped.view() as view:
        analyzer = view.searcher.schema["body"].analyzer
    wrong = []
    for case in relevance.load_queries() + relevance.load_questions():
        q = str(case["q"])
        if {t.text for t in analyzer(q, mode="query")} & words.about_sources(analyzer):
            continue
        lang = case.get("lang") or ("zh" if relevance.CJK.search(q) else "en")
        wrong += [
            (q, h.doc_id, h.passages[0].anchor)
            for h in search(shipped, q, lang=lang).hits
            if h.passages and h.passages[0].anchor in words.source_anchors
        ]
    assert wrong == []


@pytest.mark.parametrize(
    "q, lang",
    [
        ("WEEE take-back obligations distributors", "en"),
        ("無鉛焊料", "zh"),
        ("deadline", "en"),
        ("lead cadmium", "en"),
        ("WEEE 回收目标", "zh"),
    ],
)
def test_current_acts_rank_above_the_acts_they_replaced(shipped, q, lang):
    ids = [h.doc_id for h in search(shipped, q, lang=lang).hits]
    for old, current in (
        ("rohs-1", "rohs"),
        ("weee-1", "weee"),
        ("rohs-1-summary", "rohs"),
        ("weee-1-summary", "weee"),
    ):
        if old in ids:
            assert current in ids and ids.index(current) < ids.index(old), (old, ids)


@pytest.mark.parametrize(
    "q, lang, first",
    [
        ("第一部RoHS指令何时废止", "zh", {"rohs-1", "rohs-1-summary"}),
        ("RoHS 1", "en", {"rohs-1"}),
        ("2002/95/EC", "en", {"rohs-1"}),
        ("when was the first WEEE directive repealed", "en", {"weee-1", "weee-1-summary"}),
        ("2002年的RoHS指令", "zh", {"rohs-1", "rohs-1-summary"}),
    ],
)
def test_a_query_naming_an_old_act_still_finds_it_first(shipped, q, lang, first):
    assert search(shipped, q, lang=lang).hits[0].doc_id in first


@pytest.mark.parametrize(
    "q, lang, expected", [("铅", "en", "rohs"), ("green tariff", "zh", "green-tariff"), ("生态设计", "en", "erp")]
)
def test_cross_language_hit_is_shown_in_the_readers_language_with_a_passage_in_it(shipped, q, lang, expected):
    hits = search(shipped, q, lang=lang).hits
    hit = next(h for h in hits[:3] if h.doc_id in (expected, "espr", "eup", "rohs-1", "china-rohs"))
    assert hit.lang == lang and hit.passages and hit.passages[0].lang == lang
    assert "<mark>" in hit.passages[0].snippet


@pytest.mark.parametrize(
    "q, expected",
    [
        ("2011/65/EU", "rohs"),
        ("Directive 2011/65", "rohs"),
        ("指令 2011/65/EU", "rohs"),
        ("2011/65", "rohs"),
        ("32011L0065", "rohs"),
        ("RoHS 2", "rohs"),
        ("RoHS 3", "rohs"),
        ("(EU) 2015/863", "rohs"),
        ("765/2008", "ce-marking"),
        ("GB/T 26572", "china-rohs"),
        ("32012L0019", "weee"),
    ],
)
def test_identifiers_find_the_act_they_name_first(shipped, q, expected):
    assert search(shipped, q).hits[0].doc_id == expected
