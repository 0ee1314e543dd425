#!/usr/bin/env python3
"""How often search puts an acceptable food in the top 3, against two baselines.

    python benchmarks/search_quality.py            # summary and the misses
    python benchmarks/search_quality.py --verbose  # every query with mgtui's top 3

The queries and their accepted answers are in tests/data/search_queries.json. The
baselines, scored on the same set:
  substring  every query word is a substring of the name, shortest name first
  wratio     rapidfuzz's WRatio of the query against each name, best first
             (rapidfuzz is a test extra: pip install -e '.[test]')
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from mgtui.foods import all_foods, search_foods
from mgtui.foods.model import Food

QUERIES = Path(__file__).resolve().parent.parent / "tests" / "data" / "search_queries.json"
TOP = 3  # a user sees the first few lines; the brief counts a hit in the top 3

Ranker = Callable[[str], list[str]]  # query -> NDB numbers, best first


def load_queries(path: Path = QUERIES) -> list[dict[str, object]]:
    queries: list[dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))["queries"]
    return queries


def mgtui_ranker(query: str) -> list[str]:
    return [food.id for food in search_foods(query, TOP)]


def substring_ranker(foods: Sequence[Food]) -> Ranker:
    lowered = [(food.name.lower(), food) for food in foods]

    def rank(query: str) -> list[str]:
        words = query.lower().split()
        found = [food for name, food in lowered if all(word in name for word in words)]
        found.sort(key=lambda food: (len(food.name), food.id))
        return [food.id for food in found[:TOP]]

    return rank


def wratio_ranker(foods: Sequence[Food]) -> Ranker | None:
    try:
        from rapidfuzz import fuzz, process, utils
    except ImportError:
        return None
    names = [food.name for food in foods]

    def rank(query: str) -> list[str]:
        best = process.extract(
            query, names, scorer=fuzz.WRatio, processor=utils.default_process, limit=TOP
        )
        return [foods[index].id for _, _, index in best]

    return rank


def hit_rate(
    ranker: Ranker, queries: list[dict[str, object]]
) -> tuple[float, list[tuple[str, list[str]]]]:
    misses = []
    for item in queries:
        query = str(item["query"])
        accepted = set(item["accept"])  # type: ignore[call-overload]
        top = ranker(query)[:TOP]
        if not accepted.intersection(top):
            misses.append((query, top))
    return 1 - len(misses) / len(queries), misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="print every query's top 3")
    args = parser.parse_args(argv)

    queries = load_queries()
    foods = all_foods()
    by_id = {food.id: food for food in foods}
    rankers: dict[str, Ranker | None] = {
        "mgtui": mgtui_ranker,
        "substring": substring_ranker(foods),
        "wratio": wratio_ranker(foods),
    }
    print(f"{len(queries)} queries, a hit is an accepted food in the top {TOP}")
    for label, ranker in rankers.items():
        if ranker is None:
            print(f"{label:>10}: skipped (pip install rapidfuzz)")
            continue
        rate, misses = hit_rate(ranker, queries)
        print(f"{label:>10}: {rate:6.1%} ({len(queries) - len(misses)}/{len(queries)})")
        if label == "mgtui":
            for query, top in misses:
                names = "; ".join(f"{ndb} {by_id[ndb].name[:45]}" for ndb in top)
                print(f"{'':>12}miss {query!r}: {names}")
    if args.verbose:
        for item in queries:
            top = mgtui_ranker(str(item["query"]))
            print(f"{item['query']!r:24}", " | ".join(f"{n} {by_id[n].name[:38]}" for n in top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
