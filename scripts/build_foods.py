#!/usr/bin/env python3
"""Build ``data/foods.json`` (mgtui's food table) and its search index from USDA SR24.

Debian's ``cronometer`` package carries USDA National Nutrient Database for Standard
Reference, release 24 (public domain) as ``/usr/share/cronometer/usda_sr24.jar``: a zip
with one XML file per food. This script keeps what mgtui needs from each food (NDB
number, name, food group, magnesium, calcium, vitamin D, energy, household portions)
and writes one compact JSON document with a schema version, one food a line; then
``data/foods-index.json``, the term index that lets a load skip tokenizing every name
(see ``mgtui.foods.index``).

    python scripts/build_foods.py                 # finds the jar, writes both files
    python scripts/build_foods.py --fetch         # apt-get download cronometer first
    python scripts/build_foods.py --check         # exit 1 unless both files are current

``--fetch`` runs ``apt-get download cronometer`` and ``dpkg -x cronometer_*.deb DIR`` in
a temporary folder (no root needed for either). The output depends on the jar alone:
the same jar gives a byte-identical file, which ``--check`` verifies.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
# The index is built with mgtui's own normalizer; this finds it without an install.
sys.path.insert(0, str(REPO / "src"))

from mgtui.foods.index import build_index, render_index  # noqa: E402

DEFAULT_OUTPUT = REPO / "data" / "foods.json"
INDEX_NAME = "foods-index.json"  # written beside the table
JAR_IN_PACKAGE = "usr/share/cronometer/usda_sr24.jar"
# Where the jar may already be: an installed cronometer, or a package unpacked in /tmp.
KNOWN_JARS = (Path("/") / JAR_IN_PACKAGE, Path("/tmp/cron/x") / JAR_IN_PACKAGE)

SCHEMA_VERSION = 1
SOURCE = (
    "USDA National Nutrient Database for Standard Reference, Release 24 (public domain), "
    "as shipped in Debian's cronometer package (usr/share/cronometer/usda_sr24.jar)"
)
FIELDS = [
    "id",
    "name",
    "group",
    "magnesium_mg",
    "calcium_mg",
    "vitamin_d_iu",
    "energy_kcal",
    "portions",  # [[amount, name, grams], ...] in USDA's order
]
PORTION_FIELDS = ["amount", "name", "grams"]

# The nutrient names the jar uses, per 100 g of the food; units are USDA's.
NUTRIENTS = ("Magnesium", "Calcium", "Vitamin D", "Energy")  # mg, mg, IU, kcal

# SR24's FD_GROUP.txt. The jar's XML has no group, but SR numbers a food inside its
# group's block, so the first two digits of the NDB number are the group code for
# food in the blocks FD_GROUP lists. (2200 is spelled as later releases spell it.)
FOOD_GROUPS: dict[str, str] = {
    "01": "Dairy and Egg Products",
    "02": "Spices and Herbs",
    "03": "Baby Foods",
    "04": "Fats and Oils",
    "05": "Poultry Products",
    "06": "Soups, Sauces, and Gravies",
    "07": "Sausages and Luncheon Meats",
    "08": "Breakfast Cereals",
    "09": "Fruits and Fruit Juices",
    "10": "Pork Products",
    "11": "Vegetables and Vegetable Products",
    "12": "Nut and Seed Products",
    "13": "Beef Products",
    "14": "Beverages",
    "15": "Finfish and Shellfish Products",
    "16": "Legumes and Legume Products",
    "17": "Lamb, Veal, and Game Products",
    "18": "Baked Products",
    "19": "Sweets",
    "20": "Cereal Grains and Pasta",
    "21": "Fast Foods",
    "22": "Meals, Entrees, and Side Dishes",
    "25": "Snacks",
    "35": "American Indian/Alaska Native Foods",
    "36": "Restaurant Foods",
}

# Blocks outside FD_GROUP's codes, seen in SR24, whose foods all belong to one group:
# 23xxx (432 foods) are SR's newer beef cuts, 27xxx (45) soups, sauces and salsas, and
# 31xxx (17) Campbell's tomato and vegetable juices.
EXTRA_BLOCKS: dict[str, str] = {"23": "13", "27": "06", "31": "11"}

# The remaining ~250 foods (42xxx to 93xxx) are old survey foods renumbered out of
# their group's block; their names say what they are. First matching name prefix
# (case-insensitive) wins, so the specific prefixes come before the general ones.
# A food that matches none stops the build: a new jar needs a decision, not a guess.
NAME_PREFIX_GROUPS: tuple[tuple[str, str], ...] = (
    ("babyfood", "03"),
    ("mayonnaise, made with tofu", "16"),
    ("milk dessert", "19"),
    ("milk, imitation", "16"),
    ("cereal", "08"),
    ("amaranth flakes", "08"),
    ("cheese", "01"),
    ("imitation cheese", "01"),
    ("milk", "01"),
    ("yogurt", "01"),
    ("eggs", "01"),
    ("cream substitute", "01"),
    ("whipped", "01"),
    ("salad dressing", "04"),
    ("creamy dressing", "04"),
    ("mayonnaise", "04"),
    ("margarine", "04"),
    ("vegetable oil-butter spread", "04"),
    ("butter replacement", "04"),
    ("oil,", "04"),
    ("candies", "19"),
    ("chewing gum", "19"),
    ("syrups", "19"),
    ("jams", "19"),
    ("jellies", "19"),
    ("pie fillings", "19"),
    ("puddings", "19"),
    ("frozen novel", "19"),  # USDA also spells it "novelites"
    ("ice creams", "19"),
    ("frozen yogurts", "19"),
    ("sweeteners", "19"),
    ("pectin", "19"),
    ("polydextrose", "19"),
    ("turkey ham", "07"),
    ("turkey bacon", "07"),
    ("bologna", "07"),
    ("beef, bologna", "07"),
    ("frankfurter, meatless", "16"),
    ("frankfurter", "07"),
    ("turkey and pork sausage", "07"),
    ("turkey, pork, and beef sausage", "07"),
    ("pork sausage", "07"),
    ("sausage", "07"),
    ("turkey", "05"),
    ("quail", "05"),
    ("pheasant", "05"),
    ("dove", "05"),
    ("pork", "10"),
    ("orange-strawberry-banana juice", "09"),
    ("cranberry juice", "09"),
    ("tomato and vegetable juice", "11"),
    ("fruit-flavored drink", "14"),
    ("corn beverage", "14"),
    ("bean beverage", "16"),
    ("orange juice drink", "14"),
    ("fluid replacement", "14"),
    ("beverage", "14"),
    ("coffee", "14"),
    ("alcoholic beverage", "14"),
    ("chocolate-flavored drink", "14"),
    ("apple cider-flavored drink", "14"),
    ("cranberry-apple juice drink", "14"),
    ("cocktail mix", "14"),
    ("ensure", "14"),
    ("snacks", "25"),
    ("granola bar", "25"),
    ("popcorn", "25"),
    ("rice cake", "25"),
    ("pretzels", "25"),
    ("breakfast bar", "25"),
    ("papad", "16"),  # a lentil wafer
    ("peanut butter", "16"),
    ("beans", "16"),
    ("baked beans", "16"),
    ("soyburger", "16"),
    ("soybean", "16"),
    ("tofu", "16"),
    ("vermicelli, made from soy", "16"),
    ("chicken, meatless", "16"),
    ("fish sticks, meatless", "16"),
    ("luncheon slices, meatless", "16"),
    ("meatballs, meatless", "16"),
    ("sandwich spread, meatless", "16"),
    ("bacon bits, meatless", "16"),
    ("vegetarian", "16"),
    ("radishes", "11"),
    ("cabbage", "11"),
    ("eggplant", "11"),
    ("sauerkraut", "11"),
    ("potatoes", "11"),
    ("vegetables", "11"),
    ("turnip greens", "11"),
    ("palm hearts", "11"),
    ("celery flakes", "11"),
    ("tomato sauce", "11"),
    ("yeast extract spread", "06"),
    ("fish,", "15"),
    ("jellyfish", "15"),
    ("mollusks", "15"),
    ("frog legs", "15"),
    ("turtle", "15"),
    ("vital wheat gluten", "20"),
    ("millet", "20"),
    ("rolls", "18"),
)


def group_code(ndb_id: str, name: str) -> str:
    """The SR food group code of one food (see FOOD_GROUPS and the two tables after it)."""
    block = ndb_id[:2]
    if block in FOOD_GROUPS:
        return block
    if block in EXTRA_BLOCKS:
        return EXTRA_BLOCKS[block]
    lowered = name.lower()
    for prefix, code in NAME_PREFIX_GROUPS:
        if lowered.startswith(prefix):
            return code
    raise SystemExit(f"build_foods: no food group for {ndb_id} {name!r}: extend NAME_PREFIX_GROUPS")


def number(text: str) -> int | float:
    """A value as written in the jar, as an int when it is whole (keeps the file small)."""
    value = float(text)
    return int(value) if value.is_integer() else value


def tidy(text: str) -> str:
    """USDA's text with its stray double spaces closed up ("MEAD JOHNSON,  low iron")."""
    return " ".join(text.split())


