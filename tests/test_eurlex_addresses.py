"""Where /celex/<CELEX> and /celex/<CELEX>/<YYYY-MM-DD> lead once versions of an act are imported,
and our regulation page listing them (GDPR as adopted and consolidated: real pages)."""

from __future__ import annotations

import re
import shutil

import pytest
from bs4 import BeautifulSoup

from indexer.corpus.corpus import load_corpus
from indexer.engine.index import IndexManager
from indexer.eurlex import import_pages
from kb import create_app
from tests.conftest import DATA, write_doc
from tests.test_eurlex import DAY1

SAMPLES = DATA / "eurlex"
ADOPTED, CONSOLIDATED = "gdpr_32016R0679.xhtml", "gdpr_02016R0679-20160504.xhtml"
NEWEST, FIRST = "celex-32016r0679-20160504", "celex-32016r0679"
GDPR_PAGE = """type: regulation
title: General Data Protection Regulation
aliases: [GDPR, Regulation (EU) 2016/679]
celex: 32016R0679
jurisdiction: EU
status: in force
sources:
  - {title: EUR-Lex, url: "https://eur-lex.europa.eu/eli/reg/2016/679/oj"}"""
RED_PAGE = """type: regulation
title: Radio Equipment Directive
aliases: [RED, Directive 2014/53/EU]
celex: 32014L0053
jurisdiction: EU
status: in force
sources:
  - {title: EUR-Lex, url: "https://eur-lex.europa.eu/eli/dir/2014/53/oj"}"""


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    root = tmp_path_factory.mktemp("addresses")
    corpus, index = root / "corpus", root / "index"
    import_pages([SAMPLES / CONSOLIDATED, SAMPLES / ADOPTED], corpus, today=DAY1)
    for lang in ("en", "zh"):
        write_doc(corpus, "gdpr", lang, GDPR_PAGE, "Our page on the GDPR.\n\n## Scope {#scope}\n\nIt applies.\n")
        write_doc(corpus, "red", lang, RED_PAGE, "Our page on the RED, whose text is not imported.\n")
    loaded = load_corpus(corpus)
    assert not loaded.problems, [str(p) for p in loaded.problems]
    IndexManager(index).build(loaded.documents)
    return create_app({"TESTING": True, "CORPUS_DIR": str(corpus), "INDEX_DIR": str(index)})


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


def go(client, path, lang="en"):
    response = client.get(path, headers={"Accept-Language": lang})
    return response.status_code, response.location or ""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_celex_of_an_imported_act_goes_to_its_newest_version(client, lang):
    # the imported text exists in English only: a Chinese reader lands on it, not on a 404
    status, location = go(client, "/celex/32016R0679", lang)
    assert status == 302 and location.endswith(f"/en/{NEWEST}")
    assert client.get(location).status_code == 200


def test_celex_in_lower_case_goes_to_the_same_version(client):
    assert go(client, "/celex/32016r0679")[1].endswith(f"/en/{NEWEST}")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_celex_of_an_act_not_imported_goes_to_our_page(client, lang):
    status, location = go(client, "/celex/32014L0053", lang)
    assert status == 302 and location.endswith(f"/{lang}/red")


@pytest.mark.parametrize("lang, words", [("en", "Read CELEX 32099R0001 on EUR-Lex"), ("zh", "在 EUR-Lex 上阅读")])
def test_celex_we_hold_nothing_of_is_not_found_and_points_to_eurlex(client, lang, words):
    response = client.get("/celex/32099R0001", headers={"Accept-Language": lang})
    link = BeautifulSoup(response.get_data(as_text=True), "html.parser").select_one(".celex-elsewhere a")
    assert response.status_code == 404
    assert link["href"] == "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32099R0001"
    assert words in link.get_text()


