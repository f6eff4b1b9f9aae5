"""The site's scripts in Chromium, on the small test corpus: search as you type and renamed anchors."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import write_doc

pytestmark = pytest.mark.browser

FILLER = "\n\n".join(f"Paragraph {n} pushes the renamed section below the first screen." for n in range(60))

RENAMED_HEADER = """\
type: summary
title: Renamed sections
summarises: rohs
anchor_aliases: {old-anchor: new-anchor}
sources: [{title: Test, url: "https://example.org/"}]
"""
RENAMED_BODY = f"""\
A page whose section was renamed.

## First {{#first}}

{FILLER}

[old link](#old-anchor)

{FILLER}

## New name {{#new-anchor}}

The section that used to be called old-anchor.
"""


def add_renamed_page(corpus):
    for lang in ("en", "zh"):
        write_doc(corpus, "renamed", lang, RENAMED_HEADER, RENAMED_BODY)


@pytest.fixture(scope="module")
def site(serve, data_corpus):
    return serve(data_corpus, add_renamed_page)


def suggestions(page):
    return page.locator("header [role=listbox] [role=option]")


def test_typing_shows_suggestions(browser_page, page_log, site):
    browser_page.goto(f"{site.url}/en/")

    browser_page.locator("header input[name=q]").press_sequentially("ro")

    expect(suggestions(browser_page).filter(has_text=re.compile(r"^RoHS"))).not_to_have_count(0)
    expect(browser_page.locator("header input[name=q]")).to_have_attribute("aria-expanded", "true")
    assert page_log.problems() == []


def test_choosing_a_suggestion_opens_its_page(browser_page, page_log, site):
    browser_page.goto(f"{site.url}/en/")
    browser_page.locator("header input[name=q]").press_sequentially("ro")

    suggestions(browser_page).filter(has_text=re.compile(r"^RoHS")).first.click()

    browser_page.wait_for_url(f"{site.url}/en/rohs")
    assert page_log.problems() == []


def test_arrow_and_enter_open_the_highlighted_suggestion(browser_page, page_log, site):
    browser_page.goto(f"{site.url}/en/")
    box = browser_page.locator("header input[name=q]")
    box.press_sequentially("weee")
    expect(suggestions(browser_page).first).to_be_visible()

    box.press("ArrowDown")
    box.press("Enter")

    browser_page.wait_for_url(f"{site.url}/en/weee")
    assert page_log.problems() == []


def test_old_anchor_in_the_address_lands_on_the_renamed_section(browser_page, page_log, site):
    browser_page.goto(f"{site.url}/en/renamed#old-anchor")

    browser_page.wait_for_url(f"{site.url}/en/renamed#new-anchor")
    expect(browser_page.locator("#new-anchor")).to_be_in_viewport()
    assert page_log.problems() == []


def test_link_to_an_old_anchor_within_the_page_lands_on_the_renamed_section(browser_page, page_log, site):
    browser_page.goto(f"{site.url}/en/renamed")

    browser_page.click("a[href='#old-anchor']")

    browser_page.wait_for_url(f"{site.url}/en/renamed#new-anchor")
    expect(browser_page.locator("#new-anchor")).to_be_in_viewport()
    assert page_log.problems() == []


def test_copy_button_copies_the_sections_address(new_page, page_log, site):
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(f"{site.url}/en/rohs")
    button = page.locator("h2#restricted-substances button.copy")

    button.click()

    expect(button).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == f"{site.url}/en/rohs#restricted-substances"
    assert page_log.problems() == []
