"""The product finder's catalogue: which EU acts apply to common M&E products, and why.

corpus/products/catalogue.yaml -> Catalogue, checked like the corpus: every problem is reported
at once as `file:line: message`, and `kb check` / `kb build` print them with the corpus's own.
Lookups (by HS code, by name) are plain functions over the catalogue; names are tokenised with
the search index's own analyzer, so 冰箱 matches 电冰箱 and "refrigerators" matches "refrigerator".
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import yaml

from indexer.analysis import make_analyzer
from indexer.corpus import Problem
from indexer.schema import domain_words, exact_key
from indexer.sections import SLUG

CATALOGUE = Path("products") / "catalogue.yaml"
LANGS = ("zh", "en")
HS_CODE = re.compile(r"^[0-9]{4}(\.?[0-9]{2})?$")
HS_QUERY = re.compile(r"^[0-9][0-9 .]*$")
WEEE_CATEGORIES = range(1, 7)
NEAREST_LIMIT = 8


@dataclass
class ActEntry:
    act: str  # id of a corpus document (rohs, weee, ce-marking, ...)
    applies: bool
    reason: dict  # {zh, en}
    obligations: list[dict] = field(default_factory=list)
    instrument: dict | None = None  # the named directive or implementing regulation, {zh, en}


@dataclass(eq=False)  # identity: categories are looked up and deduplicated as objects
class Category:
    id: str
    group: str
    names: dict
    synonyms: dict
    hs: list[str]  # canonical: "8418" or "8418.10"
    weee: list[int]
    acts: list[ActEntry]
    notes: list[dict]
    sources: list[dict]
    line: int = 1

    @property
    def applicable(self):
        return [a for a in self.acts if a.applies]

    @property
    def not_applicable(self):
        return [a for a in self.acts if not a.applies]

    def all_names(self):
        return [self.names[lang] for lang in LANGS] + [s for lang in LANGS for s in self.synonyms.get(lang, [])]


@dataclass
class Catalogue:
    categories: list[Category]
    groups: dict  # id -> {zh, en}
    weee_categories: dict  # 1..6 -> {zh, en}
    problems: list[Problem]
    # Named groups that key dates may scope to (`group:<slug>`): slug -> {zh, en, categories: [ids]}
    scope_groups: dict = field(default_factory=dict)

    def group_members(self) -> dict[str, tuple]:
        return {slug: tuple(g.get("categories") or ()) for slug, g in self.scope_groups.items()}

    @functools.cached_property
    def by_id(self) -> dict[str, Category]:
        return {c.id: c for c in self.categories}

    @functools.cached_property
    def by_code(self) -> dict[str, list[Category]]:
        """HS digits ("841810", "8458") -> the categories listing that code."""
        index: dict[str, list[Category]] = {}
        for category in self.categories:
            for code in category.hs:
                index.setdefault(code.replace(".", ""), []).append(category)
        return index

    @functools.cached_property
    def names(self) -> NameIndex:
        return NameIndex(self.categories)


def catalogue_path(corpus_dir) -> Path:
    return Path(corpus_dir) / CATALOGUE


def check_catalogue(corpus_dir, documents) -> list[Problem]:
    """Problems of the corpus's catalogue (none when it has no catalogue), for `kb check`."""
    path = catalogue_path(corpus_dir)
    if not path.is_file():
        return []
    return load_catalogue(path, {d.id for d in documents}, root=Path(corpus_dir)).problems


def load_catalogue(path, document_ids: set | None = None, root: Path | None = None) -> Catalogue:
    """Read and check the catalogue; `document_ids` (when given) is what act ids must resolve to."""
    path = Path(path)
    name = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
    problems: list[Problem] = []
    report = lambda line, msg: problems.append(Problem(name, line, msg))  # noqa: E731
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        report(mark.line + 1 if mark else 1, f"the catalogue does not parse: {getattr(e, 'problem', None) or e}")
        return Catalogue([], {}, {}, problems)
    if not isinstance(data, dict) or not isinstance(data.get("categories"), list):
        report(1, "the catalogue must be a mapping with a 'categories' list")
        return Catalogue([], {}, {}, problems)
    groups = _bilingual_map(data, "groups", report)
    weee = _bilingual_map(data, "weee_categories", report)
    if set(weee) != set(WEEE_CATEGORIES):
        report(_line(data, "weee_categories"), "weee_categories must name categories 1 to 6")
    common = data.get("common") or {}
    reader = _Reader(report, groups, common, document_ids)
    categories = [c for c in (reader.category(item) for item in data["categories"]) if c]
    scope_groups = _scope_groups(data, {c.id for c in categories}, report)
    return Catalogue(categories, groups, weee, problems, scope_groups)


