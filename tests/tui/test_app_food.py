"""Food search: results as you type, the portion picker's preview, logging in a row,
favourites and recent foods, custom foods."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.widgets import DataTable, Input

from app_support import TODAY, AppFactory, record_notifications
from mgtui.domain.entries import Entry
from mgtui.store import Repository
from mgtui.tui.dialogs.custom_food_form import CustomFoodForm
from mgtui.tui.dialogs.portion_picker import PortionPicker
from mgtui.tui.screens.food_search import FoodSearchScreen
from mgtui.tui.widgets.bars import MagnesiumBar, RatioGauge


def result_names(app) -> list[str]:  # type: ignore[no-untyped-def]
    table = app.screen.query_one("#results", DataTable)
    names = []
    for index in range(table.row_count):
        cell = table.get_row_at(index)[0]
        names.append(cell.plain if isinstance(cell, Text) else str(cell))
    return names


async def search_for(app, pilot, query: str) -> None:  # type: ignore[no-untyped-def]
    query_input = app.screen.query_one("#query", Input)
    query_input.value = query
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_typing_finds_pumpkin_seeds_first(repo: Repository, app_for: AppFactory) -> None:
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        assert isinstance(app.screen, FoodSearchScreen)
        await search_for(app, pilot, "pumpkin seeds")
        # At 80 columns the long USDA name is cut in the middle, keeping its end.
        assert result_names(app)[0] == "Seeds, pumpkin and…kernels, dried"
        detail = str(app.screen.query_one("#food-detail").render())
        assert detail.startswith("Seeds, pumpkin and squash seed kernels, dried")
        row = app.screen.query_one("#results", DataTable).get_row_at(0)
        # Mg for the first portion (1 cup, 129 g = 763.7 mg), per 100 g, calcium per 100 g
        assert [str(cell).strip() for cell in row[1:]] == ["764", "1 cup", "592", "46"]
        await search_for(app, pilot, "spinich")  # a typo
        assert "Spinach" in result_names(app)[0]


async def test_pick_a_portion_preview_and_log(repo: Repository, app_for: AppFactory) -> None:
    app = app_for(repo)
    notes = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await search_for(app, pilot, "pumpkin seeds")
        await pilot.press("enter")
        assert isinstance(app.screen, PortionPicker)
        amount = app.screen.query_one("#amount", Input)
        amount.value = "1 oz"
        await pilot.pause()
        result = str(app.screen.query_one("#amount-result").render())
        assert result == "1 oz (28.35 g): 167.8 mg Mg, 13.0 mg Ca"
        preview = str(app.screen.query_one("#preview-magnesium", MagnesiumBar).render())
        assert "168 / 320 mg  53%" in preview and "+168" in preview
        ratio = str(app.screen.query_one("#preview-ratio", RatioGauge).render())
        assert "0.08 : 1 low" in ratio  # 13.0 / 167.8
        amount.value = "abc"
        await pilot.pause()
        assert "has no portion 'abc'" in str(app.screen.query_one("#amount-result").render())
        amount.value = "1 oz"
        await pilot.press("enter")
        await pilot.pause()
        # Back on the search, ready for the next food.
        assert isinstance(app.screen, FoodSearchScreen)
        assert app.focused is app.screen.query_one("#query", Input)
        assert any(
            "Logged Seeds, pumpkin and squash seed kernels, dried — 1 oz (28.35 g): 167.8 mg Mg"
            in message
            for message in notes.messages()
        )
        # A second food in a row: milk, default portion (1 cup).
        await search_for(app, pilot, "milk")
        assert result_names(app)[0].startswith("Milk, ")
        await pilot.press("enter")
        await pilot.press("enter")
        await pilot.pause()
    entries = Repository.open(repo.data_dir).entries_on(TODAY)
    first = entries[0]
    assert (first.name, first.amount, first.magnesium_mg) == (
        "Seeds, pumpkin and squash seed kernels, dried",
        "1 oz",
        167.832,
    )
    assert len(entries) == 2
    assert entries[1].time.strftime("%H:%M") == "08:30"


async def test_escape_cancels_the_picker_and_logs_nothing(
    repo: Repository, app_for: AppFactory
) -> None:
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await search_for(app, pilot, "almonds")
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert isinstance(app.screen, FoodSearchScreen)
    assert repo.entries_on(TODAY) == []


async def test_empty_query_shows_favourites_and_recent_foods(
    seeded: Repository, app_for: AppFactory
) -> None:
    seeded.toggle_favourite("12061")  # almonds
    app = app_for(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        names = result_names(app)
        assert names[0] == "* Nuts, almonds"
        assert "Seeds, pumpkin and…kernels, dried" in names
        assert "Spinach, cooked…without salt" in names
        status = str(app.screen.query_one("#search-status").render())
        assert "Favourites (*) and recent foods" in status


async def test_favourites_and_recent_foods_sr28_dropped_still_show(
    seeded: Repository, app_for: AppFactory
) -> None:
    # 08053 and 18035 are SR24 numbers SR28 dropped; 18035 was renumbered 28397.
    seeded.log(
        Entry(
            id="",
            date=TODAY - dt.timedelta(days=1),
            time=dt.time(7, 0),
            kind="food",
            name="Cereals ready-to-eat, POST, 100% Bran Cereal",
            amount="1/3 cup",
            magnesium_mg=80.0,
            calcium_mg=7.0,
            food_id="08053",
            grams=29.0,
        )
    )
    seeded.toggle_favourite("18035")
    app = app_for(seeded)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        names = result_names(app)
        assert names[0] == "* Bread, Multi-Grain…whole-grain) (not in the table)"
        bran = next(name for name in names if "100% Bran" in name)
        assert bran.endswith("(not in the table)")
        table = app.screen.query_one("#results", DataTable)
        row = table.get_row_at(names.index(bran))
        # Mg for its portion and per 100 g, from the entry: 80 mg in 29 g.
        assert [str(cell).strip() for cell in row[1:4]] == ["80", "0.333 cup", "276"]
        table.move_cursor(row=names.index(bran))
        await pilot.pause()
        detail = str(app.screen.query_one("#food-detail").render())
        assert "no longer in the USDA table; the numbers of your entry of 2026-11-21" in detail


async def test_favourite_toggle_from_the_results(repo: Repository, app_for: AppFactory) -> None:
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await search_for(app, pilot, "chia seeds")
        await pilot.press("ctrl+f")
        await pilot.pause()
    assert len(repo.favourite_food_ids()) == 1
    assert repo.favourite_food_ids()[0] == "12006"  # Seeds, chia seeds, dried


async def test_a_query_with_no_food_word_lists_nothing_to_log(
    repo: Repository, app_for: AppFactory
) -> None:
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await search_for(app, pilot, "%s%s%n")
        assert result_names(app) == []
        assert "No food matches '%s%s%n'" in str(app.screen.query_one("#search-status").render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FoodSearchScreen)
    assert repo.entries_on(TODAY) == []


async def test_no_match_says_what_to_do(repo: Repository, app_for: AppFactory) -> None:
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await search_for(app, pilot, "xqzzyv")
        assert result_names(app) == []
        assert "No food matches 'xqzzyv'" in str(app.screen.query_one("#search-status").render())


async def test_a_custom_mineral_water(repo: Repository, app_for: AppFactory) -> None:
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await search_for(app, pilot, "Spring water Brand X")
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, CustomFoodForm)
        assert app.screen.query_one("#name", Input).value == "Spring water Brand X"
        app.screen.query_one("#portion", Input).value = "l"
        app.screen.query_one("#grams", Input).value = "1000"
        app.screen.query_one("#magnesium", Input).value = "120"
        app.screen.query_one("#calcium", Input).value = "300"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PortionPicker)
        app.screen.query_one("#amount", Input).value = "0.5 l"
        await pilot.press("enter")
        await pilot.pause()
        # Found by search from now on.
        await search_for(app, pilot, "spring water")
        assert result_names(app)[0] == "Spring water Brand X (custom)"
    [food] = repo.custom_foods()
    assert (food.magnesium_mg_per_100g, food.calcium_mg_per_100g) == (12.0, 30.0)
    [entry] = repo.entries_on(TODAY)
    assert (entry.amount, entry.grams, entry.magnesium_mg, entry.calcium_mg) == (
        "1/2 l",
        500.0,
        60.0,
        150.0,
    )


async def test_the_picker_starts_at_the_last_portion_and_says_so(
    repo: Repository, app_for: AppFactory
) -> None:
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await search_for(app, pilot, "pumpkin seeds")
        await pilot.press("enter")
        assert app.screen.query_one("#amount", Input).value == "1 cup (129 g)"
        result = str(app.screen.query_one("#amount-result").render())
        assert result.endswith("(USDA's first portion)")
        app.screen.query_one("#amount", Input).value = "1 oz"
        await pilot.press("enter")
        await pilot.pause()
        assert [e.amount for e in repo.entries_on(TODAY)] == ["1 oz"]
        await search_for(app, pilot, "pumpkin")
        await search_for(app, pilot, "pumpkin seeds")
        await pilot.press("enter")
        assert app.screen.query_one("#amount", Input).value == "1 oz (28.35 g)"
        result = str(app.screen.query_one("#amount-result").render())
        assert result == "1 oz (28.35 g): 167.8 mg Mg, 13.0 mg Ca (your last portion)"


async def test_on_another_day_the_picker_asks_the_time(
    repo: Repository, app_for: AppFactory
) -> None:
    yesterday = TODAY - dt.timedelta(days=1)
    app = app_for(repo, day=yesterday)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await search_for(app, pilot, "pumpkin seeds")
        await pilot.press("enter")
        assert app.screen.query_one("#time", Input).value == ""
        app.screen.query_one("#amount", Input).value = "1 oz"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PortionPicker)
        result = str(app.screen.query_one("#amount-result").render())
        assert result == "type the time you had it, HH:MM (e.g. 08:30)"
        assert app.focused is app.screen.query_one("#time", Input)
        await pilot.press(*"7:45", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FoodSearchScreen)
    [entry] = repo.entries_on(yesterday)
    assert (entry.amount, entry.time) == ("1 oz", dt.time(7, 45))


async def test_on_today_the_picker_logs_at_now(repo: Repository, app_for: AppFactory) -> None:
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await search_for(app, pilot, "pumpkin seeds")
        await pilot.press("enter")
        assert app.screen.query_one("#time", Input).value == "08:30"
        await pilot.press("enter")
        await pilot.pause()
    assert [e.time for e in repo.entries_on(TODAY)] == [dt.time(8, 30)]


async def test_ctrl_f_on_a_recent_food_keeps_the_cursor_on_it(
    seeded: Repository, app_for: AppFactory
) -> None:
    app = app_for(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        names = result_names(app)
        table = app.screen.query_one("#results", DataTable)
        table.move_cursor(row=names.index("Nuts, almonds"))
        await pilot.press("ctrl+f")  # almonds move to the top, as a favourite
        await pilot.pause()
        assert result_names(app)[0] == "* Nuts, almonds"
        screen = app.screen
        assert isinstance(screen, FoodSearchScreen)
        assert getattr(screen.highlighted_food(), "id", None) == "12061"
        await pilot.press("ctrl+f")  # the same food again: unmarked
        await pilot.pause()
        assert getattr(screen.highlighted_food(), "id", None) == "12061"
    assert seeded.favourite_food_ids() == []


async def test_search_status_counts_the_table_and_says_one_food(
    repo: Repository, app_for: AppFactory
) -> None:
    from mgtui.foods import food_count
    from mgtui.present.text import search_results_line

    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        status = str(app.screen.query_one("#search-status").render())
        assert status == "Type to search 8,789 USDA foods, e.g. pumpkin seeds"
        assert food_count() == 8789  # SR28 as built into data/
    assert search_results_line(1) == "1 food · ↓ to the list · Enter picks a portion"


async def test_the_full_name_line_is_above_the_results_clear_of_notices(
    repo: Repository, app_for: AppFactory
) -> None:
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await search_for(app, pilot, "pumpkin seeds")
        detail = app.screen.query_one("#food-detail")
        results = app.screen.query_one("#results", DataTable)
        # Notices stack from the bottom right: the name is shown above the list.
        assert detail.region.bottom <= results.region.y
        assert str(detail.render()).startswith("Seeds, pumpkin and squash seed kernels, dried")
