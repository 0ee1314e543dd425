"""Unit tests for every repository method: entries, undo, totals, profile, products,
custom foods, favourites, recent foods, change detection, and per-process state."""

from __future__ import annotations

import datetime as dt
import random
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import orjson
import pytest

from mgtui.domain.entries import Entry
from mgtui.domain.history import DayTotals, day_totals
from mgtui.domain.supplements import SupplementProduct
from mgtui.domain.targets import DEFAULT_PROFILE, CustomTargets, Profile
from mgtui.foods.model import Food, Portion
from mgtui.frozen import FIELDS, replace
from mgtui.store import (
    DuplicateNameError,
    InvalidRecordError,
    NotFoundError,
    Repository,
    UndoConflictError,
)
from mgtui.store.tables import StoreTable

DAY = dt.date(2025, 1, 31)


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repository]:
    repository = Repository.open(tmp_path / "data")
    yield repository
    repository.close()


def add_food(
    repo: Repository,
    name: str = "Nuts, almonds",
    *,
    day: dt.date = DAY,
    time: dt.time = dt.time(8, 30),
    magnesium_mg: float | None = 76.0,
    calcium_mg: float | None = 75.0,
    food_id: str | None = "12061",
    amount: str = "1 oz",
    grams: float | None = 28.35,
) -> Entry:
    return repo.log(
        Entry(
            id="",
            date=day,
            time=time,
            kind="food",
            name=name,
            amount=amount,
            magnesium_mg=magnesium_mg,
            calcium_mg=calcium_mg,
            food_id=food_id,
            grams=grams,
        )
    )


def add_supplement(
    repo: Repository, *, day: dt.date = DAY, time: dt.time = dt.time(21, 0), mg: float = 120.0
) -> Entry:
    return repo.log(
        Entry(
            id="",
            date=day,
            time=time,
            kind="supplement",
            name="Magnesium glycinate",
            amount="1 serving",
            magnesium_mg=mg,
            calcium_mg=None,
            form="glycinate",
            product="Mag Glycinate",
            servings=1,
        )
    )


def stored(repo: Repository) -> dict[str, Any]:
    return cast(dict[str, Any], orjson.loads(repo.path.read_bytes()))


# -- entries ---------------------------------------------------------------------------


def test_add_returns_the_entry_with_a_short_unique_id(repo: Repository) -> None:
    entry = add_food(repo)
    assert re.fullmatch(r"[0-9a-f]{12}", entry.id)
    assert entry.name == "Nuts, almonds"
    assert entry.magnesium_mg == 76.0
    assert entry.date == DAY and entry.time == dt.time(8, 30)
    assert repo.get_entry(entry.id) == entry
    assert repo.entries_on(DAY) == [entry]


def test_add_is_durable_on_disk_in_one_document_per_day(repo: Repository) -> None:
    first = add_food(repo)
    second = add_supplement(repo)
    days = stored(repo)["days"]
    assert list(days) == [str(DAY.toordinal())]
    document = days[str(DAY.toordinal())]
    assert document["d"] == "2025-01-31"
    assert type(document["e"]) is str  # the rows as one JSON string, decoded when read
    assert orjson.loads(document["e"]) == [
        [first.id, "08:30", "f", "Nuts, almonds", "1 oz", 76.0, 75.0, "12061", 28.35],
        [
            second.id,
            "21:00",
            "s",
            "Magnesium glycinate",
            "1 serving",
            120.0,
            None,
            None,
            None,
            "glycinate",
            "Mag Glycinate",
            1.0,
        ],
    ]


def test_a_day_is_sorted_by_time_with_ties_in_logging_order(repo: Repository) -> None:
    late = add_food(repo, "Late", time=dt.time(20, 0))
    tie_first = add_food(repo, "Tie first", time=dt.time(9, 0))
    early = add_food(repo, "Early", time=dt.time(7, 15))
    tie_second = add_food(repo, "Tie second", time=dt.time(9, 0))
    assert [e.id for e in repo.entries_on(DAY)] == [
        early.id,
        tie_first.id,
        tie_second.id,
        late.id,
    ]
    assert repo.entries_on(DAY + dt.timedelta(days=1)) == []


