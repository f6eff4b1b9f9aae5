"""The product finder: the real catalogue passes its checks, lookups by HS code and by name, exclusions,
ambiguous and unknown codes, the answer page, the printable checklist and the JSON API."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from indexer.corpus.corpus import load_corpus
from indexer.products import find, hs_digits, load_catalogue

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_CORPUS = ROOT / "corpus"


def corpus_with_every_act(target: Path) -> Path:
    """A copy of the shipped corpus, which the finder's tests may change."""
    shutil.copytree(SHIPPED_CORPUS, target)
    return target


@pytest.fixture(scope="module")
def real_corpus(tmp_path_factory):
    return corpus_with_every_act(tmp_path_factory.mktemp("shipped") / "corpus")


@pytest.fixture(scope="module")
def real_documents(real_corpus):
    return load_corpus(real_corpus).documents


@pytest.fixture(scope="module")
def catalogue(real_documents, real_corpus):
    return load_catalogue(real_corpus / "products" / "catalogue.yaml", {d.id for d in real_documents}, root=real_corpus)


@pytest.fixture(scope="module")
def site(real_corpus, tmp_path_factory):
    """The site over the real corpus; the finder's pages need the documents, not a search index."""
    from kb import create_app

    app = create_app(
        {"TESTING": True, "CORPUS_DIR": str(real_corpus), "INDEX_DIR": str(tmp_path_factory.mktemp("index"))}
    )
    return app.test_client()


def page(site, url):
    response = site.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return BeautifulSoup(response.data.decode(), "html.parser")


# -- the catalogue and its checks -----------------------------------------------------------------


def test_the_real_catalogue_passes_the_loaders_checks(catalogue):
    assert [str(p) for p in catalogue.problems] == []


def test_the_catalogue_covers_150_categories_across_chapters_84_85_90_94_95(catalogue):
    chapters = {code[:2] for c in catalogue.categories for code in c.hs}
    assert len(catalogue.categories) >= 150
    assert {"84", "85", "87", "90", "94", "95"} <= chapters


def test_every_category_has_both_languages_and_every_answer_cites_sources(catalogue):
    from indexer.products import compose

    for category in catalogue.categories:
        assert all(category.names[lang].strip() for lang in ("zh", "en")), category.id
        for lang in ("zh", "en"):
            answer = compose(catalogue, category, lang)
            for act in answer.acts:
                assert act.reason.strip(), (category.id, act.key)
                assert act.sources or not act.from_rule, (category.id, act.key)
            assert not any(a.from_rule is False for a in answer.acts) or category.sources, category.id


def test_every_act_of_the_catalogue_and_rules_is_a_page_in_both_languages(catalogue, real_documents):
    pages = {(d.id, d.lang) for d in real_documents}
    acts = {e.act for c in catalogue.categories for e in c.entries if e.act} | {
        r.act for r in catalogue.rules.rules if r.act
    }
    assert {"gpsr", "cra", "red", "lvd", "emc", "machinery", "pld", "right-to-repair", "forced-labour", "pops"} <= acts
    for act in acts:
        assert (act, "zh") in pages and (act, "en") in pages, act


CATEGORY = """\
groups: {g: {zh: 组, en: Group}}
weee_categories: {1: {zh: a, en: a}, 2: {zh: b, en: b}, 3: {zh: c, en: c}, 4: {zh: d, en: d}, 5: {zh: e, en: e}, 6: {zh: f, en: f}}
categories:
  - id: widget
    group: g
    names: {zh: 小部件, en: Widget}
    hs: [%s]
    weee: %s
    acts:
      - act: %s
        reason: {zh: 原因, en: Because}
        obligations: [{zh: 做, en: Do it}]
    sources: [{title: Somewhere, url: "https://example.org/"}]
    traits: [mains, consumer]
"""


