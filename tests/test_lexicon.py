"""The bilingual lexicon: loading with line numbers, and query widening across languages."""

from indexer.corpus.corpus import load_corpus
from indexer.corpus.lexicon import Expander, merge
from indexer.engine.search import search


def test_lexicon_problems_are_named_with_their_line(corpus_dir):
    (corpus_dir / "lexicon.yaml").write_text("- [铅, lead]\n- [alone]\n- [bad, 'x:y']\n", encoding="utf-8")
    problems = [str(p) for p in load_corpus(corpus_dir).problems]
    assert problems[0].startswith("lexicon.yaml:2: a lexicon group is a list of at least two names")
    assert problems[1].startswith("lexicon.yaml:3: lexicon names may not contain query syntax")


def test_expander_widens_a_name_and_leaves_quotes_and_fields_alone():
    expander = Expander(merge([["铅", "lead"]]))
    assert expander.expand("铅 含量") == '("铅" OR "lead"^0.6) 含量'
    assert expander.expand('"铅" type:regulation') == '"铅" type:regulation'


def test_latin_names_only_match_whole_words():
    expander = Expander(merge([["lead", "铅"]]))
    assert expander.expand("leadership") == "leadership"


def test_a_lexicon_group_makes_a_chinese_query_find_english_only_text(corpus_dir, index_dir):
    from indexer.engine.index import IndexManager
    from tests.conftest import write_doc

    header = "type: term\ntitle: Solder\nsources:\n  - {title: t, url: 'https://example.org'}"
    write_doc(corpus_dir, "solder", "en", header, "Tin solder used to contain lead.")
    write_doc(corpus_dir, "solder", "zh", header.replace("Solder", "焊料"), "焊料。")
    (corpus_dir / "lexicon.yaml").write_text("- [铅, lead]\n", encoding="utf-8")
    corpus = load_corpus(corpus_dir)
    manager = IndexManager(index_dir)
    manager.build(corpus.documents, lexicon_groups=corpus.lexicon)
    hit = next(h for h in search(manager, "焊料 铅", lang="en").hits if h.doc_id == "solder")
    assert "<mark>lead</mark>" in hit.passages[0].snippet


def test_changing_the_lexicon_rebuilds_the_index(manager, corpus_dir):
    (corpus_dir / "lexicon.yaml").write_text("- [铅, lead]\n", encoding="utf-8")
    corpus = load_corpus(corpus_dir)
    assert manager.build(corpus.documents, lexicon_groups=corpus.lexicon).status != "skipped"


def test_alternatives_that_add_nothing_are_left_out():
    expander = Expander(merge([["tbt", "tbt agreement", "tbt notifications", "technical barriers to trade"]]))
    assert expander.alternatives("tbt") == ["technical barriers to trade"]
    assert expander.alternatives("tbt agreement") == ["tbt", "technical barriers to trade"]
