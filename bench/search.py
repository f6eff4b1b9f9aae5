"""Index build, re-index, query latency and CLI cold start: ours (whoosh) beside SQLite FTS5.

    python bench/search.py --passages 10000     # a synthetic corpus of 10,000 passages (bench/corpus.py)
    python bench/search.py --corpus corpus      # a copy of the shipped corpus

Everything runs on a copy under bench/out/<name>/ (the corpus, our index, the FTS5 database).
Builds run in a forked child so that each one's peak memory is its own. The machine is shared
and noisy: read the ratios ours/FTS5, measured in the same run, rather than absolute times.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import fts5  # noqa: E402
from bench.corpus import write_corpus  # noqa: E402
from indexer.corpus.corpus import corpus_files, load_corpus  # noqa: E402
from indexer.corpus.corpus_cache import cache_file  # noqa: E402
from indexer.engine.index import IndexManager  # noqa: E402
from indexer.engine.query import DOC_FIELDS, parse_user_query  # noqa: E402
from indexer.engine.search import search  # noqa: E402
from indexer.vocabulary import CJK_CHAR  # noqa: E402

QUERIES = [  # words, two-word AND, phrases, identifiers, prefixes; both languages
    "RoHS",
    "回收",
    "recycling",
    "有害物质",
    "battery",
    "能效",
    "电池 回收",
    "hazardous substances",
    "CE 标志",
    "energy label",
    '"declaration of conformity"',
    '"绿色贸易壁垒"',
    '"生产者责任"',
    "2011/65/EU",
    "32011L0065",
    "GB/T 26572",
    "Directive 2012/19/EU",
    "ecod*",
    "recycl*",
    "环境*",
]
EDIT = "\n\n本段为基准测试追加的文字，用于测量增量索引。This paragraph was added by the benchmark.\n"


def measured(fn, *args) -> dict:
    """fn(*args) -> dict, run in a forked child; adds the child's peak RSS (MB, with its own children)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            payload = json.dumps(fn(*args))
        except BaseException as e:  # the parent must hear about it, not wait forever
            payload = json.dumps({"error": repr(e)})
        with os.fdopen(write, "w") as f:
            f.write(payload)
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as f:
        result = json.loads(f.read())
    _, _, usage = os.wait4(pid, 0)
    if "error" in result:
        raise RuntimeError(result["error"])
    return result | {"peak_mb": usage.ru_maxrss / 1024}


def cpu_seconds() -> float:
    """CPU time of this process and its finished children: on a busy machine it varies far less than wall time."""
    mine, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return mine.ru_utime + mine.ru_stime + children.ru_utime + children.ru_stime


def timed(fn, *args):
    started = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - started


def timed_build(fn, *args) -> dict:
    """Wall and CPU seconds of one build step, and what kind of build it was."""
    cpu = cpu_seconds()
    result, wall = timed(fn, *args)
    return {"build_s": wall, "build_cpu_s": cpu_seconds() - cpu, "status": getattr(result, "status", "")}


def build_ours(corpus: Path, index: Path) -> dict:
    # As `kb build` loads: through the corpus cache beside the index (filled here, used by re-index).
    documents, load_s = timed(lambda: load_corpus(corpus, cache_path=cache_file(index)).documents)
    manager = IndexManager(index)
    return timed_build(manager.build, documents, True) | {
        "load_s": load_s,
        "passages": sum(len(d.sections) for d in documents),
        "documents": len(documents),
        "size_mb": size_mb(manager.current.resolve()),
    }


def reindex_ours(corpus: Path, index: Path) -> dict:
    documents, load_s = timed(lambda: load_corpus(corpus, cache_path=cache_file(index)).documents)
    manager = IndexManager(index)
    return timed_build(manager.build, documents) | {"load_s": load_s}


def build_fts5(corpus: Path, db: Path) -> dict:
    documents, load_s = timed(lambda: load_corpus(corpus).documents)
    return timed_build(fts5.build, db, documents) | {"load_s": load_s, "size_mb": size_mb(db)}


def reindex_fts5(corpus: Path, db: Path, path: Path) -> dict:
    documents, load_s = timed(lambda: load_corpus(corpus).documents)
    changed = next(d for d in documents if d.path == path)
    return timed_build(fts5.replace_document, db, changed) | {"load_s": load_s}


