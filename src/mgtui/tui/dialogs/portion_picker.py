"""Pick a portion of one food, see what it does to the day, and log it.

The preview bars show the day as it would be with this entry: the added magnesium
and calcium are drawn in their own style, the supplement bar, the ratio and vitamin D's
line too. For a routine's item (``routine``), the same picker asks no time and shows no
day: the item is logged later, on whatever day the routine is.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from mgtui.domain.entries import Entry
from mgtui.domain.text import safe
from mgtui.foods.model import Food
from mgtui.logbook import drafts
from mgtui.logbook.session import Logbook
from mgtui.present.text import amount_with_grams, describe_nutrients, portion_source
from mgtui.tui.dialogs.base import Dialog
from mgtui.tui.widgets.bars import (
    DayBar,
    MagnesiumBar,
    RatioGauge,
    SupplementBar,
    VitaminDLine,
)

PREVIEWS = ("#preview-magnesium", "#preview-supplement", "#preview-ratio", "#preview-vitamin-d")


def per_100g_line(food: Food) -> str:
    def value(amount: float | None, unit: str) -> str:
        return "no value" if amount is None else f"{amount:g} {unit}"

    return (
        f"per 100 g: magnesium {value(food.magnesium_mg_per_100g, 'mg')}, "
        f"calcium {value(food.calcium_mg_per_100g, 'mg')}"
    )


class PortionPicker(Dialog[Entry | None]):
    """Returns the entry to log (not yet stored), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Back")]
    # The screen's class by its height (other_screens.tcss shortens the portion list on
    # "-short").
    VERTICAL_BREAKPOINTS = [(0, "-short"), (24, "-tall")]

    def __init__(
        self, food: Food, day: dt.date, context: Logbook, *, routine: str | None = None
    ) -> None:
        super().__init__()
        self.food = food
        self.day = day
        self.logbook = context
        # The routine an item is picked for; None when logging to the day.
        self.routine = routine
        self.choices = drafts.portion_choices(food)
        # The person's last entry of this food: its portion is where the amount starts,
        # and of several measures of one unit ("1/2 cup" of almonds) its measure wins.
        self.last = context.repo.last_food_entry(food.id)
        self.start_amount, self.start_source = drafts.remembered_amount(food, self.last)
        if self.start_amount in self.choices:
            self.choices.remove(self.start_amount)
        # The portion the amount starts at heads the list, so the list agrees with it.
        self.choices.insert(0, self.start_amount)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide", id="portion-picker"):
            yield Label(Text(safe(self.food.name)), classes="dialog-title")
            yield Static(per_100g_line(self.food), classes="dialog-hint")
            yield OptionList(
                *[Option(choice, id=str(index)) for index, choice in enumerate(self.choices)],
                id="portions",
            )
            with Horizontal(classes="dialog-fields"):
                yield Input(
                    self.start_amount,
                    id="amount",
                    placeholder="1 oz, 30 g, 1/2 cup, 2 tbsp, or a number of the first portion",
                    select_on_focus=True,
                    compact=True,
                )
                if self.routine is None:
                    yield Label(" at ")
                    # Now on today; on another day empty, to be typed (Logbook.time_for).
                    yield Input(
                        drafts.time_text(self.logbook.time_for(self.day)),
                        id="time",
                        placeholder="HH:MM",
                        select_on_focus=True,
                        compact=True,
                    )
            yield Static(id="amount-result")
            if self.routine is None:
                yield Static("What this does to the day:", classes="dialog-hint")
                yield MagnesiumBar(id="preview-magnesium")
                yield SupplementBar(id="preview-supplement")
                yield RatioGauge(id="preview-ratio")
                yield VitaminDLine(id="preview-vitamin-d")

    def on_mount(self) -> None:
        # The day and the keys sit on the dialog's border: a border is drawn whatever
        # the height, where a last line was cut at 60×20.
        dialog = self.query_one("#portion-picker", Vertical)
        if self.routine is None:
            dialog.border_title = f"Log to {self.day:%a %d %b}"
            dialog.border_subtitle = "Enter logs · ↑↓ portions · Tab time · Esc back"
        else:
            dialog.border_title = f"Add to routine {safe(self.routine)}"
            dialog.border_subtitle = "Enter adds · ↑↓ portions · Esc back"
        # The day as it is, once: each keystroke only adds the entry being typed.
        self.before = self.logbook.day(self.day)
        self.query_one("#amount", Input).focus()
        self.update_preview(self.query_one("#amount", Input).value)

    @on(OptionList.OptionHighlighted, "#portions")
    def portion_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        choice = self.choices[int(event.option.id or 0)]
        amount = self.query_one("#amount", Input)
        amount.value = choice
        self.update_preview(choice)

    @on(OptionList.OptionSelected, "#portions")
    def portion_selected(self) -> None:
        self.submit(self.query_one("#amount", Input).value)

    @on(Input.Changed, "#amount")
    def amount_changed(self, event: Input.Changed) -> None:
        self.update_preview(event.value)

    @on(Input.Submitted, "#amount")
    def amount_submitted(self, event: Input.Submitted) -> None:
        self.submit(event.value)

    def key_down(self) -> None:
        # ↓ from the amount moves into the portion list.
        if self.focused is self.query_one("#amount", Input):
            self.query_one("#portions", OptionList).focus()

    def key_up(self) -> None:
        portions = self.query_one("#portions", OptionList)
        if self.focused is portions and portions.highlighted in (0, None):
            self.query_one("#amount", Input).focus()

    def build_entry(self, text: str, time: dt.time = dt.time(0, 0)) -> Entry:
        # The preview's bars do not depend on the time; the entry logged does.
        return drafts.food_entry(self.food, text, self.day, time, last=self.last)

    def update_preview(self, text: str) -> None:
        result = self.query_one("#amount-result", Static)
        before = self.before
        try:
            entry = self.build_entry(text)
        except drafts.AmountError as error:
            result.update(str(error))
            result.add_class("-error")
            after = None
        else:
            line = f"{safe(amount_with_grams(entry))}: {describe_nutrients(entry)}"
            if text == self.start_amount:
                line += f" ({portion_source(self.start_source)})"
            result.update(line)
            result.remove_class("-error")
            after = None if self.routine is not None else self.logbook.day(self.day, [entry])
        if self.routine is not None:
            return
        for bar_id in PREVIEWS:
            bar = self.query_one(bar_id, DayBar)
            bar.summary = before
            bar.preview = after

    @on(Input.Submitted, "#time")
    def time_submitted(self) -> None:
        self.submit(self.query_one("#amount", Input).value)

    def submit(self, text: str) -> None:
        result = self.query_one("#amount-result", Static)
        try:
            item = self.build_entry(text)
        except drafts.AmountError as error:
            result.update(str(error))
            result.add_class("-error")
            self.query_one("#amount", Input).focus()
            return
        if self.routine is not None:
            self.dismiss(item)  # a routine's item: its day and time are set when logged
            return
        time_input = self.query_one("#time", Input)
        try:
            time = drafts.parse_time_of_day(time_input.value)
        except drafts.AmountError as error:
            result.update(str(error))
            result.add_class("-error")
            time_input.focus()
            return
        self.dismiss(self.build_entry(text, time))

    def action_cancel(self) -> None:
        self.dismiss(None)
