"""An ePing export (.xlsx or .csv) -> header and rows of plain cell values, within fixed limits.

A workbook is a zip of XML files, so a hostile one can be a zip bomb (a small file that inflates
to gigabytes) or an XML bomb (entities that expand exponentially). Both are refused before any
XML is parsed: the zip's declared member sizes and compression ratios are checked first (zipfile
never inflates past a member's declared size, so the declared sizes bound memory), then the
prolog of every XML member is read and a DTD refused (entities can only be declared in one).
openpyxl then parses through defusedxml as a second line of defence. Cells are capped at Excel's
own limit, rows and columns at a count no ePing export comes near, and reading at a time budget.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .errors import EpingImportError

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 200
MAX_MEMBER_BYTES = 64 * 1024 * 1024  # inflated size of one part of a workbook
MAX_TOTAL_BYTES = 128 * 1024 * 1024  # inflated size of the whole workbook
MAX_RATIO = 100  # inflated / compressed; real workbooks stay under 15, bombs reach thousands
RATIO_FLOOR = 64 * 1024  # tiny members may compress oddly; the ratio counts only above this size
MAX_PROLOG_BYTES = 64 * 1024  # declaration, comments and processing instructions before the root element
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
MAX_ROWS = 20_000
MAX_COLUMNS = 64
TIME_BUDGET_S = 120.0
_PROLOG_ITEM = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->)", re.S)


@dataclass
class Sheet:
    source: str
    header: list[str]
    rows: list[tuple[int, list]]  # (row number in the file, cell values), empty rows left out


def read_export(path: Path, source_name: str | None = None) -> Sheet:
    """The export's header and rows; raises EpingImportError for anything that is not a readable export."""
    path = Path(path)
    name = source_name or str(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        raise EpingImportError(name, f"cannot be read ({err.strerror})") from None
    if size > MAX_FILE_BYTES:
        raise EpingImportError(name, f"the file is {size:,} bytes; an ePing export stays under {MAX_FILE_BYTES:,}")
    with path.open("rb") as f:
        magic = f.read(8)
    if magic.startswith(b"PK\x03\x04"):
        return _read_workbook(path, name)
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise EpingImportError(
            name,
            "this is an old Excel 97-2003 (.xls) file: open it in Excel and save it "
            "as .xlsx, or export again from ePing",
        )
    if path.suffix.lower() == ".xlsx":
        raise EpingImportError(name, "not an Excel workbook (.xlsx): the file is not a zip archive")
    return _read_csv(path, name)


# -- workbooks ----------------------------------------------------------------------------------


def check_zip(path: Path, name: str) -> None:
    """Refuse zip bombs and XML with a DTD before anything is inflated in full."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise EpingImportError(
                    name, f"the workbook has {len(members)} parts; a real export has under {MAX_MEMBERS}"
                )
            total = 0
            for member in members:
                total += member.file_size
                _check_member_size(member, name)
                if total > MAX_TOTAL_BYTES:
                    raise EpingImportError(
                        name,
                        f"the workbook inflates to more than {MAX_TOTAL_BYTES:,} bytes: refused "
                        "(a zip bomb, or far larger than any ePing export)",
                    )
            for member in members:
                if member.filename.endswith((".xml", ".rels")) or member.filename == "[Content_Types].xml":
                    _check_prolog(archive, member, name)
    except zipfile.BadZipFile as err:
        raise EpingImportError(name, f"not a readable Excel workbook (.xlsx): {err}") from None


def _check_member_size(member: zipfile.ZipInfo, name: str) -> None:
    if member.file_size > MAX_MEMBER_BYTES:
        raise EpingImportError(
            name, f"part {member.filename} inflates to {member.file_size:,} bytes (limit {MAX_MEMBER_BYTES:,}): refused"
        )
    if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(member.compress_size, 1):
        ratio = member.file_size // max(member.compress_size, 1)
        raise EpingImportError(
            name, f"part {member.filename} is compressed {ratio:,} to 1 (limit {MAX_RATIO}): refused as a zip bomb"
        )


def _check_prolog(archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str) -> None:
    # Entities can only be declared in a DTD, and a DTD only stands before the root element:
    # reading the prolog (declaration, comments, processing instructions) up to the root tells.
    with archive.open(member) as f:
        head = f.read(MAX_PROLOG_BYTES)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="replace")
    else:
        text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    position = 0
    while (item := _PROLOG_ITEM.match(text, position)) and item.end() > position:
        position = item.end()
    rest = text[position:].lstrip()
    if rest.upper().startswith(("<!DOCTYPE", "<!ENTITY")):
        raise EpingImportError(
            name, f"part {member.filename} declares a DTD, which no Excel workbook does: refused (XML entity expansion)"
        )
    if rest and not re.match(r"<[A-Za-z_]", rest):
        raise EpingImportError(
            name,
            f"part {member.filename} does not start like XML (or its prolog is longer than "
            f"{MAX_PROLOG_BYTES:,} bytes): refused",
        )


def _read_workbook(path: Path, name: str) -> Sheet:
    check_zip(path, name)
    import openpyxl  # imported when a workbook is read; parses through defusedxml when installed

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except EpingImportError:
        raise
    except Exception as err:  # openpyxl fails in many ways on a file that only looks like a workbook
        raise EpingImportError(name, f"not a readable Excel workbook (.xlsx): {type(err).__name__}: {err}") from None
    try:
        sheet = workbook["Notifications"] if "Notifications" in workbook.sheetnames else workbook.worksheets[0]
        return _collect(name, sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS))
    except EpingImportError:
        raise
    except Exception as err:
        raise EpingImportError(name, f"the workbook cannot be read: {type(err).__name__}: {err}") from None
    finally:
        workbook.close()


# -- CSV ----------------------------------------------------------------------------------------


def _read_csv(path: Path, name: str) -> Sheet:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise EpingImportError(
            name, f"not an Excel workbook, nor a UTF-8 CSV file (byte 0x{data[err.start]:02x} at offset {err.start})"
        ) from None
    if "\0" in text:
        raise EpingImportError(name, "not an Excel workbook, nor a text CSV file (it holds NUL bytes)")
    previous = csv.field_size_limit()
    csv.field_size_limit(MAX_CELL_CHARS + 1)  # a larger cell stops the reader with its row number
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        return _collect(name, _csv_rows(reader, name))
    finally:
        csv.field_size_limit(previous)


def _csv_rows(reader, name):
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            raise EpingImportError(
                name,
                f"line {reader.line_num}: not a readable CSV row ({err}); cells longer than "
                f"{MAX_CELL_CHARS:,} characters are refused",
            ) from None
        yield row[:MAX_COLUMNS]


# -- both ---------------------------------------------------------------------------------------


def _collect(name: str, rows) -> Sheet:
    started = time.monotonic()
    header, kept = None, []
    for number, values in enumerate(rows, start=1):
        if time.monotonic() - started > TIME_BUDGET_S:
            raise EpingImportError(name, f"reading took more than {TIME_BUDGET_S:.0f} s: refused")
        values = list(values or [])
        if header is None:
            header = [clean_header(v) for v in values]
            continue
        if number - 1 > MAX_ROWS:
            raise EpingImportError(name, f"more than {MAX_ROWS:,} rows: split the export")
        if any(v not in (None, "") for v in values):
            kept.append((number, values))
    if header is None:
        raise EpingImportError(name, "the file is empty: an ePing export starts with a header row")
    return Sheet(name, header, kept)


def clean_header(value) -> str:
    return " ".join(str(value or "").split()).lower()


def cell_date(value) -> dt.date | None:
    """An Excel date, an ISO date or dd/mm/yyyy; None for an empty cell; ValueError otherwise."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 2_958_466:
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))  # an Excel serial read without its style
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"'{text[:40]}' is not a date")
