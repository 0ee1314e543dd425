"""A food of one's own, from its label: a mineral water's mg per litre, a cereal's
mg per serving. Stored per 100 g like every USDA food, with its portion kept."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.widgets import Button, Input, Label, Static

from mgtui.foods.model import Food
from mgtui.logbook import drafts
from mgtui.tui.dialogs.base import Dialog


class CustomFoodForm(Dialog[Food | None]):
    """Returns the new food (not yet stored), or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, name: str = "") -> None:
        super().__init__()
        self.initial_name = name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide"):
            yield Label("New custom food", classes="dialog-title")
            yield Static(
                "Copy the label: the amount the numbers are for, and the minerals in it. "
                "A mineral water with 120 mg magnesium per litre: portion 'l', 1000 g, 120.",
                classes="dialog-hint",
            )
            with Grid(classes="form"):
                yield Label("Name")
                yield Input(
                    self.initial_name, id="name", placeholder="Mineral water, Brand X", compact=True
                )
                yield Label("Portion")
                yield Input(
                    "serving", id="portion", placeholder="l, glass, bar, serving", compact=True
                )
                yield Label("Grams in it")
                yield Input(
                    "100", id="grams", placeholder="1000 for a litre of water", compact=True
                )
                yield Label("Magnesium mg")
                yield Input(id="magnesium", placeholder="per portion", compact=True)
                yield Label("Calcium mg")
                yield Input("0", id="calcium", placeholder="per portion", compact=True)
            yield Static(id="form-error", classes="form-error")
            with Grid(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value

    @on(Input.Submitted)
    def next_or_save(self) -> None:
        self.focus_next()
        if isinstance(self.focused, Button):
            self.action_save()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        try:
            food = drafts.make_custom_food(
                self.value("name"),
                self.value("portion"),
                self.value("grams"),
                self.value("magnesium"),
                self.value("calcium"),
            )
        except drafts.AmountError as error:
            self.query_one("#form-error", Static).update(str(error))
            return
        self.dismiss(food)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
