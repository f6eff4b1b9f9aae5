"""The repository stands alone: nothing a test reads lies beside the clone."""

import pytest

from tests.conftest import ROOT


def test_reading_beside_the_repository_fails():
    with pytest.raises(PermissionError, match="outside the repository"):
        (ROOT.parent / "shared" / "eurlex" / "README.md").read_text()


def test_listing_beside_the_repository_fails():
    with pytest.raises(PermissionError):
        list((ROOT.parent).iterdir())


def test_reading_inside_the_repository_and_temporary_folders_works(tmp_path):
    assert (ROOT / "README.md").read_text()
    (tmp_path / "x.txt").write_text("ok")
    assert (tmp_path / "x.txt").read_text() == "ok"


def test_the_eurlex_samples_are_in_the_repository_with_their_source():
    readme = (ROOT / "tests" / "data" / "eurlex" / "README.md").read_text()
    assert "2011/833/EU" in readme
    for name in ("dga_32022R0868.html", "modern_1_raw.html", "moderncons_1_raw.html", "old_1_raw.html"):
        assert (ROOT / "tests" / "data" / "eurlex" / name).is_file()
        assert name in readme
