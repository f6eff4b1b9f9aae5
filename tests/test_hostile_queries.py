"""Hostile queries, generated: whatever a reader (or a script) types, search answers, quickly and bounded.

Every target (the search pages, the JSON API, indexer.engine.search directly) gets a few hundred generated
queries: arbitrary unicode, query syntax (AND OR NOT, quotes, brackets, ranges, field names,
wildcards anywhere, fuzzy ~, boosts ^) and strings up to 5,000 characters. None may answer 5xx or
raise, and none may take a second of CPU: the bound catches pathological blowups (a query that
scans the whole vocabulary, a spelling check over thousands of words), it is not a speed benchmark.
`pytest -s` prints how many queries each target was given.

`word~` is not a fuzzy search here: whoosh's FuzzyTermPlugin is not enabled, so the tilde is dropped
as punctuation and `lead~` searches for lead (a test below pins that down).
"""

from __future__ import annotations

import shutil
import time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from whoosh import query as wq

from indexer.corpus.corpus import load_corpus
from indexer.engine.index import IndexManager
from indexer.engine.query import MAX_EXPANSION, parse_base
from indexer.engine.search import search
from tests.conftest import DATA, ROOT

EXAMPLES = 300
# Seconds of CPU per query (typical answers take a few milliseconds). CPU time, not wall time, so
# a machine busy with other work does not fail the test; searching is pure Python in this thread.
SLOWEST_ALLOWED = 1.0
# deadline=None: hypothesis's own timing would also count shrinking; each call is measured below.
HOSTILE = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = [
    "lead",
    "cadmium",
    "RoHS",
    "WEEE",
    "recycling",
    "2011/65/EU",
    "32011L0065",
    "GB/T 26572",
    "铅",
    "镉",
    "绿色贸易壁垒",
    "限量",
    "回收",
    "x",
    "a",
    "the",
    "AND",
    "OR",
    "NOT",
    "TO",
]
SYNTAX = [
    '"',
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "*",
    "?",
    "~",
    "^",
    ":",
    "-",
    "+",
    "\\",
    "/",
    "!",
    "&&",
    "||",
    "title:",
    "type:",
    "lang:",
    "unknown:",
    "celex:",
    "status:",
    "*:",
    "[a TO z]",
    "{a TO}",
    "[TO z]",
    "<",
    ">",
    "'",
    "%",
    "%2e%2e/",
    "\x00",
    "\u200b",
    "\ufeff",
    "\U0001f600",
]


def _decorated(word: str, where: int, mark: str) -> str:
    where %= len(word) + 1
    return word[:where] + mark + word[where:]


words = st.sampled_from(WORDS) | st.text(min_size=1, max_size=12)
wildcarded = st.builds(_decorated, words, st.integers(0, 20), st.sampled_from(["*", "?", "**", "*?", "?*"]))
fuzzy = st.builds(lambda w, n: f"{w}~{n}", words, st.sampled_from(["", "1", "2", "9", "-1", "0.5", "x"]))
boosted = st.builds(lambda w, n: f"{w}^{n}", words, st.sampled_from(["", "2", "0", "-3", "1e308", "9" * 40, "x"]))
fielded = st.builds(
    lambda f, w: f + w, st.sampled_from(["title:", "type:", "lang:", "unknown:", "jurisdiction:"]), words | wildcarded
)
pieces = words | wildcarded | fuzzy | boosted | fielded | st.sampled_from(SYNTAX)
composed = st.lists(pieces, max_size=40).map(" ".join) | st.lists(pieces, max_size=40).map("".join)
long_text = (
    st.builds(lambda piece, n: (piece * n)[:5000], pieces, st.integers(50, 5000))
    | st.text(min_size=300, max_size=5000)
    | st.lists(words, min_size=100, max_size=1000).map(" ".join).map(lambda s: s[:5000])
)
hostile_queries = st.text(max_size=60) | composed | long_text
langs = st.sampled_from(["en", "zh"])

tried: dict[str, int] = {}