def test_values_are_stored_as_returned(repo: Repository) -> None:
    entry = add_food(
        repo, magnesium_mg=592 * 28.35 / 100 * 3, time=dt.time(8, 30, 15, 999), grams=85.05
    )
    assert entry.magnesium_mg == 503.496
    assert entry.time == dt.time(8, 30, 15)
    reopened = Repository.open(repo.data_dir)
    assert reopened.get_entry(entry.id) == entry


def test_unknown_nutrient_values_stay_unknown(repo: Repository) -> None:
    entry = add_food(repo, magnesium_mg=None, calcium_mg=None, food_id=None, grams=None)
    assert repo.get_entry(entry.id).magnesium_mg is None
    assert repo.day_totals()[0].entries_missing_magnesium == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("magnesium_mg", float("nan")),
        ("magnesium_mg", float("inf")),
        ("magnesium_mg", -5.0),
        ("calcium_mg", True),
        ("grams", -1.0),
        ("date", dt.datetime(2025, 1, 31, 8, 0)),
        ("time", dt.time(8, 0, tzinfo=dt.UTC)),
        ("kind", "snack"),
        ("name", "   "),
        ("amount", 3),
    ],
)
def test_add_refuses_values_that_cannot_be_stored(
    repo: Repository, field: str, value: object
) -> None:
    arguments: dict[str, object] = {
        "date": DAY,
        "time": dt.time(8, 0),
        "kind": "food",
        "name": "Spinach",
        "amount": "1 cup",
        "magnesium_mg": 24.0,
        "calcium_mg": 30.0,
        "grams": 30.0,
    }
    arguments[field] = value
    before = repo.path.read_bytes()
    with pytest.raises(InvalidRecordError):
        repo.log(Entry(id="", **arguments))  # type: ignore[arg-type]
    assert repo.path.read_bytes() == before


def test_edit_replaces_amount_and_nutrients(repo: Repository) -> None:
    entry = add_food(repo)
    edited = repo.edit_entry(
        entry.id, amount="2 oz", grams=56.7, magnesium_mg=152.0, calcium_mg=150.0
    )
    assert edited == replace(entry, amount="2 oz", grams=56.7, magnesium_mg=152.0, calcium_mg=150.0)
    assert repo.entries_on(DAY) == [edited]
    assert repo.day_totals()[0].magnesium_mg == 152.0


def test_edit_a_supplement_changes_its_servings(repo: Repository) -> None:
    entry = add_supplement(repo)
    edited = repo.edit_entry(
        entry.id, amount="2 servings", servings=2, magnesium_mg=240.0, calcium_mg=None
    )
    assert edited.servings == 2.0 and edited.grams is None
    assert edited.form == "glycinate" and edited.product == "Mag Glycinate"


def test_edit_and_delete_of_an_unknown_id_say_so(repo: Repository) -> None:
    add_food(repo)
    before = repo.path.read_bytes()
    with pytest.raises(NotFoundError, match="no entry with id 'abc123abc123'"):
        repo.edit_entry("abc123abc123", amount="1", magnesium_mg=1, calcium_mg=1)
    with pytest.raises(NotFoundError, match="abc123abc123"):
        repo.delete_entry("abc123abc123")
    with pytest.raises(NotFoundError):
        repo.get_entry("abc123abc123")
    assert repo.find_entry("abc123abc123") is None
    assert repo.path.read_bytes() == before


def test_delete_returns_the_entry_and_drops_an_empty_day(repo: Repository) -> None:
    entry = add_food(repo)
    assert repo.delete_entry(entry.id) == entry
    assert repo.entries_on(DAY) == []
    assert stored(repo)["days"] == {}
    assert repo.day_totals() == []


