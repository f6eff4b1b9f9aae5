"""Document pages (fact box, contents, cite box, links), the home page, sitemap, OpenSearch, 404."""

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from indexer.corpus.corpus import load_corpus
from indexer.engine.index import IndexManager
from tests.conftest import ROOT, write_doc

SOURCES = 'sources:\n  - {title: "The paper", url: "https://example.org/paper"}\n'
ESPR = """type: regulation
title: "{title}"
aliases: [ESPR, Regulation (EU) 2024/1781]
celex: 32024R1781
eli: http://data.europa.eu/eli/reg/2024/1781/oj
jurisdiction: EU
adopted: 2024-06-13
in_force: 2024-07-18
applies: 2024-07-18
status: in force
replaces: [weee]
barrier_forms: [green-technical-standard]
related: [rohs]
sources:
  - {{title: "Regulation (EU) 2024/1781", url: "https://eur-lex.europa.eu/eli/reg/2024/1781/oj"}}
  - {{title: "{rohs}", url: "kb:rohs#restricted-substances"}}
updated: 2026-11-25
"""
ESPR_BODY = {
    "en": "The ESPR sets ecodesign requirements.\n\n## Scope {#scope}\n\nMost physical goods.\n\n"
    "### Exclusions {#exclusions}\n\nFood and medicines.\n",
    "zh": "ESPR 规定生态设计要求。\n\n## 范围 {#scope}\n\n大多数实物产品。\n\n### 排除 {#exclusions}\n\n食品和药品。\n",
}
TITLES = {"en": "Ecodesign [ESPR] Regulation", "zh": "可持续产品生态设计法规"}


@pytest.fixture
def corpus_dir(corpus_dir):
    for lang in ("en", "zh"):
        write_doc(corpus_dir, "espr", lang, ESPR.format(title=TITLES[lang], rohs="RoHS"), ESPR_BODY[lang])
        write_doc(
            corpus_dir,
            "espr-summary",
            lang,
            f"type: summary\ntitle: ESPR summary {lang}\nsummarises: espr\n{SOURCES}",
            "In short.\n",
        )
    write_doc(
        corpus_dir,
        "celex-32024r1781",
        "en",
        "type: act\ntitle: Regulation (EU) 2024/1781 (full text)\n"
        f"celex: 32024R1781\nform: regulation\nversion: adopted\n{SOURCES}",
        "Article 1.\n",
    )
    return corpus_dir


def page(client, path):
    return BeautifulSoup(client.get(path).get_data(as_text=True), "html.parser")


def facts(client, path):
    """The fact box as {label: dd element}."""
    box = page(client, path).select_one("aside.facts")
    return {dt.get_text(): dt.find_next_sibling("dd") for dt in box.find_all("dt")}


def test_fact_box_links_the_celex_number_to_eur_lex(client):
    celex = facts(client, "/en/espr")["CELEX number"].a
    assert celex.get_text() == "32024R1781"
    assert celex["href"] == "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32024R1781"
    assert celex["rel"] == ["noopener", "noreferrer"]


def test_fact_box_gives_eli_dates_status_and_jurisdiction(client):
    box = facts(client, "/en/espr")
    assert box["ELI"].a["href"] == "http://data.europa.eu/eli/reg/2024/1781/oj"
    assert box["Adopted"].time["datetime"] == "2024-06-13"
    assert box["In force from"].get_text() == "2024-07-18" and box["Applies from"].get_text() == "2024-07-18"
    assert box["Status"].get_text() == "In force" and box["Jurisdiction"].get_text() == "EU"
    assert box["Last checked"].get_text() == "2026-11-25"


def test_fact_box_labels_are_in_the_page_language(client):
    box = facts(client, "/zh/espr")
    assert box["状态"].get_text() == "现行有效" and box["法域"].get_text() == "欧盟"
    assert box["通过日期"].get_text() == "2024-06-13" and box["最近核对"].get_text() == "2026-11-25"


def test_fact_box_links_replaced_acts_and_barrier_forms(client):
    box = facts(client, "/zh/espr")
    assert box["取代"].a["href"] == "/zh/weee"
    assert box["对应的壁垒形式"].a["href"] == "/zh/green-technical-standard"


def test_fact_box_lists_the_aliases(client):
    aliases = [s.get_text() for s in facts(client, "/en/espr")["Also known as"].find_all("span", class_=False)]
    assert aliases == ["ESPR", "Regulation (EU) 2024/1781"]


def test_summary_and_its_regulation_link_to_each_other(client):
    assert facts(client, "/en/espr")["Summary"].a["href"] == "/en/espr-summary"
    assert facts(client, "/en/espr-summary")["Summary of"].a["href"] == "/en/espr"


def test_regulation_links_to_the_imported_full_text_of_its_act(client):
    link = facts(client, "/zh/espr")["法规全文"].a
    assert link["href"] == "/en/celex-32024r1781" and link["hreflang"] == "en"
    assert "法规全文" not in facts(client, "/en/rohs")  # no act imported for RoHS


