"""Routines built by hand and chosen entries copied, in the Logbook: an item holds the
numbers logging that food or supplement would give; bad input says why and changes
nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from mgtui.domain.supplements import SupplementProduct
from mgtui.errors import BadInputError
from mgtui.foods import get_food
from mgtui.foods.model import Food
from mgtui.logbook import drafts
from mgtui.logbook.session import Logbook
from mgtui.present.routines import entry_lines, item_lines, routine_summary
from mgtui.store import NotFoundError, Repository

NOW = dt.datetime(2026, 11, 22, 8, 30)
YESTERDAY = NOW.date() - dt.timedelta(days=1)
CITRATE_D = SupplementProduct(
    "Calcium citrate + D", None, 0.0, 500.0, "2 tablets", vitamin_d_iu=1000.0
)


def food(ndb: str) -> Food:
    found = get_food(ndb)
    assert found is not None
    return found


@pytest.fixture
def logbook(tmp_path: Path) -> Iterator[Logbook]:
    with Repository.open(tmp_path / "data") as repo:
        yield Logbook(repo, now=lambda: NOW)


def test_a_routine_built_from_foods_and_a_supplement(logbook: Logbook) -> None:
    logbook.repo.save_supplement_product(CITRATE_D)
    seeds = logbook.routine_food_item(food("12014"), "1 oz")
    milk = logbook.routine_food_item(food("01077"), "1 cup")
    tablets = logbook.routine_supplement_item("calcium citrate + d", 2)
    routine, made = logbook.add_routine_item("Morning", seeds)
    assert made and [item.name for item in routine.items] == [seeds.name]
    logbook.add_routine_item("morning", milk)
    routine, made = logbook.add_routine_item("Morning", tablets)
    assert not made
    assert routine_summary(routine) == "Morning: 3 items, 192 mg Mg"
    assert item_lines(routine) == [
        "Seeds, pumpkin and squash seed kernels, dried — 1 oz (28.35 g): 168 mg Mg",
        "Milk, whole, 3.25% milkfat, with added vitamin D — 1 cup (244 g): 24 mg Mg",
        "Calcium citrate + D (supplement) — 2 servings: 0 mg Mg",
    ]
    logged = logbook.log_routine("Morning", NOW.date(), dt.time(7, 0))
    assert [e.calcium_mg for e in logged.entries][2] == 1000.0
    assert logged.after.figures.vitamin_d.supplements.text == "2000"


def test_a_food_item_without_an_amount_takes_the_last_portion(logbook: Logbook) -> None:
    almonds = food("12061")
    logbook.repo.log(drafts.food_entry(almonds, "1 oz", YESTERDAY, dt.time(9, 0)))
    item = logbook.routine_food_item(almonds)
    assert (item.amount, round(item.grams or 0, 2)) == ("1 oz", 28.35)


def test_an_item_removed_and_what_cannot_be_removed(logbook: Logbook) -> None:
    logbook.save_routine_items(
        "Snack",
        [
            logbook.routine_food_item(food("12061"), "1 oz"),
            logbook.routine_food_item(food("12014"), "1 oz"),
        ],
    )
    routine, removed = logbook.remove_routine_item("snack", 1)
    assert removed.food_id == "12061" and [i.food_id for i in routine.items] == ["12014"]
    with pytest.raises(BadInputError, match="has items 1 to 1, not 3"):
        logbook.remove_routine_item("Snack", 3)
    with pytest.raises(BadInputError, match="only item of 'Snack'; delete the routine"):
        logbook.remove_routine_item("Snack", 1)
    assert len(logbook.routine("Snack").items) == 1


def test_bad_items_are_refused_and_nothing_is_saved(logbook: Logbook) -> None:
    with pytest.raises(NotFoundError, match="'Zinc' is not a saved supplement"):
        logbook.routine_supplement_item("Zinc")
    with pytest.raises(drafts.AmountError):
        logbook.routine_food_item(food("12014"), "-5 g")
    with pytest.raises(BadInputError, match="needs at least one food or supplement"):
        logbook.save_routine_items("Empty", [])
    assert logbook.repo.routines() == []


def test_chosen_entries_of_a_day_are_copied_in_the_days_order(logbook: Logbook) -> None:
    seeds = logbook.repo.log(drafts.food_entry(food("12014"), "1 oz", YESTERDAY, dt.time(7, 0)))
    milk = logbook.repo.log(drafts.food_entry(food("01077"), "1 cup", YESTERDAY, dt.time(8, 0)))
    logbook.repo.log(drafts.food_entry(food("12061"), "1 oz", YESTERDAY, dt.time(9, 0)))
    logged = logbook.copy_day(YESTERDAY, NOW.date(), ids=[seeds.id, milk.id])
    assert [(e.name, e.time) for e in logged.entries] == [
        (seeds.name, dt.time(7, 0)),
        (milk.name, dt.time(8, 0)),
    ]
    with pytest.raises(NotFoundError, match="has no entry with id 'nope'"):
        logbook.copy_day(YESTERDAY, NOW.date(), ids=["nope"])
    assert len(logbook.repo.entries_on(NOW.date())) == 2


def test_entry_lines_with_their_times_add_up_to_the_total() -> None:
    day = [
        drafts.food_entry(food("12014"), "1 oz", YESTERDAY, dt.time(7, 0)),
        drafts.food_entry(food("11458"), "1/2 cup", YESTERDAY, dt.time(12, 15)),
    ]
    assert entry_lines(day, with_time=True) == [
        "07:00  168 mg Mg  Seeds, pumpkin and squash seed kernels, dried — 1 oz (28.35 g)",
        "12:15   78 mg Mg  Spinach, cooked, boiled, drained, without salt — 1/2 cup (90 g)",
    ]
