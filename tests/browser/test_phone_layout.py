"""Phones: no page type is wider than a 320, 375 or 414 px screen, with Chinese drawn in a real CJK font.

The site is the real corpus plus one imported EUR-Lex act (the longest legal text and tables we
serve) and the real ePing sample's WTO notifications (long symbols, titles and links). Each page type is opened at each width and the page must not scroll sideways:
document.documentElement.scrollWidth <= window.innerWidth. Tables may scroll inside their own box.
"""

from __future__ import annotations

import subprocess
from collections import defaultdict
from pathlib import Path

import pytest

from indexer.corpus.corpus import load_corpus
from indexer.eping import import_exports
from indexer.eurlex import import_pages
from indexer.products import catalogue_path, load_catalogue
from kb.pages import LISTINGS

pytestmark = pytest.mark.browser

WIDTHS = (320, 375, 414)
REAL_CORPUS = Path(__file__).resolve().parents[2] / "corpus"
EURLEX_PAGE = Path(__file__).resolve().parents[1] / "data" / "eurlex" / "dga_32022R0868.html"
EPING_EXPORT = Path(__file__).resolve().parents[1] / "data" / "tbt" / "Notifications_example.xlsx"
SEARCHES = {
    "zh": ("铅 镉 限量", "欧盟 生态设计 能效标识 电池 回收", "没有这样的东西"),
    "en": ("lead cadmium", "ecodesign energy label battery recycling", "nothingmatchesthis"),
}
PRODUCT_QUERIES = {"zh": ("冰箱", "8418.10", "85"), "en": ("refrigerator", "841810", "85")}

# The elements sticking out past the right edge, for a message that says where to look.
WIDEST = """(width) => [...document.querySelectorAll('body *')]
  .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > width + 0.5; })
  .filter(e => !e.closest('table, .table-wrap, pre'))
  .slice(0, 3).map(e => `${e.tagName.toLowerCase()}.${e.className} right=${Math.round(e.getBoundingClientRect().right)}`)"""


@pytest.fixture(scope="session")
def cjk_font():
    """A CJK font the browser can draw Chinese with; without one, Chinese renders as boxes of another width."""
    fonts = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout.strip()
    if not fonts:
        pytest.skip("no CJK font: install Debian's fonts-noto-cjk (.ci/run does)")
    return fonts


@pytest.fixture(scope="module")
def phone_site(serve):
    return serve(
        REAL_CORPUS,
        prepare=lambda corpus: (import_pages([EURLEX_PAGE], corpus), import_exports([EPING_EXPORT], corpus)),
    )


@pytest.fixture(scope="module")
def page_paths(phone_site) -> dict[str, list[str]]:
    """Every page type in each language: home, searches, the largest document of each type,
    listings, the product finder's answers, a checklist, CELEX links and a missing page."""
    documents = load_corpus(phone_site.corpus_dir).documents
    catalogue = load_catalogue(catalogue_path(phone_site.corpus_dir))
    largest_answer = max(catalogue.categories, key=lambda c: len(c.entries) + len(c.hs))
    paths = {}
    for lang in ("zh", "en"):
        by_type = defaultdict(list)
        for doc in documents:
            if doc.lang == lang:
                by_type[doc.type].append(doc)
        largest = {kind: max(docs, key=lambda d: len(d.body)) for kind, docs in by_type.items()}
        paths[lang] = (
            [f"/{lang}/"]
            + [f"/{lang}/search?q={q}" for q in SEARCHES[lang]]
            + [f"/{lang}/search?q={SEARCHES[lang][0]}&type=regulation&jurisdiction=EU"]
            + [f"/{lang}/{doc.id}" for _, doc in sorted(largest.items())]
            + [f"/{lang}/{name}" for name in LISTINGS]
            + [f"/{lang}/countermeasures?form=green-tariff"]
            + [f"/{lang}/notifications", f"/{lang}/notifications?chapter=85&open=0"]
            + [f"/{lang}/products"]
            + [f"/{lang}/products?q={q}" for q in PRODUCT_QUERIES[lang]]
            + [
                f"/{lang}/products/{largest_answer.id}",
                f"/{lang}/products/{largest_answer.id}/checklist",
                f"/{lang}/products/no-such-product",
                f"/{lang}/no-such-page",
            ]
            + [f"/{lang}/timeline", f"/{lang}/timeline?product={largest_answer.id}&act=rohs"]
        )
    paths["zh"].append("/celex/32011L0065")
    paths["en"].append("/celex/32022R0868")
    return paths


def test_every_page_type_is_covered(page_paths, phone_site):
    """The list above really holds a document of every type, the imported act and a figure included."""
    types = {doc.type for doc in load_corpus(phone_site.corpus_dir).documents}
    assert {
        "act",
        "figure",
        "regulation",
        "summary",
        "term",
        "barrier-form",
        "countermeasure",
        "source",
        "notification",
    } <= types
    assert len([p for p in page_paths["zh"] if p.count("/") == 2 and "?" not in p]) >= len(types) + len(LISTINGS)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways_on_a_phone(open_page, phone_site, page_paths, cjk_font, width, lang):
    page, log = open_page(
        viewport={"width": width, "height": 720}, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    too_wide, statuses = {}, defaultdict(list)
    try:
        for path in page_paths[lang]:
            response = page.goto(phone_site.url + path)
            statuses[response.status].append(path)
            # A phone lays out a page too wide for it on a wider viewport and zooms out: innerWidth
            # grows past the screen, so both must stay at the screen's width.
            inner, scroll = page.evaluate("[window.innerWidth, document.documentElement.scrollWidth]")
            if max(inner, scroll) > width:
                too_wide[path] = (inner, scroll, page.evaluate(WIDEST, width))
    finally:
        page.context.close()
    assert too_wide == {}, f"pages wider than {width} px (innerWidth, scrollWidth, what sticks out): {too_wide}"
    # The pages are what they claim to be: answered pages, and the two missing ones as 404.
    assert sorted(statuses[404]) == sorted(p for p in page_paths[lang] if "no-such" in p)
    assert set(statuses) <= {200, 404}
    # The browser logs each 404 page it loads as a failed resource; nothing else may go wrong.
    missing = "console Failed to load resource: the server responded with a status of 404 (NOT FOUND)"
    assert log.problems() == [missing] * len(statuses[404])


def test_chinese_is_drawn_with_a_cjk_font(browser_page, phone_site, cjk_font):
    """The width test above measures real glyphs: the heading's Chinese comes from a CJK font."""
    browser_page.set_viewport_size({"width": 320, "height": 720})
    browser_page.goto(f"{phone_site.url}/zh/rohs")
    cdp = browser_page.context.new_cdp_session(browser_page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    heading = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "h1"})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": heading})["fonts"]
    cjk = [f for f in fonts if "CJK" in f["familyName"] or "Hei" in f["familyName"] or "Song" in f["familyName"]]
    assert cjk and sum(f["glyphCount"] for f in cjk) >= 10, fonts
