"""A routine built by hand from Today's routine list (r, then n), changed (e) and deleted
(x); chosen entries of another day copied (c); vitamin D in the portion picker's
preview. Each test asserts what the person sees: the items with their milligrams, the
messages, and what is stored."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.widgets import Input, OptionList

from app_support import (
    CALCIUM,
    GLYCINATE,
    TODAY,
    AppFactory,
    log_food,
    record_notifications,
    seed_day,
)
from mgtui.domain.routines import Routine, routine_items
from mgtui.domain.supplements import SupplementProduct
from mgtui.store import Repository
from mgtui.tui.dialogs.confirm_dialog import ConfirmDialog
from mgtui.tui.dialogs.copy_chooser import CopyChooser, EntryChoices
from mgtui.tui.dialogs.food_chooser import FoodChooser
from mgtui.tui.dialogs.portion_picker import PortionPicker
from mgtui.tui.dialogs.prompt_dialog import PromptDialog
from mgtui.tui.dialogs.routine_builder import RoutineBuilder
from mgtui.tui.dialogs.routine_picker import RoutinePicker
from mgtui.tui.dialogs.supplement_chooser import SupplementChooser
from mgtui.tui.screens.today import TodayScreen

YESTERDAY = TODAY - dt.timedelta(days=1)


def shown(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(selector).render())


def options(app, selector: str) -> list[str]:  # type: ignore[no-untyped-def]
    listing = app.screen.query_one(selector, OptionList)
    return [
        prompt.plain if isinstance(prompt := option.prompt, Text) else str(prompt)
        for option in listing.options
    ]


async def type_query(app, pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    app.screen.query_one("#food-query", Input).value = text
    await app.workers.wait_for_complete()
    await pilot.pause()


# -- building a routine -----------------------------------------------------------------


async def test_build_a_morning_routine_by_hand_and_log_it(
    repo: Repository, app_for: AppFactory
) -> None:
    repo.save_supplement_product(CALCIUM)
    repo.save_supplement_product(GLYCINATE)
    app = app_for(repo)
    notes = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        assert isinstance(app.screen, RoutinePicker)
        assert "No routines yet: n builds one" in shown(app, "#no-routines")
        await pilot.press("n", *"Morning", "enter")
        assert isinstance(app.screen, RoutineBuilder)
        assert shown(app, "#builder-summary") == "Morning: no items yet"

        await pilot.press("a")
        assert isinstance(app.screen, FoodChooser)
        await type_query(app, pilot, "pumpkin seeds")
        await pilot.press("enter")
        assert isinstance(app.screen, PortionPicker)
        assert not app.screen.query("#time")  # a routine's item has no time of its own
        app.screen.query_one("#amount", Input).value = "1 oz"
        await pilot.press("enter")
        assert isinstance(app.screen, RoutineBuilder)

        await pilot.press("s")
        assert isinstance(app.screen, SupplementChooser)
        await pilot.press("down", "tab", "2", "enter")  # Mag Glycinate, 2 servings
        assert isinstance(app.screen, RoutineBuilder)
        assert shown(app, "#builder-summary") == "Morning: 2 items, 408 mg Mg"
        assert options(app, "#routine-items") == [
            "Seeds, pumpkin and squash seed kernels, dried — 1 oz (28.35 g): 168 mg Mg",
            "Mag Glycinate (supplement) — 2 servings: 240 mg Mg",
        ]
        await pilot.press("ctrl+s")
        await pilot.pause()
        # Back in the list, on the new routine: Enter logs it now.
        assert isinstance(app.screen, RoutinePicker)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
    assert "Saved routine Morning: 2 items, 408 mg Mg. Enter logs it." in notes.messages()
    [routine] = repo.routines()
    assert [(i.name, i.amount) for i in routine.items] == [
        ("Seeds, pumpkin and squash seed kernels, dried", "1 oz"),
        ("Mag Glycinate", "2 servings"),
    ]
    logged = repo.entries_on(TODAY)
    assert [round(e.magnesium_or_zero, 1) for e in logged] == [167.8, 240.0]
    assert {e.time for e in logged} == {dt.time(8, 30)}


async def test_change_an_amount_remove_an_item_and_keep_the_name_unique(
    repo: Repository, app_for: AppFactory
) -> None:
    seed_day(repo, YESTERDAY)
    repo.save_routine(Routine("Morning", routine_items(repo.entries_on(YESTERDAY))))
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "n", *"morning", "enter")
        # A name saved already is refused in the dialog, which stays open.
        assert isinstance(app.screen, PromptDialog)
        assert "Morning is saved already: e in the list changes it" in shown(app, "#prompt-hint")
        await pilot.press("escape")  # back to the list
        assert isinstance(app.screen, RoutinePicker)
        await pilot.press("e")
        assert isinstance(app.screen, RoutineBuilder)
        assert shown(app, "#builder-summary") == "Morning: 4 items, 391 mg Mg"
        await pilot.press("home", "enter")  # the pumpkin seeds' amount
        assert isinstance(app.screen, PromptDialog)
        app.screen.query_one(Input).value = "abc"
        await pilot.press("enter")
        assert isinstance(app.screen, PromptDialog)  # a bad amount keeps it open
        app.screen.query_one(Input).value = "2 oz"
        await pilot.press("enter")
        assert options(app, "#routine-items")[0].endswith("2 oz (56.7 g): 336 mg Mg")
        await pilot.press("end", "up", "d")  # the glycinate goes
        assert "Removed Mag Glycinate (1 serving)." in shown(app, "#builder-hint")
        assert shown(app, "#builder-summary") == "Morning: 3 items, 438 mg Mg"
        await pilot.press("ctrl+s")
        await pilot.pause()
    [routine] = repo.routines()
    assert [i.amount for i in routine.items] == ["2 oz", "1 cup", "1/2 cup"]


async def test_leaving_unsaved_changes_asks_and_an_empty_routine_is_not_saved(
    repo: Repository, app_for: AppFactory
) -> None:
    repo.save_supplement_product(GLYCINATE)
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "n", *"Evening", "enter")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, RoutineBuilder)
        assert "Add a food (a) or a supplement (s) before saving." in shown(app, "#builder-hint")
        await pilot.press("s", "enter")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # stay: the item is still there
        assert shown(app, "#builder-summary") == "Evening: 1 item, 120 mg Mg"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, RoutinePicker)
    assert repo.routines() == []


async def test_a_supplement_needs_saving_first_and_servings_must_be_a_number(
    repo: Repository, app_for: AppFactory
) -> None:
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "n", *"Evening", "enter", "s")
        assert isinstance(app.screen, RoutineBuilder)
        assert "No saved supplements: save one on Supplements" in shown(app, "#builder-hint")
    repo.save_supplement_product(
        SupplementProduct("Oxide <b>", "oxide", 250.0, 0.0, "1 tablet", compound_mg=None)
    )
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "n", *"Evening", "enter", "s", "tab", "backspace", *"-1", "enter")
        assert isinstance(app.screen, SupplementChooser)
        assert "servings" in shown(app, "#servings-problem")
        # A name from data is shown as typed, never read as markup.
        assert options(app, "#products-to-add")[0].startswith("Oxide <b> (oxide): 250.0 mg Mg")


async def test_delete_a_routine_from_the_list(repo: Repository, app_for: AppFactory) -> None:
    seed_day(repo, YESTERDAY)
    repo.save_routine(Routine("Morning", routine_items(repo.entries_on(YESTERDAY))))
    app = app_for(repo)
    notes = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "x")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, RoutinePicker)
        assert "No routines yet" in shown(app, "#no-routines")
    assert repo.routines() == []
    assert "Deleted routine Morning; entries logged from it stay." in notes.messages()


async def test_the_builder_fits_60_by_20(repo: Repository, app_for: AppFactory) -> None:
    seed_day(repo, YESTERDAY)
    log_food(repo, "12061", "1 oz", "21:00", YESTERDAY)
    repo.save_routine(Routine("Morning", routine_items(repo.entries_on(YESTERDAY))))
    app = app_for(repo)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("r", "e")
        dialog = app.screen.query_one("#routine-builder")
        assert dialog.region.bottom <= 20 and dialog.region.right <= 60
        keys = app.screen.query_one(".dialog-keys")
        assert keys.region.bottom <= dialog.region.bottom  # the keys line is not cut


# -- copying chosen entries -------------------------------------------------------------


async def test_copy_leaves_out_the_entries_not_chosen(
    repo: Repository, app_for: AppFactory
) -> None:
    seed_day(repo, YESTERDAY)
    app = app_for(repo)
    notes = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        assert isinstance(app.screen, CopyChooser)
        choices = app.screen.query_one(EntryChoices)
        assert [str(option.prompt) for option in choices.options] == [
            "07:30  168 mg Mg  Seeds, pumpkin and squash seed kernels, dried — 1 oz (28.35 g)",
            "08:00   25 mg Mg  Milk, whole, 3.25% milkfat, with added vitamin D — 1 cup (244 g)",
            "08:15  120 mg Mg  Mag Glycinate (supplement) — 1 serving",
            "12:15   78 mg Mg  Spinach, cooked, boiled, drained, without salt — 1/2 cup (90 g)",
        ]
        await pilot.press("down", "down", "space")  # the milk stays behind
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
    assert [e.name for e in repo.entries_on(TODAY)] == [
        "Seeds, pumpkin and squash seed kernels, dried",
        "Mag Glycinate",
        "Spinach, cooked, boiled, drained, without salt",
    ]
    assert "Copied 3 entries from Sat 21 Nov to Sun 22 Nov, each at its own time." in " ".join(
        notes.messages()
    )


async def test_copy_says_why_it_cannot_and_stays_open(
    repo: Repository, app_for: AppFactory
) -> None:
    seed_day(repo, YESTERDAY)
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "down", "a")  # a: none chosen, as all were
        await pilot.press("enter")
        assert isinstance(app.screen, CopyChooser)
        assert "No entry is chosen: space chooses one" in shown(app, "#copy-hint")
        field = app.screen.query_one("#copy-from", Input)
        field.value = "2026-02-30"
        await pilot.pause()
        assert "✗" in shown(app, "#copy-hint")
        field.value = TODAY.isoformat()
        await pilot.pause()
        assert "that is the day entries are copied to" in shown(app, "#copy-hint")
        field.value = "2026-11-01"
        await pilot.pause()
        assert shown(app, "#copy-hint") == "Nothing is logged on Sun 01 Nov 2026."
        await pilot.press("enter")
        assert isinstance(app.screen, CopyChooser)
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)
    assert repo.entries_on(TODAY) == []


# -- the portion picker's preview -------------------------------------------------------


async def test_the_portion_preview_adds_vitamin_d(repo: Repository, app_for: AppFactory) -> None:
    log_food(repo, "01077", "1 cup", "07:30")  # whole milk: 124 IU vitamin D
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        app.screen.query_one("#query", Input).value = "milk"
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, PortionPicker)
        line = shown(app, "#preview-vitamin-d")
        # The day's 124 IU and a cup of the first match, nonfat milk (116 IU).
        assert line.startswith("Vitamin D    240 / 600 IU RDA 40% (+116 IU) · 360 IU to go")
        picker = app.screen.query_one("#portion-picker")
        assert picker.region.bottom <= 24
    async with app_for(repo).run_test(size=(60, 20)) as pilot:
        await pilot.press("a")
        pilot.app.screen.query_one("#query", Input).value = "milk"
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        line_widget = pilot.app.screen.query_one("#preview-vitamin-d")
        assert line_widget.region.bottom <= 19  # on screen, inside the border


async def test_copy_leaves_entries_the_day_holds_already_unchosen(
    repo: Repository, app_for: AppFactory
) -> None:
    seed_day(repo, YESTERDAY)
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "enter")  # all four copied
        await pilot.pause()
        await pilot.press("c")
        assert isinstance(app.screen, CopyChooser)
        choices = app.screen.query_one(EntryChoices)
        assert all(str(option.prompt).endswith("(there already)") for option in choices.options)
        assert choices.selected == []
        assert "4 are on Sun 22 Nov already and left out." in str(
            app.screen.query_one("#copy-hint").render()
        )
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CopyChooser)  # nothing chosen: it says so, stays
        await pilot.press("escape")
    assert len(repo.entries_on(TODAY)) == 4
