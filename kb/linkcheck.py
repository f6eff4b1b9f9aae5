"""Find the links into the knowledge base in training materials and say whether each still works.

A link is ok, redirected (the page was renamed: `redirect_from`; or the section: `anchor_aliases`;
we say which link to use instead) or broken (no such page, no such language version, no such
section). Word and PowerPoint files keep their hyperlinks in the package's relationship parts
(word/_rels/document.xml.rels, ppt/slides/_rels/slideN.xml.rels), read with zipfile.
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

from kb.i18n import LANGS
from kb.linkify import read_text

TEXT_SUFFIXES = {".md", ".markdown", ".html", ".htm", ".txt", ".text"}
OFFICE_SUFFIXES = {".docx", ".pptx"}
RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MAX_PART_BYTES = 50 * 1024 * 1024  # far above a real part; refuse to inflate a zip bomb
URL_CHARS = r"[A-Za-z0-9\-._~:/?#@!$&*+,;=%]*"  # ids and anchors are ASCII slugs: stop at 。or ）
SITE_PATH = r"/(?:zh|en|celex)(?![A-Za-z0-9\-_])" + URL_CHARS
TRAILING = ".,;:!?"


@dataclass(frozen=True)
class FoundLink:
    file: str
    where: str  # "12" (a line) or "slide 3" / "word/document.xml" (a part of an Office file)
    url: str


@dataclass(frozen=True)
class Verdict:
    status: str  # ok | redirected | broken
    use: str = ""  # for redirected: the link to use instead
    reason: str = ""


def files_to_check(target: Path) -> list[Path]:
    """The file itself, or the training materials below a folder (hidden and Office lock files skipped)."""
    if target.is_file():
        return [target]
    return sorted(p for p in target.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES | OFFICE_SUFFIXES
                  and not any(part.startswith(".") for part in p.relative_to(target).parts)
                  and not p.name.startswith("~$"))


def find_links(path: Path, base_url: str) -> list[FoundLink]:
    """Every knowledge-base link in one file. Raises ValueError for a file that cannot be read."""
    pattern = kb_link_pattern(base_url)
    if path.suffix.lower() in OFFICE_SUFFIXES:
        return [FoundLink(str(path), where, url) for where, url in office_hyperlinks(path)
                if pattern.fullmatch(url)]
    text, _ = read_text(path)
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    found = []
    for m in pattern.finditer(text):
        url = m.group().rstrip(TRAILING)
        found.append(FoundLink(str(path), str(bisect_right(line_starts, m.start())), html.unescape(url)))
    return found


def kb_link_pattern(base_url: str) -> re.Pattern:
    """Absolute links under `base_url` and site-relative /zh/, /en/, /celex/ links."""
    absolute = re.escape(base_url.rstrip("/")) + r"(?:/" + URL_CHARS + r")?(?![A-Za-z0-9\-._~:@])" if base_url else None
    relative = r"(?<![\w/.:~%-])" + SITE_PATH
    return re.compile(f"{absolute}|{relative}" if absolute else relative)


def office_hyperlinks(path: Path):
    """(where, target URL) of each external hyperlink of a .docx or .pptx file."""
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
            for rels in sorted((n for n in names if n.endswith(".rels") and "_rels/" in n), key=_natural):
                part = rels.replace("_rels/", "").removesuffix(".rels")
                targets = {rel.get("Id"): rel.get("Target") for rel in _xml(package, rels).iter(RELATIONSHIP)
                           if rel.get("TargetMode") == "External" and rel.get("Target")}
                used = []
                if targets and part.startswith("word/") and part in names:
                    for where, rel_id, url in _word_hyperlinks(_xml(package, part), targets):
                        used.append(rel_id)
                        yield f"{part} {where}", url
                for rel_id, url in targets.items():
                    if rel_id not in used:
                        yield _part_name(part), url
    except (zipfile.BadZipFile, ElementTree.ParseError, KeyError) as e:
        raise ValueError(f"not a readable Word or PowerPoint file ({e})") from e


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
    """Checks links against the app's routes and the corpus held by a Knowledge object."""

    def __init__(self, knowledge, url_map, base_url: str):
        self.knowledge = knowledge
        self.routes = url_map.bind("localhost")
        self.base_url = base_url.rstrip("/")
        self._anchors: dict = {}

    def check(self, url: str) -> Verdict:
        absolute = bool(self.base_url) and url.startswith(self.base_url)
        link = Written(self.base_url if absolute else "", urlsplit(url[len(self.base_url):] if absolute else url))
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
        return Verdict("ok")

    def _check_page(self, link: "Written", lang: str, doc_id: str) -> Verdict:
        knowledge = self.knowledge
        current = doc_id if knowledge.document(doc_id, lang) else knowledge.redirects.get(doc_id)
        if current is None:
            versions = [other for other in LANGS if knowledge.document(doc_id, other)]
            return Verdict("broken", reason=f"no {lang} version of '{doc_id}' (only {', '.join(versions)})"
                           if versions else f"no page '{doc_id}'")
        doc = knowledge.document(current, lang)
        if doc is None:
            return Verdict("broken", reason=f"'{doc_id}' is now '{current}', which has no {lang} version")
        anchor, problem = self._resolve_anchor(doc, link.parts.fragment)
        if problem:
            return Verdict("broken", reason=problem)
        if (current, anchor) == (doc_id, link.parts.fragment):
            return Verdict("ok")
        return Verdict("redirected", link.replaced(path=f"/{lang}/{current}", fragment=anchor))

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

    def replaced(self, path: str | None = None, fragment: str | None = None) -> str:
        new = self.parts._replace(path=self.parts.path if path is None else path,
                                  fragment=self.parts.fragment if fragment is None else fragment)
        return self.prefix + new.geturl()
