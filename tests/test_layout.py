"""The import rules the layout stands for (README, "Layout"), checked on every module's imports."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("indexer", "kb")


def modules():
    """dotted name -> path of every module of the app's packages."""
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path) -> set[str]:
    """Every module `name` imports, relative imports resolved, at any depth of the code."""
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")[: len(name.split(".")) - node.level + (1 if is_package else 0)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)  # `from pkg import module`
    return found


MODULES = modules()
IMPORTS = {name: imports_of(name, path) for name, path in MODULES.items()}


def subsystem(module: str) -> str | None:
    """indexer.engine.search -> indexer.engine; a top-level module of indexer is its own unit."""
    parts = module.split(".")
    if parts[0] not in PACKAGES:
        return None
    return ".".join(parts[:2]) if len(parts) > 1 else parts[0]


def importers_of(prefix: str) -> list[str]:
    return sorted(
        name for name, found in IMPORTS.items() if any(m == prefix or m.startswith(prefix + ".") for m in found)
    )


def test_the_checker_sees_the_imports_it_judges():
    # A checker that found no imports would pass every rule below.
    assert "indexer.engine.index" in MODULES and "kb.knowledge" in MODULES
    assert "whoosh" in {m.split(".")[0] for m in IMPORTS["indexer.engine.index"]}
    assert "indexer.corpus.corpus" in IMPORTS["kb.knowledge"]
    assert "indexer.products.load" in IMPORTS["indexer.products.match"]  # a relative import resolved
    assert "indexer.eurlex.model" in IMPORTS["indexer.eurlex.parse"]


def test_only_the_engine_imports_whoosh():
    outside = [name for name in importers_of("whoosh") if not name.startswith("indexer.engine")]
    assert outside == []


def test_indexer_never_imports_kb():
    assert [name for name in importers_of("kb") if name.startswith("indexer")] == []


def test_text_analysis_imports_no_engine_and_no_other_subsystem():
    for name, found in IMPORTS.items():
        if name.startswith("indexer.analysis"):
            inside = {subsystem(m) for m in found if m.startswith("indexer.")}
            assert inside <= {"indexer.analysis", "indexer.vocabulary"}, (name, inside)


def subsystem_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, found in IMPORTS.items():
        if not name.startswith("indexer"):
            continue
        own = subsystem(name)
        edges = graph.setdefault(own, set())
        edges.update(s for s in map(subsystem, found) if s and s != own and s.startswith("indexer") and s != "indexer")
    return graph


def test_no_cycles_between_the_subsystems_of_indexer():
    graph = subsystem_graph()
    assert graph["indexer.engine"] >= {"indexer.analysis", "indexer.corpus"}  # the graph is not empty
    done, path = set(), []

    def visit(node):
        assert node not in path, "import cycle: " + " -> ".join(path[path.index(node) :] + [node])
        if node in done:
            return
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            visit(nxt)
        path.pop()
        done.add(node)

    for node in sorted(graph):
        visit(node)


def readme_layout() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]


def test_readme_layout_lists_exactly_the_subpackages_of_indexer():
    listed = set(re.findall(r"^\s+indexer/(\w+)/", readme_layout(), re.M))
    tree = {p.parent.name for p in (ROOT / "indexer").glob("*/__init__.py")}
    assert listed == tree
    modules = set(re.findall(r"^\s+indexer/(\w+)\.py", readme_layout(), re.M))
    assert modules == {p.stem for p in (ROOT / "indexer").glob("*.py") if p.stem != "__init__"}


def test_document_urls_are_built_in_one_place():
    # kb.urls.document_url builds /<lang>/<doc_id>[#anchor]; the link checker and the sitemap read
    # the route by name (to resolve links, and to list every route's pages alike), they build none.
    allowed = {"kb/urls.py", "kb/linkcheck.py", "kb/sitemaps.py"}
    files = [*(ROOT / "kb").rglob("*.py"), *(ROOT / "templates").rglob("*.html")]
    building = sorted(
        str(p.relative_to(ROOT))
        for p in files
        if "pages.document" in p.read_text(encoding="utf-8") and str(p.relative_to(ROOT)) not in allowed
    )
    assert len(files) > 20 and building == []
