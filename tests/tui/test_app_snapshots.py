"""Snapshots of every screen at 80x24 on the seeded log, with a frozen day and theme.

A failing snapshot writes snapshot_report.html: look at it, and when the new picture
is the intended one, update with ``pytest tests/tui --snapshot-update``. Snapshots
follow Textual's rendering, so a Textual upgrade may need an update too.
"""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input

from conftest import AppFactory
from mgtui.store import Repository

SIZE = (80, 24)


def test_today(snap_compare, seeded: Repository, app_for: AppFactory) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_for(seeded), terminal_size=SIZE)


def test_today_over_the_limit(snap_compare, seeded: Repository, app_for: AppFactory) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from conftest import GLYCINATE, TODAY
    from mgtui.logbook import drafts

    seeded.log(drafts.supplement_entry(GLYCINATE, 2, TODAY, dt.time(21, 0)))  # 360 mg
    assert snap_compare(app_for(seeded), terminal_size=SIZE)


def steady_cursors(pilot: Pilot[None]) -> None:
    """A blinking cursor is drawn or not by the time the shot is taken: keep it drawn."""
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False


def test_food_search_with_the_portion_preview(  # type: ignore[no-untyped-def]
    snap_compare, seeded: Repository, app_for: AppFactory
) -> None:
    async def pick(pilot: Pilot[None]) -> None:
        await pilot.press("a")
        pilot.app.screen.query_one("#query", Input).value = "almonds"
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        pilot.app.screen.query_one("#amount", Input).value = "1 oz"
        steady_cursors(pilot)
        await pilot.pause()

    assert snap_compare(app_for(seeded), terminal_size=SIZE, run_before=pick)


def test_food_search_results(snap_compare, seeded: Repository, app_for: AppFactory) -> None:  # type: ignore[no-untyped-def]
    async def search(pilot: Pilot[None]) -> None:
        await pilot.press("a")
        pilot.app.screen.query_one("#query", Input).value = "pumpkin seeds"
        await pilot.app.workers.wait_for_complete()
        steady_cursors(pilot)
        await pilot.pause()

    assert snap_compare(app_for(seeded), terminal_size=SIZE, run_before=search)


def test_supplements(snap_compare, seeded: Repository, app_for: AppFactory) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_for(seeded), terminal_size=SIZE, press=["s"])


def test_history(snap_compare, seeded: Repository, app_for: AppFactory) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_for(seeded), terminal_size=SIZE, press=["h"])


def test_insights(snap_compare, seeded: Repository, app_for: AppFactory) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_for(seeded), terminal_size=SIZE, press=["i"])


def test_profile(snap_compare, seeded: Repository, app_for: AppFactory) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_for(seeded), terminal_size=SIZE, press=["p"])


def test_help(snap_compare, seeded: Repository, app_for: AppFactory) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_for(seeded), terminal_size=SIZE, press=["question_mark"])