def write_rules(directory: Path) -> None:
    """The shipped questions with one rule (RoHS), beside a test catalogue."""
    import yaml

    shipped = yaml.safe_load((SHIPPED_CORPUS / "products" / "rules.yaml").read_text(encoding="utf-8"))
    rohs = [r for r in shipped["rules"] if r["id"] == "rohs"]
    (directory / "rules.yaml").write_text(
        yaml.safe_dump({"questions": shipped["questions"], "rules": rohs}, allow_unicode=True), encoding="utf-8"
    )


def write_catalogue(tmp_path, hs='"8418.10"', weee="4", act="rohs") -> Path:
    path = tmp_path / "products" / "catalogue.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(CATEGORY % (hs, weee, act), encoding="utf-8")
    write_rules(path.parent)
    return path


def problems_of(tmp_path, **fields) -> list[str]:
    return [str(p) for p in load_catalogue(write_catalogue(tmp_path, **fields), {"rohs"}, root=tmp_path).problems]


def test_a_well_formed_catalogue_has_no_problems(tmp_path):
    assert problems_of(tmp_path) == []


def test_an_act_that_is_no_document_is_reported_with_file_and_line(tmp_path):
    assert problems_of(tmp_path, act="rohs-3") == [
        "products/catalogue.yaml:10: widget: act 'rohs-3' is not a document of the corpus"
    ]


def test_an_unquoted_hs_code_is_reported_because_yaml_reads_a_number(tmp_path):
    [problem] = problems_of(tmp_path, hs="8418.10")
    assert problem.startswith("products/catalogue.yaml:7: widget: HS code 8418.1 must be a quoted string")


@pytest.mark.parametrize("code", ['"841"', '"8418.1"', '"8418-10"', '"8418.10.20"'])
def test_an_hs_code_of_the_wrong_shape_is_reported(tmp_path, code):
    [problem] = problems_of(tmp_path, hs=code)
    assert "is not 4 or 6 digits" in problem


def test_a_weee_category_outside_1_to_6_is_reported(tmp_path):
    [problem] = problems_of(tmp_path, weee="7")
    assert problem == "products/catalogue.yaml:8: widget: weee 7 is not a WEEE category 1-6 (or null for none)"


def test_a_category_without_sources_or_an_english_name_is_reported(tmp_path):
    path = write_catalogue(tmp_path)
    text = path.read_text(encoding="utf-8").replace(", en: Widget}", "}")
    path.write_text(
        text.replace('    sources: [{title: Somewhere, url: "https://example.org/"}]\n', ""), encoding="utf-8"
    )
    problems = [str(p) for p in load_catalogue(path, {"rohs"}, root=tmp_path).problems]
    assert problems == [
        "products/catalogue.yaml:6: widget: names needs non-empty zh and en",
        "products/catalogue.yaml:4: widget: its own act entries need sources (the measures they name)",
    ]


def test_kb_check_reports_the_catalogues_problems_and_fails(corpus_dir, runner):
    write_catalogue(corpus_dir, act="no-such-act")
    result = runner.invoke(args=["check"])
    assert result.exit_code == 1
    assert "products/catalogue.yaml:10: widget: act 'no-such-act' is not a document of the corpus" in result.output


def test_kb_check_accepts_a_corpus_with_a_valid_catalogue(corpus_dir, runner):
    write_catalogue(corpus_dir)
    assert runner.invoke(args=["check"]).exit_code == 0


# -- lookups --------------------------------------------------------------------------------------


@pytest.mark.parametrize("spelling", ["8418.10", "841810", "8418 10", " 8418.10 ", "84181020", "8418102000"])
def test_an_hs_code_in_any_spelling_finds_its_category(catalogue, spelling):
    finding = find(catalogue, spelling)
    assert (finding.kind, [c.id for c in finding.categories]) == ("category", ["household-refrigerator"])


@pytest.mark.parametrize("text", ["841", "8418.1", "fridge 8418"])
def test_text_that_is_not_a_code_is_not_read_as_one(text):
    assert hs_digits(text) is None


