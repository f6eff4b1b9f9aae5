"""Linked definitions on rendered pages: which mention of a term becomes a link, and what it says."""

import pytest
from bs4 import BeautifulSoup

from tests.conftest import write_doc

TERM = """type: term
title: {title}
sources:
  - {{title: "The paper", url: "https://example.org/paper"}}
"""
PAGE = """type: source
title: {title}
sources:
  - {{title: "The paper", url: "https://example.org/paper"}}
"""
EN_BODY = """A green trade barrier is not any trade barrier, says RoHS. RoHS again.

## Where RoHS is not linked {#not-linked}

`RoHS` in code, [RoHS at the source](https://example.org/rohs), then RoHS in plain text.

```text
RoHS in a fence
```

## Another section {#another}

RoHS once more in a new section.
"""
ZH_BODY = """绿色贸易壁垒不同于一般的贸易壁垒，RoHS 对此有要求。RoHS 再次出现。

## RoHS 不链接的地方 {#not-linked}

代码 `RoHS`、[RoHS 原文](https://example.org/rohs)，然后是正文中的 RoHS。

```text
RoHS in a fence
```

## 另一节 {#another}

新的一节里再提 RoHS。
"""


@pytest.fixture
def corpus_dir(corpus_dir):
    # A shorter term inside a longer one (贸易壁垒 in 绿色贸易壁垒) and a page mentioning terms everywhere.
    write_doc(
        corpus_dir,
        "trade-barrier",
        "en",
        TERM.format(title="Trade barrier"),
        "A trade barrier is any measure that restricts imports.\n",
    )
    write_doc(corpus_dir, "trade-barrier", "zh", TERM.format(title="贸易壁垒"), "贸易壁垒是限制进口的任何措施。\n")
    write_doc(corpus_dir, "mentions", "en", PAGE.format(title="Mentions"), EN_BODY)
    write_doc(corpus_dir, "mentions", "zh", PAGE.format(title="提及"), ZH_BODY)
    return corpus_dir


def body(client, path):
    return BeautifulSoup(client.get(path).get_data(as_text=True), "html.parser").select_one("div.body")


def sections(div):
    """The body split at its h2 headings: [lead nodes, section 1 nodes, ...]."""
    parts = [[]]
    for node in div.children:
        if getattr(node, "name", None) == "h2":
            parts.append([])
        parts[-1].append(node)
    return parts


def defined_links(nodes, href=None):
    found = [
        a
        for n in nodes
        if hasattr(n, "find_all")
        for a in ([n] if n.name == "a" else n.find_all("a"))
        if "defined" in (a.get("class") or [])
    ]
    return [a for a in found if href is None or a["href"] == href]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_term_is_linked_at_its_first_mention_in_each_section_only(client, lang):
    lead, _, another = sections(body(client, f"/{lang}/mentions"))
    assert len(defined_links(lead, f"/{lang}/rohs")) == 1
    assert len(defined_links(another, f"/{lang}/rohs")) == 1


@pytest.mark.parametrize("lang, longer", [("en", "green trade barrier"), ("zh", "绿色贸易壁垒")])
def test_the_longest_name_wins(client, lang, longer):
    lead = sections(body(client, f"/{lang}/mentions"))[0]
    link = defined_links(lead, f"/{lang}/green-trade-barrier")[0]
    assert link.get_text().lower() == longer
    # the shorter term is still linked where it stands alone, once
    assert len(defined_links(lead, f"/{lang}/trade-barrier")) == 1


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_never_inside_a_heading_a_link_or_code(client, lang):
    div = body(client, f"/{lang}/mentions")
    for tag in div.find_all(["h2", "code", "pre"]):
        assert not defined_links([tag])
    assert all(not a.find("a") for a in div.find_all("a"))  # no link nested in a link
    section = sections(div)[1]
    links = defined_links(section, f"/{lang}/rohs")
    assert len(links) == 1 and links[0].parent.name == "p" and not links[0].find_parent("code")
    assert str(links[0].previous_sibling).rstrip().endswith(("then", "正文中的"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_term_is_never_linked_on_its_own_page(client, lang):
    div = body(client, f"/{lang}/green-trade-barrier")
    assert not defined_links([div], f"/{lang}/green-trade-barrier")


@pytest.mark.parametrize(
    "lang, tooltip",
    [
        ("en", "A green trade barrier is a trade restriction justified by protecting the environment."),
        ("zh", "绿色贸易壁垒是以保护环境为理由限制贸易的措施。"),
    ],
)
def test_the_tooltip_is_the_definitions_first_sentence_in_the_page_language(client, lang, tooltip):
    link = defined_links([body(client, f"/{lang}/mentions")], f"/{lang}/green-trade-barrier")[0]
    assert link["title"] == tooltip
