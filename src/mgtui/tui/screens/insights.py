"""Insights: the pattern over 7, 30 or 90 days (or all time), not one day's numbers.

Averages are over logged days only, and the screen says how many that is.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from mgtui.domain.insights import Insights, compute_insights, gap_closers, window_start
from mgtui.foods.retired import NOT_IN_TABLE, missing_from_table
from mgtui.tui.guard import reads_store
from mgtui.tui.widgets.daily_chart import DailyChart
from mgtui.tui.widgets.nav_bar import NavBar

if TYPE_CHECKING:
    from mgtui.tui.app import MgtuiApp

WINDOW_CYCLE: tuple[int | None, ...] = (7, 30, 90, None)
# Gap closers look this far back for foods the person already eats.
GAP_CLOSER_HISTORY_DAYS = 90


def window_label(days: int | None) -> str:
    return "all time" if days is None else f"last {days} days"


def percent(part: int, whole: int) -> str:
    return f"{part}/{whole}" + (f" ({100 * part / whole:.0f}%)" if whole else "")


def summary_text(insights: Insights) -> Text:
    targets = insights.targets
    text = Text()
    text.append(
        f"{insights.start:%d %b %Y} – {insights.end:%d %b %Y}: {insights.logged_days} of "
        f"{insights.days_in_window} days logged",
        style="bold",
    )
    if insights.unlogged_days == 1:
        text.append(" (1 unlogged day is unknown, not zero)")
    elif insights.unlogged_days:
        text.append(f" ({insights.unlogged_days} unlogged days are unknown, not zero)")
    text.append("\n")
    if insights.average_magnesium_mg is None:
        text.append("Nothing logged in this window.")
        return text
    ear = "" if targets.magnesium_ear_mg is None else f", EAR {targets.magnesium_ear_mg:.0f}"
    text.append("Average magnesium ")
    text.append(f"{insights.average_magnesium_mg:.0f} mg/day", style="bold")
    text.append(
        f" = {insights.average_percent_of_rda:.0f}% of the RDA {targets.magnesium_rda_mg:.0f}{ear}"
        f" (food {insights.average_food_magnesium_mg or 0:.0f}, "
        f"supplements {insights.average_supplement_magnesium_mg or 0:.0f})\n"
    )
    logged = insights.logged_days
    text.append(f"Days at the RDA {percent(insights.days_at_rda, logged)}")
    if targets.magnesium_ear_mg is not None:
        text.append(f" · at the EAR {percent(insights.days_at_ear, logged)}")
    text.append("\n")
    over_style = "bold" if insights.days_over_limit else ""
    text.append("Days over the supplement limit ")
    text.append(f"{percent(insights.days_over_limit, logged)}", style=over_style)
    low, high = targets.ratio_band
    in_band = percent(insights.days_in_band, insights.days_with_ratio)
    text.append(f" · Ca:Mg in band {low:g}–{high:g} {in_band}\n")
    if insights.food_share is not None and insights.supplement_share is not None:
        text.append(
            f"Magnesium from food {100 * insights.food_share:.0f}%, "
            f"from supplements {100 * insights.supplement_share:.0f}%\n"
        )
    if insights.completeness is not None:
        text.append(
            f"Data completeness: {insights.entries - insights.entries_missing_magnesium} of "
            f"{insights.entries} items have a magnesium value ({100 * insights.completeness:.0f}%)"
        )
    return text


class InsightsScreen(Screen[None]):
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
        yield Footer(compact=True)

    @property
    def mgtui(self) -> MgtuiApp:
        return cast("MgtuiApp", self.app)

    def on_mount(self) -> None:
        self.title = "Insights"
        self.mgtui.log_changed.subscribe(self, self.on_log_changed)
        self.refresh_insights()

    def on_screen_resume(self) -> None:
        self.refresh_insights()

    def on_log_changed(self, _: None) -> None:
        # Hidden, the figures wait: the resume that shows this screen recomputes them.
        if self.is_current:
            self.refresh_insights()

    def watch_window_index(self) -> None:
        if self.is_mounted:
            self.refresh_insights()

    def action_next_window(self) -> None:
        self.window_index = (self.window_index + 1) % len(WINDOW_CYCLE)

    @reads_store
    def refresh_insights(self, _: None = None) -> None:
        context = self.mgtui.context
        days = WINDOW_CYCLE[self.window_index]
        today = context.today()
        targets = context.targets()
        if days is None:
            entries = context.repo.all_entries()
        else:
            entries = context.repo.entries_between(window_start(today, days), today)
        insights = compute_insights(entries, targets, today, days)
        self.sub_title = f"{window_label(days)} · w changes the window"
        self.query_one("#insights-summary", Static).update(summary_text(insights))
        chart = self.query_one("#chart", DailyChart)
        chart.series = insights.daily_magnesium
        chart.target = targets.magnesium_rda_mg

        sources = self.query_one("#sources", DataTable)
        sources.clear()
        for source in insights.top_sources:
            sources.add_row(
                source.name,
                f"{source.magnesium_mg:>7.0f}",
                f"{f'{100 * source.share:.0f}%':>6}",
                f"{source.entry_count:>5}",
            )
        if not insights.top_sources:
            sources.add_row(Text("No foods logged in this window.", style="dim"), "", "", "")
        self.show_gap_closers(today)

    def show_gap_closers(self, today: dt.date) -> None:
        context = self.mgtui.context
        summary = context.summary(today)
        remaining = summary.magnesium.remaining_mg
        widget = self.query_one("#gap-closers", Static)
        if remaining <= 0:
            widget.update("Today's magnesium target is reached.")
            return
        history = context.repo.entries_between(window_start(today, GAP_CLOSER_HISTORY_DAYS), today)
        closers = gap_closers(history, remaining)
        lines = [f"Today is {remaining:.0f} mg short of the RDA. From foods you eat:"]
        if not closers:
            lines.append("  (log some foods first: suggestions come from your own history)")
        for closer in closers:
            note = "  closes the gap" if closer.closes_gap else ""
            if missing_from_table(closer.food_id):  # its numbers are the entry's own
                note += f"  ({NOT_IN_TABLE})"
            lines.append(f"  {closer.label}{note}")
        widget.update("\n".join(lines))
