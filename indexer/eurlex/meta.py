"""Metadata of an act: CELEX, number, form, dates, language, ELI, consolidation.

Each value is looked for where the page states it most reliably (header metadata first,
the printed title next); nothing is guessed from the file name unless the page is silent.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from .blocks import CJK, clean
from .model import Amendment

MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
FORMS = {"regulation": "R", "directive": "L", "decision": "D"}
ZH_FORMS = {"条例": "regulation", "指令": "directive", "决定": "decision"}
ELI_TYPES = {
    "reg": "R",
    "dir": "L",
    "dec": "D",
    "reg_impl": "R",
    "reg_del": "R",
    "dir_impl": "L",
    "dir_del": "L",
    "dec_impl": "D",
    "dec_del": "D",
}
SUFFIX = r"(?:EU|EC|EEC|ECSC|Euratom|EURATOM|CFSP|JHA)"
CONSOLIDATED = re.compile(
    r"\b[03]?(\d{4}[A-Z]\d{4})\s*[—–-]+\s*([A-Z]{2})\s*[—–-]+\s*"
    r"(\d{2}\.\d{2}\.\d{4})"
)
CONSOLIDATED_CELEX = re.compile(r"\b0(\d{4}[A-Z]\d{4})-(\d{4})(\d{2})(\d{2})\b")
CELEX = re.compile(r"\b(3\d{4}[A-Z]\d{4})\b")
CORRIGENDUM_CELEX = re.compile(r"\b(3\d{4}[A-Z]\d{4})R\((\d+)\)")


def parse_date(text: str) -> str:
    """First date in `text` as YYYY-MM-DD: '30 May 2022', '2022年5月30日', '20.06.2013'."""
    m = re.search(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})", text, re.I)
    if m:
        return f"{m.group(3)}-{MONTHS.index(m.group(2).lower()) + 1:02d}-{int(m.group(1)):02d}"
    m = re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", text)
    if m:
        return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    m = re.search(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b", text)
    if m:
        return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    return ""


def _year(y: str) -> str:
    return y if len(y) == 4 else ("19" + y if int(y) > 50 else "20" + y)


def act_number(title: str) -> dict[str, str]:
    """Form, number and designation from the printed title ('REGULATION (EU) 2022/868 ...')."""
    low = title.lower()
    form = next((f for f in FORMS if re.search(rf"\b{f}\b", low)), "")
    form = form or next((f for z, f in ZH_FORMS.items() if z in title[:80]), "")
    if m := re.search(r"\bNo\.?\s*(\d+)/(\d{2,4})\b", title):  # Regulation (EC) No 6/2002
        year, num, shown = _year(m.group(2)), m.group(1), f"No {m.group(1)}/{m.group(2)}"
    elif m := re.search(rf"\b(\d{{2,4}})/(\d+)/({SUFFIX}(?:,\s*{SUFFIX})?)", title):
        year, num, shown = _year(m.group(1)), m.group(2), m.group(0)  # Directive 2009/65/EC
    elif m := re.search(r"(\d{4})/(\d+)", title):  # Regulation (EU) 2022/868
        year, num, shown = m.group(1), m.group(2), m.group(0)
    else:
        return {"form": form}
    paren = re.search(r"\((EU|EC|EEC|EU, Euratom|Euratom|CFSP)\)", title, re.I)
    paren = f" ({paren.group(1).upper().replace('EURATOM', 'Euratom')})" if paren else ""
    designation = f"{form.capitalize()}{paren} {shown}" if form else ""
    celex = f"3{year}{FORMS[form]}{int(num):04d}" if form else ""
    return {"form": form, "number": shown, "designation": designation, "celex": celex}


DATE_IN_TITLE = re.compile(r"\b(of|du|vom)\s+\d{1,2}\.?\s+[A-Za-z]+\s+\d{4}|\d{4}\s*年", re.I)
NUMBER_LINE = re.compile(r"^\(\s*(?:No\s*)?\d{2,4}/\d+(?:/[A-Za-z, ]+)?\s*\)$")


def number_of_act(lines: list[str], *fallbacks: str) -> dict[str, str]:
    """The act's own number, wherever the page put it: the first title line, the title up to
    its date (old pages split "Seventh Council Directive" / "83/349/EEC" over two lines), a
    line that is only the number ("(83/349/EEC)"), then the page's metadata (DC.description,
    eli:title). Text after the date names other acts ("amending Directive 2004/42/EC")."""
    form = act_number(lines[0]).get("form", "") if lines else ""
    joined = " ".join(lines)
    before_date = DATE_IN_TITLE.split(joined, maxsplit=1)[0]
    number_lines = [line for line in lines if NUMBER_LINE.match(line)]
    for text in (
        [lines[0] if lines else ""]
        + [before_date]
        + number_lines
        + [DATE_IN_TITLE.split(f, maxsplit=1)[0] for f in fallbacks if f]
    ):
        found = act_number(text)
        if found.get("number"):
            if not found.get("form") and form:
                found = act_number(f"{form} {text}")
            return found
    return act_number(joined[:200]) if not form else {"form": form}


def eli_meta(soup: BeautifulSoup) -> dict[str, str]:
    """ELI metadata of full EUR-Lex pages (RDFa <meta property="eli:...">): id_local is the
    CELEX number, title the whole title, date_document the date of the act."""
    found: dict[str, str] = {}
    for tag in soup.find_all("meta", attrs={"property": re.compile(r"^eli:")}):
        name = tag["property"][4:]
        lang = (tag.get("lang") or tag.get("xml:lang") or "").lower()
        if name not in found or lang in ("en", "zh"):
            found[name] = clean(tag.get("content", ""))
    return found


def nice_title(lines: list[str]) -> str:
    """One-line title; the shouting first line of the OJ becomes the usual mixed case."""
    keep = [line for line in lines if not re.fullmatch(r"\(?\s*Text with EEA relevance\s*\)?\.?", line, re.I)]
    keep = [
        _recase(line)
        if line.isupper() or sum(c.isupper() for c in line) > 0.6 * sum(c.isalpha() for c in line)
        else line
        for line in keep
    ]
    return clean(" ".join(keep))


CAPITAL = {
    "european",
    "parliament",
    "council",
    "commission",
    "union",
    "communities",
    "community",
    "central",
    "bank",
    "implementing",
    "delegated",
    "no",
}


def _recase(line: str) -> str:
    words = []
    for i, word in enumerate(line.split()):
        core = word.strip("(),")
        if any(ch.isdigit() for ch in word) or core in ("EU", "EC", "EEC", "ECSC", "CFSP"):
            words.append(word)
        elif core == "EURATOM":
            words.append(word.replace("EURATOM", "Euratom"))
        elif i == 0 or core.lower() in CAPITAL | set(FORMS) | set(MONTHS):
            words.append(word.capitalize() if word[0] != "(" else "(" + word[1:].capitalize())
        else:
            words.append(word.lower())
    return " ".join(words)


def short_title(title: str) -> str:
    """'(Data Governance Act)' at the end of a title is the name people use."""
    found = re.findall(r"\(([A-Z][^()]{3,80}?)\)", title)
    good = [t for t in found if len(t.split()) >= 2 and re.search(r"\b(Act|Regulation|Directive)$", t)]
    return good[-1] if good else ""


def head_text(soup: BeautifulSoup) -> str:
    """Title, meta tags and canonical link: where EUR-Lex states identifiers for machines."""
    bits = [soup.title.get_text() if soup.title else ""]
    # only tags that identify this document: other links may name related acts or versions
    bits += [
        m.get("content", "")
        for m in soup.find_all("meta")
        if re.match(
            r"^(DC\.(identifier|title|description)|WT\.z_docID|og:(url|title))$",
            m.get("name") or m.get("property") or "",
            re.I,
        )
    ]
    bits += [link.get("href", "") for link in soup.find_all("link", rel="canonical")]
    bits += [p.get_text(" ") for p in soup.find_all(["p", "h1"], class_=re.compile(r"reference|hd-|title-doc-oj"))[:6]]
    bits += [h.get_text(" ") for h in soup.find_all("h1")[:2]]
    return clean(" ".join(bits))


def consolidation(head: str) -> tuple[str, str] | None:
    """(CELEX of the base act, consolidation date) when the page is a consolidated text."""
    if m := CONSOLIDATED_CELEX.search(head):
        return "3" + m.group(1), f"{m.group(2)}-{m.group(3)}-{m.group(4)}"
    if m := CONSOLIDATED.search(head):
        return "3" + m.group(1), parse_date(m.group(3))
    return None


def find_eli(soup: BeautifulSoup) -> tuple[str, str]:
    """(ELI URI, EUR-Lex URL of the page) from the canonical link or ELI metadata."""
    for tag in soup.find_all(["link", "meta"]):
        value = tag.get("href") or tag.get("content") or tag.get("resource") or ""
        m = re.match(
            r"https?://(?:eur-lex\.europa\.eu|data\.europa\.eu)/eli/([\w/.-]+?)"
            r"(?:/(?:[a-z]{3}))?/?$",
            value.strip(),
        )
        if m and re.match(r"[a-z_]+/\d{4}/\d+", m.group(1)):
            url = value.strip() if value.startswith("https://eur-lex.europa.eu/") else ""
            return "http://data.europa.eu/eli/" + m.group(1), url
    return "", ""


def celex_from_eli(eli: str) -> str:
    m = re.search(r"/eli/([a-z_]+)/(\d{4})/(\d+)", eli)
    if m and m.group(1) in ELI_TYPES:
        return f"3{m.group(2)}{ELI_TYPES[m.group(1)]}{int(m.group(3)):04d}"
    return ""


def detect_lang(soup: BeautifulSoup, body_text: str, head: str) -> str:
    """Two-letter language of the page; Chinese text wins over any declaration."""
    letters = [c for c in body_text[:20000] if c.isalpha()]
    cjk = sum(bool(re.match(f"[{CJK}]", c)) for c in letters)
    if letters and cjk / len(letters) > 0.2:
        return "zh"
    html = soup.find("html")
    declared = [html.get("lang") or html.get("xml:lang") if html else None]
    declared += [
        m.get("content") for m in soup.find_all("meta", attrs={"name": re.compile(r"^DC\.language$", re.I)})
    ]  # not WT.z_usr_lan: the UI's
    declared += [p.get_text() for p in soup.find_all("p", class_=re.compile(r"^(oj-)?hd-lg$"))]
    if m := re.search(r"[—–-]\s*([A-Z]{2})\s*[—–-]", head):
        declared.append(m.group(1))
    for value in declared:
        if value and re.match(r"\s*[a-zA-Z]{2}\b", value):
            return value.strip()[:2].lower()
    return "en"


def amendments_table(table) -> list[Amendment]:
    """The 'Amended by' table of a consolidated text: which act each ►Mn marker stands for."""
    found = []
    for row in table.find_all("tr"):
        arrow = row.find(class_="arrow")
        marker = re.search(r"[►▼]\s*([A-Z]\d+)", arrow.get_text()) if arrow else None
        cells = [clean(td.get_text(" ")) for td in row.find_all("td")]
        if not marker or len(cells) < 2:
            continue
        link = row.find("a", title=re.compile(r"^3\d{4}[A-Z]\d{4}"))
        title = nice_title([re.sub(r"\s*Text with EEA relevance\s*", " ", cells[1]).strip()])
        oj = f"{cells[2]}, p. {cells[3]}, {cells[4]}" if len(cells) >= 5 else ", ".join(x for x in cells[2:] if x)
        found.append(
            Amendment(
                marker.group(1),
                title + (f" (OJ {oj})" if oj else ""),
                link["title"] if link else act_number(title).get("celex", ""),
            )
        )
    return found
