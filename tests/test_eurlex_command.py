"""`kb import-eurlex DIR`: every page of a folder, a progress bar, a closing table; nothing is
written when one page is unreadable or in a language other than Chinese or English."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from indexer.corpus.corpus import load_corpus
from kb.eurlex_cmd import import_eurlex_command
from tests.conftest import DATA

SAMPLES = DATA / "eurlex"
SMALL = ["old_1_raw.html", "modern_1_raw.html", "moderncons_1_raw.html", "eprivacy_02002L0058-20091219.html"]


def folder_of(tmp_path, names):
    folder = tmp_path / "saved"
    folder.mkdir()
    for name in names:
        shutil.copy(SAMPLES / name, folder / name)
    (folder / "notes.txt").write_text("not a page", encoding="utf-8")  # ignored: not .html
    return folder


def run(*args):
    return CliRunner().invoke(import_eurlex_command, [str(a) for a in args])


def test_folder_is_imported_page_by_page_with_a_closing_table(tmp_path):
    result = run(folder_of(tmp_path, SMALL), "--corpus", tmp_path / "corpus")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("act "))
    assert lines[header].split()[:4] == ["act", "version", "parts", "problems"]
    rows = {line.split("  ")[0]: line for line in lines[header + 1 : header + 5]}
    assert set(rows) == {
        "Regulation (EC) No 6/2002",
        "Regulation (EU) No 575/2013",
        "Directive 2009/65/EC",
        "Directive 2002/58/EC",
    }
    assert "consolidated 2009-12-19" in rows["Directive 2002/58/EC"]
    assert "23 art." in rows["Directive 2002/58/EC"]
    assert "4 file(s) written" in result.output


def test_progress_bar_is_shown(tmp_path):
    result = run(folder_of(tmp_path, SMALL[:2]), "--corpus", tmp_path / "corpus")
    assert "Reading pages" in result.output


def test_what_the_folder_import_writes_passes_the_check(tmp_path):
    run(folder_of(tmp_path, SMALL), "--corpus", tmp_path / "corpus")
    result = load_corpus(tmp_path / "corpus")
    assert [str(p) for p in result.problems] == [] and len(result.documents) == 4


def test_page_in_german_stops_the_whole_folder(tmp_path):
    folder = folder_of(tmp_path, SMALL[:2] + ["EUHb_de_raw.html"])
    result = run(folder, "--corpus", tmp_path / "corpus")
    assert result.exit_code == 1
    assert "EUHb_de_raw.html: the page is in language 'de'" in result.output
    assert "only Chinese (zh) and English (en)" in result.output
    assert "Nothing was imported" in result.output and not (tmp_path / "corpus").exists()


def test_unreadable_page_in_the_folder_stops_the_whole_folder(tmp_path):
    folder = folder_of(tmp_path, SMALL[:2])
    (folder / "broken.html").write_bytes((SAMPLES / SMALL[2]).read_bytes()[:5000])
    result = run(folder, "--corpus", tmp_path / "corpus")
    assert result.exit_code == 1 and "broken.html: the page is truncated" in result.output
    assert not (tmp_path / "corpus").exists()


def test_folder_without_pages_is_an_error(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run(empty, "--corpus", tmp_path / "corpus")
    assert result.exit_code == 1 and "no saved pages (.html, .htm, .xhtml)" in result.output
