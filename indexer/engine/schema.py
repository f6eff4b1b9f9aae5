"""What the index holds: one record per document (kind "doc") and one per section ("section").

Documents answer "which pages match" (ranking, facets, pagination); sections answer "where on the
page" (the passage, its anchor and its highlighted snippet).
"""

from __future__ import annotations

import re

from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from indexer.analysis.analysis import CJK
from indexer.analysis.fold import fold
from indexer.engine.analyzer import JoinedText, make_analyzer

SCHEMA_VERSION = "5"
# Priors multiplied into a page's score: the regulation page before its summary, the act in force
# before the one it replaced. A summary or an old act still ranks first when it alone matches well.
TYPE_PRIOR = {"summary": 0.75, "act": 0.8, "source": 0.8}
STATUS_PRIOR = {"repealed": 0.85, "replaced": 0.85}
_CJK_RUN = re.compile(f"[{CJK}]+")
_NON_WORD = re.compile(r"[\W_]+")
_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
MAX_DICTIONARY_WORD = 24


def build_schema(words=()) -> Schema:
    analyzer = make_analyzer(words)
    return Schema(
        key=ID(stored=True, unique=True),
        version=ID,  # "<id>:<lang>" on the page and on each of its sections
        kind=ID(stored=True),
        doc_id=ID(stored=True),
        lang=ID(stored=True),
        type=ID(stored=True),
        jurisdiction=ID(stored=True),
        status=ID(stored=True),
        level=ID(stored=True),
        barrier_forms=KEYWORD(stored=True, commas=True),
        celex=ID(stored=True),
        replaced_by=KEYWORD(stored=True, commas=True),  # a repealed act's successors (current first)
        anchor=STORED,
        title=TEXT(analyzer=analyzer, stored=True, chars=True),
        aliases=TEXT(analyzer=analyzer, stored=True, chars=True),
        headings=TEXT(analyzer=analyzer),
        fulltext=TEXT(analyzer=analyzer),
        # The page's distinct Latin words, unstemmed, for "did you mean": far cheaper than letting
        # whoosh re-analyse the whole text (jieba included) a third time for its spelling words.
        spell=TEXT(analyzer=RegexTokenizer(r"[A-Za-z]{3,}") | LowercaseFilter(), phrase=False),
        heading=TEXT(analyzer=analyzer, stored=True, chars=True),
        body=TEXT(analyzer=analyzer, stored=True, chars=True),
        exact=KEYWORD(commas=True, scorable=True),
    )


def exact_key(text: str) -> str:
    """Title / alias / query reduced to letters and digits: 'Directive 2011/65/EU' -> 'directive201165eu'."""
    return _NON_WORD.sub("", fold(str(text)).lower())


def domain_words(documents) -> list[str]:
    """Chinese words the segmenter must keep whole: every Chinese run in a title or an alias."""
    words = set()
    for doc in documents:
        for name in [doc.title] + doc.aliases:
            for run in _CJK_RUN.findall(fold(name)):
                if len(run) == 1 and run == fold(name).strip() or 1 < len(run) <= MAX_DICTIONARY_WORD:
                    words.add(run)
    return sorted(words)


def shared_fields(doc) -> dict:
    meta = doc.meta
    return dict(
        doc_id=doc.id,
        lang=doc.lang,
        type=doc.type,
        version=doc.key,
        jurisdiction=str(meta.get("jurisdiction") or ""),
        status=str(meta.get("status") or ""),
        level=str(meta.get("level") or ""),
        barrier_forms=",".join(meta.get("barrier_forms") or []),
        celex=str(meta.get("celex") or ""),
        title=doc.title,
        replaced_by=",".join(str(d) for d in meta.get("replaced_by") or []),
    )


def records(doc):
    """The index records of one document: the whole page, then each section."""
    base = shared_fields(doc)
    names = [doc.title] + doc.aliases
    if base["celex"] and doc.type == "regulation":  # the CELEX number names the regulation page
        names.append(base["celex"])
    sections = doc.sections
    prior = TYPE_PRIOR.get(doc.type, 1.0) * STATUS_PRIOR.get(base["status"], 1.0)
    # The page's fields repeat its title, section texts and headings, which the section records and
    # the title field hold on their own: joined texts let the analyzer read each of them once.
    fulltext = JoinedText([doc.title] + [s.text for s in sections], doc.key)
    yield dict(
        base,
        key=doc.key,
        kind="doc",
        anchor="",
        _boost=prior,
        aliases=" ; ".join(doc.aliases + ([base["celex"]] if base["celex"] else [])),
        headings=JoinedText([s.heading for s in sections if s.anchor], doc.key),
        fulltext=fulltext,
        spell=" ".join(sorted(set(_LATIN_WORD.findall(fulltext)))),
        exact=",".join(k for k in map(exact_key, names) if k),
    )
    for s in sections:
        yield dict(
            base,
            key=f"{doc.key}#{s.anchor}",
            kind="section",
            anchor=s.anchor,
            heading=s.heading if s.anchor else "",
            body=s.text,
        )
