"""The one object that owns the index's life: build, incremental update, swap, open, clean up.

Layout of the index root:
    current -> build-<stamp>/   symlink swapped atomically when a build completes
    build-<stamp>/              a complete whoosh index plus manifest.json
    tmp-<pid>/                  a build in progress (deleted by the next build if it was killed)
    build.lock                  held while a build runs; a second build refuses
    jieba.cache                 the segmenter's prefix-dictionary cache

Readers only ever follow `current`, so a failed or killed build leaves the previous index serving.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.multiproc import MpWriter
from whoosh.query import And, Term

from indexer.analysis.analysis import (
    ANALYZER_VERSION,
    dictionary_hash,
    save_dictionary_store,
    segmenter_for,
    set_jieba_cache_dir,
)
from indexer.corpus import lexicon
from indexer.corpus.lexicon import Expander
from indexer.engine.fingerprint import engine_fingerprint
from indexer.engine.schema import SCHEMA_VERSION, build_schema, domain_words, records
from indexer.engine.view import BuildView

PARALLEL_FROM = 400  # documents; below this, forking writer processes costs more than it saves
BATCH_CHARACTERS = 100_000  # of text per batch handed to a writer process (see DocumentBatches)
# A segment's files (<index>_<segment id>.seg, or .trm/.pst/.col... uncompounded). whoosh writes them
# once, when the segment is made, and never again: deletions live in the TOC (_MAIN_<n>.toc, a new
# file per generation), merges write new segments. The TOC, the write lock, manifest.json and
# lexicon.json (rewritten in place by a build) do not match.
SEGMENT_FILE = re.compile(r"^MAIN_[0-9a-z]+\.[a-z]+$")


class IndexUnavailable(RuntimeError):
    """No usable index: missing, damaged or never built."""


class BuildLocked(RuntimeError):
    """Another build holds the lock."""


@dataclass
class BuildResult:
    status: str  # "skipped", "full", "incremental"
    documents: int = 0
    changed: int = 0
    removed: int = 0
    seconds: float = 0.0
    path: Path | None = None


def corpus_key(documents, lexicon=()) -> str:
    h = hashlib.sha256(f"{ANALYZER_VERSION}/{SCHEMA_VERSION}/{engine_fingerprint()}".encode())
    h.update(json.dumps(list(lexicon), ensure_ascii=False).encode())
    for doc in sorted(documents, key=lambda d: d.key):
        h.update(f"{doc.key}={doc.sha};".encode())
    return h.hexdigest()


class IndexManager:
    def __init__(self, root):
        self.root = Path(root)
        self._lock = threading.RLock()
        self._view: BuildView | None = None
        self._view_files: dict = {}  # the files of its build as they were when it was opened
        self._damaged: str | None = None  # a build seen changing under us: never reopened
        set_jieba_cache_dir(self.root)

    # -- reading -----------------------------------------------------------------------------
    @property
    def current(self) -> Path:
        return self.root / "current"

    def build_name(self) -> str | None:
        """The name of the build readers are on now (None: never built); one system call, so a
        caller may ask on every request whether a new build has been swapped in."""
        try:
            return os.readlink(self.current)
        except OSError:
            return None

    def manifest(self) -> dict | None:
        try:
            return json.loads((self.current / "manifest.json").read_text())
        except (OSError, ValueError):
            return None

    def open(self):
        """The current index, reopened only when a build has swapped in a new one."""
        return self._current().index

    def _current(self) -> BuildView:
        with self._lock:
            try:
                target = os.readlink(self.current)
            except OSError:
                raise IndexUnavailable(f"no index in {self.root}: run `kb build`") from None
            path = self.root / target
            if self._view is not None and self._view.name == target:
                # A build never changes once swapped in, so a file that did was damaged. Checked on
                # every request: reading a mapped segment file that was cut short kills the process (SIGBUS).
                if build_files(path) == self._view_files:
                    return self._view
                self._view.close()
                self._view, self._damaged = None, target
            if target == self._damaged:
                raise IndexUnavailable(
                    f"the index in {path} was changed or damaged while in use: run `kb build --force`"
                )
            files = build_files(path)
            self._check_version(path)
            try:
                view = BuildView(path)
            except Exception as e:  # a damaged index can fail in many ways inside whoosh
                raise IndexUnavailable(f"the index in {path} cannot be opened ({e}): run `kb build --force`") from e
            if self._view is not None:
                self._view.close()
            self._view, self._view_files = view, files
            return view

    @staticmethod
    def _check_version(path: Path):
        """An index built by another version of the analyzer or schema would answer wrongly."""
        try:
            manifest = json.loads((path / "manifest.json").read_text())
        except (OSError, ValueError):
            manifest = {}
        if not same_engine(manifest):
            raise IndexUnavailable(
                f"the index in {path} was built by another version of the knowledge base: run `kb build`"
            )

    @contextmanager
    def view(self):
        """The current build, held for one search: one thread at a time, since whoosh's readers
        share file handles (and searching is pure Python under the GIL anyway)."""
        with self._lock:
            yield self._current()

    @contextmanager
    def searcher(self):
        with self.view() as view:
            yield view.searcher

    def expander(self) -> Expander:
        """The query widener saved with the current build."""
        return self._current().expander

    def is_stale(self, documents, lexicon=()) -> bool:
        m = self.manifest()
        return m is None or m.get("corpus_key") != corpus_key(documents, lexicon)

    # -- building ----------------------------------------------------------------------------
    def build(self, documents, force=False, progress=None, lexicon_groups=()) -> BuildResult:
        self.root.mkdir(parents=True, exist_ok=True)
        with self._build_lock():
            self._remove_abandoned()
            key, started = corpus_key(documents, lexicon_groups), time.monotonic()
            old = self.manifest()
            if not force and old and old.get("corpus_key") == key:
                return BuildResult("skipped", len(documents))
            words = domain_words(documents)
            hashes = {d.key: d.sha for d in documents}
            tmp = self.root / f"tmp-{os.getpid()}"
            incremental = (
                not force and old is not None and old.get("dictionary") == dictionary_hash(words) and same_engine(old)
            )
            if incremental:
                share_segments(self.current.resolve(), tmp)
                changed, removed = self._update(tmp, documents, old["documents"], progress)
            else:
                changed, removed = self._full(tmp, documents, words, progress), 0
            lexicon.save(lexicon.merge(list(lexicon_groups) + lexicon.document_groups(documents)), tmp)
            save_dictionary_store(tuple(sorted(set(words))))  # for `kb search`; once per dictionary
            manifest = dict(
                corpus_key=key,
                dictionary=dictionary_hash(words),
                analyzer=ANALYZER_VERSION,
                schema=SCHEMA_VERSION,
                engine=engine_fingerprint(),
                documents=hashes,
                built=time.time(),
            )
            (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1))
            final = self._swap_in(tmp)
            kind = "incremental" if incremental else "full"
            return BuildResult(kind, len(documents), changed, removed, time.monotonic() - started, final)

    def _full(self, path: Path, documents, words, progress) -> int:
        path.mkdir()
        segmenter_for(tuple(sorted(set(words))))  # load once here; forked writers inherit it
        ix = whoosh_index.create_in(str(path), build_schema(words))
        procs = 2 if len(documents) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1 else 1
        if procs > 1:
            writer = DocumentBatches(ix, procs=procs, multisegment=True, limitmb=256)
        else:
            writer = ix.writer(limitmb=256)
        self._add_all(writer, documents, progress)
        writer.commit()
        ix.close()
        return len(documents)

    def _update(self, path: Path, documents, old_hashes: dict, progress):
        ix = whoosh_index.open_dir(str(path))
        changed = [d for d in documents if old_hashes.get(d.key) != d.sha]
        current = {d.key for d in documents}
        gone = [k for k in old_hashes if k not in current]
        writer = ix.writer()
        for key in gone + [d.key for d in changed]:
            doc_id, lang = key.split(":", 1)
            writer.delete_by_query(_doc_query(doc_id, lang))
        self._add_all(writer, changed, progress)
        writer.commit(merge=False)
        ix.close()
        return len(changed), len(gone)

    @staticmethod
    def _add_all(writer, documents, progress):
        for doc in documents:
            with writer.group():  # a page and its sections in one batch: its texts are analysed once
                for record in records(doc):
                    writer.add_document(**record)
            if progress:
                progress(doc)

    def _swap_in(self, tmp: Path) -> Path:
        final = self.root / f"build-{time.strftime('%Y%m%d-%H%M%S')}-{time.time_ns() % 10**9:09d}"
        os.replace(tmp, final)
        link = self.root / f"current.tmp-{os.getpid()}"
        link.unlink(missing_ok=True)
        os.symlink(final.name, link)
        os.replace(link, self.current)  # atomic: readers see the old build or the new one
        self._prune(keep={final.name})
        return final

    def _prune(self, keep: set[str]):
        builds = sorted((p for p in self.root.glob("build-*") if p.name not in keep), key=lambda p: p.stat().st_mtime)
        for old in builds[:-1]:  # keep the previous build too, for readers still on it
            shutil.rmtree(old, ignore_errors=True)

    def _remove_abandoned(self):
        for p in self.root.glob("tmp-*"):
            shutil.rmtree(p, ignore_errors=True)
        for p in self.root.glob("current.tmp-*"):
            p.unlink(missing_ok=True)

    @contextmanager
    def _build_lock(self):
        with open(self.root / "build.lock", "a+") as f:
            try:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                f.seek(0)
                raise BuildLocked(
                    f"another build is running (pid {f.read().strip() or '?'}); wait for it to finish"
                ) from None
            f.seek(0), f.truncate(), f.write(str(os.getpid())), f.flush()
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)


class DocumentBatches(MpWriter):
    """whoosh's parallel writer, fed whole documents in batches of about BATCH_CHARACTERS of text.

    The writer processes take batches from one queue as they finish the last, so the work evens out
    except for the last batches; whoosh cuts a batch every 100 records whatever their size (at 1k
    documents one process got 6 batches and the other 5: 12% more CPU), and anywhere in a
    document, whose texts are then analysed again in the other process (see JoinedText)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._characters = 0

    def add_document(self, **fields):
        self._characters += sum(len(value) for value in fields.values() if isinstance(value, str))
        self.docbuffer.append((0, fields))
        self._added_sub = True

    def end_group(self):
        super().end_group()
        if not self._grouping and self._characters >= BATCH_CHARACTERS:
            self._enqueue()
            self._characters = 0


