"""Links into the knowledge base that last: stable anchors, redirects, and `kb check-links`."""

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from indexer.corpus.corpus import load_corpus
from tests.conftest import DATA, ROOT, write_doc


def add_header_lines(path: Path, lines: str) -> None:
    """Add YAML lines to the header of a corpus file (right after its opening '---')."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    path.write_text("---\n" + lines.strip() + "\n" + text[4:], encoding="utf-8")


# --- stable anchors -------------------------------------------------------------------------


def test_real_corpus_has_the_same_anchors_in_both_languages():
    differing = [str(p) for p in load_corpus(ROOT / "corpus").problems if "anchors differ" in p.message]
    assert differing == []


# --- renamed pages and anchors --------------------------------------------------------------


def test_old_page_id_redirects_permanently_in_chinese(client, corpus_dir):
    add_header_lines(corpus_dir / "rohs.zh.md", "redirect_from: [rohs-directive]")
    response = client.get("/zh/rohs-directive")
    assert response.status_code == 301 and response.location.endswith("/zh/rohs")


def test_old_page_id_redirects_permanently_in_english(client, corpus_dir):
    add_header_lines(corpus_dir / "rohs.en.md", "redirect_from: [rohs-directive]")
    response = client.get("/en/rohs-directive")
    assert response.status_code == 301 and response.location.endswith("/en/rohs")


def test_page_carries_its_anchor_aliases_for_the_script(client, corpus_dir):
    add_header_lines(corpus_dir / "rohs.en.md", "anchor_aliases: {substances: restricted-substances}")
    page = BeautifulSoup(client.get("/en/rohs").get_data(as_text=True), "html.parser")
    assert json.loads(page.article["data-anchor-aliases"]) == {"substances": "restricted-substances"}
    assert page.find("script", src="/static/anchors.js")


def test_anchor_aliases_attribute_is_escaped(client, corpus_dir):
    add_header_lines(corpus_dir / "rohs.en.md", """anchor_aliases: {'x"><script>alert(1)</script>': for-exporters}""")
    raw = client.get("/en/rohs").get_data(as_text=True)
    assert "<script>alert(1)" not in raw
    page = BeautifulSoup(raw, "html.parser")
    assert json.loads(page.article["data-anchor-aliases"]) == {'x"><script>alert(1)</script>': "for-exporters"}


def test_page_without_anchor_aliases_has_no_attribute(client):
    page = BeautifulSoup(client.get("/en/rohs").get_data(as_text=True), "html.parser")
    assert not page.article.has_attr("data-anchor-aliases")


# --- kb check-links on a sample course ------------------------------------------------------

WORD_DOCUMENT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>
<w:p><w:hyperlink r:id="rId1" w:anchor="for-exporters"><w:r><w:t>RoHS for exporters</w:t></w:r></w:hyperlink></w:p>
<w:p><w:r><w:t>No link here.</w:t></w:r></w:p>
<w:p><w:hyperlink r:id="rId2" w:anchor="gone"><w:r><w:t>WEEE</w:t></w:r></w:hyperlink>
     <w:hyperlink r:id="rId4"><w:r><w:t>EUR-Lex</w:t></w:r></w:hyperlink></w:p>
<w:p><w:hyperlink r:id="rId3"><w:r><w:t>旧的 RoHS 页面</w:t></w:r></w:hyperlink></w:p>
</w:body></w:document>"""
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def relationships(*rels):
    """A relationship part: (id, target) are external hyperlinks, (id, target, type) internal parts."""
    items = "".join(
        f'<Relationship Id="{r[0]}" Type="{HYPERLINK}" Target="{r[1]}" TargetMode="External"/>'
        if len(r) == 2
        else f'<Relationship Id="{r[0]}" Type="{r[2]}" Target="{r[1]}"/>'
        for r in rels
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns='
        f'"http://schemas.openxmlformats.org/package/2006/relationships">{items}</Relationships>'
    )


def write_package(path: Path, parts: dict) -> None:
    with zipfile.ZipFile(path, "w") as package:
        for name, text in parts.items():
            package.writestr(name, text)


