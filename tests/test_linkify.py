"""`kb linkify` and POST /api/linkify: trainers' own texts linked to the knowledge base like the site's pages."""

import re
from functools import partial

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.corpus.corpus import load_corpus
from indexer.corpus.lexicon import surface_pattern
from kb.linker import TermLinker
from kb.linkify import linkify
from tests.conftest import DATA, ROOT

BASE = "http://kb.test"


@pytest.fixture(scope="module")
def linkers():
    documents = load_corpus(DATA / "corpus").documents
    return {lang: TermLinker.from_documents(documents, lang) for lang in ("zh", "en")}


@pytest.fixture(scope="module")
def real_documents():
    return load_corpus(ROOT / "corpus").documents


def url(lang, doc_id):
    return f"{BASE}/{lang}/{doc_id}"


def unlink_markdown(text: str) -> str:
    """The text without the links linkify added (they all point under BASE)."""
    return re.sub(
        r"\[((?:[^\[\]\\]|\\.)*)\]\(http://kb\.test/(?:zh|en)/[a-z0-9-]+\)",  # labels escape [ ]
        lambda m: re.sub(r"\\(.)", r"\1", m.group(1)),
        text,
    )


def unlink_html(text: str) -> str:
    return re.sub(r'<a href="http://kb\.test/(?:zh|en)/[a-z0-9-]+" title="[^"]*">(.*?)</a>', r"\1", text)


def unlink_text(text: str) -> str:
    return re.sub(r" \(http://kb\.test/(?:zh|en)/[a-z0-9-]+\)", "", text)


# --- Markdown ---

EN_MARKDOWN = """# Training: RoHS for exporters

The Directive 2011/65/EU limits lead. RoHS applies to every product; RoHS again.
Already linked: [WEEE](https://example.org/weee). Then WEEE in plain text.
Code: `China RoHS` and a URL https://example.org/green-barrier.

```
green barrier in a fence
```

## Second part

RoHS once more, and a green barrier.
"""


def test_markdown_in_english_links_first_mentions_only(linkers):
    out, links = linkify(EN_MARKDOWN, "markdown", linkers["en"], partial(url, "en"))
    assert out == EN_MARKDOWN.replace(
        "The Directive 2011/65/EU", f"The [Directive 2011/65/EU]({url('en', 'rohs')})"
    ).replace(
        "RoHS once more, and a green barrier.",
        f"[RoHS]({url('en', 'rohs')}) once more, and a [green barrier]({url('en', 'green-trade-barrier')}).",
    )
    assert [(link.line, link.text, link.doc_id) for link in links] == [
        (3, "Directive 2011/65/EU", "rohs"),
        (13, "RoHS", "rohs"),
        (13, "green barrier", "green-trade-barrier"),
    ]


ZH_MARKDOWN = """## 绿色贸易壁垒概述 {#overview}

绿色贸易壁垒包括绿色技术标准。中国RoHS与RoHS 指令不同；绿色技术标准再次出现。
已有链接：[WEEE 指令](https://example.org/weee)，代码 `绿色壁垒`，然后 WEEE。

## 第二节 {#second}

中国RoHS 再次出现。
"""


def test_markdown_in_chinese_takes_the_longest_name(linkers):
    out, _ = linkify(ZH_MARKDOWN, "markdown", linkers["zh"], partial(url, "zh"))
    assert out == ZH_MARKDOWN.replace(
        "绿色贸易壁垒包括绿色技术标准。中国RoHS与RoHS 指令",
        f"[绿色贸易壁垒]({url('zh', 'green-trade-barrier')})包括[绿色技术标准]({url('zh', 'green-technical-standard')})。"
        f"[中国RoHS]({url('zh', 'china-rohs')})与[RoHS]({url('zh', 'rohs')}) 指令",
    ).replace("中国RoHS 再次出现。", f"[中国RoHS]({url('zh', 'china-rohs')}) 再次出现。")


