"""Imported EUR-Lex texts next to our pages: celex: links, full text, /celex/ redirects, article passages."""

import pytest

from indexer.corpus.corpus import load_corpus
from indexer.engine.index import IndexManager
from indexer.engine.search import search
from indexer.eurlex import import_pages
from kb import create_app
from kb.render import eurlex_anchor
from tests.conftest import DATA, write_doc

SAMPLES = DATA / "eurlex"
REGULATION = """type: regulation
title: Data Governance Act
aliases: [DGA, 2022/868]
celex: 32022R0868
jurisdiction: EU
status: in force
sources:
  - {title: EUR-Lex, url: "https://eur-lex.europa.eu/eli/reg/2022/868/oj"}"""
BODY = (
    "The act governs data sharing.\n\n## Exclusive arrangements {#exclusive}\n\n"
    "See [Article 4](celex:32022R0868#art-4) and [Article 5 of RoHS](celex:32011L0065#art-5).\n\n"
    "## Citations {#citations}\n\n"
    "Article 5(14) sets the transfer rules; Article 12 of this Regulation lists conditions. "
    "Article 3 of Directive 2011/65/EU is another act's. Annex II does not exist here. "
    "`Article 7` is code. Article 6 of Regulation (EU) 2022/868 is this act's.\n\n"
    "第12条规定了条件；第三十三条另有规定。《生态设计指令》第5条属于另一法规。\n"
)


@pytest.fixture
def with_act(corpus_dir, index_dir):
    import_pages([SAMPLES / "dga_32022R0868.html"], corpus_dir)
    for lang in ("en", "zh"):
        write_doc(corpus_dir, "dga", lang, REGULATION, BODY)
    corpus = load_corpus(corpus_dir)
    assert not corpus.errors, corpus.errors
    manager = IndexManager(index_dir)
    manager.build(corpus.documents)
    app = create_app({"TESTING": True, "CORPUS_DIR": str(corpus_dir), "INDEX_DIR": str(index_dir)})
    return manager, app.test_client()


def test_celex_link_goes_to_the_imported_article(with_act):
    page = with_act[1].get("/en/dga").get_data(as_text=True)
    assert 'href="/en/celex-32022r0868#art-4"' in page


def test_celex_link_to_an_act_not_imported_goes_to_eurlex(with_act):
    page = with_act[1].get("/en/dga").get_data(as_text=True)
    assert "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32011L0065#art_5" in page


def test_regulation_page_links_its_full_text(with_act):
    page = with_act[1].get("/en/dga").get_data(as_text=True)
    assert 'class="full-text" href="/en/celex-32022r0868"' in page


def test_celex_route_goes_to_the_imported_text_our_page_links(with_act):
    # once an act's text is imported, its address follows the newest version (our page lists them)
    response = with_act[1].get("/celex/32022R0868", headers={"Accept-Language": "en"})
    assert response.status_code == 302 and response.location.endswith("/en/celex-32022r0868")


def test_search_lands_on_the_article_of_the_imported_act(with_act):
    hits = search(with_act[0], "exclusive arrangements prohibition", lang="en").hits
    act = next(h for h in hits if h.doc_id == "celex-32022r0868")
    assert act.passages[0].anchor == "art-4" and "<mark>" in act.passages[0].snippet


def test_imported_act_page_renders_with_article_anchors(with_act):
    page = with_act[1].get("/en/celex-32022r0868").get_data(as_text=True)
    assert 'id="art-4"' in page and 'id="art-38"' in page and 'id="rct-12"' in page


@pytest.mark.parametrize(
    "ours, theirs", [("art-4", "art_4"), ("anx-ii", "anx_II"), ("rct-12", "rct_12"), ("cpt-iii", "cpt_III")]
)
def test_anchors_map_back_to_eurlex_ids(ours, theirs):
    assert eurlex_anchor(ours) == theirs


# -- article citations on our regulation pages -----------------------------------------------


def links_in(page: str) -> list[tuple[str, str]]:
    import re

    return re.findall(r'<a class="article-link" href="([^"]+)">([^<]+)</a>', page)


def test_article_citations_link_to_the_imported_articles(with_act):
    page = with_act[1].get("/en/dga").get_data(as_text=True)
    assert links_in(page) == [
        ("/en/celex-32022r0868#art-5", "Article 5(14)"),
        ("/en/celex-32022r0868#art-12", "Article 12"),
        ("/en/celex-32022r0868#art-6", "Article 6"),
        ("/en/celex-32022r0868#art-12", "第12条"),
        ("/en/celex-32022r0868#art-33", "第三十三条"),
    ]


def test_citations_of_other_acts_and_missing_parts_stay_text(with_act):
    page = with_act[1].get("/en/dga").get_data(as_text=True)
    assert "Article 3 of <a" in page and '#art-3"' not in page  # the directive is linked, not the article
    assert "Annex II does not exist" in page
    assert "<code>Article 7</code>" in page and "《生态设计指令》第5条" in page


def test_chinese_page_links_its_citations_to_the_english_text(with_act):
    page = with_act[1].get("/zh/dga").get_data(as_text=True)
    assert ("/en/celex-32022r0868#art-33", "第三十三条") in links_in(page)


UCITS = """type: regulation
title: UCITS Directive
celex: 32009L0065
jurisdiction: EU
sources:
  - {title: EUR-Lex, url: "https://eur-lex.europa.eu/eli/dir/2009/65/oj"}"""


def test_annex_citations_link_in_both_languages(corpus_dir, index_dir):
    import_pages([SAMPLES / "moderncons_1_raw.html"], corpus_dir)
    write_doc(corpus_dir, "ucits", "en", UCITS, "Annex II lists the functions; Annex IX does not exist.\n")
    write_doc(corpus_dir, "ucits", "zh", UCITS, "附件二列出各项职能；附件 IV 为对照表。\n")
    corpus = load_corpus(corpus_dir)
    IndexManager(index_dir).build(corpus.documents)
    client = create_app({"TESTING": True, "CORPUS_DIR": str(corpus_dir), "INDEX_DIR": str(index_dir)}).test_client()
    target = "/en/celex-32009l0065-20130620"
    assert links_in(client.get("/en/ucits").get_data(as_text=True)) == [(f"{target}#anx-ii", "Annex II")]
    assert links_in(client.get("/zh/ucits").get_data(as_text=True)) == [
        (f"{target}#anx-ii", "附件二"),
        (f"{target}#anx-iv", "附件 IV"),
    ]
