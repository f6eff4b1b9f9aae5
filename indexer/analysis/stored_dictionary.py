"""jieba's word frequencies in a file, looked up a word at a time: for processes that search once.

jieba keeps its dictionary as one marshalled dict of ~500,000 words and prefixes; loading it costs
about a second of CPU, most of `kb search`'s start-up, for a query that looks up a few dozen
strings. The build writes the same FREQ and total (domain words included) to SQLite once per
dictionary; a segmenter over it runs jieba's own code on the same numbers, so its tokens are jieba's.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

_MISSING = object()


def store_path(cache_dir: Path, key: str) -> Path:
    return Path(cache_dir) / f"jieba-{key}.sqlite"


def write_store(seg, path: Path) -> None:
    """FREQ and total of a loaded jieba segmenter; other dictionaries' stores are removed."""
    if path.is_file():
        return
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        db.execute("CREATE TABLE freq (word TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID")
        db.execute("CREATE TABLE total (n INTEGER NOT NULL)")
        db.executemany("INSERT INTO freq VALUES (?, ?)", seg.FREQ.items())
        db.execute("INSERT INTO total VALUES (?)", (seg.total,))
        db.commit()
    finally:
        db.close()
    os.replace(tmp, path)  # a reader sees a whole store or none
    for other in path.parent.glob("jieba-*.sqlite"):
        if other != path:
            other.unlink(missing_ok=True)


class StoredFrequencies:
    """The part of dict's interface jieba uses on FREQ (`in`, `[]`, `get`), read from the store."""

    def __init__(self, path: Path):
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._seen: dict[str, int | None] = {}

    def total(self) -> int:
        with self._lock:
            return self._db.execute("SELECT n FROM total").fetchone()[0]

    def get(self, word, default=None):
        value = self._seen.get(word, _MISSING)
        if value is _MISSING:
            with self._lock:
                row = self._db.execute("SELECT n FROM freq WHERE word = ?", (word,)).fetchone()
            value = self._seen[word] = row[0] if row else None
        return default if value is None else value

    def __contains__(self, word) -> bool:
        return self.get(word) is not None

    def __getitem__(self, word) -> int:
        value = self.get(word)
        if value is None:
            raise KeyError(word)
        return value


def stored_segmenter(path: Path):
    """A jieba tokenizer reading FREQ from `path`, or None when there is no usable store."""
    if not path.is_file():
        return None
    import jieba

    try:
        freq = StoredFrequencies(path)
        total = freq.total()
    except sqlite3.Error:  # cut short or damaged: the caller loads the whole dictionary instead
        return None
    seg = jieba.Tokenizer()
    seg.FREQ, seg.total, seg.initialized = freq, total, True
    return seg
