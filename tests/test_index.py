"""The index's life: build, skip, incremental update, atomic swap, kill, lock."""

import os
import subprocess
import sys
import textwrap

import pytest

from indexer.corpus.corpus import load_corpus
from indexer.engine import index as index_module
from indexer.engine.index import BuildLocked, IndexManager, IndexUnavailable
from indexer.engine.search import search
from tests.conftest import ROOT


def ids(manager, q, lang="en"):
    return [h.doc_id for h in search(manager, q, lang=lang).hits]


def test_build_then_search(manager):
    assert ids(manager, "hazardous substances")[0] == "rohs"


def test_unchanged_corpus_skips_the_build(manager, corpus_dir):
    before = os.readlink(manager.current)
    result = manager.build(load_corpus(corpus_dir).documents)
    assert result.status == "skipped" and os.readlink(manager.current) == before


def test_one_changed_file_is_an_incremental_update(manager, corpus_dir):
    path = corpus_dir / "weee.en.md"
    path.write_text(path.read_text().replace("recycling of waste", "recycling of scrapped"))
    result = manager.build(load_corpus(corpus_dir).documents)
    assert (result.status, result.changed) == ("incremental", 1)
    assert ids(manager, "scrapped") == ["weee"] and ids(manager, '"waste equipment"') == []


def test_removed_file_leaves_the_index(manager, corpus_dir):
    for lang in ("en", "zh"):
        (corpus_dir / f"weee.{lang}.md").unlink()
    text = (corpus_dir / "rohs.en.md").read_text().replace("related: [weee]", "related: []")
    (corpus_dir / "rohs.en.md").write_text(text)
    (corpus_dir / "rohs.zh.md").write_text(
        (corpus_dir / "rohs.zh.md").read_text().replace("related: [weee]", "related: []")
    )
    result = manager.build(load_corpus(corpus_dir).documents)
    assert result.status != "skipped" and "weee" not in ids(manager, "collection")


def test_new_dictionary_word_forces_a_full_build(manager, corpus_dir):
    path = corpus_dir / "weee.zh.md"
    path.write_text(path.read_text().replace("aliases: [WEEE,", "aliases: [WEEE, 回收处理责任,"))
    assert manager.build(load_corpus(corpus_dir).documents).status == "full"


def test_a_build_that_fails_halfway_leaves_the_old_index_serving(manager, corpus_dir, monkeypatch):
    before = os.readlink(manager.current)
    real, calls = index_module.records, []

    def failing(doc):
        calls.append(doc)
        if len(calls) > 3:
            raise OSError("disk full")
        return real(doc)

    monkeypatch.setattr(index_module, "records", failing)
    with pytest.raises(OSError):
        manager.build(load_corpus(corpus_dir).documents, force=True)
    assert os.readlink(manager.current) == before
    assert ids(manager, "hazardous substances")[0] == "rohs"
    monkeypatch.setattr(index_module, "records", real)
    assert manager.build(load_corpus(corpus_dir).documents, force=True).status == "full"
    assert not list(manager.root.glob("tmp-*"))


def test_a_killed_build_leaves_the_old_index_serving(manager, corpus_dir):
    script = textwrap.dedent(f"""
        import os, signal
        from indexer.corpus.corpus import load_corpus
        from indexer.engine.index import IndexManager
        docs = load_corpus({str(corpus_dir)!r}).documents
        seen = []
        def progress(doc):
            seen.append(doc)
            if len(seen) == 5:  # half-way through writing: no cleanup, no finally blocks
                os.kill(os.getpid(), signal.SIGKILL)
        IndexManager({str(manager.root)!r}).build(docs, force=True, progress=progress)
    """)
    before = os.readlink(manager.current)
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT)
    assert proc.returncode == -9
    assert os.readlink(manager.current) == before
    assert list(manager.root.glob("tmp-*")), "the killed build left its partial directory"
    fresh = IndexManager(manager.root)
    assert ids(fresh, "hazardous substances")[0] == "rohs"
    assert fresh.build(load_corpus(corpus_dir).documents, force=True).status == "full"
    assert not list(manager.root.glob("tmp-*"))


def test_a_second_concurrent_build_refuses(manager, corpus_dir):
    import fcntl

    with open(manager.root / "build.lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(BuildLocked, match="another build is running"):
            manager.build(load_corpus(corpus_dir).documents, force=True)


def test_missing_index_is_a_clear_error(tmp_path):
    with pytest.raises(IndexUnavailable, match="kb build"):
        IndexManager(tmp_path / "none").open()


def test_damaged_index_is_a_clear_error_and_a_build_recovers(manager, corpus_dir):
    for f in manager.current.resolve().glob("*.toc"):
        f.write_bytes(b"garbage")
    fresh = IndexManager(manager.root)
    with pytest.raises(IndexUnavailable, match="kb build --force"):
        fresh.open()
    fresh.build(load_corpus(corpus_dir).documents, force=True)
    assert ids(fresh, "hazardous substances")[0] == "rohs"


def test_server_side_manager_notices_a_swapped_index(manager, corpus_dir):
    assert ids(manager, "scrapped") == []
    other = IndexManager(manager.root)  # another process's build
    path = corpus_dir / "weee.en.md"
    path.write_text(path.read_text().replace("recycling of waste", "recycling of scrapped"))
    other.build(load_corpus(corpus_dir).documents)
    assert ids(manager, "scrapped") == ["weee"]


def test_jieba_cache_and_dictionary_live_in_the_index(manager, corpus_dir, tmp_path):
    script = (
        f"from indexer.corpus.corpus import load_corpus; from indexer.engine.index import IndexManager; "
        f"IndexManager({str(tmp_path / 'fresh')!r}).build(load_corpus({str(corpus_dir)!r}).documents)"
    )
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=True)
    assert (tmp_path / "fresh" / "jieba.cache").exists()
    ix = manager.open()
    assert "绿色贸易壁垒" in ix.schema["body"].analyzer.words


