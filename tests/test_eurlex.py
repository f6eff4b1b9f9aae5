"""The EUR-Lex importer against real pages of the four EUR-Lex HTML generations."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import markdown
import pytest
import yaml
from click.testing import CliRunner
from flask import Flask

from indexer.eurlex import EurLexImportError, import_pages, parse_eurlex
from indexer.eurlex.reader import Reader
from kb.eurlex_cmd import import_eurlex_command

SAMPLES = Path(__file__).parent / "data" / "eurlex"
DGA, CRR, UCITS, DESIGNS = ("dga_32022R0868.html", "modern_1_raw.html", "moderncons_1_raw.html", "old_1_raw.html")
DAY1, DAY2 = dt.date(2026, 1, 5), dt.date(2026, 2, 9)

# file, CELEX, form, adopted, version, number of articles, words of the title
FACTS = [
    (DGA, "32022R0868", "regulation", "2022-05-30", "adopted", 38, "on European data governance"),
    (CRR, "32013R0575", "regulation", "2013-06-26", "adopted", 5, "on prudential requirements"),
    (
        UCITS,
        "32009L0065",
        "directive",
        "2009-07-13",
        "consolidated",
        8,
        "undertakings for collective investment in transferable securities",
    ),
    (DESIGNS, "32002R0006", "regulation", "2001-12-12", "adopted", 6, "on Community designs"),
]
# file, anchor, label, heading, first words of the text
CHOSEN = [
    (
        DGA,
        "art-4",
        "Article 4",
        "Prohibition of exclusive arrangements",
        "1. Agreements or other practices pertaining to the re-use of data",
    ),
    (CRR, "art-4", "Article 4", "Definitions", "1. For the purposes of this Regulation"),
    (UCITS, "art-119", "Article 119", "", "This Directive is addressed to the Member States."),
    (
        DESIGNS,
        "art-4",
        "Article 4",
        "Requirements for protection",
        "1. A design shall be protected by a Community design",
    ),
]


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def parse(name: str, data: bytes | None = None):
    return parse_eurlex(sample(name) if data is None else data, name)


def edit(data: bytes, old: bytes, new: bytes) -> bytes:
    """A sample with one passage changed; fails if the passage is not in the page."""
    assert old in data, old
    return data.replace(old, new)


def save(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / "pages" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return path


def corpus_files(corpus: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in corpus.rglob("*") if p.is_file()}


def split(text: str) -> tuple[dict, str]:
    _, header, body = text.split("---\n", 2)
    return yaml.safe_load(header), body


# -- what is read from each generation ------------------------------------------------------


@pytest.mark.parametrize("name,celex,form,adopted,version,articles,title", FACTS)
def test_identity_of_each_sample(name, celex, form, adopted, version, articles, title):
    act = parse(name)
    assert (act.celex, act.form, act.adopted, act.version) == (celex, form, adopted, version)


@pytest.mark.parametrize("name,celex,form,adopted,version,articles,title", FACTS)
def test_title_of_each_sample(name, celex, form, adopted, version, articles, title):
    assert title in parse(name).title


@pytest.mark.parametrize("name,celex,form,adopted,version,articles,title", FACTS)
def test_article_count_of_each_sample(name, celex, form, adopted, version, articles, title):
    assert len(parse(name).articles()) == articles


@pytest.mark.parametrize("name,anchor,label,heading,start", CHOSEN)
def test_chosen_article_of_each_sample(name, anchor, label, heading, start):
    part = parse(name).part(anchor)
    assert (part.label, part.heading) == (label, heading)
    assert part.text().startswith(start)


def test_dga_anchors_follow_eurlex_ids():
    anchors = [p.anchor for p in parse(DGA).parts]
    assert {"rct-1", "rct-63", "cpt-i", "cpt-ix", "art-1", "art-38"} <= set(anchors)


def test_dga_recitals_chapters_and_notes_are_counted():
    figures = parse(DGA).figures()
    assert (figures["recitals"], figures["divisions"], figures["notes"]) == (63, 9, 33)


def test_dga_gives_eli_and_eurlex_url():
    act = parse(DGA)
    assert act.eli == "http://data.europa.eu/eli/reg/2022/868/oj"
    assert act.url == "https://eur-lex.europa.eu/eli/reg/2022/868/oj/eng"


def test_old_page_sections_nest_under_titles():
    part = parse(DESIGNS).part("tis-ii-sct-1")
    assert (part.label, part.heading) == ("Section 1", "Requirements for protection")


def test_oj_annex_gets_anchor_and_heading():
    part = parse(CRR).part("anx-i")
    assert (part.label, part.heading) == ("Annex I", "Classification of off-balance sheet items")


def test_consolidated_text_lists_its_amendments():
    amendments = parse(UCITS).amendments
    assert [(a.marker, a.celex) for a in amendments] == [
        ("M1", "32010L0078"),
        ("M2", "32011L0061"),
        ("M3", "32013L0014"),
    ]


def test_consolidated_markers_are_stripped_and_kept_as_notes(tmp_path):
    page = edit(
        sample(UCITS),
        b'<p class="title-article-norm">Article 4</p>',
        b'<p class="arrow">\xe2\x96\xbcM1</p><p class="title-article-norm">Article 4</p>',
    )
    page = edit(
        page,
        b"For the purposes of this Directive, a UCITS",
        b"\xe2\x96\xbaM2 For the purposes of this Directive, a UCITS",
    )
    import_pages([save(tmp_path, UCITS, page)], tmp_path / "corpus", today=DAY1)
    text = (tmp_path / "corpus/eurlex/celex-32009l0065-20130620.en.md").read_text("utf-8")
    article = text.split("{#art-4}")[1].split("\n## ")[0]
    assert "*Amended by M1 (Directive 2010/78/EU)*" in article
    assert "*Amended by M2 (Directive 2011/61/EU)*" in article
    assert not re.search("[►▼◄]", text)


def test_markers_in_table_cells_are_stripped_and_noted():
    page = edit(
        sample(UCITS), b"Rules for the valuation of assets.", b"\xe2\x96\xbaM3 Rules for the valuation of assets."
    )
    annex = parse(UCITS, page).part("anx-i")
    assert annex.markers == ["M3"] and "►" not in annex.text()


def test_eli_annex_id_gives_the_anchor():
    annex = (
        b'<div class="eli-container" id="anx_IIa"><p class="oj-doc-ti">ANNEX</p>'
        b'<p class="oj-ti-grseq-1">Model form</p><p class="oj-normal">Form text</p></div>'
        b'<hr class="oj-note"/>'
    )
    part = parse(DGA, edit(sample(DGA), b'<hr class="oj-note"/>', annex)).part("anx-iia")
    assert (part.label, part.heading, part.text()) == ("Annex", "Model form", "Form text")


def test_simple_table_becomes_markdown_table(tmp_path):
    table = (
        b'<table class="oj-table"><tr><td><p class="oj-tbl-hdr">Substance</p></td>'
        b'<td><p class="oj-tbl-hdr">Limit</p></td></tr><tr><td><p class="oj-tbl-txt">Lead'
        b' | Pb</p></td><td><p class="oj-tbl-txt">0,1 %</p></td></tr></table>'
    )
    page = edit(sample(DGA), b'<div id="004.004">', table + b'<div id="004.004">')
    import_pages([save(tmp_path, DGA, page)], tmp_path / "corpus", today=DAY1)
    text = (tmp_path / "corpus/eurlex/celex-32022r0868.en.md").read_text("utf-8")
    assert "| Substance | Limit |\n|---|---|\n| Lead \\| Pb | 0,1 % |" in text
    html = markdown.markdown(split(text)[1], extensions=["tables", "attr_list"])
    assert "<td>Lead | Pb</td>" in html


def test_data_tables_keep_spans_as_html():
    table = next(b for b in parse(DGA).part("art-36").blocks if hasattr(b, "rows"))
    assert table.rows[0][0].header and table.rows[2][0].rowspan == 7


def test_layout_tables_become_numbered_paragraphs():
    assert "(a) own funds requirements" in parse(CRR).part("art-1").text()


# -- what is written ------------------------------------------------------------------------


def import_dga(tmp_path, today=DAY1):
    return import_pages([SAMPLES / DGA], tmp_path / "corpus", today=today)


def test_import_writes_act_named_by_celex(tmp_path):
    import_dga(tmp_path)
    assert sorted(corpus_files(tmp_path / "corpus")) == ["celex-32022r0868.en.md"]


def test_header_of_imported_act(tmp_path):
    import_dga(tmp_path)
    meta, _ = split((tmp_path / "corpus/eurlex/celex-32022r0868.en.md").read_text("utf-8"))
    assert {k: meta[k] for k in ("id", "lang", "type", "celex", "form", "version", "jurisdiction")} == {
        "id": "celex-32022r0868",
        "lang": "en",
        "type": "act",
        "celex": "32022R0868",
        "form": "regulation",
        "version": "adopted",
        "jurisdiction": "EU",
    }
    assert (meta["adopted"], meta["updated"]) == (dt.date(2022, 5, 30), DAY1)
    assert {"Regulation (EU) 2022/868", "2022/868", "32022R0868"} <= set(meta["aliases"])
    assert meta["sources"][0]["title"].startswith("EUR-Lex, CELEX 32022R0868: Regulation (EU)")


def test_consolidated_header_says_which_version(tmp_path):
    import_pages([SAMPLES / UCITS], tmp_path, today=DAY1)
    meta, body = split((tmp_path / "eurlex/celex-32009l0065-20130620.en.md").read_text("utf-8"))
    assert (meta["version"], meta["consolidated"]) == ("consolidated", dt.date(2013, 6, 20))
    assert meta["sources"][0]["url"].endswith("uri=CELEX:02009L0065-20130620")
    assert "consolidated version of Directive 2009/65/EC as of 20 June 2013" in body


def test_lead_paragraph_acknowledges_source_before_first_heading(tmp_path):
    import_dga(tmp_path)
    _, body = split((tmp_path / "corpus/eurlex/celex-32022r0868.en.md").read_text("utf-8"))
    lead = body.split("\n## ")[0]
    assert "© European Union, https://eur-lex.europa.eu" in lead
    assert "Only the printed Official Journal" in lead and "as adopted on 30 May 2022" in lead


def test_article_heading_and_recital_anchors_in_markdown(tmp_path):
    import_dga(tmp_path)
    text = (tmp_path / "corpus/eurlex/celex-32022r0868.en.md").read_text("utf-8")
    assert "\n### Article 4 — Prohibition of exclusive arrangements {#art-4}\n" in text
    assert "\n### Recital 12 {#rct-12}\n" in text and "\n## Notes {#notes}\n" in text


def test_imported_documents_load_without_problems(tmp_path):
    from indexer.corpus.corpus import load_corpus

    import_pages([SAMPLES / name for name, *_ in FACTS], tmp_path, today=DAY1)
    result = load_corpus(tmp_path)
    assert [str(p) for p in result.problems] == [] and len(result.documents) == 4


def test_reimport_is_byte_identical(tmp_path):
    import_dga(tmp_path, DAY1)
    before = corpus_files(tmp_path / "corpus")
    report = import_dga(tmp_path, DAY2)
    assert corpus_files(tmp_path / "corpus") == before
    assert report.results[0].action == "unchanged"


def test_each_consolidated_version_is_a_document_of_its_own(tmp_path):
    newer = save(tmp_path, "newer.html", edit(sample(UCITS), b"20.06.2013", b"20.06.2015"))
    import_pages([SAMPLES / UCITS], tmp_path / "corpus", today=DAY1)
    report = import_pages([newer], tmp_path / "corpus", today=DAY2)
    assert report.results[0].action == "written"
    assert sorted(corpus_files(tmp_path / "corpus")) == [
        "celex-32009l0065-20130620.en.md",
        "celex-32009l0065-20150620.en.md",
    ]
    meta, _ = split((tmp_path / "corpus/eurlex/celex-32009l0065-20150620.en.md").read_text("utf-8"))
    assert (meta["version_date"], meta["updated"]) == (dt.date(2015, 6, 20), DAY2)
    assert "status" not in meta and "replaced_by" not in meta


def test_older_version_names_the_newest(tmp_path):
    newer = save(tmp_path, "newer.html", edit(sample(UCITS), b"20.06.2013", b"20.06.2015"))
    import_pages([newer], tmp_path / "corpus", today=DAY1)
    import_pages([SAMPLES / UCITS], tmp_path / "corpus", today=DAY2)
    meta, _ = split((tmp_path / "corpus/eurlex/celex-32009l0065-20130620.en.md").read_text("utf-8"))
    assert (meta["status"], meta["replaced_by"]) == ("replaced", ["celex-32009l0065-20150620"])


def test_reimporting_an_older_version_changes_nothing(tmp_path):
    newer = save(tmp_path, "newer.html", edit(sample(UCITS), b"20.06.2013", b"20.06.2015"))
    import_pages([SAMPLES / UCITS, newer], tmp_path / "corpus", today=DAY1)
    before = corpus_files(tmp_path / "corpus")
    report = import_pages([SAMPLES / UCITS], tmp_path / "corpus", today=DAY2)
    assert report.results[0].action == "unchanged"
    assert corpus_files(tmp_path / "corpus") == before


def test_no_temporary_files_are_left(tmp_path):
    import_dga(tmp_path)
    import_dga(tmp_path, DAY2)
    assert [p.name for p in (tmp_path / "corpus/eurlex").iterdir()] == ["celex-32022r0868.en.md"]


# -- untrusted text -------------------------------------------------------------------------

EVIL = (
    "[click](javascript:alert(1)) <script>alert(1)</script> "
    "<img src=x onerror=alert(1)> **bold** {#art-1} # not a heading"
)


def test_page_text_cannot_inject_markup(tmp_path):
    escaped = EVIL.replace("<", "&lt;").replace(">", "&gt;").encode()
    page = edit(sample(DGA), b"Prohibition of exclusive arrangements", escaped)
    page = edit(page, b"an exclusive right to re-use data referred to in that paragraph", escaped)
    import_pages([save(tmp_path, DGA, page)], tmp_path / "corpus", today=DAY1)
    _, body = split((tmp_path / "corpus/eurlex/celex-32022r0868.en.md").read_text("utf-8"))
    html = markdown.markdown(body, extensions=["attr_list", "tables", "toc"])
    assert "<script" not in html and "<img" not in html and "<strong>" not in html
    assert 'href="javascript' not in html and html.count('id="art-1"') == 1


def test_script_elements_never_reach_the_corpus(tmp_path):
    page = edit(
        sample(DGA), b'<p class="oj-normal">Whereas:</p>', b'<p class="oj-normal">Whereas:<script>steal()</script></p>'
    )
    import_pages([save(tmp_path, DGA, page)], tmp_path / "corpus", today=DAY1)
    assert b"steal" not in (tmp_path / "corpus/eurlex/celex-32022r0868.en.md").read_bytes()


# -- pages it does not fully understand -----------------------------------------------------


def test_unreadable_element_is_skipped_and_reported():
    page = edit(
        sample(DGA), b'<div id="004.004">', b'<div class="xyz"><svg><text>formula</text></svg></div><div id="004.004">'
    )
    act = parse(DGA, page)
    assert len(act.articles()) == 38
    assert any("<svg" in s and 'class="xyz"' in s and "near" in s for s in act.skipped)


def test_unknown_class_is_kept_as_text_and_reported():
    page = edit(sample(DGA), b'<div id="004.004">', b'<p class="xyz-strange">Strange words</p><div id="004.004">')
    act = parse(DGA, page)
    assert "Strange words" in act.part("art-4").text()
    assert any('"xyz-strange"' in s and "Strange words" in s for s in act.skipped)


def test_failure_on_one_element_keeps_the_rest(monkeypatch):
    def broken(self, text, item):
        raise ValueError("unexpected chapter")

    monkeypatch.setattr(Reader, "_division", broken)
    act = parse(DGA)
    assert len(act.articles()) == 38
    assert any(s.startswith('stopped at <p class="oj-ti-section-1"') for s in act.skipped)


def test_duplicate_anchors_are_made_unique():
    page = edit(sample(DESIGNS), b"<p>Article 110</p>", b"<p>Article 4</p>")
    anchors = [p.anchor for p in parse(DESIGNS, page).articles()]
    assert anchors.count("art-4") == 1 and "art-4-2" in anchors


def test_article_number_with_letter_gets_its_anchor():
    page = edit(sample(DESIGNS), b"<p>Article 110</p>", b"<p>Article 4a</p>")
    assert parse(DESIGNS, page).part("art-4a").heading == "Transitional provision"


ZH_PAGE = """<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8">
<title>EUR-Lex - 32011L0065 - ZH</title></head><body>
<p class="oj-doc-ti">欧洲议会和理事会指令 2011/65/EU</p><p class="oj-doc-ti">2011年6月8日</p>
<p class="oj-doc-ti">关于限制在电子电气设备中使用某些有害物质（重订）</p>
<p class="oj-normal">欧洲议会和欧盟理事会，</p><p class="oj-normal">鉴于：</p>
<p class="oj-normal">(1) 关于限制在电子电气设备中使用某些有害物质的指令需要修订。</p>
<p class="oj-normal">通过本指令：</p>
<p class="oj-ti-art">第4条</p><p class="oj-sti-art">预防</p>
<p class="oj-normal">1. 成员国应确保投放市场的电子电气设备不含附件二所列物质。</p>
</body></html>"""


def test_chinese_page_becomes_zh_document(tmp_path):
    page = save(tmp_path, "rohs_zh.html", ZH_PAGE.encode("utf-8"))
    import_pages([page], tmp_path / "corpus", today=DAY1)
    meta, body = split((tmp_path / "corpus/eurlex/celex-32011l0065.zh.md").read_text("utf-8"))
    assert (meta["lang"], meta["form"], meta["adopted"]) == ("zh", "directive", dt.date(2011, 6, 8))
    assert "### 第4条 — 预防 {#art-4}" in body and "只有印刷版《欧盟官方公报》" in body


# -- files that are refused -----------------------------------------------------------------


@pytest.mark.parametrize(
    "data,reason",
    [
        (b"", "empty"),
        (b"<html><body><p>Hello, world</p></body></html>", "not an EUR-Lex page"),
        ("<html><body><p>欧盟官方公报</p></body></html>".encode("gbk"), "not UTF-8"),
        ("<html><body><p>EUR-Lex</p></body></html>".encode("utf-16"), "UTF-16"),
    ],
)
def test_bad_file_is_refused_naming_the_file(tmp_path, data, reason):
    page = save(tmp_path, "bad.html", data)
    with pytest.raises(EurLexImportError, match=reason) as caught:
        import_pages([page], tmp_path / "corpus")
    assert str(page) in str(caught.value)


@pytest.mark.parametrize("name", [name for name, *_ in FACTS])
def test_truncated_page_is_refused(tmp_path, name):
    data = sample(name)
    page = save(tmp_path, name, data[: len(data) * 3 // 10])
    with pytest.raises(EurLexImportError, match="truncated"):
        import_pages([page], tmp_path / "corpus")


def test_sample_in_utf16_is_refused():
    data = sample(DESIGNS).decode("utf-8").encode("utf-16")
    with pytest.raises(EurLexImportError, match="UTF-16"):
        parse_eurlex(data, "old_utf16.html")


def test_page_in_another_language_is_refused(tmp_path):
    page = save(tmp_path, DGA, edit(sample(DGA), b'oj-hd-lg">EN<', b'oj-hd-lg">DE<'))
    with pytest.raises(EurLexImportError, match="'de'"):
        import_pages([page], tmp_path / "corpus")


def test_one_bad_file_changes_nothing(tmp_path):
    import_dga(tmp_path)
    before = corpus_files(tmp_path / "corpus")
    bad = save(tmp_path, "bad.html", b"")
    with pytest.raises(EurLexImportError):
        import_pages([SAMPLES / DESIGNS, bad], tmp_path / "corpus", today=DAY2)
    assert corpus_files(tmp_path / "corpus") == before


# -- the command ----------------------------------------------------------------------------


def test_command_imports_pages(tmp_path):
    result = CliRunner().invoke(import_eurlex_command, [str(SAMPLES / DGA), "--corpus", str(tmp_path)])
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if line.startswith("Regulation (EU) 2022/868"))
    assert "adopted 2022-05-30" in row and "38 art." in row and row.endswith(DGA)
    assert (tmp_path / "eurlex/celex-32022r0868.en.md").is_file()


def test_command_fails_clearly_on_bad_file(tmp_path):
    bad = save(tmp_path, "bad.html", b"<html><body><p>Hello</p></body></html>")
    result = CliRunner().invoke(import_eurlex_command, [str(SAMPLES / DGA), str(bad), "--corpus", str(tmp_path / "c")])
    assert result.exit_code == 1
    assert f"Error: {bad}: not an EUR-Lex page" in result.output
    assert not (tmp_path / "c").exists()


def test_command_defaults_to_app_corpus_dir(tmp_path):
    app = Flask(__name__)
    app.config["CORPUS_DIR"] = str(tmp_path / "appcorpus")
    with app.app_context():
        result = CliRunner().invoke(import_eurlex_command, [str(SAMPLES / DESIGNS)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "appcorpus/eurlex/celex-32002r0006.en.md").is_file()
