"""Bilingual lexicon: groups of names for one thing, used to widen a query across languages.

Groups come from corpus/lexicon.yaml and from the titles and aliases of term and barrier-form
pages. The build stores the merged groups beside the index (lexicon.json), so a query is widened
with exactly the lexicon the index was built with.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from indexer.analysis.fold import fold

LEXICON_FILE = "lexicon.yaml"
AUTO_TYPES = ("term", "barrier-form")
TRANSLATION_WEIGHT = 0.6
_IDENTIFIER = re.compile(r"\d+/\d+|\d{5}[A-Za-z]\d{4}")
_SYNTAX = re.compile(r'["():*?^~\[\]{}]')


def normalise(name: str) -> str:
    return " ".join(fold(str(name)).lower().split())


def load_lexicon(corpus_dir, report) -> list[list[str]]:
    """Groups from corpus/lexicon.yaml; problems reported as report(line, message)."""
    path = Path(corpus_dir) / LEXICON_FILE
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        report(mark.line + 1 if mark else 1, f"lexicon does not parse: {getattr(e, 'problem', e)}")
        return []
    if not isinstance(data, list):
        report(1, "the lexicon must be a list of groups, one '- [name, name, ...]' per line")
        return []
    groups = []
    for item, item_node in zip(data, node.value):
        line = item_node.start_mark.line + 1
        if not isinstance(item, list) or len(item) < 2 or not all(isinstance(n, (str, int)) for n in item):
            report(line, "a lexicon group is a list of at least two names, e.g. [铅, lead]")
        elif any(_SYNTAX.search(str(n)) for n in item):
            report(line, 'lexicon names may not contain query syntax: " ( ) : * ? ^ ~ [ ] { }')
        else:
            groups.append([str(n) for n in item])
    return groups


def document_groups(documents) -> list[list[str]]:
    """Each term or barrier-form page's title and aliases in both languages, as one group."""
    by_id: dict[str, set] = {}
    for doc in documents:
        if doc.type in AUTO_TYPES:
            names = by_id.setdefault(doc.id, set())
            names.update(
                n
                for n in [doc.title] + doc.aliases
                if not _IDENTIFIER.search(n) and not _SYNTAX.search(n) and len(n) <= 40
            )
    return [sorted(names) for names in by_id.values() if len(names) > 1]


def merge(groups) -> dict[str, list[str]]:
    """name (normalised) -> every name it stands for, itself included."""
    table: dict[str, set] = {}
    for group in groups:
        names = {normalise(n) for n in group if normalise(n)}
        for name in names:
            table.setdefault(name, set()).update(names)
    return {name: sorted(others) for name, others in table.items()}


def save(table: dict, directory: Path) -> None:
    (Path(directory) / "lexicon.json").write_text(json.dumps(table, ensure_ascii=False, sort_keys=True))


def load_saved(directory: Path) -> dict:
    try:
        return json.loads((Path(directory) / "lexicon.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def lower_same_length(text: str) -> str:
    lowered = text.lower()
    # Offsets into the lowered text must match the original: a few letters lower to two characters.
    return lowered if len(lowered) == len(text) else "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def surface_pattern(surface: str) -> str:
    """Regex for a name inside running text: Latin names must stand alone, Chinese ones need not."""
    escaped = re.escape(surface)
    if re.match(r"[0-9a-z]", surface):
        escaped = r"(?<![0-9a-z])" + escaped
    if re.search(r"[0-9a-z]$", surface):
        escaped += r"(?![0-9a-z])"
    return escaped


MAX_ALTERNATIVES = 6


class Expander:
    """Rewrites query text so each lexicon name also searches for the other names of its group."""

    _PROTECTED = re.compile(r'"[^"]*"|\S+:\S*')

    def __init__(self, table: dict[str, list[str]], tokenize=None):
        self.table = table
        self.tokenize = tokenize
        names = sorted(table, key=len, reverse=True)
        self.pattern = re.compile("|".join(surface_pattern(n) for n in names)) if names else None
        self._alternatives: dict[str, list[str]] = {}

    def expand(self, text: str) -> str:
        if not self.pattern:
            return text
        out, last = [], 0
        for m in self._PROTECTED.finditer(text):
            out.append(self._expand_plain(text[last : m.start()]))
            out.append(m.group())
            last = m.end()
        out.append(self._expand_plain(text[last:]))
        return "".join(out)

    def alternatives(self, typed: str) -> list[str]:
        """The other names of `typed`'s group that widen the search: a name whose words include all
        the words of a name already searched adds nothing ("tbt agreement" beside "tbt")."""
        if typed not in self._alternatives:
            words = self.tokenize or (lambda name: name.split())
            kept_words = [set(words(typed))]
            kept = []
            for name in sorted(self.table.get(typed, []), key=lambda n: (len(words(n)), len(n))):
                mine = set(words(name))
                if name == typed or not mine or any(k <= mine for k in kept_words):
                    continue
                kept.append(name)
                kept_words.append(mine)
            self._alternatives[typed] = kept[:MAX_ALTERNATIVES]
        return self._alternatives[typed]

    def _expand_plain(self, text: str) -> str:
        folded, out, last = lower_same_length(fold(text)), [], 0
        for m in self.pattern.finditer(folded):
            others = self.alternatives(m.group())
            if not others:
                continue
            out.append(text[last : m.start()])
            # The name the user typed counts fully; its translations and synonyms count less.
            alternatives = [f'"{m.group()}"'] + [f'"{n}"^{TRANSLATION_WEIGHT}' for n in others]
            out.append("(" + " OR ".join(alternatives) + ")")
            last = m.end()
        out.append(text[last:])
        return "".join(out)
