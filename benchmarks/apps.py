"""The apps the benchmark starts, and how it knows a screen is fully painted.

"Painted" means: the screen shows its content (a predicate on its widgets) and Textual
has refreshed it with nothing left to repaint. ``App.call_after_refresh`` runs a
callback exactly then; until the predicate holds, the check asks for the next refresh.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Label

SIZE = (120, 40)
PAINT_TIMEOUT_SECONDS = 60.0

Painted = Callable[[App[Any]], bool]


class BareApp(App[None]):
    """The smallest app a Textual user would recognise: the reference for every ratio."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("Hello")
        yield Footer()


def bare_painted(app: App[Any]) -> bool:
    return app.screen.is_mounted and bool(app.screen.query(Label))


def today_painted(app: App[Any]) -> bool:
    from mgtui.tui.screens.today import TodayScreen
    from mgtui.tui.widgets.entry_list import EntryList

    screen = app.screen
    if not isinstance(screen, TodayScreen) or not screen.is_mounted:
        return False
    return bool(screen.query_one("#entries", EntryList).rows)


def history_painted(app: App[Any]) -> bool:
    from mgtui.tui.screens.history import HistoryScreen
    from mgtui.tui.widgets.history_list import HistoryList

    screen = app.screen
    if not isinstance(screen, HistoryScreen) or not screen.is_mounted:
        return False
    return bool(screen.query_one(HistoryList).rows)


def insights_painted(app: App[Any]) -> bool:
    from textual.widgets import DataTable

    from mgtui.tui.screens.insights import InsightsScreen

    screen = app.screen
    if not isinstance(screen, InsightsScreen) or not screen.is_mounted:
        return False
    return screen.query_one("#sources", DataTable).row_count > 0


async def until_painted(app: App[Any], painted: Painted) -> float:
    """Wait until ``painted(app)`` holds right after a refresh; returns that moment
    (``time.perf_counter()``)."""
    done: asyncio.Future[float] = asyncio.get_running_loop().create_future()

    def check() -> None:
        if done.done():
            return
        if painted(app):
            done.set_result(time.perf_counter())
        else:
            app.call_after_refresh(check)

    app.call_after_refresh(check)
    return await asyncio.wait_for(done, PAINT_TIMEOUT_SECONDS)
