"""Supplements (products, one-key logging, the limit and compound-weight warnings, the
timing tip) and the profile (first run, targets that update everywhere)."""

from __future__ import annotations

import datetime as dt

from textual.widget import Widget
from textual.widgets import DataTable, Input, RadioButton, Select

from app_support import CALCIUM, GLYCINATE, TODAY, AppFactory, record_notifications
from mgtui.domain.targets import Profile
from mgtui.store import Repository
from mgtui.tui.app import MgtuiApp, all_palette_commands
from mgtui.tui.dialogs.confirm_dialog import ConfirmDialog
from mgtui.tui.dialogs.product_form import ProductForm
from mgtui.tui.screens.help import HelpScreen
from mgtui.tui.screens.profile import ProfileScreen
from mgtui.tui.screens.supplements import SupplementsScreen
from mgtui.tui.screens.today import TodayScreen
from mgtui.tui.widgets.bars import MagnesiumBar, SupplementBar


def bar(app: MgtuiApp, bar_type: type[Widget]) -> str:
    return str(app.screen.query_one(bar_type).render())


async def test_log_a_saved_product_with_one_key(repo: Repository, app_for: AppFactory) -> None:
    repo.save_supplement_product(GLYCINATE)
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SupplementsScreen)
        table = app.screen.query_one("#products", DataTable)
        assert [str(c).strip() for c in table.get_row_at(0)] == [
            "Mag Glycinate",
            "glycinate",
            "120",
            "0",
            "2 capsules",
        ]
        await pilot.press("l")
        await pilot.pause()
        assert "120 / 350 mg limit" in bar(app, SupplementBar)
    [entry] = repo.entries_on(TODAY)
    assert (entry.kind, entry.name, entry.magnesium_mg, entry.product) == (
        "supplement",
        "Mag Glycinate",
        120.0,
        "Mag Glycinate",
    )


async def test_a_dose_past_the_limit_is_asked_first(repo: Repository, app_for: AppFactory) -> None:
    repo.save_supplement_product(GLYCINATE)
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "l", "l")
        await pilot.pause()
        assert "240 / 350 mg limit" in bar(app, SupplementBar)
        await pilot.press("l")  # 360 mg: over by 10
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        message = str(app.screen.query_one(".dialog-message").render())
        assert "to 360 mg, over the 350 mg/day limit by 10 mg" in message
        await pilot.press("n")
        await pilot.pause()
        assert len(repo.entries_on(TODAY)) == 2
        await pilot.press("l", "y")
        await pilot.pause()
        assert len(repo.entries_on(TODAY)) == 3
        text = bar(app, SupplementBar)
        assert "360 / 350 mg limit" in text and "OVER the limit by 10 mg" in text
        assert app.screen.query_one(SupplementBar).has_class("-over-limit")


async def test_new_product_from_a_compound_weight(repo: Repository, app_for: AppFactory) -> None:
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "n")
        assert isinstance(app.screen, ProductForm)
        form = app.screen
        form.query_one("#name", Input).value = "Night Calm"
        form.query_one("#form", Select).value = "glycinate"
        form.query_one("#compound", RadioButton).value = True
        form.query_one("#magnesium", Input).value = "500"
        await pilot.pause()
        conversion = str(form.query_one("#conversion").render())
        assert conversion == (
            "Conversion: 500 mg magnesium glycinate × 14.1% elemental = 70.5 mg magnesium"
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SupplementsScreen)
    [product] = repo.supplement_products()
    assert (product.name, product.form, product.compound_mg) == ("Night Calm", "glycinate", 500)
    assert round(product.magnesium_mg, 1) == 70.5


async def test_elemental_that_looks_like_a_compound_weight_is_questioned(
    repo: Repository, app_for: AppFactory
) -> None:
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "n")
        form = app.screen
        form.query_one("#name", Input).value = "Glycinate 500"
        form.query_one("#form", Select).value = "glycinate"
        form.query_one("#magnesium", Input).value = "500"
        await pilot.pause()
        warning = str(form.query_one("#form-error").render())
        assert "500 mg as elemental magnesium is unusual for glycinate" in warning
        assert "about 71 mg" in warning
        await pilot.press("ctrl+s")  # first press: the warning again, nothing saved
        await pilot.pause()
        assert isinstance(app.screen, ProductForm)
        assert repo.supplement_products() == []
        await pilot.press("ctrl+s")  # second press: kept as typed
        await pilot.pause()
        assert isinstance(app.screen, SupplementsScreen)
    assert repo.supplement_products()[0].magnesium_mg == 500


