"""Script injection, in a real browser: hostile corpus text and hostile queries must stay text.

Every payload tries `window.__xss = 1` and alert(1). The pages are opened once with the CSP
switched off, so escaping and sanitising are tested on their own (the CSP is the second wall,
checked separately), and their DOM is searched for anything that could run later (handlers,
javascript: URLs, foreign scripts).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

import pytest

from tests.conftest import write_doc

pytestmark = pytest.mark.browser

RUN = "window.__xss=1;alert(1)"
BODY_PAYLOADS = f"""\
<script>{RUN}</script>
<img src="x" onerror="{RUN}">
<svg onload="{RUN}"><circle r="1"></circle></svg>
<scr<script>ipt>{RUN}</scr</script>ipt>
&lt;script&gt;{RUN}&lt;/script&gt; and &amp;lt;script&amp;gt;{RUN}&amp;lt;/script&amp;gt;
<a href="javascript:{RUN}">raw link</a> <a href=" JaVaScRiPt:{RUN}">spaced</a> <a href="jav&#x09;ascript:{RUN}">tab</a>
[markdown link](javascript:window.__xss=1) [entity link](&#106;avascript:window.__xss=1)
<iframe src="javascript:{RUN}"></iframe><object data="javascript:{RUN}"></object><embed src="javascript:{RUN}">
<details open ontoggle="{RUN}"><summary>x</summary></details>
<div style="background:url(javascript:{RUN})" onmouseover="{RUN}">styled</div>
<noscript><p title="</noscript><img src=x onerror={RUN}>"></p></noscript>
<!--<img src="--><img src=x onerror="{RUN}">
<form action="javascript:{RUN}"><button formaction="javascript:{RUN}">go</button></form>
<meta http-equiv="refresh" content="0;url=javascript:{RUN}"><base href="javascript:{RUN}//">
<math><mi xlink:href="javascript:{RUN}">m</mi></math>
"""


HOSTILE_HEADER = f"""\
type: term
title: "<script>{RUN}</script>Hostile \\"term\\" <img src=x onerror={RUN}>"
aliases: ["xss payload term", "<svg onload={RUN}>", "\\" onmouseover=\\"{RUN}", "javascript:{RUN}"]
anchor_aliases: {{"old": "payload-heading", "x\\"><script>{RUN}</script>": "payload-heading"}}
sources:
  - {{title: "<script>{RUN}</script>source", url: "javascript:{RUN}"}}
  - {{title: "spaced", url: " JaVaScRiPt:{RUN}"}}
  - {{title: "data", url: "data:text/html,<script>{RUN}</script>"}}
"""
# The lead's first sentence becomes the tooltip of every link to this term (see MENTIONS_BODY).
HOSTILE_BODY = f"""\
The xss payload term is &lt;img src=x onerror={RUN}&gt; <img src=x onerror="{RUN}"> a hostile sentence. More.

{BODY_PAYLOADS}
## <script>{RUN}</script> payload heading <img src=x onerror="{RUN}"> {{#payload-heading}}

payload {BODY_PAYLOADS}

A paragraph with attributes. {{: onclick="{RUN}" }}

```html
<script>{RUN}</script>
```
"""
MENTIONS_HEADER = 'type: term\ntitle: Mentions\nsources: [{title: Test, url: "https://example.org/"}]'
MENTIONS_BODY = f"""\
Mentions is a page naming the xss payload term, and also " onmouseover="{RUN} as plain text.
"""


def add_hostile_pages(corpus):
    for lang in ("en", "zh"):
        write_doc(corpus, "hostile", lang, HOSTILE_HEADER, HOSTILE_BODY)
        write_doc(corpus, "mentions", lang, MENTIONS_HEADER, MENTIONS_BODY)


@pytest.fixture(scope="module")
def hostile_site(serve, data_corpus):
    # Not strict: the loader may reject some of this; the pages must stay safe either way.
    return serve(data_corpus, add_hostile_pages, strict=False)


QUERY_PAYLOADS = [
    f"<script>{RUN}</script>",
    f'"><img src=x onerror="{RUN}">',
    f"'><svg onload={RUN}>",
    f"</title><script>{RUN}</script>",
    f"javascript:{RUN}",
    f"<scr<script>ipt>{RUN}</script>",
]
PAGES = (
    [
        "/en/hostile",
        "/zh/hostile",
        "/en/mentions",
        "/zh/mentions",
        "/en/hostile#old",
        "/en/hostile#" + quote(f'x"><script>{RUN}</script>'),
        "/en/search?q=payload",
        "/zh/search?q=payload",
        "/en/search?q=xss+payload+term",
    ]
    + [f"/en/search?q={quote(q)}" for q in QUERY_PAYLOADS]
    + [f"/zh/search?q={quote(q)}" for q in QUERY_PAYLOADS[:2]]  # the same template: two are enough
    + [f"/en/search?q=payload&type={quote(QUERY_PAYLOADS[1])}&in={quote(QUERY_PAYLOADS[0])}"]
)


SCRIPTABLE = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) found.push(`${el.tagName} ${attr.name}`);
    }
    for (const name of ['href', 'src', 'action', 'formaction', 'data', 'xlink:href']) {
      const value = el.getAttribute(name);
      if (value && /^\\s*javascript:/i.test(value.replace(/[\\x00-\\x20]/g, ''))) found.push(`${el.tagName} ${name}=${value}`);
    }
    if (['IFRAME', 'OBJECT', 'EMBED', 'BASE', 'META'].includes(el.tagName) && el.closest('body')) found.push(el.tagName);
  }
  for (const s of document.scripts) {
    if (!s.src || new URL(s.src).origin !== location.origin || !new URL(s.src).pathname.startsWith('/static/')) {
      found.push(`script ${s.src || s.textContent.slice(0, 60)}`);
    }
  }
  return found;
}"""


@dataclass
class Visit:
    status: int
    xss: str  # typeof window.__xss
    dialogs: list
    page_errors: list
    scriptable: list


@pytest.fixture(scope="module")
def visit(open_page, hostile_site):
    """visit(path): open a hostile page once, with the CSP ignored so that only escaping and
    sanitising stand in the way, and remember what happened."""
    page, log = open_page(bypass_csp=True)
    seen = {}

    def open_(path):
        if path not in seen:
            page.goto("about:blank")  # a fresh document even when only the #hash differs
            log.dialogs.clear()
            log.page_errors.clear()
            response = page.goto(hostile_site.url + path)
            page.hover("main")  # mouse-over handlers
            seen[path] = Visit(
                response.status,
                page.evaluate("typeof window.__xss"),
                list(log.dialogs),
                list(log.page_errors),
                page.evaluate(SCRIPTABLE),
            )
        assert seen[path].status == 200, f"{path} answered {seen[path].status}: no payload was rendered"
        return seen[path]

    yield open_
    page.context.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_payload_runs(visit, path):
    result = visit(path)

    assert (result.xss, result.dialogs, result.page_errors) == ("undefined", [], [])


@pytest.mark.parametrize("path", PAGES)
def test_page_holds_nothing_that_could_run_later(visit, path):
    assert visit(path).scriptable == []


@pytest.mark.parametrize("path", ["/en/hostile", "/zh/search?q=" + quote(QUERY_PAYLOADS[0])])
def test_hostile_pages_carry_the_csp(browser_page, hostile_site, path):
    response = browser_page.goto(hostile_site.url + path)

    csp = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


@pytest.mark.parametrize("typed", ["svg onload", "javascript", "onmouseover"])
def test_hostile_suggestions_stay_text(new_page, page_log, hostile_site, typed):
    page = new_page(bypass_csp=True)
    page.goto(f"{hostile_site.url}/en/")

    page.locator("header input[name=q]").press_sequentially(typed)
    option = page.locator("header [role=listbox] [role=option]").first
    option.hover()

    assert typed in option.text_content() and option.locator("*:not(.suggestion-type)").count() == 0
    assert page.evaluate("typeof window.__xss") == "undefined" and page_log.dialogs == []
