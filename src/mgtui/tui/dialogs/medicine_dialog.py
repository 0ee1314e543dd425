"""Save a medicine whose timing matters beside magnesium and calcium: its name, and its
class from the reference table (each shown with its examples).

A known drug's name chooses its class as it is typed ("alendronate": oral
bisphosphonate), so Enter saves at once; any other name moves to the list, where the
class is chosen with the arrows. A name that cannot be saved keeps the dialog open.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from mgtui.domain import reference as ref
from mgtui.domain.medicines import find_class, medication_name_problem
from mgtui.frozen import frozen
from mgtui.tui.dialogs.base import Dialog

HINT = "A known medicine chooses its class; otherwise pick one with ↑↓."


@frozen
class MedicineRequest:
    name: str
    medicine_class: str  # a key of ``reference.MEDICINE_CLASSES``


def class_prompt(cls: ref.MedicineClass) -> Text:
    """ "oral bisphosphonate  alendronate, risedronate": one line at 60 columns."""
    text = Text(cls.label, style="bold")
    text.append("  " + ", ".join(cls.examples[:2]), style="dim")
    return text


class MedicineDialog(Dialog[MedicineRequest | None]):
    """Returns the name and class chosen, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, product_names: Iterable[str] = ()) -> None:
        super().__init__()
        # A medicine never takes a product's name (``mgtui take NAME`` means one thing):
        # said here, so the name can be changed without typing it all again.
        self.product_names = {" ".join(name.split()).casefold() for name in product_names}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="medicine-dialog"):
            yield Label("Add a medicine", classes="dialog-title")
            yield Input(placeholder="Name, e.g. Alendronate", id="medicine-name", compact=True)
            yield OptionList(
                *(Option(class_prompt(cls), id=cls.key) for cls in ref.MEDICINE_CLASSES),
                id="medicine-classes",
                compact=True,
            )
            yield Static(HINT, id="medicine-hint", classes="dialog-hint")
            yield Static("Enter saves · Tab: name/class · Esc cancels", classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#medicine-classes", OptionList).highlighted = None
        self.query_one("#medicine-name", Input).focus()

    @on(Input.Changed, "#medicine-name")
    def name_changed(self, event: Input.Changed) -> None:
        found = find_class(event.value)
        if found is not None:
            classes = self.query_one("#medicine-classes", OptionList)
            classes.highlighted = classes.get_option_index(found.key)

    @on(Input.Submitted, "#medicine-name")
    def name_submitted(self) -> None:
        if self.query_one("#medicine-classes", OptionList).highlighted is None:
            if self._typed_name() is not None:
                self._hint("Which class is it? Choose with ↑↓, then Enter.")
                self.query_one("#medicine-classes", OptionList).focus()
            return
        self._save()

    @on(OptionList.OptionSelected, "#medicine-classes")
    def class_chosen(self) -> None:
        self._save()

    def _typed_name(self) -> str | None:
        name = " ".join(self.query_one("#medicine-name", Input).value.split())
        problem = medication_name_problem(name)
        if problem is None and name.casefold() in self.product_names:
            problem = "a saved product has this name; choose another"
        if problem is not None:
            self._hint(f"✗ {problem[0].upper()}{problem[1:]}.")
            self.query_one("#medicine-name", Input).focus()
            return None
        return name

    def _hint(self, text: str) -> None:
        self.query_one("#medicine-hint", Static).update(Text(text))

    def _save(self) -> None:
        classes = self.query_one("#medicine-classes", OptionList)
        name = self._typed_name()
        if name is None:
            return
        if classes.highlighted is None:
            self._hint("Which class is it? Choose with ↑↓, then Enter.")
            classes.focus()
            return
        option = classes.get_option_at_index(classes.highlighted)
        assert option.id is not None
        self.dismiss(MedicineRequest(name, option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)