@pytest.fixture
def course(tmp_path, corpus_dir) -> Path:
    """The sample course, with a Word handout and slides; rohs has a former id and a renamed section."""
    for lang in ("zh", "en"):
        add_header_lines(
            corpus_dir / f"rohs.{lang}.md",
            "redirect_from: [rohs-directive]\nanchor_aliases: {substances: restricted-substances}",
        )
    write_doc(
        corpus_dir,
        "celex-32012l0019",
        "en",
        "type: act\ntitle: Directive 2012/19/EU (full text)\n"
        "celex: 32012L0019\nform: directive\nversion: adopted\nsources:\n"
        "  - {title: EUR-Lex, url: 'https://eur-lex.europa.eu/eli/dir/2012/19/oj'}",
        "Article 1.\n",
    )
    folder = tmp_path / "course"
    shutil.copytree(DATA / "course", folder)
    write_package(
        folder / "04-reading.docx",
        {
            "[Content_Types].xml": "<Types/>",
            "word/document.xml": WORD_DOCUMENT,
            "word/_rels/document.xml.rels": relationships(
                ("rId1", "http://127.0.0.1:8000/en/rohs"),
                ("rId2", "http://127.0.0.1:8000/en/weee"),
                ("rId3", "http://127.0.0.1:8000/zh/rohs-directive"),
                ("rId4", "https://eur-lex.europa.eu/"),
            ),
        },
    )
    layout = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideLayout"
    write_package(
        folder / "05-slides.pptx",
        {
            "[Content_Types].xml": "<Types/>",
            "ppt/slides/_rels/slide1.xml.rels": relationships(
                ("rId1", "../slideLayouts/slideLayout1.xml", layout),
                ("rId2", "http://127.0.0.1:8000/en/green-trade-barrier"),
            ),
            "ppt/slides/_rels/slide2.xml.rels": relationships(("rId2", "http://127.0.0.1:8000/en/rohs#substances")),
            "ppt/slides/_rels/slide10.xml.rels": relationships(("rId2", "http://127.0.0.1:8000/en/no-such-page")),
        },
    )
    return folder


def check(runner, target, *options):
    result = runner.invoke(args=["check-links", str(target), *options])
    return result, result.output.splitlines()


def report(runner, path: Path) -> list[str]:
    """The lines `kb check-links` prints for the links of one file, without the file name."""
    _, lines = check(runner, path)
    return [line.removeprefix(f"{path}:") for line in lines if line.startswith(f"{path}:")]


REPORTS = {  # file -> what check-links prints for each of its links (without the file name)
    # Markdown: ok, renamed page and section, missing page and section
    "01-intro.md": [
        "3: ok http://127.0.0.1:8000/en/rohs#restricted-substances",
        "4: ok /en/weee",
        "8: redirected http://127.0.0.1:8000/en/rohs-directive -> use http://127.0.0.1:8000/en/rohs",
        "9: redirected /en/rohs#substances -> use /en/rohs#restricted-substances",
        "13: broken /en/no-such-page: no page 'no-such-page'",
        "14: broken http://127.0.0.1:8000/en/weee#nowhere: 'weee' (en) has no section '#nowhere'",
        "16: not checked https://eur-lex.europa.eu/eli/dir/2011/65/oj (another site)",
        "16: not checked http://127.0.0.1:8000.example.org/en/x (another site)",
    ],
    # HTML: a renamed page and section at once, a missing language, a missing translation
    "02-handout.html": [
        "5: ok http://127.0.0.1:8000/zh/china-rohs",
        "6: redirected http://127.0.0.1:8000/zh/rohs-directive#substances -> use "
        "http://127.0.0.1:8000/zh/rohs#restricted-substances",
        "7: broken http://127.0.0.1:8000/fr/rohs: no language 'fr' (only zh, en)",
        "7: broken /zh/celex-32012l0019: no zh version of 'celex-32012l0019' (only en)",
    ],
    # text: links end before punctuation; CELEX links resolve
    "03-notes.txt": [
        "3: ok http://127.0.0.1:8000/en/rohs",
        "4: ok http://127.0.0.1:8000/zh/weee",
        "5: ok /celex/32011L0065#restricted-substances",
        "6: broken /celex/32099L9999: no page for CELEX 32099L9999",
    ],
    # Word: the anchor kept apart in w:anchor is joined; the paragraph is named
    "04-reading.docx": [
        "word/document.xml paragraph 1: ok http://127.0.0.1:8000/en/rohs#for-exporters",
        "word/document.xml paragraph 3: broken http://127.0.0.1:8000/en/weee#gone: 'weee' (en) has no section '#gone'",
        "word/document.xml paragraph 3: not checked https://eur-lex.europa.eu/ (another site)",
        "word/document.xml paragraph 4: redirected http://127.0.0.1:8000/zh/rohs-directive -> use "
        "http://127.0.0.1:8000/zh/rohs",
    ],
    # PowerPoint: slides in their order (10 after 2)
    "05-slides.pptx": [
        "slide 1: ok http://127.0.0.1:8000/en/green-trade-barrier",
        "slide 2: redirected http://127.0.0.1:8000/en/rohs#substances -> use "
        "http://127.0.0.1:8000/en/rohs#restricted-substances",
        "slide 10: broken http://127.0.0.1:8000/en/no-such-page: no page 'no-such-page'",
    ],
}


