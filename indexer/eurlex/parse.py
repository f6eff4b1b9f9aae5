"""parse_eurlex(): read an EUR-Lex HTML page of any generation into an EurLexAct.

The page is flattened into a stream of paragraphs (blocks.py); a small state machine walks
the stream through the parts every act has, in the order the Official Journal prints them:
title, preamble (citations), recitals, enacting terms (divisions and articles), closing
formula, annexes, footnotes. Anything it cannot place is kept as text of the current part,
and anything it cannot read at all is named in `act.skipped`, so an unusual page is still
imported with what could be read.
"""

from __future__ import annotations

import re

from bs4 import Tag

from . import classify as c
from .blocks import decode, describe, load_html, walk
from .meta import (
    CELEX,
    CORRIGENDUM_CELEX,
    amendments_table,
    celex_from_eli,
    consolidation,
    detect_lang,
    eli_meta,
    find_eli,
    head_text,
    nice_title,
    number_of_act,
    parse_date,
    short_title,
)
from .model import EurLexAct, EurLexImportError
from .reader import Reader

ROOTS = ("TexteOnly", "document1", "textTabContent")
EURLEX_HINTS = re.compile(
    r"eur-lex|official journal|data\.europa\.eu/eli|celex|"
    r"class=\"(oj-)?doc-ti|title-doc-first|欧盟官方公报",
    re.I,
)


def parse_eurlex(data: bytes, source_name: str) -> EurLexAct:
    """Parse one saved EUR-Lex page; raise EurLexImportError if it is not one."""
    text = decode(data, source_name)
    soup = load_html(text, source_name)
    if not EURLEX_HINTS.search(text):
        raise EurLexImportError(
            source_name, "not an EUR-Lex page (no EUR-Lex, Official Journal, CELEX or ELI marks in it)"
        )
    root = _content_root(soup)
    description = _meta(soup, "DC.description")
    reader = Reader(plain=_is_plain(root), description=description)
    for item in walk(root):
        try:
            reader.feed(item)
        except Exception as err:  # one odd element must not cost the rest of the act
            reader.skipped.append(f"stopped at {describe(item.element)}: {err!r}; continued with the next element")
    _amendment_lists(soup, reader)
    act = _metadata(soup, reader, source_name, description)
    _check(act, reader)
    return act


def _amendment_lists(soup, reader: Reader) -> None:
    """The "Amended by" / "Corrected by" lists of a consolidated text, also when EUR-Lex lays
    one out as a two-column table (marker, title) that reads like an indented list."""
    known = {a.marker for a in reader.amendments}
    for heading in soup.find_all("p", class_="hd-modifiers"):
        table = heading.find_next_sibling("table")
        if table is not None:
            reader.amendments += [a for a in amendments_table(table) if a.marker not in known]
            known = {a.marker for a in reader.amendments}


def _content_root(soup) -> Tag:
    """The element holding the act: site pages wrap it in menus and tabs."""
    for element_id in ROOTS:
        if found := soup.find(id=element_id):
            return found
    return soup.body or soup


def _is_plain(root: Tag) -> bool:
    """True for the old text-only pages: no class of the OJ or consolidation CSS anywhere."""
    return not any(cls in c.CLASS_ROLE for el in root.find_all(class_=True) for cls in el.get("class"))


def _meta(soup, name: str) -> str:
    tag = soup.find("meta", attrs={"name": name})
    return re.sub(r"\s+", " ", tag.get("content", "")).strip() if tag else ""


