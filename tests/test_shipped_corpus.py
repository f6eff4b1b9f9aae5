"""The shipped corpus: complete, clean, sourced, and holding the key facts where a reader looks."""

import re

import pytest

from indexer.corpus.corpus import load_corpus
from kb.linker import definition
from tests.conftest import ROOT

REQUIRED = {
    "regulation": "ce-marking rohs rohs-1 weee weee-1 eup erp espr energy-labelling packaging ppwr reach "
    "batteries cbam china-rohs china-weee",
    "summary": " ".join(
        f"{a}-summary"
        for a in "ce-marking rohs rohs-1 weee weee-1 eup erp espr energy-labelling "
        "packaging ppwr reach batteries cbam".split()
    ),
    "barrier-form": "green-trade-barrier green-tariff green-technical-standard green-environmental-label "
    "green-packaging green-inspection-quarantine",
    "term": "tbt non-tariff-barrier homogeneous-material producer-responsibility declaration-of-conformity "
    "notified-body technical-documentation energy-using-product life-cycle-assessment",
    "countermeasure": "green-subsidies green-awareness industry-alliance industry-green-image green-cost-control "
    "meet-eu-standards rohs-compliance weee-registration ce-conformity",
    "figure": "tbt-notifications me-exports",
    "source": "paper",
}
LEVELS = {
    "green-subsidies": "government",
    "green-awareness": "government",
    "industry-alliance": "industry",
    "industry-green-image": "industry",
    "green-cost-control": "enterprise",
    "meet-eu-standards": "enterprise",
    "rohs-compliance": "enterprise",
    "weee-registration": "enterprise",
    "ce-conformity": "enterprise",
}


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(ROOT / "corpus")


@pytest.fixture(scope="module")
def docs(corpus):
    return {(d.id, d.lang): d for d in corpus.documents}


def test_loader_passes_without_errors_or_warnings(corpus):
    assert [str(p) for p in corpus.problems] == []


@pytest.mark.parametrize("kind, ids", REQUIRED.items())
def test_every_required_page_exists_in_both_languages_with_its_type(docs, kind, ids):
    for doc_id in ids.split():
        for lang in ("zh", "en"):
            assert (doc_id, lang) in docs, f"{doc_id}.{lang}.md is missing"
            assert docs[doc_id, lang].type == kind


def test_every_page_has_a_source(corpus):
    assert all(d.meta.get("sources") for d in corpus.documents)


def test_countermeasures_have_their_level(docs):
    for doc_id, level in LEVELS.items():
        assert docs[doc_id, "en"].meta["level"] == level and docs[doc_id, "en"].meta.get("barrier_forms")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_definition_opens_with_a_sentence_that_stands_alone(corpus, lang):
    for doc in corpus.documents:
        if doc.lang != lang or doc.type not in ("term", "barrier-form"):
            continue
        sentence = definition(doc)
        names = [doc.title] + doc.aliases
        assert 15 <= len(sentence) <= 400, (doc.id, sentence)
        assert not re.match(r"(它|其|这|该|It |This |They )", sentence), (doc.id, sentence)
        assert any(n.lower() in sentence.lower() for n in names), (doc.id, sentence)


RoHS_LIMITS = {
    "en": [
        ("Lead", "0.1%"),
        ("Mercury", "0.1%"),
        ("Cadmium", "0.01%"),
        ("Hexavalent chromium", "0.1%"),
        ("PBB", "0.1%"),
        ("PBDE", "0.1%"),
        ("DEHP", "0.1%"),
        ("BBP", "0.1%"),
        ("DBP", "0.1%"),
        ("DIBP", "0.1%"),
    ],
    "zh": [
        ("铅", "0.1%"),
        ("汞", "0.1%"),
        ("镉", "0.01%"),
        ("六价铬", "0.1%"),
        ("多溴联苯", "0.1%"),
        ("多溴二苯醚", "0.1%"),
        ("DEHP", "0.1%"),
        ("BBP", "0.1%"),
        ("DBP", "0.1%"),
        ("DIBP", "0.1%"),
    ],
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rohs_lists_the_ten_substances_with_their_limits_in_one_section(docs, lang):
    section = next(s for s in docs["rohs", lang].sections if s.anchor == "restricted-substances")
    rows = [line for line in section.markdown.splitlines() if line.startswith("|")]
    for substance, limit in RoHS_LIMITS[lang]:
        assert any(substance in row and limit in row for row in rows), (substance, limit)


@pytest.mark.parametrize(
    "lang, categories",
    [
        (
            "en",
            [
                "Temperature exchange equipment",
                "Screens, monitors",
                "Lamps",
                "Large equipment",
                "Small equipment",
                "Small IT and telecommunication equipment",
            ],
        ),
        ("zh", ["温度交换设备", "屏幕", "灯", "大型设备", "小型设备", "小型信息技术和电信设备"]),
    ],
)
def test_weee_lists_the_six_categories_since_15_august_2018(docs, lang, categories):
    body = docs["weee", lang].body
    assert all(c in body for c in categories)
    assert "2018" in body


@pytest.mark.parametrize("doc_id", ["eup", "erp", "espr"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_ecodesign_chain_is_on_all_three_pages(docs, doc_id, lang):
    history = next(s for s in docs[doc_id, lang].sections if s.anchor == "history")
    assert all(n in history.markdown for n in ("2005/32/EC", "2009/125/EC", "2024/1781"))


def test_the_chain_is_in_the_headers_too(docs):
    assert docs["eup", "en"].meta["replaced_by"] == ["erp"]
    assert docs["erp", "en"].meta["replaces"] == ["eup"] and docs["erp", "en"].meta["replaced_by"] == ["espr"]
    assert docs["espr", "en"].meta["replaces"] == ["erp"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_paper_slips_are_corrected_not_repeated(docs, lang):
    eup = docs["eup", lang]
    notes = next(s for s in eup.sections if s.anchor == "paper-notes")
    assert "2005/32/EC" in eup.body and notes.text
    assert "1.93 万元" not in " ".join(
        d.body for (i, doc_lang), d in docs.items() if doc_lang == lang and i != "paper" and i != "me-exports"
    )


def test_figures_carry_their_data(docs):
    import csv

    for doc_id in ("tbt-notifications", "me-exports"):
        doc = docs[doc_id, "en"]
        rows = list(csv.DictReader((doc.path.parent / doc.meta["data"]).open(encoding="utf-8")))
        assert rows and all(rows[0].get(c) is not None for c in [doc.meta["x"]] + doc.meta["series"])
    notifications = {
        r["year"]: r["notifications"]
        for r in csv.DictReader(
            (docs["tbt-notifications", "en"].path.parent / "tbt-notifications.csv").open(encoding="utf-8")
        )
    }
    assert notifications["2018"] == "34" and notifications["2023"] == "46"


def test_no_alias_is_a_generic_word_that_would_link_other_pages_wrongly(corpus):
    generic = {"管理办法", "指令", "法规", "条例", "标准", "directive", "regulation", "standard", "eu"}
    for doc in corpus.documents:
        assert not [a for a in doc.aliases if a.lower() in generic and a.lower() != doc.title.lower()], doc.id