def share_segments(source: Path, target: Path) -> None:
    """A copy of build `source` to update in `target`: the segment files hard-linked (an incremental
    build only adds a segment, so the previous build's 373 MB at 10k need not be copied), every other
    file copied. Copies where links fail (another filesystem, no link support)."""
    target.mkdir()
    for path in source.iterdir():
        if not path.is_file():
            continue
        if SEGMENT_FILE.match(path.name):
            try:
                os.link(path, target / path.name)
                continue
            except OSError:
                pass
        shutil.copy2(path, target / path.name)


def same_engine(manifest: dict) -> bool:
    """Was this build made by the analysis and index-time ranking of the running code?"""
    return (manifest.get("analyzer"), manifest.get("schema"), manifest.get("engine")) == (
        ANALYZER_VERSION,
        SCHEMA_VERSION,
        engine_fingerprint(),
    )


def build_files(path: Path) -> dict[str, tuple]:
    """name -> (size, mtime in ns, inode) of each file of a build; {} when it is gone."""
    try:
        return {p.name: (st.st_size, st.st_mtime_ns, st.st_ino) for p in path.iterdir() for st in [p.stat()]}
    except OSError:
        return {}


def _doc_query(doc_id: str, lang: str):
    return And([Term("doc_id", doc_id), Term("lang", lang)])
