"""The day's entries on Today: the column heads, then one line an entry.

A Line-API widget, like History's list. It keeps each entry's cells as plain strings
and lays out only the lines on screen, at the width it has, so a resize needs no
refill and nothing in a cell is ever parsed as markup. A table widget drew each of
the ~90 cells of a full day through Rich's layout, the largest part of Today's first
paint.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from mgtui.frozen import frozen
from mgtui.tui.widgets.cursor_list import CursorList
from mgtui.tui.widgets.text_fit import fit_end, fit_middle

TIME_WIDTH = 5
AMOUNT_WIDTH = 14
# On a wide terminal the amount gets room for USDA's longer measures ("1 cup (8 fl oz)").
WIDE_AMOUNT_WIDTH = 24
WIDE_TERMINAL = 110
FIGURE_WIDTH = 6
# On a narrow terminal the amount gives up cells, down to NARROW_AMOUNT_WIDTH ("2 servings"),
# until the item has ITEM_WIDTH_WANTED: " (supplement)" alone takes 13.
ITEM_WIDTH_WANTED = 24
NARROW_AMOUNT_WIDTH = 10
# Narrower still (below 47 cells), both give up cells down to these, so the line fits
# and the milligrams stay in sight: "1 cup" and a few letters of the name.
MIN_AMOUNT_WIDTH = 5
MIN_ITEM_WIDTH = 4
# One blank cell either side of every column.
PADDING = 1
HEADS = ("Time", "Item", "Amount", "Mg mg", "Ca mg")


@frozen
class Figure:
    """A milligram cell as shown; ``dim`` for a "?" (no value) or a "—" (a medicine)."""

    text: str
    dim: bool = False


@frozen
class EntryRow:
    """One entry's cells, as the screen decided them (escaped, rounded)."""

    key: str
    time: str
    name: str
    # What kind of entry it is (" (supplement)"): the name is cut first.
    suffix: str
    amount: str
    magnesium: Figure
    calcium: Figure


def column_widths(width: int, *, wide: bool) -> tuple[int, int]:
    """The item's and the amount's widths in a line ``width`` cells wide.

    ``wide``: the list is on a wide terminal, whether or not a scrollbar takes a part.
    """
    amount = WIDE_AMOUNT_WIDTH if wide else AMOUNT_WIDTH
    fixed = TIME_WIDTH + 2 * FIGURE_WIDTH + 2 * PADDING * len(HEADS)
    item = width - fixed - amount
    if item < ITEM_WIDTH_WANTED:
        amount = max(NARROW_AMOUNT_WIDTH, amount - (ITEM_WIDTH_WANTED - item))
        item = width - fixed - amount
    if item < ITEM_WIDTH_WANTED // 2:
        # Share what is left between the two.
        room = max(0, width - fixed)
        amount = max(MIN_AMOUNT_WIDTH, min(amount, room // 2))
        item = room - amount
    return max(MIN_ITEM_WIDTH, item), amount


class EntryList(CursorList[EntryRow]):
    """The day's entries under the column heads; Enter, or a click on the selected
    entry, opens it to edit."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "Edit", show=False),
    ]
    HEAD_LINES = 1

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "entries--header",
        "entries--cursor",
        "entries--even-row",
        "entries--hover",
    }

    class Chosen(Message):
        """Enter, or a click, on an entry."""

        def __init__(self, entry_list: EntryList, row: EntryRow) -> None:
            super().__init__()
            self.entry_list = entry_list
            self.row = row

        @property
        def control(self) -> EntryList:
            return self.entry_list

    # -- content ------------------------------------------------------------

    def set_rows(self, rows: Sequence[EntryRow], keep: str | None = None, *, top: bool) -> None:
        """Shows ``rows``; the cursor stays on the row keyed ``keep`` if there is one.

        Otherwise it goes to the first row if ``top`` (another day), else it keeps its
        place (the entry under it was deleted: the next one takes it).
        """
        old = 0 if top else self.cursor
        self.rows = list(rows)
        # The heads and one line an entry. Lines never scroll sideways: the name is cut.
        self.virtual_size = Size(1, len(self.rows) + 1)
        keys = [row.key for row in self.rows]
        index = keys.index(keep) if keep in keys else old
        self.cursor = max(0, min(index, len(self.rows) - 1))
        self.refresh()

    def cells(self, index: int) -> tuple[str, ...]:
        """Row ``index`` as shown, one string a column, padding stripped."""
        line = self.row_line(self.rows[index], *self._layout())
        return tuple(text.strip() for text, _ in line)

    def _layout(self) -> tuple[int, bool]:
        """The lines' width, and whether the terminal is wide."""
        return self.scrollable_content_region.width, self.outer_size.width >= WIDE_TERMINAL

    def choose(self, row: EntryRow) -> None:
        self.post_message(self.Chosen(self, row))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self.row_at(event.y)
        if index != self.hover:
            self.hover = index
            self.refresh()

    def on_leave(self) -> None:
        self.unhover()

    # -- drawing ------------------------------------------------------------

    @staticmethod
    def row_line(row: EntryRow, width: int, wide: bool) -> list[tuple[str, bool]]:
        """The row's cells, each padded to its column: (text, dim)."""
        item, amount = column_widths(width, wide=wide)
        if item >= cell_len(row.suffix) + MIN_ITEM_WIDTH:
            name = fit_middle(row.name, item - cell_len(row.suffix)) + row.suffix
        else:  # too narrow to keep the kind whole: the two are cut as one
            name = fit_middle(row.name + row.suffix, item)
        return [
            (pad(row.time, TIME_WIDTH), False),
            (pad(name, item), False),
            (pad(fit_end(row.amount, amount), amount), False),
            (pad(row.magnesium.text, FIGURE_WIDTH, right=True), row.magnesium.dim),
            (pad(row.calcium.text, FIGURE_WIDTH, right=True), row.calcium.dim),
        ]

    @staticmethod
    def header_line(width: int, wide: bool) -> str:
        item, amount = column_widths(width, wide=wide)
        time, name, measure, magnesium, calcium = HEADS
        return "".join(
            (
                pad(time, TIME_WIDTH),
                pad(name, item),
                pad(measure, amount),
                pad(magnesium, FIGURE_WIDTH, right=True),
                pad(calcium, FIGURE_WIDTH, right=True),
            )
        )

    def render_line(self, y: int) -> Strip:
        width, wide = self._layout()
        base = self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("entries--header")
            line = Strip([Segment(self.header_line(width, wide), style)])
            return line.crop_extend(0, width, style)
        index = self.row_at(y)
        if index is None:
            return Strip.blank(width, base)
        style = base
        if index % 2 == 0:
            style += self.get_component_rich_style("entries--even-row")
        # The cursor's and the hover's colours win over a cell's own, as a table's do.
        over = Style()
        if index == self.hover:
            over += self.get_component_rich_style("entries--hover")
        if index == self.cursor:
            over += self.get_component_rich_style("entries--cursor")
        colours = Style(color=over.color, bgcolor=over.bgcolor)
        style += over
        dim = style + Style(dim=True) + colours
        segments = [
            Segment(text, dim if faint else style)
            for text, faint in self.row_line(self.rows[index], width, wide)
        ]
        return Strip(segments).crop_extend(0, width, style)


def pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` in a column ``width`` cells wide, with a blank cell either side."""
    if right:
        text = " " * max(0, width - cell_len(text)) + text
    return " " * PADDING + set_cell_size(text, width) + " " * PADDING
