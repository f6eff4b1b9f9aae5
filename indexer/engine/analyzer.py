"""The index's analyzer: indexer.analysis's word spans as whoosh tokens, English words stemmed.

Positions count tokens (so phrase queries work) and start/end are exact character offsets into
the original text (so highlights land on the right characters). Dictionary words inside a longer
Chinese word share its position (sub-words), so 贸易壁垒 finds 绿色贸易壁垒.
"""

from __future__ import annotations

import functools

from whoosh.analysis import STOP_WORDS, Token, Tokenizer
from whoosh.lang.porter import stem

from indexer.analysis.analysis import BilingualText

ENGLISH_STOP_WORDS = frozenset(STOP_WORDS) - {"us", "may", "can", "will"}


@functools.lru_cache(maxsize=50_000)
def _stem(word: str) -> str:
    return stem(word) if len(word) > 3 and word.isascii() and word.isalpha() else word


class BilingualTokenizer(Tokenizer):
    """Tokenizer for mixed Chinese/English text; pickled with its domain dictionary."""

    def __init__(self, words=()):
        self.text = BilingualText(words)
        self.words = self.text.words

    def __getstate__(self):
        return {"words": self.words}

    def __setstate__(self, state):
        self.__init__(state["words"])

    def __eq__(self, other):
        return isinstance(other, BilingualTokenizer) and other.words == self.words

    def __hash__(self):
        return hash(self.words)

    def has_morph(self):
        # Stemming changes word forms: whoosh then keeps unstemmed words for spelling suggestions.
        return True

    def warm_up(self):
        self.text.warm_up()

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kw,
    ):
        subwords, stemming = mode != "query", not kw.get("no_morph")
        pos = start_pos
        for text, start, end, sub, is_word in self.text.spans(value, subwords):
            if stemming and is_word:
                text = _stem(text)
            if removestops and text in ENGLISH_STOP_WORDS:
                continue
            token = Token(positions, chars, removestops=removestops, mode=mode, **kw)
            token.text, token.boost, token.stopped = text, 1.0, False
            if keeporiginal:
                token.original = value[start:end]
            if positions:
                token.pos = pos - 1 if sub else pos
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            if not sub:
                pos += 1
            yield token


def make_analyzer(words=()):
    return BilingualTokenizer(words)


def query_tokens(analyzer, text: str) -> list[str]:
    return [t.text for t in analyzer(text, mode="query")]
