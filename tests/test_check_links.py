"""Links into the knowledge base that last: stable anchors, redirects, and `kb check-links`."""
import json
from pathlib import Path

from bs4 import BeautifulSoup

from indexer.corpus import load_corpus
from tests.conftest import ROOT


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
