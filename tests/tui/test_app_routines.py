"""Routines and copies on Today: a saved morning is logged in 3 keys or fewer, at now on
today and at a typed time on another day; the day's entries are saved as a routine and
copied from another day, with the milligrams the person sees."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Checkbox, Input

from app_support import (
    GLYCINATE,
    TODAY,
    AppFactory,
    log_food,
    record_notifications,
    seed_day,
    today_rows,
)
from mgtui.domain.routines import Routine, routine_items
from mgtui.logbook import drafts
from mgtui.store import Repository
from mgtui.tui.app import all_palette_commands
from mgtui.tui.dialogs.copy_chooser import CopyChooser
from mgtui.tui.dialogs.prompt_dialog import PromptDialog
from mgtui.tui.dialogs.routine_picker import RoutinePicker
from mgtui.tui.dialogs.save_routine_dialog import SaveRoutineDialog
from mgtui.tui.screens.today import TodayScreen

YESTERDAY = TODAY - dt.timedelta(days=1)


def save_morning(repo: Repository) -> None:
    """Morning: pumpkin seeds, milk, spinach and a glycinate serving (390.5 mg Mg)."""
    seed_day(repo, YESTERDAY)
    repo.save_routine(Routine("Morning", routine_items(repo.entries_on(YESTERDAY))))


async def test_a_saved_morning_is_logged_from_today_in_two_keys(
    repo: Repository, app_for: AppFactory
) -> None:
    save_morning(repo)
    app = app_for(repo)
    notes = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        assert today_rows(app) == []
        await pilot.press("r")
        assert isinstance(app.screen, RoutinePicker)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        shown = today_rows(app)
        # All four at now (08:30), each with the milligrams it was saved with.
        assert [row[0] for row in shown] == ["08:30"] * 4
        assert sorted(row[3] for row in shown) == ["120", "168", "25", "78"]
    entries = repo.entries_on(TODAY)
    assert len(entries) == 4 and {e.time for e in entries} == {dt.time(8, 30)}
    assert round(sum(e.magnesium_or_zero for e in entries), 1) == 390.5
    assert "Logged routine Morning: 4 entries at 08:30. u undoes one at a time." in (
        notes.messages()
    )


async def test_the_second_routine_takes_three_keys(repo: Repository, app_for: AppFactory) -> None:
    save_morning(repo)
    log_food(repo, "12061", "1 oz", "21:00", YESTERDAY - dt.timedelta(days=1))
    evening = repo.entries_on(YESTERDAY - dt.timedelta(days=1))
    repo.save_routine(Routine("Almonds", routine_items(evening)))
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "down", "enter")  # "Morning" is listed after "Almonds"
        await pilot.pause()
        assert len(today_rows(app)) == 4
    assert len(repo.entries_on(TODAY)) == 4


async def test_on_another_day_the_time_is_asked_and_must_be_valid(
    repo: Repository, app_for: AppFactory
) -> None:
    save_morning(repo)
    earlier = TODAY - dt.timedelta(days=3)
    app = app_for(repo, day=earlier)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "enter")
        assert isinstance(app.screen, PromptDialog)
        await pilot.press(*"25:00", "enter")
        # A bad time keeps the dialog open and says why; nothing reaches Today.
        assert isinstance(app.screen, PromptDialog)
        assert "not a time of day" in str(app.screen.query_one("#prompt-hint").render())
        app.screen.query_one(Input).value = "07:15"
        await pilot.press("enter")
        await pilot.pause()
        assert [row[0] for row in today_rows(app)] == ["07:15"] * 4
    assert {e.time for e in repo.entries_on(earlier)} == {dt.time(7, 15)}
    assert repo.entries_on(TODAY) == []


async def test_a_routine_past_the_limit_asks_first(repo: Repository, app_for: AppFactory) -> None:
    repo.log(drafts.supplement_entry(GLYCINATE, 2, YESTERDAY, dt.time(8, 0)))
    repo.save_routine(Routine("Double", routine_items(repo.entries_on(YESTERDAY))))
    repo.log(drafts.supplement_entry(GLYCINATE, 1, TODAY, dt.time(7, 0)))
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "enter")
        await pilot.pause()
        message = str(app.screen.query_one(".dialog-message").render())
        assert "360 mg, over the 350 mg/day limit by 10 mg" in message
        await pilot.press("n")
        assert len(repo.entries_on(TODAY)) == 1
        notes = record_notifications(app)
        await pilot.press("r", "enter", "y")
        await pilot.pause()
    assert round(sum(e.magnesium_or_zero for e in repo.entries_on(TODAY))) == 360
    # The question said it: no warning toast repeats it over Today.
    assert notes.messages() == ["Logged routine Double: 1 entry at 08:30. u undoes one at a time."]


async def test_no_routines_says_how_to_make_one(repo: Repository, app_for: AppFactory) -> None:
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        assert isinstance(app.screen, RoutinePicker)
        assert str(app.screen.query_one("#no-routines").render()) == (
            "No routines yet: n builds one from foods and supplements, or R on Today saves "
            "a day's entries as one."
        )
        await pilot.press("enter", "e")  # nothing to log or change: the list stays
        assert isinstance(app.screen, RoutinePicker)
        assert "No routine to change or delete" in str(
            app.screen.query_one("#routine-problem").render()
        )
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)


async def test_save_the_days_entries_or_only_the_selected_one(
    repo: Repository, app_for: AppFactory
) -> None:
    seed_day(repo)
    app = app_for(repo)
    notes = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("R")
        assert isinstance(app.screen, SaveRoutineDialog)
        await pilot.press(*"Morning", "enter")
        await pilot.pause()
        await pilot.press("R")
        app.screen.query_one(Checkbox).value = True
        app.screen.query_one(Input).value = "Seeds"
        app.screen.query_one(Input).focus()
        await pilot.press("enter")
        await pilot.pause()
    saved = {routine.name: routine for routine in repo.routines()}
    assert [item.name for item in saved["Seeds"].items] == [
        "Seeds, pumpkin and squash seed kernels, dried"
    ]
    assert len(saved["Morning"].items) == 4
    assert "Saved routine Morning: 4 items, 391 mg Mg. Press r to log it." in notes.messages()


async def test_copy_another_days_entries_keeping_their_times(
    repo: Repository, app_for: AppFactory
) -> None:
    seed_day(repo, YESTERDAY)
    app = app_for(repo)
    notes = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        assert isinstance(app.screen, CopyChooser)
        assert app.screen.query_one(Input).value == YESTERDAY.isoformat()
        await pilot.press("enter")  # every entry is chosen to begin with
        await pilot.pause()
        shown = today_rows(app)
        assert [row[0] for row in shown] == ["07:30", "08:00", "08:15", "12:15"]
        assert [row[3] for row in shown] == ["168", "25", "120", "78"]
        await pilot.press("u")  # one entry at a time
        await pilot.pause()
        assert len(today_rows(app)) == 3
    assert "Copied 4 entries from Sat 21 Nov to Sun 22 Nov, each at its own time." in " ".join(
        notes.messages()
    )


# -- the README's key counts of common tasks, measured ----------------------------------


async def test_key_counts_of_common_tasks_from_today(repo: Repository, app_for: AppFactory) -> None:
    save_morning(repo)
    repo.save_supplement_product(GLYCINATE)
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        routine = ("r", "enter")
        await pilot.press(*routine)
        await pilot.pause()
        assert len(repo.entries_on(TODAY)) == 4

        supplement = ("s", "l")
        await pilot.press(*supplement)
        await pilot.pause()
        assert [e.name for e in repo.entries_on(TODAY)].count("Mag Glycinate") == 2

        food = ("t", "a", *"pumpkin", "enter", *"1 oz", "enter")
        await pilot.press(*food)
        await pilot.pause()
        seeds = [
            e for e in repo.entries_on(TODAY) if e.amount == "1 oz" and e.time == dt.time(8, 30)
        ]
        assert [round(e.magnesium_or_zero, 1) for e in seeds if e.food_id == "12014"] == [
            167.8,
            167.8,
        ]
    # What the README says: 2 keys, 2 keys, and 14 (a, "pumpkin", Enter, "1 oz", Enter).
    assert (len(routine), len(supplement), len(food) - 1) == (2, 2, 14)


async def test_key_counts_of_copying_and_building_from_today(
    repo: Repository, app_for: AppFactory
) -> None:
    seed_day(repo, YESTERDAY)
    repo.save_supplement_product(GLYCINATE)
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        copy_all = ("c", "enter")
        await pilot.press(*copy_all)
        await pilot.pause()
        assert len(repo.entries_on(TODAY)) == 4
        await pilot.press("u", "u", "u", "u")
        await pilot.pause()
        assert repo.entries_on(TODAY) == []

        copy_but_one = ("c", "down", "space", "enter")  # all but the first
        await pilot.press(*copy_but_one)
        await pilot.pause()
        assert len(repo.entries_on(TODAY)) == 3

        build = ("r", "n", *"Morning", "enter", "a", *"pumpkin")
        await pilot.press(*build)
        await app.workers.wait_for_complete()
        await pilot.pause()
        portion = ("enter", *"1 oz", "enter", "s", "enter", "ctrl+s")
        await pilot.press(*portion)
        await pilot.pause()
        [routine] = repo.routines()
        assert [(i.name, i.amount) for i in routine.items] == [
            ("Seeds, pumpkin and squash seed kernels, dried", "1 oz"),
            ("Mag Glycinate", "1 serving"),
        ]
    # What the README says: 2, 4, and 27 (r n "Morning" Enter a "pumpkin" Enter
    # "1 oz" Enter, s Enter ctrl+s) with a name of 7 letters.
    assert (len(copy_all), len(copy_but_one), len(build) + len(portion)) == (2, 4, 27)


def test_the_routine_keys_are_in_the_palette() -> None:
    names = {command.name for command in all_palette_commands()}
    assert {"Today: routine", "Today: save routine", "Today: copy day"} <= names
