"""Export and import: a plain, versioned document; merging by entry id; all or nothing."""

from __future__ import annotations

import copy
import datetime as dt
import errno
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mgtui.domain.entries import Entry
from mgtui.domain.supplements import SupplementProduct
from mgtui.domain.targets import Profile
from mgtui.foods.model import Food, Portion
from mgtui.store import (
    EXPORT_FORMAT,
    ImportFileError,
    Repository,
    StoreWriteError,
)

DAY = dt.date(2025, 3, 1)


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repository]:
    repository = Repository.open(tmp_path / "one")
    yield repository
    repository.close()


@pytest.fixture
def other(tmp_path: Path) -> Iterator[Repository]:
    repository = Repository.open(tmp_path / "two")
    yield repository
    repository.close()


def fill(repo: Repository) -> None:
    for offset in range(3):
        repo.log(
            Entry(
                id="",
                date=DAY + dt.timedelta(days=offset),
                time=dt.time(8, offset),
                kind="food",
                name="Seeds, pumpkin and squash seed kernels, dried",
                amount="1 oz",
                magnesium_mg=167.832,
                calcium_mg=13.041,
                food_id="12014",
                grams=28.35,
            )
        )
    repo.log(
        Entry(
            id="",
            date=DAY,
            time=dt.time(21, 0),
            kind="supplement",
            name="Mag Glycinate",
            amount="2 capsules",
            magnesium_mg=120,
            calcium_mg=None,
            form="glycinate",
            product="Mag Glycinate",
            servings=2,
        )
    )
    repo.save_profile(Profile(sex="female", age=63, ratio_band=(1.7, 2.8)))
    repo.save_supplement_product(SupplementProduct("Mag Glycinate", "glycinate", 60.0))
    repo.save_custom_food(
        Food(
            "custom-spring-water",
            "Spring water",
            "Custom foods",
            2.6,
            8.0,
            portions=(Portion("litre", 1000.0),),
            custom=True,
        )
    )
    repo.toggle_favourite("12014")
    repo.toggle_favourite("custom-spring-water")


def test_export_is_plain_versioned_json(repo: Repository) -> None:
    fill(repo)
    exported = repo.export_data()
    assert json.loads(json.dumps(exported)) == exported  # plain JSON values only
    assert exported["format"] == EXPORT_FORMAT and exported["version"] == 1
    assert len(exported["entries"]) == 4
    first = exported["entries"][0]
    assert first["date"] == "2025-03-01" and first["time"] == "08:00"
    assert first["kind"] == "food" and first["food_id"] == "12014"
    assert exported["profile"]["age"] == 63
    assert exported["supplement_products"][0]["name"] == "Mag Glycinate"
    assert exported["custom_foods"][0]["portions"] == [
        {"name": "litre", "grams": 1000.0, "amount": 1.0}
    ]
    assert exported["favourite_food_ids"] == ["12014", "custom-spring-water"]


def test_export_then_import_reproduces_everything(repo: Repository, other: Repository) -> None:
    fill(repo)
    result = other.import_data(repo.export_data())
    assert result.entries_added == 4 and result.profile_imported
    assert result.supplement_products_added == 1 and result.custom_foods_added == 1
    assert result.favourites_added == 2
    assert other.all_entries() == repo.all_entries()
    assert other.profile() == repo.profile()
    assert other.supplement_products() == repo.supplement_products()
    assert other.custom_foods() == repo.custom_foods()
    assert other.favourite_food_ids() == repo.favourite_food_ids()
    assert other.day_totals() == repo.day_totals()


def test_import_is_idempotent(repo: Repository, other: Repository) -> None:
    fill(repo)
    exported = repo.export_data()
    other.import_data(exported)
    before = other.path.read_bytes()
    again = other.import_data(exported)
    assert again.entries_added == 0 and again.entries_unchanged == 4
    assert again.summary() == "0 entries added, 4 already present"
    assert other.path.read_bytes() == before  # nothing to do, nothing written


