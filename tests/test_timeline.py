"""The key dates timeline, its calendar feeds, the Atom feed of changes and the search hints.

The test corpus's RoHS page (tests/data/corpus/rohs.*.md) lists three key dates: 2025-12-11
(all products), 2026-12-11 and 2027-06-30 (unconfirmed); the catalogue below applies RoHS to
`widget` only.
"""

import datetime as dt
import json
import re
from xml.etree import ElementTree as ET

import icalendar
import pytest

from indexer.corpus.corpus import load_corpus
from kb import create_app
from tests.conftest import write_doc
from tests.test_products import CATEGORY, write_rules

ATOM = "{http://www.w3.org/2005/Atom}"
# The product finder's test catalogue, plus a category to which RoHS does not apply.
WIDGET = CATEGORY % ('"8418.10"', "4", "rohs")
GADGET = (
    WIDGET[WIDGET.index("  - id: widget") :]
    .replace("widget", "gadget")
    .replace("小部件", "小玩意")
    .replace("Widget", "Gadget")
    .replace('"8418.10"', '"8419"')
    .replace("act: rohs", "act: weee")
    .replace("traits: [mains, consumer]", "traits: [unpowered, consumer]")
)
CATALOGUE = WIDGET + GADGET


@pytest.fixture
def make_client(corpus_dir, index_dir, manager):
    path = corpus_dir / "products" / "catalogue.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(CATALOGUE, encoding="utf-8")
    write_rules(path.parent)

    def make(today="2026-12-03"):
        app = create_app({"TESTING": True, "CORPUS_DIR": str(corpus_dir), "INDEX_DIR": str(index_dir), "TODAY": today})
        return app.test_client()

    return make


def dates_shown(html: str) -> dict[str, str]:
    """date -> 'coming' / 'recent' for every key date on a timeline page."""
    return {
        m.group(2): m.group(1)
        for m in re.finditer(r'<li class="key-date (coming|recent)[^"]*" data-act="[^"]*" data-date="([0-9-]+)"', html)
    }


def test_timeline_lists_dates_by_month_with_today_marked_and_linked_to_their_passage(make_client):
    html = make_client().get("/en/timeline").get_data(as_text=True)
    assert dates_shown(html) == {"2025-12-11": "recent", "2026-12-11": "coming", "2027-06-30": "coming"}
    assert [m for m in re.findall(r"<h2>([^<]+)</h2>", html)] == ["December 2025", "December 2026", "June 2027"]
    # today's marker sits in December 2026, before the 11th
    december = html[html.index('id="m-2026-12"') : html.index('id="m-2027-06"')]
    assert december.index('id="today"') < december.index('data-date="2026-12-11"')
    assert "Today: 2026-12-03" in december
    assert 'href="/en/rohs#exemptions">Exemption 6(a) for lead in steel expires.</a>' in html
    assert '<span class="flag">unconfirmed</span>' in html  # 2027-06-30 is confirmed: false
    assert 'href="/zh/timeline"' in html  # the other language


def test_timeline_in_chinese_links_its_english_twin(make_client):
    html = make_client().get("/zh/timeline").get_data(as_text=True)
    assert "钢中铅的豁免 6(a) 到期。" in html and "2026年12月" in html and "今天：2026-12-03" in html
    assert 'href="/en/timeline"' in html


def test_an_entry_moves_from_coming_to_recent_when_the_clock_passes_it(make_client):
    before = dates_shown(make_client("2026-12-10").get("/en/timeline").get_data(as_text=True))
    assert before["2026-12-11"] == "coming"
    after = dates_shown(make_client("2026-12-12").get("/en/timeline").get_data(as_text=True))
    assert after["2026-12-11"] == "recent"


def test_the_window_is_the_last_12_and_next_36_months(make_client):
    shown = dates_shown(make_client("2027-01-01").get("/en/timeline").get_data(as_text=True))
    assert "2025-12-11" not in shown and "2026-12-11" in shown  # more than 12 months back: gone
    shown = dates_shown(make_client("2023-06-01").get("/en/timeline").get_data(as_text=True))
    assert shown == {"2025-12-11": "coming"}  # 2026-12-11 is more than 36 months ahead


def test_filter_by_act_and_by_product_category(make_client):
    client = make_client()
    assert len(dates_shown(client.get("/en/timeline?act=rohs").get_data(as_text=True))) == 3
    # an unknown act is ignored, not an error
    assert len(dates_shown(client.get("/en/timeline?act=<script>").get_data(as_text=True))) == 3
    widget = client.get("/en/timeline?product=widget").get_data(as_text=True)
    assert set(dates_shown(widget)) == {"2025-12-11", "2026-12-11", "2027-06-30"}
    assert '<option value="widget" selected>Widget</option>' in widget
    # RoHS does not apply to the gadget in this catalogue: none of its dates concern it
    assert dates_shown(client.get("/en/timeline?product=gadget").get_data(as_text=True)) == {}