@pytest.mark.parametrize(
    "query, expected",
    [
        ("a household refrigerator", "household-refrigerator"),
        ("refrigerators", "household-refrigerator"),
        ("家用冰箱", "household-refrigerator"),
        ("電冰箱", "household-refrigerator"),  # traditional characters fold to simplified
        ("an LED lamp", "led-lamp"),
        ("a cordless drill with its battery", "cordless-drill"),
        ("a phone charger", "external-power-supply"),
        ("手机充电器", "external-power-supply"),
        ("an industrial robot", "industrial-robot"),
        ("工业机器人", "industrial-robot"),
        ("光伏板", "pv-panel"),
    ],
)
def test_a_product_name_in_either_language_finds_its_category(catalogue, query, expected):
    finding = find(catalogue, query)
    assert (finding.kind, [c.id for c in finding.categories]) == ("category", [expected])


def test_an_hs_code_shared_by_two_products_asks_which_one(catalogue):
    finding = find(catalogue, "8507.60")
    assert finding.kind == "ambiguous"
    assert {c.id for c in finding.categories} == {
        "portable-battery",
        "ebike-battery",
        "power-bank",
        "portable-power-station",
        "home-battery-storage",
    }


def test_a_heading_finds_every_product_under_it(catalogue):
    finding = find(catalogue, "8516")
    assert finding.kind == "ambiguous"
    assert {"microwave-oven", "electric-kettle", "hair-dryer"} <= {c.id for c in finding.categories}


def test_an_unknown_code_offers_the_codes_with_the_longest_common_prefix(catalogue):
    finding = find(catalogue, "8418.99")
    assert finding.kind == "unknown" and finding.hs == "8418.99"
    assert [code for code, _ in finding.nearest][:3] == ["8418.10", "8418.21", "8418.29"]
    assert all(code.startswith("8418.") for code, _ in finding.nearest)


def test_an_unknown_code_of_an_unlisted_chapter_offers_nothing(catalogue):
    assert find(catalogue, "0101").nearest == []


def test_a_name_that_matches_nothing_is_unknown(catalogue):
    assert find(catalogue, "zebra saddle").kind == "unknown"


# -- pages ----------------------------------------------------------------------------------------


def test_the_finder_redirects_a_unique_match_to_its_answer(site):
    response = site.get("/en/products?q=8418.10")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/en/products/household-refrigerator")


def test_picking_a_category_from_the_list_opens_its_answer(site):
    response = site.get("/zh/products?category=dishwasher")
    assert response.headers["Location"].endswith("/zh/products/dishwasher")


def test_an_ambiguous_code_lists_the_products_to_choose_from(site):
    soup = page(site, "/en/products?q=8507.60")
    assert "covers several products" in soup.select_one(".finding").get_text()
    assert [a["href"] for a in soup.select(".choices a")][:2] == [
        "/en/products/portable-battery",
        "/en/products/ebike-battery",
    ]
    assert "What tells them apart" in soup.select_one("table.differences").get_text()


def test_an_unknown_code_says_so_and_links_the_nearest_products(site):
    soup = page(site, "/zh/products?hs=8418.99")
    assert "目录中没有 HS 编码为 8418.99 的产品" in soup.select_one(".finding").get_text()
    assert "/zh/products/household-refrigerator" in [a["href"] for a in soup.select(".nearest a")]
    assert soup.select_one('.finding form.product-questions fieldset[data-question="power"]')


def test_a_name_without_match_links_to_the_full_text_search(site):
    soup = page(site, "/en/products?q=zebra+saddle")
    assert soup.select_one('.finding a[href^="/en/search?q=zebra"]')


def test_the_answer_groups_the_acts_by_barrier_form(site):
    soup = page(site, "/en/products/household-refrigerator")
    groups = {g.h3.get_text(strip=True): [r["data-act"] for r in g.select(".rule")] for g in soup.select(".rule-group")}
    assert groups["Green environmental label"] == ["energy-labelling"]
    assert {"rohs", "weee", "erp", "lvd", "emc", "reach"} <= set(groups["Green technical standard"])
    assert groups["Green packaging requirements"] == ["ppwr"]


