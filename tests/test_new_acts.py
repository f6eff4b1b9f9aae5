"""The acts issue #15 adds (GPSR, CRA, RED, LVD, EMC, Machinery Regulation), as shipped in corpus/."""

import pytest

from indexer.corpus.corpus import load_corpus
from tests.conftest import ROOT

# id -> CELEX, the dates each page must state (ISO in its key_dates, written out in both bodies),
# and the sections a reader and the timeline link to.
ACTS = {
    "gpsr": ("32023R0988", {"2024-12-13": ("13 December 2024", "2024年12月13日")}),
    "cra": (
        "32024R2847",
        {
            "2026-06-11": ("11 June 2026", "2026年6月11日"),
            "2026-09-11": ("11 September 2026", "2026年9月11日"),
            "2027-12-11": ("11 December 2027", "2027年12月11日"),
        },
    ),
    "red": (
        "32014L0053",
        {
            "2016-06-13": ("13 June 2016", "2016年6月13日"),
            "2024-12-28": ("28 December 2024", "2024年12月28日"),
            "2025-08-01": ("1 August 2025", "2025年8月1日"),
            "2026-04-28": ("28 April 2026", "2026年4月28日"),
        },
    ),
    "lvd": ("32014L0035", {"2016-04-20": ("20 April 2016", "2016年4月20日")}),
    "emc": ("32014L0030", {"2016-04-20": ("20 April 2016", "2016年4月20日")}),
    "machinery": (
        "32023R1230",
        {"2024-01-20": ("20 January 2024", "2024年1月20日"), "2027-01-20": ("20 January 2027", "2027年1月20日")},
    ),
}
SECTIONS = {"requirements", "who-is-responsible", "scope", "key-dates", "how-to-comply", "related"}


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(ROOT / "corpus")


@pytest.fixture(scope="module")
def docs(corpus):
    return {(d.id, d.lang): d for d in corpus.documents}


def test_the_new_pages_load_without_problems(corpus):
    ours = {f"{act}.{lang}.md" for act in ACTS for lang in ("zh", "en")}
    ours |= {f"{act}-summary.{lang}.md" for act in ACTS for lang in ("zh", "en")}
    assert [str(p) for p in corpus.problems if any(name in str(p) for name in ours)] == []


@pytest.mark.parametrize("act", ACTS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_act_has_its_page_with_celex_and_sections(docs, act, lang):
    celex, _ = ACTS[act]
    page = docs[act, lang]
    assert page.type == "regulation" and page.meta["celex"] == celex
    assert page.meta["status"] == "in force" and page.meta["updated"].isoformat() == "2026-12-03"
    assert SECTIONS <= set(page.anchors)
    assert f"celex:{celex}#art-" in page.body, "cites the act down to the article"
    assert any(s["url"].startswith("https://eur-lex.europa.eu/") for s in page.meta["sources"])


@pytest.mark.parametrize("act", ACTS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_act_has_its_summary(docs, act, lang):
    summary = docs[f"{act}-summary", lang]
    assert summary.type == "summary" and summary.meta["summarises"] == act
    assert summary.meta["celex"] == ACTS[act][0]
    assert f"kb:{act}" in summary.body


@pytest.mark.parametrize("act", ACTS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_act_lists_its_key_dates_and_states_them_in_the_text(docs, act, lang):
    page = docs[act, lang]
    listed = {str(k["date"]) for k in page.meta["key_dates"]}
    for iso, (en, zh) in ACTS[act][1].items():
        assert iso in listed, iso
        assert (zh if lang == "zh" else en) in page.body, iso
    for entry in page.meta["key_dates"]:
        assert "Article" in entry["source"]["title"] and entry["source"]["url"].startswith("https://")
        assert entry.get("anchor") in page.anchors


@pytest.mark.parametrize("act", ACTS)
def test_both_languages_list_the_same_key_dates(docs, act):
    def comparable(doc):
        return [(str(k["date"]), k["scope"], k["source"], k.get("anchor")) for k in doc.meta["key_dates"]]

    assert comparable(docs[act, "zh"]) == comparable(docs[act, "en"])
    assert [str(c["date"]) for c in docs[act, "en"].meta["changes"]] == ["2026-12-03"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_machinery_page_tells_how_the_directive_ends(docs, lang):
    section = next(s for s in docs["machinery", lang].sections if s.anchor == "machinery-directive")
    assert "2006/42/EC" in section.markdown and "#art-51" in section.markdown
    assert ("20 January 2027" if lang == "en" else "2027年1月20日") in section.markdown


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ce_marking_keeps_the_overview_and_links_each_act_to_its_page(docs, lang):
    scope = next(s for s in docs["ce-marking", lang].sections if s.anchor == "scope")
    for act in ("lvd", "emc", "red", "machinery", "cra"):
        assert f"(kb:{act})" in scope.markdown, act


def test_the_names_of_the_new_acts_lead_to_their_own_pages(docs):
    # A name shared with the overview would send readers (and linked terms) to ce-marking.
    overview = {a.lower() for a in docs["ce-marking", "en"].aliases}
    for act in ACTS:
        assert not overview & {a.lower() for a in docs[act, "en"].aliases}, act
    assert {"LVD", "低电压指令"} <= set(docs["lvd", "zh"].aliases)
    assert {"RED", "无线电设备指令"} <= set(docs["red", "en"].aliases)
    assert {"机械法规", "新机械法规", "2006/42/EC"} <= set(docs["machinery", "zh"].aliases)
