"""An EurLexAct as a corpus document: YAML header + Markdown body (see corpus/README.md).

All text comes from a downloaded page and is untrusted: every piece goes through esc()
(or html.escape inside raw HTML tables), so the page can neither add links, HTML, anchors
nor headings to our corpus; only this module writes Markdown syntax.
"""

from __future__ import annotations

import datetime as dt
import html
import re

import yaml

from .meta import MONTHS, act_number
from .model import ActPart, EurLexAct, Para, Table

WORDS = {
    "en": {
        "preamble": "Preamble",
        "recitals": "Recitals",
        "recital": "Recital {n}",
        "enacting": "Enacting terms",
        "final": "Final formula and signatures",
        "amendments": "Amendments",
        "notes": "Notes",
        "M": "Amended by",
        "C": "Corrected by",
        "A": "Amended by",
    },
    "zh": {
        "preamble": "序言",
        "recitals": "鉴于条款",
        "recital": "鉴于条款 ({n})",
        "enacting": "正文",
        "final": "结尾条款与签署",
        "amendments": "修订",
        "notes": "注释",
        "M": "修订依据",
        "C": "更正依据",
        "A": "修订依据",
    },
}
TOP_LEVEL = {"preamble", "recitals", "enacting", "division", "final", "annex"}


def esc(text: str) -> str:
    """Plain text -> Markdown that renders as exactly that text, with no markup of its own."""
    text = html.escape(text.replace("\\", "\\\\"), quote=False)  # no raw HTML, no autolinks
    text = re.sub(r"([`*_{}\[\]])", r"\\\1", text)  # no emphasis, links, attrs
    text = re.sub(r"^(\d+)([.)])", r"\1\\\2", text)  # "1. " is not a list
    text = re.sub(r"^([#+-])", r"\\\1", text)  # nor a heading or bullet
    return re.sub(r"^~", "&#126;", text)  # nor a code fence


def render_act(act: EurLexAct, updated: dt.date) -> str:
    words = WORDS[act.lang]
    out = [_header(act, updated), _lead(act), ""]
    for part in act.parts:
        out.extend(_part(part, act, words))
    if act.amendments:
        out += [f"## {words['amendments']} {{#amendments}}", ""]
        out += [f"{esc(a.marker)}: {esc(a.title)}\n" for a in act.amendments]
    if act.notes:
        out += [f"## {words['notes']} {{#notes}}", ""]
        out += [f"{esc(note)}\n" for note in act.notes]
    return "\n".join(out).rstrip("\n") + "\n"


def _header(act: EurLexAct, updated: dt.date) -> str:
    meta = {
        "id": act.doc_id,
        "lang": act.lang,
        "type": "act",
        "title": act.title,
        "aliases": aliases(act),
        "celex": act.celex,
    }
    if act.eli:
        meta["eli"] = act.eli
    meta["jurisdiction"] = "EU"
    if act.form:
        meta["form"] = act.form
    if act.adopted:
        meta["adopted"] = dt.date.fromisoformat(act.adopted)
    meta["version"] = act.version
    if act.consolidated:
        meta["consolidated"] = dt.date.fromisoformat(act.consolidated)
    if act.version_date:
        meta["version_date"] = dt.date.fromisoformat(act.version_date)
    meta["sources"] = [{"title": f"EUR-Lex, CELEX {act.celex}: {act.title}", "url": act.url}]
    meta["updated"] = updated
    dumped = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100000)
    return f"---\n{dumped}---"


def aliases(act: EurLexAct) -> list[str]:
    """The act's number as people write it: 'Regulation (EU) 2022/868', '2022/868', CELEX."""
    names = [act.designation, act.number]
    if act.number.startswith("No "):
        names.append(act.number[3:])
    if m := re.match(r"^(\d+/\d+)/", act.number):
        names.append(m.group(1))  # "2009/65" for Directive 2009/65/EC
    names += [act.short_title, act.celex]
    seen: list[str] = []
    for name in names:
        if name and name not in seen and name != act.title:
            seen.append(name)
    return seen


def _long_date(iso: str, lang: str) -> str:
    if not iso:
        return ""
    day = dt.date.fromisoformat(iso)
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {MONTHS[day.month - 1].capitalize()} {day.year}"


def _celex_shown(act: EurLexAct) -> str:
    """EUR-Lex numbers a consolidated version 0<celex>-<date>: name the exact version shown."""
    if act.version == "consolidated" and act.consolidated:
        return f"0{act.celex[1:]}-{act.consolidated.replace('-', '')}"
    if act.version == "corrigendum":
        return f"{act.celex}R({act.corrigendum})"
    return act.celex


