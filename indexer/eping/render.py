"""A notification's record -> its two corpus files (zh and en), YAML header + Markdown body.

The header's `notification:` mapping holds every field of the export (it is what a re-import
merges with); the body is derived from it. Notifications keep their original language: both
files carry the same text, the Chinese one under Chinese headings. All text from the export is
escaped here, so nothing in a cell can become markup, a heading or a link on the page.
"""

from __future__ import annotations

import re

import yaml

from .notification import safe_url, short_symbol, symbol_id

EPING_URL = "https://www.epingalert.org/en/Search?viewData={symbol}"
FOLDER = "notifications"
# anchor -> heading per language; the same anchors in both files
SECTIONS = {
    "products": {"en": "Products covered", "zh": "涵盖的产品"},
    "hs": {"en": "HS codes", "zh": "HS 编码"},
    "ics": {"en": "ICS codes", "zh": "ICS 编码"},
    "objectives": {"en": "Objectives", "zh": "目的和理由"},
    "keywords": {"en": "Keywords", "zh": "关键词"},
    "regions": {"en": "Regions or countries likely to be affected", "zh": "可能受影响的地区或国家"},
    "documents": {"en": "Notified documents", "zh": "通报的文件"},
}
LEAD = {"en": "", "zh": "以下为通报原文，未经翻译。"}
NO_DESCRIPTION = {
    "en": "The export gives no description of this notification.",
    "zh": "导出文件没有提供这份通报的说明。",
}
_MARKDOWN = re.compile(r"([\\`*_\[\]{}#|!])")


def escape(text: str) -> str:
    """Plain text as Markdown that renders as exactly that text."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    lines = []
    for line in _MARKDOWN.sub(r"\\\1", text).split("\n"):
        line = line.strip()
        if re.fullmatch(r"[=\-\s]+", line):  # a setext underline would turn the line above into a heading
            continue
        line = re.sub(r"^([0-9]+)\.(?=\s)", r"\1\\.", line)  # not a numbered list
        line = re.sub(r"^([-+])(?=\s)", r"\\\1", line)  # not a bullet
        lines.append(line)
    return "\n".join(lines)


def paragraphs(text: str) -> str:
    """Each line of the export's text a paragraph of its own."""
    return "\n\n".join(escape(line) for line in text.split("\n") if line.strip())


def title(record: dict, lang: str) -> str:
    return f"{record['symbol']}{'：' if lang == 'zh' else ': '}{record['title']}"


CHANGE_TEXT = {
    "imported": {"zh": "导入 WTO 通报 {symbol}。", "en": "Imported WTO notification {symbol}."},
    "updated": {
        "zh": "根据新的 ePing 导出文件更新 WTO 通报 {symbol}。",
        "en": "Updated WTO notification {symbol} from a newer ePing export.",
    },
}


def render(record: dict, lang: str, updated: str) -> str:
    """The corpus file; the record's `history` (import events) becomes the page's `changes`, which
    the feeds read, so a newly imported notification appears there."""
    data = {k: v for k, v in record.items() if k != "history"}
    header = {
        "id": record_id(record),
        "lang": lang,
        "type": "notification",
        "title": title(record, lang),
        "aliases": aliases(record),
        "notification": data,
        "sources": sources(record),
        "updated": updated,
    }
    history = record.get("history") or []
    if history:
        header["changes"] = [
            {"date": e["date"], "what": CHANGE_TEXT[e["event"]][lang].format(symbol=record["symbol"])} for e in history
        ]
    return f"---\n{dump(header)}---\n{body(record, lang)}"


def record_id(record: dict) -> str:
    return symbol_id(record["symbol"])


def aliases(record: dict) -> list[str]:
    names = []
    for symbol in [record["symbol"]] + list(record.get("also") or []):
        names += [symbol, short_symbol(symbol)]
    return list(dict.fromkeys(names))


def sources(record: dict) -> list[dict]:
    found = [{"title": f"WTO ePing: {record['symbol']}", "url": EPING_URL.format(symbol=record["symbol"])}]
    link = (record.get("links") or {}).get("en")
    if link and link.startswith("https://"):
        found.append({"title": f"WTO document {record['symbol']} (English)", "url": link})
    return found


def body(record: dict, lang: str) -> str:
    parts = [LEAD[lang]] if LEAD[lang] else []
    parts.append(paragraphs(record.get("description") or "") or NO_DESCRIPTION[lang])
    lists = {
        "products": paragraphs(record.get("products") or ""),
        "hs": _bullets(_code_line(c) for c in record.get("hs") or []),
        "ics": _bullets(_code_line(c) for c in record.get("ics") or []),
        "objectives": _bullets(escape(o) for o in record.get("objectives") or []),
        "keywords": _bullets(escape(k) for k in record.get("keywords") or []),
        "regions": _bullets(escape(r) for r in record.get("regions") or []),
        "documents": _bullets(_document_line(d) for d in record.get("documents") or []),
    }
    for anchor, text in lists.items():
        if text:
            parts.append(f"## {SECTIONS[anchor][lang]} {{#{anchor}}}\n\n{text}")
    return "\n\n".join(parts) + "\n"


def _document_line(document: str) -> str:
    url = safe_url(document) if document.startswith(("https://", "http://")) else None
    return f"<{url}>" if url else escape(document)


def _code_line(code: dict) -> str:
    return escape(f"{code['code']} – {code['label']}" if code.get("label") else str(code["code"]))


def _bullets(lines) -> str:
    return "\n".join(f"- {line}" for line in lines)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml's emitter where PyYAML has it: 10x faster
    pass


def _str(dumper, value):
    # Multi-line text double-quoted: its line breaks are written as \n, so no line of the header
    # can ever read '---' and close it early.
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if "\n" in value else None)


_Dumper.add_representer(str, _str)


def dump(data: dict) -> str:
    return yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000, default_flow_style=False
    )
