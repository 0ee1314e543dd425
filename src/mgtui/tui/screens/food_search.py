"""Food search: results as you type, a portion picker, log, and on to the next food.

Searching runs in an exclusive worker: a new keystroke cancels the previous query,
and a cancelled query's results are dropped, so the table always shows the latest.
With an empty query the table lists favourite and recent foods.
"""

from __future__ import annotations

from collections.abc import Hashable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Input, Static
from textual.worker import get_current_worker

from mgtui.domain.entries import Entry
from mgtui.domain.text import safe
from mgtui.foods.model import Food
from mgtui.logbook import drafts
from mgtui.present.text import describe_entry, search_prompt, search_results_line, whole_mg
from mgtui.tui.dialogs.custom_food_form import CustomFoodForm
from mgtui.tui.dialogs.portion_picker import PortionPicker
from mgtui.tui.guard import reads_store
from mgtui.tui.screens.base import SectionScreen
from mgtui.tui.widgets.footer import CompactFooter
from mgtui.tui.widgets.nav_bar import NavBar
from mgtui.tui.widgets.text_fit import fit_middle

RESULT_LIMIT = 50
RECENT_LIMIT = 15
PORTION_COLUMN_WIDTH = 10


def _mg(value: float | None, width: int) -> Text:
    """Right-aligned in a column ``width`` wide; "?" where USDA has no value."""
    return Text(f"{whole_mg(value, '?'):>{width}}")


