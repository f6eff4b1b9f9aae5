"""Fixtures over temporary data: a copy of the small test corpus, its own index, an app on top."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from indexer.corpus.corpus import load_corpus
from indexer.engine.index import IndexManager

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parent.parent
_OUTSIDE = ROOT.parent
_ALLOWED = tuple(os.path.abspath(p) + os.sep for p in (ROOT, tempfile.gettempdir(), sys.prefix, sys.base_prefix))
_FILE_EVENTS = {"open", "os.listdir", "os.scandir"}


def _stay_in_the_repository(event, args):
    # A clone with nothing beside it must pass: a test reading ../shared (or any sibling of the
    # repository) passes here and fails for the next person, so such a read fails at once.
    if event not in _FILE_EVENTS or not args or not isinstance(args[0], (str, os.PathLike)):
        return
    path = os.path.abspath(os.fspath(args[0]))
    beside = path == str(_OUTSIDE) or path.startswith(str(_OUTSIDE).rstrip(os.sep) + os.sep)
    if beside and not (path + os.sep).startswith(_ALLOWED):
        raise PermissionError(f"tests must not read outside the repository: {path}")


sys.addaudithook(_stay_in_the_repository)


@pytest.fixture
def corpus_dir(tmp_path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(DATA / "corpus", target)
    return target


@pytest.fixture
def index_dir(tmp_path) -> Path:
    return tmp_path / "index"


@pytest.fixture
def manager(corpus_dir, index_dir) -> IndexManager:
    manager = IndexManager(index_dir)
    manager.build(load_corpus(corpus_dir).documents)
    return manager


@pytest.fixture
def app(corpus_dir, index_dir, manager):
    from kb import create_app

    return create_app({"TESTING": True, "CORPUS_DIR": str(corpus_dir), "INDEX_DIR": str(index_dir)})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def write_doc(corpus: Path, doc_id: str, lang: str, header: str, body: str, folder: str = "extra") -> Path:
    """Write one corpus file; `header` is YAML lines without the --- fences."""
    path = corpus / folder / f"{doc_id}.{lang}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\nid: {doc_id}\nlang: {lang}\n{header.strip()}\n---\n{body}", encoding="utf-8")
    return path


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    # Under CI a skipped test is a failure: a green CI must mean the browser tests really ran.
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") == "true" and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped under CI, which counts as a failure: {report.longrepr}"
