"""Find the links into the knowledge base in training materials and say whether each still works.

A link is ok, redirected (the page was renamed: `redirect_from`; or the section: `anchor_aliases`;
we say which link to use instead) or broken (no such page, no such language version, no such
section). Document pages are checked against the corpus, which names what is missing; every other
link is asked of the app itself, so a link is ok exactly when the site would answer it (a product
the finder does not know is a 404, hence broken). Links to other sites are listed as not checked.

Word and PowerPoint files keep their hyperlinks in the package's relationship parts
(word/_rels/document.xml.rels, ppt/slides/_rels/slideN.xml.rels) and their text in the parts
themselves (w:t, a:t runs): both are read with zipfile, so a URL typed as plain text counts too.
"""

from __future__ import annotations

import html
import re
import zipfile
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect
from werkzeug.urls import iri_to_uri, uri_to_iri

from kb.i18n import LANGS
from kb.linkify import read_text

TEXT_SUFFIXES = {".md", ".markdown", ".html", ".htm", ".txt", ".text"}
OFFICE_SUFFIXES = {".docx", ".pptx"}
RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MAX_PART_BYTES = 50 * 1024 * 1024  # far above a real part; refuse to inflate a zip bomb
# Ids and anchors are ASCII slugs, so a path or fragment stops at 。or ）; a query string may hold
# the reader's words (?q=铅+镉), so it also takes non-ASCII letters and digits, never punctuation.
ASCII_URL_CHAR = r"[A-Za-z0-9\-._~:/@!$&*+,;=%]"
URL_TAIL = (
    ASCII_URL_CHAR
    + r"*(?:\?(?:"
    + ASCII_URL_CHAR
    + r"|\?|(?![\x00-\x7f])\w)*)?"
    + r"(?:#(?:"
    + ASCII_URL_CHAR
    + r"|\?)*)?"
)
SITE_PATH = r"/(?:zh|en|celex)(?![A-Za-z0-9\-_])" + URL_TAIL
OTHER_SITE = re.compile(r"https?://[^\s<>\"'`()\[\]{}）（。，、；：！？」』】“”]+")
TRAILING = ".,;:!?"
# Word parts and PowerPoint slides (and their notes) that hold text a reader sees.
TEXT_PARTS = re.compile(
    r"word/(?:document|header\d*|footer\d*|footnotes|endnotes)\.xml"
    r"|ppt/slides/slide\d+\.xml|ppt/notesSlides/notesSlide\d+\.xml"
)


@dataclass(frozen=True)
class FoundLink:
    file: str
    where: str  # "12" (a line) or "slide 3" / "word/document.xml" (a part of an Office file)
    url: str
    ours: bool = True  # False: a link to another site, listed but not checked


@dataclass(frozen=True)
class Verdict:
    status: str  # ok | redirected | broken | not checked
    use: str = ""  # for redirected: the link to use instead
    reason: str = ""


def files_to_check(target: Path) -> list[Path]:
    """The file itself, or the training materials below a folder (hidden and Office lock files skipped)."""
    if target.is_file():
        return [target]
    return sorted(
        p
        for p in target.rglob("*")
        if p.is_file()
        and p.suffix.lower() in TEXT_SUFFIXES | OFFICE_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(target).parts)
        and not p.name.startswith("~$")
    )


def find_links(path: Path, base_url: str) -> list[FoundLink]:
    """Every link in one file: into the knowledge base (ours) or to another site. Raises ValueError
    for a file that cannot be read."""
    pattern = kb_link_pattern(base_url)
    if path.suffix.lower() in OFFICE_SUFFIXES:
        return [
            FoundLink(str(path), where, url, bool(pattern.fullmatch(url))) for where, url in office_links(path, pattern)
        ]
    text, _ = read_text(path)
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    return [
        FoundLink(str(path), str(bisect_right(line_starts, start)), html.unescape(url), ours)
        for start, url, ours in links_in_text(text, pattern)
    ]


def links_in_text(text: str, pattern: re.Pattern) -> list[tuple[int, str, bool]]:
    """(offset, URL, ours) of each link in a text, in order; a URL of another site is not ours."""
    ours = [(m.start(), m.group().rstrip(TRAILING)) for m in pattern.finditer(text)]
    taken = [(start, start + len(url)) for start, url in ours]
    others = [
        (m.start(), m.group().rstrip(TRAILING))
        for m in OTHER_SITE.finditer(text)
        if not any(start <= m.start() < end for start, end in taken)
    ]
    return sorted([(start, url, True) for start, url in ours] + [(start, url, False) for start, url in others])


def kb_link_pattern(base_url: str) -> re.Pattern:
    """Absolute links under `base_url` and site-relative /zh/, /en/, /celex/ links."""
    absolute = re.escape(base_url.rstrip("/")) + r"(?:/" + URL_TAIL + r")?(?![A-Za-z0-9\-._~:@])" if base_url else None
    relative = r"(?<![\w/.:~%-])" + SITE_PATH
    return re.compile(f"{absolute}|{relative}" if absolute else relative)


