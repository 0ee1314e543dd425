"""Medicines in the app: saved, taken and removed on Supplements; asked about before a
dose or a medicine lands inside the other's window; shown on Today, marked in History,
and their standing notes on Profile."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable, Input, OptionList

from app_support import GLYCINATE, TODAY, AppFactory, today_rows
from mgtui.domain.medicines import Medication, medicine_entry
from mgtui.logbook import drafts
from mgtui.store import Repository
from mgtui.tui.app import MgtuiApp, all_palette_commands
from mgtui.tui.dialogs.amount_dialog import AmountDialog
from mgtui.tui.dialogs.confirm_dialog import ConfirmDialog
from mgtui.tui.dialogs.medicine_dialog import MedicineDialog
from mgtui.tui.dialogs.message_dialog import MessageDialog
from mgtui.tui.dialogs.time_dialog import TimeDialog
from mgtui.tui.screens.help import help_text
from mgtui.tui.screens.supplements import SupplementsScreen
from mgtui.tui.screens.today import TodayScreen
from mgtui.tui.widgets.entry_list import EntryList
from mgtui.tui.widgets.history_list import HistoryList

ALENDRONATE = Medication("Alendronate", "bisphosphonate")


def rows(app: MgtuiApp, table_id: str) -> list[list[str]]:
    table = app.screen.query_one(table_id, DataTable)
    return [[str(cell).strip() for cell in table.get_row_at(i)] for i in range(table.row_count)]


def text_of(app: MgtuiApp, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def take(repo: Repository, medication: Medication, at: str, day: dt.date = TODAY) -> None:
    repo.save_medication(medication)
    repo.log(medicine_entry(medication, day, dt.time.fromisoformat(at)))


def glycinate_at(repo: Repository, at: str, day: dt.date = TODAY) -> None:
    repo.log(drafts.supplement_entry(GLYCINATE, 1, day, dt.time.fromisoformat(at)))


async def test_add_a_known_medicine_its_class_chosen_from_the_name(
    repo: Repository, app_for: AppFactory
) -> None:
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        assert rows(app, "#medicines") == [["None yet: press M", ""]]
        await pilot.press("M")
        assert isinstance(app.screen, MedicineDialog)
        await pilot.press(*"Alendronate")
        classes = app.screen.query_one("#medicine-classes", OptionList)
        assert classes.highlighted == 0  # oral bisphosphonate, chosen as it was typed
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SupplementsScreen)
        assert rows(app, "#medicines") == [["Alendronate", "oral bisphosphonate"]]
        detail = text_of(app, "#product-detail")
        assert detail.startswith("Alendronate (oral bisphosphonate): An oral bisphosphonate")
        assert "NIH ODS magnesium fact sheet" in detail
    assert repo.medications() == [ALENDRONATE]


async def test_an_unknown_name_asks_for_its_class(repo: Repository, app_for: AppFactory) -> None:
    app = app_for(repo)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("s", "M", *"Fosamax", "enter")
        assert isinstance(app.screen, MedicineDialog)
        assert "Which class is it?" in text_of(app, "#medicine-hint")
        assert app.screen.query_one("#medicine-classes", OptionList).has_focus
        await pilot.press("down", "down", "enter")  # the second: tetracycline antibiotic
        await pilot.pause()
        assert rows(app, "#medicines") == [["Fosamax", "tetracycline antibiotic"]]
    assert repo.medications() == [Medication("Fosamax", "tetracycline")]


async def test_a_medicine_cannot_take_a_products_name(
    repo: Repository, app_for: AppFactory
) -> None:
    repo.save_supplement_product(GLYCINATE)
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "M", *"mag glycinate", "enter")
        assert isinstance(app.screen, MedicineDialog)
        hint = text_of(app, "#medicine-hint")
        assert hint == "✗ A saved product has this name; choose another."
        await pilot.press(*" 2", "enter", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SupplementsScreen)
    assert repo.medications() == [Medication("mag glycinate 2", "bisphosphonate")]


async def test_remove_a_medicine_after_asking(repo: Repository, app_for: AppFactory) -> None:
    take(repo, ALENDRONATE, "07:00")
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "X")
        assert isinstance(app.screen, ConfirmDialog)
        assert "Forget Alendronate? Doses already taken stay in the log." in text_of(
            app, ".dialog-message"
        )
        await pilot.press("n")
        assert repo.medications() == [ALENDRONATE]
        await pilot.press("X", "y")
        await pilot.pause()
        assert rows(app, "#medicines") == [["None yet: press M", ""]]
    assert repo.medications() == []
    assert [e.name for e in repo.entries_on(TODAY)] == ["Alendronate"]


async def test_take_a_medicine_now_asks_when_a_supplement_was_too_close(
    repo: Repository, app_for: AppFactory
) -> None:
    repo.save_medication(ALENDRONATE)
    glycinate_at(repo, "08:15")
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "m")
        assert isinstance(app.screen, ConfirmDialog)
        assert text_of(app, ".dialog-message") == (
            "Magnesium at 08:15 (Mag Glycinate): Alendronate at 08:30 should wait until 10:15. "
            "Log it anyway?"
        )
        await pilot.press("n")
        await pilot.pause()
        assert len(repo.entries_on(TODAY)) == 1
        await pilot.press("m", "y")
        await pilot.pause()
    medicine = next(e for e in repo.entries_on(TODAY) if e.is_medicine)
    assert (medicine.name, medicine.time, medicine.form, medicine.amount) == (
        "Alendronate",
        dt.time(8, 30),
        "bisphosphonate",
        "1 dose",
    )


async def test_with_several_medicines_m_first_moves_to_the_list(
    repo: Repository, app_for: AppFactory
) -> None:
    repo.save_medication(ALENDRONATE)
    repo.save_medication(Medication("Omeprazole", "ppi"))
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "m")
        assert app.screen.query_one("#medicines", DataTable).has_focus
        assert repo.entries_on(TODAY) == []
        await pilot.press("down", "m")
        await pilot.pause()
    [entry] = repo.entries_on(TODAY)
    assert (entry.name, entry.form) == ("Omeprazole", "ppi")


async def test_a_serving_inside_the_medicines_window_is_asked_first(
    repo: Repository, app_for: AppFactory
) -> None:
    repo.save_supplement_product(GLYCINATE)
    take(repo, ALENDRONATE, "07:00")
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "l")
        assert isinstance(app.screen, ConfirmDialog)
        assert text_of(app, ".dialog-message") == (
            "Alendronate at 07:00: magnesium should wait until 09:00. Log it anyway?"
        )
        await pilot.press("y")
        await pilot.pause()
    assert len(repo.entries_on(TODAY)) == 2


async def test_on_another_day_the_time_is_asked(repo: Repository, app_for: AppFactory) -> None:
    repo.save_medication(ALENDRONATE)
    yesterday = TODAY - dt.timedelta(days=1)
    app = app_for(repo, day=yesterday)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "m")
        assert isinstance(app.screen, TimeDialog)
        assert "Alendronate on Sat 21 Nov: at what time?" in text_of(app, ".dialog-title")
        await pilot.press(*"07:05", "enter")
        await pilot.pause()
    [entry] = repo.entries_on(yesterday)
    assert (entry.name, entry.time) == ("Alendronate", dt.time(7, 5))


async def test_today_shows_the_medicine_and_the_conflict(
    repo: Repository, app_for: AppFactory
) -> None:
    take(repo, ALENDRONATE, "07:00")
    glycinate_at(repo, "08:00")
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert today_rows(app) == [
            ["07:00", "Alendronate (medicine)", "1 dose", "—", "—"],
            ["08:00", "Mag Glycinate (supplement)", "1 serving", "120", "0"],
        ]
        advice = text_of(app, "#advice")
        assert advice.startswith(
            "! Alendronate at 07:00: magnesium should wait until 09:00. Press w for why."
        )
        entries = app.screen.query_one("#entries", EntryList)
        assert entries.region.bottom <= app.screen.query_one("#advice").region.y
        await pilot.press("w")
        assert isinstance(app.screen, MessageDialog)
        [message] = [str(s.render()) for s in app.screen.query(".dialog-message")]
        assert message.startswith("Alendronate at 07:00: magnesium should wait until 09:00.")
        assert "They were taken 1 h apart" in message
        assert message.endswith("Ask your clinician or pharmacist.")
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)


async def test_several_conflicts_make_one_line_and_w_shows_each(
    repo: Repository, app_for: AppFactory
) -> None:
    take(repo, ALENDRONATE, "07:00")
    glycinate_at(repo, "07:30")
    glycinate_at(repo, "08:00")
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # The same words twice read once; w shows each pair with how far apart it was.
        assert text_of(app, "#advice").startswith(
            "! Alendronate at 07:00: magnesium should wait until 09:00. Press w for why.\n"
        )
        await pilot.press("w")
        messages = [str(s.render()) for s in app.screen.query(".dialog-message")]
        assert [m.split(" They were")[0] for m in messages] == [
            "Alendronate at 07:00: magnesium should wait until 09:00."
        ] * 2
        assert "taken 30 min apart" in messages[0] and "taken 1 h apart" in messages[1]


async def test_today_at_60_by_20_keeps_the_entries_and_the_short_warning(
    repo: Repository, app_for: AppFactory
) -> None:
    take(repo, ALENDRONATE, "07:00")
    glycinate_at(repo, "08:00")
    app = app_for(repo)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        entries = app.screen.query_one("#entries", EntryList)
        advice = app.screen.query_one("#advice")
        assert entries.region.height >= 3  # the heads and both rows
        assert entries.region.bottom <= advice.region.y
        assert text_of(app, "#advice").startswith(
            "! Alendronate at 07:00: magnesium should wait until 09:00. Press w for why."
        )


async def test_e_on_a_medicine_changes_only_its_time(repo: Repository, app_for: AppFactory) -> None:
    take(repo, ALENDRONATE, "07:00")
    glycinate_at(repo, "08:00")
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, AmountDialog)
        assert app.screen.query_one("#amount", Input).disabled
        assert app.screen.query_one("#time", Input).has_focus
        assert "Change the time of Alendronate" in text_of(app, ".dialog-title")
        await pilot.press(*["backspace"] * 5, *"05:30", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert not app.screen.query_one("#advice").has_class("-warning")
    medicine = next(e for e in repo.entries_on(TODAY) if e.is_medicine)
    assert (medicine.time, medicine.amount) == (dt.time(5, 30), "1 dose")


async def test_delete_and_undo_a_medicine_entry(repo: Repository, app_for: AppFactory) -> None:
    take(repo, ALENDRONATE, "07:00")
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert repo.entries_on(TODAY) == []
        await pilot.press("u")
        await pilot.pause()
        assert today_rows(app)[0][1] == "Alendronate (medicine)"


async def test_history_marks_a_day_with_a_conflict(repo: Repository, app_for: AppFactory) -> None:
    take(repo, ALENDRONATE, "07:00")
    glycinate_at(repo, "08:00")
    yesterday = TODAY - dt.timedelta(days=1)
    glycinate_at(repo, "08:00", yesterday)
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        history = app.screen.query_one(HistoryList)
        lines = [history.row_text(row).plain for row in history.rows]
        assert lines[0].startswith("Sun 22 Nov 2026") and "     120   Rx 0.00 low" in lines[0]
        assert "Rx" not in lines[1]
        assert "Rx = a medicine and a supplement too close together." in text_of(
            app, "#history-footnote"
        )


async def test_profile_shows_the_standing_notes_once(repo: Repository, app_for: AppFactory) -> None:
    repo.save_medication(Medication("Omeprazole", "ppi"))
    repo.save_medication(Medication("Esomeprazole", "ppi"))
    repo.save_medication(ALENDRONATE)
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        notes = text_of(app, "#medicine-notes")
        assert notes.startswith("About your medicines (guidance, not a diagnosis):")
        assert notes.count("Proton-pump inhibitors taken for more than a year") == 1
        assert "ask your clinician or pharmacist whether yours should be checked" in notes
        assert "bisphosphonate" not in notes


async def test_profile_without_medicines_shows_no_notes(
    repo: Repository, app_for: AppFactory
) -> None:
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        assert not app.screen.query_one("#medicine-notes").display


async def test_a_medicine_name_with_markup_is_shown_as_typed(
    repo: Repository, app_for: AppFactory
) -> None:
    take(repo, Medication("[bold]Alen[/x]", "bisphosphonate"), "07:00")
    glycinate_at(repo, "08:00")
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert text_of(app, "#advice").startswith("! [bold]Alen[/x] at 07:00")
        await pilot.press("s", "tab", "X")
        assert "Forget [bold]Alen[/x]?" in text_of(app, ".dialog-message")


def test_the_medicine_keys_are_in_the_palette_and_help() -> None:
    names = {command.name for command in all_palette_commands()}
    assert {
        "Supplements: take medicine",
        "Supplements: add medicine",
        "Supplements: remove medicine",
        "Today: why?",
    } <= names
    text = help_text()
    assert "| `M` / `X` | save a medicine with its class / forget it |" in text
    assert "marks the day with `Rx`" in text


async def test_l_and_x_on_the_medicines_act_on_the_medicine_not_a_product(
    repo: Repository, app_for: AppFactory
) -> None:
    repo.save_supplement_product(GLYCINATE)
    repo.save_medication(ALENDRONATE)
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "tab")
        assert app.screen.query_one("#medicines", DataTable).has_focus
        await pilot.press("l")
        await pilot.pause()
        assert [e.name for e in repo.entries_on(TODAY)] == ["Alendronate"]
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Alendronate" in text_of(app, ".dialog-message")
        await pilot.press("y")
        await pilot.pause()
    assert repo.medications() == []
    assert [p.name for p in repo.supplement_products()] == [GLYCINATE.name]


async def test_e_moving_a_dose_into_a_window_asks_first(
    repo: Repository, app_for: AppFactory
) -> None:
    take(repo, ALENDRONATE, "07:00")
    glycinate_at(repo, "09:30")
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "e")  # the glycinate, the second row
        assert isinstance(app.screen, AmountDialog)
        await pilot.press("tab", *["backspace"] * 5, *"08:00", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert text_of(app, ".dialog-message") == (
            "Alendronate at 07:00: magnesium should wait until 09:00. Change it anyway?"
        )
        await pilot.press("n")
        await pilot.pause()
        dose = next(e for e in repo.entries_on(TODAY) if e.is_supplement)
        assert dose.time == dt.time(9, 30)  # kept where it was
        await pilot.press("e", "tab", *["backspace"] * 5, *"08:00", "enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    dose = next(e for e in repo.entries_on(TODAY) if e.is_supplement)
    assert dose.time == dt.time(8, 0)


async def test_food_soon_after_alendronate_is_one_short_line_too(
    repo: Repository, app_for: AppFactory
) -> None:
    take(repo, ALENDRONATE, "07:00")
    glycinate_at(repo, "08:00")
    repo.log(
        drafts.food_entry(
            drafts.resolve_foods(["08120"], [], lambda _: None)[0], "1 cup", TODAY, dt.time(7, 10)
        )
    )
    app = app_for(repo)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        advice = text_of(app, "#advice")
        assert advice.startswith(
            "! Alendronate at 07:00: magnesium should wait until 09:00. Press w for why, and 1 "
            "more.\n"
        )
        await pilot.press("w")
        messages = [str(s.render()) for s in app.screen.query(".dialog-message")]
        assert any("10 min after Alendronate: the dose wants at least 30" in m for m in messages)
