"""`kb search` reads jieba's frequencies from the build's store: same tokens as the loaded dictionary."""

import re

from indexer.analysis.analysis import segmenter_for
from indexer.analysis.fold import fold
from indexer.analysis.stored_dictionary import store_path, stored_segmenter, write_store
from indexer.corpus.corpus import load_corpus
from indexer.engine.analyzer import BilingualTokenizer
from indexer.engine.schema import domain_words
from indexer.vocabulary import CJK
from tests.conftest import ROOT


def shipped_runs():
    runs = set()
    for path in sorted((ROOT / "corpus").rglob("*.md")):
        runs.update(re.findall(f"[{CJK}]+", fold(path.read_text(encoding="utf-8"))))
    return sorted(runs)


def test_stored_segmenter_gives_jiebas_tokens_on_the_whole_shipped_corpus(tmp_path):
    words = tuple(domain_words(load_corpus(ROOT / "corpus").documents))
    loaded = segmenter_for(words)
    path = store_path(tmp_path, "shipped")
    write_store(loaded, path)
    stored = stored_segmenter(path)
    assert stored is not None and stored.total == loaded.total
    with_loaded, with_stored = BilingualTokenizer(words), BilingualTokenizer(words)
    with_loaded.text._segmenter, with_stored.text._segmenter = loaded, stored
    runs = shipped_runs()
    assert len(runs) > 5000
    for run in runs:  # words, offsets and the dictionary words inside them (index mode)
        assert with_stored.text._segment_run(run, True) == with_loaded.text._segment_run(run, True), run
    text = "\n".join(runs[:300]) + " RoHS 2011/65/EU 电池护照"
    assert [(t.text, t.pos, t.startchar, t.endchar) for t in with_stored(text, positions=True, chars=True)] == [
        (t.text, t.pos, t.startchar, t.endchar) for t in with_loaded(text, positions=True, chars=True)
    ]


def test_a_damaged_or_missing_store_is_not_used(tmp_path):
    path = store_path(tmp_path, "damaged")
    assert stored_segmenter(path) is None
    path.write_bytes(b"SQLite format 3\0" + b"\0" * 50)
    assert stored_segmenter(path) is None
    path.write_bytes(b"not a database at all")
    assert stored_segmenter(path) is None


def test_a_build_writes_the_store_for_its_dictionary(manager):
    stores = list(manager.root.glob("jieba-*.sqlite"))
    assert [p.name for p in stores] == [f"jieba-{manager.manifest()['dictionary']}-jieba0.42.1.sqlite"]


def test_only_the_served_and_the_building_dictionaries_stay_loaded(tmp_path, monkeypatch):
    from indexer.analysis.analysis import Segmenters

    segmenters = Segmenters()
    segmenters.cache_dir = tmp_path
    first = segmenters.for_words(("绿色壁垒",))
    second = segmenters.for_words(("绿色壁垒", "生态设计"))
    assert segmenters.for_words(("绿色壁垒",)) is first  # the same dictionary is loaded once
    third = segmenters.for_words(("能效标识",))
    assert len(segmenters.held()) == 2 and second not in (first, third)
    assert segmenters.for_words(("绿色壁垒",)) is first  # used last, so the second was dropped
    assert segmenters.for_words(("绿色壁垒", "生态设计")) is not second
    assert list(segmenters.for_words(("能效标识",)).cut("能效标识")) == ["能效标识"]
