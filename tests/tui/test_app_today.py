"""Today: the bars show the day's milligrams, entries can be edited, deleted and undone,
days change, and writes from another process show up within two seconds."""

from __future__ import annotations

import datetime as dt
import errno
import os
from pathlib import Path

import pytest
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Input, Static

from app_support import (
    GLYCINATE,
    TODAY,
    AppFactory,
    log_food,
    record_notifications,
    record_style_passes,
    today_rows,
)
from mgtui.frozen import replace
from mgtui.logbook import drafts
from mgtui.store import Repository
from mgtui.tui.app import WATCH_INTERVAL_SECONDS, MgtuiApp
from mgtui.tui.dialogs.amount_dialog import AmountDialog
from mgtui.tui.screens.today import TodayScreen
from mgtui.tui.styles import OTHER_SCREENS
from mgtui.tui.widgets.bars import CalciumBar, MagnesiumBar, RatioGauge, SupplementBar
from mgtui.tui.widgets.entry_list import EntryList


def bar_text(app, bar_type) -> str:  # type: ignore[no-untyped-def]
    rendered = app.screen.query_one(bar_type).render()
    return rendered.plain if isinstance(rendered, Text) else str(rendered)


async def next_tick(app: MgtuiApp, pilot: Pilot[None]) -> None:
    """What the app's once-a-second timer does next, done now instead of waited for."""
    assert WATCH_INTERVAL_SECONDS < 2  # so a write shows "within two seconds"
    app.tick()
    await pilot.pause()


async def test_bars_show_the_days_milligrams(seeded: Repository, app_for: AppFactory) -> None:
    app = app_for(seeded)
    async with app.run_test(size=(80, 24)):
        assert isinstance(app.screen, TodayScreen)
        # food 167.83 (28.35 g x 5.92) + 78.3 (90 g x 0.87) + 24.4 (244 g x 0.10) = 270.53;
        # supplement 120 -> 390.53 of 320 (female 63)
        magnesium = bar_text(app, MagnesiumBar)
        assert "391 / 320 mg 122%" in magnesium
        assert "food 271" in magnesium and "supplements 120" in magnesium
        assert "EAR 265" in magnesium and "to go" not in magnesium
        assert "120 / 350 mg limit" in bar_text(app, SupplementBar)
        assert "230 mg left under the limit" in bar_text(app, SupplementBar)
        # calcium 13.0 (seeds) + 122.4 (spinach) + 275.7 (milk) = 411.2 of 1200
        assert "411 / 1200 mg  34%" in bar_text(app, CalciumBar)
        # 411.2 / 390.5 = 1.05, below the 2.2-3.2 band
        assert "1.05 : 1 low" in bar_text(app, RatioGauge)
        table_rows = today_rows(app)
        assert [row[0] for row in table_rows] == ["07:30", "08:00", "08:15", "12:15"]
        assert table_rows[0][1:] == [
            "Seeds, pumpkin and…kernels, dried",
            "1 oz",
            "168",
            "13",
        ]
        assert table_rows[2][1] == "Mag Glycinate (supplement)"


async def test_an_empty_day_says_so_and_the_ratio_is_na(
    repo: Repository, app_for: AppFactory
) -> None:
    app = app_for(repo)
    async with app.run_test(size=(80, 24)):
        assert "0 / 320 mg" in bar_text(app, MagnesiumBar)
        assert "n/a" in bar_text(app, RatioGauge)
        assert app.screen.query_one("#empty-day").display
        assert "default profile" in str(app.screen.query_one("#advice").render())


