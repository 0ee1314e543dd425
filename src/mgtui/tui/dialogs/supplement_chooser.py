"""Choose a saved supplement and how many servings (for a routine's item).

The servings are checked before the dialog closes; a bad number keeps it open and says
why, so the next keys never land on the screen beneath.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from mgtui.domain.supplements import SupplementProduct
from mgtui.frozen import frozen
from mgtui.logbook import drafts
from mgtui.present.text import describe_product
from mgtui.tui.dialogs.base import Dialog


@frozen
class SupplementChoice:
    product: str
    servings: float


class SupplementChooser(Dialog[SupplementChoice | None]):
    """Returns the product and servings chosen with Enter, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Back")]

    def __init__(self, title: str, products: list[SupplementProduct]) -> None:
        super().__init__()
        self.title_text = title
        self.products = products

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide", id="supplement-chooser"):
            yield Label(Text(self.title_text), classes="dialog-title")
            yield OptionList(
                *(Option(Text(self._words(product))) for product in self.products),
                id="products-to-add",
                compact=True,
            )
            with Horizontal(classes="dialog-fields"):
                yield Label("Servings ")
                yield Input("1", id="servings", select_on_focus=True, compact=True)
            yield Static(id="servings-problem", classes="form-error")

    def on_mount(self) -> None:
        self.query_one(
            "#supplement-chooser", Vertical
        ).border_subtitle = "Enter adds · ↑↓ products · Tab servings · Esc back"
        self.query_one("#products-to-add", OptionList).focus()
        self.query_one("#servings-problem", Static).display = False

    @staticmethod
    def _words(product: SupplementProduct) -> str:
        return describe_product(product)

    @on(OptionList.OptionSelected, "#products-to-add")
    @on(Input.Submitted, "#servings")
    def add(self) -> None:
        index = self.query_one("#products-to-add", OptionList).highlighted
        servings_input = self.query_one("#servings", Input)
        try:
            servings = drafts.parse_servings(servings_input.value)
        except drafts.AmountError as error:
            problem = self.query_one("#servings-problem", Static)
            problem.update(Text(f"✗ {error}"))
            problem.display = True
            servings_input.focus()
            return
        if index is None:
            self.query_one("#products-to-add", OptionList).focus()
            return
        self.dismiss(SupplementChoice(self.products[index].name, servings))

    def action_cancel(self) -> None:
        self.dismiss(None)
