#!/usr/bin/env python3
"""How fast the food table loads and search answers. Prints numbers; asserts nothing.

    python benchmarks/bench_foods.py [--runs N]

Load: each of --runs fresh interpreters imports mgtui.foods, reads the table and
runs one query, timed inside the process. Interpreter start-up is not counted; the
``mgtui`` package root and the standard-library modules the foods code uses (which
every mgtui command loads anyway) are timed apart.
Search: every query of tests/data/search_queries.json, and every prefix of them as
the app sees while someone types, timed one by one; the first pass runs on cold
caches (postings decoded and the typo index built on demand), later passes warm.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

from benchkit import percentile, search_queries, typing_prefixes

COLD_PROBE = """
import json, time
t0 = time.perf_counter()
import mgtui
t1 = time.perf_counter()
import bisect, dataclasses, heapq, itertools, re, threading, unicodedata, zlib
t2 = time.perf_counter()
import mgtui.foods
from mgtui.foods.table import load_table
from mgtui.foods import search_foods
t3 = time.perf_counter()
load_table()
t4 = time.perf_counter()
search_foods("pumpkin seeds")
t5 = time.perf_counter()
search_foods("spinich")
t6 = time.perf_counter()
print(json.dumps({"package": t1 - t0, "stdlib": t2 - t1, "import": t3 - t2, "load": t4 - t3,
                  "first_query": t5 - t4, "first_typo": t6 - t5}))
"""


def cold(runs: int) -> None:
    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        output = subprocess.run(
            [sys.executable, "-c", COLD_PROBE], capture_output=True, text=True, check=True
        ).stdout
        for key, seconds in json.loads(output).items():
            samples.setdefault(key, []).append(seconds * 1000)
    print(f"cold start, median of {runs} fresh processes (ms):")
    labels = {
        "package": "import mgtui (package root, not foods)",
        "stdlib": "stdlib modules foods uses (dataclasses...)",
        "import": "import mgtui.foods and its search",
        "load": "load table + index (first use)",
        "first_query": "first query after load",
        "first_typo": "first typo query (builds typo index)",
    }
    for key, label in labels.items():
        values = samples[key]
        print(f"  {label:42} {statistics.median(values):7.1f}   (max {max(values):.1f})")
    for label, parts in (
        ("searchable: import + load", ("import", "load")),
        ("the same with the stdlib modules", ("stdlib", "import", "load")),
    ):
        totals = [sum(run) for run in zip(*(samples[part] for part in parts), strict=True)]
        print(f"  {label:42} {statistics.median(totals):7.1f}   (max {max(totals):.1f})")


def timed(queries: list[str]) -> list[float]:
    from mgtui.foods import search_foods

    timings = []
    for query in queries:
        start = time.perf_counter()
        search_foods(query, 10)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def report(label: str, timings: list[float]) -> None:
    print(
        f"  {label:34} n={len(timings):5}  p50 {percentile(timings, 0.5):6.2f}  "
        f"p95 {percentile(timings, 0.95):6.2f}  max {max(timings):6.2f} ms"
    )


def warm(runs: int) -> None:
    from mgtui.foods.table import load_table

    load_table()
    queries = search_queries()
    typing = typing_prefixes(queries)
    print("search over the full table, limit 10 (ms per query):")
    report("queries, first pass (cold caches)", timed(queries))
    report("queries, warm", [t for _ in range(runs) for t in timed(queries)])
    report("every prefix while typing, warm", [t for _ in range(runs) for t in timed(typing)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="fresh processes / warm passes")
    args = parser.parse_args()
    cold(args.runs)
    warm(args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
