"""Choose a food by searching (for a routine's item): results as you type, favourite
and recent foods when the query is empty, Enter takes the highlighted one.

The search runs in an exclusive worker like Food search's: a new keystroke cancels the
query before it, and a cancelled query's results are dropped.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from mgtui.domain.text import safe
from mgtui.foods.model import Food
from mgtui.logbook import drafts
from mgtui.logbook.session import Logbook
from mgtui.present.text import count, whole_mg
from mgtui.tui.dialogs.base import Dialog
from mgtui.tui.widgets.text_fit import fit_middle

RESULT_LIMIT = 30
RECENT_LIMIT = 15


class FoodChooser(Dialog[Food | None]):
    """Returns the food chosen with Enter, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Back")]

    def __init__(self, title: str, logbook: Logbook) -> None:
        super().__init__()
        self.title_text = title
        self.logbook = logbook
        self.foods: list[Food] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide", id="food-chooser"):
            yield Label(Text(self.title_text), classes="dialog-title")
            yield Input(
                placeholder="Search foods: oats, milk, almonds…", id="food-query", compact=True
            )
            yield Static(id="chooser-status", classes="dialog-hint")
            yield OptionList(id="food-results", compact=True)

    def on_mount(self) -> None:
        self.query_one(
            "#food-chooser", Vertical
        ).border_subtitle = "Enter picks · ↓ to the list · Esc back"
        # After the first layout: each line is fitted to the list's width, which is
        # not known before it (a name fitted to nothing reads "M…").
        self.call_after_refresh(self.show_recent)

    @on(Input.Changed, "#food-query")
    def query_changed(self, event: Input.Changed) -> None:
        query = event.value.strip()
        if query:
            self.search(query, self.logbook.repo.custom_foods())
        else:
            self.show_recent()

    @work(exclusive=True, thread=True, group="chooser-search")
    def search(self, query: str, custom_foods: list[Food]) -> None:
        from mgtui.foods import food_words, search_foods

        results = search_foods(query, RESULT_LIMIT, extra_foods=custom_foods)
        if results and not food_words(query, extra_foods=custom_foods):
            results = []  # no food word in it: nothing to take with Enter
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, results, query)

    def show_recent(self) -> None:
        repo = self.logbook.repo
        custom = repo.custom_foods()
        favourites = drafts.resolve_foods(repo.favourite_food_ids(), custom, repo.last_food_entry)
        seen = {food.id for food in favourites}
        recent = drafts.resolve_foods(
            repo.recent_food_ids(RECENT_LIMIT), custom, repo.last_food_entry
        )
        self.show(favourites + [food for food in recent if food.id not in seen], "")

    def show(self, foods: list[Food], query: str) -> None:
        if self.query_one("#food-query", Input).value.strip() != query:
            return  # a newer query is on its way
        self.foods = foods
        results = self.query_one("#food-results", OptionList)
        results.clear_options()
        # One line a food: the width the list has, less its scrollbar.
        width = max(20, results.scrollable_content_region.width - 2)
        results.add_options(Option(self._prompt(food, width)) for food in foods)
        if foods:
            results.highlighted = 0
        status = self.query_one("#chooser-status", Static)
        if query and not foods:
            status.update(f"No food matches {query!r}: try fewer words or another spelling.")
        elif query:
            status.update(f"{count(len(foods), 'food')} · Enter takes the highlighted one")
        elif foods:
            status.update("Favourite and recent foods · type to search all foods")
        else:
            status.update("Type to search the USDA foods, e.g. oats")

    @staticmethod
    def _prompt(food: Food, width: int) -> Text:
        # Per 100 g: the portion comes next, in the picker, from the person's last one.
        figures = f"  {whole_mg(food.magnesium_mg_per_100g, '?'):>4} mg Mg/100 g"
        room = width - len(figures)
        name = fit_middle(safe(food.name), room).ljust(room)
        return Text.assemble(name, (figures, "dim"))

    @on(Input.Submitted, "#food-query")
    def take_highlighted(self) -> None:
        results = self.query_one("#food-results", OptionList)
        index = results.highlighted
        if self.foods:
            self.dismiss(self.foods[index or 0])

    @on(OptionList.OptionSelected, "#food-results")
    def taken(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.foods[event.option_index])

    def key_down(self) -> None:
        if self.focused is self.query_one("#food-query", Input):
            self.query_one("#food-results", OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
