"""WTO notifications on the site: pages, the listing and its filters, product answers, comment
deadlines, the imported counts on the TBT figure, search by symbol, product and words."""

from __future__ import annotations

import datetime as dt
import shutil

import openpyxl
import pytest
from bs4 import BeautifulSoup

from indexer.corpus.corpus import load_corpus
from indexer.engine.index import IndexManager
from indexer.engine.search import search
from indexer.eping import import_exports
from tests.conftest import DATA, ROOT, write_doc

SAMPLE = DATA / "tbt" / "Notifications_example.xlsx"
HEADER = [
    "Notifying Member",
    "Distribution date",
    "Document symbol",
    "Title",
    "Description",
    "Products covered",
    "HS code(s)",
    "Final date for comments",
    "Notification type",
    "Link to notification(EN)",
]
SOURCES = 'sources:\n  - {title: "The paper, Table 1", url: "kb:paper-stub"}\n'


def extra_workbook(path):
    """Two notifications the sample lacks: one naming our pages, one full of markup."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(
        [
            "European Union",
            dt.datetime(2025, 6, 2),
            '=HYPERLINK("https://www.epingalert.org/x"," G/TBT/N/EU/1088")',
            "Draft Commission Regulation restricting hazardous substances in chargers",
            "Amends the RoHS Directive for chargers; a green technical standard for external power supplies.",
            "Chargers (HS code(s): 850440)",
            "850440 - Static converters",
            dt.datetime(2025, 8, 1),
            "Regular notification",
            '=HYPERLINK("https://docs.wto.org/x.DOCX","https://docs.wto.org/x.DOCX")',
        ]
    )
    sheet.append(
        [
            "European Union",
            dt.datetime(2025, 6, 3),
            "G/TBT/N/EU/1089",
            "<img src=x onerror=alert(1)> [click](javascript:alert(1))",
            "## Injected {#evil}\n<script>alert(2)</script>",
            "",
            "",
            None,
            "Regular notification",
            None,
        ]
    )
    book.save(path)
    return path


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("notifications")
    corpus = root / "corpus"
    shutil.copytree(DATA / "corpus", corpus)
    shutil.copy(ROOT / "corpus" / "lexicon.yaml", corpus / "lexicon.yaml")
    shutil.copytree(ROOT / "corpus" / "products", corpus / "products")  # the product finder's catalogue
    for lang, title in (("en", "TBT notifications (paper)"), ("zh", "TBT 通报数（论文）")):
        write_doc(
            corpus,
            "tbt-notifications",
            lang,
            f"type: figure\ntitle: {title}\ndata: tbt.csv\nchart: bar\nx: year\nseries: [notifications]\n{SOURCES}",
            "The paper's Table 1.\n",
            folder="figures",
        )
        write_doc(corpus, "paper-stub", lang, f"type: source\ntitle: Paper\n{SOURCES}", "The paper.\n")
    (corpus / "figures" / "tbt.csv").write_text("year,notifications\n2018,34\n2023,46\n", encoding="utf-8")
    import_exports([SAMPLE, extra_workbook(root / "extra.xlsx")], corpus, today=dt.date(2026, 12, 3))
    loaded = load_corpus(corpus)
    assert loaded.errors == []
    IndexManager(root / "index").build(loaded.documents, lexicon_groups=loaded.lexicon)
    return corpus, root / "index"


def make_app(site, today):
    from kb import create_app

    corpus, index = site
    return create_app({"TESTING": True, "CORPUS_DIR": str(corpus), "INDEX_DIR": str(index), "TODAY": today})


@pytest.fixture(scope="module")
def client(site):
    return make_app(site, "2025-06-15").test_client()  # while the sample's comment periods ran


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def facts(soup) -> dict:
    box = soup.select_one(".facts dl")
    return {
        dt_.get_text(strip=True): dt_.find_next_sibling("dd").get_text(" ", strip=True) for dt_ in box.find_all("dt")
    }


# -- a notification's page ------------------------------------------------------------------------


def test_the_chinese_page_has_chinese_field_names_and_headings_and_the_original_text(client):
    soup = page(client, "/zh/g-tbt-n-chn-2063")
    found = facts(soup)
    assert found["通报编号"] == "G/TBT/N/CHN/2063" and found["通报成员"] == "China"
    assert found["分发日期"] == "2025-06-10"
    assert "2025-08-09" in found["评议截止日期"] and "征求意见中" in found["评议截止日期"]
    assert found["涉及的产品类别"] == "家用洗衣机和洗干一体机"
    assert soup.select_one(".facts a[href='/zh/products/washing-machine']")
    headings = [h.get_text(" ", strip=True) for h in soup.select(".body h2")]
    assert any(h.startswith("涵盖的产品") for h in headings) and any(h.startswith("HS 编码") for h in headings)
    assert "electric washing machines and washer-dryers" in soup.select_one(".body").get_text()
    assert soup.select_one("a.other-lang")["href"] == "/en/g-tbt-n-chn-2063"


def test_the_english_page_says_the_same_in_english(client):
    found = facts(page(client, "/en/g-tbt-n-chn-2063"))
    assert found["Document symbol"] == "G/TBT/N/CHN/2063"
    assert "Open for comments" in found["Final date for comments"]
    assert found["Product categories concerned"] == "Household washing machine or washer-dryer"


def test_a_closed_comment_period_says_so(site):
    soup = page(make_app(site, "2026-12-03").test_client(), "/en/g-tbt-n-chn-2063")
    assert "Comment period over" in facts(soup)["Final date for comments"]


def test_follow_ups_and_their_base_link_each_other(client):
    base = page(client, "/en/g-tbt-n-bra-366-add-1")
    assert base.select_one(".follow-ups a[href='/en/g-tbt-n-bra-366-add-1-corr-1']")
    corrigendum = page(client, "/zh/g-tbt-n-bra-366-add-1-corr-1")
    assert facts(corrigendum)["所属的通报"] == "G/TBT/N/BRA/366/Add.1"
    assert corrigendum.select_one(".facts a[href='/zh/g-tbt-n-bra-366-add-1']")
    assert "勘误" in facts(corrigendum)["通报类型"]


def test_the_page_links_the_knowledge_bases_pages_the_text_names(client):
    soup = page(client, "/zh/g-tbt-n-eu-1088")
    concerned = {a["href"]: a.get_text(strip=True) for a in soup.select(".concerns a")}
    assert concerned["/zh/rohs"] == "RoHS 指令（2011/65/EU）" or concerned["/zh/rohs"].startswith("RoHS")
    assert "/zh/green-technical-standard" in concerned
    assert soup.select_one(".body a.defined[href='/zh/rohs']")  # and the text links it where it says it


def test_markup_in_an_export_is_shown_as_text(client):
    soup = page(client, "/en/g-tbt-n-eu-1089")
    assert soup.select("article script, article img") == []
    assert not soup.select("a[href^='javascript']") and soup.find(id="evil") is None
    assert "<img src=x onerror=alert(1)>" in soup.select_one("h1").get_text()
    assert "## Injected {#evil}" in soup.select_one(".body").get_text()


# -- the listing ----------------------------------------------------------------------------------


def symbols(soup) -> list[str]:
    return [li["data-symbol"] for li in soup.select("li.notification")]


def test_the_listing_is_a_plain_get_form_in_both_languages(client):
    soup = page(client, "/zh/notifications")
    form = soup.select_one("form.notification-filters")
    assert form["method"] == "get" and form["action"] == "/zh/notifications"
    assert {s["name"] for s in form.select("select")} == {"member", "chapter", "category", "open", "agreement"}
    assert len(symbols(soup)) == 183
    assert soup.select_one("a.other-lang")["href"] == "/en/notifications"
    assert soup.select_one("nav.main a[aria-current='page']").get_text(strip=True) == "WTO 通报"


def test_filters_by_member_chapter_category_and_open(client):
    china = symbols(page(client, "/en/notifications?member=China"))
    assert "G/TBT/N/CHN/2063" in china and all("/CHN/" in s for s in china)
    chapter = symbols(page(client, "/en/notifications?chapter=84"))
    assert {"G/TBT/N/USA/552/Rev.3/Add.5", "G/TBT/N/CHN/2063"} <= set(chapter)  # HS 841581, 8450
    assert "G/TBT/N/CHN/2067" not in chapter and "G/TBT/N/CHN/2067" in symbols(
        page(client, "/en/notifications?chapter=87")
    )
    category = symbols(page(client, "/en/notifications?category=washing-machine"))
    assert category == ["G/TBT/N/CHN/2063"]
    both = symbols(page(client, "/en/notifications?member=China&chapter=87"))
    assert "G/TBT/N/CHN/2067" in both and all(s.startswith("G/TBT/N/CHN/") for s in both)
    assert len(both) < len(china) and set(both) <= set(
        chapter_87 := symbols(page(client, "/en/notifications?chapter=87"))
    )
    assert chapter_87


def test_open_or_closed_depends_on_the_day(client, site):
    open_now = page(client, "/en/notifications?open=1")
    assert all("open" in li["class"] for li in open_now.select("li.notification"))
    assert "G/TBT/N/CHN/2063" in symbols(open_now) and len(symbols(open_now)) == 134  # 133 sample + EU/1088
    closed = symbols(page(client, "/en/notifications?open=0"))
    assert "G/TBT/N/CHN/2063" not in closed and "G/TBT/N/EU/1089" in closed  # no final date given: not open
    later = make_app(site, "2026-12-03").test_client()
    assert symbols(page(later, "/en/notifications?open=1")) == []
    assert (
        page(later, "/zh/notifications?open=1").select_one("p.empty").get_text(strip=True) == "没有符合筛选条件的通报。"
    )


def test_the_open_ones_come_first_closest_deadline_first(client):
    listed = page(client, "/en/notifications").select("li.notification")
    flags = ["open" in li["class"] for li in listed]
    assert flags == sorted(flags, reverse=True)
    dates = [li.select_one(".deadline time, .deadline").get_text() for li in listed if "open" in li["class"]]
    assert dates == sorted(dates)


def test_odd_filter_values_answer_an_empty_listing_not_an_error(client):
    for query in ("member=%3Cscript%3E", "chapter=zz", "category=nothing", "open=maybe", "agreement=" + "x" * 5000):
        soup = page(client, f"/en/notifications?{query}")
        assert soup.select_one("form.notification-filters")


def test_the_home_page_counts_the_notifications(client, app):
    card = page(client, "/zh/").select_one(".card-notifications")
    assert card.select_one("a")["href"] == "/zh/notifications" and card.select_one("small").get_text() == "(183)"
    assert page(app.test_client(), "/en/").select_one(".card-notifications small").get_text() == "(0)"


def test_without_notifications_the_listing_explains_how_to_import(app):
    client = app.test_client()
    soup = page(client, "/zh/notifications")
    assert "kb import-eping" in soup.select_one("p.empty").get_text()
    assert page(client, "/en/notifications").select("li.notification") == []


# -- product answers, deadlines, figures, sitemap -------------------------------------------------


def test_a_products_answer_lists_its_open_notifications(client, site):
    soup = page(client, "/en/products/washing-machine")
    block = soup.select_one("section.product-notifications")
    assert [li["data-symbol"] for li in block.select("li")] == ["G/TBT/N/CHN/2063"]
    assert block.select_one("a[href='/en/notifications?category=washing-machine']")
    answer = client.get("/api/products?category=washing-machine&lang=zh").get_json()["category"]
    assert [(n["symbol"], n["comments"]) for n in answer["notifications"]] == [("G/TBT/N/CHN/2063", "2025-08-09")]
    later = make_app(site, "2026-12-03").test_client()
    assert page(later, "/en/products/washing-machine").select_one("section.product-notifications") is None


def test_comment_deadlines_are_dated_entries_for_the_timeline(site):
    from kb.notifications import comment_deadlines

    app = make_app(site, "2025-06-15")
    with app.test_request_context("/"):
        entries = comment_deadlines()
    assert [e["date"] for e in entries] == sorted(e["date"] for e in entries)
    washing = next(e for e in entries if e["symbol"] == "G/TBT/N/CHN/2063")
    assert washing["date"] == dt.date(2025, 8, 9) and washing["scope"] == ["washing-machine"]
    assert washing["link"] == {"zh": "/zh/g-tbt-n-chn-2063", "en": "/en/g-tbt-n-chn-2063"}
    assert "G/TBT/N/CHN/2063" in washing["what"]["zh"] and "评议截止" in washing["what"]["zh"]
    assert washing["what"]["en"].startswith("Last day for comments on WTO notification G/TBT/N/CHN/2063 (China)")
    assert not any(e["symbol"] == "G/TBT/N/EU/1089" for e in entries)  # no final date, no entry
    milk = next(e for e in entries if e["symbol"] == "G/SPS/N/CHN/1326")  # raw milk: no HS code given
    assert milk["scope"] == []  # concerns no product: never "all"


def test_comment_deadlines_also_come_as_key_date_records(site):
    from kb.notifications import comment_key_dates

    with make_app(site, "2025-06-15").test_request_context("/"):
        records = {r.doc_id: r for r in comment_key_dates("zh")}
    washing = records["g-tbt-n-chn-2063"]
    assert (washing.date, washing.scope, washing.lang) == (dt.date(2025, 8, 9), ("washing-machine",), "zh")
    assert washing.source_url == "https://www.epingalert.org/en/Search?viewData=G/TBT/N/CHN/2063"
    assert washing.covers("washing-machine", {}) and not washing.covers("dishwasher", {})
    assert not any(r.covers("dishwasher", {}) for r in records.values() if not r.scope)


def test_a_notification_without_hs_codes_says_so(client):
    assert facts(page(client, "/zh/g-tbt-n-kwt-610-add-1"))["涉及的产品类别"] == "通报未列出 HS 编码"


def test_the_tbt_figure_shows_the_imported_counts_apart_from_the_papers(client):
    for lang, title in (("en", "not the paper's data"), ("zh", "非论文数据")):
        soup = page(client, f"/{lang}/tbt-notifications")
        section = soup.select_one("section.imported-counts")
        assert title in section.select_one("h2").get_text()
        years = {tr.th.get_text(): tr.td.get_text() for tr in section.select(".imported-by-year tbody tr")}
        assert years == {"2025": "140"}  # 138 TBT notifications of the sample and the two added here
        members = {tr.th.get_text(): int(tr.td.get_text()) for tr in section.select(".imported-by-member tbody tr")}
        # Kenya has 12 rows with distinct TBT symbols in the sample, most of them joint East African notifications
        assert members["European Union"] == 2 and members["Kenya"] == 12
        assert soup.select_one("table.figure-data")  # the paper's own table is still there


def test_the_sitemap_lists_the_notifications(client):
    xml = client.get("/sitemap.xml").get_data(as_text=True)
    assert "/en/notifications</loc>" in xml and "/zh/g-tbt-n-chn-2063</loc>" in xml


# -- search ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def index(site):
    return IndexManager(site[1])


@pytest.mark.parametrize("query", ["G/TBT/N/EU/1088", "EU/1088", "EU 1088", "eu/1088", "g/tbt/n/eu/1088"])
def test_a_symbol_in_any_spelling_finds_its_notification_first(index, query):
    assert search(index, query, lang="zh").hits[0].doc_id == "g-tbt-n-eu-1088"


def test_a_follow_up_symbol_finds_the_follow_up_first(index):
    assert search(index, "G/TBT/N/BRA/366/Add.1/Corr.1").hits[0].doc_id == "g-tbt-n-bra-366-add-1-corr-1"
    # the corrigendum cancels Add.1 and names it in its title, so both come first, in either order
    top = {h.doc_id for h in search(index, "BRA 366 Add.1").hits[:2]}
    assert top == {"g-tbt-n-bra-366-add-1", "g-tbt-n-bra-366-add-1-corr-1"}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("washing machines energy consumption", "g-tbt-n-chn-2063"),
        ("air conditioner test procedure", "g-tbt-n-usa-552-rev-3-add-5"),
        ("空调", "g-tbt-n-usa-552-rev-3-add-5"),
        ("洗衣机", "g-tbt-n-chn-2063"),
        ("电磁兼容 车辆", "g-tbt-n-chn-2067"),
    ],
)
def test_products_and_words_find_notifications_in_both_languages(index, query, expected):
    hits = [h.doc_id for h in search(index, query, lang="zh").hits[:3]]
    assert expected in hits, hits


# -- the timeline, the calendar feeds and the Atom feed --------------------------------------------


def test_comment_deadlines_are_on_the_timeline_and_in_the_calendars(client):
    import icalendar

    timeline = client.get("/en/timeline?year=2025").get_data(as_text=True)
    assert "Last day for comments on WTO notification G/TBT/N/CHN/2063 (China)" in timeline
    assert 'href="/en/g-tbt-n-chn-2063"' in timeline
    for path, expected in (
        ("/zh/timeline.ics", True),
        ("/zh/products/washing-machine.ics", True),
        ("/zh/products/dishwasher.ics", False),
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        events = [
            e
            for e in icalendar.Calendar.from_ical(response.data).walk("VEVENT")
            if "G/TBT/N/CHN/2063" in str(e.get("summary"))
        ]
        assert bool(events) is expected, path
        if expected:
            assert events[0].decoded("dtstart") == dt.date(2025, 8, 9)


def test_newly_imported_notifications_are_in_the_atom_feed(client):
    import re

    feed = client.get("/zh/feed.xml").get_data(as_text=True)
    imported = re.findall(
        r'href="http://localhost/zh/(g-[a-z0-9-]+)" /><summary>导入 WTO 通报 (G/[^<]+)。</summary>', feed
    )
    assert imported and all(doc_id == symbol.lower().replace("/", "-").replace(".", "-") for doc_id, symbol in imported)
