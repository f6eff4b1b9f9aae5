"""Text analysis for Chinese, English and legal identifiers in the same field (no search engine here:
indexer.engine.analyzer turns these spans into the index's tokens).

Positions count tokens (so phrase queries work) and start/end are exact character offsets into
the original text (so highlights land on the right characters). Chinese goes through jieba with a
domain dictionary built from the corpus; at index time every dictionary word inside a longer word
is emitted at the same position, so 贸易壁垒 finds 绿色贸易壁垒 while the long word stays whole.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import re
import threading
from collections import OrderedDict
from pathlib import Path

from indexer.analysis.fold import fold
from indexer.vocabulary import CJK

# Bump when tokens change: an index built by another version is rebuilt, never reused.
ANALYZER_VERSION = "1"

_CJK_RUN = re.compile(f"[{CJK}]+")
# Order matters: identifiers before plain words and numbers.
_TOKEN = re.compile(
    r"(?P<celex>(?<![0-9A-Za-z])[0-9][12][0-9]{3}[A-Za-z]{1,2}[0-9]{4}(?![0-9A-Za-z]))"
    r"|(?P<act>(?<![0-9/])[0-9]{1,4}/[0-9]{1,4}(?:/(?:EU|EC|EEC|EURATOM|UE|CE)\b)?(?![0-9/]))"
    r"|(?P<std>(?<![A-Za-z])[A-Za-z]{1,4}/[A-Za-z](?![A-Za-z]))"
    r"|(?P<num>[0-9]+(?:[.,][0-9]+)*)"
    r"|(?P<word>[^\W_]+)",
    re.IGNORECASE,
)
_THOUSANDS = re.compile(r"^[0-9]{1,3}(?:,[0-9]{3})+$")
SEGMENT_CACHE = 32_768  # Chinese runs (clauses between punctuation); more than the longest page has


class Segmenters:
    """The loaded jieba dictionaries of this process, by dictionary.

    whoosh unpickles a fresh schema (and so a fresh analyzer) at every access, and the writer
    processes inherit what the parent loaded, so analyzers find their segmenter here rather than
    carry one (loading jieba costs about a second and 100 MB). Only the dictionaries of the build
    being served and the one being built are kept: when the corpus's titles change, the previous
    build's segmenter is dropped with it.
    """

    KEEP = 2

    def __init__(self):
        self._lock = threading.Lock()
        self._loaded: OrderedDict[str, object] = OrderedDict()
        self.cache_dir: Path | None = None  # the index owner keeps jieba's cache beside the index
        self.read_stored = False  # `kb search`: read the frequencies the build stored

    def directory(self) -> Path:
        env = os.environ.get("KB_JIEBA_CACHE_DIR")
        return self.cache_dir or Path(env or Path.home() / ".cache" / "green-barrier-kb")

    def held(self) -> list[str]:
        return list(self._loaded)

    def for_words(self, words: tuple[str, ...]):
        key = dictionary_hash(words)
        with self._lock:
            if key not in self._loaded:
                self._loaded[key] = self._stored(key) or self._load(words)
                while len(self._loaded) > self.KEEP:
                    self._loaded.popitem(last=False)
            self._loaded.move_to_end(key)
            return self._loaded[key]

    def _stored(self, key: str):
        if not self.read_stored:
            return None
        from indexer.analysis.stored_dictionary import store_path, stored_segmenter

        return stored_segmenter(store_path(self.directory(), _store_key(key)))

    def _load(self, words: tuple[str, ...]):
        import jieba

        jieba.setLogLevel(logging.WARNING)
        seg = jieba.Tokenizer()
        cache_dir = self.directory()
        cache_dir.mkdir(parents=True, exist_ok=True)
        seg.tmp_dir = str(cache_dir)
        seg.initialize()
        for word in words:
            seg.add_word(word)
        return seg


loaded_segmenters = Segmenters()  # lower case: an object, not a setting (the fingerprint hashes upper-case constants)


def set_jieba_cache_dir(path) -> None:
    """The index owner keeps jieba's prefix-dictionary cache beside the index, not in /tmp."""
    loaded_segmenters.cache_dir = Path(path)


def jieba_cache_dir() -> Path:
    return loaded_segmenters.directory()