def test_countermeasure_level_links_to_its_group_in_the_listing(client, corpus_dir, manager):
    for lang in ("en", "zh"):
        write_doc(
            corpus_dir,
            "registering",
            lang,
            f"type: countermeasure\ntitle: Registering\nlevel: industry\n{SOURCES}",
            "Register.\n",
        )
    manager.build(load_corpus(corpus_dir).documents)
    level = facts(client, "/en/registering")["Level"].a
    assert level.get_text() == "Industry" and level["href"] == "/en/countermeasures#level-industry"


def test_contents_list_every_section_with_its_anchor(client):
    toc = page(client, "/en/espr").select_one("nav.toc")
    assert [(a["href"], a.get_text()) for a in toc.find_all("a")] == [
        ("#scope", "Scope"),
        ("#exclusions", "Exclusions"),
    ]
    assert toc.find("li", class_="level-3")


def test_every_heading_has_its_anchor_and_a_copy_link_button(client):
    body = page(client, "/en/espr").select_one("div.body")
    for heading in body.find_all(["h2", "h3"]):
        assert heading.find("a", class_="anchor")["href"] == f"#{heading['id']}"
        assert heading.find("button", class_="copy")["data-copy"] == f"http://localhost/en/espr#{heading['id']}"


def test_copy_buttons_are_wired_by_page_js(client):
    soup = page(client, "/en/espr")
    assert soup.find("script", src="/static/page.js")
    assert b"data-copy" in client.get("/static/page.js").data
    assert all(b.has_attr("hidden") for b in soup.select("button.copy"))  # shown by the script only


@pytest.mark.parametrize(
    "lang, citation",
    [
        (
            "en",
            "“Ecodesign [ESPR] Regulation”, EU Green Trade Barrier Knowledge Base, http://localhost/en/espr "
            "(last checked 2026-11-25)",
        ),
        ("zh", "可持续产品生态设计法规，欧盟绿色贸易壁垒知识库，http://localhost/zh/espr（最近核对：2026-11-25）"),
    ],
)
def test_cite_box_gives_link_citation_and_markdown_in_the_page_language(client, lang, citation):
    cite = page(client, f"/{lang}/espr").select_one("section.cite")
    assert cite.select_one(".cite-link").get_text() == f"http://localhost/{lang}/espr"
    assert cite.select_one(".cite-citation").get_text() == citation
    markdown = cite.select_one(".cite-markdown").get_text()
    expected = (
        r"[Ecodesign \[ESPR\] Regulation](http://localhost/en/espr)"
        if lang == "en"
        else "[可持续产品生态设计法规](http://localhost/zh/espr)"
    )
    assert markdown == expected
    assert [b["data-copy"] for b in cite.select("dl button.copy")] == [
        f"http://localhost/{lang}/espr",
        citation,
        expected,
    ]


def test_cite_box_offers_link_citation_and_markdown_for_each_section(client):
    item = page(client, "/en/espr").select_one("details.cite-sections li")
    link, citation, markdown = [b["data-copy"] for b in item.find_all("button")]
    assert item.a["href"] == "#scope" and link == "http://localhost/en/espr#scope"
    assert citation.startswith("“Ecodesign [ESPR] Regulation: Scope”") and "http://localhost/en/espr#scope" in citation
    assert markdown == r"[Ecodesign \[ESPR\] Regulation: Scope](http://localhost/en/espr#scope)"


def test_related_pages_and_backlinks(client):
    soup = page(client, "/en/espr")
    assert "/en/rohs" in [a["href"] for a in soup.select("section.related a")]
    backlinks = [a["href"] for a in page(client, "/en/rohs").select("section.backlinks a")]
    assert "/en/espr" in backlinks


def test_sources_resolve_our_pages_and_open_others_safely(client):
    links = page(client, "/en/espr").select("section.sources a")
    external, ours = links
    assert external["href"] == "https://eur-lex.europa.eu/eli/reg/2024/1781/oj"
    assert external["rel"] == ["noopener", "noreferrer"]
    assert ours["href"] == "/en/rohs#restricted-substances" and not ours.has_attr("rel")


@pytest.mark.parametrize("lang, other", [("en", "zh"), ("zh", "en")])
def test_document_links_to_its_other_language_version(client, lang, other):
    soup = page(client, f"/{lang}/espr")
    alternates = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')}
    assert alternates == {"en": "http://localhost/en/espr", "zh": "http://localhost/zh/espr"}
    assert soup.select_one("nav.lang a")["href"] == f"/{other}/espr"


