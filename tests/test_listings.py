"""The listing pages: regulations by jurisdiction, barrier forms, countermeasures by level, glossary."""

import pytest
from bs4 import BeautifulSoup

from tests.conftest import write_doc

SOURCES = 'sources:\n  - {title: "The paper", url: "https://example.org/paper"}\n'
LISTINGS = ["regulations", "barriers", "countermeasures", "glossary", "figures"]


def measure(corpus, doc_id, level, forms, titles):
    for lang, title in zip(("en", "zh"), titles):
        write_doc(
            corpus,
            doc_id,
            lang,
            f"type: countermeasure\ntitle: {title}\nlevel: {level}\nbarrier_forms: [{', '.join(forms)}]\n{SOURCES}",
            "What to do.\n",
        )


@pytest.fixture
def corpus_dir(corpus_dir):
    measure(corpus_dir, "subsidies", "government", ["green-technical-standard"], ["Subsidies", "补贴"])
    measure(corpus_dir, "alliance", "industry", ["green-technical-standard", "green-tariff"], ["Alliance", "联盟"])
    measure(corpus_dir, "carbon-accounting", "enterprise", ["green-tariff"], ["Carbon accounting", "碳核算"])
    for lang, title, lead in (
        ("en", "Green tariff", "A green tariff is an environmental charge on imports. More."),
        ("zh", "绿色关税", "绿色关税是以环保为由对进口产品征收的费用。其他。"),
    ):
        write_doc(corpus_dir, "green-tariff", lang, f"type: barrier-form\ntitle: {title}\n{SOURCES}", lead + "\n")
    # 有 (yǒu) has a lower code point than 绿 (lǜ) but comes after it in pinyin order
    for lang, title, lead in (
        ("en", "Hazardous substance", "A hazardous substance is one RoHS restricts."),
        ("zh", "有害物质", "有害物质是 RoHS 限制的物质。"),
    ):
        write_doc(corpus_dir, "hazardous-substance", lang, f"type: term\ntitle: {title}\n{SOURCES}", lead + "\n")
    for lang, title in (("en", "Summary: RoHS"), ("zh", "摘要：RoHS")):
        write_doc(
            corpus_dir,
            "rohs-summary",
            lang,
            f"type: summary\ntitle: '{title}'\nsummarises: rohs\n{SOURCES}",
            "In short.\n",
        )
    write_doc(
        corpus_dir,
        "celex-32011l0065",
        "en",
        "type: act\ntitle: Directive 2011/65/EU (full text)\n"
        f"celex: 32011L0065\nform: directive\nversion: adopted\n{SOURCES}",
        "Article 1.\n",
    )
    return corpus_dir


def page(client, path):
    return BeautifulSoup(client.get(path).get_data(as_text=True), "html.parser")


def links_in(node):
    return [a["href"] for a in node.find_all("a")]


def titles_in(node):
    return [a["href"] for a in node.select(".entry-title a")]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("listing", LISTINGS)
def test_every_listing_exists_in_both_languages_and_links_to_the_other(client, lang, listing):
    response = client.get(f"/{lang}/{listing}")
    other = "zh" if lang == "en" else "en"
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert response.status_code == 200
    assert soup.select_one("nav.lang a")["href"] == f"/{other}/{listing}"
    assert {link["hreflang"] for link in soup.select('link[rel="alternate"][hreflang]')} == {"zh", "en"}
    assert soup.select_one(f'nav.main a[href="/{lang}/{listing}"]')["aria-current"] == "page"


@pytest.mark.parametrize("lang, eu, cn", [("en", "EU", "China"), ("zh", "欧盟", "中国")])
def test_regulations_are_grouped_by_jurisdiction(client, lang, eu, cn):
    sections = page(client, f"/{lang}/regulations").select(".listing section")
    headings = [s.h2.get_text() for s in sections]
    assert headings[:2] == [eu, cn]
    assert set(links_in(sections[0])) >= {f"/{lang}/rohs", f"/{lang}/weee"}
    assert f"/{lang}/china-rohs" in links_in(sections[1]) and f"/{lang}/china-rohs" not in links_in(sections[0])


def test_regulation_entry_shows_number_celex_status_and_summary(client):
    entries = page(client, "/en/regulations").select("li.entry")
    rohs = next(e for e in entries if e.find("a", href="/en/rohs"))
    weee = next(e for e in entries if e.find("a", href="/en/weee"))
    assert rohs.select_one(".number").get_text() == "Directive 2011/65/EU"
    assert "32011L0065" in rohs.select_one(".celex").get_text()
    assert rohs.select_one(".status").get_text() == "In force"
    assert rohs.select_one("a.summary-link")["href"] == "/en/rohs-summary"
    assert weee.select_one("a.summary-link") is None


def test_imported_full_texts_are_listed_apart_as_legal_texts(client):
    soup = page(client, "/zh/regulations")
    texts = soup.find("h2", id="legal-texts").parent
    # the imported text exists in English only: the Chinese listing links it there (not to a 404)
    assert links_in(texts) == ["/en/celex-32011l0065"]
    assert client.get("/en/celex-32011l0065").status_code == 200
    regulations = [s for s in soup.select(".listing section") if s is not texts]
    assert all("celex-32011l0065" not in " ".join(links_in(s)) for s in regulations)