def test_markdown_skips_front_matter_setext_headings_html_and_comments(linkers):
    text = (
        "---\ntitle: RoHS\n---\nWEEE course\n===========\n\n<pre>\n\nRoHS\n</pre>\n\n"
        '<a href="/x">green barrier</a> and green barrier <!-- RoHS --> ![RoHS](rohs.png)\n'
    )
    out, links = linkify(text, "markdown", linkers["en"], partial(url, "en"))
    assert out == text
    assert links == []


def test_markdown_skips_indented_code_but_not_list_continuations(linkers):
    text = "Intro\n\n    RoHS in indented code\n\n\tChina RoHS in code\n\n- item\n\n    WEEE continues the item\n"
    out, _ = linkify(text, "markdown", linkers["en"], partial(url, "en"))
    assert out == text.replace("    WEEE", f"    [WEEE]({url('en', 'weee')})")


def test_markdown_round_trips_crlf_and_bom(runner, tmp_path):
    source = tmp_path / "notes.md"
    source.write_bytes("\ufeffRoHS\r\n\r\n```\r\nWEEE\r\n```\r\n## Part\r\n\r\nWEEE\r\n".encode("utf-8"))
    runner.invoke(args=["linkify", str(source), "-o", str(tmp_path / "out.md"), "--base-url", BASE])
    assert (tmp_path / "out.md").read_bytes() == (
        f"\ufeff[RoHS]({url('en', 'rohs')})\r\n\r\n```\r\nWEEE\r\n```\r\n## Part\r\n\r\n[WEEE]({url('en', 'weee')})\r\n"
    ).encode("utf-8")


def test_real_corpus_files_round_trip_and_links_stay_out_of_code_headings_and_links(real_documents):
    documents = real_documents
    linkers = {lang: TermLinker.from_documents(documents, lang) for lang in ("zh", "en")}
    for doc in documents:
        text = doc.path.read_text(encoding="utf-8")
        out, links = linkify(text, "markdown", linkers[doc.lang], partial(url, doc.lang))
        assert unlink_markdown(out) == text, doc.path
        page = BeautifulSoup(
            markdown.markdown(out.split("\n---\n", 1)[1], extensions=["tables", "attr_list", "fenced_code"]),
            "html.parser",
        )
        for a in page.select('a[href^="http://kb.test/"]'):
            assert not a.find_parent(["a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6"]), (doc.path, a)


# --- HTML and plain text ---

EN_HTML = """<!doctype html>
<html><head><title>RoHS course</title><script>var WEEE = "RoHS";</script></head>
<body>
<h1>RoHS and WEEE</h1>
<p class="lead">The RoHS Directive &amp; WEEE. <a href="https://example.org">green barrier</a>, then green barrier.</p>
<pre>China RoHS</pre><p><code>China RoHS</code> and China RoHS.</p>
<h2>More</h2>
<p>RoHS <em>again</em>.</p>
</body></html>
"""


def test_html_links_first_mentions_per_heading_section(linkers):
    out, links = linkify(EN_HTML, "html", linkers["en"], partial(url, "en"))
    assert unlink_html(out) == EN_HTML
    added = [(a["href"], a.get_text()) for a in BeautifulSoup(out, "html.parser").find_all("a", title=True)]
    assert added == [
        (url("en", "rohs"), "RoHS"),
        (url("en", "weee"), "WEEE"),
        (url("en", "china-rohs"), "China RoHS"),
        (url("en", "rohs"), "RoHS"),
    ]
    assert [link.line for link in links] == [5, 5, 6, 8]


def test_html_link_title_is_the_escaped_definition(linkers):
    out, _ = linkify("<p>绿色壁垒</p>", "html", linkers["zh"], partial(url, "zh"))
    a = BeautifulSoup(out, "html.parser").a
    assert a["href"] == url("zh", "green-trade-barrier") and a["title"].startswith("绿色贸易壁垒")


