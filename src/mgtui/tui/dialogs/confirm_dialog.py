"""Ask before something the person may regret: a dose past the limit, a deletion."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

from mgtui.tui.dialogs.base import Dialog


class ConfirmDialog(Dialog[bool]):
    """Returns True when confirmed (y or the button), False otherwise. The title and
    message are shown as plain text, never read as markup."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, title: str, message: str, confirm_label: str = "Yes") -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.confirm_label = confirm_label

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -warning"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            # Plain text: the message carries names from data ("[/]" is a name, not markup).
            yield Static(self.message, classes="dialog-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.confirm_label} (y)", id="yes", variant="warning")
                yield Button("No (n)", id="no", variant="primary")

    def on_mount(self) -> None:
        # Notices of what was done before the question (a serving logged) would lie
        # over the question's words: it is asked on a clear screen.
        self.app.clear_notifications()
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
