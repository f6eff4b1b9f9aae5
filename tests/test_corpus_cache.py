"""Files unchanged since the last load are not read again, and a cached load equals a fresh one."""

import os
import time

from indexer.corpus.corpus import load_corpus
from indexer.corpus.corpus_cache import cache_file
from tests.conftest import ROOT, write_doc

FIGURE = (
    "type: figure\ntitle: F\ndata: f.csv\nchart: bar\nx: year\nseries: [count]\n"
    "sources:\n  - {title: t, url: 'https://example.org'}"
)


def snapshot(result):
    docs = [
        (d.key, d.sha, d.meta, d.body, d.body_line, d.field_lines, d.links, d.anchors, str(d.path))
        for d in result.documents
    ]
    return docs, [str(p) for p in result.problems], result.lexicon


def test_cached_loads_equal_a_fresh_load_of_the_shipped_corpus(tmp_path):
    cache = cache_file(tmp_path)
    fresh = snapshot(load_corpus(ROOT / "corpus"))
    assert snapshot(load_corpus(ROOT / "corpus", cache_path=cache)) == fresh  # writes the cache
    assert cache.is_file()
    assert snapshot(load_corpus(ROOT / "corpus", cache_path=cache)) == fresh  # reads it


def test_an_edited_file_is_read_again(corpus_dir, tmp_path):
    cache = cache_file(tmp_path)
    before = {d.key: d.sha for d in load_corpus(corpus_dir, cache_path=cache).documents}
    path = corpus_dir / "rohs.en.md"
    path.write_text(path.read_text().replace("status:", "statuss:"))
    result = load_corpus(corpus_dir, cache_path=cache)
    assert any("rohs.en.md:9: unknown field 'statuss'" in str(p) for p in result.problems)
    path.write_text(path.read_text().replace("statuss:", "status:") + "\nA new paragraph.\n")
    result = load_corpus(corpus_dir, cache_path=cache)
    assert not result.errors
    after = {d.key: d.sha for d in result.documents}
    assert [k for k in before if before[k] != after[k]] == ["rohs:en"]


def test_a_rewrite_keeping_size_and_modification_time_is_noticed(corpus_dir, tmp_path):
    cache = cache_file(tmp_path)
    load_corpus(corpus_dir, cache_path=cache)
    path = corpus_dir / "weee.en.md"
    st, text = path.stat(), path.read_text()
    time.sleep(0.05)  # file times tick every few milliseconds: the edit comes later, as a person's would
    path.write_text(text.replace("WEEE", "EEEW", 1))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    doc = next(d for d in load_corpus(corpus_dir, cache_path=cache).documents if d.key == "weee:en")
    assert "EEEW" in doc.title + doc.body


def test_added_and_removed_files_and_a_changed_figure_csv(corpus_dir, tmp_path):
    cache = cache_file(tmp_path)
    write_doc(corpus_dir, "f", "en", FIGURE, "Lead.")
    write_doc(corpus_dir, "f", "zh", FIGURE, "正文。")
    csv = corpus_dir / "extra" / "f.csv"
    csv.write_text("year,count\n2020,3\n")
    first = {d.key: d.sha for d in load_corpus(corpus_dir, cache_path=cache).documents}
    assert "f:en" in first
    csv.write_text("year,count\n2020,4\n")
    (corpus_dir / "weee.zh.md").unlink()
    result = load_corpus(corpus_dir, cache_path=cache)
    second = {d.key: d.sha for d in result.documents}
    assert first["f:en"] != second["f:en"] and "weee:zh" not in second
    assert snapshot(result) == snapshot(load_corpus(corpus_dir))


def test_a_damaged_cache_is_only_a_slower_load(corpus_dir, tmp_path):
    cache = cache_file(tmp_path)
    cache.write_bytes(b"not a pickle")
    assert snapshot(load_corpus(corpus_dir, cache_path=cache)) == snapshot(load_corpus(corpus_dir))
    cache.write_bytes(cache.read_bytes()[:100])  # cut short
    assert snapshot(load_corpus(corpus_dir, cache_path=cache)) == snapshot(load_corpus(corpus_dir))


def test_kb_build_reindexes_only_the_edited_file(runner, corpus_dir):
    assert "up to date" in runner.invoke(args=["build"]).output  # fills the cache
    path = corpus_dir / "rohs.zh.md"
    path.write_text(path.read_text() + "\n新增一段关于铅限量的说明。\n")
    result = runner.invoke(args=["build"])
    assert result.exit_code == 0 and "incremental build: 1 document(s) indexed" in result.output
