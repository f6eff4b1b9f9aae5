"""Issue #15, content review: the acts added for 2026-2028 and the corrections, checked on the shipped
corpus (the files a reader gets), so a later edit that undoes a correction fails here."""

import datetime as dt
import re

import pytest

from indexer.corpus.corpus import load_corpus
from tests.conftest import ROOT

TODAY = dt.date(2026, 12, 3)

# id -> (CELEX, a Chinese name exporters use, the key dates both language files must list)
NEW_ACTS = {
    # Key dates: every date the page states (tests/test_key_dates_prose.py), history included.
    "pld": (
        "32024L2853",
        "产品责任指令",
        ["1985-07-25", "2022-09-28", "2024-10-23", "2024-11-18", "2024-12-08", "2026-12-09", "2026-12-10"],
    ),
    "right-to-repair": (
        "32024L1799",
        "维修权指令",
        ["2023-03-22", "2024-04-23", "2024-06-13", "2024-07-10", "2024-07-30", "2026-07-31", "2027-07-31"],
    ),
    "forced-labour": (
        "32024R3015",
        "强迫劳动产品禁令",
        [
            "2022-09-14",
            "2024-04-23",
            "2024-11-27",
            "2024-12-12",
            "2024-12-13",
            "2025-12-14",
            "2026-06-14",
            "2027-12-14",
        ],
    ),
    "pops": (
        "32019R1021",
        "持久性有机污染物法规",
        [
            "2004-04-29",
            "2019-06-20",
            "2019-06-25",
            "2019-07-15",
            "2020-07-04",
            "2025-11-17",
            "2025-12-30",
            "2027-12-30",
        ],
    ),
}
# Files the review changed: each says when it was checked and what changed.
CHANGED = [
    *(
        f"{i}.{lang}"
        for i in (
            "pld",
            "right-to-repair",
            "forced-labour",
            "pops",
            "eup",
            "eup-summary",
            "erp",
            "espr",
            "espr-summary",
            "energy-labelling",
            "reach",
            "rohs-summary",
            "green-inspection-quarantine",
            "green-trade-barrier",
        )
        for lang in ("zh", "en")
    ),
    *(f"{i}-summary.{lang}" for i in ("pld", "right-to-repair", "forced-labour", "pops") for lang in ("zh", "en")),
    "weee.zh",
    "weee-summary.zh",
    "svhc.zh",
    "notified-body.zh",
    "technical-documentation.zh",
    "energy-using-product.zh",
    "packaging.zh",
    "ppwr.zh",
    "batteries.zh",
    "china-weee.zh",
]


@pytest.fixture(scope="module")
def docs():
    corpus = load_corpus(ROOT / "corpus")
    return {f"{d.id}.{d.lang}": d for d in corpus.documents}


def text_of(doc):
    return doc.title + "\n" + doc.body


@pytest.mark.parametrize("act", NEW_ACTS)
def test_new_act_has_a_regulation_page_and_a_summary_in_both_languages(docs, act):
    celex, zh_name, _ = NEW_ACTS[act]
    for lang in ("zh", "en"):
        page, summary = docs[f"{act}.{lang}"], docs[f"{act}-summary.{lang}"]
        assert page.type == "regulation" and page.meta["celex"] == celex
        assert page.meta["status"] == "in force" and page.meta["jurisdiction"] == "EU"
        assert page.meta["eli"].startswith("http://data.europa.eu/eli/")
        assert summary.type == "summary" and summary.meta["summarises"] == act
        assert f"{act}-summary" in page.meta["related"]
        # Found by the name a Chinese exporter types, in either language version.
        assert zh_name in page.aliases, f"{act}.{lang}: alias {zh_name} missing"
        assert any(a.startswith(("Regulation (EU)", "Directive (EU)")) for a in page.aliases)
        # Sources cited down to the article, on EUR-Lex.
        article = re.compile(r"Article|第[0-9()、，和至]+条")
        assert any(article.search(s["title"]) and "eur-lex.europa.eu" in s["url"] for s in page.meta["sources"])