async def test_edit_an_amount_rescales_the_entry(seeded: Repository, app_for: AppFactory) -> None:
    app = app_for(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")  # the first row: pumpkin seeds, 1 oz
        dialog_input = app.screen.query_one("#amount", Input)
        assert dialog_input.value == "1 oz"
        dialog_input.value = "2 oz"
        await pilot.press("enter")
        await pilot.pause()
        assert today_rows(app)[0][2:4] == ["2 oz", "336"]
    [seeds] = [e for e in seeded.entries_on(TODAY) if e.food_id == "12014"]
    assert seeds.amount == "2 oz"
    assert seeds.grams == 56.7
    assert seeds.magnesium_mg == 335.664


async def test_today_opens_on_app_tcss_and_a_dialog_brings_the_other_styles(
    seeded: Repository, app_for: AppFactory
) -> None:
    app = app_for(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        # Today's first paint does without the other screens' rules.
        assert not app.stylesheet.has_source(str(OTHER_SCREENS))
        await pilot.press("e")
        assert app.stylesheet.has_source(str(OTHER_SCREENS))
        # Styled by other_screens.tcss from its first style pass: .dialog is 64 wide.
        assert app.screen.query_one("#amount-dialog").outer_size.width == 64


async def test_a_screen_is_styled_once_when_first_shown_and_again_when_shown_again(
    seeded: Repository, app_for: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    styled = record_style_passes(monkeypatch, MagnesiumBar)
    app = app_for(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # Mounting styled the bar; showing the just-built screen did not style it again.
        assert [bar.id for bar in styled] == ["magnesium-bar"]
        await pilot.press("h")
        await pilot.press("t")
        await pilot.pause()
        # Shown again, it is restyled for whatever changed while it was hidden (and
        # History's first show brought the other screens' rules, which restyle all).
        assert len(styled) > 1


async def test_a_bad_amount_keeps_the_dialog_open_and_nothing_changes(
    seeded: Repository, app_for: AppFactory
) -> None:
    before = seeded.path.read_bytes()
    app = app_for(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        app.screen.query_one("#amount", Input).value = "-5 g"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AmountDialog)
        error = str(app.screen.query_one("#dialog-error", Static).render())
        assert "-5" in error
        # The next keys are the dialog's, not Today's: a stray u undoes nothing.
        await pilot.press("u")
        assert isinstance(app.screen, AmountDialog)
        app.screen.query_one("#amount", Input).value = "1 oz"
        app.screen.query_one("#time", Input).value = "25:00"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AmountDialog)
        error = str(app.screen.query_one("#dialog-error", Static).render())
        assert error == "25:00 is not a time of day (00:00 to 23:59)"
        await pilot.press("escape")
        await pilot.pause()
        assert len(today_rows(app)) == 4
    assert seeded.path.read_bytes() == before


async def test_edit_moves_an_entry_in_time_and_keeps_its_numbers(
    seeded: Repository, app_for: AppFactory
) -> None:
    [milk] = [e for e in seeded.entries_on(TODAY) if e.food_id == "01077"]
    app = app_for(seeded)
    notes = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "e")  # milk at 08:00
        assert app.screen.query_one("#time", Input).value == "08:00"
        app.screen.query_one("#time", Input).value = "21:05"
        await pilot.press("enter")
        await pilot.pause()
        assert [row[0] for row in today_rows(app)] == ["07:30", "08:15", "12:15", "21:05"]
        assert today_rows(app)[3][2] == "1 cup"
        [moved] = [e for e in seeded.entries_on(TODAY) if e.food_id == "01077"]
        assert moved == replace(milk, time=dt.time(21, 5))  # the same numbers
        assert notes.messages()[-1].startswith("Milk, whole, 3.25% milkfat")
        assert "now 1 cup at 21:05, 24.4 mg Mg, 275.7 mg Ca" in notes.messages()[-1]
        await pilot.press("u")
        await pilot.pause()
        assert [row[0] for row in today_rows(app)] == ["07:30", "08:00", "08:15", "12:15"]
    [moved_back] = [e for e in seeded.entries_on(TODAY) if e.food_id == "01077"]
    assert moved_back == milk


async def test_delete_then_undo(seeded: Repository, app_for: AppFactory) -> None:
    app = app_for(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "d")
        await pilot.pause()
        assert [row[0] for row in today_rows(app)] == ["07:30", "08:15", "12:15"]
        assert len(seeded.entries_on(TODAY)) == 3
        assert "366 / 320 mg" in bar_text(app, MagnesiumBar)  # milk's 24.4 mg gone
        await pilot.press("u")
        await pilot.pause()
        assert [row[0] for row in today_rows(app)] == ["07:30", "08:00", "08:15", "12:15"]
        assert "391 / 320 mg" in bar_text(app, MagnesiumBar)
    assert len(Repository.open(seeded.data_dir).entries_on(TODAY)) == 4


async def test_previous_and_next_day(seeded: Repository, app_for: AppFactory) -> None:
    app = app_for(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert app.day == TODAY - dt.timedelta(days=1)
        assert "Saturday 21 November 2026 (yesterday)" in str(app.screen.sub_title)
        # 2 oz seeds 335.7 + milk 24.4 + almonds 76.5
        assert "437 / 320 mg" in bar_text(app, MagnesiumBar)
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert app.day == TODAY + dt.timedelta(days=1)
        await pilot.press("t")  # on Today, t goes back to today's date
        await pilot.pause()
        assert app.day == TODAY


async def test_writes_from_another_process_appear_within_two_seconds(
    seeded: Repository, app_for: AppFactory
) -> None:
    app = app_for(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        other = Repository.open(seeded.data_dir)  # another copy, as `mgtui add` would be
        log_food(other, "12061", "1 oz", "18:00")  # almonds: 76.0 mg
        await next_tick(app, pilot)
        assert "467 / 320 mg" in bar_text(app, MagnesiumBar)
        assert today_rows(app)[-1][0] == "18:00"


async def test_a_full_disk_is_a_notification_not_a_crash(
    seeded: Repository, app_for: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = seeded.path.read_bytes()

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    app = app_for(seeded)
    notes = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        monkeypatch.setattr(os, "fsync", full_disk)
        await pilot.press("d")
        await pilot.pause()
        monkeypatch.undo()
        [(_, title, message)] = [note for note in notes if note[0] == "error"]
        assert title == "Could not delete the entry"
        assert message == (
            f"cannot save to {seeded.path}: No space left on device — your data is unchanged"
        )
        assert len(today_rows(app)) == 4  # the entry is still shown, and still there
    assert seeded.path.read_bytes() == before


async def test_a_damaged_file_is_moved_aside_and_the_app_says_where(
    tmp_path: Path,
    app_for: AppFactory,
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "mgtui.json").write_text('{"meta": {"1": {"schema": 1}}, "days": {"7392')
    repo = Repository.open(folder)
    repo.mark_profile_asked()
    app = app_for(repo)
    notes = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        [(severity, _, message)] = [n for n in notes if n[1] == "About your data file"]
        assert severity == "warning"
        assert "mgtui.json.corrupt-" in message
        assert "0 / 320 mg" in bar_text(app, MagnesiumBar)
    [aside] = folder.glob("mgtui.json.corrupt-*")
    assert aside.read_text().endswith('"days": {"7392')


async def test_an_unusable_saved_profile_falls_back_to_the_default_and_says_so(
    seeded: Repository, app_for: AppFactory
) -> None:
    import orjson

    data = orjson.loads(seeded.path.read_bytes())
    data["profile"]["1"]["sex"] = "male"  # a hand edit the rules refuse: a pregnant man
    data["profile"]["1"]["pregnant"] = True
    seeded.path.write_bytes(orjson.dumps(data))
    app = app_for(Repository.open(seeded.data_dir))
    notes = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # Set aside when the file loads (the default profile is used), and said so.
        [message] = [m for sev, title, m in notes if title == "About your data file"]
        assert "the profile cannot be used" in message and "mgtui doctor" in message
        assert "391 / 320 mg" in bar_text(app, MagnesiumBar)
        await pilot.press("p")  # the profile screen opens, to set it again
        await pilot.pause()
        assert app.screen.query_one("#age", Input).value == "51"


async def test_a_newer_file_written_meanwhile_is_a_notification_not_a_crash(
    seeded: Repository, app_for: AppFactory
) -> None:
    import orjson

    app = app_for(seeded)
    notes = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        data = orjson.loads(seeded.path.read_bytes())
        data["meta"]["1"]["schema"] = 99  # another process, a newer mgtui
        seeded.path.write_bytes(orjson.dumps(data))
        await next_tick(app, pilot)
        assert app.is_running
        [(severity, _, message)] = [n for n in notes if n[1] == "Could not read the log"]
        assert severity == "error" and "newer" in message
        assert "391 / 320 mg" in bar_text(app, MagnesiumBar)  # the last good day stays


async def test_an_app_left_open_overnight_moves_to_the_new_day(
    repo: Repository, app_for: AppFactory
) -> None:
    from mgtui.logbook.session import Logbook
    from mgtui.tui.app import make_app

    clock = [dt.datetime(2026, 11, 22, 23, 50)]
    app = make_app(Logbook(repo, now=lambda: clock[0]), theme="textual-dark")
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.day == dt.date(2026, 11, 22)
        clock[0] = dt.datetime(2026, 11, 23, 8, 5)
        await next_tick(app, pilot)
        assert app.day == dt.date(2026, 11, 23)
        assert "Monday 23 November 2026 (today)" in str(app.screen.sub_title)
        assert app.logbook.time_for(app.day) == dt.time(8, 5)  # not noon of a past day


async def test_next_day_stops_at_tomorrow_and_says_so(
    repo: Repository, app_for: AppFactory
) -> None:
    app = app_for(repo)
    notes = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.day == TODAY + dt.timedelta(days=1)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.day == TODAY + dt.timedelta(days=1)
        [message] = notes.messages("warning")
        assert message.startswith("Tomorrow is the last day to log to: 2026-11-24 is 2 days")


# -- the entries list ---------------------------------------------------------


def log_many(repo: Repository, count: int) -> None:
    """``count`` glycinate doses, one every 20 minutes from 06:00."""
    for index in range(count):
        minutes = 6 * 60 + 20 * index
        repo.log(drafts.supplement_entry(GLYCINATE, 1, TODAY, dt.time(minutes // 60, minutes % 60)))


async def test_the_keys_move_the_cursor_and_keep_it_on_screen(
    repo: Repository, app_for: AppFactory
) -> None:
    log_many(repo, 30)
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        entries = app.screen.query_one("#entries", EntryList)
        assert entries.has_focus and entries.cursor == 0
        shown = entries.scrollable_content_region.height - 1  # under the column heads
        assert 0 < shown < 30
        await pilot.press("down", "down")
        assert entries.selected is not None and entries.selected.time == "06:40"
        await pilot.press("end")
        await pilot.pause()
        assert entries.cursor == 29 and entries.selected is not None
        assert entries.selected.time == "15:40"
        # The last entry is on the last line; the heads stay on the first.
        assert entries.scroll_y == 30 - shown
        assert entries.render_line(0).text.split()[:2] == ["Time", "Item"]
        assert entries.render_line(shown).text.split()[0] == "15:40"
        await pilot.press("home")
        await pilot.pause()
        assert entries.cursor == 0 and entries.scroll_y == 0
        await pilot.press("pagedown")
        assert 0 < entries.cursor < 30
        await pilot.press("pageup")
        assert entries.cursor == 0
        await pilot.press("up")  # already at the top: stays
        assert entries.cursor == 0


async def test_a_click_selects_an_entry_and_a_click_on_it_opens_it(
    seeded: Repository, app_for: AppFactory
) -> None:
    app = app_for(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        entries = app.screen.query_one("#entries", EntryList)
        # Line 0 is the heads; line 2 is the second entry, the milk at 08:00.
        assert await pilot.click("#entries", offset=(20, 2))
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert entries.selected is not None and entries.selected.time == "08:00"
        assert await pilot.click("#entries", offset=(20, 2))
        await pilot.pause()
        assert isinstance(app.screen, AmountDialog)
        assert app.screen.query_one("#time", Input).value == "08:00"
        await pilot.press("escape")
        # A double click on the selected entry opens it once.
        assert await pilot.double_click("#entries", offset=(20, 2))
        await pilot.pause()
        assert isinstance(app.screen, AmountDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_a_click_picks_the_entry_shown_where_the_list_was_scrolled_by_a_fraction(
    repo: Repository, app_for: AppFactory
) -> None:
    log_many(repo, 30)
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        entries = app.screen.query_one("#entries", EntryList)
        # A scrollbar drag scrolls by fractions, and Textual redraws only when the
        # rounded offset changes: from 6.6 to 7.0 the screen is not drawn again.
        for y in (6.6, 7.0):
            entries.scroll_to(y=y, animate=False)
            await pilot.pause()
        screen = app.screen._compositor.render_strips()
        shown = screen[entries.region.y + 1].text.split()[0]  # under the heads
        assert await pilot.click("#entries", offset=(20, 1))
        assert entries.selected is not None and entries.selected.time == shown


async def test_the_list_never_scrolls_sideways(repo: Repository, app_for: AppFactory) -> None:
    log_many(repo, 3)
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        entries = app.screen.query_one("#entries", EntryList)
        height = entries.scrollable_content_region.height
        # The day grows past the list's height (another process): a vertical scrollbar
        # takes two columns, the lines narrow, and no horizontal scrollbar takes a row.
        log_many(Repository.open(repo.data_dir), 30)
        await next_tick(app, pilot)
        assert len(entries.rows) == 33 and entries.show_vertical_scrollbar
        assert not entries.show_horizontal_scrollbar
        assert entries.scrollable_content_region.height == height
        assert len(entries.render_line(1).text) == entries.scrollable_content_region.width


async def test_the_amount_column_keeps_its_width_when_a_scrollbar_shows(
    repo: Repository, app_for: AppFactory
) -> None:
    def amount_width(entries: EntryList) -> int:
        heads = entries.render_line(0).text
        return heads.index("Mg mg") - heads.index("Amount") - 3

    log_many(repo, 3)
    app = app_for(repo)
    async with app.run_test(size=(111, 30)) as pilot:
        await pilot.pause()
        entries = app.screen.query_one("#entries", EntryList)
        assert amount_width(entries) == 24  # a wide terminal: room for "1 cup (8 fl oz)"
        log_many(Repository.open(repo.data_dir), 30)
        await next_tick(app, pilot)
        assert entries.show_vertical_scrollbar and amount_width(entries) == 24


async def test_a_key_ends_the_mouse_highlight(seeded: Repository, app_for: AppFactory) -> None:
    app = app_for(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        entries = app.screen.query_one("#entries", EntryList)
        await pilot.hover("#entries", offset=(20, 3))
        assert entries.hover == 2
        await pilot.press("down")
        assert entries.hover is None and entries.cursor == 1


async def test_another_day_starts_at_its_first_entry(
    seeded: Repository, app_for: AppFactory
) -> None:
    app = app_for(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down")
        entries = app.screen.query_one("#entries", EntryList)
        assert entries.cursor == 2
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert entries.cursor == 0


async def test_the_cursor_stays_on_its_entry_as_the_day_changes(
    seeded: Repository, app_for: AppFactory
) -> None:
    app = app_for(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down")  # the glycinate at 08:15
        entries = app.screen.query_one("#entries", EntryList)
        assert entries.selected is not None and entries.selected.time == "08:15"
        # An entry logged earlier in the day (another process) moves it down a line.
        writer = Repository.open(seeded.data_dir)
        log_food(writer, "12061", "1 oz", "06:00")
        await next_tick(app, pilot)
        assert [row[0] for row in today_rows(app)][:2] == ["06:00", "07:30"]
        assert entries.selected is not None and entries.selected.time == "08:15"
        # Deleting the last entry puts the cursor on the one above it.
        await pilot.press("end", "d")
        await pilot.pause()
        assert entries.selected is not None and entries.selected.time == "08:15"


async def test_names_fit_the_width_after_a_resize(seeded: Repository, app_for: AppFactory) -> None:
    app = app_for(seeded)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        wide = today_rows(app)[1]
        assert wide[1] == "Milk, whole, 3.25% milkfat, with added vitamin D"
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        narrow = today_rows(app)[1]
        assert narrow[1].startswith("Milk") and "…" in narrow[1]
        # The amount gives up cells so that a supplement's name still shows.
        assert today_rows(app)[2][1:3] == ["Mag…inate (supplement)", "1 serving"]
        entries = app.screen.query_one("#entries", EntryList)
        # Every line fits the screen: the figures keep their room, the name gives it.
        line = entries.render_line(2).text
        assert len(line) == entries.scrollable_content_region.width
        assert line.split()[-2:] == ["25", "276"]


async def test_the_footer_keys_are_styled_once(
    seeded: Repository, app_for: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets._footer import FooterKey

    styled = record_style_passes(monkeypatch, FooterKey)
    app = app_for(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = list(app.screen.query(FooterKey))
        assert keys and all(key.has_class("-compact") for key in keys)
        # Each key was styled as it mounted, already compact; never a second time.
        assert set(keys) <= set(styled)
        assert len(styled) == len(set(styled))