def office_links(path: Path, pattern: re.Pattern):
    """(where, URL) of each link of a .docx or .pptx file: its external hyperlinks, then the URLs
    typed as plain text (those `pattern` finds, and other sites' http(s) addresses) in the text
    that is not already a hyperlink."""
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
            rels_parts = {
                n.replace("_rels/", "").removesuffix(".rels"): n for n in names if n.endswith(".rels") and "_rels/" in n
            }
            parts = set(rels_parts) | {n for n in names if TEXT_PARTS.fullmatch(n)}
            for part in sorted(parts, key=_natural):
                yield from _part_links(package, part, part in names, rels_parts.get(part), pattern)
    except (zipfile.BadZipFile, ElementTree.ParseError, KeyError) as e:
        raise ValueError(f"not a readable Word or PowerPoint file ({e})") from e


def _part_links(package, part: str, present: bool, rels: str | None, pattern: re.Pattern):
    # In paragraph order: a Word part's hyperlinks and typed URLs are found in two passes.
    return sorted(_part_links_unordered(package, part, present, rels, pattern), key=_paragraph_number)


def _paragraph_number(link: tuple[str, str]) -> int:
    found = re.search(r"paragraph (\d+)$", link[0])
    return int(found.group(1)) if found else 0


def _part_links_unordered(package, part: str, present: bool, rels: str | None, pattern: re.Pattern):
    targets = (
        {
            rel.get("Id"): rel.get("Target")
            for rel in _xml(package, rels).iter(RELATIONSHIP)
            if rel.get("TargetMode") == "External" and rel.get("Target")
        }
        if rels
        else {}
    )
    root = _xml(package, part) if present and TEXT_PARTS.fullmatch(part) else None
    used = []
    if targets and root is not None and part.startswith("word/"):
        for where, rel_id, url in _word_hyperlinks(root, targets):
            used.append(rel_id)
            yield f"{part} {where}", url
    for rel_id, url in targets.items():
        if rel_id not in used:
            yield _part_name(part), url
    if root is not None:
        for where, text in _plain_paragraphs(root, part):
            for _, url, _ in links_in_text(text, pattern):
                yield where, url


def _plain_paragraphs(root, part: str):
    """(where, text) of each paragraph, without the text of its hyperlinks: Word runs inside
    w:hyperlink, PowerPoint runs with a:hlinkClick (their URL is read from the relationships)."""
    word = part.startswith("word/")
    paragraphs = root.iter(f"{W}p" if word else f"{A}p")
    for n, paragraph in enumerate(paragraphs, start=1):
        if word:
            linked = {t for link in paragraph.iter(f"{W}hyperlink") for t in link.iter(f"{W}t")}
            text = "".join(t.text or "" for t in paragraph.iter(f"{W}t") if t not in linked)
        else:
            text = "".join(
                run.findtext(f"{A}t") or ""
                for run in paragraph.iter(f"{A}r")
                if run.find(f"{A}rPr/{A}hlinkClick") is None
            )
        if text:
            yield (f"{part} paragraph {n}" if word else _part_name(part)), text


def _xml(package: zipfile.ZipFile, name: str) -> ElementTree.Element:
    if package.getinfo(name).file_size > MAX_PART_BYTES:
        raise ValueError(f"{name} is over {MAX_PART_BYTES:,} bytes")
    return ElementTree.fromstring(package.read(name))


def _word_hyperlinks(root, targets: dict):
    """(paragraph N, relationship id, URL) of a Word part's hyperlinks, in document order.

    Word keeps a link's #fragment apart from its URL, in the w:anchor attribute.
    """
    parent = {child: node for node in root.iter() for child in node}
    paragraphs = {p: n for n, p in enumerate(root.iter(f"{W}p"), start=1)}
    for link in root.iter(f"{W}hyperlink"):
        rel_id = link.get(f"{R}id")
        if rel_id not in targets:
            continue
        node = link
        while node is not None and node not in paragraphs:
            node = parent.get(node)
        anchor = link.get(f"{W}anchor")
        url = targets[rel_id] + (f"#{anchor}" if anchor and "#" not in targets[rel_id] else "")
        yield (f"paragraph {paragraphs[node]}" if node is not None else ""), rel_id, url


def _part_name(part: str) -> str:
    slide = re.fullmatch(r"ppt/slides/slide(\d+)\.xml", part)
    notes = re.fullmatch(r"ppt/notesSlides/notesSlide(\d+)\.xml", part)
    return f"slide {slide.group(1)}" if slide else f"notes {notes.group(1)}" if notes else part


def _natural(name: str):
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name)]