def test_chinese_html_leaves_existing_links_and_code(linkers):
    text = '<h2>WEEE 指令</h2><p><a href="/zh/rohs">RoHS</a>与RoHS；<code>中国RoHS</code>，中国RoHS。</p>'
    out, _ = linkify(text, "html", linkers["zh"], partial(url, "zh"))
    assert out == text.replace(
        "，中国RoHS。",
        f'，<a href="{url("zh", "china-rohs")}" title="'
        + linkers["zh"].targets["中国rohs"].tooltip
        + '">中国RoHS</a>。',
    )


def test_plain_text_in_chinese_adds_urls_in_brackets(linkers):
    text = "培训讲义：RoHS 指令与中国RoHS。详见 https://example.org/RoHS 。RoHS 再次出现。\n\n绿色壁垒一节：绿色壁垒。"
    out, _ = linkify(text, "text", linkers["zh"], partial(url, "zh"))
    assert out == (
        f"培训讲义：RoHS ({url('zh', 'rohs')}) 指令与中国RoHS ({url('zh', 'china-rohs')})。"
        f"详见 https://example.org/RoHS 。RoHS 再次出现。\n\n绿色壁垒 ({url('zh', 'green-trade-barrier')})一节：绿色壁垒。"
    )


def test_plain_text_in_english_is_one_section(linkers):
    text = "Green technical standards and RoHS.\n\nSecond paragraph: RoHS and WEEE."
    out, _ = linkify(text, "text", linkers["en"], partial(url, "en"))
    assert out == (
        f"Green technical standards ({url('en', 'green-technical-standard')}) and RoHS ({url('en', 'rohs')}).\n\n"
        f"Second paragraph: RoHS and WEEE ({url('en', 'weee')})."
    )


def test_plain_text_already_linked_is_left_alone(linkers):
    text = f"RoHS ({url('en', 'rohs')}) and RoHS."
    assert linkify(text, "text", linkers["en"], partial(url, "en"))[0] == text


FRAGMENTS = [
    "RoHS",
    "WEEE",
    "China RoHS",
    "绿色壁垒",
    "中国RoHS",
    " ",
    "\n",
    "\n\n",
    "`",
    "``",
    "[",
    "]",
    "(",
    ")",
    "](x)",
    "<a href='x'>",
    "</a>",
    "<code>",
    "</code>",
    "<pre>",
    "</pre>",
    "<h2>",
    "</h2>",
    "## ",
    "# ",
    "```\n",
    "~~~\n",
    "---\n",
    "===\n",
    "http://x.org/",
    "&amp;",
    "&",
    "<",
    ">",
    "<!--",
    "-->",
    "\\",
    "{#a}",
    "\r\n",
    "> ",
    "- ",
    "| ",
    "a@b.cn",
    "*",
    "_",
]


def test_a_literal_backslash_before_a_term_is_kept_and_never_escapes_the_link(linkers):
    out, links = linkify("[\\RoHS and RoHS", "markdown", linkers["en"], partial(url, "en"))
    assert unlink_markdown(out) == "[\\RoHS and RoHS" and "\\[" not in out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40), st.sampled_from(["markdown", "html", "text"]))
def test_everything_not_linked_stays_byte_identical(linkers, fragments, fmt):
    text = "".join(fragments)
    out, links = linkify(text, fmt, linkers["en"], partial(url, "en"))
    unlink = {"markdown": unlink_markdown, "html": unlink_html, "text": unlink_text}[fmt]
    assert unlink(out) == text
    assert len({(link.doc_id, link.line) for link in links}) == len(links) or fmt != "text"


def test_site_matcher_is_the_plain_longest_first_alternation(real_documents):
    # kb.linker groups the names by first character for speed; it must match exactly what the
    # plain alternation of surface_pattern (longest names first) matches.
    for lang in ("zh", "en"):
        linker = TermLinker.from_documents(real_documents, lang)
        names = sorted(linker.targets, key=len, reverse=True)
        plain = re.compile("|".join(surface_pattern(s) for s in names))
        # every name standing alone, glued to letters, digits and hanzi, and inside longer names
        text = " ".join(f"{s} x{s}1 中{s}{s}文 {s[:-1]}" for s in names)
        assert [m.span() for m in linker.pattern.finditer(text)] == [m.span() for m in plain.finditer(text)]


