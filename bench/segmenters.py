"""Compiled jieba ports against jieba itself: are they token for token the same on a corpus?

    .venv/bin/python bench/segmenters.py --corpus corpus
    .venv/bin/python bench/segmenters.py --corpus bench/out/c10k        # bench/corpus.py --passages 10000

Every distinct Chinese run of the corpus files (after folding, as the analyzer sees them) is
segmented by jieba 0.42.1 (HMM on, the corpus's domain dictionary added, as `indexer.analysis`
does) and by each candidate that is importable here (`pip install jieba-fast-dat rjieba
jieba-fast` into a scratch virtualenv and point PYTHONPATH at it; none is a dependency). Prints,
per candidate, the runs whose (word, start, end) differ, how many dictionary look-ups of the
analyzer's sub-words disagree, and the CPU time of segmenting all runs.
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import re
import sys
import time
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from indexer.analysis.analysis import CJK  # noqa: E402
from indexer.analysis.fold import fold  # noqa: E402
from indexer.corpus.corpus import load_corpus  # noqa: E402
from indexer.engine.schema import domain_words  # noqa: E402


def chinese_runs(corpus: Path) -> list[str]:
    runs = set()
    for path in corpus.rglob("*.md"):
        runs.update(re.findall(f"[{CJK}]+", fold(path.read_text(encoding="utf-8"))))
    return sorted(runs)


def reference(words):
    import jieba

    jieba.setLogLevel(logging.WARNING)
    seg = jieba.Tokenizer()
    seg.initialize()
    for word in words:
        seg.add_word(word)
    return seg


def candidates(words, jieba_dict: str):
    """name -> (tokenize(run) -> [(word, start, end)], is_word(text) -> bool), for those installed."""
    found = {}
    if importlib.util.find_spec("jieba_fast_dat"):
        import jieba_fast_dat

        dat = jieba_fast_dat.Tokenizer(jieba_dict)  # its own dict.txt differs from jieba's
        dat.initialize()
        for word in words:
            dat.add_word(word)
        found[f"jieba_fast_dat {version('jieba_fast_dat')}"] = (
            lambda run: dat.tokenize(run, HMM=True),
            lambda text: dat.get_freq(text) > 0,
        )
    if importlib.util.find_spec("rjieba"):
        import rjieba

        rj = rjieba.Jieba()
        for word in words:
            rj.add_word(word, rj.suggest_freq(word), None)  # what jieba's add_word does without a freq
        found[f"rjieba {version('rjieba')}"] = (lambda run: rj.tokenize(run, "default", True), rj.has_word)
    if importlib.util.find_spec("jieba_fast"):
        import jieba_fast

        jieba_fast.setLogLevel(logging.WARNING)
        fast = jieba_fast.Tokenizer(jieba_dict)
        fast.initialize()
        for word in words:
            fast.add_word(word)
        found[f"jieba_fast {version('jieba_fast')}"] = (
            lambda run: fast.tokenize(run, HMM=True),
            lambda text: bool(fast.FREQ.get(text)),
        )
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--show", type=int, default=5, help="mismatched runs to print per candidate")
    args = parser.parse_args()
    words = domain_words(load_corpus(args.corpus).documents)
    runs = chinese_runs(args.corpus)
    print(
        f"{args.corpus}: {len(runs):,} distinct Chinese runs, {sum(map(len, runs)):,} characters, "
        f"{len(words)} domain words"
    )
    ref = reference(words)
    jieba_dict = str(Path(sys.modules["jieba"].__file__).parent / "dict.txt")
    started = time.process_time()
    expected = [[tuple(t) for t in ref.tokenize(run, HMM=True)] for run in runs]
    print(f"jieba 0.42.1: {time.process_time() - started:.2f} s CPU")
    # The analyzer's sub-words: every part of a segmented word that is itself a dictionary word.
    parts = {
        w[i : i + n]
        for toks in expected
        for w, _, _ in toks
        if len(w) > 2
        for n in range(2, len(w))
        for i in range(len(w) - n + 1)
    }
    found = candidates(words, jieba_dict)
    if not found:
        print("no candidate installed (jieba_fast_dat, rjieba, jieba_fast)")
    for name, (tokenize, is_word) in found.items():
        started = time.process_time()
        got = [[tuple(t) for t in tokenize(run)] for run in runs]
        seconds = time.process_time() - started
        bad = [(run, a, b) for run, a, b in zip(runs, expected, got) if a != b]
        lookups = sum(1 for p in parts if bool(ref.FREQ.get(p)) != bool(is_word(p)))
        print(
            f"{name}: {seconds:.2f} s CPU, {len(bad)} mismatched runs of {len(runs):,}, "
            f"{lookups} sub-word look-ups differ of {len(parts):,}"
        )
        for run, a, b in bad[: args.show]:
            print(f"   {run}\n     jieba: {' '.join(w for w, _, _ in a)}\n     {name}: {' '.join(w for w, _, _ in b)}")


if __name__ == "__main__":
    main()