def test_malformed_celex_is_not_found_without_a_eurlex_link(client):
    response = client.get("/celex/not-a-celex")
    assert response.status_code == 404 and "celex-elsewhere" not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "path, target",
    [
        ("/celex/32016R0679/2016-04-27", FIRST),
        ("/celex/32016R0679/2016-05-04", NEWEST),
        ("/celex/32016r0679/2017-01-01", NEWEST),
    ],
)
def test_dated_addresses_keep_working(client, path, target):
    status, location = go(client, path, "zh")
    assert status == 302 and location.endswith(f"/en/{target}")


@pytest.mark.parametrize("path", ["/celex/32016R0679/2016-02-30", "/celex/32014L0053/2020-01-01"])
def test_a_day_that_is_none_or_an_act_without_imported_text_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_version_pages_and_our_pages_keep_their_addresses(client):
    for path in (f"/en/{FIRST}", f"/en/{NEWEST}", "/en/gdpr", "/zh/gdpr", "/en/red", "/zh/red"):
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize(
    "lang, heading, newest",
    [("en", "Imported texts of this act", "newest version"), ("zh", "已导入的法规文本", "最新版本")],
)
def test_our_page_lists_the_imported_versions_newest_first(client, lang, heading, newest):
    soup = BeautifulSoup(client.get(f"/{lang}/gdpr").get_data(as_text=True), "html.parser")
    box = soup.select_one("nav.imported-versions")
    assert box.h2.get_text() == heading
    links = [(a["href"], a.get_text()) for a in box.select("ol a")]
    names = {"en": ("Consolidated", "As adopted"), "zh": ("合并文本", "通过时文本")}[lang]
    assert links == [
        ("/celex/32016R0679/2016-05-04", f"{names[0]} 2016-05-04"),
        ("/celex/32016R0679/2016-04-27", f"{names[1]} 2016-04-27"),
    ]
    assert newest in box.select("ol li")[0].get_text()
    assert box.select_one("a.what-changed")["href"] == f"/{lang}/celex/32016R0679/changes"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_link_of_the_version_list_leads_to_its_version(client, lang):
    page = client.get(f"/{lang}/gdpr").get_data(as_text=True)
    days = re.findall(r'href="/celex/32016R0679/([\d-]+)"', page)
    landed = [go(client, f"/celex/32016R0679/{day}", lang)[1].rsplit("/", 1)[-1] for day in days]
    assert landed == [NEWEST, FIRST]


def test_our_page_on_an_act_not_imported_lists_no_versions(client):
    assert "imported-versions" not in client.get("/en/red").get_data(as_text=True)


# -- kb check-links on CELEX addresses -----------------------------------------------------------

NOTES = """\
1 [consolidated](/celex/32016R0679/2016-05-04#art-37)
2 [as adopted](http://127.0.0.1:8000/celex/32016R0679/2016-04-27)
3 [standing then](/celex/32016R0679/2017-01-01#art-5)
4 [before the act](/celex/32016R0679/2015-01-01)
5 [no such day](/celex/32016R0679/2016-02-30)
6 [no such section](/celex/32016R0679/2016-05-04#art-100)
7 [not imported](/celex/32014L0053/2020-01-01)
8 [newest](/celex/32016R0679#art-37)
9 [our section](/celex/32016R0679#scope)
10 [nowhere](/celex/32016R0679#nowhere)
11 [our page](/celex/32014L0053)
"""


def test_check_links_checks_dated_celex_links(app, tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES, encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["check-links", str(notes)])
    lines = [line.removeprefix(f"{notes}:") for line in result.output.splitlines()]
    assert lines[:-1] == [
        "1: ok /celex/32016R0679/2016-05-04#art-37",
        "2: ok http://127.0.0.1:8000/celex/32016R0679/2016-04-27",
        "3: ok /celex/32016R0679/2017-01-01#art-5",
        "4: broken /celex/32016R0679/2015-01-01: no version of CELEX 32016R0679 on 2015-01-01 "
        "(the first imported is of 2016-04-27)",
        "5: broken /celex/32016R0679/2016-02-30: '2016-02-30' is not a day written YYYY-MM-DD",
        f"6: broken /celex/32016R0679/2016-05-04#art-100: '{NEWEST}' (en) has no section '#art-100'",
        "7: broken /celex/32014L0053/2020-01-01: no imported text of CELEX 32014L0053",
        "8: ok /celex/32016R0679#art-37",
        # the address leads to the imported text now; the section of our page lives on at its address
        "9: redirected /celex/32016R0679#scope -> use /en/gdpr#scope",
        f"10: broken /celex/32016R0679#nowhere: '{NEWEST}' (en) has no section '#nowhere'",
        "11: ok /celex/32014L0053",
    ]
    assert result.exit_code == 1