def read_foods(jar: Path) -> Iterator[list[Any]]:
    with zipfile.ZipFile(jar) as archive:
        members = sorted(n for n in archive.namelist() if n.endswith(".xml"))
        for member in members:
            root = ET.fromstring(archive.read(member))
            ndb_id = root.attrib["uid"]
            if len(ndb_id) != 5 or not ndb_id.isdigit():
                raise SystemExit(f"build_foods: unexpected NDB number {ndb_id!r} in {member}")
            name = tidy(root.attrib["name"])
            nutrients = {
                element.attrib["name"]: number(element.attrib["amount"])
                for element in root.iter("nutrient")
                if element.attrib["name"] in NUTRIENTS
            }
            portions = [
                [
                    number(element.attrib["amount"]),
                    tidy(element.attrib["name"]),
                    number(element.attrib["grams"]),
                ]
                for element in root.iter("measure")
            ]
            yield [
                ndb_id,
                name,
                group_code(ndb_id, name),
                # A nutrient USDA did not measure is absent from the XML: it stays null.
                *(nutrients.get(nutrient) for nutrient in NUTRIENTS),
                portions,
            ]


def render(foods: list[list[Any]]) -> bytes:
    """The table as JSON: a header, then one food a line so a data change diffs well."""

    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    counts = {
        "foods": len(foods),
        "with_magnesium": sum(1 for food in foods if food[3] is not None),
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
        f'"groups":{dump(FOOD_GROUPS)},',
        f'"fields":{dump(FIELDS)},',
        f'"portion_fields":{dump(PORTION_FIELDS)},',
        '"foods":[',
        ",\n".join(dump(food) for food in foods),
        "]}",
        "",
    ]
    return "\n".join(lines).encode("utf-8")


