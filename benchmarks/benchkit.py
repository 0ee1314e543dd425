"""What the benchmark scripts share: timing, percentiles, the search queries, the machine.

The scripts in this folder run as ``python benchmarks/NAME.py``, so Python puts this
folder first on ``sys.path`` and ``import benchkit`` finds this file.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
QUERIES = REPO_ROOT / "tests" / "data" / "search_queries.json"


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of the values fall (nearest rank, no interpolation)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@dataclass(frozen=True, slots=True)
class Summary:
    """Median, p95 and extremes of timings or sizes, in the unit they were given in."""

    n: int
    median: float
    p95: float
    low: float
    high: float

    @classmethod
    def of(cls, values: list[float]) -> Summary:
        if not values:
            raise ValueError("no samples")
        return cls(
            len(values),
            statistics.median(values),
            percentile(values, 0.95),
            min(values),
            max(values),
        )

    def text(self, unit: str = "ms", digits: int = 2) -> str:
        return (
            f"median {self.median:8.{digits}f} {unit}   p95 {self.p95:8.{digits}f} {unit}"
            f"   (n={self.n})"
        )


def milliseconds(seconds: list[float]) -> list[float]:
    return [value * 1000 for value in seconds]


def time_call(function: Callable[[], object]) -> float:
    """Seconds one call takes."""
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def search_queries() -> list[str]:
    """The queries of the search quality set: what people look for in a food table."""
    return [item["query"] for item in json.loads(QUERIES.read_text())["queries"]]


def typing_prefixes(queries: list[str]) -> list[str]:
    """Every prefix of every query: what the app searches for while someone types."""
    return [query[:end] for query in queries for end in range(1, len(query) + 1)]


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


@dataclass(frozen=True, slots=True)
class Machine:
    cpu: str
    cores: int
    python: str
    textual: str
    system: str

    @classmethod
    def this_one(cls) -> Machine:
        return cls(
            cpu=cpu_model(),
            cores=os.cpu_count() or 1,
            python=f"{platform.python_implementation()} {sys.version.split()[0]}",
            textual=package_version("textual"),
            system=f"{platform.system()} {platform.release()}",
        )

    def text(self) -> str:
        return (
            f"{self.cpu}, {self.cores} cores; {self.python}; Textual {self.textual}; {self.system}"
        )
