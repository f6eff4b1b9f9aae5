"""The search results page in both languages: results, passages, filters, pages, corrections, help."""

import re
from html import unescape

import pytest

from indexer.corpus.corpus import load_corpus
from tests.conftest import write_doc


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def hrefs(html, css_class=None):
    pattern = rf'<a class="{css_class}"[^>]*href="([^"]*)"' if css_class else r'href="([^"]*)"'
    return [unescape(h) for h in re.findall(pattern, html)]


def rebuild(manager, corpus_dir):
    manager.build(load_corpus(corpus_dir).documents)


@pytest.fixture
def gearbox_corpus(manager, corpus_dir):
    """Twelve English pages about gearboxes: more than one page of results."""
    for n in range(12):
        write_doc(
            corpus_dir,
            f"gearbox-{n:02d}",
            "en",
            f"type: term\ntitle: Gearbox note {n}",
            f"A gearbox note, number {n}.\n",
        )
    rebuild(manager, corpus_dir)


def test_english_results_with_highlighted_passage_and_anchor(client):
    html = page(client, "/en/search?q=lead")
    assert 'href="/en/rohs#restricted-substances"' in html
    assert "<mark>Lead</mark> is limited" in html
    assert re.search(r"1 result in [0-9.]+ ms", html)


def test_chinese_results_with_highlighted_passage_and_anchor(client):
    html = page(client, "/zh/search?q=铅")
    assert 'href="/zh/rohs#restricted-substances"' in html and "<mark>铅</mark>" in html
    assert "共 1 条结果" in html


def test_passage_links_go_to_the_passages_language(client):
    html = page(client, "/en/search?q=rohs")
    assert "/en/weee#collection" in hrefs(html, "passage") and "/zh/weee#collection" in hrefs(html, "passage")
    assert '<li lang="zh"><a class="passage" hreflang="zh" href="/zh/weee#collection">收集目标</a>' in html
    assert '<span class="passage-lang" lang="en">(Chinese)</span>' in html


def test_a_page_written_only_in_the_other_language_is_shown_in_it(client, manager, corpus_dir):
    write_doc(corpus_dir, "gearbox", "zh", "type: term\ntitle: 齿轮箱", "齿轮箱传递动力。\n")
    rebuild(manager, corpus_dir)
    html = page(client, "/en/search?q=齿轮箱")
    assert hrefs(html, "title") == ["/zh/gearbox"] and hrefs(html, "other-version") == []


def test_hit_links_to_its_other_language_version(client):
    assert hrefs(page(client, "/en/search?q=lead"), "other-version") == ["/zh/rohs"]
    assert hrefs(page(client, "/zh/search?q=铅"), "other-version") == ["/en/rohs"]


def test_no_other_version_link_for_a_page_in_one_language(client, manager, corpus_dir):
    write_doc(corpus_dir, "gearbox", "en", "type: term\ntitle: Gearbox", "A gearbox transmits power.\n")
    rebuild(manager, corpus_dir)
    html = page(client, "/en/search?q=gearbox")
    assert 'href="/en/gearbox"' in html and hrefs(html, "other-version") == []


def test_total_and_time_taken(client):
    assert re.search(r"4 results in [0-9.]+ ms", page(client, "/en/search?q=rohs"))
    assert re.search(r"共 4 条结果，用时 [0-9.]+ 毫秒", page(client, "/zh/search?q=rohs"))


def test_facets_show_counts_as_links_that_keep_the_query(client):
    html = page(client, "/en/search?q=rohs")
    assert re.search(r'href="/en/search\?q=rohs&amp;type=regulation">Regulation <span class="count">3</span>', html)
    assert re.search(r'href="/en/search\?q=rohs&amp;jurisdiction=CN">China <span class="count">1</span>', html)
    assert re.search(r'href="/en/search\?q=rohs&amp;in=zh">Chinese <span class="count">4</span>', html)


def test_chinese_facet_labels(client):
    html = page(client, "/zh/search?q=rohs")
    assert '>法规 <span class="count">3</span>' in html and '>壁垒形式 <span class="count">1</span>' in html


def test_active_filter_is_marked_and_removable(client):
    html = page(client, "/en/search?q=rohs&type=barrier-form&page=1")
    assert hrefs(html, "title") == ["/en/green-technical-standard"]
    active = re.search(r'<li class="active"><a href="([^"]*)" aria-current="true"', html)
    assert active and unescape(active.group(1)) == "/en/search?q=rohs"
    assert "/en/search?q=rohs" in hrefs(html, "filter-chip")


