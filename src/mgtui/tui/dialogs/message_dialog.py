"""Text to read in full (a day's warnings with their rules and sources), then close."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from mgtui.tui.dialogs.base import Dialog


class MessageDialog(Dialog[None]):
    """Paragraphs shown as plain text (never markup: they may hold names from data)."""

    BINDINGS = [Binding("escape,enter,q,w", "dismiss(None)", "Close")]

    def __init__(self, title: str, paragraphs: Sequence[str]) -> None:
        super().__init__()
        self.title_text = title
        self.paragraphs = paragraphs

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog -wide", id="message-dialog"):
            yield Label(Text(self.title_text), classes="dialog-title")
            for paragraph in self.paragraphs:
                yield Static(Text(paragraph), classes="dialog-message")
            yield Static("Esc or Enter closes · ↑↓ scroll", classes="dialog-keys")