@pytest.mark.parametrize("act", NEW_ACTS)
def test_new_act_lists_the_same_key_dates_in_both_languages(docs, act):
    expected = NEW_ACTS[act][2]
    zh, en = (docs[f"{act}.{lang}"].meta["key_dates"] for lang in ("zh", "en"))
    assert [str(k["date"]) for k in en] == expected
    for z, e in zip(zh, en):
        assert {k: z.get(k) for k in ("date", "scope", "source", "anchor", "confirmed")} == {
            k: e.get(k) for k in ("date", "scope", "source", "anchor", "confirmed")
        }
        assert re.search(r"[\u4e00-\u9fff]", z["what"]) and not re.search(r"[\u4e00-\u9fff]", e["what"])
        assert e["source"]["url"].startswith("https://")
    for lang in ("zh", "en"):
        doc = docs[f"{act}.{lang}"]
        assert all(k["anchor"] in doc.anchors for k in doc.meta["key_dates"]), f"{act}.{lang}: unknown anchor"


def test_an_unconfirmed_date_is_marked_so(docs):
    platform = [k for k in docs["right-to-repair.en"].meta["key_dates"] if str(k["date"]) == "2027-07-31"]
    assert platform and platform[0]["confirmed"] is False


@pytest.mark.parametrize("name", CHANGED)
def test_changed_file_is_dated_and_logged(docs, name):
    meta = docs[name].meta
    assert meta["updated"] == TODAY
    assert meta["changes"][0]["date"] == TODAY and meta["changes"][0]["what"].strip()


def test_pld_names_who_is_liable_for_a_maker_outside_the_eu(docs):
    en, zh = docs["pld.en"].body, docs["pld.zh"].body
    assert "after 9 December 2026" in en and "2026年12月9日之后" in zh
    for word in ("importer", "authorised representative", "fulfilment service provider"):
        assert word in en
    for word in ("进口商", "授权代表", "履约服务提供商"):
        assert word in zh


def test_right_to_repair_ties_to_the_ecodesign_acts(docs):
    for lang in ("zh", "en"):
        doc = docs[f"right-to-repair.{lang}"]
        assert "ecodesign-link" in doc.anchors and "annex-ii" in doc.anchors
        for act in ("2019/2023", "2019/2019", "2019/2021", "2023/1670", "2023/2533", "2023/1542"):
            assert act in doc.body, f"right-to-repair.{lang}: Annex II act {act} missing"
    assert "31 July 2026" in docs["right-to-repair.en"].body and "2026年7月31日" in docs["right-to-repair.zh"].body


def test_forced_labour_and_pops_carry_their_dates_and_substances(docs):
    assert "14 December 2027" in docs["forced-labour.en"].body
    assert "2027年12月14日" in docs["forced-labour.zh"].body
    for word in ("decaBDE", "SCCP", "PFOA", "2025/1482", "10 mg/kg"):
        assert word in docs["pops.en"].body
    for word in ("十溴二苯醚", "短链氯化石蜡", "PFOA", "2025/1482", "10 mg/kg"):
        assert word in docs["pops.zh"].body


def test_no_old_chinese_terms_remain_in_the_corpus(docs):
    for name, doc in docs.items():
        # 生产者延伸责任 is gone from every file, header included; the others from titles and text.
        assert "生产者延伸责任" not in doc.path.read_text(encoding="utf-8"), name
        assert "授权法规" not in text_of(doc), name
        assert "高关注物质" not in text_of(doc), name
        assert not re.search(r"模式 ?[A-H](?![a-zA-Z])", text_of(doc)), name
    assert docs["svhc.zh"].title.startswith("高度关注物质")


def test_green_inspection_quarantine_is_titled_as_the_paper_names_it(docs):
    assert docs["green-inspection-quarantine.zh"].title == "绿色检验检疫制度"
    assert docs["green-inspection-quarantine.zh"].body.lstrip().startswith("绿色检验检疫制度")


@pytest.mark.parametrize("name", ["weee.zh", "weee-summary.zh", "energy-labelling.zh", "eup.zh", "erp.zh"])
def test_lamps_are_not_called_luminaires(docs, name):
    assert "灯具" not in text_of(docs[name])
    assert "灯" in docs[name].body


