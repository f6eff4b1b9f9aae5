"""Character folding that keeps every offset: one character in, one character out.

Highlights are drawn from character offsets stored at index time, so folding may never change a
text's length. OpenCC converts phrases (which can change length), so we run it once over every
CJK character on its own and keep only the one-to-one mappings.
"""

from __future__ import annotations

import functools
import unicodedata

CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


@functools.cache
def _fold_table() -> dict[int, str]:
    import opencc

    chars = [chr(c) for lo, hi in CJK_RANGES for c in range(lo, hi + 1)]
    # Newlines stop OpenCC from reading neighbouring characters as one phrase.
    simplified = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    table = {ord(t): s for t, s in zip(chars, simplified) if len(s) == 1 and s != t}
    # Full-width forms (ＲｏＨＳ, ２０１１／６５) fold to ASCII where NFKC gives one character.
    for code in range(0xFF01, 0xFF5F):
        folded = unicodedata.normalize("NFKC", chr(code))
        if len(folded) == 1:
            table[code] = folded
    table[0x3000] = " "  # ideographic space
    return table


def fold(text: str) -> str:
    """Traditional to simplified Chinese, full-width to ASCII; same length as `text`."""
    return text.translate(_fold_table())
