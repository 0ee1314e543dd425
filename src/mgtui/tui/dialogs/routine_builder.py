"""Build a routine by hand, or change one: add foods (searched, with a portion) and saved
supplements (with servings), change an item's amount, remove one, and save.

Every item is made by the application layer (``Logbook.routine_food_item`` and
``routine_supplement_item``, through the portion picker and the supplement chooser), so
an item holds the numbers logging that food or supplement gives. Saving goes through
the caller's ``save``; when it fails the builder stays open with every item in it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from mgtui.domain.entries import Entry
from mgtui.domain.routines import MAX_ROUTINE_ITEMS, Routine
from mgtui.domain.text import safe
from mgtui.errors import BadInputError
from mgtui.foods.model import Food
from mgtui.logbook import drafts
from mgtui.logbook.session import Logbook
from mgtui.present.routines import item_lines, routine_summary
from mgtui.store import StoreError
from mgtui.tui.dialogs.base import Dialog
from mgtui.tui.dialogs.confirm_dialog import ConfirmDialog
from mgtui.tui.dialogs.food_chooser import FoodChooser
from mgtui.tui.dialogs.portion_picker import PortionPicker
from mgtui.tui.dialogs.prompt_dialog import PromptDialog
from mgtui.tui.dialogs.supplement_chooser import SupplementChoice, SupplementChooser

T = TypeVar("T")

KEYS = "a add a food · s add a supplement · Enter amount · d remove · ctrl+s saves · Esc"


class RoutineBuilder(Dialog[Routine | None]):
    """Returns the routine as saved, or None when left without saving."""

    BINDINGS = [
        Binding("a", "add_food", "Add a food"),
        Binding("s", "add_supplement", "Add a supplement"),
        Binding("d,delete", "remove", "Remove the item"),
        Binding("ctrl+s", "save", "Save the routine"),
        Binding("escape", "leave", "Back"),
    ]

    def __init__(
        self,
        name: str,
        items: tuple[Entry, ...],
        logbook: Logbook,
        save: Callable[[Routine], Routine | None],
    ) -> None:
        super().__init__()
        self.name_text = name
        self.items = list(items)
        self.logbook = logbook
        self.save = save
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide", id="routine-builder"):
            yield Label(id="builder-summary", classes="dialog-title")
            yield OptionList(id="routine-items", compact=True)
            yield Static(id="builder-hint", classes="dialog-hint")
            yield Static(KEYS, classes="dialog-keys")

    def on_mount(self) -> None:
        dialog = self.query_one("#routine-builder", Vertical)
        dialog.border_title = f"Routine {safe(self.name_text)}"
        self.refresh_items()
        self.query_one("#routine-items", OptionList).focus()

    # -- drawing --------------------------------------------------------------------

    def refresh_items(self, highlight: int | None = None) -> None:
        routine = Routine(self.name_text, tuple(self.items))
        summary = self.query_one("#builder-summary", Label)
        hint = self.query_one("#builder-hint", Static)
        options = self.query_one("#routine-items", OptionList)
        options.clear_options()
        if self.items:
            summary.update(Text(routine_summary(routine)))
            options.add_options(Option(Text(line)) for line in item_lines(routine))
            last = len(self.items) - 1
            options.highlighted = last if highlight is None else min(highlight, last)
            hint.update("Each item is logged with these amounts and milligrams.")
        else:
            summary.update(Text(f"{safe(self.name_text)}: no items yet"))
            hint.update("Press a to add a food, s to add a saved supplement.")
        options.display = bool(self.items)

    def say(self, message: str) -> None:
        self.query_one("#builder-hint", Static).update(Text(message))

    def selected_index(self) -> int | None:
        index = self.query_one("#routine-items", OptionList).highlighted
        return index if self.items and index is not None else None

    # -- adding ---------------------------------------------------------------------

    def has_room(self) -> bool:
        if len(self.items) < MAX_ROUTINE_ITEMS:
            return True
        self.say(f"A routine holds at most {MAX_ROUTINE_ITEMS} items.")
        return False

    def add(self, item: Entry) -> None:
        self.items.append(item)
        self.changed = True
        self.refresh_items()
        self.query_one("#routine-items", OptionList).focus()

    def action_add_food(self) -> None:
        if not self.has_room():
            return

        def chosen(food: Food | None) -> None:
            if food is not None:
                self.app.push_screen(
                    PortionPicker(food, self.logbook.today(), self.logbook, routine=self.name_text),
                    lambda item: None if item is None else self.add(item),
                )

        self.app.push_screen(
            FoodChooser(f"Add a food to {safe(self.name_text)}", self.logbook), chosen
        )

    def action_add_supplement(self) -> None:
        if not self.has_room():
            return
        products = self.read(self.logbook.repo.supplement_products)
        if products is None:
            return
        if not products:
            self.say("No saved supplements: save one on Supplements (s, then n) first.")
            return

        def chosen(choice: SupplementChoice | None) -> None:
            if choice is None:
                return
            item = self.read(
                lambda: self.logbook.routine_supplement_item(choice.product, choice.servings)
            )
            if item is not None:
                self.add(item)

        self.app.push_screen(
            SupplementChooser(f"Add a supplement to {safe(self.name_text)}", products), chosen
        )

    # -- changing -------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#routine-items")
    def change_amount(self, event: OptionList.OptionSelected) -> None:
        index = event.option_index
        item = self.items[index]
        custom_foods = self.read(self.logbook.repo.custom_foods)
        if custom_foods is None:
            return

        def changed(new: Entry | None) -> None:
            if new is not None:
                self.items[index] = new
                self.changed = True
                self.refresh_items(index)

        self.app.push_screen(
            PromptDialog(
                f"Amount of {safe(item.name)}",
                lambda text: drafts.rescale_entry(item, text, custom_foods),
                value=safe(item.amount),
                hint=drafts.amount_hint(item, custom_foods),
            ),
            changed,
        )

    def action_remove(self) -> None:
        index = self.selected_index()
        if index is None:
            self.say("Nothing to remove: press a to add a food, s a supplement.")
            return
        removed = self.items.pop(index)
        self.changed = True
        self.refresh_items(index)
        self.say(f"Removed {safe(removed.name)} ({safe(removed.amount)}).")

    # -- leaving --------------------------------------------------------------------

    def action_save(self) -> None:
        if not self.items:
            self.say("Add a food (a) or a supplement (s) before saving.")
            return
        saved = self.save(Routine(self.name_text, tuple(self.items)))
        if saved is not None:
            self.dismiss(saved)

    def action_leave(self) -> None:
        if not self.changed:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(
                "Leave without saving?",
                f"The changes to {safe(self.name_text)} are not saved (ctrl+s saves them).",
                "Discard",
            ),
            answered,
        )

    def read(self, read: Callable[[], T]) -> T | None:
        """A read or an item made: a failure is said in the builder, which stays open."""
        try:
            return read()
        except (StoreError, BadInputError) as error:
            self.say(f"✗ {error}")
            return None
