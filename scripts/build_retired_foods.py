#!/usr/bin/env python3
"""Build ``data/foods-retired.json``: the SR24 foods that USDA SR28 no longer has.

A person's favourites, recent foods and entries may hold NDB numbers of the earlier
table (SR24). mgtui keeps them working (``mgtui.foods.retired``) and needs, for each
such number, SR24's name and, where SR28 has the same food under a new number, that
number. One row a food: ``[id, SR24 name, SR28 successor or null]``.

A successor is an SR28 food that SR24 did not have, with the same name (case and
spacing aside) and the same magnesium, calcium and energy per 100 g (within 0.5):
the numbers show it is the same food, renumbered.

    python scripts/build_retired_foods.py          # SR24 from git history, SR28 from data/
    python scripts/build_retired_foods.py --check  # exit 1 unless the file is current

The SR24 table is the last ``data/foods.json`` built from SR24 (commit SR24_COMMIT),
read with ``git show``; ``--sr24 PATH`` reads it from a file instead.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SR28_TABLE = REPO / "data" / "foods.json"
DEFAULT_OUTPUT = REPO / "data" / "foods-retired.json"
SR24_COMMIT = "2974b4c"  # the last commit whose data/foods.json is USDA SR24
SCHEMA_VERSION = 1
SOURCE = (
    "USDA SR24 foods (data/foods.json at commit 2974b4c) whose NDB number USDA SR28 no longer has"
)
FIELDS = ["id", "sr24_name", "sr28_successor"]
# Column positions in a row of foods.json (its "fields" header says the same).
ID, NAME, MAGNESIUM, CALCIUM, ENERGY = 0, 1, 3, 4, 6
SAME_VALUE = 0.5  # mg or kcal per 100 g: USDA rounds these to whole numbers or tenths


def name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def same_numbers(old: list[Any], new: list[Any]) -> bool:
    for column in (MAGNESIUM, CALCIUM, ENERGY):
        if (old[column] is None) != (new[column] is None):
            return False
        if old[column] is not None and abs(old[column] - new[column]) > SAME_VALUE:
            return False
    return True


def retired_rows(sr24: list[list[Any]], sr28: list[list[Any]]) -> list[list[Any]]:
    sr24_ids = {food[ID] for food in sr24}
    sr28_ids = {food[ID] for food in sr28}
    new_by_name: dict[str, list[list[Any]]] = {}
    for food in sr28:
        if food[ID] not in sr24_ids:
            new_by_name.setdefault(name_key(food[NAME]), []).append(food)
    rows = []
    for food in sorted(sr24, key=lambda row: str(row[ID])):
        if food[ID] in sr28_ids:
            continue
        twins = [
            new for new in new_by_name.get(name_key(food[NAME]), []) if same_numbers(food, new)
        ]
        rows.append([food[ID], food[NAME], twins[0][ID] if len(twins) == 1 else None])
    return rows


def render(rows: list[list[Any]]) -> bytes:
    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    counts = {"foods": len(rows), "with_successor": sum(1 for row in rows if row[2])}
    lines = [
        "{",
        f'"schema":{SCHEMA_VERSION},',
        f'"source":{dump(SOURCE)},',
        f'"counts":{dump(counts)},',
        f'"fields":{dump(FIELDS)},',
        '"foods":[',
        ",\n".join(dump(row) for row in rows),
        "]}",
        "",
    ]
    return "\n".join(lines).encode("utf-8")


def read_sr24(path: Path | None) -> list[list[Any]]:
    if path is not None:
        text = path.read_bytes()
    else:
        text = subprocess.run(
            ["git", "show", f"{SR24_COMMIT}:data/foods.json"],
            cwd=REPO,
            capture_output=True,
            check=True,
        ).stdout
    document = json.loads(text)
    if "Release 24" not in document["source"]:
        raise SystemExit(f"build_retired_foods: {path or SR24_COMMIT} is not the SR24 table")
    foods: list[list[Any]] = document["foods"]
    return foods


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sr24", type=Path, help=f"the SR24 foods.json (default: git {SR24_COMMIT})"
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--check", action="store_true", help="exit 1 unless the file is current")
    args = parser.parse_args(argv)

    sr28: list[list[Any]] = json.loads(SR28_TABLE.read_bytes())["foods"]
    built = render(retired_rows(read_sr24(args.sr24), sr28))
    if args.check:
        current = args.output.read_bytes() if args.output.is_file() else b""
        if current != built:
            print(f"build_retired_foods: {args.output} is not current: rebuild it")
            return 1
        print(f"build_retired_foods: {args.output} is current")
        return 0
    args.output.write_bytes(built)
    counts = json.loads(built)["counts"]
    print(
        f"build_retired_foods: wrote {args.output} ({len(built):,} bytes): "
        f"{counts['foods']:,} SR24 foods SR28 dropped, {counts['with_successor']} with a successor"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