def test_each_act_says_why_links_our_page_and_the_guides_that_help(site):
    rule = page(site, "/en/products/household-refrigerator").select_one('.rule[data-act="rohs"]')
    assert "electrical and electronic equipment" in rule.select_one(".rule-reason").get_text()
    assert rule.select_one('a[href="/en/rohs"]')
    assert rule.select_one('.guides a[href="/en/rohs-compliance"]')
    assert len(rule.select(".obligations li")) == 3


def test_the_answer_names_the_implementing_regulation(site):
    soup = page(site, "/en/products/household-refrigerator")
    titles = [h.get_text() for h in soup.select(".rule h4")]
    assert "Commission Regulation (EU) 2019/2019 (ecodesign requirements for refrigerating appliances)" in titles
    assert any("(EU) 2019/2016" in t for t in titles)


def test_the_answer_starts_with_what_to_do_first(site):
    steps = page(site, "/en/products/smartphone").select(".first-steps li")
    first = steps[0].strong.get_text()
    assert first.startswith("Radio Equipment Directive") and "2014/53/EU" in first
    assert len(steps) == len({s.strong.get_text() for s in steps})


def test_a_rohs_excluded_product_says_rohs_does_not_apply_and_why(site):
    soup = page(site, "/en/products/pv-panel")
    excluded = soup.select_one('.not-applicable .rule[data-act="rohs"]')
    assert "Article 2(4)(i)" in excluded.select_one(".rule-reason").get_text()
    assert not soup.select('.rules .rule[data-act="rohs"]')


def test_a_rohs_excluded_product_says_so_in_chinese_too(site):
    excluded = page(site, "/zh/products/large-stationary-industrial-tool").select_one(
        '.not-applicable .rule[data-act="rohs"]'
    )
    assert "第 2(4)(d) 条" in excluded.get_text()


def test_the_answer_says_plainly_what_it_does_not_cover(site):
    for lang, words in (("en", "not legal advice"), ("zh", "不构成法律意见")):
        assert words in page(site, f"/{lang}/products/laptop").select_one(".disclaimer").get_text()


def test_the_two_language_versions_of_an_answer_link_each_other(site):
    soup = page(site, "/zh/products/laptop")
    assert soup.select_one('a.other-lang[hreflang="en"]')["href"].endswith("/en/products/laptop")
    assert soup.select_one('link[rel=alternate][hreflang="en"]')


def test_an_unknown_category_is_not_found(site):
    assert site.get("/en/products/flux-capacitor").status_code == 404


def test_the_home_page_links_the_finder(client):
    soup = BeautifulSoup(client.get("/en/").data.decode(), "html.parser")
    assert soup.select_one('.card a[href="/en/products"]')


# -- the printable checklist ----------------------------------------------------------------------


def test_the_checklist_has_a_checkbox_per_obligation_and_no_site_navigation(site):
    soup = page(site, "/en/products/cordless-drill/checklist")
    answer = site.get("/api/products?category=cordless-drill&lang=en").json["category"]
    obligations = sum(len(a["obligations"]) for g in answer["groups"] for a in g["acts"])
    assert len(soup.select(".checks input[type=checkbox]")) == obligations
    assert all(soup.find("label", attrs={"for": box["id"]}) for box in soup.select(".checks input"))
    assert not soup.select("header.site, nav")


def test_the_checklist_view_parameter_gives_the_same_checklist(site):
    def checks(url):
        soup = page(site, url)
        return soup.h1.get_text(), [li.get_text(strip=True) for li in soup.select(".checks li")]

    assert checks("/zh/products/e-bike?view=checklist") == checks("/zh/products/e-bike/checklist")


def test_the_stylesheet_hides_screen_only_links_when_printing(site):
    css = site.get("/static/style.css").data.decode()
    print_rules = " ".join(re.findall(r"@media print\{(.*?)\n\}", css, flags=re.S))
    assert re.search(r"\.screen-only[^{]*\{display:none", print_rules)


