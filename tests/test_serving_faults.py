"""Faults while the site serves: the index deleted or damaged under a running server, and two builds at once.

Each fault is applied after the app has already opened the index (so it holds a searcher over the
old files). Search then answers 503 in the page's language saying how to rebuild (JSON under
/api/), never 500 and never a dead process, and the site recovers by itself once a build completes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from indexer.corpus.corpus import load_corpus
from indexer.engine.index import IndexManager
from indexer.engine.search import search
from kb.i18n import STRINGS
from tests.conftest import ROOT

KB = Path(sys.executable).parent / "kb"  # the venv's `kb` command


def delete_index_root(index_dir):
    shutil.rmtree(index_dir)


def overwrite_segments(index_dir):
    """Garbage of the same length in every segment file of the build being served."""
    for f in (index_dir / "current").resolve().glob("*.seg"):
        f.write_bytes(os.urandom(f.stat().st_size))


def truncate_segments(index_dir):
    for f in (index_dir / "current").resolve().glob("*.seg"):
        f.write_bytes(b"garbage")


def point_current_at_a_missing_build(index_dir):
    link = index_dir / "current"
    link.unlink()
    link.symlink_to("build-that-does-not-exist")


def delete_the_builds_files(index_dir):
    for f in (index_dir / "current").resolve().iterdir():
        f.unlink()


# Not truncate_segments: should it regress, it kills the process that reads the segments (the
# test run itself), so it runs in a child process below.
FAULTS = [delete_index_root, overwrite_segments, point_current_at_a_missing_build, delete_the_builds_files]


@pytest.fixture
def serving(client):
    """The test client after a search: the index is open, as in a server that has been running."""
    assert client.get("/en/search?q=lead").status_code == 200
    return client


def rebuild(corpus_dir, index_dir):
    IndexManager(index_dir).build(load_corpus(corpus_dir).documents, force=True)


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_fault_under_a_running_server_is_a_503_page_in_its_language(serving, index_dir, fault, lang):
    fault(index_dir)
    for q in ("lead", "recycling"):  # and it stays so: a damaged build is not reopened
        response = serving.get(f"/{lang}/search?q={q}")
        page = response.get_data(as_text=True)
        assert response.status_code == 503
        assert STRINGS["index_missing_title"][lang] in page and "kb build" in page


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.__name__)
def test_a_fault_under_a_running_server_is_a_json_503_under_api(serving, index_dir, fault):
    fault(index_dir)
    for q in ("lead", "recycling"):
        response = serving.get(f"/api/search?q={q}&lang=en")
        assert response.status_code == 503 and response.is_json
        assert "kb build" in response.get_json()["message"]


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.__name__)
def test_the_site_recovers_by_itself_once_a_build_completes(serving, corpus_dir, index_dir, fault):
    fault(index_dir)
    assert serving.get("/api/search?q=lead&lang=en").status_code == 503
    rebuild(corpus_dir, index_dir)
    response = serving.get("/api/search?q=lead&lang=en")
    assert response.status_code == 200 and response.get_json()["results"][0]["id"] == "rohs"


def test_a_truncated_segment_does_not_kill_the_server_and_a_build_recovers(corpus_dir, index_dir, manager):
    """Reading a memory-mapped file that was cut short is SIGBUS: the server side runs in a child."""
    script = textwrap.dedent(f"""
        from pathlib import Path
        from kb import create_app
        from tests.test_serving_faults import rebuild, truncate_segments
        corpus, index = Path({str(corpus_dir)!r}), Path({str(index_dir)!r})
        client = create_app({{"CORPUS_DIR": str(corpus), "INDEX_DIR": str(index)}}).test_client()
        answers = [client.get("/api/search?q=lead&lang=en").status_code]
        truncate_segments(index)
        answers += [client.get("/api/search?q=" + q + "&lang=en").status_code for q in ("lead", "recycling")]
        rebuild(corpus, index)
        answers.append(client.get("/api/search?q=lead&lang=en").status_code)
        print(*answers)
    """)
    child = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert child.returncode == 0, child.stderr[-2000:]
    assert child.stdout.split() == ["200", "503", "503", "200"]


HOLD_THE_LOCK = """
import pathlib, sys, time
from indexer.corpus.corpus import load_corpus
from indexer.engine.index import IndexManager
corpus, index, marks = map(pathlib.Path, sys.argv[1:4])
def progress(doc):
    (marks / "locked").touch()  # inside the build lock now
    deadline = time.monotonic() + 120
    while not (marks / "go").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
IndexManager(index).build(load_corpus(corpus).documents, force=True, progress=progress)
"""


def test_two_builds_at_once_one_refuses_and_nothing_is_corrupted(corpus_dir, index_dir, manager, tmp_path):
    """The first build holds the lock until the second `kb build --force` has run to its end."""
    env = dict(os.environ, KB_CORPUS_DIR=str(corpus_dir), KB_INDEX_DIR=str(index_dir))
    first = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_LOCK, str(corpus_dir), str(index_dir), str(tmp_path)], cwd=ROOT
    )
    try:
        deadline = time.monotonic() + 120
        while not (tmp_path / "locked").exists():
            assert first.poll() is None and time.monotonic() < deadline, "the first build never took the lock"
            time.sleep(0.05)
        second = subprocess.run(
            [str(KB), "build", "--force"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
        )
    finally:
        (tmp_path / "go").touch()
        first.wait(timeout=120)
    assert (second.returncode, first.returncode) == (2, 0)
    assert "another build is running" in second.stderr
    assert not list(index_dir.glob("tmp-*")) and not list(index_dir.glob("current.tmp-*"))
    assert json.loads((index_dir / "current" / "manifest.json").read_text())["documents"]
    assert search(IndexManager(index_dir), "lead").hits[0].doc_id == "rohs"