# --- the command ---


def test_dry_run_lists_the_links_and_writes_nothing(runner, tmp_path):
    source = tmp_path / "course.md"
    source.write_text(EN_MARKDOWN, encoding="utf-8")
    result = runner.invoke(args=["linkify", str(source), "--dry-run", "-o", str(tmp_path / "out.md")])
    assert result.exit_code == 0
    assert f"{source}:3: Directive 2011/65/EU -> http://127.0.0.1:8000/en/rohs" in result.output
    assert f"{source}:13: green barrier -> http://127.0.0.1:8000/en/green-trade-barrier" in result.output
    assert not (tmp_path / "out.md").exists() and source.read_text(encoding="utf-8") == EN_MARKDOWN


def test_command_detects_chinese_and_prints_the_document(runner, tmp_path):
    source = tmp_path / "讲义.txt"
    source.write_text("本课介绍绿色壁垒。", encoding="utf-8")
    result = runner.invoke(args=["linkify", str(source), "--base-url", "https://kb.example.org/"])
    assert result.stdout == "本课介绍绿色壁垒 (https://kb.example.org/zh/green-trade-barrier)。"


def test_command_keeps_a_gb18030_file_in_its_encoding(runner, tmp_path):
    source = tmp_path / "handout.html"
    source.write_bytes("<p>绿色壁垒与RoHS</p>".encode("gb18030"))
    runner.invoke(args=["linkify", str(source), "-o", str(source), "--lang", "zh"])
    page = BeautifulSoup(source.read_bytes().decode("gb18030"), "html.parser")
    assert [a["href"] for a in page.find_all("a")] == [
        "http://127.0.0.1:8000/zh/green-trade-barrier",
        "http://127.0.0.1:8000/zh/rohs",
    ]


def test_command_refuses_a_base_url_that_is_not_http(runner, tmp_path):
    source = tmp_path / "a.md"
    source.write_text("RoHS", encoding="utf-8")
    result = runner.invoke(args=["linkify", str(source), "--base-url", "javascript:alert(1)"])
    assert result.exit_code == 2 and "not an http:// or https:// address" in result.output


# --- POST /api/linkify ---


def test_api_links_markdown_and_lists_the_links(client):
    response = client.post(
        "/api/linkify",
        json={"text": "标题\n\nRoHS 与 RoHS", "format": "markdown", "lang": "zh", "base_url": "https://kb.example.org"},
    )
    assert response.get_json()["text"] == "标题\n\n[RoHS](https://kb.example.org/zh/rohs) 与 RoHS"
    assert response.get_json()["links"] == [
        {
            "line": 3,
            "text": "RoHS",
            "doc_id": "rohs",
            "url": "https://kb.example.org/zh/rohs",
            "title": "RoHS 指令（2011/65/EU）",
        }
    ]


def test_api_links_to_this_site_by_default_and_detects_the_language(client):
    data = client.post("/api/linkify", json={"text": "<p>The WEEE Directive</p>", "format": "html"}).get_json()
    assert data["lang"] == "en" and '<a href="http://localhost/en/weee"' in data["text"]


@pytest.mark.parametrize(
    "body",
    [
        {"format": "markdown"},
        {"text": "RoHS", "format": "docx"},
        {"text": "RoHS", "lang": "fr"},
        {"text": "RoHS", "base_url": "javascript:alert(1)"},
    ],
)
def test_api_rejects_bad_requests(client, body):
    response = client.post("/api/linkify", json=body)
    assert response.status_code == 400 and response.get_json()["status"] == 400


def test_api_refuses_a_body_over_the_limit(client, app):
    text = "RoHS " * (app.config["MAX_CONTENT_LENGTH"] // 5 + 1)
    response = client.post("/api/linkify", json={"text": text, "format": "text"})
    assert response.status_code == 413 and response.get_json()["status"] == 413
