"""Corpus files -> documents. Reads and checks one file at a time; `validate` checks across files.

Every problem is collected (never just the first) as `file:line: what is wrong`, so an author
fixes a whole file in one pass.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from indexer.corpus import schema_rules as rules
from indexer.corpus.lexicon import LEXICON_FILE, load_lexicon
from indexer.corpus.sections import SLUG, Section, headings, split_sections

KB_LINK = re.compile(r"\]\(kb:([^)#\s]*)(?:#([^)\s]*))?\)")
CELEX_LINK = re.compile(r"\]\(celex:([^)#\s]*)(?:#([^)\s]*))?\)")
MAX_FILE_BYTES = 5 * 1024 * 1024


def _lenient_timestamp(loader, node):
    # 2027-02-30 looks like a date but is none: PyYAML would raise a bare ValueError with no line.
    # Kept as text, it reaches the field checks, which name its line.
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser where PyYAML has it
    pass


class _PureLoader(yaml.SafeLoader):
    pass


for _loader in (_FastLoader, _PureLoader):
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _lenient_timestamp)
FAST_LOADER = _FastLoader


@dataclass
class Problem:
    path: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self):
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}: {prefix}{self.message}"


@dataclass
class Document:
    path: Path
    meta: dict
    body: str
    body_line: int  # line of the file where the body starts
    field_lines: dict = field(default_factory=dict)
    links: list = field(default_factory=list)  # (line, id, anchor)
    sha: str = ""

    id = property(lambda self: self.meta["id"])
    lang = property(lambda self: self.meta["lang"])
    type = property(lambda self: self.meta["type"])
    title = property(lambda self: self.meta["title"])
    aliases = property(lambda self: [str(a) for a in self.meta.get("aliases") or []])
    key = property(lambda self: f"{self.meta['id']}:{self.meta['lang']}")

    @property
    def sections(self) -> list[Section]:
        if "_sections" not in self.__dict__:
            self.__dict__["_sections"] = split_sections(self.body, self.title)
        return self.__dict__["_sections"]

    @property
    def anchors(self) -> list[str]:
        if "_anchors" not in self.__dict__:  # kept: the link checks ask for every page's anchors
            self.__dict__["_anchors"] = [h.anchor for h in headings(self.body) if h.anchor]
        return self.__dict__["_anchors"]

    def line_of(self, name: str) -> int:
        return self.field_lines.get(name, 1)


@dataclass
class LoadResult:
    documents: list[Document]
    problems: list[Problem]
    lexicon: list = field(default_factory=list)  # groups of names from corpus/lexicon.yaml

    @property
    def errors(self):
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self):
        return [p for p in self.problems if p.severity == "warning"]


def corpus_files(corpus_dir: Path) -> list[Path]:
    return sorted(p for p in Path(corpus_dir).rglob("*.md") if p.name != "README.md")


def load_corpus(corpus_dir, cache_path=None) -> LoadResult:
    """Every document and problem; with `cache_path`, unchanged files come from the last run's reading."""
    from indexer.corpus.corpus_cache import read_all
    from indexer.corpus.validate import validate

    corpus_dir = Path(corpus_dir)
    documents, problems = read_all(
        corpus_files(corpus_dir),
        lambda path, found: read_document(path, found, corpus_dir),
        corpus_dir,
        Path(cache_path) if cache_path else None,
    )
    problems.extend(validate(documents, corpus_dir))
    lexicon = load_lexicon(corpus_dir, lambda line, msg: problems.append(Problem(LEXICON_FILE, line, msg)))
    return LoadResult(documents, problems, lexicon)


