"""import_pages(): validate saved EUR-Lex pages, then write them into the corpus.

Two rules keep the corpus safe: every page is parsed and checked before the first file is
written (one bad page changes nothing), and each file is written to a temporary file in
its own folder and moved into place with os.replace, so a reader never sees half a file.
Re-importing the same page leaves the file byte-identical; an older version of an act
never replaces a newer one.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .model import EurLexAct, EurLexImportError
from .parse import parse_eurlex
from .render import render_act

LANGS = ("en", "zh")      # the corpus holds Chinese and English documents only
MAX_LISTED = 20           # skipped elements listed per page; the rest are counted


@dataclass
class PageResult:
    source: str
    action: str                  # written | replaced | unchanged | older
    path: Path
    act: EurLexAct
    message: str = ""

    def lines(self) -> list[str]:
        act = self.act
        figures = ", ".join(f"{n} {name}" for name, n in act.figures().items())
        version = (f"consolidated {act.consolidated}" if act.version == "consolidated"
                   else f"adopted {act.adopted or '(date unknown)'}")
        out = [f"{self.action}: {self.path} from {self.source} "
               f"({act.designation or act.celex}, {version}; {figures})"]
        if self.message:
            out.append(f"  {self.message}")
        out += [f"  {s}" for s in act.skipped[:MAX_LISTED]]
        if len(act.skipped) > MAX_LISTED:
            out.append(f"  ... and {len(act.skipped) - MAX_LISTED} more")
        return out


@dataclass
class ImportReport:
    results: list[PageResult] = field(default_factory=list)

    @property
    def written(self) -> list[PageResult]:
        return [r for r in self.results if r.action in ("written", "replaced")]

    def lines(self) -> list[str]:
        return [line for result in self.results for line in result.lines()]


def import_pages(paths, corpus_dir, today: dt.date | None = None) -> ImportReport:
    """Import saved EUR-Lex pages into <corpus_dir>/eurlex/; all-or-nothing on bad files."""
    acts = read_pages(paths)
    today = today or dt.date.today()
    folder = Path(corpus_dir) / "eurlex"
    report = ImportReport()
    for act in acts:
        report.results.append(_store(act, folder, today))
    return report


def read_pages(paths) -> list[EurLexAct]:
    """Parse every page first; raise one EurLexImportError naming every bad file."""
    acts, errors = [], []
    for path in map(Path, paths):
        try:
            acts.append(_read_page(path))
        except EurLexImportError as err:
            errors.append(err)
    if errors:
        raise EurLexImportError.combine(errors)
    return acts


def _read_page(path: Path) -> EurLexAct:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise EurLexImportError(str(path), f"cannot be read ({err.strerror})") from None
    act = parse_eurlex(data, str(path))
    if act.lang not in LANGS:
        raise EurLexImportError(str(path), f"the page is in language '{act.lang}'; the corpus "
                                           "holds only Chinese (zh) and English (en) texts")
    return act


def _store(act: EurLexAct, folder: Path, today: dt.date) -> PageResult:
    path = folder / f"{act.doc_id}.{act.lang}.md"
    existing = path.read_text(encoding="utf-8") if path.is_file() else None
    if existing is None:
        _atomic_write(path, render_act(act, today))
        return PageResult(act.source_name, "written", path, act)
    old_version, old_date = _version_of(existing)
    if old_date and act.version_date and act.version_date < old_date:
        return PageResult(act.source_name, "older", path, act,
                          f"not imported: the corpus already has the {old_version} version "
                          f"of {old_date}, newer than this page's {act.version} version of "
                          f"{act.version_date}")
    text = render_act(act, today)
    if _without_updated(text) == _without_updated(existing):
        return PageResult(act.source_name, "unchanged", path, act, "same text as in the corpus")
    _atomic_write(path, text)
    if (old_version, old_date) != (act.version, act.version_date):
        return PageResult(act.source_name, "replaced", path, act,
                          f"replaced the {old_version} version of {old_date or '(no date)'}")
    return PageResult(act.source_name, "written", path, act, "updated the same version")


def _version_of(text: str) -> tuple[str, str]:
    """(version, date that orders versions) from the header of a file already in the corpus."""
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    try:
        meta = yaml.safe_load(match.group(1)) if match else None
    except yaml.YAMLError:
        meta = None
    if not isinstance(meta, dict):
        return "unreadable", ""
    version = str(meta.get("version", "adopted"))
    date = meta.get("consolidated") if version == "consolidated" else meta.get("adopted")
    return version, str(date or "")


def _without_updated(text: str) -> str:
    """The file minus its `updated:` line: a re-import of the same text keeps the old date."""
    return re.sub(r"(?m)^updated: .*\n", "", text, count=1)


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, _file_mode(path))   # mkstemp creates 0600; corpus files are shared
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _file_mode(path: Path) -> int:
    """The mode of the file being replaced, or the usual mode under the current umask."""
    if path.exists():
        return path.stat().st_mode & 0o777
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask
