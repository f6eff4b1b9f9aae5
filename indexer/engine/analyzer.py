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


class JoinedText(str):
    """One document's texts joined by a separator, for a field that repeats them (the page's full
    text is its title and every section). Its tokens are each part's tokens in turn, positions and
    offsets shifted: exactly the tokens of the joined string, since no token crosses the separator.
    The analyzer remembers the parts' tokens until another document's joined text comes, so the
    fields holding a part on its own (title, section body) reuse them instead of analysing it again."""

    def __new__(cls, parts, document: str, separator: str = "\n"):
        self = super().__new__(cls, separator.join(parts))
        self.parts, self.document, self.separator = tuple(parts), document, separator
        return self

    def __reduce__(self):  # whoosh's writer processes receive records pickled
        return JoinedText, (self.parts, self.document, self.separator)

    def offsets(self):
        """(part, offset of the part in the joined text)."""
        offset = 0
        for part in self.parts:
            yield part, offset
            offset += len(part) + len(self.separator)


class BilingualTokenizer(Tokenizer):
    """Tokenizer for mixed Chinese/English text; pickled with its domain dictionary."""

    def __init__(self, words=()):
        self.text = BilingualText(words)
        self.words = self.text.words
        # The current document's analysed parts (JoinedText): text -> (token entries, positions used).
        self._document, self._parts, self._parts_flags = None, {}, None

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
        flags = (mode != "query", not kw.get("no_morph"), removestops)  # sub-words, stemming, stop words
        if isinstance(value, JoinedText):
            pieces = self._joined(value, flags)
        else:
            known = self._parts.get(value) if flags == self._parts_flags else None
            pieces = [(known or self._entries(value, flags), 0)]
        # One token for the whole stream, as whoosh's own tokenizers do: its consumers read each token
        # before asking for the next, and a Token per word was a tenth of a build.
        token = Token(positions, chars, removestops=removestops, mode=mode, **kw)
        token.boost, token.stopped = 1.0, False
        pos = start_pos
        for (entries, used), offset in pieces:
            base = start_char + offset
            for text, relative, start, end in entries:
                token.text = text
                if keeporiginal:
                    token.original = value[offset + start : offset + end]
                if positions:
                    token.pos = pos + relative
                if chars:
                    token.startchar, token.endchar = base + start, base + end
                yield token
            pos += used

    def _joined(self, value: JoinedText, flags) -> list:
        if (value.document, flags) != (self._document, self._parts_flags):
            self._document, self._parts, self._parts_flags = value.document, {}, flags
        pieces = []
        for part, offset in value.offsets():
            found = self._parts.get(part)
            if found is None:
                found = self._parts[part] = self._entries(part, flags)
            pieces.append((found, offset))
        return pieces

    def _entries(self, value: str, flags) -> tuple[list, int]:
        """(text, position relative to the first token, start, end) of each token of `value`, and
        how many positions it uses (a sub-word shares its word's position, a stop word takes none)."""
        subwords, stemming, removestops = flags
        return self.text.entries(value, subwords, _latin_forms[stemming, removestops])


def _latin_form(stemming: bool, removestops: bool):
    def form(text: str, is_word: bool) -> str | None:
        if stemming and is_word:
            text = _stem(text)
        return None if removestops and text in ENGLISH_STOP_WORDS else text

    return form


_latin_forms = {
    (stemming, stops): _latin_form(stemming, stops) for stemming in (True, False) for stops in (True, False)
}


def make_analyzer(words=()):
    return BilingualTokenizer(words)


def query_tokens(analyzer, text: str) -> list[str]:
    return [t.text for t in analyzer(text, mode="query")]
