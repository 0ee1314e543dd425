"""Ask for one value (a day, a time, a name) and keep asking until it can be used.

The dialog checks what is typed with the caller's ``parse`` and stays open on a bad
value, saying why: a dialog that closed on one would send the next keys to the
screen below (a stray ``u`` would undo an entry).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from mgtui.errors import BadInputError
from mgtui.tui.dialogs.base import Dialog

T = TypeVar("T")


class PromptDialog(Dialog[T | None], Generic[T]):
    """Returns ``parse(text)`` for the text typed, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        parse: Callable[[str], T],
        *,
        value: str = "",
        placeholder: str = "",
        hint: str = "",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.parse = parse
        self.value = value
        self.placeholder = placeholder
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(
                self.value,
                placeholder=self.placeholder,
                id="prompt",
                select_on_focus=True,
                compact=True,
            )
            yield Static(self.hint, id="prompt-hint", classes="dialog-hint")
            yield Static("Enter confirms · Esc cancels", classes="dialog-keys")

    @on(Input.Submitted, "#prompt")
    def submit(self, event: Input.Submitted) -> None:
        try:
            value = self.parse(event.value)
        except BadInputError as error:
            self.query_one("#prompt-hint", Static).update(Text(f"✗ {error}"))
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)
