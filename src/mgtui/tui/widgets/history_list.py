"""Every logged day, newest first, one line each, for ten years and more.

A Line-API widget: it keeps the per-day totals (a few floats each) and builds only
the lines on screen, so opening 3,650 days costs no more than opening 30.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment as RichSegment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from mgtui.logbook.session import DayRow
from mgtui.present.bars import FOOD_CHAR, SUPPLEMENT_CHAR, Segment, bar_cells
from mgtui.present.history import (
    INTERACTION_MARKER,
    interactions_text,
    percent_text,
    ratio_text,
)
from mgtui.tui.widgets.cursor_list import CursorList

MINI_BAR_WIDTH = 16
# Below this the date loses its weekday, so the figures and the verdict keep their room.
NARROW_BAR_WIDTH = 8
LONG_DATE, SHORT_DATE = "%a %d %b %Y ", "%d %b %Y "
# A day with a medicine and a supplement taken too close together ("Rx", as on a
# prescription); the footnote says what it means.
# Each part of a line but the bar, at its widest: " 1,234 100%", "  1,234 !",
# " Rx", " 3.27 in band"; the ratio and its verdict are never cut (at 60 columns they were).
FIGURES_WIDTH = 12 + 10 + 1 + len(INTERACTION_MARKER) + len(" 3.27 in band")


def row_layout(width: int) -> tuple[str, int]:
    """The date format and the bar's width for lines ``width`` cells wide."""
    bar = width - len("Sun 22 Nov 2026 ") - FIGURES_WIDTH
    if bar >= NARROW_BAR_WIDTH:
        return LONG_DATE, min(MINI_BAR_WIDTH, bar)
    return SHORT_DATE, max(2, min(MINI_BAR_WIDTH, width - len("22 Nov 2026 ") - FIGURES_WIDTH))


def history_header(width: int) -> str:
    """The column heads over lines ``width`` cells wide (see ``row_layout``)."""
    date_format, bar = row_layout(width)
    date_width = len("Sun 22 Nov 2026 " if date_format == LONG_DATE else "22 Nov 2026 ")
    label = "Magnesium vs RDA" if bar >= 16 else "Mg vs RDA" if bar >= 9 else "Mg"
    return "".join(
        (
            f"{'Day':<{date_width}}",
            f"{label:<{bar}}",
            f" {'Mg mg':>6} {'%':>4}",
            f"{'Supp mg':>8}  ",
            " " * (1 + len(INTERACTION_MARKER)),
            " Ca:Mg",
        )
    )


HEADER = history_header(80)


class HistoryList(CursorList[DayRow]):
    """Logged days; ↑↓ PgUp PgDn Home End move, Enter (or a click on the selected day)
    opens the day."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "Open day", tooltip="Show the day on Today"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "history--cursor",
        "history--food",
        "history--supplement",
        "history--empty",
        "history--reached",
        "history--over",
        "history--interaction",
        "history--in-band",
        "history--out-of-band",
        "history--dim",
    }

    DEFAULT_CSS = """
    HistoryList {
        height: 1fr;
    }
    """

    class DayChosen(Message):
        def __init__(self, row: DayRow) -> None:
            super().__init__()
            self.row = row

    def set_rows(self, rows: list[DayRow]) -> None:
        self.rows = rows
        # A line never scrolls sideways: it is laid out at the width there is.
        self.virtual_size = Size(1, len(rows))
        self.cursor = min(self.cursor, max(0, len(rows) - 1))
        self.refresh()

    def select_date(self, date: object) -> None:
        for index, row in enumerate(self.rows):
            if row.date == date:
                self.cursor = index
                return

    def choose(self, row: DayRow) -> None:
        self.post_message(self.DayChosen(row))

    def style(self, name: str) -> Style:
        return self.get_component_rich_style(name)

    def row_text(self, row: DayRow) -> Text:
        totals, figures = row.totals, row.figures
        date_format, bar_width = row_layout(self.scrollable_content_region.width)
        text = Text(f"{totals.date:{date_format}}", style=self.style("history--dim"))
        if date_format == LONG_DATE:
            text.stylize(Style(), 0, 3)
        cells = bar_cells(
            bar_width,
            max(figures.magnesium.target.value, totals.magnesium_mg),
            [
                Segment(totals.food_magnesium_mg, "history--food", FOOD_CHAR),
                Segment(totals.supplement_magnesium_mg, "history--supplement", SUPPLEMENT_CHAR),
            ],
            empty=("░", "history--empty"),
        )
        for char, part in cells:
            text.append(char, self.style(part))
        reached = figures.magnesium.reached
        text.append(
            f" {figures.magnesium.total.text:>6} {percent_text(figures):>4}",
            self.style("history--reached") if reached else Style(),
        )
        over = figures.supplement.state == "over"
        supplement = f"  {figures.supplement.amount.text:>6}"
        text.append(supplement, self.style("history--over") if over else Style())
        text.append(" !" if over else "  ", self.style("history--over"))
        marker = interactions_text(row.interaction_count) or " " * len(INTERACTION_MARKER)
        text.append(" " + marker, self.style("history--interaction"))
        verdict = figures.ratio.verdict
        part = "history--in-band" if verdict == "in band" else "history--out-of-band"
        text.append(
            f" {ratio_text(figures)}",
            self.style(part) if verdict != "n/a" else self.style("history--dim"),
        )
        return text

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self.rows):
            return Strip.blank(width, base)
        text = self.row_text(self.rows[index])
        if index == self.cursor:
            # Only the background and weight: the bar keeps its food and supplement colours.
            cursor = self.style("history--cursor")
            text.stylize(Style(bgcolor=cursor.bgcolor, bold=cursor.bold))
        segments = [
            RichSegment(seg.text, base + seg.style if seg.style else base)
            for seg in text.render(self.app.console)
            if seg.text != "\n"
        ]
        return Strip(segments).crop_extend(scroll_x, scroll_x + width, base)