async def test_timing_tip_after_calcium_near_magnesium(
    repo: Repository, app_for: AppFactory
) -> None:
    repo.save_supplement_product(GLYCINATE)
    repo.save_supplement_product(CALCIUM)
    app = app_for(repo)
    notes = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.press("l")  # Calcium citrate sorts first
        await pilot.press("down", "l")
        await pilot.pause()
    tips = [message for _, title, message in notes if title == "Tip"]
    assert tips and "within 2 hours" in tips[0]


async def test_first_run_asks_for_the_profile_once(tmp_path, app_for: AppFactory) -> None:  # type: ignore[no-untyped-def]
    repo = Repository.open(tmp_path / "fresh")
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, ProfileScreen)
        assert "Welcome to mgtui" in str(app.screen.query_one("#welcome").render())
        app.screen.query_one("#sex", Select).value = "male"
        app.screen.query_one("#age", Input).value = "67"
        await pilot.pause()
        targets = str(app.screen.query_one("#targets").render())
        assert "Daily targets (male, 51+ years)" in targets
        assert "magnesium        420 mg (RDA), EAR 350 mg" in targets
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert "0 / 420 mg" in bar(app, MagnesiumBar)
    assert repo.profile() == Profile(sex="male", age=67)
    again = app_for(repo)
    async with again.run_test(size=(80, 24)):
        assert isinstance(again.screen, TodayScreen)


async def test_first_run_escape_keeps_the_default(tmp_path, app_for: AppFactory) -> None:  # type: ignore[no-untyped-def]
    repo = Repository.open(tmp_path / "fresh")
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
    assert repo.profile().is_default and repo.profile_asked()