def _scope_groups(data, category_ids, report) -> dict:
    """Optional `scope_groups`: labels of the groups key dates name, and the categories in each."""
    if "scope_groups" not in data:
        return {}
    found = _bilingual_map(data, "scope_groups", report)
    for slug, group in found.items():
        members = group.get("categories", []) if isinstance(group, dict) else []
        if not isinstance(members, list):
            report(_line(found, slug), f"scope_groups.{slug}.categories must be a list of category ids")
            continue
        for member in members:
            if member not in category_ids:
                report(_line(group), f"scope_groups.{slug}: '{member}' is not a category id")
    return found


class _LineDict(dict):
    line = 1
    key_lines: dict = {}


class _LineLoader(yaml.SafeLoader):
    """Mappings remember their own line and each key's line, for file:line messages."""


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    mapping = _LineDict(loader.construct_pairs(node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {k.value: k.start_mark.line + 1 for k, _ in node.value}
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _line(mapping, key=None) -> int:
    if not isinstance(mapping, _LineDict):
        return 1
    return mapping.key_lines.get(key, mapping.line) if key else mapping.line


def _is_text(value) -> bool:
    return isinstance(value, dict) and all(isinstance(value.get(l), str) and value[l].strip() for l in LANGS)


def _bilingual_map(data, key, report) -> dict:
    found = data.get(key)
    if not isinstance(found, dict):
        report(_line(data, key), f"'{key}' must map ids to {{zh: ..., en: ...}}")
        return {}
    for k, value in found.items():
        if not _is_text(value):
            report(_line(found, k), f"{key}.{k} needs non-empty zh and en text")
    return dict(found)


class _Reader:
    """Turns one YAML category into a Category, reporting every problem it meets."""

    def __init__(self, report, groups, common, document_ids):
        self.report, self.groups, self.common, self.document_ids = report, groups, common, document_ids
        self.seen: dict[str, int] = {}

    def category(self, item) -> Category | None:
        if not isinstance(item, dict):
            self.report(1, "each category must be a mapping (id, names, hs, acts, sources, ...)")
            return None
        at = lambda key=None: _line(item, key)  # noqa: E731
        cid = item.get("id")
        if not isinstance(cid, str) or not SLUG.match(cid):
            self.report(at("id"), f"category id {cid!r} is not a slug (lower-case letters, digits, '-')")
            return None
        if cid in self.seen:
            self.report(at("id"), f"duplicate category id '{cid}' (first on line {self.seen[cid]})")
        self.seen.setdefault(cid, at("id"))
        if item.get("group") not in self.groups:
            self.report(at("group"), f"{cid}: group {item.get('group')!r} is not one of {', '.join(self.groups)}")
        if not _is_text(item.get("names")):
            self.report(at("names"), f"{cid}: names needs non-empty zh and en")
        synonyms = self._synonyms(item, cid)
        acts = [a for a in (self.act(entry, cid) for entry in self._list(item, "acts", cid)) if a]
        if acts and not any(a.applies for a in acts):
            self.report(at("acts"), f"{cid}: no act applies; list at least one that does")
        notes = item.get("notes") or []
        for note in notes if isinstance(notes, list) else [None]:
            if not _is_text(note):
                self.report(at("notes"), f"{cid}: each note needs non-empty zh and en")
        return Category(cid, item.get("group"), dict(item.get("names") or {}), synonyms, self._hs(item, cid),
                        self._weee(item, cid), acts, [n for n in notes if _is_text(n)] if isinstance(notes, list) else [],
                        self._sources(item, cid), at())

    def act(self, entry, cid) -> ActEntry | None:
        if not isinstance(entry, dict):
            self.report(1, f"{cid}: each act must be a mapping (act or use, reason, obligations)")
            return None
        line = _line(entry)
        if "use" in entry:
            if entry["use"] not in self.common:
                self.report(line, f"{cid}: 'use: {entry['use']}' names no entry of 'common'")
                return None
            entry = {**self.common[entry["use"]], **{k: v for k, v in entry.items() if k != "use"}}
        act, applies = entry.get("act"), entry.get("applies", True)
        if self.document_ids is not None and act not in self.document_ids:
            self.report(line, f"{cid}: act '{act}' is not a document of the corpus")
        if not isinstance(applies, bool):
            self.report(line, f"{cid}: applies must be true or false")
        if not _is_text(entry.get("reason")):
            self.report(line, f"{cid}: act '{act}' needs a reason in zh and en (why it applies or does not)")
        obligations = entry.get("obligations") or []
        if applies is True and (not isinstance(obligations, list) or not obligations
                                or not all(_is_text(o) for o in obligations)):
            self.report(line, f"{cid}: act '{act}' applies, so it needs obligations, each in zh and en")
        instrument = entry.get("instrument")
        if instrument is not None and not _is_text(instrument):
            self.report(line, f"{cid}: instrument of '{act}' needs zh and en")
        return ActEntry(str(act), applies is not False, entry.get("reason") or {},
                        [o for o in obligations if _is_text(o)] if isinstance(obligations, list) else [],
                        instrument if _is_text(instrument) else None)

    def _list(self, item, key, cid) -> list:
        value = item.get(key)
        if not isinstance(value, list) or not value:
            self.report(_line(item, key), f"{cid}: '{key}' must be a non-empty list")
            return []
        return value

    def _synonyms(self, item, cid) -> dict:
        synonyms = item.get("synonyms") or {}
        ok = isinstance(synonyms, dict) and all(
            isinstance(synonyms.get(l, []), list) and all(isinstance(s, str) and s.strip() for s in synonyms.get(l, []))
            for l in LANGS)
        if not ok:
            self.report(_line(item, "synonyms"), f"{cid}: synonyms must be {{zh: [...], en: [...]}} lists of text")
            return {l: [] for l in LANGS}
        return {l: list(synonyms.get(l, [])) for l in LANGS}

    def _hs(self, item, cid) -> list[str]:
        codes = []
        for code in self._list(item, "hs", cid):
            if not isinstance(code, str):
                self.report(_line(item, "hs"), f"{cid}: HS code {code!r} must be a quoted string "
                                               "('8418.10'): unquoted, YAML reads it as a number")
            elif not HS_CODE.match(code):
                self.report(_line(item, "hs"), f"{cid}: HS code '{code}' is not 4 or 6 digits (8418, 8418.10)")
            else:
                digits = code.replace(".", "")
                codes.append(format_hs(digits))
        return codes

    def _weee(self, item, cid) -> list[int]:
        if "weee" not in item:
            self.report(_line(item), f"{cid}: weee is missing: a category 1-6, a list of them, or null for none")
            return []
        value = item["weee"]
        values = [] if value is None else value if isinstance(value, list) else [value]
        if not all(isinstance(v, int) and not isinstance(v, bool) and v in WEEE_CATEGORIES for v in values):
            self.report(_line(item, "weee"), f"{cid}: weee {value!r} is not a WEEE category 1-6 (or null for none)")
            return []
        return sorted(values)

    def _sources(self, item, cid) -> list[dict]:
        sources = []
        for source in self._list(item, "sources", cid):
            url = source.get("url") if isinstance(source, dict) else None
            if not (isinstance(source, dict) and isinstance(source.get("title"), str) and isinstance(url, str)):
                self.report(_line(item, "sources"), f"{cid}: each source needs a title and a url")
            elif not (url.startswith("https://") or url.startswith("kb:")):
                self.report(_line(source), f"{cid}: source url '{url}' must be https://... or kb:<id>")
            elif url.startswith("kb:") and self.document_ids is not None and url[3:].split("#")[0] not in self.document_ids:
                self.report(_line(source), f"{cid}: source '{url}' names no document of the corpus")
            else:
                sources.append({"title": source["title"], "url": url})
        return sources


# -- lookups ------------------------------------------------------------------------------------

def format_hs(digits: str) -> str:
    return digits if len(digits) == 4 else f"{digits[:4]}.{digits[4:6]}"


def hs_digits(text: str) -> str | None:
    """'8418', '8418.10', '841810', '8418 10', '8418.10.20' -> digits (4 to 10); None if not a code."""
    text = text.strip()
    if not HS_QUERY.match(text):
        return None
    digits = re.sub(r"[ .]", "", text)
    return digits if len(digits) in (4, 6, 8, 10) else None


@dataclass
class Finding:
    """What a query found: one category, a choice between several, or nothing (with near codes)."""
    kind: str  # "category", "ambiguous", "unknown"
    categories: list[Category] = field(default_factory=list)
    hs: str | None = None  # the code as understood, when the query was one
    nearest: list[tuple[str, list[Category]]] = field(default_factory=list)


def find(catalogue: Catalogue, query: str) -> Finding:
    """An HS code (any of its spellings) or a product name in Chinese or English."""
    digits = hs_digits(query)
    return find_by_hs(catalogue, digits) if digits else find_by_name(catalogue, query)


def find_by_hs(catalogue: Catalogue, digits: str) -> Finding:
    # Only the first six digits are international; national subdivisions (CN, TARIC, China's
    # ten-digit codes) fall under them.
    code = digits[:6]
    if len(code) == 6:
        found = catalogue.by_code.get(code, []) + catalogue.by_code.get(code[:4], [])
    else:
        found = [c for key, cats in catalogue.by_code.items() if key.startswith(code) for c in cats]
    found = list(dict.fromkeys(found))
    if len(found) == 1:
        return Finding("category", found, format_hs(code))
    if found:
        return Finding("ambiguous", found, format_hs(code))
    return Finding("unknown", hs=format_hs(code), nearest=nearest_codes(catalogue, code))


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
    ranked = catalogue.names.rank(query)
    if not ranked:
        return Finding("unknown")
    (top, best), rest = ranked[0], ranked[1:]
    if not rest or top >= 1.5 * rest[0][0]:
        return Finding("category", [best])
    return Finding("ambiguous", [c for score, c in ranked if score >= 0.5 * top][:6])


class NameIndex:
    """Scores categories against a query over their names and synonyms in both languages.

    A token counts by its rarity across the catalogue (idf); a name whose every token is in the
    query counts again, and an exact name counts most, so "phone charger" beats "phone".
    """

    def __init__(self, categories):
        # The segmenter keeps every Chinese name whole, as it keeps the corpus's titles whole.
        names = [SimpleNamespace(title=n, aliases=[]) for c in categories for n in c.all_names()]
        self.analyzer = make_analyzer(domain_words(names))
        self.categories = categories
        self.phrases = {c.id: [self._tokens(n, query=False) for n in c.all_names()] for c in categories}
        self.tokens = {cid: set().union(*phrases) for cid, phrases in self.phrases.items()}
        self.exact = {c.id: {exact_key(n) for n in c.all_names()} for c in categories}
        df: dict[str, int] = {}
        for tokens in self.tokens.values():
            for t in tokens:
                df[t] = df.get(t, 0) + 1
        self.idf = {t: math.log(1 + len(categories) / n) for t, n in df.items()}

    def _tokens(self, text: str, query: bool) -> set[str]:
        return {t.text for t in self.analyzer(text, mode="query" if query else "")}

    def rank(self, query: str) -> list[tuple[float, Category]]:
        words = self._tokens(query, query=True)
        key = exact_key(query)
        ranked = []
        for category in self.categories:
            shared = words & self.tokens[category.id]
            if not shared:
                continue
            score = sum(self.idf[t] for t in shared)
            score += max((sum(self.idf[t] for t in p) for p in self.phrases[category.id] if p and p <= words), default=0)
            score += 10.0 if key and key in self.exact[category.id] else 0.0
            ranked.append((score, category))
        return sorted(ranked, key=lambda pair: -pair[0])