class FoodSearchScreen(SectionScreen):
    """Type to search all foods; Enter picks a portion and logs it to the day."""

    BINDINGS = [
        Binding("escape", "app.go('today')", "Back", show=False),
        Binding("ctrl+f", "favourite", "Favourite", tooltip="Mark or unmark a favourite food"),
        Binding("ctrl+n", "new_custom_food", "New custom food", tooltip="A food of your own"),
        Binding("down", "focus_results", "Results", show=False),
        Binding("slash", "focus_search", "Search", key_display="/", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield NavBar("food")
        yield Input(
            placeholder="Search foods: pumpkin seeds, spinach, milk, almonds…",
            id="query",
        )
        yield Static(id="search-status")
        # The full name above the list: notices appear at the bottom right and would
        # cover it there.
        yield Static(id="food-detail")
        yield DataTable[str | Text](id="results", cursor_type="row")
        yield CompactFooter()

    def on_mount(self) -> None:
        self.foods: dict[str, Food] = {}
        self.shown_query: str | None = None
        self.shown: list[Food] = []
        self.title = "Add food"
        self.query_one("#query", Input).focus()

    def draw_key(self) -> Hashable:
        # Recent and favourite foods change with the file; the query is the person's.
        return (self.mgtui.day, self.mgtui.logbook.repo.signature())

    def on_screen_resume(self) -> None:
        self.query_one("#query", Input).focus()

    def redraw(self) -> None:
        self.sub_title = f"logging to {self.mgtui.day:%a %d %b %Y}"
        self.show_for(self.query_one("#query", Input).value)

    # -- searching ----------------------------------------------------------

    @on(Input.Changed, "#query")
    def query_changed(self, event: Input.Changed) -> None:
        self.show_for(event.value)

    @reads_store
    def show_for(self, query: str) -> None:
        if query.strip():
            self.search_foods(query.strip(), self.mgtui.logbook.repo.custom_foods())
        else:
            self.show_recent()

    @work(exclusive=True, thread=True, group="food-search")
    def search_foods(self, query: str, custom_foods: list[Food]) -> None:
        from mgtui.foods import food_words, search_foods

        results = search_foods(query, RESULT_LIMIT, extra_foods=custom_foods)
        if results and not food_words(query, extra_foods=custom_foods):
            results = []  # "%s%n" or an escape sequence: Enter must not log a food for it
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.fill_results, results, query)

    def show_recent(self) -> None:
        repo = self.mgtui.logbook.repo
        # A food the table no longer has is shown from its last entry (foods.retired).
        favourites = drafts.resolve_foods(
            repo.favourite_food_ids(), repo.custom_foods(), repo.last_food_entry
        )
        favourite_ids = {food.id for food in favourites}
        recent = [
            food
            for food in drafts.resolve_foods(
                repo.recent_food_ids(RECENT_LIMIT), repo.custom_foods(), repo.last_food_entry
            )
            if food.id not in favourite_ids
        ]
        self.fill_results(favourites + recent, "", favourite_ids=favourite_ids)

    def fill_results(
        self, foods: list[Food], query: str, favourite_ids: set[str] | None = None
    ) -> None:
        current = self.query_one("#query", Input).value.strip()
        if current != query:
            return  # a newer query is on its way
        favourite_ids = favourite_ids or set(self.mgtui.logbook.repo.favourite_food_ids())
        table = self.query_one("#results", DataTable)
        # The same list again (ctrl+f re-sorts it, a write elsewhere refills it): the
        # cursor stays on the food it was on, so the next key acts on that food.
        highlighted = self.highlighted_food() if query == self.shown_query else None
        keep = highlighted.id if highlighted is not None else None
        self.shown_query = query
        table.clear(columns=True)
        # The food's name takes whatever width the figures leave.
        fixed = 5 + PORTION_COLUMN_WIDTH + 7 + 7 + 2 * 5 + 4  # cell padding, scrollbar
        name_width = max(24, self.size.width - fixed)
        table.add_column("Food", key="name", width=name_width)
        table.add_column(f"{'Mg':>5}", key="mg_portion", width=5)
        table.add_column("per", key="portion", width=PORTION_COLUMN_WIDTH)
        table.add_column(f"{'Mg/100g':>7}", key="mg_100g", width=7)
        table.add_column(f"{'Ca/100g':>7}", key="ca_100g", width=7)
        self.shown = foods
        self.foods = {food.id: food for food in foods}
        for food in foods:
            portion = drafts.default_portion(food)
            per_portion = food.magnesium_mg(portion.grams)
            prefix = "* " if food.id in favourite_ids else ""
            suffix = " (custom)" if food.custom else " (not in the table)" if food.note else ""
            fitted = fit_middle(safe(food.name), name_width - len(prefix) - len(suffix))
            name = Text.assemble((prefix, "bold"), fitted, (suffix, "dim"))
            table.add_row(
                name,
                _mg(per_portion, 5),
                portion.label,
                _mg(food.magnesium_mg_per_100g, 7),
                _mg(food.calcium_mg_per_100g, 7),
                key=food.id,
            )
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))
        status = self.query_one("#search-status", Static)
        if query and not foods:
            status.update(
                f"No food matches {query!r}. Try fewer words or another spelling; "
                "ctrl+n adds a food of your own."
            )
        elif query:
            status.update(search_results_line(len(foods)))
        elif foods:
            status.update("Favourites (*) and recent foods · type to search all foods")
        else:
            from mgtui.foods import food_count

            status.update(search_prompt(food_count()))

    def on_resize(self) -> None:
        if self.is_mounted:
            self.fill_results(self.shown, self.query_one("#query", Input).value.strip())

    @on(DataTable.RowHighlighted, "#results")
    def show_detail(self) -> None:
        """The highlighted food's full name and portions: long USDA names get cut above."""
        food = self.highlighted_food()
        detail = self.query_one("#food-detail", Static)
        if food is None:
            detail.update("")
            return
        portions = ", ".join(drafts.portion_labels(food)[:3])
        note = f"  ·  {food.note}" if food.note else ""
        detail.update(
            Text.assemble((safe(food.name), "bold"), f"  ·  {portions}", (note, "italic"))
        )

    # -- choosing -----------------------------------------------------------

    @on(Input.Submitted, "#query")
    def pick_first(self) -> None:
        table = self.query_one("#results", DataTable)
        if table.row_count:
            self.pick(self.highlighted_food() or next(iter(self.foods.values())))

    @on(DataTable.RowSelected, "#results")
    def pick_selected(self) -> None:
        food = self.highlighted_food()
        if food is not None:
            self.pick(food)

    def highlighted_food(self) -> Food | None:
        table = self.query_one("#results", DataTable)
        if not table.row_count:
            return None
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.foods.get(row_key or "")

    def pick(self, food: Food) -> None:
        def logged(entry: Entry | None) -> None:
            query = self.query_one("#query", Input)
            query.focus()
            if entry is None:
                return
            logged = self.mgtui.attempt("log the food", lambda: self.mgtui.logbook.log(entry))
            if logged is not None:
                self.notify(
                    f"Logged {describe_entry(logged.entry)}",
                    title=f"{self.mgtui.day:%a %d %b}",
                    markup=False,
                )
                # Ready for the next food: the query stays, selected, to type over.
                query.action_select_all()

        context = self.mgtui.logbook
        self.app.push_screen(PortionPicker(food, self.mgtui.day, context), logged)

    # -- actions ------------------------------------------------------------

    def action_focus_results(self) -> None:
        self.query_one("#results", DataTable).focus()

    def action_focus_search(self) -> None:
        self.query_one("#query", Input).focus()

    def action_favourite(self) -> None:
        food = self.highlighted_food()
        if food is None:
            self.notify("Highlight a food first.", severity="warning")
            return
        now_favourite = self.mgtui.attempt(
            "change favourites", lambda: self.mgtui.logbook.repo.toggle_favourite(food.id)
        )
        if now_favourite is not None:
            verb = "added to" if now_favourite else "removed from"
            self.notify(f"{safe(food.name)} {verb} favourites.", markup=False)
            self.show_for(self.query_one("#query", Input).value)

    def action_new_custom_food(self) -> None:
        def created(food: Food | None) -> None:
            if food is None:
                return
            repo = self.mgtui.logbook.repo
            saved = self.mgtui.attempt("save the food", lambda: repo.save_custom_food(food))
            if saved is not None:
                self.notify(f"Saved {safe(saved.name)}. Pick a portion to log it.", markup=False)
                self.pick(saved)

        name = self.query_one("#query", Input).value.strip()
        self.app.push_screen(CustomFoodForm(name), created)