class LinkChecker:
    """Checks links against the app's routes, the corpus held by a Knowledge object and, for every
    other page, the app's own answer."""

    def __init__(self, knowledge, app, base_url: str):
        self.knowledge = knowledge
        self.routes = app.url_map.bind("localhost")
        self.client = app.test_client()
        self.base_url = base_url.rstrip("/")
        self._anchors: dict = {}

    def check(self, url: str) -> Verdict:
        absolute = bool(self.base_url) and url.startswith(self.base_url)
        link = Written(self.base_url if absolute else "", urlsplit(url[len(self.base_url) :] if absolute else url))
        try:
            endpoint, values = self.routes.match(unquote(link.parts.path) or "/", method="GET")
        except RequestRedirect as e:  # e.g. /en -> /en/
            return Verdict("redirected", link.replaced(path=urlsplit(e.new_url).path))
        except HTTPException:
            return Verdict("broken", reason="no such page on the site")
        if values.get("lang") is not None and values["lang"] not in LANGS:
            return Verdict("broken", reason=f"no language '{values['lang']}' (only {', '.join(LANGS)})")
        if endpoint == "pages.document":
            return self._check_page(link, values["lang"], values["doc_id"])
        if endpoint == "pages.celex":
            return self._check_celex(link, values["celex"])
        return self._check_answer(link)

    def _check_answer(self, link: "Written") -> Verdict:
        """Ask the app for the page, as a browser following the link would (without the fragment)."""
        request_uri = iri_to_uri(link.parts._replace(scheme="", netloc="", fragment="").geturl())
        response = self.client.get(request_uri or "/", follow_redirects=False)
        if response.status_code in (301, 308):  # moved for good: the trainer should use the new link
            moved = urlsplit(uri_to_iri(response.location))
            return Verdict("redirected", link.replaced(path=moved.path, query=moved.query))
        if response.status_code >= 500:  # the site's fault, not the link's; still not a link we can vouch for
            return Verdict(
                "broken",
                reason=f"the site could not answer ({response.status}); the link may be "
                "right: check the site (a missing search index: run `kb build`)",
            )
        if response.status_code >= 400:
            return Verdict("broken", reason=f"the site answers {response.status}")
        # 302/303/307 send the reader on by design (the product finder to the product it found).
        fragment = link.parts.fragment
        if (
            fragment
            and response.status_code == 200
            and response.mimetype == "text/html"
            and not re.search(
                r"""\bid=["']""" + re.escape(html.escape(fragment)) + """["']""", response.get_data(as_text=True)
            )
        ):
            return Verdict("broken", reason=f"the page has no section '#{fragment}'")
        return Verdict("ok")

    def _check_page(self, link: "Written", lang: str, doc_id: str) -> Verdict:
        knowledge = self.knowledge
        current = doc_id if knowledge.document(doc_id, lang) else knowledge.redirects.get(doc_id)
        if current is None:
            versions = [other for other in LANGS if knowledge.document(doc_id, other)]
            return Verdict(
                "broken",
                reason=f"no {lang} version of '{doc_id}' (only {', '.join(versions)})"
                if versions
                else f"no page '{doc_id}'",
            )
        doc = knowledge.document(current, lang)
        if doc is None:
            return Verdict("broken", reason=f"'{doc_id}' is now '{current}', which has no {lang} version")
        anchor, problem = self._resolve_anchor(doc, link.parts.fragment)
        if problem:
            return Verdict("broken", reason=problem)
        if (current, anchor) == (doc_id, link.parts.fragment):
            return Verdict("ok")
        path = self.routes.build("pages.document", {"lang": lang, "doc_id": current})
        return Verdict("redirected", link.replaced(path=path, fragment=anchor))

    def _check_celex(self, link: "Written", celex: str) -> Verdict:
        doc_id = self.knowledge.page_for_celex(celex.upper())
        if doc_id is None:
            return Verdict("broken", reason=f"no page for CELEX {celex}")
        doc = self.knowledge.document(doc_id, "en") or self.knowledge.document(doc_id, "zh")
        anchor, problem = self._resolve_anchor(doc, link.parts.fragment)
        if problem:
            return Verdict("broken", reason=problem)
        return Verdict("ok") if anchor == link.parts.fragment else Verdict("redirected", link.replaced(fragment=anchor))

    def _resolve_anchor(self, doc, anchor: str):
        """(the anchor to use, a problem or None)."""
        if not anchor:
            return anchor, None
        key = (doc.id, doc.lang)
        if key not in self._anchors:
            self._anchors[key] = set(doc.anchors)
        anchors = self._anchors[key]
        if anchor in anchors:
            return anchor, None
        renamed = (doc.meta.get("anchor_aliases") or {}).get(anchor)
        if renamed in anchors:
            return renamed, None
        return anchor, f"'{doc.id}' ({doc.lang}) has no section '#{anchor}'"


@dataclass(frozen=True)
class Written:
    """A link as the trainer wrote it: absolute (prefix = the base URL) or site-relative (prefix '')."""

    prefix: str
    parts: tuple  # urlsplit of the site path

    def replaced(self, path: str | None = None, fragment: str | None = None, query: str | None = None) -> str:
        new = self.parts._replace(
            path=self.parts.path if path is None else path,
            query=self.parts.query if query is None else query,
            fragment=self.parts.fragment if fragment is None else fragment,
        )
        return self.prefix + new.geturl()
