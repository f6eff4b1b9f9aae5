"""An exporter in Chromium: finds the rules for a product by name, opens the checklist and prints it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def find_product(page, site, lang, query):
    page.goto(f"{site.url}/{lang}/products")
    page.fill("#product-q", query)
    page.press("#product-q", "Enter")


def test_a_product_name_leads_to_its_rules(browser_page, page_log, real_site):
    find_product(browser_page, real_site, "en", "household refrigerator")

    browser_page.wait_for_url(re.compile(r"/en/products/household-refrigerator$"))
    expect(browser_page.locator("h1")).to_have_text("Household refrigerator or freezer")
    expect(browser_page.locator('.rule[data-act="energy-labelling"] h4')).to_contain_text("(EU) 2019/2016")
    assert page_log.problems() == []


def test_a_shared_code_asks_which_product_and_the_choice_opens_it(browser_page, page_log, real_site):
    find_product(browser_page, real_site, "zh", "8507.60")

    browser_page.click(".choices a >> nth=1")
    browser_page.wait_for_url(re.compile(r"/zh/products/ebike-battery$"))
    expect(browser_page.locator('.not-applicable .rule[data-act="rohs"]')).to_be_visible()
    assert page_log.problems() == []


def test_the_checklist_opens_ticks_and_prints_without_the_screen_links(browser_page, page_log, real_site):
    browser_page.goto(f"{real_site.url}/en/products/cordless-drill")
    browser_page.click("a.checklist-link")
    browser_page.wait_for_url(re.compile(r"/en/products/cordless-drill/checklist$"))

    first = browser_page.locator(".checks input[type=checkbox]").first
    browser_page.locator(".checks label").first.click()
    expect(first).to_be_checked()
    expect(browser_page.locator(".screen-only")).to_be_visible()

    browser_page.emulate_media(media="print")
    expect(browser_page.locator(".screen-only")).to_be_hidden()
    expect(browser_page.locator(".checks li").first).to_be_visible()
    assert browser_page.pdf(format="A4").startswith(b"%PDF")
    assert page_log.problems() == []
