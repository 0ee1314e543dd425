"""Insights in words: the window's figures as the Insights screen shows them."""

from __future__ import annotations

from collections.abc import Sequence

from mgtui.domain.figures import figure, half_up
from mgtui.domain.insights import FoodSource, GapCloser, Insights
from mgtui.domain.summary import DaySummary
from mgtui.domain.text import safe
from mgtui.domain.verdict import DayVerdict
from mgtui.foods.retired import NOT_IN_TABLE, missing_from_table
from mgtui.present.text import band_text, count


def window_label(days: int | None) -> str:
    return "all time" if days is None else f"last {days} days"


def of(part: int, whole: int) -> str:
    """ "12/30 (40%)": a count of days and its share, half up."""
    if not whole:
        return f"{part}/{whole}"
    return f"{part}/{whole} ({half_up(100 * part / whole):.0f}%)"


def average_line(average: DayVerdict, intake: str) -> str:
    """ "319.6 mg/day = 99.9% of the RDA 320, EAR 265 (food 200, supplements 119.6)" """
    mg = average.magnesium
    ear = "" if average.magnesium_ear is None else f", EAR {average.magnesium_ear.text}"
    percent = (
        "" if mg.percent is None else f" = {mg.percent.text}% of the {intake} {mg.target.text}"
    )
    return (
        f"{mg.total.text} mg/day{percent}{ear} "
        f"(food {mg.food.text}, supplements {mg.supplements.text})"
    )


def vitamin_d_average_text(average: DayVerdict, intake: str) -> str:
    """ "412 IU/day = 68.7% of the RDA 600 (food 12, supplements 400)" """
    vitamin_d = average.vitamin_d
    percent = "" if vitamin_d.percent is None else f" = {vitamin_d.percent.text}%"
    return (
        f"{vitamin_d.total.text} IU/day{percent} of the {intake} {vitamin_d.target.text} "
        f"(food {vitamin_d.food.text}, supplements {vitamin_d.supplements.text})"
    )


def summary_lines(insights: Insights) -> list[str]:
    targets = insights.targets
    lines = [
        f"{insights.start:%d %b %Y} – {insights.end:%d %b %Y}: {insights.logged_days} of "
        f"{insights.days_in_window} days logged"
        + (
            ""
            if not insights.unlogged_days
            else " (1 unlogged day is unknown, not zero)"
            if insights.unlogged_days == 1
            else f" ({insights.unlogged_days} unlogged days are unknown, not zero)"
        )
    ]
    average = insights.average
    if average is None:
        return [*lines, "Nothing logged in this window."]
    logged = insights.logged_days
    lines.append(f"Average magnesium {average_line(average, targets.intake_label('magnesium'))}")
    at_ear = (
        ""
        if targets.magnesium_ear_mg is None
        else f" · at the EAR {of(insights.days_at_ear, logged)}"
    )
    lines.append(f"Days at the RDA {of(insights.days_at_rda, logged)}{at_ear}")
    lines.append(
        f"Days over the supplement limit {of(insights.days_over_limit, logged)}"
        f" · Ca:Mg in band {band_text(targets.ratio_band)} "
        f"{of(insights.days_in_band, insights.days_with_ratio)}"
    )
    calcium = average.calcium
    lines.append(
        f"Average calcium {calcium.total.text} mg/day"
        + ("" if calcium.percent is None else f" = {calcium.percent.text}%")
        + f" of the {targets.intake_label('calcium')} {calcium.target.text}"
        f" · days at it {of(insights.days_at_calcium_rda, logged)}"
    )
    over_ul = insights.days_over_vitamin_d_ul
    lines.append(
        "Average vitamin D "
        + vitamin_d_average_text(average, targets.intake_label("vitamin_d"))
        + ("" if not over_ul else f" · days over its upper limit {of(over_ul, logged)}")
    )
    if insights.shares_shown is not None:
        food, supplements = insights.shares_shown
        lines.append(f"Magnesium from food {food.text}%, from supplements {supplements.text}%")
    if insights.completeness is not None:
        with_value = insights.entries - insights.entries_missing_magnesium
        lines.append(
            f"Data completeness: {with_value:,} of {count(insights.entries, 'item')} "
            f"{'has' if insights.entries == 1 else 'have'} a magnesium "
            f"value {of(with_value, insights.entries).split(' ', 1)[1]}"
        )
    return lines


def gap_lines(today: DaySummary, closers: Sequence[GapCloser]) -> list[str]:
    """What would close today's gap, from the person's own foods."""
    to_go = today.figures.magnesium.to_go
    if to_go is None:
        return ["Today's magnesium target is reached."]
    lines = [f"Today is {to_go.text} mg short of the RDA. From foods you eat:"]
    if not closers:
        lines.append("  (log some foods first: suggestions come from your own history)")
    for closer in closers:
        note = "  closes the gap" if closer.closes_gap else ""
        if missing_from_table(closer.food_id):  # its numbers are the entry's own
            note += f"  ({NOT_IN_TABLE})"
        lines.append(f"  {safe(closer.label)}{note}")
    return lines


def source_cells(source: FoodSource) -> tuple[str, str, str]:
    """A top source's name, magnesium over the window and share of all food magnesium."""
    return (
        safe(source.name),
        figure(source.magnesium_mg).text,
        f"{half_up(100 * source.share):.0f}%",
    )