def read_document(path: Path, problems: list, root: Path | None = None) -> Document | None:
    name = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
    report = lambda line, msg: problems.append(Problem(name, line, msg))  # noqa: E731
    data = path.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        return report(1, f"file is {len(data):,} bytes; the limit is {MAX_FILE_BYTES:,}")
    text = decode(data, report)
    if text is None:
        return None
    if not text.strip():
        return report(1, "empty file: a document needs a '---' header and a body")
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return report(1, "the file must start with a '---' line opening the YAML header")
    try:
        close = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == "---")
    except StopIteration:
        return report(1, "the YAML header opened on line 1 is never closed by a '---' line")
    meta, field_lines = parse_header("\n".join(lines[1:close]), report)
    if meta is None:
        return None
    rules.check_fields(meta, field_lines, path, report)
    body = "\n".join(lines[close + 1 :])
    doc = Document(path, meta, body, close + 2, field_lines, sha=content_hash(path, data, meta))
    check_body(doc, report)
    # A document with other problems still takes part in the cross-file checks, so that one run
    # reports everything; the build refuses to run while any error stands.
    usable = all(isinstance(meta.get(k), str) for k in ("id", "lang", "type", "title"))
    return doc if usable else None


def content_hash(path: Path, data: bytes, meta: dict) -> str:
    h = hashlib.sha256(data)
    extra = path.parent / str(meta.get("data", "")) if meta.get("data") else None
    if extra and extra.is_file():  # a figure's CSV is part of its content
        h.update(extra.read_bytes())
    return h.hexdigest()


def decode(data: bytes, report) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        report(line, f"not valid UTF-8 (byte 0x{data[e.start]:02x}); save the file as UTF-8 (is it GBK or UTF-16?)")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_header(header: str, report):
    try:
        node, meta = _load_header(header, FAST_LOADER)
    except yaml.YAMLError:
        try:  # the messages quoted to authors are the pure-Python loader's
            node, meta = _load_header(header, _PureLoader)
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            line = mark.line + 2 if mark else 1
            problem = getattr(e, "problem", None) or str(e).splitlines()[0]
            report(line, f"the YAML header does not parse: {problem}")
            return None, None
    if not isinstance(meta, dict):
        report(2, "the YAML header must be a mapping of field: value lines")
        return None, None
    lines = {k.value: k.start_mark.line + 2 for k, _ in node.value}
    lines.update(_item_lines(node))
    return meta, lines


def _item_lines(node) -> dict:
    """Lines of the entries of list fields (`key_dates[0]`, `key_dates[0].date`), for file:line."""
    lines = {}
    for key, value in node.value:
        if not isinstance(value, yaml.SequenceNode):
            continue
        for i, item in enumerate(value.value):
            lines[f"{key.value}[{i}]"] = item.start_mark.line + 2
            if isinstance(item, yaml.MappingNode):
                lines.update({f"{key.value}[{i}].{k.value}": k.start_mark.line + 2 for k, _ in item.value})
    return lines


def _load_header(header: str, loader_class):
    # One parse gives both the values and each field's line (what yaml.safe_load does, keeping the
    # node): YAML parsing is most of the time it takes to load the corpus.
    loader = loader_class(header)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def check_body(doc: Document, report) -> None:
    seen = {}
    for h in headings(doc.body):
        line = doc.body_line + h.line - 1
        if h.level == 1:
            report(line, "no level-1 heading in the body: the title comes from the header")
        elif h.anchor is None:
            report(line, f"heading '{h.text}' has no anchor: write it as '{'#' * h.level} {h.text} {{#some-anchor}}'")
        elif not SLUG.match(h.anchor):
            report(line, f"anchor '{h.anchor}' is not a slug (lower-case letters, digits, '-')")
        elif h.anchor in seen:
            report(line, f"duplicate anchor '#{h.anchor}' (first on line {seen[h.anchor]})")
        else:
            seen[h.anchor] = line
    for number, text in enumerate(doc.body.split("\n"), start=doc.body_line):
        doc.links.extend((number, m.group(1), m.group(2)) for m in KB_LINK.finditer(text))
        for m in CELEX_LINK.finditer(text):
            if not rules.CELEX.match(m.group(1)):
                report(number, f"'{m.group(1)}' in a celex: link is not a CELEX number")
