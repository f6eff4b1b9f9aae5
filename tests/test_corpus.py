"""The corpus loader: every problem reported as file:line, nothing built from a broken corpus."""

from pathlib import Path

from indexer.corpus.corpus import load_corpus
from tests.conftest import write_doc

TERM = "type: term\ntitle: Test term\nsources:\n  - {title: t, url: 'https://example.org'}"


def problems(corpus):
    return [str(p) for p in load_corpus(corpus).problems]


def test_the_test_corpus_is_clean(corpus_dir):
    result = load_corpus(corpus_dir)
    assert result.problems == [] and len(result.documents) == 10


def test_unknown_field_is_named_with_its_line(corpus_dir):
    write_doc(corpus_dir, "t", "en", TERM + "\ncolour: red", "Body.")
    write_doc(corpus_dir, "t", "zh", TERM, "正文。")
    assert problems(corpus_dir) == ["extra/t.en.md:8: unknown field 'colour' (known fields: see corpus/README.md)"]


def test_missing_title(corpus_dir):
    write_doc(corpus_dir, "t", "en", TERM.replace("title: Test term\n", ""), "Body.")
    write_doc(corpus_dir, "t", "zh", TERM, "正文。")
    assert "extra/t.en.md:1: missing required field 'title'" in problems(corpus_dir)


def test_duplicate_id_and_lang(corpus_dir):
    write_doc(corpus_dir, "rohs", "en", TERM, "Body.", folder="zz")
    assert any("duplicate id 'rohs' for lang en" in p for p in problems(corpus_dir))


def test_related_id_that_does_not_exist(corpus_dir):
    write_doc(corpus_dir, "t", "en", TERM + "\nrelated: [rohs, nowhere]", "Body.")
    write_doc(corpus_dir, "t", "zh", TERM, "正文。")
    assert "extra/t.en.md:8: related: no document with id 'nowhere'" in problems(corpus_dir)


def test_link_to_a_missing_page_names_the_body_line(corpus_dir):
    write_doc(corpus_dir, "t", "en", TERM, "Lead.\n\nSee [it](kb:nowhere).")
    write_doc(corpus_dir, "t", "zh", TERM, "正文。")
    assert "extra/t.en.md:11: link kb:nowhere: no document with id 'nowhere'" in problems(corpus_dir)


def test_link_to_a_missing_anchor(corpus_dir):
    write_doc(corpus_dir, "t", "en", TERM, "Lead [x](kb:rohs#nope).")
    write_doc(corpus_dir, "t", "zh", TERM, "正文。")
    assert any("'rohs' has no anchor '#nope'" in p for p in problems(corpus_dir))


def test_zh_page_without_its_en_twin(corpus_dir):
    write_doc(corpus_dir, "t", "zh", TERM, "正文。")
    assert "extra/t.zh.md:3: no en version of 't': add t.en.md" in problems(corpus_dir)


def test_heading_without_anchor_and_duplicate_anchor(corpus_dir):
    write_doc(corpus_dir, "t", "en", TERM, "Lead.\n\n## One {#a}\n\n## Two {#a}\n\n## Three\n")
    write_doc(corpus_dir, "t", "zh", TERM, "正文。\n\n## 一 {#a}\n")
    found = problems(corpus_dir)
    assert "extra/t.en.md:13: duplicate anchor '#a' (first on line 11)" in found
    assert any(p.startswith("extra/t.en.md:15: heading 'Three' has no anchor") for p in found)


def test_anchors_that_differ_between_languages_warn(corpus_dir):
    write_doc(corpus_dir, "t", "en", TERM, "Lead.\n\n## One {#one}\n")
    write_doc(corpus_dir, "t", "zh", TERM, "正文。\n\n## 一 {#uno}\n")
    result = load_corpus(corpus_dir)
    assert not result.errors and "only in zh ['uno']" in str(result.warnings[0])


def test_reserved_id_is_rejected(corpus_dir):
    write_doc(corpus_dir, "glossary", "en", TERM, "Body.")
    write_doc(corpus_dir, "glossary", "zh", TERM, "正文。")
    assert any("id 'glossary' is reserved" in p for p in problems(corpus_dir))


def test_every_problem_is_reported_at_once(corpus_dir):
    write_doc(corpus_dir, "t", "en", TERM + "\ncolour: red\nstatus: alive\nrelated: [nowhere]", "# H1\n")
    write_doc(corpus_dir, "t", "zh", TERM, "正文。")
    assert len(problems(corpus_dir)) == 4


def test_gbk_file_is_named_with_its_line(corpus_dir):
    path = corpus_dir / "extra" / "t.zh.md"
    path.parent.mkdir()
    path.write_bytes(f"---\nid: t\nlang: zh\n{TERM}\n---\n绿色贸易壁垒\n".encode("gbk"))
    assert problems(corpus_dir)[0].startswith("extra/t.zh.md:9: not valid UTF-8")


def test_bom_and_crlf_are_accepted(corpus_dir):
    for lang, body in (("en", "Body."), ("zh", "正文。")):
        path = write_doc(corpus_dir, "t", lang, TERM, body)
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert problems(corpus_dir) == []


def test_empty_file(corpus_dir):
    (corpus_dir / "empty.en.md").write_text("")
    assert problems(corpus_dir) == ["empty.en.md:1: empty file: a document needs a '---' header and a body"]


def test_header_that_does_not_parse(corpus_dir):
    (corpus_dir / "bad.en.md").write_text("---\nid: bad\ntitle: [unclosed\nlang: en\n---\nBody\n")
    found = problems(corpus_dir)
    assert len(found) == 1 and found[0].startswith("bad.en.md:") and "does not parse" in found[0]


def test_header_never_closed(corpus_dir):
    (corpus_dir / "open.en.md").write_text("---\nid: open\n")
    assert problems(corpus_dir) == ["open.en.md:1: the YAML header opened on line 1 is never closed by a '---' line"]


def test_huge_file_is_refused_with_a_clear_message(corpus_dir):
    (corpus_dir / "huge.en.md").write_bytes(b"x" * (6 * 1024 * 1024))
    assert "the limit is" in problems(corpus_dir)[0]


def test_figure_data_columns_are_checked(corpus_dir):
    header = (
        "type: figure\ntitle: F\ndata: f.csv\nchart: bar\nx: year\nseries: [count, missing]\n"
        "sources:\n  - {title: t, url: 'https://example.org'}"
    )
    write_doc(corpus_dir, "f", "en", header, "Lead.")
    write_doc(corpus_dir, "f", "zh", header, "正文。")
    (corpus_dir / "extra" / "f.csv").write_text("year,count\n2020,3\n")
    assert any("column 'missing' is not in f.csv" in p for p in problems(corpus_dir))


def test_shipped_corpus_readme_documents_every_field():
    from indexer.corpus.schema_rules import KNOWN

    readme = (Path(__file__).resolve().parent.parent / "corpus" / "README.md").read_text()
    assert all(f"`{name}`" in readme for name in KNOWN)