@pytest.fixture(scope="module", autouse=True)
def report_counts():
    yield
    counts = ", ".join(f"{target} {n}" for target, n in tried.items())
    print(f"\nhostile queries tried: {sum(tried.values())} ({counts})")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One index over the test corpus for the whole module (hypothesis calls each test hundreds of times)."""
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(DATA / "corpus", root / "corpus")
    manager = IndexManager(root / "index")
    manager.build(load_corpus(root / "corpus").documents)
    search(manager, "warm up")  # the segmenter loads on the first query; that is not the query's cost
    return root, manager


@pytest.fixture(scope="module")
def site(built):
    from kb import create_app

    root, _ = built
    app = create_app(
        {
            "TESTING": True,
            "CORPUS_DIR": str(root / "corpus"),
            "INDEX_DIR": str(root / "index"),
            "PRODUCTS_CATALOGUE": str(ROOT / "corpus" / "products" / "catalogue.yaml"),
        }
    )
    client = app.test_client()
    for first_call in ("/en/search?q=warm+up", "/api/suggest?q=ro", "/api/products?q=fridge"):
        client.get(first_call)  # loads the names and the product catalogue: not the query's cost
    return client


def timed(target: str, call):
    tried[target] = tried.get(target, 0) + 1
    started = time.process_time()
    answer = call()
    elapsed = time.process_time() - started
    assert elapsed < SLOWEST_ALLOWED, f"{target} took {elapsed:.2f} s"
    return answer


def assert_answered(response, json_expected: bool):
    assert response.status_code < 500, response.get_data(as_text=True)[:500]
    if json_expected:
        assert response.is_json and response.get_json() is not None


@HOSTILE
@given(q=hostile_queries, lang=langs)
@example(q="lead" * 1250, lang="en")  # did-you-mean once spent seconds on a 5,000-letter "word"
@example(q=" ".join(["leed", "cadmiun", "recyclng", "hazardus"] * 200), lang="en")  # ... and on 800 misspellings
def test_search_function_answers_any_query(built, q, lang):
    _, manager = built
    results = timed("indexer.engine.search", lambda: search(manager, q, lang=lang))
    assert results.total >= len(results.hits) >= 0


@HOSTILE
@given(q=hostile_queries)
@example(q="[a TO]")  # an open range once matched every term after "a"
@example(q="{0 TO z}")
def test_no_query_expands_to_the_whole_vocabulary(built, q):
    """Prefixes, wildcards, ranges and fuzzy terms are replaced by at most MAX_EXPANSION real terms."""
    _, manager = built
    with manager.searcher() as s:
        parsed = timed("parse_base", lambda: parse_base(s.schema, q, s.reader(), expander=manager.expander()))
    leaves = [parsed.query] if parsed.query.is_leaf() else list(parsed.query.leaves())
    assert not [leaf for leaf in leaves if isinstance(leaf, wq.MultiTerm)], parsed.query
    for node in _nodes(parsed.query):
        if isinstance(node, wq.Or) and node.subqueries and all(isinstance(c, wq.Term) for c in node.subqueries):
            assert len(node.subqueries) <= MAX_EXPANSION + len(q.split())


@pytest.mark.parametrize("q", ["lead~", "lead~2", "title:lead~", '"lead cadmium"~3 recyclng~1'])
def test_tilde_never_makes_a_fuzzy_query(built, q):
    _, manager = built
    with manager.searcher() as s:
        parsed = parse_base(s.schema, q, s.reader(), expander=manager.expander())
    assert not [n for n in _nodes(parsed.query) if isinstance(n, wq.FuzzyTerm)], parsed.query


def test_tilde_searches_the_plain_word(built):
    _, manager = built
    with manager.searcher() as s:
        assert parse_base(s.schema, "lead~", s.reader()).query == wq.Term("fulltext", "lead")


def _nodes(q):
    yield q
    for child in q.children():
        yield from _nodes(child)


@HOSTILE
@given(q=hostile_queries, lang=langs)
def test_search_page_answers_any_query(site, q, lang):
    response = timed("/<lang>/search", lambda: site.get(f"/{lang}/search", query_string={"q": q}))
    assert_answered(response, json_expected=False)


filter_values = st.sampled_from(["regulation", "EU", "in force", "zh", "en", "", "x" * 500]) | st.text(max_size=30)
filters = st.dictionaries(st.sampled_from(["type", "jurisdiction", "status", "in"]), filter_values)


@HOSTILE
@given(
    q=hostile_queries, lang=langs, page=st.sampled_from(["1", "2", "0", "-1", "99999999999", "x", ""]), filters=filters
)
def test_search_api_answers_any_query(site, q, lang, page, filters):
    args = {"q": q, "lang": lang, "page": page, **filters}
    response = timed("/api/search", lambda: site.get("/api/search", query_string=args))
    assert_answered(response, json_expected=True)


@HOSTILE
@given(q=hostile_queries, lang=langs)
def test_suggest_api_answers_any_prefix(site, q, lang):
    response = timed("/api/suggest", lambda: site.get("/api/suggest", query_string={"q": q, "lang": lang}))
    assert_answered(response, json_expected=True)


@HOSTILE
@given(q=hostile_queries, lang=langs)
def test_products_api_answers_any_query(site, q, lang):
    response = timed("/api/products", lambda: site.get("/api/products", query_string={"q": q, "lang": lang}))
    assert_answered(response, json_expected=True)