def test_entries_between_is_inclusive_and_ordered(repo: Repository) -> None:
    days = [DAY + dt.timedelta(days=offset) for offset in (0, 1, 2, 5)]
    for day in reversed(days):
        add_food(repo, f"late {day}", day=day, time=dt.time(20, 0))
        add_food(repo, f"early {day}", day=day, time=dt.time(7, 0))
    between = repo.entries_between(days[1], days[3])
    assert [(e.date, e.time.hour) for e in between] == [
        (days[1], 7),
        (days[1], 20),
        (days[2], 7),
        (days[2], 20),
        (days[3], 7),
        (days[3], 20),
    ]
    assert repo.entries_between(days[3] + dt.timedelta(days=1), dt.date.max) == []
    assert len(repo.all_entries()) == 8
    assert repo.logged_days() == days


# -- undo ------------------------------------------------------------------------------


def test_undo_reverses_add_delete_and_edit_in_turn(repo: Repository) -> None:
    assert repo.undo() is None
    kept = add_food(repo, "Spinach", food_id="11458", amount="1 cup")
    added = add_food(repo)
    repo.edit_entry(kept.id, amount="2 cups", magnesium_mg=48, calcium_mg=60, grams=60)
    repo.delete_entry(added.id)

    assert repo.undo() == "restored Nuts, almonds (1 oz) on 2025-01-31 08:30"
    assert repo.get_entry(added.id) == added  # same id, same values
    assert repo.undo() == "changed Spinach back to 1 cup on 2025-01-31 08:30"
    assert repo.get_entry(kept.id) == kept
    assert repo.undo() == "removed Nuts, almonds (1 oz) from 2025-01-31 08:30"
    assert repo.find_entry(added.id) is None
    assert repo.undo() == "removed Spinach (1 cup) from 2025-01-31 08:30"
    assert repo.undo() is None
    assert not repo.can_undo
    assert stored(repo)["days"] == {}


def test_undo_belongs_to_the_repository_object(repo: Repository) -> None:
    other = Repository.open(repo.data_dir)
    entry = add_food(repo)
    assert other.undo() is None
    assert other.get_entry(entry.id) == entry


def test_undo_refuses_when_the_entry_changed_elsewhere(repo: Repository) -> None:
    other = Repository.open(repo.data_dir)
    entry = add_food(repo)
    other.edit_entry(entry.id, amount="3 oz", magnesium_mg=228, calcium_mg=225, grams=85)
    with pytest.raises(UndoConflictError, match="changed or removed elsewhere"):
        repo.undo()
    assert repo.get_entry(entry.id).amount == "3 oz"  # the other window's change stands
    assert not repo.can_undo  # the step that cannot succeed is dropped


# -- totals and recent foods -----------------------------------------------------------


def test_day_totals_newest_or_oldest_first(repo: Repository) -> None:
    add_food(repo, day=DAY, magnesium_mg=100, calcium_mg=200)
    add_supplement(repo, day=DAY, mg=150)
    add_food(repo, day=DAY - dt.timedelta(days=3), magnesium_mg=50, calcium_mg=None)
    newest = repo.day_totals()
    assert [t.date for t in newest] == [DAY, DAY - dt.timedelta(days=3)]
    assert newest[0] == DayTotals(DAY, 100.0, 150.0, 200.0, 0.0, 2, 0)
    assert newest[1] == DayTotals(DAY - dt.timedelta(days=3), 50.0, 0.0, 0.0, 0.0, 1, 0)
    assert repo.day_totals(newest_first=False) == list(reversed(newest))


def test_fast_totals_match_the_domain_rule(repo: Repository) -> None:
    """The store sums stored rows directly; it must agree with domain.history.day_totals."""
    rng = random.Random(7)
    bundle_entries = []
    for index in range(600):
        day = DAY - dt.timedelta(days=rng.randrange(40))
        kind = rng.choice(["food", "food", "supplement"])
        bundle_entries.append(
            {
                "id": f"{index:012x}",
                "date": day.isoformat(),
                "time": f"{rng.randrange(24):02d}:{rng.randrange(60):02d}",
                "kind": kind,
                "name": f"item {index}",
                "amount": "1",
                "magnesium_mg": rng.choice([None, round(rng.uniform(0, 300), 3)]),
                "calcium_mg": rng.choice([None, round(rng.uniform(0, 500), 3)]),
            }
        )
    repo.import_data({"format": "mgtui-export", "version": 1, "entries": bundle_entries})
    for totals in repo.day_totals():
        expected = day_totals(totals.date, repo.entries_on(totals.date))
        assert totals.entry_count == expected.entry_count
        assert totals.entries_missing_magnesium == expected.entries_missing_magnesium
        for field in (
            "food_magnesium_mg",
            "supplement_magnesium_mg",
            "food_calcium_mg",
            "supplement_calcium_mg",
        ):
            assert getattr(totals, field) == pytest.approx(getattr(expected, field))