def _metadata(soup, reader: Reader, source_name: str, description: str) -> EurLexAct:
    head = head_text(soup)
    eli_tags = eli_meta(soup)
    lines = reader.title_lines or ([description] if description else [])
    lines = lines or ([eli_tags["title"]] if eli_tags.get("title") else [])
    title = _whole_title(nice_title(lines), description, eli_tags.get("title", ""))
    number = number_of_act(lines, description, eli_tags.get("title", ""))
    eli, url = find_eli(soup)
    cons = consolidation(head)
    celex_in_head = CELEX.search(head) or CELEX.fullmatch(eli_tags.get("id_local", ""))
    celex = (
        cons[0] if cons else celex_in_head.group(1) if celex_in_head else celex_from_eli(eli) or number.get("celex", "")
    )
    if not celex and (m := CELEX.search(source_name)):
        celex = m.group(1)
        reader.skipped.append(f"the page does not state its CELEX number; {celex} was taken from the file name")
    body_text = " ".join(p.text() for p in reader.parts[:20])
    act = EurLexAct(
        source_name=source_name,
        celex=celex,
        title=title,
        lang=detect_lang(soup, " ".join(lines) + " " + body_text, head),
        form=number.get("form") or {"R": "regulation", "L": "directive", "D": "decision"}.get(celex[5:6], ""),
        adopted=parse_date(title) or parse_date(eli_tags.get("date_document", "")),
        number=number.get("number", ""),
        designation=number.get("designation", ""),
        short_title=short_title(title),
        eli=eli if not celex_from_eli(eli) or celex_from_eli(eli) == celex else "",
        parts=reader.parts,
        notes=reader.notes,
        amendments=reader.amendments,
        skipped=reader.skipped,
    )
    if cons:
        act.version, act.consolidated = "consolidated", cons[1]
    elif m := CORRIGENDUM_CELEX.search(head):
        # a corrigendum corrects the act it names; it is dated by its own Official Journal
        act.celex, act.version, act.corrigendum = m.group(1), "corrigendum", m.group(2)
        act.corrected = parse_date(
            " ".join(p.get_text(" ") for p in soup.find_all(class_=re.compile(r"^(oj-)?hd-date$")))
        )
        if not act.corrected:
            reader.skipped.append("no date of the corrigendum found in the page header")
    act.url = url if url and act.eli and act.version == "adopted" else _legal_content_url(act)
    return act


def _whole_title(title: str, *metadata: str) -> str:
    """The printed title, unless the page cut it: then the metadata's title that contains it."""
    words = re.findall(r"\w+", title.lower())
    for full in metadata:
        found = re.findall(r"\w+", full.lower())
        if len(found) > len(words) and all(w in found for w in words) and parse_date(full):
            return nice_title([full])
    return title


def _legal_content_url(act: EurLexAct) -> str:
    celex = act.celex
    if act.version == "consolidated":
        celex = "0" + celex[1:] + "-" + act.consolidated.replace("-", "")
    elif act.version == "corrigendum":
        celex += f"R({act.corrigendum})"
    # EUR-Lex has no Chinese: a Chinese page is a translation of the English text
    lang = "EN" if act.lang == "zh" else act.lang.upper()
    return f"https://eur-lex.europa.eu/legal-content/{lang}/TXT/?uri=CELEX:{celex}"


def _check(act: EurLexAct, reader: Reader) -> None:
    """Refuse what cannot become a corpus document; note what is merely incomplete."""
    if not act.title:
        raise EurLexImportError(
            act.source_name, "no act title found: not the text of an act on EUR-Lex (save the HTML view of the act)"
        )
    if not re.fullmatch(r"3\d{4}[A-Z]\d{4}", act.celex):
        raise EurLexImportError(act.source_name, "no CELEX number of an act found in the page")
    if not act.articles():
        act.skipped.append("no articles found in the page")
    if not act.adopted:
        act.skipped.append("no date of the act found in its title")
    if not act.form:
        act.skipped.append(f"form of the act not recognised (CELEX {act.celex})")
    images = sum(p.text().count("[image") for p in act.parts)
    if images:
        act.skipped.append(
            f"{images} image(s) (formulas, symbols or figures) kept only as a "
            'placeholder "[image: ...]" with their alt text: see the page on '
            "EUR-Lex for them"
        )
    act.skipped.extend(reader.unknown_report())
