"""History and Insights on the seeded log (figures computed by hand in the comments).

Seeded magnesium: 22 Nov 390.5 (120 from a supplement), 21 Nov 436.0, 20 Nov 192.2,
18 Nov 108.3; nothing on 19, 17 and 16 Nov. Profile: female 63 (RDA 320, EAR 265).
"""

from __future__ import annotations

import datetime as dt

import pytest
from textual.color import Color
from textual.widgets import DataTable

from app_support import TODAY, AppFactory, record_reparses
from mgtui.store import Repository
from mgtui.tui.screens.history import HistoryScreen
from mgtui.tui.screens.insights import InsightsScreen
from mgtui.tui.screens.today import TodayScreen
from mgtui.tui.widgets.daily_chart import DailyChart
from mgtui.tui.widgets.history_list import HistoryList


async def test_history_lists_logged_days_newest_first(
    seeded: Repository, app_for: AppFactory
) -> None:
    app = app_for(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        history = app.screen.query_one(HistoryList)
        lines = [history.row_text(row).plain for row in history.rows]
        assert lines[0].startswith("Sun 22 Nov 2026")
        assert "   391 122%     120      1.05 low" in lines[0]
        assert lines[1].startswith("Sat 21 Nov 2026") and "   437 137%" in lines[1]
        assert "0.86 low" in lines[1]  # 378 mg calcium / 437 mg magnesium
        assert lines[2].startswith("Fri 20 Nov 2026") and "   192  60%" in lines[2]
        assert lines[3].startswith("Wed 18 Nov 2026") and "2.61 in band" in lines[3]
        assert len(lines) == 4
        footnote = str(app.screen.query_one("#history-footnote").render())
        assert "4 logged days since 18 Nov 2026 (1 day without entries not shown)" in footnote


async def test_history_at_60_columns_keeps_the_ratio_and_its_verdict(
    seeded: Repository, app_for: AppFactory
) -> None:
    app = app_for(seeded)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        history = app.screen.query_one(HistoryList)
        width = history.scrollable_content_region.width
        lines = [history.render_line(y).text for y in range(4)]
        assert all(len(line) <= width for line in lines)
        assert lines[0].startswith("22 Nov 2026 ") and lines[0].rstrip().endswith("1.05 low")
        assert lines[3].rstrip().endswith("2.61 in band")
        header = str(app.screen.query_one("#history-header").render())
        assert header.startswith("Day") and header.rstrip().endswith("Ca:Mg")
        assert header.index("Mg mg") + 5 == lines[0].index(" 122%")  # heads over figures


async def test_enter_opens_the_day_on_today(seeded: Repository, app_for: AppFactory) -> None:
    app = app_for(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert app.day == TODAY - dt.timedelta(days=1)
        assert "437 / 320 mg" in str(app.screen.query_one("#magnesium-bar").render())


async def test_history_of_ten_years_builds_only_the_visible_lines(
    repo: Repository, app_for: AppFactory
) -> None:
    from mgtui.foods import get_food
    from mgtui.logbook import drafts

    seeds = get_food("12014")
    assert seeds is not None
    days = [TODAY - dt.timedelta(days=offset) for offset in range(3650)]
    repo.log_many(drafts.food_entry(seeds, "1 oz", day, dt.time(8)) for day in days)
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        history = app.screen.query_one(HistoryList)
        assert len(history.rows) == 3650
        assert history.virtual_size.height == 3650
        built = []
        original = history.row_text
        history.row_text = lambda row: built.append(row) or original(row)  # type: ignore[method-assign, func-returns-value]
        await pilot.press("end")
        await pilot.pause()
        assert history.cursor == 3649
        assert len(built) <= 2 * history.size.height  # a screenful, not 3,650 lines
        assert history.rows[-1].totals.date == days[-1]


async def test_insights_for_seven_days(seeded: Repository, app_for: AppFactory) -> None:
    app = app_for(seeded)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("i")
        assert isinstance(app.screen, InsightsScreen)
        assert str(app.screen.sub_title).startswith("last 30 days")  # the default window
        await pilot.press("w", "w", "w")  # 30 days -> 90 -> all time -> 7
        await pilot.pause()
        assert str(app.screen.sub_title).startswith("last 7 days")
        summary = str(app.screen.query_one("#insights-summary").render())
        assert "16 Nov 2026 – 22 Nov 2026: 4 of 7 days logged" in summary
        assert "(3 unlogged days are unknown, not zero)" in summary
        # (390.5 + 436.0 + 192.2 + 108.3) / 4 = 281.8 mg = 88% of 320
        assert "Average magnesium 282 mg/day = 88% of the RDA 320, EAR 265" in summary
        assert "(food 252, supplements 30)" in summary  # 1007.1 / 4 and 120 / 4
        assert "Days at the RDA 2/4 (50%) · at the EAR 2/4 (50%)" in summary
        assert "Days over the supplement limit 0/4 (0%)" in summary
        assert "Ca:Mg in band 2.2–3.2 1/4 (25%)" in summary
        assert "Magnesium from food 89%, from supplements 11%" in summary
        assert "11 of 11 items have a magnesium value (100%)" in summary
        sources = app.screen.query_one("#sources", DataTable)
        first = [str(cell).strip() for cell in sources.get_row_at(0)]
        # pumpkin seeds: 167.8 + 335.7 + 167.8 + 83.9 = 755.2 mg of 1007.1 from food
        assert first == ["Seeds, pumpkin and squash seed kernels, dried", "755", "75%", "4"]
        chart = app.screen.query_one("#chart", DailyChart)
        assert [value is None for _, value in chart.series] == [
            True,
            True,
            False,
            True,
            False,
            False,
            False,  # 16..22 Nov
        ]
        closers = str(app.screen.query_one("#gap-closers").render())
        assert "Today's magnesium target is reached." in closers


async def test_gap_closers_come_from_the_persons_own_foods(
    repo: Repository, app_for: AppFactory
) -> None:
    from app_support import log_food

    log_food(repo, "12014", "1 oz", "09:00", TODAY - dt.timedelta(days=3))
    log_food(repo, "01077", "1 cup", "09:00", TODAY)
    app = app_for(repo)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        closers = str(app.screen.query_one("#gap-closers").render())
        # 320 - 24.4 (milk today) = 295.6 mg short
        assert "Today is 296 mg short of the RDA" in closers
        assert "1 oz Seeds, pumpkin and squash seed kernels, dried: +168 mg" in closers


async def test_a_gap_closer_sr28_dropped_keeps_its_numbers_and_says_so(
    repo: Repository, app_for: AppFactory
) -> None:
    from mgtui.domain.entries import Entry

    # 08053 (POST 100% Bran, SR24) is not in SR28: the entry's own 80 mg still counts.
    repo.log(
        Entry(
            id="",
            date=TODAY - dt.timedelta(days=2),
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
    app = app_for(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        closers = str(app.screen.query_one("#gap-closers").render())
        assert (
            "1/3 cup Cereals ready-to-eat, POST, 100% Bran Cereal: +80 mg"
            "  (no longer in the USDA table)" in closers
        )


async def test_opening_a_section_the_first_time_does_not_restyle_the_app(
    seeded: Repository, app_for: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    reparsed = record_reparses(monkeypatch)
    app = app_for(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ("h", "i", "s", "p", "a"):
            await pilot.press(key)
            await pilot.pause()
        # Each section was built and styled as it mounted; no style sheet was parsed
        # again from scratch, and Today's widgets were not restyled for them.
        assert reparsed == []


async def test_a_section_first_opened_after_a_theme_change_has_the_new_theme(
    seeded: Repository, app_for: AppFactory
) -> None:
    app = app_for(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        history = app.screen.query_one(HistoryList)
        light = app.get_theme("textual-light")
        assert light is not None and light.background is not None
        assert history.screen.styles.background == Color.parse(light.background)


async def test_a_style_change_waiting_for_a_refresh_gets_it_when_a_section_opens(
    seeded: Repository, app_for: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_for(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        reparsed = record_reparses(monkeypatch)
        # What an ANSI theme's change does: the CSS is out of date, no refresh asked.
        app._invalidate_css()
        await pilot.press("h")
        await pilot.pause()
        assert reparsed  # Textual's refresh, as it would without mgtui's shortcut


async def test_a_click_selects_a_day_and_a_click_on_it_opens_it(
    seeded: Repository, app_for: AppFactory
) -> None:
    app = app_for(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        history = app.screen.query_one(HistoryList)
        # Line 1 of the list is the second day, 21 Nov.
        assert await pilot.click(HistoryList, offset=(5, 1))
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen) and history.cursor == 1
        assert await pilot.click(HistoryList, offset=(5, 1))
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert app.day == TODAY - dt.timedelta(days=1)
