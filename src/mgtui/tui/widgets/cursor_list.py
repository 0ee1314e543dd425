"""A Line-API list with a cursor: what Today's entries and History's days share.

The keys move the cursor and the list scrolls to keep it in sight, under the lines at
the top that do not scroll (the column heads). A click selects a line and a click on
the selected one chooses it, as Textual's tables do. Lines are counted from the
rounded scroll offset, the one Textual redraws at: a scrollbar drag scrolls by
fractions, and a truncated offset put a click a line below the one shown.
"""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from textual import events
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.scroll_view import ScrollView

RowT = TypeVar("RowT")


class CursorList(ScrollView, Generic[RowT], can_focus=True):
    """``rows``, one a line, under ``HEAD_LINES`` fixed lines; ↑↓ PgUp PgDn Home End."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
    ]

    #: Lines at the top that do not scroll.
    HEAD_LINES: ClassVar[int] = 0

    cursor: reactive[int] = reactive(0)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[RowT] = []
        #: The row under the mouse, if the list draws one.
        self.hover: int | None = None

    @property
    def selected(self) -> RowT | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def choose(self, row: RowT) -> None:
        """Enter, or a click on the selected line: the subclass says what it means."""

    @property
    def top(self) -> int:
        """The row on the first line under the heads."""
        return self.scroll_offset.y

    def row_at(self, y: int) -> int | None:
        """The row on line ``y`` of the list, or None (a head, or below the last row)."""
        index = self.top + y - self.HEAD_LINES
        return index if y >= self.HEAD_LINES and 0 <= index < len(self.rows) else None

    def watch_cursor(self, _old: int, new: int) -> None:
        shown = max(1, self.scrollable_content_region.height - self.HEAD_LINES)
        if new < self.top:
            self.scroll_to(y=new, animate=False)
        elif new >= self.top + shown:
            self.scroll_to(y=new - shown + 1, animate=False)
        self.refresh()

    def action_move(self, step: int) -> None:
        self.unhover()
        if self.rows:
            self.cursor = max(0, min(len(self.rows) - 1, self.cursor + step))

    def action_page(self, direction: int) -> None:
        shown = self.scrollable_content_region.height - self.HEAD_LINES
        self.action_move(direction * max(1, shown - 1))

    def action_jump(self, index: int) -> None:
        self.unhover()
        if self.rows:
            self.cursor = index % len(self.rows)

    def action_choose(self) -> None:
        row = self.selected
        if row is not None:
            self.choose(row)

    def on_click(self, event: events.Click) -> None:
        # One double click chooses once: its second click comes with chain 2.
        index = self.row_at(event.y)
        if index is None or event.chain > 1:
            return
        if index == self.cursor:
            self.action_choose()
        else:
            self.cursor = index

    def unhover(self) -> None:
        # The keys move the cursor: the mouse's row no longer stands out.
        if self.hover is not None:
            self.hover = None
            self.refresh()
