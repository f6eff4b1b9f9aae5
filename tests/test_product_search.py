"""The product finder inside search (issue #13): a query naming a catalogue product or one of its HS
codes gets the product's card above the results, in the HTML and as /api/search's `product`."""

import pytest

from indexer.corpus.corpus import load_corpus
from indexer.engine.index import IndexManager
from indexer.products import catalogue_path, load_catalogue
from tests.conftest import ROOT

CORPUS = ROOT / "corpus"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from kb import create_app

    index = tmp_path_factory.mktemp("index")
    corpus = load_corpus(CORPUS)
    IndexManager(index).build(corpus.documents, lexicon_groups=corpus.lexicon)
    app = create_app({"TESTING": True, "CORPUS_DIR": str(CORPUS), "INDEX_DIR": str(index)})
    return app.test_client()


def api(site, q, lang="en"):
    response = site.get("/api/search", query_string={"q": q, "lang": lang})
    assert response.status_code == 200
    return response.get_json()


@pytest.mark.parametrize(
    "q, lang",
    [
        ("8508", "en"),
        ("8508.11", "zh"),
        ("850811", "en"),
        ("吸尘器", "zh"),
        ("vacuum cleaner", "en"),
        ("吸尘器出口欧盟需要什么认证", "zh"),
        ("is my vacuum cleaner covered by WEEE", "en"),
    ],
)
def test_a_query_naming_a_product_gets_its_card_with_the_acts_that_apply(site, q, lang):
    found = api(site, q, lang)
    product = found["product"]
    assert product["category"] == "vacuum-cleaner"
    assert {"lvd", "emc", "weee", "rohs"} <= {
        a["act"] for a in product["acts"]
    }  # LVD and EMC have pages of their own now
    assert product["checklist_url"] == f"/{lang}/products/vacuum-cleaner/checklist"
    assert found["total"] > 0


def test_every_hs_code_of_the_catalogue_finds_pages(site):
    catalogue = load_catalogue(catalogue_path(CORPUS))
    codes = {code for category in catalogue.categories for code in category.hs}
    empty = []
    for code in sorted(codes | {c[:4] for c in codes}):
        found = api(site, code)
        if not found["total"] or not found["product"]:
            empty.append(code)
    assert empty == []


def test_an_hs_code_shared_by_several_products_lists_them(site):
    product = api(site, "8471.30")["product"]
    assert {c["id"] for c in product["choices"]} == {"laptop", "tablet"}


@pytest.mark.parametrize(
    "q",
    [
        "how to do XRF screening",
        "RoHS exemptions",
        "does the WTO allow environmental trade measures",
        "2011/65/EU",
        "9999",
    ],
)
def test_questions_that_name_no_product_get_no_card(site, q):
    assert api(site, q)["product"] is None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_results_page_shows_the_card_above_the_results(site, lang):
    html = site.get(f"/{lang}/search", query_string={"q": "8508"}).get_data(as_text=True)
    card, results = html.find('class="product-card"'), html.find('class="results"')
    assert 0 < card < results
    assert f'href="/{lang}/products/vacuum-cleaner/checklist"' in html
    assert f'href="/{lang}/weee"' in html


@pytest.mark.parametrize(
    "path", ["/{lang}/", "/{lang}/search?q=RoHS", "/{lang}/rohs", "/{lang}/regulations", "/{lang}/products"]
)
@pytest.mark.parametrize("lang, label", [("zh", "产品查询"), ("en", "Product finder")])
def test_the_finder_is_in_the_top_navigation_of_every_page(site, path, lang, label):
    html = site.get(path.format(lang=lang)).get_data(as_text=True)
    nav = html[html.index('<nav class="main"') :]
    nav = nav[: nav.index("</nav>")]
    assert f'href="/{lang}/products"' in nav and label in nav


def test_the_api_url_points_at_the_passage_that_answers(site):
    first = api(site, "RoHS exemptions")["results"][0]
    assert first["url"] == "/en/rohs#exemptions" == first["passages"][0]["url"]
    first = api(site, "RoHS", "zh")["results"][0]
    assert first["url"] == "/zh/rohs"


def test_a_plain_question_shows_no_syntax_notice(site):
    for q in ("维修权", "需要什么认证", "电池护照 何时生效"):
        html = site.get("/zh/search", query_string={"q": q}).get_data(as_text=True)
        assert "查询语法无法解析" not in html and api(site, q, "zh")["fallback"] is False
