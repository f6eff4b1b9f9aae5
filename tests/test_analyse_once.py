"""Each text is analysed once per build (the page's full text and headings reuse the tokens of its
title, sections and section headings), and the index holds exactly what analysing every field's
whole string gave: the same terms, positions, character offsets, field lengths and stored values."""

import pickle

from whoosh import index as whoosh_index

from indexer.corpus.corpus import load_corpus
from indexer.engine import schema as schema_module
from indexer.engine.analyzer import BilingualTokenizer, JoinedText
from indexer.engine.index import IndexManager
from indexer.engine.schema import build_schema, domain_words, records
from tests.conftest import ROOT


def token_list(analyzer, value, **kw):
    found = analyzer(value, positions=True, chars=True, mode="index", keeporiginal=True, **kw)
    return [(t.text, t.pos, t.startchar, t.endchar, t.original) for t in found]


def test_every_field_of_the_shipped_corpus_gets_the_tokens_of_its_whole_string():
    documents = load_corpus(ROOT / "corpus").documents
    words = domain_words(documents)
    schema = build_schema(words)
    analyzer = schema["fulltext"].analyzer  # one analyzer for all the text fields, as the writer has it
    fresh = BilingualTokenizer(words)
    fresh.text = analyzer.text  # the same segmenter and run cache; nothing of the parts remembered
    joined = reused = 0
    for doc in documents:
        for record in records(doc):  # in the writer's order: the page, then its sections
            for field in sorted(record):
                value = record[field]
                if field.startswith("_") or schema[field].analyzer is not analyzer:
                    continue
                joined += isinstance(value, JoinedText)
                reused += value in analyzer._parts and not isinstance(value, JoinedText)
                assert token_list(analyzer, value) == token_list(fresh, str(value)), (doc.key, field)
    assert joined == 2 * len(documents) and reused > len(documents)


def test_joined_text_shifts_positions_and_offsets_and_survives_pickling():
    analyzer = BilingualTokenizer(["绿色贸易壁垒"])
    value = JoinedText(["RoHS 2011/65/EU", "", "欧盟的绿色贸易壁垒", "the lead content"], "rohs:en")
    assert str(value) == "RoHS 2011/65/EU\n\n欧盟的绿色贸易壁垒\nthe lead content"
    plain = token_list(BilingualTokenizer(["绿色贸易壁垒"]), str(value), start_pos=3, start_char=7)
    assert token_list(analyzer, value, start_pos=3, start_char=7) == plain
    copy = pickle.loads(pickle.dumps(value, 2))
    assert (type(copy), copy, copy.parts, copy.document) == (JoinedText, value, value.parts, "rohs:en")
    # A part seen in the document's joined text gives the same tokens on its own; another document resets.
    assert token_list(analyzer, "欧盟的绿色贸易壁垒") == token_list(
        BilingualTokenizer(["绿色贸易壁垒"]), "欧盟的绿色贸易壁垒"
    )
    list(analyzer(JoinedText(["other"], "weee:en"), mode="index"))
    assert "欧盟的绿色贸易壁垒" not in analyzer._parts


def postings(path):
    """Everything the index holds, field by field: raw posting values, field lengths, stored fields."""
    ix = whoosh_index.open_dir(str(path))
    with ix.reader() as reader:
        terms = {}
        for field, text in reader.all_terms():
            matcher = reader.postings(field, text)
            terms[(field, text)] = list(matcher.all_items())
        docs = range(reader.doc_count_all())
        lengths = {(n, f): reader.doc_field_length(n, f) for n in docs for f in ix.schema.scorable_names()}
        stored = [reader.stored_fields(n) for n in docs]
    ix.close()
    return terms, lengths, stored


def test_an_index_built_analysing_once_equals_one_built_from_the_whole_strings(tmp_path, monkeypatch):
    documents = load_corpus(ROOT / "corpus").documents
    once = IndexManager(tmp_path / "once")
    once.build(documents)
    # The old way: the page's full text and headings as plain strings, each analysed as a whole.
    monkeypatch.setattr(schema_module, "JoinedText", lambda parts, document: "\n".join(parts))
    whole = IndexManager(tmp_path / "whole")
    whole.build(documents)
    terms, lengths, stored = postings(once.current.resolve())
    assert (terms, lengths, stored) == postings(whole.current.resolve())
    assert any(field == "fulltext" for field, _ in terms) and len(terms) > 10_000
