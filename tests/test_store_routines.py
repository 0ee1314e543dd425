"""Routines in the store: a log from before routines opens with none, a routine keeps its
items' own numbers, and what cannot be stored is refused before anything is written."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from mgtui.domain.routines import MAX_ROUTINE_ITEMS, Routine, routine_items
from mgtui.foods import get_food
from mgtui.logbook import drafts
from mgtui.store import InvalidRecordError, Repository

DAY = dt.date(2026, 11, 21)


def seeds(repo: Repository) -> Routine:
    food = get_food("12014")
    assert food is not None
    repo.log(drafts.food_entry(food, "1 oz", DAY, dt.time(7, 30)))
    return Routine("Seeds", routine_items(repo.entries_on(DAY)))


def test_a_log_from_before_routines_opens_with_none(tmp_path: Path) -> None:
    with Repository.open(tmp_path) as repo:
        routine = seeds(repo)
    data = json.loads((tmp_path / "mgtui.json").read_text())
    del data["routines"]
    (tmp_path / "mgtui.json").write_text(json.dumps(data))
    with Repository.open(tmp_path) as repo:
        assert repo.routines() == [] and repo.set_aside_records() == []
        repo.save_routine(routine)
    with Repository.open(tmp_path) as repo:
        [saved] = repo.routines()
    [item] = saved.items
    assert (item.name, item.amount, item.grams) == (
        "Seeds, pumpkin and squash seed kernels, dried", "1 oz", 28.35
    )  # fmt: skip
    assert item.magnesium_mg == pytest.approx(167.832)
    assert saved.entries_at(DAY, dt.time(6, 0))[0].time == dt.time(6, 0)


def test_saving_a_name_again_replaces_it_ignoring_case(tmp_path: Path) -> None:
    with Repository.open(tmp_path) as repo:
        routine = seeds(repo)
        repo.save_routine(routine)
        repo.save_routine(Routine("  SEEDS  ", routine.items * 2))
        assert [(r.name, len(r.items)) for r in repo.routines()] == [("SEEDS", 2)]
        assert repo.delete_routine("seeds").name == "SEEDS"
        assert repo.routines() == []


@pytest.mark.parametrize(
    ("name", "count", "says"),
    [
        ("", 1, "needs a name"),
        ("Morning\x1b]52;c;x\x07", 1, "control character"),
        ("M" * 61, 1, "at most 60"),
        ("Morning", 0, "has no items"),
        ("Morning", MAX_ROUTINE_ITEMS + 1, "at most 50"),
    ],
)
def test_what_cannot_be_stored_is_refused(tmp_path: Path, name: str, count: int, says: str) -> None:
    with Repository.open(tmp_path) as repo:
        item = seeds(repo).items[0]
        before = (tmp_path / "mgtui.json").read_bytes()
        with pytest.raises(InvalidRecordError, match=says):
            repo.save_routine(Routine(name, (item,) * count))
        assert (tmp_path / "mgtui.json").read_bytes() == before
