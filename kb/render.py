"""Corpus Markdown -> safe HTML for a page: sanitised, links resolved, headings anchored, terms linked."""

from __future__ import annotations

import re

import markdown
import nh3
from bs4 import BeautifulSoup

from kb.article_links import link_articles
from kb.i18n import translate
from kb.urls import document_url

TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
    "code",
    "pre",
    "em",
    "strong",
    "blockquote",
    "sup",
    "sub",
    "br",
    "hr",
    "abbr",
    "dl",
    "dt",
    "dd",
    "span",
    "div",
    "img",
}
ATTRIBUTES = {
    "*": {"id"},
    "a": {"href", "title"},
    "th": {"colspan", "rowspan", "align"},
    "td": {"colspan", "rowspan", "align"},
    "abbr": {"title"},
    "img": {"src", "alt"},
}
SCHEMES = {"https", "http", "mailto", "kb", "celex"}
EURLEX_ARTICLE = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{celex}#{anchor}"


def markdown_to_safe_html(text: str) -> str:
    html = markdown.markdown(text, extensions=["tables", "attr_list", "fenced_code", "sane_lists"])
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES, link_rel="noopener noreferrer")


def render_document(
    doc, lang: str, linker=None, acts: dict | None = None, page_url: str | None = None, full_text=None
) -> str:
    """The body of `doc` as HTML. `acts` maps CELEX -> id of an imported act (for celex: links);
    with `page_url`, every heading gets a button copying its absolute link (kb/static/page.js);
    with `full_text` (the imported text of this page's act), its article citations link there."""
    soup = BeautifulSoup(markdown_to_safe_html(doc.body), "html.parser")
    _resolve_links(soup, lang, acts or {})
    if full_text is not None:
        link_articles(
            soup,
            set(full_text.anchors),
            lambda anchor: document_url(full_text.lang, full_text.id, anchor),
            numbers=[a for a in full_text.aliases if re.search(r"\d+/\d+", a)],
        )
    if linker is not None:
        linker.link_html(soup, lambda target: document_url(lang, target.doc_id), self_id=doc.id)
    _anchor_headings(soup, lang, page_url)
    return str(soup)


def _resolve_links(soup, lang, acts):
    for a in soup.find_all("a", href=True):
        href = a["href"]
        if href.startswith("kb:"):
            doc_id, _, anchor = href[3:].partition("#")
            a["href"] = document_url(lang, doc_id, anchor)
        elif href.startswith("celex:"):
            celex, _, anchor = href[6:].partition("#")
            if celex in acts:
                a["href"] = document_url(lang, acts[celex], anchor)
            else:
                a["href"] = EURLEX_ARTICLE.format(celex=celex, anchor=eurlex_anchor(anchor))
                a["class"] = "external"


def eurlex_anchor(anchor: str) -> str:
    """Our anchor back to EUR-Lex's own id: art-4 -> art_4, anx-ii -> anx_II, rct-12 -> rct_12."""
    kind, _, number = anchor.partition("-")
    if not number:
        return anchor
    return f"{kind}_{number.upper() if kind in ('anx', 'cpt', 'tit') else number.replace('-', '.')}"


def _anchor_headings(soup, lang, page_url):
    for h in soup.find_all(["h2", "h3", "h4"]):
        if h.get("id"):
            link = soup.new_tag("a", href=f"#{h['id']}")
            link["class"] = "anchor"
            link["aria-label"] = "#"
            link.string = "#"
            h.append(link)
            if page_url:
                # hidden until page.js finds a clipboard: without script the # link is the way
                button = soup.new_tag("button", type="button", hidden="")
                button["class"] = "copy"
                button["data-copy"] = f"{page_url}#{h['id']}"
                button.string = translate("copy_link", lang)
                h.append(button)
