"""Questions as people type them: which words ask and which name the subject.

"铅的含量限值是多少" asks about 铅, 含量 and 限值; 的, 是 and 多少 only make it a question. The words
that ask (indexer/engine/question_words.yaml, per language) become optional: a page need not contain them,
and they add a little when it does. Quoted phrases, field:value terms and identifiers are never
touched. "什么是X" / "what is X" also yields X, the subject whose definition is asked for.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from indexer.analysis.fold import fold

WORDS_FILE = Path(__file__).with_name("question_words.yaml")
# Spans the question words are never taken from: phrases, field:value, wildcards and boosts.
_PROTECTED = re.compile(r'"[^"]*"?|\S+:\S*|\S*[*~^]\S*')
# A "?" closing a word ends a question; as a whoosh wildcard it would turn "RoHS?" into "roh?".
_QUESTION_MARK = re.compile(r"(?<=[^\s?*])\?+(?=\s|$)")


class QuestionWords:
    """indexer/engine/question_words.yaml, loaded: word lists as written, definition patterns compiled."""

    def __init__(self, words: dict, definition: dict, source_anchors=(), source_words=(), earlier_words=()):
        self.words = words  # lang -> {category: [word, ...]}: the words that ask
        self.definition = definition  # lang -> [compiled pattern with a group `x`]
        self.source_anchors = frozenset(source_anchors)  # sections about the sources or the paper
        self.source_words = tuple(source_words)  # words asking about the sources or the paper
        self.earlier_words = tuple(earlier_words)  # words naming an old act or its history
        self._analysed: dict = {}

    def asking(self, analyzer) -> frozenset:
        return self._tokens(analyzer, "asking", [w for c in self.words.values() for ws in c.values() for w in ws])

    def about_sources(self, analyzer) -> frozenset:
        return self._tokens(analyzer, "sources", self.source_words)

    def earlier(self, analyzer) -> frozenset:
        return self._tokens(analyzer, "earlier", self.earlier_words)

    def _tokens(self, analyzer, name, listed) -> frozenset:
        """The words as the index's analyzer turns them into tokens (stemmed, segmented), once per analyzer."""
        key = (name, analyzer)
        if key not in self._analysed:
            tokens = set()
            for word in listed:
                found = [t.text for t in analyzer(word, mode="query")]
                if len(found) == 1:  # a word the analyzer splits would blank its parts separately
                    tokens.add(found[0])
            self._analysed[key] = frozenset(tokens)
        return self._analysed[key]


def _word_lists(data, path, key) -> dict:
    """{lang: [word, ...]} or {lang: {category: [word, ...]}} under `key`, checked."""
    value = data.get(key)
    if not isinstance(value, dict):
        raise ValueError(f"{path}: '{key}' must be a mapping")
    for name, listed in value.items():
        if not isinstance(listed, list) or not all(isinstance(w, str) and w.strip() for w in listed):
            raise ValueError(f"{path}: '{key}.{name}' must be a list of words")
    return value


def load_words(path=WORDS_FILE) -> QuestionWords:
    """The question words and definition patterns; raises ValueError naming the problem."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    words, definition = {}, {}
    for lang in ("zh", "en"):
        words[lang] = {k: tuple(v) for k, v in _word_lists(data, path, lang).items()}
        compiled = []
        for pattern in (data.get("definition") or {}).get(lang) or []:
            try:
                rx = re.compile(pattern)
            except re.error as e:
                raise ValueError(f"{path}: definition pattern {pattern!r} does not compile: {e}") from None
            if "x" not in rx.groupindex:
                raise ValueError(f"{path}: definition pattern {pattern!r} has no group (?P<x>...)")
            compiled.append(rx)
        definition[lang] = tuple(compiled)
    sources = data.get("source_sections") or {}
    source_words = _word_lists(sources, path, "words")
    earlier = _word_lists(data, path, "earlier_acts")
    return QuestionWords(
        words,
        definition,
        sources.get("anchors") or (),
        [w for ws in source_words.values() for w in ws],
        [w for ws in earlier.values() for w in ws],
    )


@functools.lru_cache(maxsize=1)
def default_words() -> QuestionWords:
    return load_words()


@dataclass
class Question:
    content: str  # the query with the asking words blanked out (the whole query when nothing else is left)
    optional: list[str] = field(default_factory=list)  # tokens of the blanked words, analysed
    subject: str = ""  # X of "什么是X" / "what is X", as typed


def split_question(text: str, analyzer, words: QuestionWords | None = None) -> Question:
    words = words or default_words()
    text = _QUESTION_MARK.sub(" ", text or "")
    asking = words.asking(analyzer)
    protected = [m.span() for m in _PROTECTED.finditer(text)]
    chars, optional, kept = list(text), [], 0
    for token in analyzer(text, mode="query", chars=True):
        start, end = token.startchar, token.endchar
        if token.text in asking and not any(a < end and start < b for a, b in protected):
            chars[start:end] = " " * (end - start)
            optional.append(token.text)
        else:
            kept += 1
    if not kept:
        return Question(text, [], definition_subject(text, words))
    return Question(" ".join("".join(chars).split()), list(dict.fromkeys(optional)), definition_subject(text, words))


def definition_subject(text: str, words: QuestionWords | None = None) -> str:
    """X when the query asks what X is ("什么是均质材料", "what is a notified body"), else ""."""
    words = words or default_words()
    folded = " ".join(fold(text).strip().lower().split())
    for patterns in words.definition.values():
        for rx in patterns:
            m = rx.match(folded)
            if m and m.group("x").strip():
                return m.group("x").strip()
    return ""
