"""One opened build of the index and what is worth computing once per build.

A build never changes once swapped in, so its searcher, its record metadata, its language table
and the answers to recent queries can all be kept until the next swap.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.idsets import BitSet
from whoosh.query import Term

from indexer.corpus import lexicon
from indexer.corpus.lexicon import Expander
from indexer.engine.ranking import not_current_names

LARGE_FIELDS = ("body", "aliases")
CACHED_ANSWERS = 512
# Queries whose matching records are kept (a bit per record: 2.6 kB each for 21,000 records at 10k).
KEPT_MATCHES = 2048


class BuildView:
    def __init__(self, path: Path):
        self.name = path.name
        self.index = whoosh_index.open_dir(str(path))
        self.index.schema["body"].analyzer.warm_up()  # jieba and its dictionary, before the first query
        self.searcher = self.index.searcher()
        self.kinds = {k: set(self.searcher.docs_for_query(Term("kind", k))) for k in ("doc", "section")}
        analyzer = self.index.schema["body"].analyzer
        self.expander = Expander(
            lexicon.load_saved(path), tokenize=lambda name: [t.text for t in analyzer(name, mode="query")]
        )
        self._meta: dict[int, dict] = {}
        self._languages: dict[str, list[str]] | None = None
        self._answers: OrderedDict = OrderedDict()
        self._derived: dict[str, object] = {}
        self._sections: dict[str, frozenset] = {}
        self._not_current: dict | None = None
        self._named: dict[str, frozenset] | None = None
        self._matching: OrderedDict = OrderedDict()

    def meta(self, docnum: int) -> dict:
        """A record's small stored fields: ranking and facets read these for every matching page,
        and whoosh would otherwise unpickle the whole record (body included) each time."""
        found = self._meta.get(docnum)
        if found is None:
            fields = self.searcher.stored_fields(docnum)
            found = self._meta[docnum] = {k: v for k, v in fields.items() if k not in LARGE_FIELDS}
        return found

    def languages(self) -> dict[str, list[str]]:
        """doc_id -> the languages it exists in."""
        if self._languages is None:
            found: dict[str, set] = {}
            for n in self.kinds["doc"]:
                found.setdefault(self.meta(n)["doc_id"], set()).add(self.meta(n)["lang"])
            self._languages = {k: sorted(v) for k, v in found.items()}
        return self._languages

    def derived(self, name: str, compute):
        """Something worked out from this build (e.g. the names suggestions complete), computed on
        first use and dropped with the build: no module keeps per-build state of its own."""
        if name not in self._derived:
            self._derived[name] = compute()
        return self._derived[name]

    def sections_of(self, doc_id: str) -> frozenset:
        """Record numbers of the sections of `doc_id`, all its languages."""
        found = self._sections.get(doc_id)
        if found is None:
            found = frozenset(self.searcher.docs_for_query(Term("doc_id", doc_id))) & self.kinds["section"]
            self._sections[doc_id] = found
        return found

    def matching(self, q) -> BitSet:
        """The records `q` matches, unscored, kept for this build: the same words come back query
        after query, and which sections hold each of them is asked for every passage chosen."""
        found = self._matching.get(q)
        if found is None:
            found = self._matching[q] = BitSet(self.searcher.docs_for_query(q), size=self.searcher.doc_count_all())
            if len(self._matching) > KEPT_MATCHES:
                self._matching.popitem(last=False)
        else:
            self._matching.move_to_end(q)
        return found

    def pages_named(self, key: str) -> frozenset:
        """doc_ids of the pages one of whose titles or aliases reduces to `key` (schema.exact_key).
        The whole table is read once per build: a query looks up every run of its words."""
        if self._named is None:
            reader, named = self.searcher.reader(), {}
            for btext in reader.lexicon("exact"):
                ids = {self.meta(n)["doc_id"] for n in reader.postings("exact", btext).all_ids()}
                named[btext.decode("utf-8")] = frozenset(ids)
            self._named = named
        return self._named.get(key, frozenset())

    def successors(self, doc_id: str) -> list[str]:
        """The ids in `replaced_by` of `doc_id`'s page."""
        for n in self.searcher.docs_for_query(Term("doc_id", doc_id)):
            if n in self.kinds["doc"]:
                return [d for d in (self.meta(n).get("replaced_by") or "").split(",") if d]
        return []

    def not_current(self, asking: frozenset) -> dict:
        """doc_id -> words only its own names use, for the repealed and replaced acts and their summaries."""
        if self._not_current is None:
            analyzer = self.index.schema["body"].analyzer
            meta, names = {}, {}
            for n in self.kinds["doc"]:
                fields = self.meta(n)
                meta.setdefault(fields["doc_id"], fields)
                stored = self.searcher.stored_fields(n)
                words = names.setdefault(fields["doc_id"], set())
                for text in (stored.get("title", ""), stored.get("aliases", "")):
                    words.update(t.text for t in analyzer(text, mode="query"))
            self._not_current = not_current_names(meta, lambda d: names[d], asking)
        return self._not_current

    def remembered(self, key, compute):
        """The answer for `key` from this build, computing it once (queries repeat a lot)."""
        if key in self._answers:
            self._answers.move_to_end(key)
            return self._answers[key]
        answer = self._answers[key] = compute()
        if len(self._answers) > CACHED_ANSWERS:
            self._answers.popitem(last=False)
        return answer

    def close(self):
        self.searcher.close()
        self.index.close()
