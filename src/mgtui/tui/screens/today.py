"""Today: the four live bars and vitamin D's line over the day's entries, for any day.

The bars and the table redraw from the store whenever ``log_changed`` fires: after
an edit here, an entry logged on another screen, or a write by another process.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Header, Static

from mgtui.domain.entries import Entry
from mgtui.domain.summary import DaySummary
from mgtui.domain.text import safe
from mgtui.present.day import MEDICINE_CODES, entry_columns, medicine_line
from mgtui.present.text import KIND_SUFFIX, entry_changed, missing_magnesium_line
from mgtui.store import StoreError
from mgtui.tui.guard import reads_store
from mgtui.tui.screens.base import SectionScreen
from mgtui.tui.widgets.bars import (
    CalciumBar,
    DayBar,
    MagnesiumBar,
    RatioGauge,
    SupplementBar,
    VitaminDLine,
)
from mgtui.tui.widgets.entry_list import EntryList, EntryRow, Figure
from mgtui.tui.widgets.footer import CompactFooter
from mgtui.tui.widgets.nav_bar import NavBar

# A medicine has no milligrams: a dash, not the "?" of a food with no value.
NO_FIGURE = Figure("—", dim=True)


def figure(shown: str | None) -> Figure:
    """Milligrams as the summary rounded them; "?" where the food has no value."""
    return Figure("?", dim=True) if shown is None else Figure(shown)


def day_title(day: dt.date, today: dt.date) -> str:
    relative = {0: "today", -1: "yesterday", 1: "tomorrow"}.get((day - today).days)
    label = f"{day:%A %d %B %Y}"
    return f"{label} ({relative})" if relative else label


class TodayScreen(SectionScreen):
    """The day's bars and entries; edit, delete, undo; move between days."""

    # The screen the app opens on is styled by app.tcss alone: its first paint does
    # without the other screens' rules.
    OTHER_SCREENS_STYLES = False

    BINDINGS = [
        Binding(
            "left_square_bracket",
            "previous_day",
            "Previous day",
            key_display="[",
            tooltip="Show the day before",
        ),
        Binding(
            "right_square_bracket",
            "next_day",
            "Next day",
            key_display="]",
            tooltip="Show the day after",
        ),
        Binding("e", "edit", "Edit", tooltip="Change the amount or time of the selected entry"),
        Binding("d,delete", "delete", "Delete", tooltip="Delete the selected entry (u undoes)"),
        Binding("u", "undo", "Undo", tooltip="Undo the last add, edit or delete"),
        Binding("r", "log_routine", "Routine", tooltip="Log, build, change or delete a routine"),
        Binding(
            "R",
            "save_routine",
            "Save routine",
            tooltip="Save the day's entries (or the selected one) as a routine",
            show=False,
        ),
        Binding(
            "c",
            "copy_day",
            "Copy day",
            tooltip="Copy chosen entries of another day to this day",
            show=False,
        ),
        Binding(
            "w",
            "why",
            "Why?",
            tooltip="The day's warnings in full: medicine timing with its rule and source",
            show=False,
        ),
        Binding(
            "m",
            "app.go('supplements')",
            "Take supplement",
            tooltip="Open Supplements to log a dose",
            show=False,
        ),
    ]

    def compose(self) -> ComposeResult:
        # The bars are made with the day they show, so their first style pass already
        # has the day's state classes; redraw (on mount) fills in everything else.
        try:
            summary: DaySummary | None = self.mgtui.logbook.day(self.mgtui.day)
        except StoreError:
            summary = None  # redraw tells why
        yield Header()
        yield NavBar("today")
        with Vertical(id="bars"):
            yield MagnesiumBar(summary, id="magnesium-bar")
            yield SupplementBar(summary, id="supplement-bar")
            yield CalciumBar(summary, id="calcium-bar")
            yield RatioGauge(summary, id="ratio-gauge")
            yield VitaminDLine(summary, id="vitamin-d")
        yield EntryList(id="entries")
        yield Static(
            "Nothing logged on this day. Press a to add a food, s for a supplement.",
            id="empty-day",
        )
        yield Static(id="advice")
        yield CompactFooter()

    def on_mount(self) -> None:
        self.entries: list[Entry] = []
        self.summary: DaySummary | None = None
        self._shown_day: dt.date | None = None

    @reads_store
    def redraw(self) -> None:
        context = self.mgtui.logbook
        day = self.mgtui.day
        self.title = "mgtui"
        self.sub_title = day_title(day, context.today())
        entries = context.repo.entries_on(day)
        summary = context.day(day)
        for bar in self.query(DayBar):
            bar.summary = summary
        self.summary = summary
        self._show_entries(entries)
        self._show_advice(summary)

    def _show_entries(self, entries: list[Entry]) -> None:
        selected = self.selected_entry()
        self.entries = entries
        columns = entry_columns(self.summary, entries) if self.summary and entries else []
        rows = [
            EntryRow(
                key=entry.id,
                time=entry.time.strftime("%H:%M"),
                name=safe(entry.name),
                suffix=KIND_SUFFIX[entry.kind],
                amount=safe(entry.amount),
                magnesium=NO_FIGURE if entry.is_medicine else figure(magnesium),
                calcium=NO_FIGURE if entry.is_medicine else figure(calcium),
            )
            for entry, (magnesium, calcium) in zip(entries, columns, strict=True)
        ]
        table = self.query_one("#entries", EntryList)
        # Another day starts at its first entry; on the same day the cursor stays put.
        same_day = self._shown_day == self.mgtui.day
        self._shown_day = self.mgtui.day
        table.set_rows(rows, keep=selected.id if selected else None, top=not same_day)
        table.display = bool(entries)
        self.query_one("#empty-day", Static).display = not entries

    def _show_advice(self, summary: DaySummary) -> None:
        lines: list[Text] = []
        for advice in summary.advice:
            if advice.code in MEDICINE_CODES:
                continue  # one short line for them all, below
            style = "bold" if advice.level == "warning" else ""
            prefix = "! " if advice.level == "warning" else "Tip: "
            lines.append(Text(prefix + safe(advice.text), style=style))
        medicines = medicine_line(summary)
        if medicines is not None:
            lines.insert(0, Text(medicines, style="bold"))
        if summary.entries_missing_magnesium:
            lines.append(
                Text(missing_magnesium_line(summary.entries_missing_magnesium), style="dim")
            )
        if summary.targets.is_default:
            lines.append(
                Text(
                    "Targets are for the default profile (female, 51+): press p to set yours.",
                    style="dim",
                )
            )
        panel = self.query_one("#advice", Static)
        panel.update(Text("\n").join(lines))
        panel.set_class(bool(summary.warnings), "-warning")
        panel.display = bool(lines)

    # -- selection ----------------------------------------------------------

    def selected_entry(self) -> Entry | None:
        index = self.query_one("#entries", EntryList).cursor
        return self.entries[index] if 0 <= index < len(self.entries) else None

    # -- actions ------------------------------------------------------------

    def action_previous_day(self) -> None:
        self.mgtui.day -= dt.timedelta(days=1)

    def action_next_day(self) -> None:
        from mgtui.logbook import drafts

        following = self.mgtui.day + dt.timedelta(days=1)
        problem = drafts.future_day_problem(following, self.mgtui.logbook.today())
        if problem is not None:
            self.notify(f"Tomorrow is the last day to log to: {problem}.", severity="warning")
            return
        self.mgtui.day = following

    def action_edit(self) -> None:
        # The dialogs are imported when first opened: the first paint needs none of them.
        from mgtui.logbook import drafts
        from mgtui.tui.dialogs.amount_dialog import AmountDialog

        entry = self.selected_entry()
        if entry is None:
            self.notify("Select an entry first (arrow keys).", severity="warning")
            return

        session = self.mgtui.logbook
        custom_foods = session.repo.custom_foods()

        def check(amount: str, time: str) -> Entry:
            return drafts.edited_entry(entry, amount, time, custom_foods)

        def apply(changed: Entry | None) -> None:
            if changed is None:
                return
            # The amount as the dialog read it; unchanged, the entry keeps its numbers.
            amount = None if changed.amount == entry.amount else changed.amount
            try:
                question = session.edit_question(entry.id, amount, time=changed.time)
            except StoreError as error:
                self.notify(str(error), title="Could not change the entry", severity="error")
                return
            if question is None:
                store(amount, changed.time, asked=False)
                return

            def answered(confirmed: bool | None) -> None:
                if confirmed:
                    store(amount, changed.time, asked=True)

            from mgtui.tui.dialogs.confirm_dialog import ConfirmDialog

            self.app.push_screen(
                ConfirmDialog("Before you change this", f"{question} Change it anyway?", "Change"),
                answered,
            )

        def store(amount: str | None, time: dt.time, *, asked: bool) -> None:
            logged = self.mgtui.attempt(
                "change the entry", lambda: session.edit(entry.id, amount, time=time)
            )
            if logged is None:
                return
            self.notify(entry_changed(entry, logged.entry), markup=False)
            if asked:
                return  # the question said it; Today's warnings show the rest
            for warning in logged.warnings:
                self.notify(warning, title="Before you go on", severity="warning", markup=False)

        self.app.push_screen(
            AmountDialog(
                safe(entry.name),
                safe(entry.amount),
                drafts.time_text(entry.time),
                drafts.amount_hint(entry, custom_foods),
                check,
                fixed_amount=entry.is_medicine,
            ),
            apply,
        )

    @on(EntryList.Chosen, "#entries")
    def edit_selected(self) -> None:
        if self.app.screen is self:  # not again under a dialog a first click opened
            self.action_edit()

    def action_why(self) -> None:
        summary = self.summary
        if summary is None or not summary.warnings:
            self.notify("No warnings on this day.")
            return
        from mgtui.tui.dialogs.message_dialog import MessageDialog

        self.app.push_screen(
            MessageDialog(
                "Warnings on this day", [safe(advice.text) for advice in summary.warnings]
            )
        )

    def action_delete(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            self.notify("Select an entry first (arrow keys).", severity="warning")
            return
        if self.mgtui.attempt(
            "delete the entry", lambda: self.mgtui.logbook.repo.delete_entry(entry.id)
        ):
            self.notify(
                f"Deleted {safe(entry.name)} ({safe(entry.amount)}). Press u to undo.",
                markup=False,
            )

    def action_log_routine(self) -> None:
        from mgtui.tui.day_routines import DayRoutines

        DayRoutines(self).pick_routine()

    def action_save_routine(self) -> None:
        from mgtui.tui.day_routines import DayRoutines

        DayRoutines(self).ask_save(self.entries, self.selected_entry())

    def action_copy_day(self) -> None:
        from mgtui.tui.day_routines import DayRoutines

        DayRoutines(self).ask_copy()

    def action_undo(self) -> None:
        repo = self.mgtui.logbook.repo
        if not repo.can_undo:
            self.notify("Nothing to undo.", severity="warning")
            return
        undone = self.mgtui.attempt("undo", repo.undo)
        if undone:
            self.notify(f"Undone: {safe(undone)}", markup=False)
