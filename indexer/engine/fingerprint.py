"""What a build depends on besides the corpus: the analysis and the index-time ranking.

An index is reused only when the code would build the same one. Rather than trusting every
change to bump a version by hand, the settings themselves are hashed: the constants of the
modules that make tokens and records (stop words, token patterns, field priors such as
TYPE_PRIOR), the versions, and the analyzer class whoosh pickles into the index.
"""

from __future__ import annotations

import hashlib
import types

from indexer.analysis import analysis
from indexer.engine import analyzer, schema

# Modules whose settings change the tokens or the records (and so the scores) a build holds.
INDEX_TIME_MODULES = (analysis, analyzer, schema)


def settings(module) -> dict[str, str]:
    """A module's upper-case constants as stable text (sets sorted: their order varies by process)."""
    found = {}
    for name, value in vars(module).items():
        if not name.lstrip("_").isupper() or isinstance(value, (types.ModuleType, type, types.FunctionType)):
            continue
        if isinstance(value, (set, frozenset)):
            value = sorted(value)
        found[name] = repr(value)
    return found


def engine_fingerprint() -> str:
    h = hashlib.sha256()
    tokenizer = analyzer.BilingualTokenizer
    h.update(f"{tokenizer.__module__}.{tokenizer.__qualname__};".encode())  # whoosh unpickles it by this name
    for module in INDEX_TIME_MODULES:
        for name, value in sorted(settings(module).items()):
            h.update(f"{module.__name__}.{name}={value};".encode())
    return h.hexdigest()[:16]
