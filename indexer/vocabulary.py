"""One home for the words every part of the knowledge base shares: the languages, the header
values pages are filtered and grouped by, the index fields readers filter and count, and the
Chinese character ranges. Imports nothing, so every subsystem (text analysis included) may use it.
"""

from __future__ import annotations

import re

LANGS = ("zh", "en")  # every page and every interface string exists in both
OTHER_LANG = {"zh": "en", "en": "zh"}
ACCEPTED = ("zh", "zh-CN", "zh-TW", "en")  # Accept-Language tags the site answers (then lang_of_accept)

# Values of the corpus header (corpus/README.md); `kb check` refuses any other.
TYPES = ("regulation", "summary", "barrier-form", "countermeasure", "term", "figure", "source", "act", "notification")
STATUSES = ("in force", "repealed", "replaced")
LEVELS = ("government", "industry", "enterprise")
JURISDICTIONS = ("EU", "CN")  # also the order of the regulations listing
FORMS = ("regulation", "directive", "decision")
VERSIONS = ("adopted", "consolidated", "corrigendum")
CHARTS = ("bar", "line")

# Index fields a reader filters search results by, and those counted beside the results (facets).
FILTERS = ("type", "jurisdiction", "status")
FACETS = FILTERS + ("lang",)
# The small stored fields a search hit carries for its result line.
HIT_FIELDS = ("jurisdiction", "status", "celex", "level", "barrier_forms")

# Han characters: CJK Extension A, the Unified Ideographs and the Compatibility Ideographs
# (a character class body, for building patterns).
CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_CHAR = re.compile(f"[{CJK}]")
# Chinese text also holds its own punctuation and spaces: 、。「」 and the ideographic space
# (U+3000-303F), full-width letters, digits and ，；：（） (U+FF00-FFEF).
CJK_PUNCTUATION = r"\u3000-\u303f\uff00-\uffef"
CJK_TEXT = CJK + CJK_PUNCTUATION


def lang_of_accept(best_match: str | None) -> str:
    """zh or en from the best of a browser's Accept-Language (zh, zh-CN, zh-TW ... -> zh)."""
    return "zh" if (best_match or "en").startswith("zh") else "en"