def test_filter_links_keep_the_other_filters(client):
    html = page(client, "/en/search?q=rohs&type=regulation")
    assert "/en/search?q=rohs&type=regulation&jurisdiction=EU" in hrefs(html)


def test_page_language_filter(client):
    html = page(client, "/en/search?q=rohs&in=zh")
    assert hrefs(html, "title")[0] == "/zh/rohs"
    assert all(link.startswith("/zh/") for link in hrefs(html, "title"))


def test_pagination_shows_ten_and_links_to_the_next_page(client, gearbox_corpus):
    html = page(client, "/en/search?q=gearbox&type=term")
    assert len(hrefs(html, "title")) == 10 and "12 results" in html
    assert 'rel="next" href="/en/search?q=gearbox&amp;type=term&amp;page=2"' in html
    assert 'aria-current="page" href="/en/search?q=gearbox&amp;type=term"' in html
    assert 'rel="prev"' not in html and "Page 1 of 2" in html


def test_second_page_has_the_rest_and_links_back(client, gearbox_corpus):
    html = page(client, "/zh/search?q=gearbox&page=2")
    assert len(hrefs(html, "title")) == 2 and "第 2 页，共 2 页" in html
    assert 'rel="prev" href="/zh/search?q=gearbox"' in html and 'rel="next"' not in html
    assert '<ol class="results" start="11">' in html


def test_results_pages_do_not_overlap(client, gearbox_corpus):
    first = set(hrefs(page(client, "/en/search?q=gearbox"), "title"))
    second = set(hrefs(page(client, "/en/search?q=gearbox&page=2"), "title"))
    assert len(first | second) == 12


def test_did_you_mean_when_even_the_respelling_finds_nothing_here(client):
    # No term page mentions recycling, so the respelt search finds nothing either: offer it instead.
    html = page(client, "/en/search?q=recylcing&type=term")
    assert "Did you mean: <a href=" in html and ">recycling</a>" in html


def test_did_you_mean_in_chinese_interface(client):
    assert "您是不是要找：" in page(client, "/zh/search?q=recylcing&type=term")


def test_misspelt_query_shows_the_respelling_results_in_both_languages(client):
    assert "showing results for “recycling”" in page(client, "/en/search?q=recylcing")
    assert "以下是“recycling”的结果" in page(client, "/zh/search?q=recylcing")


def test_no_did_you_mean_for_well_spelt_queries(client):
    assert "did-you-mean" not in page(client, "/en/search?q=recycling")


def test_query_help_is_shown_in_both_languages(client):
    assert "Search syntax" in page(client, "/en/search?q=rohs") and "type:regulation" in page(client, "/en/search?q=x")
    assert "搜索语法" in page(client, "/zh/search?q=rohs") and "用引号搜索短语" in page(client, "/zh/search?q=rohs")


def test_unreadable_query_gets_a_fallback_notice(client):
    assert "The query syntax could not be read" in page(client, '/en/search?q="unbalanced')
    assert "查询语法无法解析" in page(client, '/zh/search?q="unbalanced')


def test_hostile_query_is_escaped_everywhere(client):
    html = page(client, "/en/search?q=<script>recylcing</script>&type=<b>x</b>")
    assert "<script>" not in html.replace('<script src="/static/site.js"></script>', "")
    assert "<b>x</b>" not in html and "&lt;script&gt;" in html


def test_unknown_parameters_do_not_steer_the_links(client):
    html = page(client, "/en/search?q=rohs&lang=zh&_external=1&_anchor=x&page=abc")
    assert "http://" not in " ".join(hrefs(html, "filter-chip") + hrefs(html)[:40])
    assert "/en/search?q=rohs&type=regulation" in hrefs(html)


def test_language_switch_keeps_the_whole_query(client):
    html = page(client, "/en/search?q=rohs&type=regulation&page=1")
    assert 'hreflang="zh" lang="zh" href="/zh/search?q=rohs&amp;type=regulation"' in html


def test_empty_query_asks_for_words(client):
    assert "Type the words to search for." in page(client, "/en/search")


def test_unknown_interface_language_is_404(client):
    assert client.get("/de/search?q=rohs").status_code == 404
