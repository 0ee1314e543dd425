"""Foods SR28 dropped: favourites, recent foods and entries that hold their SR24 numbers
keep working, from an SR28 successor or from the person's own entry, and say so."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli_support import Cli, run_mgtui
from mgtui.domain.entries import Entry
from mgtui.foods import get_food
from mgtui.foods.retired import (
    NOT_IN_TABLE,
    _portion,
    missing_from_table,
    retired_foods,
    stand_in_food,
    without_numbers,
)
from mgtui.foods.table import data_dir
from mgtui.logbook import drafts
from mgtui.store import Repository

REPO = Path(__file__).resolve().parent.parent
# SR24 foods SR28 no longer has: a bran cereal with no SR28 twin, and a bread that
# SR28 renumbered (same name, same magnesium, calcium and energy).
BRAN = "08053"  # Cereals ready-to-eat, POST, 100% Bran Cereal (SR24)
WHEATIES = "08026"  # Cereals ready-to-eat, GENERAL MILLS, WHEATIES Raisin Bran (SR24)
BREAD = "18035"  # Bread, Multi-Grain (includes whole-grain): SR28's 28397
DAY = dt.date(2026, 11, 20)


def bran_entry(**changes: object) -> Entry:
    fields: dict[str, object] = {
        "id": "e1",
        "date": DAY,
        "time": dt.time(8, 0),
        "kind": "food",
        "name": "Cereals ready-to-eat, POST, 100% Bran Cereal",
        "amount": "1/3 cup",
        "magnesium_mg": 80.0,
        "calcium_mg": 7.0,
        "food_id": BRAN,
        "grams": 29.0,
        **changes,
    }
    return Entry(**fields)  # type: ignore[arg-type]


def test_the_retired_list_holds_sr24_numbers_sr28_dropped() -> None:
    retired = retired_foods()
    assert len(retired) == 1516  # DOMAIN.md: 1,516 SR24 foods are gone
    assert all(get_food(ndb_id) is None for ndb_id in retired)
    assert retired[BRAN].name == "Cereals ready-to-eat, POST, 100% Bran Cereal"
    assert retired[BRAN].successor is None
    assert retired[BREAD].successor == "28397"
    assert sum(1 for food in retired.values() if food.successor) == 2
    assert get_food("12014") is not None and "12014" not in retired


def test_missing_from_table() -> None:
    assert missing_from_table(BRAN) and missing_from_table("99999")
    assert not missing_from_table("12014")
    assert not missing_from_table("custom-spring-water") and not missing_from_table(None)


def test_a_successor_with_the_same_numbers_stands_in_under_the_stored_id() -> None:
    successor = get_food("28397")
    food = stand_in_food(BREAD)
    assert food is not None and successor is not None
    assert food.id == BREAD  # favourites and entries keep pointing at what was stored
    assert food.name == "Bread, Multi-Grain (includes whole-grain)"
    assert food.magnesium_mg_per_100g == successor.magnesium_mg_per_100g == 78
    assert food.portions == successor.portions
    assert food.note == f"{NOT_IN_TABLE}; the numbers of SR28's 28397, the same food"


def test_without_a_successor_the_last_entry_gives_the_numbers() -> None:
    food = stand_in_food(BRAN, bran_entry())
    assert food is not None
    assert (food.id, food.name) == (BRAN, "Cereals ready-to-eat, POST, 100% Bran Cereal")
    assert food.magnesium_mg(29.0) == pytest.approx(80.0)
    assert food.calcium_mg(29.0) == pytest.approx(7.0)
    assert [portion.label for portion in food.portions] == ["0.333 cup"]
    assert food.note == f"{NOT_IN_TABLE}; the numbers of your entry of 2026-11-20"
    # Logging it again from the stand-in gives what that entry had.
    again = drafts.food_entry(food, "1/3 cup", DAY, dt.time(9, 0))
    assert again.food_id == BRAN
    assert (again.magnesium_mg, again.calcium_mg) == pytest.approx((80.0, 7.0))
    assert again.magnesium_mg is not None and not without_numbers(food)


def test_without_successor_or_entry_only_the_name_and_no_number() -> None:
    food = stand_in_food(WHEATIES)
    assert food is not None
    assert food.name == "Cereals ready-to-eat, GENERAL MILLS, WHEATIES Raisin Bran"
    assert food.magnesium_mg_per_100g is None and food.calcium_mg_per_100g is None
    assert food.portions == ()
    assert food.note == f"{NOT_IN_TABLE}; no numbers to log it with"
    assert without_numbers(food)
    # An entry without a weight cannot give numbers per 100 g either.
    assert without_numbers(stand_in_food(BRAN, bran_entry(grams=None)))  # type: ignore[arg-type]
    # A number that was never USDA's is named as such.
    unknown = stand_in_food("99999")
    assert unknown is not None and unknown.name == "USDA food 99999"
    assert unknown.note == "not in the USDA table; no numbers to log it with"


def test_no_stand_in_for_table_or_custom_ids() -> None:
    assert stand_in_food("12014") is None
    assert stand_in_food("custom-spring-water", bran_entry()) is None


@pytest.mark.parametrize(
    ("amount", "label"),
    [
        ("1 oz", "1 oz"),
        ("1/2 cup", "0.5 cup"),
        ("1 1/2 cup", "1.5 cups"),
        ("2 slice", "2 slices"),
        ("2 cups", "2 cups"),  # as entries write a plural since the words follow the number
    ],
)
def test_an_entry_amount_becomes_a_portion(amount: str, label: str) -> None:
    assert _portion(amount, 50.0).label == label
    assert _portion(amount, 50.0).grams == 50.0


def test_resolve_foods_keeps_dropped_favourites_and_recent_foods(tmp_path: Path) -> None:
    with Repository.open(tmp_path / "data") as repo:
        repo.log(bran_entry())
        repo.log(bran_entry(date=DAY - dt.timedelta(days=3), magnesium_mg=40.0, grams=14.5))
        for food_id in ("12014", WHEATIES, BREAD, BRAN):
            repo.toggle_favourite(food_id)
        assert repo.last_food_entry(BRAN) == repo.entries_on(DAY)[0]
        assert repo.last_food_entry("12014") is None
        favourites = drafts.resolve_foods(
            repo.favourite_food_ids(), repo.custom_foods(), repo.last_food_entry
        )
        recent = drafts.resolve_foods(
            repo.recent_food_ids(), repo.custom_foods(), repo.last_food_entry
        )
    assert [food.id for food in favourites] == ["12014", WHEATIES, BREAD, BRAN]
    assert [food.note is not None for food in favourites] == [False, True, True, True]
    assert [food.id for food in recent] == [BRAN]
    # The latest entry's numbers: 80 mg in 29 g, not the older 40 mg in 14.5 g (same).
    assert recent[0].magnesium_mg(29.0) == pytest.approx(80.0)


def test_an_entry_of_a_dropped_food_can_still_change_its_amount() -> None:
    entry = bran_entry()
    changed = drafts.rescale_entry(entry, "2/3 cup", [])
    assert (changed.amount, changed.grams) == ("2/3 cup", 58.0)
    assert changed.magnesium_mg == pytest.approx(160.0)
    assert drafts.amount_hint(entry, []).startswith("e.g. 1/3 cup (29 g)")


def test_add_by_a_dropped_number(cli: Cli) -> None:
    result = cli("add", BREAD, "1", "oz")
    assert result.code == 0, result.err
    assert result.err == (
        f"mgtui: warning: {BREAD} is {NOT_IN_TABLE}; the numbers of SR28's 28397, the same food\n"
    )
    assert "Bread, Multi-Grain (includes whole-grain) — 1 oz (28.35 g): 22.1 mg Mg" in result.out
    refused = cli("add", BRAN)
    assert refused.code == 2 and refused.out == ""
    assert refused.err == (
        f"mgtui: {BRAN} (Cereals ready-to-eat, POST, 100% Bran Cereal) is {NOT_IN_TABLE} and "
        "you have no entry of it to log it from; find it with 'mgtui search'\n"
    )


def test_add_by_a_dropped_number_after_an_entry_of_it(cli: Cli) -> None:
    with Repository.open(cli.data_dir) as repo:
        repo.log(bran_entry())
    result = cli("add", BRAN, "2/3", "cup", "--json")
    assert result.code == 0, result.err
    logged = result.json()
    assert (logged["food_id"], logged["grams"], logged["magnesium_mg"]) == (BRAN, 58.0, 160.0)
    assert "the numbers of your entry of 2026-11-20" in result.err


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "data", monkeypatch, capsys)


def test_the_committed_retired_list_is_current() -> None:
    # The SR24 table is read from git history, which a shallow clone may lack.
    has_sr24 = subprocess.run(
        ["git", "cat-file", "-e", "2974b4c:data/foods.json"], cwd=REPO, capture_output=True
    )
    if has_sr24.returncode != 0:
        pytest.skip("needs the git history that holds the SR24 table (commit 2974b4c)")
    script = REPO / "scripts" / "build_retired_foods.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, cwd=REPO
    )
    assert result.returncode == 0, result.stdout + result.stderr
    document = json.loads(data_dir().joinpath("foods-retired.json").read_bytes())
    assert document["counts"] == {"foods": 1516, "with_successor": 2}


def test_the_retired_list_is_read_only_when_needed() -> None:
    probe = (
        "import mgtui.foods.retired as r; from mgtui.foods import get_food;"
        "get_food('12014'); print(r._retired is None)"
    )
    output = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert output.strip() == "True"


def test_build_retired_foods_rule() -> None:
    spec = importlib.util.spec_from_file_location(
        "build_retired_foods", REPO / "scripts" / "build_retired_foods.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sr24 = [
        ["00001", "Bread,  multi-grain", "18", 78, 103, 0, 265, []],
        ["00002", "Cereal, bran", "08", 27, 333, 0, 433, []],
        ["00003", "Kept", "08", 1, 1, 0, 1, []],
    ]
    sr28 = [
        ["00003", "Kept", "08", 1, 1, 0, 1, []],
        ["00011", "Bread, Multi-Grain", "18", 78.4, 103, 0, 265, []],  # the same food
        ["00012", "Cereal, bran", "08", 52, 323, 0, 410, []],  # same name, other numbers
    ]
    assert module.retired_rows(sr24, sr28) == [
        ["00001", "Bread,  multi-grain", "00011"],
        ["00002", "Cereal, bran", None],
    ]


def test_a_data_folder_from_before_opens_with_every_favourite(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with Repository.open(folder) as repo:
        repo.log(bran_entry())
        repo.toggle_favourite(WHEATIES)
    result = run_mgtui("log", "--date", "2026-11-20", "--json", data_dir=folder)
    assert result.returncode == 0, result.stderr
    (entry,) = json.loads(result.stdout)
    assert (entry["food_id"], entry["magnesium_mg"], entry["calcium_mg"]) == (BRAN, 80.0, 7.0)
    with Repository.open(folder) as repo:
        assert repo.favourite_food_ids() == [WHEATIES]


def test_a_stand_in_made_from_a_plural_amount_logs_one_in_the_singular() -> None:
    food = stand_in_food(BRAN, bran_entry(amount="2 cups", grams=58.0))
    assert food is not None
    one = drafts.food_entry(food, "1 cup", DAY, dt.time(9, 0))
    assert (one.amount, one.grams) == ("1 cup", 29.0)
    half = drafts.food_entry(food, "1/2 cup", DAY, dt.time(9, 0))
    assert (half.amount, half.grams) == ("1/2 cup", 14.5)