def test_weee_category_3_is_lamps(docs):
    assert "| 第3类（灯） |" in docs["weee.zh"].body


def test_rohs_1_repealed_from_3_january_2013(docs):
    en, zh = docs["rohs-summary.en"].body, docs["rohs-summary.zh"].body
    assert "repealed with effect from 3 January 2013 (Article 26)" in en
    assert "2013年1月3日起废止（第26条）" in zh
    assert not re.search(r"by 2 January 2013, when\s+Directive 2002/95/EC was repealed", en)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_eup_says_1275_2008_was_repealed_by_2023_826(docs, lang):
    row = next(line for line in docs[f"eup.{lang}"].body.splitlines() if "1275/2008" in line and "|" in line)
    assert "2023/826" in row and ("9 May 2025" in row or "2025年5月9日" in row)
    summary = docs[f"eup-summary.{lang}"].body
    assert "2023/826" in summary


def test_erp_table_covers_every_measure_the_catalogue_cites(docs):
    catalogue = (ROOT / "corpus/products/catalogue.yaml").read_text(encoding="utf-8")
    cited = set()
    for line in catalogue.splitlines():
        if re.search(r"ecodesign|energy label", line, re.I) and ("en:" in line or "title:" in line):
            cited |= set(re.findall(r"\((?:EU|EC)\) (?:No )?(\d{3,4}/\d{1,4})", line))
    assert {"2023/826", "2023/1670", "2023/1669", "2019/2020"} <= cited
    for lang in ("zh", "en"):
        body = docs[f"erp.{lang}"].body
        table = body[body.index("{#implementing-measures}") :]
        missing = sorted(n for n in cited - {"2017/1369"} if n not in table)
        assert not missing, f"erp.{lang}: no row for {missing}"
        row = next(line for line in table.splitlines() if line.startswith("| (EU) 2023/826 "))
        assert "1275/2008" in row


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_espr_names_the_2026_acts_and_does_not_write_past_dates_as_future(docs, lang):
    body = docs[f"espr.{lang}"].body
    assert "2026/296" in body and "2026/2" in body
    assert "| by 19 July 2026 |" not in body and "| 2026年7月19日前 |" not in body
    assert "due by 19 July 2026" not in body and "须在2026年7月19日前建成" not in body


def test_energy_labelling_has_the_tumble_dryer_label(docs):
    assert re.search(
        r"2023/2534.{0,120}1 July 2025|1 July 2025.{0,120}2023/2534", docs["energy-labelling.en"].body, re.S
    )
    assert "2023/2534" in docs["energy-labelling.zh"].body and "2025年7月1日" in docs["energy-labelling.zh"].body


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_reach_lists_the_annex_xvii_restrictions_with_dates(docs, lang):
    doc = docs[f"reach.{lang}"]
    section = doc.body[doc.body.index("{#annex-xvii}") :]
    for act, date_en, date_zh in (
        ("2023/923", "29 November 2024", "2024年11月29日"),
        ("2023/1464", "6 August 2026", "2026年8月6日"),
        ("2024/2462", "10 October 2026", "2026年10月10日"),
        ("2024/1328", "6 June 2026", "2026年6月6日"),
    ):
        row = next(line for line in section.splitlines() if act in line)
        assert (date_en if lang == "en" else date_zh) in row, f"reach.{lang}: {act} without its date"
    assert {str(k["date"]) for k in doc.meta["key_dates"]} >= {"2024-11-29", "2026-06-06", "2026-08-06", "2026-10-10"}


def test_every_candidate_list_count_carries_its_date(docs):
    count = re.compile(r"\b\d{3} (?:entries|substances)|\d{3}(?:项|个条目|种物质)")
    for name, doc in docs.items():
        for sentence in re.split(r"(?<=[.。])\s*", doc.body):
            if count.search(sentence) and ("Candidate List" in sentence or "候选清单" in sentence):
                assert re.search(r"20\d\d", sentence), f"{name}: undated count: {sentence[:80]}"
