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
from textual.widgets import DataTable, Footer, Header, Static

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
from mgtui.tui.widgets.nav_bar import NavBar
from mgtui.tui.widgets.text_fit import fit_middle

AMOUNT_COLUMN_WIDTH = 14
# On a wide terminal the amount gets room for USDA's longer measures ("1 cup (8 fl oz)").
WIDE_AMOUNT_COLUMN_WIDTH = 24
WIDE_TERMINAL = 110


NO_MG = Text(f"{'—':>6}", style="dim")


def format_mg(shown: str | None, width: int = 6) -> Text:
    """Milligrams right-aligned in their column; "?" where the food has no value."""
    if shown is None:
        return Text(f"{'?':>{width}}", style="dim")
    return Text(f"{shown:>{width}}")


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
        yield DataTable[str | Text](id="entries", cursor_type="row", zebra_stripes=True)
        yield Static(
            "Nothing logged on this day. Press a to add a food, s for a supplement.",
            id="empty-day",
        )
        yield Static(id="advice")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.entries: list[Entry] = []
        self.summary: DaySummary | None = None
        # The table is as wide as the screen: a resize refills it.
        self._table_width: int | None = None

    def on_resize(self) -> None:
        if self.size.width != self._table_width:
            self._fill_table(self.entries)

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
        self._fill_table(entries)
        self._show_advice(summary)

    def _fill_table(self, entries: list[Entry]) -> None:
        table = self.query_one("#entries", DataTable)
        selected = self.selected_entry()
        self.entries = entries
        self._table_width = self.size.width
        table.clear(columns=True)
        # The item's name takes whatever width the fixed columns leave.
        amount_width = (
            WIDE_AMOUNT_COLUMN_WIDTH if self.size.width >= WIDE_TERMINAL else AMOUNT_COLUMN_WIDTH
        )
        fixed = 5 + amount_width + 6 + 6 + 2 * 5 + 4  # cell padding, scrollbar
        # Labels and cells are Text, never str: DataTable parses a str as markup, and
        # the first parse loads Rich's markup and emoji tables, ~10 ms of the first paint.
        table.add_column(Text("Time"), key="time", width=5)
        item_width = max(20, self.size.width - fixed)
        table.add_column(Text("Item"), key="item", width=item_width)
        table.add_column(Text("Amount"), key="amount", width=amount_width)
        table.add_column(Text(f"{'Mg mg':>6}"), key="mg", width=6)
        table.add_column(Text(f"{'Ca mg':>6}"), key="ca", width=6)
        columns = entry_columns(self.summary, entries) if self.summary and entries else []
        for entry, (magnesium, calcium) in zip(entries, columns, strict=True):
            suffix = KIND_SUFFIX[entry.kind]
            name = fit_middle(safe(entry.name), item_width - len(suffix)) + suffix
            # A medicine has no milligrams: a dash, not the "?" of a food with no value.
            mg_cells = (
                (NO_MG, NO_MG) if entry.is_medicine else (format_mg(magnesium), format_mg(calcium))
            )
            table.add_row(
                Text(entry.time.strftime("%H:%M")),
                Text(name),
                Text(safe(entry.amount)),
                *mg_cells,
                key=entry.id,
            )
        table.display = bool(entries)
        self.query_one("#empty-day", Static).display = not entries
        if selected is not None and selected.id in table.rows:
            table.move_cursor(row=table.get_row_index(selected.id))

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
        table = self.query_one("#entries", DataTable)
        index = table.cursor_row
        if not self.entries or not 0 <= index < len(self.entries):
            return None
        return self.entries[index]

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

    @on(DataTable.RowSelected, "#entries")
    def edit_selected(self) -> None:
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
