"""The app's view of the data: the index (through IndexManager) and the corpus documents it was built from.

Pages render from the documents, search reads the index; both are reloaded together when a new
index is swapped in, so a page and its search results never disagree for long.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from flask import current_app

from indexer.corpus.corpus import load_corpus
from indexer.corpus.corpus_cache import cache_file
from indexer.engine.index import IndexManager
from indexer.products import catalogue_stamp, read_catalogue
from indexer.vocabulary import LANGS
from kb.act_versions import newest_by_celex, newest_first, versions_of
from kb.linker import TermLinker
from kb.render import render_document

KEPT_PAGES = 1024  # every page in both languages of a corpus several times the shipped one


class BuildState:
    """What the app derives from one build: the documents it was built from and everything worked
    out from them (term linkers, rendered pages, references, the product catalogue). Created
    together when a new build is swapped in and dropped together with it."""

    def __init__(self, name, documents):
        self.name = name
        self.documents = {(d.id, d.lang): d for d in documents}
        self.redirects = {old: d.id for d in documents for old in d.meta.get("redirect_from") or []}
        self.linkers: dict[str, TermLinker] = {}
        self.derived: dict = {}  # rendered bodies and references
        self.catalogue = None  # (file stamps, Catalogue): the product finder's data, checked against these documents
        self.pages: OrderedDict = OrderedDict()  # whole rendered pages, the most recently used last


class Knowledge:
    def __init__(self, corpus_dir, index_dir):
        self.corpus_dir = corpus_dir
        self.index = IndexManager(index_dir)
        self._lock = threading.Lock()
        self._state = BuildState(None, [])

    @property
    def documents(self) -> dict:
        return self._state.documents

    @property
    def redirects(self) -> dict:
        return self._state.redirects

    def refresh(self) -> BuildState:
        """The current build's state, reloaded when a new index has been swapped in since we last looked."""
        name = self.index.build_name() or "none"
        if name == self._state.name:
            return self._state
        with self._lock:
            if name != self._state.name:
                result = load_corpus(self.corpus_dir, cache_path=cache_file(self.index.root))
                self._state = BuildState(name, result.documents)
            return self._state

    def _once(self, key, compute):
        derived = self.refresh().derived
        if key not in derived:
            derived[key] = compute()
        return derived[key]

    def page(self, key, render) -> str:
        """A whole page that depends only on this build and `key`, rendered once and kept (at most
        KEPT_PAGES of them: `key` holds the host the reader asked, which the reader chooses)."""
        state = self.refresh()
        with self._lock:  # waitress serves from several threads
            found = state.pages.get(key)
            if found is not None:
                state.pages.move_to_end(key)
                return found
        found = render()
        with self._lock:
            state.pages[key] = found
            if len(state.pages) > KEPT_PAGES:
                state.pages.popitem(last=False)
        return found

    def catalogue(self):
        """The product finder's catalogue and rules, with act ids checked against this build's
        documents; reread when either file changes (they are edited without a rebuild)."""
        state = self.refresh()
        stamp = catalogue_stamp(self.corpus_dir)
        if state.catalogue is None or state.catalogue[0] != stamp:
            state.catalogue = (stamp, read_catalogue(self.corpus_dir, {doc_id for doc_id, _ in state.documents}))
        return state.catalogue[1]

    def rendered(self, doc, lang: str, page_url: str) -> str:
        """A page's body as HTML, rendered once per build (Markdown, sanitising and term linking
        cost far more than the rest of a page view)."""
        return self._once(
            (doc.id, lang, page_url),
            lambda: render_document(
                doc,
                lang,
                self.linker(lang),
                self.acts_by_celex(),
                page_url=page_url,
                full_text=self.full_text_of(doc, lang),
            ),
        )

    def document(self, doc_id: str, lang: str):
        self.refresh()
        return self.documents.get((doc_id, lang))

    def all(self, lang: str | None = None, type: str | None = None):
        self.refresh()
        docs = (
            d for d in self.documents.values() if (lang is None or d.lang == lang) and (type is None or d.type == type)
        )
        return sorted(docs, key=lambda d: d.title)

    def linker(self, lang: str):
        state = self.refresh()
        if lang not in state.linkers:
            state.linkers[lang] = TermLinker.from_documents(state.documents.values(), lang)
        return state.linkers[lang]

    def acts_by_celex(self) -> dict[str, str]:
        """CELEX -> id of the newest imported version of the act's full text (type act)."""
        return newest_by_celex(self.all(type="act"))

    def full_text_of(self, doc, lang: str):
        """The newest imported version of a regulation page's act (its articles get linked)."""
        if doc.type != "regulation" or not doc.meta.get("celex"):
            return None
        versions = versions_of(self.all(type="act"), str(doc.meta["celex"]), lang)
        return versions[0] if versions else None

    def page_for_celex(self, celex: str) -> str | None:
        """The newest imported version of an act's full text, else our regulation page for it (the
        address of an act follows it as new versions are imported; our page lists them all)."""
        return self.acts_by_celex().get(celex) or self.our_page_for_celex(celex)

    def our_page_for_celex(self, celex: str) -> str | None:
        """Our own page on an act (a regulation page; else any page naming that CELEX)."""
        found = {d.type: d.id for d in self.all() if d.type != "act" and str(d.meta.get("celex", "")).upper() == celex}
        return found.get("regulation") or next(iter(found.values()), None)

    def in_language(self, doc_id: str, lang: str):
        """The page in `lang`, else in the other language (an imported act often exists in one)."""
        return self.document(doc_id, lang) or next(
            (d for other in LANGS if (d := self.document(doc_id, other)) is not None), None
        )

    def references(self, doc, lang: str) -> dict:
        """Pages this one points at (related, replaces, ...) and pages that point at it; worked out
        once per build, since "mentioned in" reads every page."""
        return self._once(("references", doc.id, lang), lambda: self._references(doc, lang))

    def _references(self, doc, lang: str) -> dict:
        def pick(ids):
            return [
                d
                for d in (self.document(i, lang) or self.document(i, "zh" if lang == "en" else "en") for i in ids or [])
                if d
            ]

        meta = doc.meta
        mentioned = [
            d
            for d in self.all(lang)
            if d.id != doc.id and (doc.id in (d.meta.get("related") or []) or any(t == doc.id for _, t, _ in d.links))
        ]
        return {name: pick(meta.get(name)) for name in ("related", "replaces", "replaced_by", "barrier_forms")} | {
            "mentioned_in": mentioned,
            "summarises": pick([meta["summarises"]] if meta.get("summarises") else []),
            "full_text": newest_first(
                d
                for d in self.all()
                if d.type == "act"
                and d.meta.get("celex") == meta.get("celex")
                and doc.type != "act"
                and meta.get("celex")
            )[:1],
        }


def get_knowledge() -> Knowledge:
    return current_app.extensions["knowledge"]


def init_app(app):
    app.extensions["knowledge"] = Knowledge(app.config["CORPUS_DIR"], app.config["INDEX_DIR"])
