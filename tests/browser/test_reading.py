"""A reader in Chromium on the real corpus: search from the header, follow a passage, switch language, read a tooltip."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from indexer.corpus.corpus import load_corpus
from kb.linker import first_sentence

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def documents(real_site):
    return {(d.id, d.lang): d for d in load_corpus(real_site.corpus_dir).documents}


def search_from_header(page, site, lang, query):
    page.goto(f"{site.url}/{lang}/")
    page.fill("header input[name=q]", query)
    page.press("header input[name=q]", "Enter")
    page.wait_for_url(re.compile(rf"/{lang}/search\?"))


def test_header_search_shows_highlighted_results(browser_page, page_log, real_site):
    search_from_header(browser_page, real_site, "en", "lead cadmium")

    marks = browser_page.locator("ol.results mark").all_inner_texts()
    # the words and their inflections ("leads"): the index stems English
    assert marks and all(m.lower().startswith(("lead", "cadmium")) for m in marks), marks
    assert browser_page.locator("header input[name=q]").input_value() == "lead cadmium"
    assert page_log.problems() == []


def test_chinese_header_search_shows_highlighted_results(browser_page, page_log, real_site):
    search_from_header(browser_page, real_site, "zh", "铅 镉")

    marks = browser_page.locator("ol.results mark").all_inner_texts()
    assert marks and set(marks) <= {"铅", "镉"}
    assert page_log.problems() == []


def test_passage_link_lands_on_its_anchor(browser_page, page_log, real_site):
    browser_page.set_viewport_size({"width": 800, "height": 500})  # short, so a deep anchor needs a scroll
    search_from_header(browser_page, real_site, "en", "lead cadmium")
    link = browser_page.locator("ul.passages a[href*='#']").first
    path, anchor = link.get_attribute("href").split("#")

    link.click()
    browser_page.wait_for_url(f"**{path}#{anchor}")

    assert browser_page.evaluate("location.hash") == f"#{anchor}"
    expect(browser_page.locator(f"[id='{anchor}']")).to_be_in_viewport()
    assert page_log.problems() == []


@pytest.mark.parametrize("lang, other", [("en", "zh"), ("zh", "en")])
def test_other_language_link_opens_the_same_page(browser_page, page_log, real_site, documents, lang, other):
    browser_page.goto(f"{real_site.url}/{lang}/rohs")
    switch = browser_page.locator("a.other-lang")
    assert switch.get_attribute("hreflang") == other

    switch.click()
    browser_page.wait_for_url(f"**/{other}/rohs")

    expect(browser_page.locator("h1")).to_have_text(documents[("rohs", other)].title)
    assert browser_page.evaluate("document.documentElement.lang").startswith(other)
    assert page_log.problems() == []


def test_linked_term_tooltip_is_its_definition(browser_page, page_log, real_site, documents):
    browser_page.goto(f"{real_site.url}/en/rohs")
    term = browser_page.locator("article a.defined[href^='/en/']").first
    defined = documents[(term.get_attribute("href").removeprefix("/en/"), "en")]

    term.hover()

    assert term.get_attribute("title") == first_sentence(defined.sections[0].text)
    assert browser_page.url == f"{real_site.url}/en/rohs"
    assert page_log.problems() == []