@pytest.mark.parametrize("filename", REPORTS)
def test_each_link_is_reported_ok_redirected_or_broken(runner, course, filename):
    assert report(runner, course / filename) == REPORTS[filename]


def test_a_folder_with_broken_links_exits_1(runner, course):
    result, lines = check(runner, course)
    assert result.exit_code == 1
    assert lines[-1] == "20 link(s) in 5 file(s): 8 ok, 5 redirected, 7 broken; 3 link(s) to other sites not checked"


def test_only_ok_and_redirected_links_exit_0(runner, course):
    (course / "fine.md").write_text("[a](/en/rohs) and [b](/zh/rohs-directive#substances)\n", encoding="utf-8")
    result, lines = check(runner, course / "fine.md")
    assert result.exit_code == 0 and lines[-1] == "2 link(s) in 1 file(s): 1 ok, 1 redirected, 0 broken"


def test_links_under_another_base_url(runner, course):
    (course / "prod.md").write_text("[a](https://kb.example.org/en/weee) [b](http://127.0.0.1:8000/en/nothing)\n")
    result, lines = check(runner, course / "prod.md", "--base-url", "https://kb.example.org/")
    assert lines[0].endswith(": ok https://kb.example.org/en/weee") and result.exit_code == 0


def test_an_unreadable_office_file_is_reported_and_fails(runner, course):
    (course / "broken.pptx").write_bytes(b"not a zip file")
    result, _ = check(runner, course / "broken.pptx")
    assert result.exit_code == 1 and "broken.pptx: cannot read: not a readable Word or PowerPoint file" in result.output


# --- every link through the app; other sites listed; Office text; non-ASCII queries ---------


@pytest.fixture
def with_catalogue(corpus_dir):
    """The shipped product catalogue in the test corpus, so the finder answers for real products."""
    (corpus_dir / "products").mkdir()
    shutil.copy(ROOT / "corpus" / "products" / "catalogue.yaml", corpus_dir / "products" / "catalogue.yaml")


def test_product_links_are_checked_by_the_site_s_own_answer(runner, tmp_path, with_catalogue):
    notes = tmp_path / "products.md"
    notes.write_text(
        "- [fridge](/en/products/household-refrigerator#first-steps)\n"
        "- [nothing](/zh/products/no-such-product)\n"
        "- [checklist](http://127.0.0.1:8000/zh/products/led-lamp/checklist)\n"
        "- [no such part](/en/products/household-refrigerator#nowhere)\n"
        "- [finder](/zh/products?q=冰箱)\n"
        "- [too deep](/en/products/led-lamp/checklist/more)\n",
        encoding="utf-8",
    )
    result, lines = check(runner, notes)
    assert [line.removeprefix(f"{notes}:") for line in lines[:-1]] == [
        "1: ok /en/products/household-refrigerator#first-steps",
        "2: broken /zh/products/no-such-product: the site answers 404 NOT FOUND",
        "3: ok http://127.0.0.1:8000/zh/products/led-lamp/checklist",
        "4: broken /en/products/household-refrigerator#nowhere: the page has no section '#nowhere'",
        "5: ok /zh/products?q=冰箱",  # the finder sends the reader on to the product: that is its job
        "6: broken /en/products/led-lamp/checklist/more: no such page on the site",
    ]
    assert result.exit_code == 1 and lines[-1] == "6 link(s) in 1 file(s): 3 ok, 0 redirected, 3 broken"


def test_chinese_query_strings_are_printed_whole(runner, tmp_path):
    notes = tmp_path / "搜索.txt"
    notes.write_text(
        "搜索：http://127.0.0.1:8000/zh/search?q=铅+镉+限量。\n"
        "另见 /zh/search?q=生态设计&type=regulation，以及 /en/search?q=%E9%93%85 。\n"
        "[list](/zh/glossary?letter=R)\n",
        encoding="utf-8",
    )
    result, lines = check(runner, notes)
    assert [line.removeprefix(f"{notes}:") for line in lines[:-1]] == [
        "1: ok http://127.0.0.1:8000/zh/search?q=铅+镉+限量",
        "2: ok /zh/search?q=生态设计&type=regulation",
        "2: ok /en/search?q=%E9%93%85",  # as written: percent-encoded stays percent-encoded
        "3: ok /zh/glossary?letter=R",
    ]
    assert result.exit_code == 0