def test_day_totals_follow_changes_here_and_elsewhere(repo: Repository) -> None:
    other = Repository.open(repo.data_dir)
    entry = add_food(repo, magnesium_mg=100)
    assert other.day_totals()[0].magnesium_mg == 100
    repo.edit_entry(entry.id, amount="2 oz", magnesium_mg=200, calcium_mg=0, grams=56.7)
    assert other.day_totals()[0].magnesium_mg == 200
    add_food(other, day=DAY + dt.timedelta(days=1), magnesium_mg=10)
    assert [t.magnesium_mg for t in repo.day_totals()] == [10, 200]
    other.delete_entry(entry.id)
    assert [t.magnesium_mg for t in repo.day_totals()] == [10]


def test_recent_food_ids_are_distinct_and_newest_first(repo: Repository) -> None:
    add_food(repo, "Almonds", food_id="12061", day=DAY - dt.timedelta(days=2))
    add_food(repo, "Spinach", food_id="11458", day=DAY - dt.timedelta(days=1))
    add_food(repo, "Almonds", food_id="12061", day=DAY, time=dt.time(7, 0))
    add_food(repo, "Water", food_id="custom-spring-water", day=DAY, time=dt.time(12, 0))
    add_supplement(repo, day=DAY, time=dt.time(23, 0))  # no food id: not a recent food
    add_food(repo, "Typed by hand", food_id=None, day=DAY, time=dt.time(13, 0))
    assert repo.recent_food_ids() == ["custom-spring-water", "12061", "11458"]
    assert repo.recent_food_ids(limit=2) == ["custom-spring-water", "12061"]
    add_food(repo, "Oats", food_id="08120", day=DAY, time=dt.time(12, 0))  # same time, later
    assert repo.recent_food_ids(limit=2) == ["08120", "custom-spring-water"]


# -- favourites ------------------------------------------------------------------------


def test_favourites_toggle_and_keep_their_order(repo: Repository) -> None:
    assert repo.favourite_food_ids() == []
    assert repo.toggle_favourite("12014") is True
    assert repo.toggle_favourite("11458") is True
    assert repo.toggle_favourite("12061") is True
    assert repo.toggle_favourite("11458") is False
    assert repo.favourite_food_ids() == ["12014", "12061"]
    assert "12014" in repo.favourite_food_ids() and "11458" not in repo.favourite_food_ids()
    assert Repository.open(repo.data_dir).favourite_food_ids() == ["12014", "12061"]


# -- profile ---------------------------------------------------------------------------


def test_profile_defaults_until_saved(repo: Repository) -> None:
    profile = repo.profile()
    assert profile is DEFAULT_PROFILE and profile.is_default
    assert not repo.has_saved_profile()
    mine = Profile(
        sex="male",
        age=67,
        kidney_disease=True,
        ratio_band=(1.7, 2.6),
        custom=CustomTargets(supplement_limit_mg=250),
    )
    saved = repo.save_profile(mine)
    assert saved == mine and not saved.is_default
    reopened = Repository.open(repo.data_dir).profile()
    assert reopened == mine and not reopened.is_default


def test_a_changed_default_profile_is_saved_as_not_default(repo: Repository) -> None:
    saved = repo.save_profile(replace(DEFAULT_PROFILE, age=70))
    assert not saved.is_default
    assert not repo.profile().is_default and repo.profile().age == 70