def wall(samples, p) -> float:
    return percentile([w for w, _ in samples], p)


def cpu(samples, p) -> float:
    return percentile([c for _, c in samples], p)


def percentile(samples, p) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def forget_answers(manager):
    """indexer.engine.view remembers recent answers per build: forget them, so that a timed run searches."""
    with manager.view() as view:
        getattr(view, "_answers", {}).clear()


def clocked(run) -> tuple[float, float]:
    """Wall and CPU milliseconds of run(): CPU time moves far less than wall time on a busy machine."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def uncached(manager, run):
    """Milliseconds of run() searching for real."""

    def call():
        forget_answers(manager)
        return clocked(run)

    return call


def remembered(run):
    """Milliseconds of run() answered from the remembered answers."""

    def call():
        run()  # computes and remembers the answer
        return clocked(run)

    return call


def bare_whoosh(manager, q: str):
    """whoosh's own searcher.search of the page records, top 10, for the query as we parse it and
    spread it over the page fields: no passages, no sections, none of our ranking. What the engine
    alone costs, the floor under our search."""
    with manager.view() as view:
        s = view.searcher
        parsed = parse_user_query(s.schema, q, DOC_FIELDS, s.reader(), expander=view.expander)
        return s.search(parsed.query, filter=view.kinds["doc"], limit=10)


def latencies(manager, db_path: Path, rounds: int) -> tuple[dict, list]:
    """(wall ms, CPU ms) per query: ours with highlights, ours ranking only, both with the answer
    cache emptied first; ours answered from that cache; whoosh's bare search; FTS5 with snippets."""
    db = sqlite3.connect(db_path)
    analyzer = fts5.open_analyzer(db)
    samples = {"highlights": [], "ranking": [], "cached": [], "whoosh": [], "fts5": []}
    per_query = []
    for q in QUERIES:
        lang = "zh" if CJK_CHAR.search(q) else "en"
        page = lambda: search(manager, q, lang=lang, pagesize=10)  # noqa: E731
        runs = {
            "highlights": uncached(manager, page),
            "ranking": uncached(manager, lambda: search(manager, q, lang=lang, pagesize=0)),  # no passages
            "cached": remembered(page),
            "whoosh": lambda: clocked(lambda: bare_whoosh(manager, q)),
            "fts5": lambda: clocked(lambda: fts5.search(db, analyzer, q)),
        }
        found = {"ours": page().total, "fts5": len(fts5.search(db, analyzer, q)[0])}  # also warms up
        times = {name: [] for name in runs}
        for _ in range(rounds):  # interleaved, so that noise hits all alike
            for name, run in runs.items():
                times[name].append(run())
        for name in runs:
            samples[name] += times[name]
        per_query.append((q, found, {name: statistics.median(w for w, _ in t) for name, t in times.items()}))
    db.close()
    return samples, per_query


def cold_start(command: list[str], env: dict, runs: int = 3) -> float:
    """Median seconds of a fresh process answering one query."""
    run = lambda: subprocess.run(command, env=env, check=True, capture_output=True)  # noqa: E731
    seconds = [timed(run)[1] for _ in range(runs)]
    return statistics.median(seconds)


def prepare(args) -> tuple[str, Path]:
    if args.corpus:
        name = f"{Path(args.corpus).resolve().name}-copy"
        work = args.out / name
        shutil.rmtree(work / "corpus", ignore_errors=True)
        shutil.copytree(args.corpus, work / "corpus", ignore=shutil.ignore_patterns("README.md"))
        return name, work
    name = f"c{args.passages}"
    work = args.out / name
    if not (work / "corpus").exists():
        write_corpus(work / "corpus", args.passages)
    return name, work


