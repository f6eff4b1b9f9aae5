"""The benchmark corpus generator must keep writing corpora the loader accepts."""

import subprocess
import sys
from pathlib import Path

from indexer.corpus.corpus import load_corpus

GENERATOR = Path(__file__).resolve().parent.parent / "bench" / "corpus.py"


def test_generated_corpus_loads_without_problems(tmp_path):
    out = tmp_path / "bench-corpus"
    subprocess.run(
        [sys.executable, str(GENERATOR), "--passages", "20", "--out", str(out)], check=True, capture_output=True
    )
    result = load_corpus(out)
    assert result.problems == []
    assert sum(len(doc.sections) for doc in result.documents) == 20
    assert {doc.lang for doc in result.documents} == {"zh", "en"}