def test_every_dated_link_check_links_calls_ok_is_answered_by_the_site(app, client, tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES, encoding="utf-8")
    output = app.test_cli_runner().invoke(args=["check-links", str(notes)]).output
    # the site never sees a link's #section: links with one are the checker's own work
    found = re.findall(r": (ok|broken) (?:http://127\.0\.0\.1:8000)?(/celex/[^\s#:]+/[\d-]+)(?=[\s:]|$)", output)
    assert len(found) == 4
    for status, address in found:
        assert (client.get(address).status_code == 302) == (status == "ok"), address


# -- the acts listing and the search filter ------------------------------------------------------


@pytest.mark.parametrize("lang, other", [("en", "Other versions"), ("zh", "其他版本")])
def test_the_listing_shows_each_act_once_by_its_newest_version(client, lang, other):
    soup = BeautifulSoup(client.get(f"/{lang}/regulations").get_data(as_text=True), "html.parser")
    rows = soup.find("h2", id="legal-texts").parent.select("li.entry")
    assert len(rows) == 1  # two versions of one act: one row
    row = rows[0]
    assert row.select_one(".entry-title a")["href"] == f"/en/{NEWEST}"
    older = row.select_one(".other-versions")
    assert older.get_text().startswith(other)
    assert [a["href"] for a in older.select("a")] == [f"/en/{FIRST}", f"/{lang}/celex/32016R0679/changes"]


@pytest.mark.parametrize("lang, name", [("en", "Replaced"), ("zh", "已被取代")])
def test_search_hides_older_versions_and_offers_them_in_the_status_filter(client, lang, name):
    soup = BeautifulSoup(client.get(f"/{lang}/search?q=data+protection+officer").get_data(as_text=True), "html.parser")
    hits = {a["href"] for a in soup.select(".hit a.title")}
    assert f"/en/{NEWEST}" in hits and f"/en/{FIRST}" not in hits
    replaced = [a for a in soup.select("a[href*='status=replaced']")]
    assert replaced and name in replaced[0].get_text()
    older = BeautifulSoup(client.get(replaced[0]["href"]).get_data(as_text=True), "html.parser")
    assert [a["href"] for a in older.select(".hit a.title")] == [f"/en/{FIRST}"]


# -- kb check accepts what the importer writes ---------------------------------------------------


def test_kb_check_accepts_every_imported_page_and_version(tmp_path):
    # every English sample page, GDPR's versions in two runs (the second rewrites the first's
    # status and replaced_by lines), into the test corpus: `kb check` finds nothing to say
    corpus = tmp_path / "corpus"
    shutil.copytree(DATA / "corpus", corpus)
    pages = sorted(p for p in SAMPLES.glob("*.*htm*") if p.name != "EUHb_de_raw.html")
    import_pages([p for p in pages if p.name != CONSOLIDATED], corpus, today=DAY1)
    import_pages([SAMPLES / CONSOLIDATED], corpus, today=DAY1)
    written = sorted(p.name for p in (corpus / "eurlex").glob("*.md"))
    assert "celex-32016r0679.en.md" in written and "celex-32016r0679-20160504.en.md" in written
    assert "replaced_by:" in (corpus / "eurlex" / "celex-32016r0679.en.md").read_text(encoding="utf-8")
    app = create_app({"TESTING": True, "CORPUS_DIR": str(corpus), "INDEX_DIR": str(tmp_path / "index")})
    result = app.test_cli_runner().invoke(args=["check"])
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"\d+ documents, 0 warning\(s\), no errors\.\n", result.output)