async def test_profile_changes_update_the_targets_everywhere(
    seeded: Repository, app_for: AppFactory
) -> None:
    app = app_for(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "391 / 320 mg" in bar(app, MagnesiumBar)
        await pilot.press("p")
        assert isinstance(app.screen, ProfileScreen)
        app.screen.query_one("#status", Select).value = "neither"
        app.screen.query_one("#sex", Select).value = "male"
        app.screen.query_one("#band", Select).value = "costello-2021"
        app.screen.query_one("#custom-limit", Input).value = "250"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert "391 / 420 mg  93%" in bar(app, MagnesiumBar)  # half up: 93% of the target
        assert "120 / 250 mg limit" in bar(app, SupplementBar)
        assert "band 1.7–2.6" in str(app.screen.query_one("#ratio-gauge").render())
    saved = seeded.profile()
    assert (saved.sex, saved.ratio_band, saved.custom.supplement_limit_mg) == (
        "male",
        (1.7, 2.6),
        250,
    )


async def test_a_bad_age_is_explained_and_not_saved(
    seeded: Repository, app_for: AppFactory
) -> None:
    app = app_for(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        app.screen.query_one("#age", Input).value = "500"
        await pilot.pause()
        assert "age of 500 is not plausible" in str(app.screen.query_one("#profile-error").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
    assert seeded.profile().age == 63


async def test_help_opens_and_closes(repo: Repository, app_for: AppFactory) -> None:
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)


def test_every_screen_action_is_in_the_palette_as_section_colon_action() -> None:
    names = {command.name for command in all_palette_commands()}
    for expected in (
        "Today: previous day",
        "Today: next day",
        "Today: edit",
        "Today: delete",
        "Today: undo",
        "Add food: favourite",
        "Add food: new custom food",
        "Supplements: log serving",
        "Supplements: new",
        "Supplements: one-off dose",
        "History: open day",
        "Insights: window",
        "Profile: save",
    ):
        assert expected in names
    # Keys that only move within a screen are not commands; the nav bar's names are used.
    assert not any(name.startswith("Food:") for name in names)
    assert "Add food: back" not in names and "Add food: results" not in names


async def test_palette_runs_an_action_of_another_section(
    seeded: Repository, app_for: AppFactory
) -> None:
    app = app_for(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        [command] = [
            c for c in app.get_system_commands(app.screen) if c.title == "Today: previous day"
        ]
        command.callback()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert app.day == TODAY - dt.timedelta(days=1)


async def test_an_unusable_saved_product_is_a_notification_not_a_crash(
    seeded: Repository, app_for: AppFactory
) -> None:
    import orjson

    data = orjson.loads(seeded.path.read_bytes())
    for document in data["supplements"].values():
        document["magnesium_mg"] = 0  # a rule the label breaks: no Mg and no Ca
        document["calcium_mg"] = 0
    seeded.path.write_bytes(orjson.dumps(data))
    app = app_for(Repository.open(seeded.data_dir))
    notes = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, SupplementsScreen)
        # The product is set aside when the file loads (the rest stays in use), and the
        # app says so, naming the command that deals with it.
        assert any(
            title == "About your data file" and "mgtui doctor" in message
            for _, title, message in notes
        )


async def test_on_another_day_a_dose_asks_its_time_and_the_limit_names_that_day(
    repo: Repository, app_for: AppFactory
) -> None:
    from textual.widgets import Static

    from mgtui.tui.dialogs.time_dialog import TimeDialog

    yesterday = TODAY - dt.timedelta(days=1)
    repo.save_supplement_product(GLYCINATE)
    app = app_for(repo, day=yesterday)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "l")
        await pilot.pause()
        assert isinstance(app.screen, TimeDialog)
        assert app.screen.query_one("#time", Input).value == ""  # no silent 12:00
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TimeDialog)
        error = str(app.screen.query_one("#dialog-error", Static).render())
        assert error == "type the time you had it, HH:MM (e.g. 08:30)"
        await pilot.press(*"0800", "enter")
        await pilot.pause()
        await pilot.press("l", *"21:00", "enter")
        await pilot.pause()
        assert [e.time for e in repo.entries_on(yesterday)] == [dt.time(8), dt.time(21)]
        await pilot.press("l", *"22:00", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        message = str(app.screen.query_one(".dialog-message").render())
        assert message.startswith("This takes 21 Nov 2026's supplemental magnesium to 360 mg")
        assert "today" not in message
        await pilot.press("y")
        await pilot.pause()
    assert [e.time for e in repo.entries_on(yesterday)] == [dt.time(8), dt.time(21), dt.time(22)]
    assert repo.entries_on(TODAY) == []


async def test_after_saving_a_second_product_l_logs_that_one(
    repo: Repository, app_for: AppFactory
) -> None:
    repo.save_supplement_product(GLYCINATE)
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "n")
        form = app.screen
        form.query_one("#name", Input).value = "Zinc Mag"  # sorted after Mag Glycinate
        form.query_one("#magnesium", Input).value = "100"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SupplementsScreen)
        assert getattr(app.screen.selected_product(), "name", None) == "Zinc Mag"
        await pilot.press("l")
        await pilot.pause()
    [entry] = repo.entries_on(TODAY)
    assert entry.name == "Zinc Mag"


async def test_escape_with_unsaved_profile_changes_asks_and_discards_them(
    seeded: Repository, app_for: AppFactory
) -> None:
    app = app_for(seeded)
    notes = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        app.screen.query_one("#sex", Select).value = "male"
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # stay, the change kept
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        assert app.screen.query_one("#sex", Select).value == "male"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert "Profile changes discarded; the saved profile stands." in notes.messages()
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.query_one("#sex", Select).value == "female"  # as saved
        assert "320" in str(app.screen.query_one("#targets").render())
        await pilot.press("escape")  # nothing changed: no question
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
    assert seeded.profile().sex == "female"


async def test_notices_do_not_lie_over_the_limit_question(
    repo: Repository, app_for: AppFactory
) -> None:
    repo.save_supplement_product(GLYCINATE)
    app = app_for(repo)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("s", "l", "l")
        await pilot.pause()
        assert len(app.screen.query("Toast")) == 2  # "Logged Mag Glycinate ..." twice
        await pilot.press("l")  # 360 mg: the question
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert len(app.screen.query("Toast")) == 0