def size_mb(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 2**20


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--passages", type=int, help="generate (once) and use a synthetic corpus of this size")
    which.add_argument("--corpus", type=Path, help="use a copy of this corpus folder")
    parser.add_argument("--rounds", type=int, default=5, help="timed runs of each query")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args(argv)
    name, work = prepare(args)
    corpus, index, db = work / "corpus", work / "index", work / "fts5.db"

    ours, theirs = measured(build_ours, corpus, index), measured(build_fts5, corpus, db)
    print(
        f"{name}: {ours['documents']} documents, {ours['passages']} passages; "
        f"loading the corpus took {ours['load_s']:.1f} s (not counted below)"
    )
    edited = next(p for p in corpus_files(corpus) if p.name.endswith(".zh.md"))
    original = edited.read_text(encoding="utf-8")
    try:
        edited.write_text(original + EDIT, encoding="utf-8")
        ours_re, theirs_re = measured(reindex_ours, corpus, index), measured(reindex_fts5, corpus, db, edited)
    finally:
        edited.write_text(original, encoding="utf-8")
    measured(reindex_ours, corpus, index)  # back in step with the corpus, for the queries below

    manager = IndexManager(index)
    manager.open()
    samples, per_query = latencies(manager, db, args.rounds)
    env = dict(os.environ, KB_CORPUS_DIR=str(corpus), KB_INDEX_DIR=str(index))
    kb = Path(sys.executable).with_name("kb")
    kb_command = [str(kb)] if kb.exists() else [sys.executable, "-c", "from kb.cli import main; main()"]
    cold_ours = cold_start(kb_command + ["search", "电池 回收", "--limit", "10"], env)
    cold_fts5 = cold_start([sys.executable, str(ROOT / "bench" / "fts5.py"), str(db), "电池 回收"], env)

    rows = [
        ("full build, s", ours["build_s"], theirs["build_s"]),
        ("  CPU time of the full build, s", ours["build_cpu_s"], theirs["build_cpu_s"]),
        ("passages/s", ours["passages"] / ours["build_s"], ours["passages"] / theirs["build_s"]),
        ("index size, MB", ours["size_mb"], theirs["size_mb"]),
        ("peak RSS of load + build, MB", ours["peak_mb"], theirs["peak_mb"]),
        (f"re-index one file ({ours_re['status']}), s", ours_re["build_s"], theirs_re["build_s"]),
        ("  CPU time of the re-index, s", ours_re["build_cpu_s"], theirs_re["build_cpu_s"]),
        (
            "  the same plus loading the corpus, s",
            ours_re["build_s"] + ours_re["load_s"],
            theirs_re["build_s"] + theirs_re["load_s"],
        ),
        ("query p50 with highlights, ms", wall(samples["highlights"], 50), wall(samples["fts5"], 50)),
        ("query p95 with highlights, ms", wall(samples["highlights"], 95), wall(samples["fts5"], 95)),
        ("  the same in CPU time: p50, ms", cpu(samples["highlights"], 50), cpu(samples["fts5"], 50)),
        ("  the same in CPU time: p95, ms", cpu(samples["highlights"], 95), cpu(samples["fts5"], 95)),
        ("query p50 ranking only, ms", wall(samples["ranking"], 50), None),
        ("query p95 ranking only, ms", wall(samples["ranking"], 95), None),
        ("query p95 repeated (answer cache), ms", wall(samples["cached"], 95), None),
        ("whoosh alone (page records), CPU p50, ms", cpu(samples["whoosh"], 50), cpu(samples["fts5"], 50)),
        ("whoosh alone (page records), CPU p95, ms", cpu(samples["whoosh"], 95), cpu(samples["fts5"], 95)),
        ("`kb search` cold start, s", cold_ours, cold_fts5),
    ]
    print(f"\n{'figure':<40}{'ours':>10}{'FTS5':>10}{'ours/FTS5':>11}")
    for label, mine, reference in rows:
        line = f"{label:<40}{mine:>10.2f}"
        print(line + f"{reference:>10.2f}{mine / reference:>10.2f}x" if reference is not None else line)
    print(f"\n{'query':<32}{'hits':>6}{'FTS5':>6}{'ours ms':>9}{'ranking':>9}{'FTS5 ms':>9}")
    for q, found, median in per_query:
        print(
            f"{q:<32}{found['ours']:>6}{found['fts5']:>6}{median['highlights']:>9.1f}"
            f"{median['ranking']:>9.1f}{median['fts5']:>9.1f}"
        )


if __name__ == "__main__":
    main()