def test_a_page_seen_before_a_rebuild_shows_the_rebuilt_text(client, corpus_dir, manager):
    assert "Most physical goods." in client.get("/en/espr").get_data(as_text=True)  # rendered and kept
    body = ESPR_BODY["en"].replace("Most physical goods.", "Every physical good placed on the market.")
    write_doc(corpus_dir, "espr", "en", ESPR.format(title=TITLES["en"], rohs="RoHS"), body)
    manager.build(load_corpus(corpus_dir).documents)
    text = client.get("/en/espr").get_data(as_text=True)
    assert "Every physical good placed on the market." in text and "Most physical goods." not in text


def test_a_kept_page_gives_absolute_links_on_the_host_each_reader_asked(client):
    for host in ("http://localhost", "http://kb.example.org", "http://localhost"):
        soup = BeautifulSoup(client.get("/en/espr", base_url=host).get_data(as_text=True), "html.parser")
        alternates = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')}
        assert alternates == {"en": f"{host}/en/espr", "zh": f"{host}/zh/espr"}
        assert soup.select_one("details.cite-sections li button")["data-copy"] == f"{host}/en/espr#scope"


def test_document_page_keeps_the_strict_csp(client):
    assert "style-src 'self'" in client.get("/en/espr").headers["Content-Security-Policy"]


def test_celex_address_redirects_to_the_imported_text_in_the_language_it_has(client):
    # the act's text is imported (English only): a Chinese reader lands on it; our page lists it
    response = client.get("/celex/32024r1781", headers={"Accept-Language": "zh"})
    assert response.status_code == 302 and response.location.endswith("/en/celex-32024r1781")


@pytest.mark.parametrize("lang, title", [("zh", "页面不存在"), ("en", "Page not found")])
def test_404_is_in_the_page_language_with_a_search_box(client, lang, title):
    response = client.get(f"/{lang}/rohs-four")
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert response.status_code == 404 and soup.h1.get_text() == title
    form = soup.select_one(".not-found form[role=search]")
    assert form["action"] == f"/{lang}/search" and form.input["value"] == "rohs four"
    assert f"/{lang}/regulations" in [a["href"] for a in soup.select(".not-found a")]


def test_sitemap_lists_every_document_in_both_languages_with_alternates(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response.mimetype == "application/xml"
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = {u.find("s:loc", ns).text: u for u in ET.fromstring(response.data).findall("s:url", ns)}
    for lang in ("en", "zh"):
        for path in ("rohs", "espr", "regulations", "glossary", ""):
            assert f"http://localhost/{lang}/{path}" in urls
    alternates = {a.get("hreflang"): a.get("href") for a in urls["http://localhost/zh/rohs"].findall("x:link", ns)}
    assert alternates == {"zh": "http://localhost/zh/rohs", "en": "http://localhost/en/rohs"}
    assert urls["http://localhost/en/espr"].find("s:lastmod", ns).text == "2026-11-25"
    act = urls["http://localhost/en/celex-32024r1781"]  # an act in one language names no other version
    assert [a.get("hreflang") for a in act.findall("x:link", ns)] == ["en"]


@pytest.mark.parametrize("accept, langs", [("zh-CN,zh;q=0.9", ["zh"]), ("en-GB", ["en"]), ("de", ["zh", "en"])])
def test_opensearch_points_at_the_search_page_in_the_readers_language(client, accept, langs):
    response = client.get("/opensearch.xml", headers={"Accept-Language": accept})
    assert response.mimetype == "application/opensearchdescription+xml"
    ns = {"o": "http://a9.com/-/spec/opensearch/1.1/"}
    root = ET.fromstring(response.data)
    templates = [u.get("template") for u in root.findall("o:Url", ns)]
    assert templates == [f"http://localhost/{lang}/search?q={{searchTerms}}" for lang in langs]
    assert root.find("o:ShortName", ns).text and "Accept-Language" in response.headers["Vary"]


@pytest.fixture(scope="module")
def real_site(tmp_path_factory):
    from kb import create_app

    corpus = ROOT / "corpus"
    index_dir = tmp_path_factory.mktemp("real-index")
    documents = load_corpus(corpus).documents
    IndexManager(index_dir).build(documents)
    app = create_app({"TESTING": True, "CORPUS_DIR": str(corpus), "INDEX_DIR": str(index_dir)})
    return app.test_client(), documents


def test_every_page_of_the_real_corpus_renders_in_both_languages(real_site):
    client, documents = real_site
    paths = [
        f"/{lang}/{doc_id}"
        for doc_id in sorted({d.id for d in documents})
        for lang in ("zh", "en")
        if any(d.id == doc_id and d.lang == lang for d in documents)
    ]
    paths += [
        f"/{lang}/{name}"
        for lang in ("zh", "en")
        for name in ("", "regulations", "barriers", "countermeasures", "glossary", "figures")
    ]
    paths += [f"/{d.lang}/{d.id}/chart.svg" for d in documents if d.type == "figure"]
    failed = [(path, status) for path in paths if (status := client.get(path).status_code) != 200]
    assert failed == [] and len(paths) > 100
