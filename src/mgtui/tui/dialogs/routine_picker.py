"""The saved routines, each with its items and milligrams as they were logged: Enter logs
the highlighted one; n builds a new one by hand, e changes one, x deletes one."""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from mgtui.domain.routines import Routine
from mgtui.frozen import frozen
from mgtui.present.routines import item_lines, routine_summary
from mgtui.tui.dialogs.base import Dialog

RoutineAction = Literal["log", "new", "edit", "delete"]


@frozen
class RoutineChoice:
    """What to do, and with which routine (none for a new one)."""

    action: RoutineAction
    name: str | None = None


class RoutinePicker(Dialog[RoutineChoice | None]):
    """Returns what was chosen for which routine, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("n", "choose('new')", "New routine"),
        Binding("e", "choose('edit')", "Change routine"),
        Binding("x,delete", "choose('delete')", "Delete routine"),
    ]

    def __init__(self, routines: list[Routine], when: str, highlight: str | None = None) -> None:
        super().__init__()
        self.routines = routines
        self.when = when
        self.highlight = highlight

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide", id="routine-picker"):
            yield Label(f"Log a routine {self.when}", classes="dialog-title")
            yield OptionList(
                *(Option(self._prompt(routine), id=routine.name) for routine in self.routines),
                id="routines",
                compact=True,
            )
            yield Static(
                "No routines yet: n builds one from foods and supplements, "
                "or R on Today saves a day's entries as one.",
                id="no-routines",
                classes="dialog-hint",
            )
            yield Static(id="routine-problem", classes="form-error")

    def on_mount(self) -> None:
        options = self.query_one("#routines", OptionList)
        options.display = bool(self.routines)
        self.query_one("#no-routines", Static).display = not self.routines
        self.query_one("#routine-problem", Static).display = False
        dialog = self.query_one("#routine-picker", Vertical)
        dialog.border_subtitle = (
            "Enter logs · n new · e change · x delete · Esc"
            if self.routines
            else "n new · Esc cancels"
        )
        if self.highlight is not None:
            key = self.highlight.casefold()
            for index, routine in enumerate(self.routines):
                if routine.name.casefold() == key:
                    options.highlighted = index

    @staticmethod
    def _prompt(routine: Routine) -> Text:
        text = Text(routine_summary(routine), style="bold")
        for line in item_lines(routine):
            text.append("\n  " + line, style="dim")
        return text

    @on(OptionList.OptionSelected, "#routines")
    def picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(RoutineChoice("log", event.option.id))

    def action_choose(self, action: RoutineAction) -> None:
        if action == "new":
            self.dismiss(RoutineChoice("new"))
            return
        options = self.query_one("#routines", OptionList)
        index = options.highlighted
        if not self.routines or index is None:
            problem = self.query_one("#routine-problem", Static)
            problem.update("No routine to change or delete: n builds one.")
            problem.display = True
            return
        self.dismiss(RoutineChoice(action, self.routines[index].name))

    def action_cancel(self) -> None:
        self.dismiss(None)
