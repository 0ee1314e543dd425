"""Copy chosen entries of another day: the day (yesterday unless typed), its entries
with all of them chosen, space to leave one out, Enter to copy.

``c`` Enter copies all of yesterday's entries, as before there was a choice. The list
follows the day as it is typed; a day that cannot be used says why and keeps the
dialog open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rich.segment import Segment
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.strip import Strip
from textual.widgets import Checkbox, Input, Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from mgtui.domain.entries import Entry, repeated_ids
from mgtui.errors import BadInputError
from mgtui.frozen import frozen
from mgtui.logbook.drafts import parse_day
from mgtui.present.routines import entry_lines
from mgtui.present.text import count
from mgtui.store import StoreError
from mgtui.tui.dialogs.base import Dialog


@frozen
class CopyRequest:
    source: dt.date
    ids: tuple[str, ...]


class EntryChoices(SelectionList[str]):
    """The source day's entries; ``a`` chooses all of them, or none when all are.

    A chosen entry's box holds an X and a left-out one is empty, so the two differ by
    character as well as colour (Textual draws an X in both)."""

    BINDINGS = [Binding("a", "all_or_none", "All or none")]

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        index = self.scroll_offset.y + y
        if not 0 <= index < self.option_count:
            return line
        if self.get_option_at_index(index).value in self.selected:
            return line
        segments = list(line)
        if len(segments) > 1 and segments[1].text == Checkbox.BUTTON_INNER:
            segments[1] = Segment(" " * len(segments[1].text), segments[1].style)
        return Strip(segments, line.cell_length)

    def action_all_or_none(self) -> None:
        if len(self.selected) == self.option_count:
            self.deselect_all()
        else:
            self.select_all()


class CopyChooser(Dialog[CopyRequest | None]):
    """Returns the day and the ids of the entries chosen, or None when cancelled."""

    BINDINGS = [
        Binding("enter", "copy", "Copy", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(
        self,
        target: dt.date,
        today: dt.date,
        entries_on: Callable[[dt.date], list[Entry]],
    ) -> None:
        super().__init__()
        self.target = target
        self.today = today
        self.entries_on = entries_on
        self.source: dt.date | None = None
        self.entries: list[Entry] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide", id="copy-chooser"):
            yield Label(f"Copy entries to {self.target:%a %d %b %Y}", classes="dialog-title")
            with Horizontal(classes="dialog-fields"):
                yield Label("From ")
                yield Input(
                    (self.target - dt.timedelta(days=1)).isoformat(),
                    placeholder="YYYY-MM-DD or yesterday",
                    id="copy-from",
                    select_on_focus=True,
                    compact=True,
                )
            yield EntryChoices(id="copy-entries", compact=True)
            yield Static(id="copy-hint", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(
            "#copy-chooser", Vertical
        ).border_subtitle = "Enter copies · ↓ list · space one · a all · Esc"
        self.show_day(self.query_one("#copy-from", Input).value)

    @on(Input.Changed, "#copy-from")
    def day_changed(self, event: Input.Changed) -> None:
        self.show_day(event.value)

    def show_day(self, text: str) -> None:
        choices = self.query_one("#copy-entries", EntryChoices)
        choices.clear_options()
        self.source, self.entries = None, []
        try:
            source = parse_day(text, self.today)
            if source == self.target:
                raise BadInputError("that is the day entries are copied to: pick another")
            entries = self.entries_on(source)
        except (BadInputError, StoreError) as error:
            self.say(f"✗ {error}")
            choices.display = False
            return
        self.source, self.entries = source, entries
        # Entries the target day holds already start unchosen: a second c Enter must not
        # count a day twice.
        repeats = repeated_ids(entries, self.entries_on(self.target))
        choices.add_options(
            Selection(
                Text(line + ("  (there already)" if entry.id in repeats else "")),
                entry.id,
                entry.id not in repeats,
            )
            for line, entry in zip(entry_lines(entries, with_time=True), entries, strict=True)
        )
        choices.display = bool(entries)
        if entries:
            already = (
                f" {count(len(repeats), 'is', 'are')} on {self.target:%a %d %b} already and "
                "left out."
                if repeats
                else ""
            )
            self.say(
                f"{count(len(entries), 'entry', 'entries')} of {source:%a %d %b}, each copied "
                f"at its own time with its milligrams.{already}"
            )
        else:
            self.say(f"Nothing is logged on {source:%a %d %b %Y}.")

    def say(self, message: str) -> None:
        self.query_one("#copy-hint", Static).update(Text(message))

    def key_down(self) -> None:
        choices = self.query_one("#copy-entries", EntryChoices)
        if self.focused is self.query_one("#copy-from", Input) and choices.display:
            choices.focus()

    def action_copy(self) -> None:
        if self.source is None or not self.entries:
            self.query_one("#copy-from", Input).focus()
            return
        chosen = set(self.query_one("#copy-entries", EntryChoices).selected)
        ids = tuple(entry.id for entry in self.entries if entry.id in chosen)
        if not ids:
            self.say("No entry is chosen: space chooses one, a chooses all.")
            return
        self.dismiss(CopyRequest(self.source, ids))

    def action_cancel(self) -> None:
        self.dismiss(None)
