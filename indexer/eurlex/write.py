"""import_pages(): validate saved EUR-Lex pages, then write them into the corpus.

Two rules keep the corpus safe: every page is parsed and checked before the first file is
written (one bad page changes nothing), and each file is written to a temporary file in
its own folder and moved into place with os.replace, so a reader never sees half a file.
Re-importing the same page leaves the file byte-identical. Each version of an act (as adopted,
each consolidated version, each corrigendum) is a file of its own; the older versions' headers
name the newest (mark_versions).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from indexer.vocabulary import LANGS  # the corpus holds Chinese and English documents only

from .model import EurLexAct, EurLexImportError
from .parse import parse_eurlex
from .render import render_act

MAX_LISTED = 20  # skipped elements listed per page; the rest are counted


def version_label(act: EurLexAct) -> str:
    """'consolidated 2016-05-04', 'adopted 2016-04-27', 'corrigendum R(01) 2018-05-23'."""
    name = f"corrigendum R({act.corrigendum})" if act.version == "corrigendum" else act.version
    return f"{name} {act.version_date or '(date unknown)'}"


@dataclass
class PageResult:
    source: str
    action: str  # written | unchanged
    path: Path
    act: EurLexAct
    message: str = ""

    def lines(self) -> list[str]:
        act = self.act
        figures = ", ".join(f"{n} {name}" for name, n in act.figures().items())
        version = version_label(act)
        out = [f"{self.action}: {self.path} from {self.source} ({act.designation or act.celex}, {version}; {figures})"]
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
        return [r for r in self.results if r.action == "written"]

    def lines(self) -> list[str]:
        return [line for result in self.results for line in result.lines()]

    def table(self) -> list[str]:
        """The closing table: one row per page (act, version, parts counted, problems)."""
        rows = [("act", "version", "parts", "problems", "page")]
        for r in self.results:
            f = r.act.figures()
            parts = f"{f['articles']} art., {f['annexes']} anx., {f['recitals']} rec., {f['tables']} tab."
            rows.append(
                (
                    r.act.designation or r.act.celex,
                    version_label(r.act),
                    parts,
                    str(len(r.act.skipped)),
                    Path(r.source).name,
                )
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
        return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[-1] for row in rows]


def import_pages(paths, corpus_dir, today: dt.date | None = None, on_page=None) -> ImportReport:
    """Import saved EUR-Lex pages into <corpus_dir>/eurlex/; all-or-nothing on bad files.
    `on_page(path)` is called as each page has been read (for a progress bar)."""
    acts = read_pages(paths, on_page)
    today = today or dt.date.today()
    folder = Path(corpus_dir) / "eurlex"
    report = ImportReport()
    for act in acts:
        report.results.append(_store(act, folder, today))
    mark_versions(folder, [act.celex for act in acts])
    return report


PAGE_SUFFIXES = (".html", ".htm", ".xhtml")


def pages_in(folder) -> list[Path]:
    """The saved pages of a folder (not its subfolders), in name order."""
    return sorted(p for p in Path(folder).iterdir() if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES)


def read_pages(paths, on_page=None) -> list[EurLexAct]:
    """Parse every page first; raise one EurLexImportError naming every bad file."""
    acts, errors = [], []
    for path in map(Path, paths):
        try:
            acts.append(_read_page(path))
        except EurLexImportError as err:
            errors.append(err)
        if on_page is not None:
            on_page(path)
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
        raise EurLexImportError(
            str(path),
            f"the page is in language '{act.lang}'; the corpus "
            "holds only Chinese (zh) and English (en) texts "
            "(save the English page from EUR-Lex instead)",
        )
    return act


def _store(act: EurLexAct, folder: Path, today: dt.date) -> PageResult:
    """Each version of an act is its own file: a page only ever replaces the same version."""
    path = folder / f"{act.doc_id}.{act.lang}.md"
    existing = path.read_text(encoding="utf-8") if path.is_file() else None
    text = render_act(act, today)
    if existing is None:
        _atomic_write(path, text)
        return PageResult(act.source_name, "written", path, act)
    if _comparable(text) == _comparable(existing):
        return PageResult(act.source_name, "unchanged", path, act, "same text as in the corpus")
    _atomic_write(path, _with_version_lines(text, _version_lines(existing)))
    return PageResult(act.source_name, "written", path, act, "updated the same version")


# -- which version is the newest ------------------------------------------------------------
# Older versions say so in their header (status: replaced, replaced_by: [the newest]): search
# shows the newest version of an act by default and the others under the status filter, and
# an older version's page links to the newest. Only this module writes these two lines.
VERSION_LINES = re.compile(r"(?m)^(status: replaced|replaced_by: \[[^\]\n]*\])\n")


def mark_versions(folder: Path, celexes) -> list[Path]:
    """Rewrite the version lines of every file of these acts in `folder`; return the changed."""
    changed = []
    for celex in sorted(set(celexes)):
        files = sorted(folder.glob(f"celex-{celex.lower()}*.md"))
        versions = {path: _version_of(path.read_text(encoding="utf-8")) for path in files}
        versions = {p: v for p, v in versions.items() if v[2] == celex}
        if not versions:
            continue
        newest = max(versions.values(), key=lambda v: (v[1], v[0] == "consolidated", v[3]))[3]
        for path, (_, _, _, doc_id) in versions.items():
            text = path.read_text(encoding="utf-8")
            lines = [] if doc_id == newest else ["status: replaced", f"replaced_by: [{newest}]"]
            wanted = _with_version_lines(text, lines)
            if wanted != text:
                _atomic_write(path, wanted)
                changed.append(path)
    return changed


def _version_lines(text: str) -> list[str]:
    return [m.group(1) for m in VERSION_LINES.finditer(_header_of(text))]


def _with_version_lines(text: str, lines: list[str]) -> str:
    """The file with exactly these version lines, placed before `sources:` in its header."""
    header = _header_of(text)
    bare = VERSION_LINES.sub("", header)
    marked = bare.replace("\nsources:", "".join(f"\n{line}" for line in lines) + "\nsources:", 1)
    return text.replace(header, marked, 1)


def _header_of(text: str) -> str:
    match = re.match(r"---\n.*?\n---\n", text, re.S)
    return match.group(0) if match else ""


def _version_of(text: str) -> tuple[str, str, str, str]:
    """(version, date that orders versions, CELEX, id) from the header of a corpus file."""
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    try:
        meta = yaml.safe_load(match.group(1)) if match else None
    except yaml.YAMLError:
        meta = None
    if not isinstance(meta, dict) or meta.get("type") != "act":
        return "unreadable", "", "", ""
    version = str(meta.get("version", "adopted"))
    date = meta.get("version_date") or (meta.get("consolidated") if version == "consolidated" else meta.get("adopted"))
    return version, str(date or ""), str(meta.get("celex", "")), str(meta.get("id", ""))


def _comparable(text: str) -> str:
    """The file minus its `updated:` and version lines: a re-import of the same text keeps the
    old date, and a page does not undo what a newer version wrote into it."""
    return VERSION_LINES.sub("", re.sub(r"(?m)^updated: .*\n", "", text, count=1))


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, _file_mode(path))  # mkstemp creates 0600; corpus files are shared
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
