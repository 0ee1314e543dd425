"""Save the day's entries, or only the selected one, as a routine with a name."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, Label, Static

from mgtui.domain.text import has_control
from mgtui.frozen import frozen
from mgtui.tui.dialogs.base import Dialog


@frozen
class RoutineRequest:
    name: str
    only_selected: bool


class SaveRoutineDialog(Dialog[RoutineRequest | None]):
    """Returns the name and whether to save only the selected entry; None if cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, day_count: int, selected: str | None) -> None:
        super().__init__()
        self.day_count = day_count
        self.selected = selected

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Save as a routine", classes="dialog-title")
            yield Input(placeholder="Name, e.g. Morning", id="routine-name", compact=True)
            if self.selected is not None:
                yield Checkbox(Text(f"Only {self.selected}"), id="only-selected", compact=True)
            yield Static(
                f"Saves the day's {self.day_count} entries with their amounts and milligrams.",
                id="routine-hint",
                classes="dialog-hint",
            )
            yield Static("Enter saves · Tab to the box · Esc cancels", classes="dialog-keys")

    @on(Input.Submitted, "#routine-name")
    def submit(self) -> None:
        name = " ".join(self.query_one("#routine-name", Input).value.split())
        hint = self.query_one("#routine-hint", Static)
        if not name:
            hint.update("Type a name for the routine, or press Esc.")
            return
        if has_control(name):
            hint.update("A name of printable characters only, please.")
            return
        boxes = self.query("#only-selected").results(Checkbox)
        only = any(box.value for box in boxes)
        self.dismiss(RoutineRequest(name, only))

    def action_cancel(self) -> None:
        self.dismiss(None)