# -- the JSON API ---------------------------------------------------------------------------------


def test_the_api_answers_a_code_with_the_category(site):
    reply = site.get("/api/products?hs=841810&lang=zh").json
    assert reply["result"] == "category" and reply["hs"] == "8418.10"
    assert reply["category"]["name"] == "家用冰箱和冷柜"
    assert reply["category"]["weee"] == [{"category": 1, "title": "温度交换设备"}]


def test_the_api_answers_an_ambiguous_code_with_the_choices(site):
    reply = site.get("/api/products?hs=8471.30").json
    assert reply["result"] == "ambiguous"
    assert [c["id"] for c in reply["ambiguous"]] == ["laptop", "tablet"]


def test_the_api_answers_an_unknown_code_with_200_and_the_nearest(site):
    response = site.get("/api/products?hs=8418.99&lang=en")
    assert response.status_code == 200
    assert response.json["unknown"] is True
    assert [q["id"] for q in response.json["questions"]][:3] == ["power", "voltage", "radio"]
    assert response.json["nearest"][0] == {
        "hs": "8418.10",
        "categories": [
            {
                "id": "household-refrigerator",
                "name": "Household refrigerator or freezer",
                "hs": ["8418.10", "8418.21", "8418.29", "8418.30", "8418.40"],
                "url": "/en/products/household-refrigerator",
            }
        ],
    }


def test_the_api_answer_lists_exclusions_with_their_reason(site):
    category = site.get("/api/products?q=solar+panel&lang=en").json["category"]
    assert category["category"] == "pv-panel"
    [rohs] = [a for a in category["not_applicable"] if a["act"] == "rohs"]
    assert rohs["applies"] is False and "Article 2(4)(i)" in rohs["reason"]


@pytest.mark.parametrize(
    "query, status", [("category=flux-capacitor", 404), ("hs=84a8", 400), ("", 400), ("q=fridge&lang=fr", 400)]
)
def test_the_api_refuses_bad_requests_as_json(site, query, status):
    response = site.get(f"/api/products?{query}")
    assert response.status_code == status
    assert response.json["status"] == status


def test_a_corpus_without_a_catalogue_has_an_empty_finder(client):
    soup = BeautifulSoup(client.get("/en/products").data.decode(), "html.parser")
    assert soup.h1 and not soup.select(".product-list li")


def test_the_catalogue_is_reread_when_its_file_changes(tmp_path, real_documents):
    from kb import create_app

    corpus = corpus_with_every_act(tmp_path / "corpus")
    client = create_app(
        {"TESTING": True, "CORPUS_DIR": str(corpus), "INDEX_DIR": str(tmp_path / "index")}
    ).test_client()
    assert client.get("/en/products/dishwasher").status_code == 200
    path = corpus / "products" / "catalogue.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: dishwasher", "id: dish-washer"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert client.get("/en/products/dishwasher").status_code == 404
    assert client.get("/en/products/dish-washer").status_code == 200


# -- matching as users type (the failures of issue #16) --------------------------------------------


@pytest.mark.parametrize(
    "query, expected",
    [
        ("电动牙刷", "electric-toothbrush"),
        ("electric toothbrush", "electric-toothbrush"),
        ("sonic toothbrush for kids", "electric-toothbrush"),
        ("牙刷", "electric-toothbrush"),
        ("咖啡机", "coffee-machine"),
        ("游戏机", "game-console"),
        ("蓝牙耳机", "bluetooth-earphones"),
        ("电饭煲", "rice-cooker"),
        ("rice cooker", "rice-cooker"),
        ("drone", "drone"),
        ("heat pump", "heat-pump"),
        ("热泵", "heat-pump"),
        ("充电宝", "power-bank"),
        ("power bank", "power-bank"),
        ("e-scooter", "e-scooter"),
        ("电动滑板车", "e-scooter"),
        ("扫地机", "robot-vacuum"),
        ("robot vacuum", "robot-vacuum"),
        ("wifi air conditioner", "smart-air-conditioner"),
        ("变频器", "variable-speed-drive"),
        ("一体机电脑", "all-in-one-pc"),
    ],
)
def test_the_products_users_type_find_their_category(catalogue, query, expected):
    finding = find(catalogue, query)
    assert (finding.kind, [c.id for c in finding.categories]) == ("category", [expected])


