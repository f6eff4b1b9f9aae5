"""From what a reader types to catalogue categories: HS codes of 2 to 10 digits, or names.

Names are tokenised with the search index's own analyzer (jieba with every catalogue name as a
dictionary word, English stemming, traditional characters folded). A category is a candidate when
one of its names appears whole in the query ("electric toothbrush for kids"), or when every
catalogue word of the query is one of its words ("toothbrush", "sonic toothbrush"). Generic words
("electric", "电动", "machine", "设备") never make a candidate on their own, and a query word the
category lacks rules it out, so "heat pump" is never the water pump.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from types import SimpleNamespace

from indexer.engine.analyzer import make_analyzer
from indexer.engine.schema import domain_words, exact_key
from indexer.products.load import Catalogue, Category, format_hs

HS_QUERY = re.compile(r"^[0-9][0-9 .]*$")
HS_LENGTHS = (2, 4, 6, 8, 10)
NEAREST_LIMIT = 8
AMBIGUOUS_LIMIT = 12
# Words that describe almost any product; alone they say nothing about which one.
GENERIC_WORDS = (
    "electric electrical electronic electronics machine machines machinery device devices equipment "
    "appliance appliances apparatus product products unit system smart intelligent portable household "
    "home domestic industrial professional commercial mini new wireless cordless corded automatic "
    "digital power powered operated type kind for with and of the a an use used its my our your this that "
    "is are to in on by from i we need want sell export exporting which what rules rule apply eu ce europe "
    "model models set sets kit "
    "电动 电子 电气 电器 机器 设备 器具 产品 装置 家用 家庭 智能 工业 商用 专业 便携 便携式 "
    "无线 有线 充电 充电式 自动 数码 新型 小型 大型 机 器 仪 类 的 我 我们 出口 欧盟 哪些 什么 法规 需要 要求 "
    "适用 一台 一个 款 种"
)


def hs_digits(text: str) -> str | None:
    """'85', '8418', '8418.10', '841810', '8418 10', '8418.10.20', '8418102000' -> the digits; else None."""
    text = text.strip()
    if not HS_QUERY.match(text):
        return None
    digits = re.sub(r"[ .]", "", text)
    return digits if len(digits) in HS_LENGTHS else None


@dataclass
class Finding:
    """What a query found: one category, a choice between several, or nothing (with near codes)."""

    kind: str  # "category", "ambiguous", "unknown", or "chapter" (a two-digit code: its categories, to browse)
    categories: list[Category] = field(default_factory=list)
    hs: str | None = None  # the code as understood, when the query was one
    nearest: list[tuple[str, list[Category]]] = field(default_factory=list)
    chapter: str | None = None  # the HS chapter of a code, whose rules and questions apply
    generic: bool = False  # the query had only generic words


def find(catalogue: Catalogue, query: str) -> Finding:
    """An HS code (any of its spellings) or a product name in Chinese or English."""
    digits = hs_digits(query)
    return find_by_hs(catalogue, digits) if digits else find_by_name(catalogue, query)


def find_by_hs(catalogue: Catalogue, digits: str) -> Finding:
    # Only the first six digits are international; national subdivisions (CN, TARIC, China's
    # ten-digit codes) fall under them.
    code = digits[:6]
    chapter = code[:2]
    if len(code) == 2:
        # a whole chapter names no product: its rules and the questions answer it
        found = [c for key, cats in sorted(catalogue.by_code.items()) if key.startswith(code) for c in cats]
        return Finding("chapter", list(dict.fromkeys(found)), code, chapter=chapter)
    if len(code) == 6:
        # the most specific first: categories listing the subheading, else those listing its heading
        found = catalogue.by_code.get(code, []) or catalogue.by_code.get(code[:4], [])
    else:
        found = [c for key, cats in sorted(catalogue.by_code.items()) if key.startswith(code) for c in cats]
    found = list(dict.fromkeys(found))
    if len(found) == 1:
        return Finding("category", found, format_hs(code), chapter=chapter)
    if found:
        return Finding("ambiguous", found, format_hs(code), chapter=chapter)
    return Finding("unknown", hs=format_hs(code), nearest=nearest_codes(catalogue, code), chapter=chapter)


def nearest_codes(catalogue: Catalogue, code: str) -> list[tuple[str, list[Category]]]:
    """The catalogue's codes sharing the longest prefix with `code` (at least the chapter)."""
    shared = {key: _common_prefix(key, code) for key in catalogue.by_code}
    best = max(shared.values(), default=0)
    if best < 2:
        return []
    keys = sorted(k for k, n in shared.items() if n == best)[:NEAREST_LIMIT]
    return [(format_hs(k), catalogue.by_code[k]) for k in keys]


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def find_by_name(catalogue: Catalogue, query: str) -> Finding:
    index = catalogue.names
    matches = index.match(query)
    if not matches:
        return Finding("unknown", generic=index.only_generic(query))
    # A word match that leaves some of the reader's words unexplained ("aquarium heater") is a
    # suggestion to confirm, not the answer.
    if len(matches) == 1 and (matches[0].exact or not index.unknown_words(query)):
        return Finding("category", [matches[0].category])
    return Finding("ambiguous", [m.category for m in matches][:AMBIGUOUS_LIMIT])


