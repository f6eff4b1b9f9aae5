"""One row of an ePing export -> a Notification of plain text (no markup: render.py escapes it).

The quirks of real exports are handled here: the symbol and the links are HYPERLINK formulas with
no cached value (the URL and the label are read from the formula), a joint notification lists the
symbols of every member in one cell, multi-valued fields are separated by "; ", HS and ICS codes
read "code - label", `Notified document` holds one URL a line, and Excel's escaped carriage
returns (_x000D_) appear in the text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .errors import RowProblem
from .reader import MAX_CELL_CHARS, Sheet, cell_date

# column -> the header names ePing (and the spreadsheets people derive from it) use for it
COLUMNS = {
    "member": ("notifying member",),
    "distributed": ("distribution date",),
    "symbol": ("document symbol",),
    "title": ("title",),
    "description": ("description",),
    "products": ("products covered",),
    "hs": ("hs code(s)", "hs codes", "hs code"),
    "ics": ("ics code(s)", "ics codes", "ics code"),
    "objectives": ("objectives",),
    "keywords": ("keywords",),
    "regions": ("specific regions or countries likely to be affected",),
    "comments": ("final date for comments",),
    "kind": ("notification type",),
    "documents": ("notified document", "notified documents"),
    "link_en": ("link to notification(en)", "link to notification (en)"),
    "link_fr": ("link to notification(fr)", "link to notification (fr)"),
    "link_es": ("link to notification(es)", "link to notification (es)"),
    "adoption": ("proposed date of adoption", "date of adoption"),
    "entry_into_force": ("proposed date of entry into force", "date of entry into force"),
}
REQUIRED = ("member", "symbol", "title", "distributed")
DATE_COLUMNS = ("distributed", "comments", "adoption", "entry_into_force")
SYMBOL = re.compile(r"^G/(TBT|SPS)/N/([A-Z]{2,4})/([0-9]+)((?:/(?:Add|Rev|Corr|Suppl)\.[0-9]+)*)$")
_SUFFIX = re.compile(r"/(Add|Rev|Corr|Suppl)\.([0-9]+)", re.IGNORECASE)
SUFFIX_KINDS = {"Add": "addendum", "Rev": "revision", "Corr": "corrigendum", "Suppl": "supplement"}
HYPERLINK = re.compile(r'^=\s*HYPERLINK\(\s*"((?:[^"]|"")*)"\s*(?:[,;]\s*"((?:[^"]|"")*)"\s*)?\)\s*$', re.IGNORECASE)
URL = re.compile(r"^https?://[^\s<>\"'\\`{}|^]+$")
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CODE = re.compile(r"^\s*([0-9][0-9.]*)\s*(?:[-–—]\s*(.*))?$", re.S)


@dataclass
class Notification:
    symbol: str
    row: int
    source: str
    members: list[str]
    title: str
    distributed: dt.date | None = None
    comments: dt.date | None = None
    adoption: dt.date | None = None
    entry_into_force: dt.date | None = None
    also: list[str] = field(default_factory=list)  # the other symbols of a joint notification
    description: str = ""
    products: str = ""
    hs: list[dict] = field(default_factory=list)  # {code: digits, label}
    ics: list[dict] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    kind: str = ""  # ePing's "Notification type", as written
    documents: list[str] = field(default_factory=list)
    links: dict = field(default_factory=dict)  # en/fr/es -> URL of the WTO document

    @property
    def agreement(self) -> str:
        return self.symbol.split("/")[1]

    @property
    def doc_id(self) -> str:
        return symbol_id(self.symbol)

    @property
    def base(self) -> str | None:
        return base_symbol(self.symbol)

    @property
    def follow_up(self) -> str | None:
        """addendum, revision, corrigendum or supplement; None for the notification itself."""
        return follow_up_kind(self.symbol)


def symbol_id(symbol: str) -> str:
    """G/TBT/N/BRA/366/Add.1/Corr.1 -> g-tbt-n-bra-366-add-1-corr-1 (the page's id)."""
    return re.sub(r"[^a-z0-9]+", "-", symbol.lower()).strip("-")


def base_symbol(symbol: str) -> str | None:
    """The document a follow-up belongs to: .../366/Add.1/Corr.1 -> .../366/Add.1; None for a base."""
    head, sep, _ = symbol.rpartition("/")
    return head if sep and _SUFFIX.fullmatch("/" + symbol.rsplit("/", 1)[1]) else None


def follow_up_kind(symbol: str) -> str | None:
    last = _SUFFIX.fullmatch("/" + symbol.rsplit("/", 1)[1])
    return SUFFIX_KINDS[last.group(1).capitalize()] if last else None


def short_symbol(symbol: str) -> str:
    """G/TBT/N/EU/1088 -> EU/1088: how people write it once the agreement is clear."""
    return symbol.split("/", 3)[3] if symbol.count("/") >= 4 else symbol


def normalise_symbol(text: str) -> str | None:
    """' g/tbt/n/bra/366/add.1 ' -> 'G/TBT/N/BRA/366/Add.1'; None when it is not a WTO notification symbol."""
    compact = re.sub(r"\s+", "", text or "")
    head = compact.upper()
    head = _SUFFIX.sub(lambda m: f"/{m.group(1).capitalize()}.{m.group(2)}", head)
    return head if SYMBOL.match(head) else None


def column_map(header: list[str]) -> dict[str, int]:
    found = {}
    for key, names in COLUMNS.items():
        for i, name in enumerate(header):
            if name in names and key not in found:
                found[key] = i
    return found


def clean_text(value) -> str:
    text = "" if value is None else str(value)
    text = _EXCEL_ESCAPE.sub(lambda m: "" if m.group(1).upper() == "000D" else chr(int(m.group(1), 16)), text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    text = _CONTROL.sub("", text)
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


def split_list(text: str) -> list[str]:
    """'a; b; a' -> ['a', 'b']: ePing repeats values."""
    return list(dict.fromkeys(p.strip() for p in re.split(r";\s*|\n", text) if p.strip()))


def codes(text: str) -> list[dict]:
    """'8501 - Electric motors; 850440 - Static converters' -> [{code, label}, ...]."""
    found = []
    for part in split_list(text):
        m = _CODE.match(part)
        if m:
            found.append({"code": m.group(1).strip("."), "label": " ".join((m.group(2) or "").split())})
    return found


def hyperlink(value) -> tuple[str, str] | None:
    """(url, label) of an =HYPERLINK("url", "label") formula; None for anything else."""
    m = HYPERLINK.match(str(value or ""))
    if not m:
        return None
    url = m.group(1).replace('""', '"')
    return url, (m.group(2) or m.group(1)).replace('""', '"')


def safe_url(text: str) -> str | None:
    url = (text or "").strip().replace(" ", "%20")
    return url if URL.match(url) and len(url) <= 2000 else None


class RowReader:
    """Turns the rows of one export into Notifications, collecting each row's problems."""

    def __init__(self, sheet: Sheet):
        self.sheet, self.columns = sheet, column_map(sheet.header)
        self.problems: list[RowProblem] = []

    def missing_columns(self) -> list[str]:
        return [COLUMNS[key][0] for key in REQUIRED if key not in self.columns]

    def notifications(self) -> list[Notification]:
        found = []
        for number, values in self.sheet.rows:
            notification = self.row(number, values)
            if notification:
                found.append(notification)
        return found

    def problem(self, row: int, message: str, skipped: bool = True):
        self.problems.append(RowProblem(self.sheet.source, row, message, skipped))

    def cell(self, values, key):
        i = self.columns.get(key)
        return values[i] if i is not None and i < len(values) else None

    def row(self, number: int, values: list) -> Notification | None:
        for key, i in self.columns.items():
            if i < len(values) and isinstance(values[i], str) and len(values[i]) > MAX_CELL_CHARS:
                return self.problem(
                    number,
                    f"the '{COLUMNS[key][0]}' cell has {len(values[i]):,} characters; "
                    f"Excel cells hold at most {MAX_CELL_CHARS:,}",
                )
        symbols = self.symbols(number, self.cell(values, "symbol"))
        if not symbols:
            return None
        title = self.text(number, values, "title")
        if not title:
            return self.problem(number, f"{symbols[0]} has no title")
        notification = Notification(
            symbols[0],
            number,
            self.sheet.source,
            also=symbols[1:],
            members=[m for m in [self.text(number, values, "member")] if m],
            title=title,
        )
        for key in DATE_COLUMNS:
            setattr(notification, key, self.date(number, values, key))
        notification.description = self.text(number, values, "description")
        notification.products = self.text(number, values, "products")
        notification.hs = codes(self.text(number, values, "hs"))
        notification.ics = codes(self.text(number, values, "ics"))
        for key in ("objectives", "keywords", "regions"):
            setattr(notification, key, split_list(self.text(number, values, key)))
        notification.kind = self.text(number, values, "kind")
        notification.documents = self.documents(number, values)
        for lang in ("en", "fr", "es"):
            urls = self.urls(number, values, f"link_{lang}")
            if urls:
                notification.links[lang] = urls[0]
        return notification

    def symbols(self, number: int, value) -> list[str]:
        link = hyperlink(value)
        text = clean_text(link[1] if link else value)
        if isinstance(value, str) and value.lstrip().startswith("=") and not link:
            return self.problem(number, "the 'Document symbol' cell holds a formula that is not a HYPERLINK") or []
        if not text:
            return (
                self.problem(
                    number,
                    "no 'Document symbol': a notification is known by its symbol "
                    "(a spreadsheet derived from an ePing export may have lost it; export again)",
                )
                or []
            )
        symbols, bad = [], []
        for part in re.split(r"[,;\n]", text):
            if part.strip():
                symbol = normalise_symbol(part)
                (symbols if symbol else bad).append(symbol or part.strip())
        if bad or not symbols:
            return (
                self.problem(
                    number, f"'{(bad or [text])[0][:60]}' is not a WTO notification symbol (like G/TBT/N/EU/1088)"
                )
                or []
            )
        # A joint notification is known by the first of its symbols in order, whichever member's row it is
        return sorted(set(symbols))

    def text(self, number, values, key) -> str:
        value = self.cell(values, key)
        link = hyperlink(value)
        if link:
            return clean_text(link[1])
        if isinstance(value, (dt.date, dt.datetime)):
            return value.strftime("%Y-%m-%d")
        return clean_text(value)

    def date(self, number, values, key) -> dt.date | None:
        try:
            return cell_date(self.cell(values, key))
        except ValueError as err:
            self.problem(number, f"'{COLUMNS[key][0]}': {err}", skipped=False)
            return None

    def documents(self, number, values) -> list[str]:
        """`Notified document`: one web address or document title a line; titles are kept as text."""
        value = self.cell(values, "documents")
        link = hyperlink(value)
        found = []
        for line in [link[0]] if link else clean_text(value).split("\n"):
            line = line.strip()
            if re.match(r"(?i)^[a-z][a-z0-9+.-]*:", line) and not line.lower().startswith(("http://", "https://")):
                self.problem(
                    number, f"'notified document': '{line[:60]}' is not a web address (http/https)", skipped=False
                )
            elif line.lower().startswith(("http://", "https://")):
                url = safe_url(line)
                if url:
                    found.append(url)
                else:
                    self.problem(
                        number, f"'notified document': '{line[:60]}' is not a valid web address", skipped=False
                    )
            elif line:
                found.append(line)
        return list(dict.fromkeys(found))

    def urls(self, number, values, key) -> list[str]:
        value = self.cell(values, key)
        link = hyperlink(value)
        parts = [link[0]] if link else clean_text(value).split()
        found = []
        for part in parts:
            url = safe_url(part)
            if url:
                found.append(url)
            else:
                self.problem(
                    number, f"'{COLUMNS[key][0]}': '{part[:60]}' is not a web address (http/https)", skipped=False
                )
        return list(dict.fromkeys(found))
