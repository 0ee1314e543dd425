"""A small dialog that asks for a new amount: "1.5 oz", "1/2 cup", "2" servings."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static


class AmountDialog(ModalScreen[str | None]):
    """Returns the amount typed, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, item: str, amount: str, hint: str) -> None:
        super().__init__()
        self.item = item
        self.amount = amount
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"New amount for {self.item}", classes="dialog-title")
            yield Input(self.amount, id="amount", select_on_focus=True, compact=True)
            yield Static(self.hint, classes="dialog-hint")
            yield Static("Enter saves · Esc cancels", classes="dialog-keys")

    @on(Input.Submitted, "#amount")
    def submit(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if not value:
            self.notify("Type an amount, or press Esc to keep it.", severity="warning")
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)