def test_a_year_shows_that_years_dates(make_client):
    html = make_client().get("/en/timeline?year=2027").get_data(as_text=True)
    assert dates_shown(html) == {"2027-06-30": "coming"} and "Key dates in 2027" in html


def test_the_sitemap_lists_the_timeline_in_both_languages(make_client):
    sitemap = make_client().get("/sitemap.xml").get_data(as_text=True)
    assert "<loc>http://localhost/zh/timeline</loc>" in sitemap and "<loc>http://localhost/en/timeline</loc>" in sitemap


def test_the_timeline_is_printable(make_client):
    css = make_client().get("/static/style.css").get_data(as_text=True)
    assert re.search(r"@media print\{\s*\.timeline-filters,\.feeds\{display:none\}", css)


# -- iCalendar ---------------------------------------------------------------------------------------


def events(response) -> list:
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    return list(icalendar.Calendar.from_ical(response.data).walk("VEVENT"))


def test_timeline_ics_is_all_day_events_with_stable_uids(make_client):
    first = events(make_client().get("/en/timeline.ics"))
    assert [e.decoded("dtstart") for e in first] == [dt.date(2025, 12, 11), dt.date(2026, 12, 11), dt.date(2027, 6, 30)]
    assert all(type(e.decoded("dtstart")) is dt.date for e in first)  # a DATE: all-day
    assert all(e.decoded("dtend") - e.decoded("dtstart") == dt.timedelta(days=1) for e in first)
    assert str(first[1]["summary"]) == "RoHS Directive (2011/65/EU): Exemption 6(a) for lead in steel expires."
    assert str(first[1]["url"]).endswith("/en/rohs#exemptions")
    assert "not confirmed" in str(first[2]["description"])
    again = events(make_client("2027-03-01").get("/en/timeline.ics"))
    assert [str(e["uid"]) for e in first] == [str(e["uid"]) for e in again]
    assert len({str(e["uid"]) for e in first}) == 3
    chinese = events(make_client().get("/zh/timeline.ics"))
    assert str(chinese[1]["summary"]).endswith("钢中铅的豁免 6(a) 到期。")
    assert not {str(e["uid"]) for e in chinese} & {str(e["uid"]) for e in first}


def test_ics_escapes_and_folds_long_texts(make_client, corpus_dir, manager):
    text = "Commas, semicolons; a backslash \\ and a long tail " + "x" * 120
    for lang, what in (("en", text), ("zh", "逗号，分号；很长的说明" + "长" * 60)):
        write_doc(
            corpus_dir,
            "odd",
            lang,
            f"""type: regulation
title: Odd act {lang}
sources: [{{title: t, url: 'https://example.org'}}]
key_dates:
  - {{date: 2027-01-01, what: {json.dumps(what, ensure_ascii=False)}, scope: all, source: {{title: "Act, Article 1; (2)", url: "https://example.org"}}}}
""",
            "Lead, 1 January 2027, 2027年1月1日.",
        )
    manager.build(load_corpus(corpus_dir).documents)  # the app reloads the corpus with a new index
    response = make_client().get("/en/timeline.ics")
    raw = response.data.decode("utf-8")
    assert all(len(line.encode("utf-8")) <= 75 for line in raw.split("\r\n"))  # RFC 5545 3.1 folding
    assert "Commas\\, semicolons\\; a backslash \\\\ and" in raw.replace("\r\n ", "")
    [odd] = [e for e in events(response) if str(e["summary"]).startswith("Odd act")]
    assert str(odd["summary"]) == f"Odd act en: {text}"
    assert "Act, Article 1; (2)" in str(odd["description"])
    raw_zh = make_client().get("/zh/timeline.ics").data
    assert all(len(line) <= 75 for line in raw_zh.split(b"\r\n"))
    line = next(e for e in icalendar.Calendar.from_ical(raw_zh).walk("VEVENT") if "Odd" in str(e["summary"]))
    assert str(line["summary"]).endswith("长" * 60)


def test_product_ics_has_that_products_dates_and_unknown_product_is_404(make_client):
    client = make_client()
    assert [e.decoded("dtstart").isoformat() for e in events(client.get("/en/products/widget.ics"))] == [
        "2025-12-11",
        "2026-12-11",
        "2027-06-30",
    ]
    assert events(client.get("/zh/products/gadget.ics")) == []
    assert client.get("/en/products/no-such-product.ics").status_code == 404
    assert (
        client.get("/en/products/widget.ics").headers["Content-Disposition"] == 'attachment; filename="widget.en.ics"'
    )


# -- the product finder -------------------------------------------------------------------------------


