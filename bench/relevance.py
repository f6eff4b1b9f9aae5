"""Relevance of the shipped corpus's search: MRR and recall@3 over the keyword set
(tests/relevance/queries.yaml) and the question set (every tests/relevance/questions*.yaml).

    .venv/bin/python bench/relevance.py [--index DIR] [--show-misses]

Prints the figures per set, overall and per kind of query. tests/test_relevance.py runs the same
evaluation and fails when a set's MRR or recall@3 drops below the figure recorded in bench/README.md.
A question whose expected pages do not exist yet (an act another branch is writing) is not counted.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.corpus.corpus import load_corpus  # noqa: E402
from indexer.engine.index import IndexManager  # noqa: E402
from indexer.engine.search import search  # noqa: E402

RELEVANCE_DIR = ROOT / "tests" / "relevance"
QUERIES = RELEVANCE_DIR / "queries.yaml"
QUESTION_FILES = "questions*.yaml"
CJK = re.compile(r"[\u3400-\u9fff]")


def load_queries(path=QUERIES) -> list[dict]:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []


def load_questions(directory=RELEVANCE_DIR) -> list[dict]:
    """The question set: every questions*.yaml, in file order."""
    return [case for path in sorted(Path(directory).glob(QUESTION_FILES)) for case in load_queries(path)]


def answerable(cases, doc_ids) -> list[dict]:
    """The cases with at least one expected page in the corpus (a new act counts once its page exists)."""
    return [case for case in cases if set(case["expect"]) & set(doc_ids)]


def sets(doc_ids) -> dict[str, list[dict]]:
    return {"keywords": answerable(load_queries(), doc_ids), "questions": answerable(load_questions(), doc_ids)}


def rank_of(manager, case) -> int | None:
    """1-based rank of the first expected document, or None when it is not in the top 10."""
    lang = case.get("lang") or ("zh" if CJK.search(case["q"]) else "en")
    ids = [h.doc_id for h in search(manager, str(case["q"]), lang=lang, pagesize=10).hits]
    ranks = [ids.index(i) + 1 for i in case["expect"] if i in ids]
    return min(ranks) if ranks else None


def evaluate(manager, cases) -> dict:
    per_kind, misses = defaultdict(list), []
    for case in cases:
        rank = rank_of(manager, case)
        per_kind[case["kind"]].append(rank)
        if rank is None or rank > case.get("within", 1):
            misses.append((case, rank))

    def figures(ranks):
        return {
            "n": len(ranks),
            "mrr": sum(1 / r for r in ranks if r) / len(ranks),
            "recall@3": sum(1 for r in ranks if r and r <= 3) / len(ranks),
        }

    all_ranks = [r for ranks in per_kind.values() for r in ranks]
    return {"overall": figures(all_ranks), "kinds": {k: figures(v) for k, v in per_kind.items()}, "misses": misses}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", help="an existing index directory (default: build one in a temp dir)")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    index_dir = args.index or tempfile.mkdtemp(prefix="kb-relevance-")
    manager = IndexManager(index_dir)
    corpus = load_corpus(ROOT / "corpus")
    manager.build(corpus.documents, lexicon_groups=corpus.lexicon)
    doc_ids = {d.meta["id"] for d in corpus.documents}
    for name, cases in sets(doc_ids).items():
        result = evaluate(manager, cases)
        print(f"{name} set\n{'kind':<16}{'n':>4}{'MRR':>8}{'R@3':>8}")
        for kind, f in sorted(result["kinds"].items()) + [("overall", result["overall"])]:
            print(f"{kind:<16}{f['n']:>4}{f['mrr']:>8.3f}{f['recall@3']:>8.3f}")
        print(f"{len(result['misses'])} queries miss their target rank")
        if args.show_misses:
            for case, rank in result["misses"]:
                print(f"  {case['q']!r:40} expected {case['expect']} within {case.get('within', 1)}, got rank {rank}")
        print()


if __name__ == "__main__":
    main()
