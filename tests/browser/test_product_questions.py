"""An exporter in Chromium with a product the catalogue does not list: answers the finder's questions
(a plain form, no script needed), reads why each act applies, refines a listed product, and prints
the checklist of the answer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

REAL_CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def site(serve):
    return serve(REAL_CORPUS)


def answer(page, question, value):
    page.check(f'fieldset[data-question="{question}"] input[value="{value}"]')


def test_an_unlisted_product_is_answered_from_the_questions_and_its_checklist_prints(browser_page, page_log, site):
    browser_page.goto(f"{site.url}/en/products")
    browser_page.fill("#product-q", "smart aquarium pump controller")
    browser_page.press("#product-q", "Enter")
    expect(browser_page.locator(".finding form.product-questions")).to_be_visible()

    answer(browser_page, "power", "mains")
    answer(browser_page, "voltage", "lv")
    answer(browser_page, "radio", "yes")
    answer(browser_page, "internet", "yes")
    answer(browser_page, "motor", "yes")
    answer(browser_page, "consumer", "yes")
    browser_page.click(".finding form.product-questions button[type=submit]")

    browser_page.wait_for_url(re.compile(r"/en/products/questions\?"))
    expect(browser_page.locator("h1")).to_have_text("Your product")
    expect(browser_page.locator('.rules .rule[data-rule="red"] .rule-reason')).to_contain_text("radio equipment")
    expect(browser_page.locator('.rules .rule[data-rule="cra"] .rule-reason')).to_contain_text("11 December 2027")
    expect(browser_page.locator('.not-applicable .rule[data-rule="lvd"] .rule-reason')).to_contain_text("2014/53/EU")
    expect(browser_page.locator('.not-applicable .rule[data-rule="emc"]')).to_be_visible()

    browser_page.click("a.checklist-link")
    browser_page.wait_for_url(re.compile(r"/en/products/questions/checklist\?"))
    expect(browser_page.locator('.checklist-act[data-act="red"]').first).to_be_visible()
    expect(browser_page.locator('.checklist-act[data-act="lvd"]')).to_have_count(0)
    browser_page.locator(".checks label").first.click()
    expect(browser_page.locator(".checks input[type=checkbox]").first).to_be_checked()
    browser_page.emulate_media(media="print")
    expect(browser_page.locator(".screen-only")).to_be_hidden()
    assert browser_page.pdf(format="A4").startswith(b"%PDF")
    assert page_log.problems() == []


def test_the_questions_work_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site.url}/zh/products?q=85")
        answer(page, "power", "battery")
        answer(page, "radio", "yes")
        page.click(".finding form.product-questions button[type=submit]")
        page.wait_for_url(re.compile(r"/zh/products/questions\?"))
        expect(page.locator('.rules .rule[data-rule="batteries"]')).to_be_visible()
        expect(page.locator('.rules .rule[data-rule="red"]')).to_be_visible()
    finally:
        context.close()


def test_a_listed_product_is_refined_with_the_same_questions(browser_page, page_log, site):
    browser_page.goto(f"{site.url}/en/products/vacuum-cleaner")
    expect(browser_page.locator('.rules .rule[data-rule="lvd"]')).to_be_visible()
    answer(browser_page, "power", "both")
    answer(browser_page, "radio", "yes")
    answer(browser_page, "internet", "yes")
    browser_page.click(".refine form.product-questions button[type=submit]")

    browser_page.wait_for_url(re.compile(r"/en/products/vacuum-cleaner\?"))
    expect(browser_page.locator(".refined")).to_be_visible()
    expect(browser_page.locator('.rules .rule[data-rule="red-cyber"]')).to_be_visible()
    expect(browser_page.locator('.rules .rule[data-rule="batteries"]')).to_be_visible()
    expect(browser_page.locator('.rules .rule[data-rule="lvd"]')).to_have_count(0)
    assert page_log.problems() == []