def test_links_to_other_sites_are_listed_as_not_checked(runner, tmp_path):
    notes = tmp_path / "sources.html"
    notes.write_text(
        '<p><a href="https://eur-lex.europa.eu/eli/dir/2011/65/oj">RoHS</a>, '
        '<a href="/en/rohs">ours</a>（见 https://www.miit.gov.cn/。）</p>\n',
        encoding="utf-8",
    )
    result, lines = check(runner, notes)
    assert [line.removeprefix(f"{notes}:") for line in lines[:-1]] == [
        "1: not checked https://eur-lex.europa.eu/eli/dir/2011/65/oj (another site)",
        "1: ok /en/rohs",
        "1: not checked https://www.miit.gov.cn/ (another site)",
    ]
    assert result.exit_code == 0
    assert lines[-1] == "1 link(s) in 1 file(s): 1 ok, 0 redirected, 0 broken; 2 link(s) to other sites not checked"


WORD_WITH_TYPED_URLS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>
<w:p><w:r><w:t xml:space="preserve">See http://127.0.0.1:8000/en/</w:t></w:r><w:r><w:t>weee#nowhere and </w:t></w:r>
     <w:r><w:t>https://example.org/x.</w:t></w:r></w:p>
<w:p><w:hyperlink r:id="rId1"><w:r><w:t>http://127.0.0.1:8000/en/rohs</w:t></w:r></w:hyperlink></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>表格里：/zh/search?q=铅，/zh/weee</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>"""

SLIDE_WITH_TYPED_URLS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:sld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
       xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"
       xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><p:cSld><p:spTree><p:sp><p:txBody>
<a:p><a:r><a:t>详见 http://127.0.0.1:8000/zh/</a:t></a:r><a:r><a:t>weee</a:t></a:r></a:p>
<a:p><a:r><a:rPr><a:hlinkClick r:id="rId2"/></a:rPr><a:t>http://127.0.0.1:8000/en/green-trade-barrier</a:t></a:r></a:p>
<a:p><a:r><a:t>/en/no-such-page</a:t></a:r></a:p>
</p:txBody></p:sp></p:spTree></p:cSld></p:sld>"""


def test_urls_typed_as_text_in_word_files_are_checked_once(runner, tmp_path):
    handout = tmp_path / "handout.docx"
    write_package(
        handout,
        {
            "[Content_Types].xml": "<Types/>",
            "word/document.xml": WORD_WITH_TYPED_URLS,
            "word/_rels/document.xml.rels": relationships(("rId1", "http://127.0.0.1:8000/en/rohs")),
        },
    )
    assert report(runner, handout) == [
        "word/document.xml paragraph 1: broken http://127.0.0.1:8000/en/weee#nowhere: "
        "'weee' (en) has no section '#nowhere'",  # one URL over two runs
        "word/document.xml paragraph 1: not checked https://example.org/x (another site)",
        "word/document.xml paragraph 2: ok http://127.0.0.1:8000/en/rohs",  # the hyperlink, not its text again
        "word/document.xml paragraph 3: ok /zh/search?q=铅",
        "word/document.xml paragraph 3: ok /zh/weee",
    ]


def test_urls_typed_as_text_on_slides_are_checked_once(runner, tmp_path):
    slides = tmp_path / "slides.pptx"
    write_package(
        slides,
        {
            "[Content_Types].xml": "<Types/>",
            "ppt/slides/slide1.xml": SLIDE_WITH_TYPED_URLS,
            "ppt/slides/_rels/slide1.xml.rels": relationships(("rId2", "http://127.0.0.1:8000/en/green-trade-barrier")),
            "ppt/slides/slide2.xml": SLIDE_WITH_TYPED_URLS.replace("/zh/", "/en/"),
        },
    )
    assert report(runner, slides) == [
        "slide 1: ok http://127.0.0.1:8000/en/green-trade-barrier",
        "slide 1: ok http://127.0.0.1:8000/zh/weee",
        "slide 1: broken /en/no-such-page: no page 'no-such-page'",
        # slide 2 has no relationships part: its hyperlink run's text is still not read as text
        "slide 2: ok http://127.0.0.1:8000/en/weee",
        "slide 2: broken /en/no-such-page: no page 'no-such-page'",
    ]


def test_a_site_fault_is_not_blamed_on_the_link(runner, tmp_path, index_dir):
    shutil.rmtree(index_dir)  # search needs the index; document pages are checked against the corpus
    notes = tmp_path / "notes.md"
    notes.write_text("[search](/zh/search?q=铅) [page](/en/rohs)\n", encoding="utf-8")
    result, lines = check(runner, notes)
    assert lines[:2] == [
        f"{notes}:1: broken /zh/search?q=铅: the site could not answer (503 SERVICE UNAVAILABLE); the link may be "
        "right: check the site (a missing search index: run `kb build`)",
        f"{notes}:1: ok /en/rohs",
    ]
    assert result.exit_code == 1