def test_a_saved_profile_that_breaks_the_rules_is_set_aside(repo: Repository) -> None:
    repo.save_profile(Profile(sex="female", age=60))
    data = stored(repo)
    data["profile"]["1"]["age"] = 500  # the right type, but no such age
    _replace_file(repo.path, data)
    # Never a failure of every command: the default profile is used, and doctor says why.
    assert repo.profile() == DEFAULT_PROFILE
    [record] = repo.set_aside_records()
    assert record.what == "profile" and record.record == data["profile"]["1"]
    assert "age must be between 0 and 120 years, not 500" in record.reason
    assert any("mgtui doctor" in notice for notice in repo.notices)


# -- supplement products ---------------------------------------------------------------


def test_products_are_saved_listed_found_and_deleted_ignoring_case(repo: Repository) -> None:
    glycinate = SupplementProduct("Mag Glycinate", "glycinate", 120.0, serving="2 capsules")
    calcium = SupplementProduct("Calcium Citrate", None, 0.0, calcium_mg=315.0)
    repo.save_supplement_product(glycinate)
    repo.save_supplement_product(calcium)
    assert repo.supplement_products() == [calcium, glycinate]
    assert repo.supplement_product("mag glycinate") == glycinate
    assert repo.supplement_product("Nothing") is None

    stronger = SupplementProduct("MAG GLYCINATE", "glycinate", 200.0, compound_mg=1418.0)
    repo.save_supplement_product(stronger)
    assert repo.supplement_products() == [calcium, stronger]

    assert repo.delete_supplement_product("mag glycinate") == stronger
    assert repo.supplement_products() == [calcium]
    with pytest.raises(NotFoundError, match="no saved supplement named 'Mag Glycinate'"):
        repo.delete_supplement_product("Mag Glycinate")


# -- custom foods ----------------------------------------------------------------------

WATER = Food(
    id="custom-spring-water",
    name="Spring water",
    group="Custom foods",
    magnesium_mg_per_100g=2.6,
    calcium_mg_per_100g=8.0,
    portions=(Portion("litre", 1000.0), Portion("glass", 250.0)),
    custom=True,
)


def test_custom_foods_are_saved_listed_replaced_and_deleted(repo: Repository) -> None:
    bar = Food("custom-protein-bar", "Protein bar", "Custom foods", 40.0, None, custom=True)
    assert repo.save_custom_food(WATER) == WATER
    repo.save_custom_food(bar)
    assert repo.custom_foods() == [bar, WATER]
    assert repo.custom_food("custom-spring-water") == WATER
    assert repo.custom_food("spring WATER") == WATER

    richer = replace(WATER, magnesium_mg_per_100g=11.0)
    repo.save_custom_food(richer)
    assert repo.custom_food(WATER.id) == richer

    repo.toggle_favourite(WATER.id)
    assert repo.delete_custom_food(WATER.id) == richer
    assert repo.custom_foods() == [bar]
    assert repo.favourite_food_ids() == []
    with pytest.raises(NotFoundError):
        repo.delete_custom_food(WATER.id)


def test_custom_food_names_are_unique(repo: Repository) -> None:
    repo.save_custom_food(WATER)
    clash = replace(WATER, id="custom-water-2", name="SPRING WATER")
    with pytest.raises(DuplicateNameError, match="already exists"):
        repo.save_custom_food(clash)
    with pytest.raises(InvalidRecordError):
        repo.save_custom_food(replace(WATER, id="12014"))
    with pytest.raises(InvalidRecordError):
        repo.save_custom_food(replace(WATER, magnesium_mg_per_100g=float("nan")))
    assert repo.custom_foods() == [WATER]


def test_deleting_a_custom_food_keeps_the_entries_logged_with_it(repo: Repository) -> None:
    repo.save_custom_food(WATER)
    entry = add_food(repo, "Spring water", food_id=WATER.id, magnesium_mg=26.0, amount="1 litre")
    repo.delete_custom_food(WATER.id)
    assert repo.get_entry(entry.id) == entry


# -- several repositories, change detection, per-process state -------------------------


