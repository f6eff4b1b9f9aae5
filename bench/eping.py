"""Figures for `kb import-eping`: time and peak memory to read and import the real ePing sample
(tests/data/tbt), to import it again, and to refuse a zip bomb and an XML entity expansion.

    .venv/bin/python bench/eping.py [--repeat N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.eping import EpingImportError, import_exports, read_export, read_notifications  # noqa: E402
from tests.test_eping import LAUGHS, SAMPLE, bomb_workbook  # noqa: E402


def measure(label: str, action, repeat: int) -> None:
    """Median time over `repeat` runs, then peak memory in one more run (tracemalloc slows Python
    down several times, so it never runs while the time is taken)."""
    times, peaks = [], []
    for traced in [False] * repeat + [True]:
        if traced:
            tracemalloc.start()
        started = time.perf_counter()
        try:
            action()
        except EpingImportError:
            pass  # refusing is what is measured
        if traced:
            peaks.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
        else:
            times.append(time.perf_counter() - started)
    print(f"{label:<44} median {sorted(times)[len(times) // 2] * 1000:8.1f} ms   peak {max(peaks) / 1e6:6.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    work = Path(tempfile.mkdtemp(prefix="eping-bench-"))
    bomb = bomb_workbook(work / "bomb.xlsx", "xl/sharedStrings.xml", (b"\0" * (1 << 20) for _ in range(40)))
    laughs = bomb_workbook(work / "laughs.xlsx", "xl/sharedStrings.xml", [LAUGHS])
    print(f"sample: {SAMPLE.name}, {SAMPLE.stat().st_size:,} bytes, {len(read_export(SAMPLE).rows)} rows")
    measure("read the sample (229 rows -> notifications)", lambda: read_notifications([SAMPLE]), repeat)
    corpus = work / "corpus"
    measure(
        "first import (181 notifications, 362 files)",
        lambda: import_exports([SAMPLE], work / f"c{time.time_ns()}", dt.date(2026, 12, 3)),
        repeat,
    )
    import_exports([SAMPLE], corpus, dt.date(2026, 12, 3))
    measure("import again (nothing changes)", lambda: import_exports([SAMPLE], corpus, dt.date(2026, 12, 4)), repeat)
    measure(f"refuse a zip bomb ({bomb.stat().st_size:,} B -> 40 MB)", lambda: read_export(bomb), repeat)
    measure("refuse an XML entity expansion (10^9 'lol')", lambda: read_export(laughs), repeat)


if __name__ == "__main__":
    main()
