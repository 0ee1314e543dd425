"""History: every logged day, newest first, with a mini bar and its verdicts.

Enter opens the day on Today, to view or correct it.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Static

from mgtui.present.history import INTERACTION_MARKER_NOTE, history_footnote
from mgtui.present.text import count
from mgtui.tui.guard import reads_store
from mgtui.tui.screens.base import SectionScreen
from mgtui.tui.widgets.footer import CompactFooter
from mgtui.tui.widgets.history_list import (
    HEADER,
    HistoryList,
    history_header,
)
from mgtui.tui.widgets.nav_bar import NavBar


class HistoryScreen(SectionScreen):
    BINDINGS = [
        Binding(
            "enter", "open_day", "Open day", tooltip="Show the day on Today to view or correct it"
        ),
        Binding("escape", "app.go('today')", "Back", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield NavBar("history")
        yield Static(HEADER, id="history-header")
        yield HistoryList(id="history")
        yield Static(id="history-footnote")
        yield CompactFooter()

    def on_mount(self) -> None:
        self.title = "History"
        self.query_one(HistoryList).focus()

    def on_resize(self) -> None:
        # The lines fit the width (``row_layout``); the column heads follow them.
        width = self.query_one(HistoryList).scrollable_content_region.width
        self.query_one("#history-header", Static).update(history_header(width or 80))

    # The rows are rebuilt only when the day, today's date or the file (profile
    # included) changed: that is every day's totals, ~3,650 rows for ten years.
    @reads_store
    def redraw(self) -> None:
        session = self.mgtui.logbook
        targets = session.targets()
        totals = session.history()
        history = self.query_one(HistoryList)
        history.set_rows(totals)
        history.select_date(self.mgtui.day)
        footnote = self.query_one("#history-footnote", Static)
        if not totals:
            footnote.update("Nothing logged yet. Press a to add a food.")
            return
        first = totals[-1].date
        self.sub_title = count(len(totals), "logged day")
        marker = ""
        if any(row.interaction_count for row in totals):
            marker = f" {INTERACTION_MARKER_NOTE}"
        footnote.update(
            f"{history_footnote(totals, first)} Targets: {targets.stage}. "
            f"! = over the supplement limit.{marker}"
        )

    @on(HistoryList.DayChosen)
    def day_chosen(self, event: HistoryList.DayChosen) -> None:
        self.mgtui.open_day(event.row.date)

    def action_open_day(self) -> None:
        self.query_one(HistoryList).action_choose()