def test_another_repository_sees_changes_without_reopening(repo: Repository) -> None:
    other = Repository.open(repo.data_dir)
    assert other.entries_on(DAY) == []
    entry = add_food(repo)
    assert other.entries_on(DAY) == [entry]
    other.delete_entry(entry.id)
    assert repo.entries_on(DAY) == []


def test_signature_changes_only_when_someone_saves(repo: Repository) -> None:
    other = Repository.open(repo.data_dir)
    token = repo.signature()
    repo.entries_on(DAY)
    repo.day_totals()
    assert repo.signature() == token
    add_food(other)
    assert repo.signature() != token
    token = repo.signature()
    add_food(repo)
    assert repo.signature() != token


def test_auto_ids_after_another_process(repo: Repository) -> None:
    """TinyDB's per-table next-id counter must be reset inside the lock."""
    other = Repository.open(repo.data_dir)
    repo.save_supplement_product(SupplementProduct("A", None, 10.0))  # TinyDB id 1 here
    other.save_supplement_product(SupplementProduct("B", None, 10.0))  # id 2 elsewhere
    repo.save_supplement_product(SupplementProduct("C", None, 10.0))  # must not reuse 2
    assert [p.name for p in other.supplement_products()] == ["A", "B", "C"]


def test_auto_ids_collide_without_the_reset(
    repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reset is what prevents the collision (so the test above means something)."""
    monkeypatch.setattr(StoreTable, "forget_process_state", lambda self: None)
    other = Repository.open(repo.data_dir)
    repo.save_supplement_product(SupplementProduct("A", None, 10.0))
    other.save_supplement_product(SupplementProduct("B", None, 10.0))
    with pytest.raises(ValueError, match="already exists"):
        repo.save_supplement_product(SupplementProduct("C", None, 10.0))


def test_threads_share_one_repository(repo: Repository) -> None:
    def log_fifty(thread: int) -> None:
        for index in range(50):
            add_food(repo, f"thread {thread} item {index}", time=dt.time(thread, index))

    threads = [threading.Thread(target=log_fifty, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    entries = Repository.open(repo.data_dir).entries_on(DAY)
    assert len(entries) == 200 and len({e.id for e in entries}) == 200


def test_callers_get_typed_objects_not_documents(repo: Repository) -> None:
    entry = add_food(repo)
    repo.save_supplement_product(SupplementProduct("Mag", "glycinate", 100.0))
    repo.save_custom_food(WATER)
    results = [
        entry,
        repo.get_entry(entry.id),
        *repo.entries_on(DAY),
        *repo.day_totals(),
        *repo.supplement_products(),
        *repo.custom_foods(),
        repo.profile(),
    ]
    for result in results:
        assert hasattr(result, FIELDS) and not isinstance(result, dict)  # a @frozen value


def test_close_and_context_manager(tmp_path: Path) -> None:
    with Repository.open(tmp_path) as repository:
        entry = add_food(repository)
    with Repository.open(tmp_path) as repository:
        assert repository.entries_on(DAY) == [entry]


def _replace_file(path: Path, data: object) -> None:
    """Save a file the way another mgtui process would: a new inode, atomically."""
    temp = path.with_name(".test-replacement")
    temp.write_bytes(orjson.dumps(data))
    temp.replace(path)


def test_log_stores_a_drafted_entry_and_reads_back_the_same(repo: Repository) -> None:
    draft = Entry(
        id="",
        date=DAY,
        time=dt.time(7, 45),
        kind="supplement",
        name="Mag Glycinate",
        amount="2 servings",
        magnesium_mg=240.0,
        calcium_mg=0.0,
        form="glycinate",
        product="Mag Glycinate",
        servings=2.0,
    )
    logged = repo.log(draft)
    assert logged.id and logged == replace(draft, id=logged.id)
    again = Repository.open(repo.data_dir)
    assert again.entries_on(DAY) == [logged]


def test_log_many_orders_days_as_logging_one_at_a_time_would(repo: Repository) -> None:
    def draft(name: str, day: dt.date, at: dt.time) -> Entry:
        return Entry("", day, at, "food", name, "1 oz", 10.0, 5.0, food_id="12061")

    next_day = DAY + dt.timedelta(days=1)
    existing = add_food(repo, "Already there", time=dt.time(9, 0))
    logged = repo.log_many(
        [
            draft("Late", DAY, dt.time(20, 0)),
            draft("Tie first", DAY, dt.time(9, 0)),
            draft("Next day", next_day, dt.time(8, 0)),
            draft("Early", DAY, dt.time(7, 15)),
            draft("Tie second", DAY, dt.time(9, 0)),
        ]
    )
    assert len({entry.id for entry in logged}) == 5
    assert [e.name for e in repo.entries_on(DAY)] == [
        "Early",
        existing.name,
        "Tie first",
        "Tie second",
        "Late",
    ]
    again = Repository.open(repo.data_dir)
    assert [e.name for e in again.entries_on(next_day)] == ["Next day"]
    assert again.entries_on(DAY) == repo.entries_on(DAY)
    assert [t.entry_count for t in again.day_totals()] == [1, 5]


def test_the_first_run_question_is_asked_once(repo: Repository) -> None:
    assert not repo.profile_asked()
    repo.mark_profile_asked()
    assert Repository.open(repo.data_dir).profile_asked()
    assert repo.profile() == DEFAULT_PROFILE  # declining keeps the default, said as such


def test_a_saved_profile_counts_as_asked(repo: Repository) -> None:
    repo.save_profile(Profile(sex="male", age=60))
    assert repo.profile_asked()


def test_two_names_with_one_slug_never_replace_each_other(repo: Repository) -> None:
    def water(name: str) -> Food:
        return Food(
            id="custom-water-still",
            name=name,
            group="Custom foods",
            magnesium_mg_per_100g=1.0,
            calcium_mg_per_100g=2.0,
            portions=(Portion("l", 1000.0),),
            custom=True,
        )

    first = repo.save_custom_food(water("Water (still)"))
    second = repo.save_custom_food(water("Water still"))
    assert (first.id, second.id) == ("custom-water-still", "custom-water-still-2")
    assert [f.name for f in repo.custom_foods()] == ["Water (still)", "Water still"]
    again = repo.save_custom_food(replace(water("Water (still)"), magnesium_mg_per_100g=3.0))
    assert again.id == "custom-water-still"  # the same name replaces its own food
    assert [f.magnesium_mg_per_100g for f in repo.custom_foods()] == [3.0, 1.0]


def test_set_aside_products_foods_and_favourites_can_be_restored_corrected(
    repo: Repository,
) -> None:
    repo.save_supplement_product(SupplementProduct("Mag", "glycinate", 120.0))
    repo.save_custom_food(
        Food("custom-water", "Water", "Custom foods", 10.0, 30.0, None, None,
             (Portion("glass", 250.0, 1.0),), custom=True)
    )  # fmt: skip
    repo.toggle_favourite("12014")
    data = stored(repo)
    data["supplements"]["1"]["magnesium_mg"] = -120
    data["custom_foods"]["1"]["portions"] = [["glass", 0, 1]]
    data["favourites"]["1"]["food_id"] = None
    _replace_file(repo.path, data)
    assert repo.supplement_products() == [] and repo.custom_foods() == []
    product, food, favourite = repo.set_aside_records()
    with pytest.raises(InvalidRecordError, match="amounts must be numbers"):
        repo.restore_set_aside(product.id, product.record)
    assert isinstance(product.record, dict) and isinstance(food.record, dict)
    repo.restore_set_aside(product.id, dict(product.record, magnesium_mg=120))
    repo.restore_set_aside(food.id, dict(food.record, portions=[["glass", 250, 1]]))
    repo.restore_set_aside(favourite.id, {"food_id": "12014"})
    assert [p.magnesium_mg for p in repo.supplement_products()] == [120.0]
    assert [f.name for f in repo.custom_foods()] == ["Water"]
    assert repo.favourite_food_ids() == ["12014"] and repo.set_aside_records() == []
    with pytest.raises(NotFoundError):
        repo.restore_set_aside(product.id, product.record)
