"""Bar geometry shared by the app's bar widgets and ``mgtui status``: pure, no UI.

A bar is a list of cells, each a character and the name of its part (a Textual
component class in the app, a colour in the CLI). Parts differ by character as well
as colour, so a bar still reads without colour: food ``█``, supplements ``▓``, a
previewed entry ``▒``, empty ``░``. No emoji: their width differs between terminals.
"""

from __future__ import annotations

from collections.abc import Sequence

from mgtui.frozen import frozen

FOOD_CHAR = "█"
SUPPLEMENT_CHAR = "▓"
PREVIEW_CHAR = "▒"
EMPTY_CHAR = "░"
MARKER_CHAR = "┃"
TRACK_CHAR = "─"
BAND_CHAR = "━"
RATIO_MARKER_CHAR = "◆"

# The ratio axis runs from 0 to at least 5 (past the widest published band), and
# stretches to show a high day's marker, up to 10 where a ratio says little more.
RATIO_AXIS_MIN_MAX = 5.0
RATIO_AXIS_CAP = 10.0

Cell = tuple[str, str]


@frozen
class Segment:
    amount: float
    part: str
    char: str


def bar_cells(
    width: int,
    scale: float,
    segments: Sequence[Segment],
    markers: Sequence[tuple[float, str]] = (),
    empty: Cell = (EMPTY_CHAR, "bar--empty"),
) -> list[Cell]:
    """Cells of a bar ``width`` wide.

    Segments stack left to right in proportion to ``scale``; markers (a value and a
    part name) overwrite the cell their value falls in. A segment's end is rounded,
    not its length, so the parts never add up to more cells than the total.
    """
    cells = [empty] * width
    if width <= 0 or scale <= 0:
        return cells
    start_value = 0.0
    for segment in segments:
        if segment.amount <= 0:
            continue
        end_value = start_value + segment.amount
        first = round(width * min(start_value, scale) / scale)
        last = round(width * min(end_value, scale) / scale)
        if last == first and first < width:
            last = first + 1  # a small but real amount still shows as one cell
        for index in range(first, min(last, width)):
            cells[index] = (segment.char, segment.part)
        start_value = end_value
    for value, part in markers:
        if 0 < value < scale:
            index = min(width - 1, int(width * value / scale))
            cells[index] = (MARKER_CHAR, part)
    return cells


def ratio_cells(width: int, value: float | None, band: tuple[float, float]) -> list[Cell]:
    """An axis from 0 with the band drawn thick and the day's ratio marked."""
    low, high = band
    axis_max = max(RATIO_AXIS_MIN_MAX, high + 1.0)
    if value is not None:
        axis_max = min(RATIO_AXIS_CAP, max(axis_max, value * 1.1))
    cells: list[Cell] = []
    for index in range(width):
        left = axis_max * index / width
        right = axis_max * (index + 1) / width
        in_band = right > low and left < high
        cells.append((BAND_CHAR, "bar--band") if in_band else (TRACK_CHAR, "bar--track"))
    if value is not None and width > 0:
        index = min(width - 1, int(width * min(value, axis_max) / axis_max))
        cells[index] = (RATIO_MARKER_CHAR, "bar--marker")
    return cells