def build(jar: Path) -> tuple[bytes, bytes]:
    """The table's bytes and its index's bytes."""
    foods = list(read_foods(jar))
    table = render(foods)
    index = build_index([food[1] for food in foods], [food[2] for food in foods])
    return table, render_index(index, table)


def fetch_jar(workdir: Path) -> Path:
    """Download Debian's cronometer package and unpack it (apt-get download needs no root)."""
    subprocess.run(["apt-get", "download", "cronometer"], cwd=workdir, check=True)
    (deb,) = glob.glob(str(workdir / "cronometer_*.deb"))
    subprocess.run(["dpkg", "-x", deb, str(workdir / "x")], check=True)
    return workdir / "x" / JAR_IN_PACKAGE


def find_jar() -> Path:
    from_env = os.environ.get("MGTUI_SR24_JAR")
    candidates = [Path(from_env)] if from_env else list(KNOWN_JARS)
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise SystemExit(
        "build_foods: usda_sr24.jar not found; pass --jar PATH, set MGTUI_SR24_JAR, "
        "or use --fetch (apt-get download cronometer && dpkg -x cronometer_*.deb DIR)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jar", type=Path, help="path to usda_sr24.jar")
    parser.add_argument("--fetch", action="store_true", help="apt-get download cronometer first")
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
        jar = fetch_jar(Path(workdir)) if args.fetch else (args.jar or find_jar())
        table, index = build(jar)
        if args.check:
            if build(jar) != (table, index):
                print("build_foods: two builds differ: the output is not reproducible")
                return 1
            for path, expected in ((args.output, table), (index_path, index)):
                current = path.read_bytes() if path.is_file() else b""
                if current != expected:
                    print(f"build_foods: {path} is not what {jar} builds: rebuild it")
                    return 1
            print(f"build_foods: {args.output} and {index_path} are current and reproducible")
            return 0

    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(table)
    index_path.write_bytes(index)
    counts = json.loads(table)["counts"]
    print(
        f"build_foods: wrote {args.output} ({len(table):,} bytes): {counts['foods']:,} foods, "
        f"{counts['with_magnesium']:,} with magnesium, {counts['portions']:,} portions; "
        f"{index_path} ({len(index):,} bytes)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
