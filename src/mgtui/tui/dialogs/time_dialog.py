"""Asks the time of day of an entry logged to another day than today.

Nothing is filled in: a guess would be taken by a reflex Enter (see
``Logbook.time_for``). A time that cannot be used keeps the dialog open and says why.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from mgtui.logbook import drafts
from mgtui.tui.dialogs.base import Dialog


class TimeDialog(Dialog[dt.time | None]):
    """Returns the time typed, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="time-dialog"):
            yield Label(Text(self.question), classes="dialog-title")
            yield Input(id="time", placeholder="HH:MM, e.g. 08:30", compact=True)
            yield Static(id="dialog-error", classes="form-error")
            yield Static("Enter logs it · Esc cancels", classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#dialog-error", Static).display = False

    @on(Input.Submitted, "#time")
    def submit(self, event: Input.Submitted) -> None:
        try:
            time = drafts.parse_time_of_day(event.value)
        except drafts.AmountError as error:
            message = self.query_one("#dialog-error", Static)
            message.update(str(error))
            message.display = True
            return
        self.dismiss(time)

    def action_cancel(self) -> None:
        self.dismiss(None)
