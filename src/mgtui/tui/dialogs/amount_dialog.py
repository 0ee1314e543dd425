"""A small dialog that changes an entry's amount ("1.5 oz", "1/2 cup", "2" servings)
and its time of day.

What is typed is checked here, by the caller's ``check``: a bad amount or time keeps
the dialog open with the reason under the fields, so the next keys are not taken as
Today's hotkeys (a stray "u" there undoes an entry).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from mgtui.domain.entries import Entry
from mgtui.errors import BadInputError
from mgtui.tui.dialogs.base import Dialog


class AmountDialog(Dialog[Entry | None]):
    """Returns the changed entry (not yet stored), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        item: str,
        amount: str,
        time: str,
        hint: str,
        check: Callable[[str, str], Entry],
        *,
        fixed_amount: bool = False,
    ) -> None:
        super().__init__()
        # A medicine's "1 dose" is not for changing: only its time is.
        self.fixed_amount = fixed_amount
        self.item = item
        self.amount = amount
        self.time = time
        self.hint = hint
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="amount-dialog"):
            title = (
                f"Change the time of {self.item}" if self.fixed_amount else f"Change {self.item}"
            )
            yield Label(Text(title), classes="dialog-title")
            with Horizontal(classes="dialog-fields"):
                yield Input(
                    self.amount,
                    id="amount",
                    select_on_focus=True,
                    compact=True,
                    disabled=self.fixed_amount,
                )
                yield Label(" at ")
                yield Input(
                    self.time,
                    id="time",
                    placeholder="HH:MM",
                    select_on_focus=True,
                    compact=True,
                )
            yield Static(Text(self.hint), classes="dialog-hint")
            yield Static(id="dialog-error", classes="form-error")
            keys = (
                "Enter saves · Esc cancels"
                if self.fixed_amount
                else "Enter saves · Tab: amount/time · Esc cancels"
            )
            yield Static(keys, classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#dialog-error", Static).display = False
        if self.fixed_amount:
            self.query_one("#time", Input).focus()

    @on(Input.Submitted)
    def submit(self) -> None:
        amount = self.query_one("#amount", Input).value
        time = self.query_one("#time", Input).value
        try:
            changed = self.check(amount, time)
        except BadInputError as error:
            message = self.query_one("#dialog-error", Static)
            message.update(str(error))
            message.display = True
            return
        self.dismiss(changed)

    def action_cancel(self) -> None:
        self.dismiss(None)
