"""Versions of an imported act (GDPR as adopted and its consolidated text of 4 May 2016, real
pages) as documents, addresses, search results and the "what changed" page."""

from __future__ import annotations

import re

import pytest

from indexer.corpus.corpus import load_corpus
from indexer.engine.index import IndexManager
from indexer.engine.search import search
from indexer.eurlex import import_pages
from indexer.eurlex.changes import compare, parts_of, word_diff
from kb import create_app
from tests.conftest import DATA
from tests.test_eurlex import DAY1, corpus_files, edit, sample, save

SAMPLES = DATA / "eurlex"
ADOPTED, CONSOLIDATED = "gdpr_32016R0679.xhtml", "gdpr_02016R0679-20160504.xhtml"
EPRIVACY = "eprivacy_02002L0058-20091219.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("versions")
    corpus, index = root / "corpus", root / "index"
    import_pages([SAMPLES / CONSOLIDATED, SAMPLES / ADOPTED], corpus, today=DAY1)
    loaded = load_corpus(corpus)
    assert not loaded.problems, [str(p) for p in loaded.problems]
    manager = IndexManager(index)
    manager.build(loaded.documents)
    app = create_app({"TESTING": True, "CORPUS_DIR": str(corpus), "INDEX_DIR": str(index)})
    return manager, app.test_client(), loaded


def test_each_version_is_its_own_document(site):
    ids = sorted(d.id for d in site[2].documents)
    assert ids == ["celex-32016r0679", "celex-32016r0679-20160504"]
    by_id = {d.id: d.meta for d in site[2].documents}
    assert by_id["celex-32016r0679"]["version"] == "adopted"
    assert str(by_id["celex-32016r0679-20160504"]["version_date"]) == "2016-05-04"
    assert by_id["celex-32016r0679"]["replaced_by"] == ["celex-32016r0679-20160504"]


def test_celex_address_goes_to_the_newest_version(site):
    response = site[1].get("/celex/32016R0679", headers={"Accept-Language": "en"})
    assert response.status_code == 302 and response.location.endswith("/en/celex-32016r0679-20160504")


@pytest.mark.parametrize(
    "day, target",
    [
        ("2016-04-27", "/en/celex-32016r0679"),  # the day it was adopted
        ("2016-05-04", "/en/celex-32016r0679-20160504"),  # the consolidation date
        ("2020-01-01", "/en/celex-32016r0679-20160504"),  # the version standing on that day
    ],
)
def test_celex_address_with_a_date_goes_to_that_version(site, day, target):
    response = site[1].get(f"/celex/32016R0679/{day}")
    assert response.status_code == 302 and response.location.endswith(target)


@pytest.mark.parametrize(
    "path", ["/celex/32016R0679/2015-01-01", "/celex/32016R0679/May-2016", "/celex/32099R0001/2016-05-04"]
)
def test_celex_address_without_such_a_version_is_not_found(site, path):
    assert site[1].get(path).status_code == 404


def test_act_page_lists_versions_newest_first(site):
    page = site[1].get("/en/celex-32016r0679").get_data(as_text=True)
    listed = re.findall(r'<li>(?:<a href="/en/(celex-[\w-]+)">|<strong>)(Consolidated|As adopted)', page)
    assert [kind for _, kind in listed] == ["Consolidated", "As adopted"]
    assert "/en/celex/32016R0679/changes" in page


def test_search_shows_the_newest_version_by_default(site):
    ids = [h.doc_id for h in search(site[0], "data protection officer designation", lang="en").hits]
    assert "celex-32016r0679-20160504" in ids and "celex-32016r0679" not in ids


def test_search_filter_shows_the_older_versions(site):
    results = search(site[0], "data protection officer designation", lang="en", filters={"status": "replaced"})
    assert [h.doc_id for h in results.hits] == ["celex-32016r0679"]


