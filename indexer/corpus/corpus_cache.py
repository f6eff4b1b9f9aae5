"""Reading corpus files once: each file's Document and problems, kept between runs.

`kb build` reads and checks every file before it can tell which changed; at 10,000 passages that
is a second of CPU for a build that re-indexes one file. A file is read again when its size or
modification time changed (or its figure's data file's did), or when the loader's code did; the
checks across files (`indexer.corpus.validate`, the lexicon) always run on the whole corpus.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

_FORMAT = 1
_CODE = Path(__file__).resolve().parent.parent  # indexer/, every subpackage


def loader_version() -> str:
    """Changes whenever any indexer module changes: cached problems were found by that code."""
    h = hashlib.sha256(str(_FORMAT).encode())
    for path in sorted(_CODE.rglob("*.py")):
        st = path.stat()
        h.update(f"{path.relative_to(_CODE)}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def cache_file(index_root) -> Path:
    """Where the index owner keeps the cache: beside the builds, never inside one."""
    return Path(index_root) / "corpus-cache.pickle"


def file_key(path: Path) -> tuple:
    # The change time too: a rewrite that keeps size and restores the modification time moves it.
    st = path.stat()
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino


def data_key(path: Path, doc) -> tuple | None:
    """Size and time of the data file (a figure's CSV) that the document's hash covers."""
    name = doc.meta.get("data") if doc else None
    if not name:
        return None
    try:
        st = (path.parent / str(name)).stat()
    except OSError:
        return ()
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino


def read_all(paths, read, root: Path, cache_path: Path | None):
    """(documents, problems) of `paths`, via `read(path, problems)` for files not in the cache."""
    entries = _load(cache_path, root) if cache_path else {}
    fresh, documents, problems = {}, [], []
    for path in paths:
        key, hit = file_key(path), entries.get(str(path))
        if hit and hit[0] == key and hit[1] == data_key(path, hit[2]):
            doc, found = hit[2], hit[3]
        else:
            found = []
            doc = read(path, found)
            if doc:
                doc.anchors  # worked out once and kept with the document: every load checks links
        fresh[str(path)] = (key, data_key(path, doc), doc, found)
        problems.extend(found)
        if doc:
            documents.append(doc)
    changed = fresh.keys() != entries.keys() or any(fresh[k][:2] != entries[k][:2] for k in fresh)
    if cache_path and changed:
        _save(cache_path, root, fresh)
    return documents, problems


def _load(cache_path: Path, root: Path) -> dict:
    try:
        with open(cache_path, "rb") as f:
            data = pickle.load(f)
        if data.get("version") == loader_version() and data.get("root") == str(root.resolve()):
            return data["entries"]
    except Exception:  # a missing, cut-short or foreign cache is only a slower load
        pass
    return {}


def _save(cache_path: Path, root: Path, entries: dict) -> None:
    tmp = cache_path.with_name(f"{cache_path.name}.tmp-{os.getpid()}")
    try:
        cache_path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as f:
            pickle.dump(
                {"version": loader_version(), "root": str(root.resolve()), "entries": entries},
                f,
                protocol=pickle.HIGHEST_PROTOCOL,
            )
        os.replace(tmp, cache_path)  # readers see the old cache or the new one
    except OSError:
        tmp.unlink(missing_ok=True)