def _lead(act: EurLexAct) -> str:
    """Which text this is, whose it is and what is authentic - before the first heading."""
    name = esc(act.designation or act.title)
    acknowledgement = "© European Union, https://eur-lex.europa.eu"
    if act.lang == "zh":
        what = (
            f"本页为{name}截至{_long_date(act.consolidated, 'zh')}的合并文本（不具法律效力的文献工具）"
            if act.version == "consolidated"
            else f"本页为{name}的勘误（{_long_date(act.corrected, 'zh') or '日期不详'}公布）"
            if act.version == "corrigendum"
            else f"本页为{name}的通过文本（{_long_date(act.adopted, 'zh')}）"
        )
        return (
            f"{what}，按 EUR-Lex 所载原样转载（CELEX {_celex_shown(act)}）。"
            f"转载注明来源：{acknowledgement}。只有印刷版《欧盟官方公报》所载文本为正式文本。"
        )
    shown = f"as published on EUR-Lex (CELEX {_celex_shown(act)})"
    if act.version == "consolidated":
        what = (
            f"This is the consolidated version of {name} as of "
            f"{_long_date(act.consolidated, 'en')}, {shown}. A consolidated version is a "
            "documentation tool without legal effect"
        )
        what += "; the amendments it includes are listed at the end." if act.amendments else "."
    elif act.version == "corrigendum":
        published = f" published on {_long_date(act.corrected, 'en')}" if act.corrected else ""
        what = f"This is the corrigendum to {name}{published}, {shown}."
    else:
        adopted = f" on {_long_date(act.adopted, 'en')}" if act.adopted else ""
        what = f"This is the text of {name} as adopted{adopted}, {shown}."
    return (
        f"{what} Reused with acknowledgement of the source: {acknowledgement}. Only the "
        "printed Official Journal of the European Union is authentic."
    )


def _part(part: ActPart, act: EurLexAct, words: dict) -> list[str]:
    level = "##" if part.kind in TOP_LEVEL else "###"
    out = [f"{level} {_title(part, words)} {{#{part.anchor}}}", ""]
    for block in part.blocks:
        if isinstance(block, Table) and not any(block.rows):
            continue
        out += [_table(block) if isinstance(block, Table) else _para(block), ""]
    out += [f"*{_marker_note(m, act, words)}*\n" for m in part.markers]
    return out


def _title(part: ActPart, words: dict) -> str:
    if part.kind in ("preamble", "recitals", "enacting", "final"):
        return words[part.kind]
    if part.kind == "recital":
        return words["recital"].format(n=esc(part.number))
    title = esc(part.label)
    return f"{title} — {esc(part.heading)}" if part.heading else title


def _marker_note(marker: str, act: EurLexAct, words: dict) -> str:
    """'Amended by M1 (Directive 2010/78/EU)': where a consolidated article changed."""
    amendment = next((a for a in act.amendments if a.marker == marker), None)
    text = f"{words.get(marker[0], words['M'])} {marker}"
    if amendment:
        text += f" ({act_number(amendment.title).get('designation') or amendment.title})"
    return esc(text)


def _para(para: Para) -> str:
    return f"**{esc(para.text)}**" if para.bold else esc(para.text)


def _table(table: Table) -> str:
    """A Markdown table when the table is a plain grid, otherwise a minimal HTML table."""
    widths = {len(row) for row in table.rows}
    simple = len(widths) == 1 and all(
        c.colspan == c.rowspan == 1 and len(c.paragraphs) <= 1 for row in table.rows for c in row
    )
    if simple and table.rows:
        cell = lambda c: esc(" ".join(c.paragraphs)).replace("|", "\\|") or " "  # noqa: E731
        lines = ["| " + " | ".join(cell(c) for c in row) + " |" for row in table.rows]
        lines.insert(1, "|" + "---|" * widths.pop())
        return "\n".join(lines)
    rows = []
    for row in table.rows:
        cells = []
        for c in row:
            tag = "th" if c.header else "td"
            span = (f' colspan="{c.colspan}"' if c.colspan > 1 else "") + (
                f' rowspan="{c.rowspan}"' if c.rowspan > 1 else ""
            )
            body = "<br>".join(html.escape(p) for p in c.paragraphs)
            cells.append(f"<{tag}{span}>{body}</{tag}>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "<table>\n" + "\n".join(rows) + "\n</table>"
