"""History: every logged day, newest first, with a mini bar and its verdicts.

Enter opens the day on Today, to view or correct it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from mgtui.present.history import history_footnote
from mgtui.present.text import count
from mgtui.tui.guard import reads_store
from mgtui.tui.widgets.history_list import HEADER, HistoryList
from mgtui.tui.widgets.nav_bar import NavBar

if TYPE_CHECKING:
    from mgtui.tui.app import MgtuiApp


class HistoryScreen(Screen[None]):
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
        yield Footer(compact=True)

    @property
    def mgtui(self) -> MgtuiApp:
        return cast("MgtuiApp", self.app)

    def on_mount(self) -> None:
        self.title = "History"
        # The rows were built for this (day, today, file version): building them again
        # means every day's totals and a row object per day, ~3,650 for ten years.
        self._built_for: tuple[object, ...] | None = None
        self.mgtui.log_changed.subscribe(self, self.on_log_changed)
        self.refresh_rows()
        self.query_one(HistoryList).focus()

    def _build_key(self) -> tuple[object, ...]:
        context = self.mgtui.logbook
        return (self.mgtui.day, context.today(), context.repo.signature())

    def on_screen_resume(self) -> None:
        # A resume follows every mount: rebuild only if the day, today's date or the
        # file (profile included) changed while another screen showed.
        if self._build_key() != self._built_for:
            self.refresh_rows()

    def on_log_changed(self, _: None) -> None:
        # Hidden, the rows wait: the resume that shows this screen sees the file changed.
        if self.is_current:
            self.refresh_rows()

    @reads_store
    def refresh_rows(self, _: None = None) -> None:
        session = self.mgtui.logbook
        self._built_for = self._build_key()
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
        footnote.update(
            f"{history_footnote(totals, first)} Targets: {targets.stage}. "
            "! = over the supplement limit."
        )

    @on(HistoryList.DayChosen)
    def day_chosen(self, event: HistoryList.DayChosen) -> None:
        self.mgtui.open_day(event.row.date)

    def action_open_day(self) -> None:
        self.query_one(HistoryList).action_open()
