"""An exporter in Chromium: opens the key dates timeline, filters it, and takes a product's dates
into a calendar."""

from __future__ import annotations

import re

import icalendar
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_timeline_filters_by_act_and_product_without_script(browser_page, page_log, real_site):
    page = browser_page
    page.goto(f"{real_site.url}/en/timeline")
    expect(page.locator("h1")).to_have_text("Key dates: deadlines of the EU green rules")
    expect(page.locator("#today")).to_have_count(1)
    everything = page.locator("li.key-date").count()

    page.select_option("select[name=act]", "batteries")
    page.select_option("select[name=product]", "e-bike")
    page.click(".timeline-filters button[type=submit]")
    page.wait_for_url(re.compile(r"/en/timeline\?act=batteries&product=e-bike$"))

    acts = page.locator("li.key-date").evaluate_all("items => items.map(i => i.dataset.act)")
    assert acts and set(acts) == {"batteries"} and len(acts) < everything
    expect(page.locator("select[name=product]")).to_have_value("e-bike")
    expect(page.locator("li.key-date a.what").first).to_have_attribute("href", re.compile(r"^/en/batteries#"))

    page.click("a.other-lang")
    page.wait_for_url(re.compile(r"/zh/timeline\?act=batteries&product=e-bike$"))
    expect(page.locator("h1")).to_have_text("关键日期时间表：欧盟绿色法规的截止日期")
    assert page.locator("li.key-date").count() == len(acts)
    assert page_log.problems() == []


def test_a_products_dates_download_as_a_calendar(browser_page, page_log, real_site, tmp_path):
    page = browser_page
    page.goto(f"{real_site.url}/en/products/e-bike")
    listed = page.locator(".product-dates li time").all_inner_texts()
    assert listed, "the e-bike's answer lists no coming dates"

    with page.expect_download() as download:
        page.click("a.product-ics")
    assert download.value.suggested_filename == "e-bike.en.ics"
    path = tmp_path / "e-bike.ics"
    download.value.save_as(path)

    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    events = list(calendar.walk("VEVENT"))
    days = sorted(e.decoded("dtstart").isoformat() for e in events)
    assert set(listed) <= set(days)  # every coming date of the page is in the calendar
    assert all(str(e["uid"]).endswith("@green-barrier-kb") for e in events)
    assert page_log.problems() == []