@dataclass
class Match:
    category: Category
    score: float
    phrase: frozenset  # the name found whole in the query (empty for a word match)
    exact: bool = False


class NameIndex:
    def __init__(self, categories):
        names = [SimpleNamespace(title=n, aliases=[]) for c in categories for n in c.all_names()]
        self.analyzer = make_analyzer(domain_words(names))
        self.categories = categories
        self.generic = self._words(GENERIC_WORDS)
        self.phrases = {c.id: [frozenset(self._words(n)) for n in c.all_names()] for c in categories}
        # with the dictionary words inside longer words, so 牙刷 finds 电动牙刷
        self.words = {
            c.id: set().union(*(self._words(n, subwords=True) for n in c.all_names())) - self.generic
            for c in categories
        }
        self.vocabulary = set().union(*self.words.values()) if categories else set()
        self.exact = {c.id: {exact_key(n) for n in c.all_names()} for c in categories}
        df: dict[str, int] = {}
        for words in self.words.values():
            for w in words:
                df[w] = df.get(w, 0) + 1
        self.idf = {w: math.log(1 + len(categories) / n) for w, n in df.items()}

    def _words(self, text: str, subwords: bool = False) -> set[str]:
        return {t.text for t in self.analyzer(text, mode="" if subwords else "query")}

    def unknown_words(self, query: str) -> set[str]:
        """The query's specific words that no catalogue name uses."""
        return self._words(query) - self.generic - self.vocabulary

    def only_generic(self, query: str) -> bool:
        words = self._words(query)
        return bool(words) and words <= self.generic

    def match(self, query: str) -> list[Match]:
        """The real candidates, best first: the most specific whole names, else word matches."""
        words = self._words(query)
        all_words = words | self._words(query, subwords=True)
        key = exact_key(query)
        specific = words - self.generic
        if not specific:
            return []
        known = specific & self.vocabulary
        exact = [
            Match(c, math.inf, frozenset(), exact=True) for c in self.categories if key and key in self.exact[c.id]
        ]
        if exact:
            return exact
        whole, partial = [], []
        for category in self.categories:
            phrases = [p for p in self.phrases[category.id] if p - self.generic and p <= all_words]
            if phrases:
                best = max(phrases, key=lambda p: (len(p - self.generic), len(p)))
                whole.append(Match(category, self._score(best), best))
            elif known and known <= self.words[category.id]:
                partial.append(Match(category, self._score(known) / (1 + len(self.words[category.id])), frozenset()))
        if whole:
            # a name inside a longer name found in the same query loses: "phone charger" is not "phone"
            whole = [m for m in whole if not any(m.phrase < other.phrase for other in whole)]
            return sorted(whole, key=lambda m: -m.score)
        return sorted(partial, key=lambda m: -m.score)

    def _score(self, words) -> float:
        return sum(self.idf.get(w, 1.0) for w in words - self.generic)
