"""The per-query cost of our search on an existing index, and what its answers are, for before/after checks.

    .venv/bin/python bench/query_cost.py snapshot OUT.json [--index DIR]   # every query's answer
    .venv/bin/python bench/query_cost.py compare BEFORE.json AFTER.json    # differences, if any
    .venv/bin/python bench/query_cost.py time [--index DIR] [--rounds 5]   # CPU ms per query
    .venv/bin/python bench/query_cost.py profile [--index DIR] [--top 40]  # cProfile of one pass
    valgrind --tool=callgrind .venv/bin/python bench/query_cost.py passes P  # instructions: P=2 minus P=0
    .venv/bin/python bench/query_cost.py api [--index DIR]                 # CPU ms per /api/search request

The queries: bench/search.py's 20 plus every query and question of tests/relevance/*.yaml, in the
language the relevance evaluation uses. A snapshot holds each query's total, ranked top 10 (ids and
languages) and every shown passage (anchor, language, snippet), so two snapshots taken before and
after a change show whether any answer moved. `time` empties the remembered answers before each
search and reports CPU time (time.process_time), steadier than wall time on a shared machine, and
the CPU time of whoosh's bare searcher.search over the page records for the same parsed queries.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.relevance import CJK, load_queries, load_questions  # noqa: E402
from bench.search import QUERIES, bare_whoosh, forget_answers, percentile  # noqa: E402
from indexer.engine.index import IndexManager  # noqa: E402
from indexer.engine.search import search  # noqa: E402

DEFAULT_INDEX = ROOT / "instance" / "index"


def all_queries() -> list[tuple[str, str]]:
    """(query, lang) pairs, each once, in a fixed order."""
    cases = [(q, "zh" if CJK.search(q) else "en") for q in QUERIES]
    for case in load_queries() + load_questions():
        q = str(case["q"])
        cases.append((q, case.get("lang") or ("zh" if CJK.search(q) else "en")))
    return list(dict.fromkeys(cases))


def answer(manager, q: str, lang: str) -> dict:
    results = search(manager, q, lang=lang, pagesize=10)
    return {
        "total": results.total,
        "corrected": results.corrected,
        "suggestion": results.suggestion,
        "facets": results.facets,
        "top": [f"{h.doc_id}:{h.lang}" for h in results.hits],
        "passages": [[f"{p.lang}#{p.anchor}", p.snippet] for h in results.hits for p in h.passages],
    }


def snapshot(manager, out: Path):
    found = {f"{lang}|{q}": answer(manager, q, lang) for q, lang in all_queries()}
    out.write_text(json.dumps(found, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(found)} queries -> {out}")


def compare(before: Path, after: Path) -> int:
    old, new = (json.loads(p.read_text(encoding="utf-8")) for p in (before, after))
    differences = 0
    for key in old.keys() | new.keys():
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        differences += 1
        print(f"\n{key}")
        for part in ("total", "corrected", "suggestion", "facets", "top"):
            if (a or {}).get(part) != (b or {}).get(part):
                print(f"  {part}: {(a or {}).get(part)}\n  {'':>{len(part)}}  {(b or {}).get(part)}")
        if a and b and a["passages"] != b["passages"]:
            first = [i for i, (x, y) in enumerate(zip(a["passages"], b["passages"])) if x != y]
            print(f"  passages differ from #{first[0] if first else min(len(a['passages']), len(b['passages']))}")
            for i in first[:3]:
                print(f"    before {a['passages'][i]}\n    after  {b['passages'][i]}")
    print(f"{differences} of {len(old.keys() | new.keys())} queries differ")
    return 1 if differences else 0


def cpu_ms(run) -> float:
    started = time.process_time()
    run()
    return (time.process_time() - started) * 1000


def timing(manager, rounds: int):
    cases = all_queries()
    samples = {"bench": [], "relevance": [], "bare bench": [], "bare relevance": []}
    for i, (q, lang) in enumerate(cases):
        search(manager, q, lang=lang, pagesize=10)  # warm up: the view's per-build caches

        def run():
            forget_answers(manager)
            search(manager, q, lang=lang, pagesize=10)

        which = "bench" if i < len(QUERIES) else "relevance"
        for _ in range(rounds):
            samples[which].append(cpu_ms(run))
            samples[f"bare {which}"].append(cpu_ms(lambda: bare_whoosh(manager, q)))
    print(f"{len(cases)} queries, {rounds} rounds, CPU ms per search (answers forgotten before each)")
    for name, values in samples.items():
        print(
            f"  {name:<15} p50 {percentile(values, 50):6.2f}  p95 {percentile(values, 95):6.2f}"
            f"  mean {statistics.mean(values):6.2f}  ({len(values)} runs)"
        )


def profile(manager, top: int):
    cases = all_queries()
    for q, lang in cases:
        search(manager, q, lang=lang, pagesize=10)
    profiler = cProfile.Profile()
    profiler.enable()
    for q, lang in cases:
        forget_answers(manager)
        search(manager, q, lang=lang, pagesize=10)
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


def passes(manager, count: int):
    """bench/search.py's queries once (warming the per-build tables), then `count` more passes with
    the answers forgotten: under callgrind, (instructions at 2 - instructions at 0) / 40 is one
    search's cost whatever else the machine runs."""
    cases = all_queries()[: len(QUERIES)]
    for q, lang in cases:
        search(manager, q, lang=lang, pagesize=10)
    for _ in range(count):
        for q, lang in cases:
            forget_answers(manager)
            search(manager, q, lang=lang, pagesize=10)


def api(index: Path, count: int = 250, rounds: int = 4):
    """CPU ms per /api/search request in-process (Flask's test client), on `count` of the distinct
    word pairs bench/queries.lua sends, answers forgotten before each; the best of `rounds` passes."""
    import itertools
    import os
    from urllib.parse import quote

    from kb import create_app

    os.environ["KB_INDEX_DIR"] = str(index)
    lua = (ROOT / "bench" / "queries.lua").read_text(encoding="utf-8")
    words = re.findall(r'"([^"]+)"', lua[lua.index("local words") : lua.index("local function")])
    pairs = list(itertools.combinations(words, 2))
    paths = [
        f"/api/search?lang={'zh' if i % 2 == 0 else 'en'}&q={quote(a + ' ' + b)}" for i, (a, b) in enumerate(pairs)
    ][:: max(1, len(pairs) // count)][:count]
    app = create_app()
    client, manager = app.test_client(), app.extensions["knowledge"].index
    client.get(paths[0])
    best = []
    for _ in range(rounds):
        started = time.process_time()
        for path in paths:
            forget_answers(manager)
            client.get(path)
        best.append((time.process_time() - started) * 1000 / len(paths))
    print(f"/api/search, {len(paths)} distinct word pairs: best {min(best):.2f} ms CPU a request ({best})")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("snapshot", "compare", "time", "profile", "passes", "api"))
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--index", type=Path, default=DEFAULT_INDEX)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args(argv)
    if args.command == "compare":
        return compare(*args.files)
    if args.command == "api":
        return api(args.index)
    manager = IndexManager(args.index)
    manager.open()
    if args.command == "snapshot":
        snapshot(manager, args.files[0])
    elif args.command == "passes":
        passes(manager, int(str(args.files[0])))
    elif args.command == "time":
        timing(manager, args.rounds)
    else:
        profile(manager, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
