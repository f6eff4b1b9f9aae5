"""Figure pages: the SVG chart drawn from the CSV and the table of the same numbers."""

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from tests.conftest import write_doc

FIGURE = """type: figure
title: {title}
data: exports.csv
chart: {chart}
x: year
series: [exports, share]
labels: {{year: {year}, exports: {exports}, share: {share}}}
unit: "{unit}"
sources:
  - {{title: "The paper", url: "https://example.org/paper"}}
"""
LABELS = {
    "en": dict(year="Year", exports="Export value", share="World share", unit="%"),
    "zh": dict(year="年份", exports="出口额", share="全球份额", unit="％"),
}


@pytest.fixture
def corpus_dir(corpus_dir):
    (corpus_dir / "figures").mkdir()
    (corpus_dir / "figures" / "exports.csv").write_text(
        "year,exports,share\n2020,1.49,16.5\n2021,,17.2\n2024,1.93,\n", encoding="utf-8"
    )
    for doc_id, chart in (("exports", "bar"), ("exports-trend", "line")):
        for lang, title in (("en", f"Exports ({chart})"), ("zh", f"出口（{chart}）")):
            write_doc(
                corpus_dir,
                doc_id,
                lang,
                FIGURE.format(title=title, chart=chart, **LABELS[lang]),
                "The lead says what the figure shows.\n\n## Source {#source}\n\nThe paper.\n",
                "figures",
            )
    return corpus_dir


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chart_is_an_svg_image_with_its_own_csp(client, lang):
    response = client.get(f"/{lang}/exports/chart.svg")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; style-src 'unsafe-inline'"
    root = ET.fromstring(response.data)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert not [e for e in root.iter() if e.tag.endswith("script")]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chart_names_its_series_and_axis_in_the_page_language(client, lang):
    svg = client.get(f"/{lang}/exports/chart.svg").get_data(as_text=True)
    labels = LABELS[lang]
    assert labels["exports"] in svg and labels["share"] in svg and labels["year"] in svg
    assert ">2021<" in svg and ">2024<" in svg


def test_chart_type_follows_the_header(client):
    assert b"bar-graph" in client.get("/en/exports/chart.svg").data
    assert b"line-graph" in client.get("/en/exports-trend/chart.svg").data


def test_unchanged_chart_answers_304(client):
    etag = client.get("/en/exports/chart.svg").headers["ETag"]
    assert client.get("/en/exports/chart.svg", headers={"If-None-Match": etag}).status_code == 304


def test_only_figures_have_a_chart(client):
    assert client.get("/en/rohs/chart.svg").status_code == 404
    assert client.get("/en/no-such-figure/chart.svg").status_code == 404
    assert client.get("/de/exports/chart.svg").status_code == 404


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_figure_page_shows_the_chart_as_an_image(client, lang):
    page = BeautifulSoup(client.get(f"/{lang}/exports").get_data(as_text=True), "html.parser")
    img = page.select_one("figure.chart img")
    assert img["src"] == f"/{lang}/exports/chart.svg"
    assert ("出口（bar）" if lang == "zh" else "Exports (bar)") in img["alt"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_figure_page_has_the_numbers_in_an_accessible_table(client, lang):
    page = BeautifulSoup(client.get(f"/{lang}/exports").get_data(as_text=True), "html.parser")
    table = page.select_one("table.figure-data")
    labels = LABELS[lang]
    assert table.caption and labels["unit"] in table.caption.get_text()
    assert [th.get_text() for th in table.select("thead th[scope=col]")] == [
        labels["year"],
        labels["exports"],
        labels["share"],
    ]
    rows = [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in table.select("tbody tr")]
    assert rows == [["2020", "1.49", "16.5"], ["2021", "—", "17.2"], ["2024", "1.93", "—"]]
    assert len(table.select("tbody th[scope=row]")) == 3


def test_figures_listing_shows_each_figure_with_its_chart(client):
    page = client.get("/zh/figures").get_data(as_text=True)
    assert 'href="/zh/exports"' in page and 'src="/zh/exports/chart.svg"' in page
    assert "The lead says what the figure shows." in page
