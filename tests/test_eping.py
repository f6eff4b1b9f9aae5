"""`kb import-eping` on the real ePing sample and on hostile files (tests/data/tbt/README.md)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml

from indexer.corpus.corpus import load_corpus
from indexer.eping import EpingImportError, import_exports, read_export, read_notifications
from indexer.eping import reader as reader_module

DATA = Path(__file__).parent / "data" / "tbt"
SAMPLE = DATA / "Notifications_example.xlsx"
DERIVED = DATA / "filtered_notifications_example.csv"
DAY1, DAY2 = dt.date(2026, 12, 3), dt.date(2026, 12, 10)
HEADER = [
    "Notifying Member",
    "Distribution date",
    "Document symbol",
    "Title",
    "Description",
    "Products covered",
    "HS code(s)",
    "ICS code(s)",
    "Objectives",
    "Keywords",
    "Specific regions or countries likely to be affected",
    "Final date for comments",
    "Notification type",
    "Notified document",
    "Link to notification(EN)",
    "Link to notification(FR)",
    "Link to notification(ES)",
]


@pytest.fixture(scope="module")
def sample():
    notifications, problems = read_notifications([SAMPLE])
    return {n.symbol: n for n in notifications}, problems


def header_of(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))


def workbook(path: Path, rows, header=HEADER) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Notifications"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def row(**cells) -> list:
    names = {
        "member": 0,
        "distributed": 1,
        "symbol": 2,
        "title": 3,
        "description": 4,
        "products": 5,
        "hs": 6,
        "ics": 7,
        "objectives": 8,
        "keywords": 9,
        "comments": 11,
        "type": 12,
        "documents": 13,
        "link_en": 14,
    }
    values = [None] * len(HEADER)
    for key, value in cells.items():
        values[names[key]] = value
    return values


# -- the real sample ------------------------------------------------------------------------------


def test_every_row_of_the_real_export_is_read_and_joint_notifications_are_one(sample):
    notifications, problems = sample
    assert problems == []
    # 229 rows; the East African joint notifications have one row per member and become one each
    assert len(notifications) == 181
    assert sum(n.agreement == "TBT" for n in notifications.values()) == 138
    joint = notifications["G/TBT/N/BDI/608"]
    assert joint.also == ["G/TBT/N/KEN/1808", "G/TBT/N/RWA/1207", "G/TBT/N/TZA/1349", "G/TBT/N/UGA/2163"]


def test_a_joint_notification_is_one_whatever_order_its_symbols_come_in(tmp_path):
    base = dict(distributed=dt.datetime(2025, 6, 10), title="Fortified composite flour")
    book = workbook(
        tmp_path / "joint.xlsx",
        [
            row(member="Kenya", symbol="G/TBT/N/KEN/1808, G/TBT/N/BDI/608", **base),
            row(member="Burundi", symbol="G/TBT/N/BDI/608, G/TBT/N/KEN/1808", **base),
        ],
    )
    report = import_exports([book], tmp_path / "corpus", today=DAY1)
    assert [(s.symbol, s.rows) for s in report.stored] == [("G/TBT/N/BDI/608", [2, 3])]
    record = header_of(tmp_path / "corpus" / "notifications" / "g-tbt-n-bdi-608.en.md")["notification"]
    assert record["members"] == ["Kenya", "Burundi"] and record["also"] == ["G/TBT/N/KEN/1808"]


def test_symbols_and_links_come_from_hyperlink_formulas_without_cached_values(sample):
    n = sample[0]["G/TBT/N/CHN/2063"]  # the formula's label is " G/TBT/N/CHN/2063", with a leading space
    assert n.links == {"en": "https://docs.wto.org/imrd/directdoc.asp?DDFDocuments/t/G/TBTN25/CHN2063.DOCX"}
    assert n.members == ["China"] and n.kind == "Regular notification"


def test_excel_dates_and_semicolon_separated_codes(sample):
    n = sample[0]["G/TBT/N/CHN/2063"]
    assert (n.distributed, n.comments) == (dt.date(2025, 6, 10), dt.date(2025, 8, 9))
    assert n.hs == [
        {"code": "8450", "label": "Household or laundry-type washing machines, incl. machines which both wash and dry"}
    ]
    assert n.ics == [{"code": "27.010", "label": "Energy and heat transfer engineering in general"}]
    assert n.objectives == ["Protection of the environment (TBT)", "Quality requirements (TBT)"]
    keywords = sample[0]["G/SPS/N/JPN/1345/Add.1"].keywords  # ePing repeats keywords; each is kept once
    assert keywords.count("Food safety") == 1 and "Animal diseases" in keywords


def test_several_document_links_and_titles_in_one_cell(sample):
    india = sample[0]["G/TBT/N/IND/367"] if "G/TBT/N/IND/367" in sample[0] else None
    several = [n for n in sample[0].values() if len(n.documents) >= 2]
    assert len(several) >= 10
    usa = next(n for n in several if n.documents[0].endswith("25_03800_00_e.pdf"))
    assert usa.documents[1:] == [
        "https://www.govinfo.gov/content/pkg/FR-2024-12-13/html/2024-29406.htm",
        "https://www.govinfo.gov/content/pkg/FR-2024-12-13/pdf/2024-29406.pdf",
    ]
    # a cell mixing a document's title and its address keeps both
    japan = next(n for n in several if "https://www.soumu.go.jp/menu_hourei/s_shourei.html" in n.documents)
    assert japan.documents[0].startswith("Ministerial Ordinance for partial revision")
    assert india is None or india.documents


def test_follow_ups_point_at_their_base(sample):
    corr = sample[0]["G/TBT/N/BRA/366/Add.1/Corr.1"]
    assert (corr.base, corr.follow_up) == ("G/TBT/N/BRA/366/Add.1", "corrigendum")
    add = sample[0]["G/TBT/N/USA/552/Rev.3/Add.5"]
    assert (add.base, add.follow_up) == ("G/TBT/N/USA/552/Rev.3", "addendum")
    assert sample[0]["G/TBT/N/CHN/2063"].base is None


def test_excel_escaped_carriage_returns_do_not_reach_the_text(sample):
    assert not any("_x000D_" in n.title + n.description for n in sample[0].values())


def test_import_writes_a_zh_and_an_en_file_per_notification_that_the_corpus_loader_accepts(tmp_path):
    report = import_exports([SAMPLE], tmp_path, today=DAY1)
    assert report.count("new") == 181 and report.problems == []
    files = sorted((tmp_path / "notifications").glob("*.md"))
    assert len(files) == 362
    loaded = load_corpus(tmp_path)
    assert [str(p) for p in loaded.problems] == []
    zh = header_of(tmp_path / "notifications" / "g-tbt-n-chn-2063.zh.md")
    assert zh["type"] == "notification" and zh["lang"] == "zh"
    assert zh["title"].startswith("G/TBT/N/CHN/2063：National Standards")
    assert "CHN/2063" in zh["aliases"]
    assert zh["notification"]["comments"] == "2025-08-09"
    body = (tmp_path / "notifications" / "g-tbt-n-chn-2063.zh.md").read_text(encoding="utf-8")
    assert "## HS 编码 {#hs}" in body and "electric washing machines" in body  # Chinese headings, original text


def test_reimport_changes_nothing_and_a_newer_export_updates_without_duplicating(tmp_path):
    import_exports([SAMPLE], tmp_path, today=DAY1)
    before = {p.name: p.read_bytes() for p in (tmp_path / "notifications").glob("*.md")}
    again = import_exports([SAMPLE], tmp_path, today=DAY2)
    assert again.count("unchanged") == 181 and again.count("new") == again.count("updated") == 0
    assert {p.name: p.read_bytes() for p in (tmp_path / "notifications").glob("*.md")} == before
    # a later export: the description changed, the links column is empty
    newer = workbook(
        tmp_path / "newer.xlsx",
        [
            row(
                member="China",
                distributed=dt.datetime(2025, 6, 10),
                symbol='=HYPERLINK("https://www.epingalert.org/x"," G/TBT/N/CHN/2063")',
                title="National Standards of the P.R.C., washing machines",
                description="A corrected description.",
                hs="8450 - Washing machines",
                comments=dt.datetime(2025, 9, 9),
            )
        ],
    )
    report = import_exports([newer], tmp_path, today=DAY2)
    assert report.count("updated") == 1
    assert len(list((tmp_path / "notifications").glob("*.md"))) == 362
    record = header_of(tmp_path / "notifications" / "g-tbt-n-chn-2063.en.md")["notification"]
    assert record["description"] == "A corrected description." and record["comments"] == "2025-09-09"
    assert record["links"]["en"].endswith("CHN2063.DOCX")  # kept: the newer export left it empty
    assert record["imported"] == "2026-12-03"  # first imported on; `updated` says when it changed
    # the page's change log (read by the feeds) says when it was imported and when updated, per language
    zh = header_of(tmp_path / "notifications" / "g-tbt-n-chn-2063.zh.md")
    assert [(str(c["date"]), c["what"]) for c in zh["changes"]] == [
        ("2026-12-10", "根据新的 ePing 导出文件更新 WTO 通报 G/TBT/N/CHN/2063。"),
        ("2026-12-03", "导入 WTO 通报 G/TBT/N/CHN/2063。"),
    ]
    assert [str(c["date"]) for c in header_of(tmp_path / "notifications" / "g-tbt-n-cri-205.en.md")["changes"]] == [
        "2026-12-03"
    ]  # untouched by the newer export
    assert [str(p) for p in load_corpus(tmp_path).problems] == []


def test_rows_without_a_symbol_are_reported_with_their_row_numbers_and_nothing_is_written(tmp_path, app):
    corpus = tmp_path / "corpus2"
    report = import_exports([DERIVED], corpus, today=DAY1)
    assert report.stored == [] and not (corpus / "notifications").exists()
    assert [p.row for p in report.skipped_rows] == list(range(2, 34))
    assert all("no 'Document symbol'" in str(p) for p in report.skipped_rows)
    result = app.test_cli_runner().invoke(args=["import-eping", "--corpus", str(corpus), str(DERIVED)])
    assert result.exit_code == 1
    assert "row 2:" in result.output and "row 33:" in result.output and "32 row(s) not imported" in result.output


def test_the_command_imports_and_says_what_it_did(tmp_path, app):
    result = app.test_cli_runner().invoke(args=["import-eping", "--corpus", str(tmp_path), str(SAMPLE)])
    assert result.exit_code == 0, result.output
    assert "181 new, 0 updated, 0 unchanged" in result.output
    assert "new: G/TBT/N/CHN/2063 (row 47)" in result.output


# -- hostile files --------------------------------------------------------------------------------


def refused(tmp_path, path, *words):
    corpus = tmp_path / "corpus-out"
    with pytest.raises(EpingImportError) as err:
        import_exports([path], corpus)
    assert not corpus.exists()  # nothing written
    for word in words:
        assert word in str(err.value), str(err.value)
    return str(err.value)


def test_a_file_that_is_not_a_workbook(tmp_path):
    fake = tmp_path / "notifications.xlsx"
    fake.write_text("Notifying Member;Title\nnot really a workbook\n", encoding="utf-8")
    refused(tmp_path, fake, "notifications.xlsx", "not an Excel workbook")
    other_zip = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(other_zip, "w") as z:
        z.writestr("readme.txt", "hello")
    refused(tmp_path, other_zip, "not a readable Excel workbook")
    binary = tmp_path / "picture.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    refused(tmp_path, binary, "picture.csv")


def test_a_workbook_with_other_columns_is_not_an_eping_export(tmp_path):
    prices = workbook(tmp_path / "prices.xlsx", [["Fridge", 300]], header=["Product", "Price"])
    message = refused(tmp_path, prices, "not an ePing export", "'document symbol'", "product, price")
    assert "prices.xlsx" in message


def test_one_bad_file_stops_the_whole_import(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    corpus = tmp_path / "corpus-out"
    with pytest.raises(EpingImportError):
        import_exports([SAMPLE, bad], corpus)
    assert not corpus.exists()


def test_huge_cells_are_refused(tmp_path):
    huge = "x" * (reader_module.MAX_CELL_CHARS + 10)
    text = io.StringIO()
    csv.writer(text).writerows(
        [HEADER, row(member="EU", distributed="2025-06-10", symbol="G/TBT/N/EU/1088", title="T", description=huge)]
    )
    big_csv = tmp_path / "big.csv"
    big_csv.write_text(text.getvalue(), encoding="utf-8")
    refused(tmp_path, big_csv, "line 2", "32,767")
    # openpyxl cuts what it writes to Excel's limit, so the oversized cell is put in the XML by hand
    book = workbook(
        tmp_path / "big.xlsx",
        [
            row(
                member="EU",
                distributed=dt.datetime(2025, 6, 10),
                symbol="G/TBT/N/EU/1088",
                title="T",
                description="PLACEHOLDER",
            ),
            row(member="EU", distributed=dt.datetime(2025, 6, 10), symbol="G/TBT/N/EU/1089", title="Fine"),
        ],
    )
    book = replace_in_part(book, b"PLACEHOLDER", huge.encode())
    report = import_exports([book], tmp_path / "corpus", today=DAY1)
    assert [n.symbol for n in report.stored] == ["G/TBT/N/EU/1089"]
    assert report.skipped_rows[0].row == 2 and "32,767" in report.skipped_rows[0].message


def replace_in_part(path: Path, old: bytes, new: bytes) -> Path:
    patched = path.with_name("patched-" + path.name)
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info.filename, data.replace(old, new))
    return patched


def test_formulas_with_markup_never_become_symbols_or_links(tmp_path):
    book = workbook(
        tmp_path / "markup.xlsx",
        [
            row(
                member="EU",
                distributed=dt.datetime(2025, 6, 10),
                title="A",
                symbol='=HYPERLINK("https://www.epingalert.org/x","<b>G/TBT/N/EU/1088</b>")',
            ),
            row(member="EU", distributed=dt.datetime(2025, 6, 10), title="B", symbol="=1+1"),
            row(
                member="<script>alert(1)</script>",
                distributed=dt.datetime(2025, 6, 10),
                symbol='=HYPERLINK("javascript:alert(1)"," G/TBT/N/EU/1089")',
                title="<img src=x onerror=alert(1)> # Not a heading [x](javascript:alert(1))",
                description="## Injected {#evil}\n<script>alert(2)</script>\n---\n1. not a list",
                documents="javascript:alert(3)\nhttps://example.org/doc.pdf",
                link_en='=HYPERLINK("javascript:alert(4)","EN")',
            ),
        ],
    )
    report = import_exports([book], tmp_path / "corpus", today=DAY1)
    assert [n.symbol for n in report.stored] == ["G/TBT/N/EU/1089"]
    assert {p.row for p in report.skipped_rows} == {2, 3}
    dropped = [str(p) for p in report.problems if not p.skipped]
    assert any("javascript:alert(3)" in p for p in dropped) and any("javascript:alert(4)" in p for p in dropped)
    record = header_of(tmp_path / "corpus" / "notifications" / "g-tbt-n-eu-1089.en.md")["notification"]
    assert record["documents"] == ["https://example.org/doc.pdf"] and "links" not in record
    loaded = load_corpus(tmp_path / "corpus")  # the text's '##' and '{#evil}' made no heading
    assert [str(p) for p in loaded.problems] == []
    doc = next(d for d in loaded.documents if d.lang == "en")
    assert doc.anchors == ["documents"]


def bomb_workbook(path: Path, member: str, data_chunks) -> Path:
    """The real sample with one part replaced."""
    with zipfile.ZipFile(SAMPLE) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != member:
                target.writestr(info.filename, source.read(info.filename))
        with target.open(member, "w") as out:
            for chunk in data_chunks:
                out.write(chunk)
    return path


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    zeros = (b"\0" * (1 << 20) for _ in range(40))  # 40 MB of zeros: about 40 KB compressed
    bomb = bomb_workbook(tmp_path / "bomb.xlsx", "xl/sharedStrings.xml", zeros)
    assert bomb.stat().st_size < 200_000
    tracemalloc.start()
    try:
        message = refused(tmp_path, bomb, "xl/sharedStrings.xml", "zip bomb")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024, peak  # the 40 MB were never inflated
    assert "compressed" in message


def test_a_part_larger_than_the_limit_is_refused(tmp_path, monkeypatch):
    import os

    monkeypatch.setattr(reader_module, "MAX_MEMBER_BYTES", 1 << 20)
    big = bomb_workbook(tmp_path / "big.xlsx", "xl/sharedStrings.xml", [os.urandom(2 << 20)])
    refused(tmp_path, big, "inflates to 2,097,152 bytes")


LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
    + b']>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>'
)


@pytest.mark.parametrize(
    "padding", [b"", b"<!--" + b" " * 70_000 + b"-->"], ids=["dtd-first", "dtd-after-long-comment"]
)
def test_xml_entity_expansion_is_refused(tmp_path, padding):
    data = LAUGHS.replace(b"\n<!DOCTYPE", b"\n" + padding + b"<!DOCTYPE", 1)
    bomb = bomb_workbook(tmp_path / "laughs.xlsx", "xl/sharedStrings.xml", [data])
    tracemalloc.start()
    try:
        refused(tmp_path, bomb, "xl/sharedStrings.xml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024, peak  # a billion "lol"s would need gigabytes


def test_the_sample_itself_passes_the_zip_checks():
    reader_module.check_zip(SAMPLE, "sample")  # real workbooks are nowhere near the limits


def test_a_csv_export_reads_like_the_workbook(tmp_path):
    sheet = read_export(SAMPLE)
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(HEADER)
    for _, values in sheet.rows[:5]:
        writer.writerow(
            [v.strftime("%Y-%m-%d") if isinstance(v, dt.datetime) else ("" if v is None else v) for v in values]
        )
    path = tmp_path / "export.csv"
    path.write_text(text.getvalue(), encoding="utf-8-sig")
    from_csv, problems = read_notifications([path])
    from_xlsx = {n.symbol: n for n in read_notifications([SAMPLE])[0]}
    assert problems == [] and len(from_csv) == 5
    for n in from_csv:
        twin = from_xlsx[n.symbol]
        assert (n.title, n.distributed, n.comments, n.hs, n.links) == (
            twin.title,
            twin.distributed,
            twin.comments,
            twin.hs,
            twin.links,
        )


def test_kb_check_names_the_line_of_a_damaged_notification(tmp_path):
    import_exports([SAMPLE], tmp_path, today=DAY1)
    path = tmp_path / "notifications" / "g-tbt-n-chn-2063.zh.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("  symbol: G/TBT/N/CHN/2063", "  symbol: TBT 2063").replace(
            "  comments: '2025-08-09'", "  comments: '2025-02-30'"
        ),
        encoding="utf-8",
    )
    line = next(
        n for n, text in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1) if text == "notification:"
    )
    problems = [str(p) for p in load_corpus(tmp_path).problems]
    assert (
        f"notifications/g-tbt-n-chn-2063.zh.md:{line}: notification.symbol 'TBT 2063' is not a WTO symbol like G/TBT/N/EU/1088"
        in problems
    )
    assert any("notification.comments '2025-02-30' is not a date" in p for p in problems)


def test_import_then_build_then_search_from_the_command_line(app, corpus_dir):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["import-eping", str(SAMPLE)]).exit_code == 0  # into the app's CORPUS_DIR
    assert (corpus_dir / "notifications" / "g-tbt-n-kwt-610-add-1.en.md").is_file()
    built = runner.invoke(args=["build"])
    assert built.exit_code == 0, built.output
    found = runner.invoke(args=["search", "KWT 610 Add.1", "--lang", "zh"])
    assert found.exit_code == 0 and "1. G/TBT/N/KWT/610/Add.1：" in found.output, found.output
    again = runner.invoke(args=["import-eping", str(SAMPLE)])
    assert "0 new, 0 updated, 181 unchanged" in again.output
    assert "Index is up to date" in runner.invoke(args=["build"]).output  # nothing changed, nothing rebuilt


def test_openpyxl_parses_through_defusedxml():
    # the second line of defence behind the DTD check: openpyxl picks defusedxml up when installed
    # (and OPENPYXL_DEFUSEDXML is not set to False)
    assert openpyxl.DEFUSEDXML is True