@pytest.mark.parametrize(
    "query", ["electric", "电动", "machine", "设备", "electric machine", "智能设备", "portable device"]
)
def test_a_generic_word_alone_finds_nothing_and_says_why(catalogue, query):
    finding = find(catalogue, query)
    assert finding.kind == "unknown" and finding.categories == [] and finding.generic


def test_heat_pump_is_not_the_water_pump_and_pump_lists_only_pumps(catalogue):
    assert [c.id for c in find(catalogue, "heat pump").categories] == ["heat-pump"]
    assert {c.id for c in find(catalogue, "pump").categories} == {"water-pump", "submersible-pump"}


def test_an_ambiguous_name_lists_only_real_candidates_and_what_tells_them_apart(site):
    reply = site.get("/api/products?q=drill&lang=en").json
    assert reply["result"] == "ambiguous"
    assert {c["id"] for c in reply["ambiguous"]} == {"cordless-drill", "corded-drill"}
    [power] = [d for d in reply["differences"] if d["question"] == "How is the product powered?"]
    assert power["answers"] == {"cordless-drill": "Battery only", "corded-drill": "Mains (plug or fixed wiring)"}


@pytest.mark.parametrize(
    "code, expected",
    [
        ("8508", None),
        ("8508.11", None),
        ("850811", None),
        ("85081100", None),
        ("8516.71", "coffee-machine"),
        ("851671", "coffee-machine"),
        ("8516710000", "coffee-machine"),
        ("9504.50", None),
        ("8806.22", "drone"),
    ],
)
def test_hs_codes_of_every_length_resolve_to_the_most_specific_category(catalogue, code, expected):
    finding = find(catalogue, code)
    if expected:
        assert (finding.kind, [c.id for c in finding.categories]) == ("category", [expected])
    else:
        assert finding.kind == "ambiguous" and len(finding.categories) >= 2


def test_a_chapter_code_answers_with_its_rules_and_the_questions(site):
    reply = site.get("/api/products?hs=95&lang=en").json
    assert reply["result"] == "unknown" and reply["hs"] == "95"
    toy = [q for q in reply["questions"] if q["id"] == "toy"][0]
    assert [c["value"] for c in toy["choices"] if c["checked"]] == ["yes"]
    soup = page(site, "/zh/products?q=85")
    assert "第 85 章" in soup.select_one(".finding .chapter").get_text()


# -- questions and refinements ---------------------------------------------------------------------


def test_an_unlisted_product_is_answered_from_the_questions_as_json(site):
    reply = site.get("/api/products?q=zebra+saddle&power=battery&radio=yes&internet=yes&consumer=yes&lang=en").json
    assert reply["result"] == "unknown"
    acts = {a["rule"] for g in reply["answers"]["groups"] for a in g["acts"]}
    assert {"red", "red-cyber", "cra", "batteries", "gpsr", "rohs", "weee"} <= acts
    assert "lvd" not in acts
    [lvd] = [a for a in reply["answers"]["not_applicable"] if a["rule"] == "lvd"]
    assert "Article 1" in lvd["reason"]


def test_answers_alone_give_an_answer_page_and_a_checklist(site):
    soup = page(site, "/en/products/questions?power=mains&heats=yes&consumer=yes")
    assert soup.select_one('.rules .rule[data-rule="lvd"] .rule-reason')
    assert soup.select_one('.rule[data-rule="heating"]')
    checklist = page(site, "/en/products/questions/checklist?power=mains&heats=yes&consumer=yes")
    assert checklist.select(".checks input[type=checkbox]")