def test_search_page_offers_the_older_versions_as_a_filter(site):
    page = site[1].get("/en/search?q=data+protection+officer").get_data(as_text=True)
    assert "status=replaced" in page


# -- what changed ---------------------------------------------------------------------------


def test_changes_are_found_article_by_article(site):
    docs = {d.id: d for d in site[2].documents}
    changes = compare(parts_of(docs["celex-32016r0679"].sections), parts_of(docs["celex-32016r0679-20160504"].sections))
    article_37 = next(c for c in changes if c.anchor == "art-37")
    assert article_37.kind == "changed"
    assert [w for w in article_37.words if w[0] != "same"] == [("removed", "and"), ("added", "or")]
    assert article_37.amended_by[0].startswith("C1 (Corrigendum, OJ L 127, 23.5.2018")
    # renumbered footnote calls ("(19)" in the OJ, "(1)" in the consolidated text) are no change
    assert "art-4" not in [c.anchor for c in changes]


def test_changes_page_shows_words_and_the_correcting_act(site):
    page = site[1].get("/en/celex/32016R0679/changes").get_data(as_text=True)
    assert "changes from As adopted 2016-04-27 to Consolidated 2016-05-04" in page
    assert re.search(r'<del title="removed words">and</del> <ins title="added words">or</ins>', page)
    assert "Corrigendum, OJ L 127, 23.5.2018" in page


def test_changes_page_exists_in_both_languages_and_links_its_twin(site):
    zh = site[1].get("/zh/celex/32016R0679/changes")
    text = zh.get_data(as_text=True)
    assert zh.status_code == 200 and "的变化" in text and "逐条列出" in text
    assert 'href="/en/celex/32016R0679/changes' in text


def test_changes_page_chooses_versions_by_date(site):
    page = site[1].get("/en/celex/32016R0679/changes?from=2016-05-04&to=2016-04-27")
    assert page.status_code == 200  # an impossible choice falls back to the usual pair
    assert "changes from As adopted 2016-04-27 to Consolidated 2016-05-04" in page.get_data(as_text=True)


def test_changes_page_of_an_act_not_imported_is_not_found(site):
    assert site[1].get("/en/celex/32099R0001/changes").status_code == 404


def test_amending_acts_are_named_from_the_consolidation_markers(tmp_path):
    # the real ePrivacy consolidated text and the same text dated later with one word of an
    # article amended by M2 (Directive 2009/136/EC) changed
    page = sample(EPRIVACY)
    newer = edit(page, "19.12.2009".encode(), b"19.12.2011")
    newer = edit(newer, b"supporting data collection", b"supporting data gathering")
    import_pages([SAMPLES / EPRIVACY, save(tmp_path, "newer.html", newer)], tmp_path / "corpus", today=DAY1)
    docs = {d.id: d for d in load_corpus(tmp_path / "corpus").documents}
    changes = compare(
        parts_of(docs["celex-32002l0058-20091219"].sections), parts_of(docs["celex-32002l0058-20111219"].sections)
    )
    assert [(c.anchor, c.kind, c.amended_by) for c in changes] == [("art-3", "changed", ["M2 (Directive 2009/136/EC)"])]
    assert [w for w in changes[0].words if w[0] != "same"] == [("removed", "collection"), ("added", "gathering")]


def test_word_diff_keeps_line_breaks():
    runs = word_diff("1. A shall apply.\n2. B applies.", "1. A shall apply.\n2. C applies.")
    assert runs == [("same", "1. A shall apply.\n2."), ("removed", "B"), ("added", "C"), ("same", "applies.")]


def test_importing_versions_twice_changes_nothing(tmp_path):
    import_pages([SAMPLES / CONSOLIDATED, SAMPLES / ADOPTED], tmp_path, today=DAY1)
    before = corpus_files(tmp_path)
    import_pages([SAMPLES / ADOPTED], tmp_path, today=DAY1)
    assert corpus_files(tmp_path) == before
