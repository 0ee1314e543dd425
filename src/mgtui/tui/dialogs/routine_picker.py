"""Pick a saved routine to log: each with its items and milligrams as they were logged."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from mgtui.domain.routines import Routine
from mgtui.present.routines import item_lines, routine_summary


class RoutinePicker(ModalScreen[str | None]):
    """Returns the name of the routine picked with Enter, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, routines: list[Routine], when: str) -> None:
        super().__init__()
        self.routines = routines
        self.when = when

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide"):
            yield Label(f"Log a routine {self.when}", classes="dialog-title")
            yield OptionList(
                *(Option(self._prompt(routine), id=routine.name) for routine in self.routines),
                id="routines",
                compact=True,
            )
            yield Static("Enter logs it · ↑↓ choose · Esc cancels", classes="dialog-keys")

    @staticmethod
    def _prompt(routine: Routine) -> Text:
        text = Text(routine_summary(routine), style="bold")
        for line in item_lines(routine):
            text.append("\n  " + line, style="dim")
        return text

    @on(OptionList.OptionSelected, "#routines")
    def picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