def test_a_listed_product_is_refined_by_the_same_questions(site):
    corded = {
        a["rule"]
        for g in site.get("/api/products?category=vacuum-cleaner").json["category"]["groups"]
        for a in g["acts"]
    }
    wifi = {
        a["rule"]
        for g in site.get("/api/products?category=vacuum-cleaner&power=both&radio=yes&internet=yes").json["category"][
            "groups"
        ]
        for a in g["acts"]
    }
    assert {"lvd", "emc"} <= corded and not {"red", "batteries"} & corded
    assert {"red", "red-cyber", "cra", "batteries"} <= wifi and "lvd" not in wifi


def test_the_refine_form_keeps_the_answers_and_links_the_refined_checklist(site):
    soup = page(site, "/en/products/smart-air-conditioner?radio=no&internet=no")
    assert soup.select_one('fieldset[data-question="radio"] input[value="no"]').has_attr("checked")
    assert (
        soup.select_one("a.checklist-link")["href"]
        == "/en/products/smart-air-conditioner/checklist?radio=no&internet=no"
    )
    assert soup.select_one('.rules .rule[data-rule="lvd"]')


def test_a_bad_answer_is_refused_by_the_api_and_ignored_on_pages_with_a_notice(site):
    response = site.get("/api/products?q=kettle&power=nuclear")
    assert response.status_code == 400
    assert "power=nuclear" in response.json["message"]
    soup = page(site, "/en/products/electric-kettle?power=nuclear")
    assert "power=nuclear" in soup.select_one(".ignored").get_text()


@pytest.mark.parametrize(
    "category, rule",
    [("television", "red"), ("robot-vacuum", "red"), ("smart-air-conditioner", "red"), ("variable-speed-drive", "emc")],
)
def test_the_catalogue_corrections_of_issue_15(site, category, rule):
    reply = site.get(f"/api/products?category={category}").json["category"]
    assert rule in {a["rule"] for g in reply["groups"] for a in g["acts"]}


def test_an_all_in_one_pc_is_weee_category_2(site):
    assert site.get("/api/products?category=all-in-one-pc").json["category"]["weee"][0]["category"] == 2


def test_the_answer_shows_the_coming_key_dates_of_its_acts(site, real_documents):
    import datetime as dt

    from indexer.corpus.key_dates import key_dates

    dates = site.get("/api/products?category=smartphone&lang=en").json["category"]["dates"]
    assert [d["date"] for d in dates] == sorted(d["date"] for d in dates)
    assert all(d["date"] >= dt.date.today().isoformat() for d in dates)
    expected = {
        (k.doc_id, k.date.isoformat())
        for d in real_documents
        if d.id == "forced-labour" and d.lang == "en"
        for k in key_dates(d)
        if k.for_all and k.date >= dt.date.today()
    }
    assert expected and expected <= {(d["act"], d["date"]) for d in dates}
    soup = page(site, "/zh/products/smartphone")
    assert soup.select_one('.product-dates li[data-act="forced-labour"] time')


def test_a_rule_with_an_unknown_question_is_reported_with_file_and_line(tmp_path):
    path = write_catalogue(tmp_path)
    rules = path.parent / "rules.yaml"
    rules.write_text(
        rules.read_text(encoding="utf-8").replace("power:\n    - mains", "wattage:\n    - mains", 1), encoding="utf-8"
    )
    problems = [str(p) for p in load_catalogue(path, {"rohs"}, root=tmp_path).problems]
    assert any(p.startswith("products/rules.yaml:") and "'wattage' is not a question" in p for p in problems), problems


# -- the one call for other parts of the site --------------------------------------------------------


