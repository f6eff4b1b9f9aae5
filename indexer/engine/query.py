"""User query text -> whoosh query, never an exception.

The query language is whoosh's (phrases in quotes, field:value, AND / OR / NOT, prefix*). What the
parser cannot read cleanly (unbalanced quotes or brackets, a lone wildcard, noise) falls back to a
plain search for the words it contains; wildcard expansion is bounded so no query scans the whole
vocabulary into one giant OR.
"""

from __future__ import annotations

import itertools
import re
from copy import copy as shallow_copy
from dataclasses import dataclass

from whoosh import qparser
from whoosh import query as wq

DOC_FIELDS = {"title": 6.0, "aliases": 5.0, "headings": 2.0, "fulltext": 1.0}
SECTION_FIELDS = {"heading": 2.0, "body": 1.0}
USER_FIELDS = ("title", "type", "lang", "jurisdiction", "status", "celex", "level", "barrier_forms")
MAX_QUERY_CHARS = 300
MAX_EXPANSION = 64
_LONE_WILDCARD = re.compile(r"(?:^|\s)[*?]+(?=\s|$)")


@dataclass
class ParsedQuery:
    query: wq.Query
    fallback: bool = False
    notice: str = ""


BASE_FIELD = "fulltext"  # queries are parsed once against this field, then spread to the others


def parse_user_query(
    schema, text: str, fields: dict = DOC_FIELDS, reader=None, any_word=False, expander=None
) -> ParsedQuery:
    base = parse_base(schema, text, reader, any_word, expander)
    return ParsedQuery(for_fields(base.query, fields), base.fallback, base.notice)


def parse_base(schema, text: str, reader=None, any_word=False, expander=None) -> ParsedQuery:
    """The query against BASE_FIELD only: every word is analysed once, however many fields it spreads to."""
    text, notice = (text or "").strip(), ""
    if len(text) > MAX_QUERY_CHARS:
        text, notice = text[:MAX_QUERY_CHARS], f"query cut to its first {MAX_QUERY_CHARS} characters"
    if not text:
        return ParsedQuery(wq.NullQuery, notice=notice)
    if not _readable(text):
        return ParsedQuery(plain_query(schema, text, any_word), True, notice)
    try:
        q = _parser(schema, any_word).parse(expander.expand(text) if expander else text)
    except Exception:  # whoosh raises assorted errors on odd syntax; any of them means "fall back"
        return ParsedQuery(plain_query(schema, text, any_word), True, notice)
    if q is wq.NullQuery:  # only stop words, say: nothing to search for, but nothing misread either
        return ParsedQuery(plain_query(schema, text, any_word), False, notice)
    return ParsedQuery(bound_expansions(q, reader) if reader else q, False, notice)


def for_fields(q: wq.Query, fields: dict) -> wq.Query:
    """Each BASE_FIELD leaf of `q` becomes an OR of the same leaf in each of `fields`, boosted."""
    return _union_matchers(_spread(q, fields))


def _union_matchers(q: wq.Query) -> wq.Query:
    # On small indexes whoosh "preloads" every OR into an array as long as the whole index; our
    # queries nest many small ORs (fields x synonyms), where plain union matchers are much cheaper.
    if isinstance(q, wq.Or):
        q.matcher_type = wq.Or.DEFAULT_MATCHER
    for sub in q.children():
        _union_matchers(sub)
    return q


def _spread(q: wq.Query, fields: dict) -> wq.Query:
    if q is wq.NullQuery:
        return q
    if q.is_leaf():
        if getattr(q, "fieldname", None) != BASE_FIELD:
            return q  # the user named a field (type:regulation): keep it
        copies = []
        for name, boost in fields.items():
            copy = shallow_copy(q)  # whoosh's own copy() is a deepcopy, a tenth of some queries' time
            copy.fieldname, copy.boost = name, q.boost * boost
            copies.append(copy)
        return wq.Or(copies)
    return q.apply(lambda sub: _spread(sub, fields))


def _parser(schema, any_word=False):
    # any_word: pages matching more of the words still score higher (OrGroup's coordination factor).
    # A Chinese run the analyzer cuts into several words joins them with the group's own query class
    # (the fields' multitoken_query is "default"), so it needs no setting of its own here.
    group = qparser.OrGroup.factory(0.9) if any_word else qparser.AndGroup
    parser = qparser.QueryParser(BASE_FIELD, schema, group=group)
    parser.remove_plugin_class(qparser.EveryPlugin)
    return parser


def _readable(text: str) -> bool:
    if text.count('"') % 2 or text.count("(") != text.count(")") or text.count("[") != text.count("]"):
        return False
    if _LONE_WILDCARD.search(text) or re.search(r"(^|\s):|:(\s|$)|::", text):
        return False
    names = re.findall(r"(\w+):", text)
    return all(name in USER_FIELDS for name in names)


def plain_query(schema, text: str, any_word=False) -> wq.Query:
    """The words of `text`, each to be found in BASE_FIELD; no operators, no syntax."""
    analyzer = schema["body"].analyzer
    words = list(dict.fromkeys(t.text for t in analyzer(text, mode="query")))[:32]
    if not words:
        return wq.NullQuery
    per_word = [wq.Term(BASE_FIELD, w) for w in words]
    if len(per_word) == 1:
        return per_word[0]
    return wq.Or(per_word, scale=0.9) if any_word else wq.And(per_word)


def bound_expansions(q: wq.Query, reader) -> wq.Query:
    """Replace prefix / wildcard / fuzzy terms and ranges ([a TO]) by at most MAX_EXPANSION real terms."""
    if isinstance(q, wq.MultiTerm):
        if isinstance(q, wq.Wildcard) and re.match(r"^[*?]", q.text):
            return wq.Term(q.fieldname, q.text.strip("*?"))  # a leading wildcard scans everything
        words = list(itertools.islice(q._btexts(reader), MAX_EXPANSION))
        if not words:
            return wq.NullQuery
        return wq.Or([wq.Term(q.fieldname, w.decode("utf-8"), boost=q.boost) for w in words])
    if q.is_leaf():
        return q
    return q.apply(lambda sub: bound_expansions(sub, reader))
