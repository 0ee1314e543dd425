"""Insights: the pattern over 7, 30 or 90 days (or all time), not one day's numbers.

Averages are over logged days only, and the screen says how many that is.
"""

from __future__ import annotations

from collections.abc import Hashable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import DataTable, Header, Static

from mgtui.present.insights import gap_lines, source_cells, summary_lines, window_label
from mgtui.tui.guard import reads_store
from mgtui.tui.screens.base import SectionScreen
from mgtui.tui.widgets.daily_chart import DailyChart
from mgtui.tui.widgets.footer import CompactFooter
from mgtui.tui.widgets.nav_bar import NavBar

WINDOW_CYCLE: tuple[int | None, ...] = (7, 30, 90, None)


class InsightsScreen(SectionScreen):
    BINDINGS = [
        Binding("w", "next_window", "Window", tooltip="7, 30, 90 days or all time"),
        Binding("escape", "app.go('today')", "Back", show=False),
    ]

    window_index: reactive[int] = reactive(1)

    def compose(self) -> ComposeResult:
        yield Header()
        yield NavBar("insights")
        with VerticalScroll(id="insights"):
            yield Static(id="insights-summary")
            yield Static("Daily magnesium (mg) and the RDA line", classes="section-title")
            yield DailyChart(id="chart")
            yield Static("Top food sources", classes="section-title")
            sources: DataTable[str | Text] = DataTable(id="sources", cursor_type="none")
            sources.add_column("Food", key="name", width=44)
            sources.add_column(f"{'Mg mg':>7}", key="mg", width=7)
            sources.add_column(f"{'share':>6}", key="share", width=6)
            sources.add_column(f"{'items':>5}", key="items", width=5)
            yield sources
            yield Static("To close today's gap", classes="section-title")
            yield Static(id="gap-closers")
        yield CompactFooter()

    def on_mount(self) -> None:
        self.title = "Insights"

    def draw_key(self) -> Hashable:
        return (super().draw_key(), self.window_index)

    def watch_window_index(self) -> None:
        if self.is_mounted:
            self.redraw_if_changed()

    def action_next_window(self) -> None:
        self.window_index = (self.window_index + 1) % len(WINDOW_CYCLE)

    @reads_store
    def redraw(self) -> None:
        session = self.mgtui.logbook
        days = WINDOW_CYCLE[self.window_index]
        insights = session.insights(days)
        self.sub_title = f"{window_label(days)} · w changes the window"
        lines = summary_lines(insights)
        text = Text(lines[0], style="bold")
        text.append("\n" + "\n".join(lines[1:]))
        self.query_one("#insights-summary", Static).update(text)
        chart = self.query_one("#chart", DailyChart)
        chart.series = insights.daily_magnesium
        chart.target = insights.targets.magnesium_rda_mg

        sources = self.query_one("#sources", DataTable)
        sources.clear()
        for source in insights.top_sources:
            name, magnesium, share = source_cells(source)
            sources.add_row(
                Text(name), f"{magnesium:>7}", f"{share:>6}", f"{source.entry_count:>5}"
            )
        if not insights.top_sources:
            sources.add_row(Text("No foods logged in this window.", style="dim"), "", "", "")
        today = session.day(session.today())
        closers = session.gap_closers(today)
        self.query_one("#gap-closers", Static).update(Text("\n".join(gap_lines(today, closers))))