def test_import_merges_by_id_and_keeps_the_logs_version(
    repo: Repository, other: Repository
) -> None:
    fill(repo)
    exported = repo.export_data()
    mine = other.log(
        Entry(
            id="",
            date=DAY,
            time=dt.time(12, 0),
            kind="food",
            name="Spinach",
            amount="1 cup",
            magnesium_mg=24,
            calcium_mg=30,
        )
    )
    other.import_data(exported)
    changed = copy.deepcopy(exported)
    changed["entries"][0]["amount"] = "5 oz"
    changed["entries"].append({**exported["entries"][0], "id": "0123456789ab", "time": "13:00"})
    result = other.import_data(changed)
    assert result.entries_added == 1
    assert result.entries_conflicting == 1
    assert result.conflicting_entry_ids == (exported["entries"][0]["id"],)
    assert other.get_entry(exported["entries"][0]["id"]).amount == "1 oz"
    # Merged into the same day, in time order.
    assert [e.time for e in other.entries_on(DAY)] == [
        dt.time(8, 0),
        dt.time(12, 0),
        dt.time(13, 0),
        dt.time(21, 0),
    ]
    assert other.get_entry(mine.id) == mine


def test_import_keeps_a_saved_profile(repo: Repository, other: Repository) -> None:
    fill(repo)
    other.save_profile(Profile(sex="male", age=40))
    result = other.import_data(repo.export_data())
    assert not result.profile_imported
    assert other.profile().sex == "male"


def _broken(document: dict[str, Any], change: str) -> object:
    data = copy.deepcopy(document)
    entries = data["entries"]
    if change == "impossible date":
        entries[1]["date"] = "2026-02-30"
    elif change == "negative magnesium":
        entries[1]["magnesium_mg"] = -5
    elif change == "nan":
        entries[1]["magnesium_mg"] = float("nan")
    elif change == "text number":
        entries[1]["calcium_mg"] = "abc"
    elif change == "bad time":
        entries[1]["time"] = "25:00"
    elif change == "unknown kind":
        entries[1]["kind"] = "drink"
    elif change == "missing id":
        del entries[1]["id"]
    elif change == "twice with different contents":
        entries.append({**entries[0], "amount": "9 oz"})
    elif change == "bad product":
        data["supplement_products"][0]["magnesium_mg"] = -1
    elif change == "bad profile":
        data["profile"]["age"] = 400
    elif change == "wrong format":
        data["format"] = "something-else"
    elif change == "newer version":
        data["version"] = 99
    elif change == "not an object":
        return [data]
    return data


@pytest.mark.parametrize(
    "change",
    [
        "impossible date",
        "negative magnesium",
        "nan",
        "text number",
        "bad time",
        "unknown kind",
        "missing id",
        "twice with different contents",
        "bad product",
        "bad profile",
        "wrong format",
        "newer version",
        "not an object",
    ],
)
def test_a_bad_import_changes_nothing(repo: Repository, other: Repository, change: str) -> None:
    fill(repo)
    other.log(
        Entry(
            id="",
            date=DAY,
            time=dt.time(12, 0),
            kind="food",
            name="Spinach",
            amount="1 cup",
            magnesium_mg=24,
            calcium_mg=30,
        )
    )
    before = other.path.read_bytes()
    entries_before = other.all_entries()
    with pytest.raises(ImportFileError, match="nothing was imported"):
        other.import_data(_broken(repo.export_data(), change))
    assert other.path.read_bytes() == before
    assert other.all_entries() == entries_before
    assert other.profile().is_default


def test_import_reports_several_problems_at_once(repo: Repository, other: Repository) -> None:
    fill(repo)
    data = repo.export_data()
    data["entries"][0]["date"] = "yesterday"
    data["entries"][2]["magnesium_mg"] = -1
    with pytest.raises(ImportFileError) as caught:
        other.import_data(data)
    assert len(caught.value.problems) == 2
    assert "entries[0]" in str(caught.value) and "entries[2]" in str(caught.value)


def test_an_import_that_cannot_be_saved_changes_nothing(
    repo: Repository, other: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(repo)
    before = other.path.read_bytes()

    def full_disk(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(StoreWriteError, match="No space left on device — your data is unchanged"):
        other.import_data(repo.export_data())
    monkeypatch.undo()
    assert other.path.read_bytes() == before
    assert other.all_entries() == [] and other.supplement_products() == []
    assert other.profile().is_default
    assert other.import_data(repo.export_data()).entries_added == 4