def test_barrier_forms_start_with_the_whole_notion_then_the_papers_order(client):
    forms = page(client, "/en/barriers").select("li.form")
    assert [f["id"] for f in forms] == ["green-trade-barrier", "green-tariff", "green-technical-standard"]


@pytest.mark.parametrize(
    "lang, first",
    [
        ("en", "A green tariff is an environmental charge on imports."),
        ("zh", "绿色关税是以环保为由对进口产品征收的费用。"),
    ],
)
def test_each_barrier_form_shows_its_definition_first_sentence(client, lang, first):
    form = page(client, f"/{lang}/barriers").find("li", id="green-tariff")
    assert form.select_one(".definition").get_text() == first


def test_barrier_form_lists_the_eu_measures_naming_it(client):
    form = page(client, "/en/barriers").find("li", id="green-technical-standard")
    assert set(links_in(form.select_one(".examples"))) == {"/en/rohs", "/en/weee"}
    assert page(client, "/en/barriers").find("li", id="green-tariff").select_one(".examples") is None


def test_barrier_form_links_to_its_countermeasures(client):
    form = page(client, "/en/barriers").find("li", id="green-tariff")
    assert form.select_one(".answers a")["href"] == "/en/countermeasures?form=green-tariff"
    assert "(2)" in form.select_one(".answers a").get_text()


@pytest.mark.parametrize(
    "lang, names", [("en", ["Government", "Industry", "Enterprise"]), ("zh", ["政府层面", "行业层面", "企业层面"])]
)
def test_countermeasures_are_grouped_by_level(client, lang, names):
    sections = page(client, f"/{lang}/countermeasures").select(".listing section")
    assert [s.h2.get_text() for s in sections] == names
    assert [titles_in(s) for s in sections] == [
        [f"/{lang}/subsidies"],
        [f"/{lang}/alliance"],
        [f"/{lang}/carbon-accounting"],
    ]


def test_countermeasures_filter_by_barrier_form(client):
    sections = page(client, "/en/countermeasures?form=green-tariff").select(".listing section")
    shown = [href for s in sections for href in titles_in(s)]
    assert shown == ["/en/alliance", "/en/carbon-accounting"]
    assert sections[0].select_one(".empty")  # government has none against green tariffs


def test_each_countermeasure_names_the_forms_it_answers(client):
    entry = page(client, "/zh/countermeasures").find("a", href="/zh/alliance").find_parent("li")
    assert [a["href"] for a in entry.select("a.form-tag")] == [
        "/zh/countermeasures?form=green-tariff",
        "/zh/countermeasures?form=green-technical-standard",
    ]


def test_countermeasure_filter_links_carry_counts_and_mark_the_current_one(client):
    filters = page(client, "/en/countermeasures?form=green-tariff").select_one("nav.filters")
    links = {a["href"]: a for a in filters.find_all("a")}
    assert "(3)" in links["/en/countermeasures"].get_text()
    assert "(2)" in links["/en/countermeasures?form=green-tariff"].get_text()
    assert "(2)" in links["/en/countermeasures?form=green-technical-standard"].get_text()
    assert links["/en/countermeasures?form=green-tariff"]["aria-current"] == "page"
    assert "/en/countermeasures?form=green-trade-barrier" not in links  # the notion, not a form


def test_unknown_filter_shows_every_countermeasure(client):
    soup = page(client, "/en/countermeasures?form=nonsense")
    assert len(soup.select(".listing section li.entry")) == 3 and soup.select_one("p.notice") is None


def test_glossary_is_alphabetical_with_letter_headings(client):
    soup = page(client, "/en/glossary")
    titles = [dt.a.get_text() for dt in soup.select("dl.glossary dt")]
    assert titles == ["Green tariff", "Green technical standard", "Green trade barrier", "Hazardous substance"]
    assert [h.get_text() for h in soup.select(".listing section h2")] == ["G", "H"]


def test_chinese_glossary_is_in_pinyin_order(client):
    soup = page(client, "/zh/glossary")
    titles = [dt.a.get_text() for dt in soup.select("dl.glossary dt")]
    assert titles == ["绿色关税", "绿色技术标准", "绿色贸易壁垒", "有害物质"]
    assert [h.get_text() for h in soup.select(".listing section h2")] == ["L", "Y"]


def test_glossary_gives_each_definition_first_sentence(client):
    soup = page(client, "/zh/glossary")
    definitions = {dt.a["href"]: dt.find_next_sibling("dd").get_text() for dt in soup.select("dl.glossary dt")}
    assert definitions["/zh/green-tariff"] == "绿色关税是以环保为由对进口产品征收的费用。"
    assert definitions["/zh/hazardous-substance"] == "有害物质是 RoHS 限制的物质。"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_home_links_every_listing_with_its_introduction(client, lang):
    soup = page(client, f"/{lang}/")
    cards = {c.h2.a["href"]: c for c in soup.select(".sections .card")}
    assert all(cards[f"/{lang}/{name}"].p.get_text().strip() for name in LISTINGS)
    assert soup.select_one("header.site form[role=search]")["action"] == f"/{lang}/search"
