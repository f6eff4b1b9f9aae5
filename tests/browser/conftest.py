"""Live servers and a headless Chromium for the browser tests.

The site runs under waitress in a daemon thread, over an index built in a temporary folder, and
Debian's chromium (not Playwright's own download) drives it. A missing chromium is a skip, which
tests/conftest.py turns into a failure under CI.
"""

from __future__ import annotations

import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from indexer.corpus.corpus import load_corpus
from indexer.engine.index import IndexManager

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
REAL_CORPUS = Path(__file__).resolve().parents[2] / "corpus"
TEST_CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


@dataclass
class LiveServer:
    url: str
    corpus_dir: Path
    server: object = field(repr=False)
    thread: threading.Thread = field(repr=False)

    def close(self):
        self.server.close()
        self.server.task_dispatcher.shutdown()
        self.thread.join(timeout=5)


def start_server(corpus_dir: Path, index_dir: Path, strict: bool = True) -> LiveServer:
    """Index `corpus_dir` and serve the site; `strict` refuses a corpus with errors, as `kb build` does."""
    import waitress

    from kb import create_app

    loaded = load_corpus(corpus_dir)
    assert not (strict and loaded.errors), "\n".join(map(str, loaded.errors))
    IndexManager(index_dir).build(loaded.documents)
    app = create_app({"CORPUS_DIR": str(corpus_dir), "INDEX_DIR": str(index_dir)})
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, name="live-server", daemon=True)
    thread.start()
    return LiveServer(f"http://127.0.0.1:{server.effective_port}", corpus_dir, server, thread)


@pytest.fixture(scope="session")
def serve(tmp_path_factory):
    """serve(source_corpus, prepare=None, strict=True): copy the corpus, let `prepare(copy)` add
    files, index it and serve it; every server stops at the end of the session."""
    servers = []

    def start(source: Path, prepare=None, strict: bool = True) -> LiveServer:
        root = tmp_path_factory.mktemp("site")
        corpus = root / "corpus"
        shutil.copytree(source, corpus)
        if prepare:
            prepare(corpus)
        servers.append(start_server(corpus, root / "index", strict))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


@pytest.fixture(scope="session")
def real_site(serve):
    """The site over a copy of the real corpus (built once: indexing it takes several seconds)."""
    return serve(REAL_CORPUS)


@pytest.fixture(scope="session")
def data_corpus() -> Path:
    """The small corpus of tests/data, for tests that need controlled content."""
    return TEST_CORPUS


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class PageLog:
    """What a page did that a reader would notice or that shows a bug: dialogs and script errors."""

    dialogs: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"dialog {d}" for d in self.dialogs]
            + [f"console {c}" for c in self.console_errors]
            + [f"pageerror {e}" for e in self.page_errors]
        )


def _record(page, log: PageLog):
    def on_dialog(dialog):
        log.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def on_console(message):
        if message.type == "error":
            log.console_errors.append(message.text)

    page.on("dialog", on_dialog)
    page.on("console", on_console)
    page.on("pageerror", lambda error: log.page_errors.append(str(error)))


@pytest.fixture(scope="session")
def open_page(browser):
    """open_page(log=None, **context_options) -> (page, log): a page in a fresh context (no cookies or
    storage from other tests) whose dialogs and script errors go to `log`; close its page.context."""

    def open_(log: PageLog | None = None, **context_options):
        context = browser.new_context(**context_options)
        context.set_default_timeout(10_000)
        page = context.new_page()
        log = PageLog() if log is None else log
        _record(page, log)
        return page, log

    return open_


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


@pytest.fixture
def new_page(open_page, page_log):
    """new_page(**context_options): a page in a fresh context, recording into page_log."""
    pages = []

    def open_(**context_options):
        pages.append(open_page(page_log, **context_options)[0])
        return pages[-1]

    yield open_
    for page in pages:
        page.context.close()


@pytest.fixture
def browser_page(new_page):
    return new_page()
