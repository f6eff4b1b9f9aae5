"""The app's view of the data: the index (through IndexManager) and the corpus documents it was built from.

Pages render from the documents, search reads the index; both are reloaded together when a new
index is swapped in, so a page and its search results never disagree for long.
"""
from __future__ import annotations

import os
import threading

from flask import current_app

from indexer.corpus import load_corpus
from indexer.corpus_cache import cache_file
from indexer.index import IndexManager
from kb.act_versions import newest_by_celex, newest_first, versions_of
from kb.linker import TermLinker
from kb.render import render_document


class Knowledge:
    def __init__(self, corpus_dir, index_dir):
        self.corpus_dir = corpus_dir
        self.index = IndexManager(index_dir)
        self._lock = threading.Lock()
        self._loaded_for = None
        self.documents: dict[tuple[str, str], object] = {}
        self.redirects: dict[str, str] = {}
        self._linkers: dict[str, TermLinker] = {}
        self._per_build: dict = {}  # rendered bodies and references, dropped when a new build is swapped in

    def refresh(self):
        """Reload the corpus when a new index has been swapped in since we last looked."""
        try:
            key = os.readlink(self.index.current)  # the build's name: one system call per look
        except OSError:
            key = "none"
        if key == self._loaded_for:
            return
        with self._lock:
            if key == self._loaded_for:
                return
            result = load_corpus(self.corpus_dir, cache_path=cache_file(self.index.root))
            self.documents = {(d.id, d.lang): d for d in result.documents}
            self.redirects = {old: d.id for d in result.documents for old in d.meta.get("redirect_from") or []}
            self._linkers = {}
            self._per_build = {}
            self._loaded_for = key

    def rendered(self, doc, lang: str, page_url: str) -> str:
        """A page's body as HTML, rendered once per build (Markdown, sanitising and term linking
        cost far more than the rest of a page view)."""
        self.refresh()
        key = (doc.id, lang, page_url)
        if key not in self._per_build:
            self._per_build[key] = render_document(doc, lang, self.linker(lang), self.acts_by_celex(),
                                                  page_url=page_url, full_text=self.full_text_of(doc, lang))
        return self._per_build[key]

    def document(self, doc_id: str, lang: str):
        self.refresh()
        return self.documents.get((doc_id, lang))

    def all(self, lang: str | None = None, type: str | None = None):
        self.refresh()
        docs = (d for d in self.documents.values() if (lang is None or d.lang == lang)
                and (type is None or d.type == type))
        return sorted(docs, key=lambda d: d.title)


    def linker(self, lang: str):
        self.refresh()
        if lang not in self._linkers:
            self._linkers[lang] = TermLinker.from_documents(self.documents.values(), lang)
        return self._linkers[lang]

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
        """Our regulation page for an act, else the newest version of its imported full text."""
        found = {d.type: d.id for d in self.all() if str(d.meta.get("celex", "")).upper() == celex}
        return (found.get("regulation") or self.acts_by_celex().get(celex)
                or next(iter(found.values()), None))

    def references(self, doc, lang: str) -> dict:
        """Pages this one points at (related, replaces, ...) and pages that point at it; worked out
        once per build, since "mentioned in" reads every page."""
        self.refresh()
        key = ("references", doc.id, lang)
        if key not in self._per_build:
            self._per_build[key] = self._references(doc, lang)
        return self._per_build[key]

    def _references(self, doc, lang: str) -> dict:
        def pick(ids):
            return [d for d in (self.document(i, lang) or self.document(i, "zh" if lang == "en" else "en")
                                for i in ids or []) if d]
        meta = doc.meta
        mentioned = [d for d in self.all(lang) if d.id != doc.id and (
            doc.id in (d.meta.get("related") or []) or any(t == doc.id for _, t, _ in d.links))]
        return {name: pick(meta.get(name)) for name in ("related", "replaces", "replaced_by", "barrier_forms")} | {
            "mentioned_in": mentioned, "summarises": pick([meta["summarises"]] if meta.get("summarises") else []),
            "full_text": newest_first(d for d in self.all() if d.type == "act" and d.meta.get("celex") == meta.get("celex")
                                      and doc.type != "act" and meta.get("celex"))[:1],
        }


def get_knowledge() -> Knowledge:
    return current_app.extensions["knowledge"]


def init_app(app):
    app.extensions["knowledge"] = Knowledge(app.config["CORPUS_DIR"], app.config["INDEX_DIR"])