def test_product_answer_and_checklist_list_the_coming_dates(make_client):
    client = make_client("2026-12-12")
    page = client.get("/en/products/widget").get_data(as_text=True)
    section = page[page.index('class="product-dates"') : page.index("</section>", page.index('class="product-dates"'))]
    assert "2027-06-30" in section and "2026-12-11" not in section and "2025-12-11" not in section
    assert 'href="/en/products/widget.ics"' in section
    checklist = client.get("/zh/products/widget/checklist").get_data(as_text=True)
    assert "豁免 6(a)-I 到期。" in checklist and "2027-06-30" in checklist
    answer = client.get("/api/products?category=widget&lang=en").get_json()["category"]
    assert [d["date"] for d in answer["dates"]] == ["2027-06-30"]
    gadget = client.get("/en/products/gadget").get_data(as_text=True)
    assert "product-dates" not in gadget  # RoHS does not apply to it: none of these dates concern it


# -- Atom feed and what's new ----------------------------------------------------------------------------


def test_atom_feed_parses_and_lists_the_change_logs(make_client):
    response = make_client().get("/en/feed.xml")
    assert response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert titles[:2] == [
        "RoHS Directive (2011/65/EU): Exemptions & their expiry dates added.",
        "RoHS Directive (2011/65/EU): Page checked.",
    ]
    for entry in entries:  # RFC 4287 4.1.2: id, title, updated; a link since there is no content
        assert entry.findtext(f"{ATOM}id") and entry.findtext(f"{ATOM}updated").endswith("T00:00:00Z")
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").endswith("/en/rohs")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("tag:green-barrier-kb,2026:en/") for i in ids)
    assert feed.findtext(f"{ATOM}updated") == "2026-12-03T00:00:00Z"
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    zh = ET.fromstring(make_client().get("/zh/feed.xml").data)
    assert zh.find(f"{ATOM}entry/{ATOM}title").text == "RoHS 指令（2011/65/EU）：新增豁免及其到期日。"


def test_pages_link_the_feed_for_autodiscovery(make_client):
    client = make_client()
    for url, feed in (("/en/", "/en/feed.xml"), ("/zh/rohs", "/zh/feed.xml"), ("/en/timeline", "/en/feed.xml")):
        html = client.get(url).get_data(as_text=True)
        assert '<link rel="alternate" type="application/atom+xml"' in html and f'href="{feed}"' in html


def test_home_shows_the_five_latest_changes(make_client, corpus_dir, manager):
    for i in range(6):
        for lang in ("zh", "en"):
            write_doc(
                corpus_dir,
                f"t{i}",
                lang,
                f"""type: term
title: Term {i} {lang}
sources: [{{title: t, url: 'https://example.org'}}]
changes:
  - {{date: 2026-11-0{i + 1}, what: {'"新术语。"' if lang == "zh" else '"New term."'}}}
""",
                "Lead.",
            )
    manager.build(load_corpus(corpus_dir).documents)
    html = make_client().get("/en/").get_data(as_text=True)
    section = html[html.index('id="whats-new"') :]
    listed = re.findall(r'<time datetime="([0-9-]+)">', section)
    assert listed == ["2026-12-03", "2026-11-25", "2026-11-06", "2026-11-05", "2026-11-04"]
    assert "What&#39;s new" in html and "Term 5 en" in section and "Term 0 en" not in section
    assert "最新更新" in make_client().get("/zh/").get_data(as_text=True)


# -- search ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["timeline", "deadline", "截止日期", "最新", "2027年", "RoHS deadline 2026"])
def test_when_words_lead_to_the_timeline(make_client, query):
    for lang in ("zh", "en"):
        html = make_client().get(f"/{lang}/search", query_string={"q": query}).get_data(as_text=True)
        assert f'class="timeline-link" href="/{lang}/timeline"' in html, (query, lang)


def test_a_year_in_the_query_shows_that_years_obligations(make_client):
    html = make_client().get("/zh/search", query_string={"q": "2027年 有哪些义务"}).get_data(as_text=True)
    hint = html[html.index('class="dates-hint"') :]
    assert "豁免 6(a)-I 到期。" in hint and "钢中铅的豁免" not in hint  # 2026's date is not 2027's
    assert 'href="/zh/timeline?year=2027"' in hint


@pytest.mark.parametrize("query", ["2011/65/EU", "lead limits", "32011L0065"])
def test_other_queries_get_no_timeline_hint(make_client, query):
    html = make_client().get("/en/search", query_string={"q": query}).get_data(as_text=True)
    assert "dates-hint" not in html


@pytest.mark.parametrize(
    "date, months, expected",
    [
        ("2026-12-03", -12, "2025-12-03"),
        ("2026-12-03", 36, "2029-12-03"),
        ("2027-03-31", -1, "2027-02-28"),
        ("2028-02-29", 12, "2029-02-28"),
        ("2027-01-31", 13, "2028-02-29"),
    ],
)
def test_months_are_counted_on_the_calendar(date, months, expected):
    from kb.timeline import add_months

    assert add_months(dt.date.fromisoformat(date), months) == dt.date.fromisoformat(expected)