def read_stored_dictionary() -> None:
    """For a process that searches once (`kb search`): read jieba's frequencies from the store the
    build wrote (`indexer.analysis.stored_dictionary`) instead of loading the whole dictionary."""
    loaded_segmenters.read_stored = True


def _store_key(dictionary: str) -> str:
    # jieba's own dictionary is part of the numbers: another jieba release writes another store.
    import jieba

    return f"{dictionary}-jieba{jieba.__version__}"


def save_dictionary_store(words: tuple[str, ...]) -> None:
    from indexer.analysis.stored_dictionary import store_path, write_store

    path = store_path(jieba_cache_dir(), _store_key(dictionary_hash(words)))
    if not path.is_file():
        write_store(segmenter_for(words), path)


def segmenter_for(words: tuple[str, ...]):
    """A jieba tokenizer with `words` added, loaded once per process while its build is in use."""
    return loaded_segmenters.for_words(words)


def dictionary_hash(words) -> str:
    return hashlib.sha256("\n".join(sorted(words)).encode()).hexdigest()[:16]


def identifier_text(kind: str, raw: str) -> str:
    """The searchable form of an identifier: `2011/65/EU` -> `2011/65`, CELEX lower-cased."""
    text = raw.lower()
    if kind == "act":
        return "/".join(text.split("/")[:2])
    if kind == "num" and _THOUSANDS.match(text):
        return text.replace(",", "")
    return text


class BilingualText:
    """Splits mixed Chinese/English text into word spans; the search engine turns them into its
    tokens (it gives the form of each English word: stemmed, or dropped as a stop word)."""

    def __init__(self, words=()):
        self.words = tuple(sorted(set(words)))
        self._short_words = frozenset(w for w in self.words if len(w) == 1)
        self._segmenter = None
        # whoosh analyses each Chinese run of a page three times (its section, the page's full
        # text, and again for the spelling words); jieba is most of a build's time, so cut each once.
        self._segment = functools.lru_cache(maxsize=SEGMENT_CACHE)(self._segment_run)

    def warm_up(self):
        self._jieba()

    def _jieba(self):
        if self._segmenter is None:  # looked up once: segmenter_for hashes the whole dictionary
            self._segmenter = segmenter_for(self.words)
        return self._segmenter

    def entries(self, value: str, subwords: bool, latin_form) -> tuple[list, int]:
        """(text, position, start, end) of every token of `value` in order, and how many positions
        they use. Dictionary words inside a Chinese word (index mode: `subwords`) share its position.
        `latin_form(text, is_word)` gives the form to index of each Latin token, or None to drop it
        (a stop word takes no position); `is_word` marks the Latin words a stemmer may reduce (not
        identifiers or numbers). Built as one list: each token is a tuple, with no generator per layer."""
        folded = fold(value)
        found, used, last = [], 0, 0
        for run in _CJK_RUN.finditer(folded):
            used = self._latin(found, used, folded, last, run.start(), latin_form)
            offset = run.start()
            words, run_used = self._segment(run.group(), subwords)
            found += [(word, used + pos, offset + start, offset + end) for word, pos, start, end in words]
            used += run_used
            last = run.end()
        return found, self._latin(found, used, folded, last, len(folded), latin_form)

    @staticmethod
    def _latin(found: list, used: int, text: str, start: int, end: int, latin_form) -> int:
        for m in _TOKEN.finditer(text, start, end):
            kind = m.lastgroup
            form = latin_form(identifier_text(kind, m.group()), kind == "word")
            if form is not None:
                found.append((form, used, m.start(), m.end()))
                used += 1
        return used

    def _segment_run(self, run: str, subwords: bool) -> tuple[tuple, int]:
        """(word, position, start, end) of each word of a Chinese run, and the positions it uses."""
        seg, words, used = self._jieba(), [], 0
        for word, start, end in seg.tokenize(run, HMM=True):
            words.append((word, used, start, end))
            if subwords and len(word) > 1:
                words.extend((sub, used, start + s, start + e) for sub, s, e in self._subwords(seg, word))
            used += 1
        return tuple(words), used

    def _subwords(self, seg, word: str):
        # Dictionary words inside a longer word, so a search for a part still finds the whole.
        n = len(word)
        for size in range(n - 1, 0, -1):
            for i in range(n - size + 1):
                part = word[i : i + size]
                if (size > 1 and seg.FREQ.get(part)) or part in self._short_words:
                    yield part, i, i + size
