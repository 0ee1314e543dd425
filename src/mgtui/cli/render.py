"""What the scripting commands print: JSON for scripts, a few lines for people.

Every figure comes from ``mgtui.present`` (the JSON too, ``present.json``); this
module only lays the lines out and colours them.
"""

from __future__ import annotations

import os
import sys
import textwrap
from collections.abc import Sequence
from typing import TextIO

from mgtui.domain.summary import DaySummary
from mgtui.domain.text import safe
from mgtui.present.bars import Cell
from mgtui.present.day import BarView, LineView, day_bars, vitamin_d_line
from mgtui.present.text import missing_magnesium_line

BAR_WIDTH = 30
LABEL_WIDTH = 12

# ANSI colours for the parts of a text bar and for verdicts.
_ANSI = {
    "bar--food": "32",  # green
    "bar--supplement": "36",  # cyan
    "bar--empty": "2",  # dim
    "bar--marker": "1",  # bold
    "bar--track": "2",
    "bar--band": "32;1",
    "ok": "32",
    "near": "33",  # amber
    "over": "31;1",  # red
    "dim": "2",
    "bold": "1",
}


def wants_colour(stream: TextIO | None = None) -> bool:
    """Colour only for a terminal, and never when NO_COLOR is set (no-color.org)."""
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def can_draw_blocks(stream: TextIO | None = None) -> bool:
    encoding = getattr(stream or sys.stdout, "encoding", None) or ""
    return encoding.lower().replace("-", "") in ("utf8", "utf16", "utf32")


class Painter:
    """Applies ANSI colours when asked to, and plain text otherwise."""

    def __init__(self, colour: bool, blocks: bool = True) -> None:
        self.colour = colour
        self.blocks = blocks

    def paint(self, text: str, part: str) -> str:
        code = _ANSI.get(part)
        if not self.colour or not code:
            return text
        return f"\x1b[{code}m{text}\x1b[0m"

    def cells(self, cells: Sequence[Cell]) -> str:
        return "".join(
            self.paint(char if self.blocks else ascii_char(char), part) for char, part in cells
        )


_ASCII = {"█": "#", "▓": "=", "▒": "+", "░": ".", "┃": "|", "─": "-", "━": "=", "◆": "*"}


def ascii_char(char: str) -> str:
    """A bar's character where the terminal cannot draw blocks."""
    return _ASCII.get(char, char)


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=max(40, width), subsequent_indent="  ")


def _line(painter: Painter, label: str, cells: Sequence[Cell], value: str) -> str:
    return f"{painter.paint(f'{label:<{LABEL_WIDTH}}', 'bold')}{painter.cells(cells)}  {value}"


def bar_line(painter: Painter, view: BarView) -> list[str]:
    """A bar as two lines: the label, the bar and its figure; the legend and note."""
    cells = view.cells(BAR_WIDTH)
    value = view.value
    if "-over-limit" in view.states:
        value = painter.paint(value, "over")
    elif "-near-limit" in view.states:
        value = painter.paint(value, "near")
    elif view.states & {"-reached", "-in-band"}:
        value = painter.paint(value, "ok")
    first = (
        f"{painter.paint(f'{view.label:<{LABEL_WIDTH}}', 'bold')}{painter.cells(cells)}  {value}"
    )
    parts = [f"{painter.cells([(char, part)])} {label}" for char, part, label in view.legend]
    detail = "  ".join(parts)
    if view.note:
        detail = f"{detail} · {view.note}" if detail else view.note
    return [first, " " * LABEL_WIDTH + painter.paint(detail, "dim")]


def vitamin_d_text(painter: Painter, view: LineView) -> str:
    """Vitamin D as one line under the bars: its figure, then its parts and state."""
    value = view.value
    if "-over-limit" in view.states:
        value = painter.paint(value, "over")
    elif "-reached" in view.states:
        value = painter.paint(value, "ok")
    label = painter.paint(f"{view.label:<{LABEL_WIDTH}}", "bold")
    return f"{label}{value} {painter.paint('· ' + view.note, 'dim')}"


def status_text(summary: DaySummary, painter: Painter, width: int = 80) -> str:
    """The day in a few lines: bars, figures, verdicts, warnings and tips."""
    targets = summary.targets
    profile = f"profile: {targets.stage}"
    if targets.is_default:
        profile += " (a default: set yours with 'mgtui profile')"
    lines = [f"{summary.date:%A %d %B %Y}  ·  {profile}"]
    for view in day_bars(summary):
        lines.extend(bar_line(painter, view))
    lines.append(vitamin_d_text(painter, vitamin_d_line(summary)))
    if summary.entries_missing_magnesium:
        lines.append(
            painter.paint(missing_magnesium_line(summary.entries_missing_magnesium), "dim")
        )
    # Advice names foods, products and medicines: escaped, as all data is when printed.
    for advice in summary.warnings:
        lines.extend(painter.paint(line, "over") for line in _wrap(f"! {safe(advice.text)}", width))
    for advice in summary.tips:
        lines.extend(_wrap(f"Tip: {safe(advice.text)}", width))
    if summary.entry_count == 0:
        lines.append(
            painter.paint("Nothing logged yet: try 'mgtui add \"pumpkin seeds\" 1oz'.", "dim")
        )
    return "\n".join(lines)
