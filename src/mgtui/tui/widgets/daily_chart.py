"""Daily magnesium as columns of eighth-blocks, the RDA drawn as a dotted line.

Unlogged days stay blank (unknown is not zero). With more days than columns, each
column shows the average of the logged days it covers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import RenderResult
from textual.reactive import reactive
from textual.widget import Widget

EIGHTHS = " ▁▂▃▄▅▆▇█"
RDA_LINE_CHAR = "┄"
Series = Sequence[tuple[dt.date, float | None]]


def bucket(series: Series, columns: int) -> list[float | None]:
    """One value a column: days widened to fill the columns, or averaged into them.

    With fewer days than columns each day spans several columns (its last one left
    blank as a gap once a day is three wide); with more, each column averages the
    logged days it covers.
    """
    if not series or columns <= 0:
        return []
    if len(series) <= columns:
        span = columns // len(series)
        widened: list[float | None] = []
        for _, value in series:
            widened.extend([value] * (span - 1 if span >= 3 else span))
            if span >= 3:
                widened.append(None)
        return widened
    count = columns
    buckets: list[float | None] = []
    for index in range(count):
        start = index * len(series) // count
        end = (index + 1) * len(series) // count
        values = [value for _, value in series[start:end] if value is not None]
        buckets.append(sum(values) / len(values) if values else None)
    return buckets


def chart_rows(
    values: Sequence[float | None], target: float, height: int
) -> tuple[list[list[tuple[str, str]]], int]:
    """Rows top to bottom of (character, part) cells, and the row of the target line.

    Parts: "reached" (a day at or above the target), "below", "rda", "blank".
    """
    logged = [v for v in values if v is not None]
    scale = max([target * 1.25, *logged]) if logged else target * 1.25
    if scale <= 0:
        scale = 1.0
    target_level = target / scale * height  # in rows from the bottom
    target_row = height - 1 - min(height - 1, int(target_level))
    rows: list[list[tuple[str, str]]] = []
    for row in range(height):
        level_from_bottom = height - 1 - row
        cells: list[tuple[str, str]] = []
        for value in values:
            if value is None:
                cell = (RDA_LINE_CHAR, "rda") if row == target_row else (" ", "blank")
                cells.append(cell)
                continue
            eighths = round(value / scale * height * 8) - level_from_bottom * 8
            part = "reached" if value >= target else "below"
            if eighths >= 8:
                cells.append(("█", part))
            elif eighths > 0:
                cells.append((EIGHTHS[eighths], part))
            elif row == target_row:
                cells.append((RDA_LINE_CHAR, "rda"))
            else:
                cells.append((" ", "blank"))
        rows.append(cells)
    return rows, target_row


class DailyChart(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "chart--reached",
        "chart--below",
        "chart--rda",
        "chart--axis",
    }
    DEFAULT_CSS = """
    DailyChart { height: 7; }
    """

    series: reactive[tuple[tuple[dt.date, float | None], ...]] = reactive(())
    target: reactive[float] = reactive(0.0)

    def render(self) -> RenderResult:
        axis_width = 6
        height = max(2, self.size.height - 1)
        width = max(1, self.size.width - axis_width)
        values = bucket(self.series, width)
        if not values:
            return Text("No days in this window yet.", style="dim")
        rows, target_row = chart_rows(values, self.target, height)
        styles = {
            "reached": self.get_component_rich_style("chart--reached"),
            "below": self.get_component_rich_style("chart--below"),
            "rda": self.get_component_rich_style("chart--rda"),
            "blank": self.rich_style,
        }
        axis = self.get_component_rich_style("chart--axis")
        text = Text()
        for index, cells in enumerate(rows):
            label = f"{self.target:4.0f} " if index == target_row else ""
            text.append(f"{label:>{axis_width}}", axis)
            for char, part in cells:
                text.append(char, styles[part])
            text.append("\n")
        first, last = self.series[0][0], self.series[-1][0]
        footer = f"{first:%d %b}".ljust(width // 2) + f"{last:%d %b}".rjust(width - width // 2)
        text.append(" " * axis_width + footer, axis)
        return text