def test_find_product_answers_a_search_query_in_either_language(real_corpus):
    from indexer.products import find_product

    bank = find_product("充电宝", "zh", real_corpus)
    assert (bank.kind, bank.category.id, bank.name) == ("category", "power-bank", "充电宝")
    batteries = [a for a in bank.applicable if a.key == "batteries"][0]
    assert "电池" in batteries.reason and batteries.obligations
    assert bank.dates == []  # the search card links the answer page, which shows them

    vacuums = find_product("8508.11", "en", real_corpus)
    assert vacuums.kind == "ambiguous" and {c.id for c in vacuums.candidates} >= {"robot-vacuum", "cordless-vacuum"}
    assert "power" in vacuums.differences and "radio" in vacuums.differences

    toys = find_product("95", "en", real_corpus)
    assert toys.kind == "questions" and toys.answers["toy"] == "yes"


@pytest.mark.parametrize(
    "query, lang",
    [
        ("electric", "en"),
        ("设备", "zh"),
        ("", "en"),
        ("zebra saddle", "en"),
        ("<script>alert(1)</script>", "en"),
        ("fridge", "fr"),
        ("x" * 5000, "en"),
    ],
)
def test_find_product_returns_none_when_the_query_names_no_product(real_corpus, query, lang):
    from indexer.products import find_product

    assert find_product(query, lang, real_corpus) is None


def test_a_refinement_switches_off_the_measures_of_the_corded_product(site):
    def rules(url):
        return {a["rule"] for g in site.get(url).json["category"]["groups"] for a in g["acts"]}

    assert {"erp", "right-to-repair"} <= rules("/api/products?category=vacuum-cleaner")
    # (EU) No 666/2013 and so Annex II of the right to repair cover mains-operated vacuum cleaners only
    assert not {"erp", "right-to-repair"} & rules("/api/products?category=vacuum-cleaner&power=battery")


@pytest.fixture(scope="module")
def site_on_3_december_2026(real_corpus, tmp_path_factory):
    from kb import create_app

    app = create_app(
        {
            "TESTING": True,
            "CORPUS_DIR": str(real_corpus),
            "TODAY": "2026-12-03",
            "INDEX_DIR": str(tmp_path_factory.mktemp("index")),
        }
    )
    return app.test_client()


def _dated_acts(reply) -> set:
    return {(d["act"], d["date"]) for d in reply["dates"]}


CRA_APPLIES = ("cra", "2027-12-11")  # group:connected-products, which is "the products the CRA rule applies to"


def test_a_scope_group_named_by_a_rule_holds_every_product_that_rule_answers(catalogue):
    members = catalogue.group_members()
    # robot vacuum, smart plug and e-scooter were never listed by hand: the CRA rule puts them there
    assert {"robot-vacuum", "smartphone"} <= set(members["connected-products"])
    assert "electric-kettle" not in members["connected-products"]
    assert "robot-vacuum" in members["radio-equipment"]


def test_connected_products_get_the_cyber_resilience_act_dates_and_others_do_not(site_on_3_december_2026):
    robot = site_on_3_december_2026.get("/api/products?category=robot-vacuum&lang=en").json["category"]
    kettle = site_on_3_december_2026.get("/api/products?category=electric-kettle&lang=en").json["category"]
    assert CRA_APPLIES in _dated_acts(robot)
    assert not any(act == "cra" for act, _ in _dated_acts(kettle))


def test_an_unlisted_connected_product_gets_its_groups_dates_from_the_answers(site_on_3_december_2026):
    query = "/api/products?power=mains&radio=yes&internet=yes&consumer=yes&lang=zh"
    reply = site_on_3_december_2026.get(query).json["answers"]
    assert CRA_APPLIES in _dated_acts(reply)
    offline = site_on_3_december_2026.get("/api/products?power=mains&radio=no&internet=no&lang=zh").json["answers"]
    assert not any(act == "cra" for act, _ in _dated_acts(offline))


def test_refining_a_product_with_wifi_adds_the_connected_products_dates(site_on_3_december_2026):
    kettle = site_on_3_december_2026.get("/api/products?category=electric-kettle&radio=yes&internet=yes").json[
        "category"
    ]
    assert CRA_APPLIES in _dated_acts(kettle)