def test_parallel_build_finds_what_a_single_process_build_finds(corpus_dir, tmp_path, monkeypatch):
    documents = load_corpus(corpus_dir).documents
    single = IndexManager(tmp_path / "single")
    single.build(documents)
    monkeypatch.setattr(index_module, "PARALLEL_FROM", 1)  # two writer processes even for ten pages
    parallel = IndexManager(tmp_path / "parallel")
    parallel.build(documents)
    for q in ("铅 镉 限量", "hazardous substances", "2011/65/EU", "绿色贸易壁垒"):
        assert ids(parallel, q) == ids(single, q)


def test_an_index_built_by_another_version_is_not_served(manager):
    import json

    path = manager.current.resolve() / "manifest.json"
    manifest = json.loads(path.read_text())
    path.write_text(json.dumps(dict(manifest, schema="0")))
    with pytest.raises(IndexUnavailable, match="another version"):
        IndexManager(manager.root).open()


@pytest.mark.parametrize(
    "module, name, change",
    [
        ("schema", "TYPE_PRIOR", lambda prior: dict(prior, summary=0.5)),
        ("schema", "STATUS_PRIOR", lambda prior: dict(prior, repealed=0.5)),
        ("analyzer", "ENGLISH_STOP_WORDS", lambda words: words | {"directive"}),
    ],
)
def test_a_changed_ranking_or_analysis_setting_rebuilds_the_index(
    manager, corpus_dir, monkeypatch, module, name, change
):
    # Without a version bump: the build notices the setting itself, and the old build is not served.
    from indexer.engine import analyzer, schema

    target = {"schema": schema, "analyzer": analyzer}[module]
    documents = load_corpus(corpus_dir).documents
    assert manager.build(documents).status == "skipped"
    monkeypatch.setattr(target, name, change(getattr(target, name)))
    with pytest.raises(IndexUnavailable, match="another version"):
        IndexManager(manager.root).open()
    assert manager.build(documents).status == "full"
    assert manager.build(documents).status == "skipped"


def test_an_index_from_before_the_engine_fingerprint_is_rebuilt(manager, corpus_dir):
    import json

    path = manager.current.resolve() / "manifest.json"
    manifest = json.loads(path.read_text())
    del manifest["engine"]
    manifest["corpus_key"] = "from an older release"
    path.write_text(json.dumps(manifest))
    with pytest.raises(IndexUnavailable, match="another version"):
        IndexManager(manager.root).open()
    assert manager.build(load_corpus(corpus_dir).documents).status == "full"


def file_contents(build):
    return {p.name: p.read_bytes() for p in build.iterdir() if p.is_file()}


def change_one_page(corpus_dir):
    path = corpus_dir / "weee.en.md"
    path.write_text(path.read_text().replace("recycling of waste", "recycling of scrapped"))
    return load_corpus(corpus_dir).documents


def test_an_incremental_build_shares_the_segment_files_and_changes_none_of_the_previous_build(manager, corpus_dir):
    old = manager.current.resolve()
    before = file_contents(old)
    assert manager.build(change_one_page(corpus_dir)).status == "incremental"
    new = manager.current.resolve()
    shared = [p.name for p in old.iterdir() if (new / p.name).exists() and os.path.samefile(p, new / p.name)]
    assert shared and all(index_module.SEGMENT_FILE.match(name) for name in shared)
    assert file_contents(old) == before  # the previous build, which readers may still be on, is untouched
    assert not os.path.samefile(old / "manifest.json", new / "manifest.json")


@pytest.mark.parametrize("failing_step", ["adding documents", "writing the new table of contents"])
def test_a_failed_incremental_build_leaves_the_old_index_intact_and_searchable(
    manager, corpus_dir, monkeypatch, failing_step
):
    from whoosh.writing import SegmentWriter

    old = manager.current.resolve()
    before = file_contents(old)
    documents = change_one_page(corpus_dir)

    def fail(*args, **kwargs):
        raise OSError("disk full")

    if failing_step == "adding documents":
        monkeypatch.setattr(index_module, "records", fail)
    else:  # the new segment is written into the build directory beside the linked ones
        monkeypatch.setattr(SegmentWriter, "_commit_toc", fail)
    with pytest.raises(OSError, match="disk full"):
        manager.build(documents)
    (partial,) = manager.root.glob("tmp-*")
    assert any(os.path.samefile(old / name, partial / name) for name in before if (partial / name).exists())
    assert manager.current.resolve() == old and file_contents(old) == before
    fresh = IndexManager(manager.root)
    assert ids(fresh, "hazardous substances")[0] == "rohs" and ids(fresh, "scrapped") == []
    monkeypatch.undo()
    assert manager.build(documents).status == "incremental"
    assert ids(manager, "scrapped") == ["weee"] and not list(manager.root.glob("tmp-*"))


def test_the_fingerprint_is_the_same_in_every_process():
    # A setting whose text varies by process (an object's address, a set's order) would make every
    # process see every other's index as built by another version.
    import subprocess
    import sys

    code = "from indexer.engine.fingerprint import engine_fingerprint; print(engine_fingerprint())"
    runs = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout for _ in "ab"
    }
    assert len(runs) == 1 and runs.pop().strip()
