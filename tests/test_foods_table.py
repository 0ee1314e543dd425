"""The food table: counts and sample values from USDA SR24, loading, reproducibility."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mgtui.foods import FoodTableError, all_foods, food_count, get_food
from mgtui.foods.index import build_index, render_index
from mgtui.foods.table import INDEX_FILE, TABLE_FILE, data_dir, load_table, read_table

REPO = Path(__file__).resolve().parent.parent
BUILD_SCRIPT = REPO / "scripts" / "build_foods.py"
SR24_JAR = Path("/tmp/cron/x/usr/share/cronometer/usda_sr24.jar")


def test_counts_match_usda_sr24() -> None:
    # DOMAIN.md: 8,858 foods, 7,879 with magnesium, 15,274 household portions.
    foods = all_foods()
    assert food_count() == len(foods) == 8858
    assert sum(1 for food in foods if food.magnesium_mg_per_100g is not None) == 7879
    assert sum(len(food.portions) for food in foods) == 15274


def test_pumpkin_seed_kernels() -> None:
    seeds = get_food("12014")
    assert seeds is not None
    assert seeds.name == "Seeds, pumpkin and squash seed kernels, dried"
    assert seeds.group == "Nut and Seed Products"
    assert seeds.magnesium_mg_per_100g == 592
    oz = next(portion for portion in seeds.portions if portion.name == "oz")
    assert oz.grams == 28.35
    # "1 oz (28.35 g) = 168 mg", as the seeds say.
    assert seeds.magnesium_mg(oz.grams) == pytest.approx(167.8, abs=0.05)
    assert seeds.calcium_mg(oz.grams) == pytest.approx(13.0, abs=0.05)


@pytest.mark.parametrize(
    ("ndb_id", "magnesium", "calcium"),
    [
        ("11458", 87, 136),  # spinach, cooked, boiled
        ("12061", 268, 264),  # almonds
        ("01077", 10, 113),  # milk, whole
    ],
)
def test_sample_values(ndb_id: str, magnesium: float, calcium: float) -> None:
    food = get_food(ndb_id)
    assert food is not None
    assert food.magnesium_mg_per_100g == magnesium
    assert food.calcium_mg_per_100g == calcium


def test_milk_other_nutrients_and_portions() -> None:
    milk = get_food("01077")
    assert milk is not None
    assert milk.name == "Milk, whole, 3.25% milkfat, with added vitamin D"
    assert milk.group == "Dairy and Egg Products"
    assert milk.energy_kcal_per_100g == 61
    assert milk.vitamin_d_iu_per_100g == 51
    assert [(p.amount, p.name, p.grams) for p in milk.portions][:2] == [
        (1.0, "cup", 244.0),
        (1.0, "tbsp", 15.0),
    ]
    # "Eight ounces of milk have approximately 25 mg" (a cup is 244 g).
    assert milk.magnesium_mg(244) == pytest.approx(24.4)


def test_missing_nutrient_is_none_not_zero() -> None:
    # USDA has no magnesium for this soup: it must not read as 0 mg.
    soup = get_food("06725")
    assert soup is not None
    assert soup.magnesium_mg_per_100g is None
    assert soup.magnesium_mg(100) is None
    # And a measured zero stays zero.
    perrier = get_food("14384")
    assert perrier is not None and perrier.magnesium_mg_per_100g == 0


def test_portion_amounts_other_than_one_are_kept() -> None:
    with_half = [food for food in all_foods() if any(p.amount == 0.5 for p in food.portions)]
    assert with_half, "SR24 has measures like 0.5 cup"
    portion = next(p for p in with_half[0].portions if p.amount == 0.5)
    assert portion.grams_per_unit == pytest.approx(portion.grams * 2)


def test_every_food_has_an_sr24_group_and_a_five_digit_id() -> None:
    groups = set(load_table().groups.values())
    for food in all_foods():
        assert len(food.id) == 5 and food.id.isdigit()
        assert food.group in groups
    # Blocks outside FD_GROUP's list get their group from the build script's rules.
    beef = get_food("23557")
    frog = get_food("80200")
    assert beef is not None and beef.group == "Beef Products"
    assert frog is not None and frog.group == "Finfish and Shellfish Products"


def test_get_food_unknown_or_malformed_ids() -> None:
    assert get_food("99999") is None
    assert get_food("1077") is None  # NDB numbers keep their leading zero
    assert get_food("") is None
    assert get_food("０１０７７") is None  # full-width digits are not an NDB number
    assert get_food("custom-water") is None  # custom foods live in the store


def test_data_found_and_index_current() -> None:
    # The committed index must be what build_index makes of the committed table today,
    # or every load would fall back to tokenizing all names (correct, but slow).
    directory = data_dir()
    table = read_table(directory)
    rows = range(len(table))
    index = build_index([table.name(row) for row in rows], [table.group_code(row) for row in rows])
    table_bytes = directory.joinpath(TABLE_FILE).read_bytes()
    assert render_index(index, table_bytes) == directory.joinpath(INDEX_FILE).read_bytes()


def test_stale_index_is_rebuilt(tmp_path: Path) -> None:
    source = data_dir()
    (tmp_path / TABLE_FILE).write_bytes(source.joinpath(TABLE_FILE).read_bytes())
    (tmp_path / INDEX_FILE).write_text('{"schema": 1, "normalizer": -1}')
    table = read_table(tmp_path)
    assert len(table.index.terms) == len(load_table().index.terms)


def test_reformatted_table_still_loads(tmp_path: Path) -> None:
    document = json.loads(data_dir().joinpath(TABLE_FILE).read_bytes())
    (tmp_path / TABLE_FILE).write_text(json.dumps(document, indent=1))
    table = read_table(tmp_path)
    seeds = table.get("12014")
    assert seeds is not None and seeds.magnesium_mg_per_100g == 592


def test_missing_or_broken_table_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FoodTableError, match="cannot read the food table"):
        read_table(tmp_path)
    (tmp_path / TABLE_FILE).write_text('{"schema": 99, "foods": []}')
    with pytest.raises(FoodTableError, match="schema 99"):
        read_table(tmp_path)


def test_import_is_pure_and_lazy() -> None:
    # mgtui.foods must not pull in Textual (nor its Rich) or TinyDB, and importing it
    # reads no file; the first search loads the table, still without them.
    probe = (
        "import sys, mgtui.foods, mgtui.foods.table as t;"
        "ui = ('textual', 'rich', 'tinydb');"
        "print(sorted(m for m in ui if m in sys.modules), t.is_loaded());"
        "mgtui.foods.search_foods('milk');"
        "print(sorted(m for m in ui if m in sys.modules), t.is_loaded())"
    )
    output = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert output.split("\n")[:2] == ["[] False", "[] True"]


def test_package_exports_resolve() -> None:
    import mgtui.foods as foods

    assert sorted(foods.__all__) == sorted(foods._HOMES)
    for name in foods.__all__:
        assert getattr(foods, name) is not None
    with pytest.raises(AttributeError, match="no attribute 'search_food'"):
        _ = foods.search_food  # type: ignore[attr-defined]


@pytest.mark.slow
@pytest.mark.skipif(
    not (SR24_JAR.is_file() or os.environ.get("MGTUI_SR24_JAR")),
    reason="needs usda_sr24.jar (scripts/build_foods.py --fetch gets it)",
)
def test_build_is_reproducible_and_committed_table_is_current(tmp_path: Path) -> None:
    # --check builds twice and compares both builds and the committed files byte for byte.
    output = tmp_path / "foods.json"
    shutil.copy(REPO / "data" / TABLE_FILE, output)
    shutil.copy(REPO / "data" / INDEX_FILE, tmp_path / INDEX_FILE)
    jar = os.environ.get("MGTUI_SR24_JAR", str(SR24_JAR))
    result = subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), "--jar", jar, "--output", str(output), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
