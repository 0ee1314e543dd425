"""Routines and copies on Today: what ``r``, ``R`` and ``c`` do for the day on screen.

``r`` lists the routines: Enter logs one, ``n`` builds a new one by hand, ``e`` changes
one, ``x`` deletes one; after building, changing or deleting, the list comes back.
``c`` copies chosen entries of another day (all of yesterday's with Enter).

A routine logs at now on today; on another day the time is asked (no default: noon
would put a morning routine at 12:00 and make the timing advice wrong, so a time on
another day must be typed). A copy keeps each entry's own time. Both ask before a
supplement would pass the limit, as logging one supplement does, and log in one
transaction, each entry undoable with ``u``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from mgtui.domain.entries import Entry
from mgtui.domain.routines import MAX_ROUTINE_NAME, Routine
from mgtui.domain.text import has_control, safe
from mgtui.errors import BadInputError
from mgtui.logbook.drafts import parse_time_of_day
from mgtui.present.routines import routine_summary
from mgtui.present.text import count
from mgtui.store import StoreError
from mgtui.tui.dialogs.confirm_dialog import ConfirmDialog
from mgtui.tui.dialogs.copy_chooser import CopyChooser, CopyRequest
from mgtui.tui.dialogs.prompt_dialog import PromptDialog
from mgtui.tui.dialogs.routine_builder import RoutineBuilder
from mgtui.tui.dialogs.routine_picker import RoutineChoice, RoutinePicker
from mgtui.tui.dialogs.save_routine_dialog import RoutineRequest, SaveRoutineDialog
from mgtui.tui.screens.base import SectionScreen

T = TypeVar("T")


class DayRoutines:
    """The flows behind Today's routine and copy keys, for ``screen``'s day."""

    def __init__(self, screen: SectionScreen) -> None:
        self.screen = screen

    @property
    def day(self) -> dt.date:
        return self.screen.mgtui.day

    # -- logging a routine --------------------------------------------------------------

    def pick_routine(self, highlight: str | None = None) -> None:
        logbook = self.screen.mgtui.logbook
        routines = self._read(logbook.repo.routines)
        if routines is None:
            return
        on_today = self.day == logbook.today()
        when = "now" if on_today else f"on {self.day:%a %d %b %Y}"
        self.screen.app.push_screen(RoutinePicker(routines, when, highlight), self._picked)

    def _picked(self, choice: RoutineChoice | None) -> None:
        if choice is None:
            return
        if choice.action == "new":
            self._ask_name()
            return
        assert choice.name is not None
        name = choice.name
        if choice.action == "edit":
            self._build(name)
            return
        if choice.action == "delete":
            self._ask_delete(name)
            return
        logbook = self.screen.mgtui.logbook
        if self.day == logbook.today():
            self._log_routine(name, logbook.now().time())
            return
        self.screen.app.push_screen(
            PromptDialog(
                f"At what time on {self.day:%a %d %b %Y}?",
                parse_time_of_day,
                placeholder="HH:MM, e.g. 07:30",
                hint=f"Every item of {safe(name)} is logged at this time.",
            ),
            lambda time: None if time is None else self._log_routine(name, time),
        )

    def _log_routine(self, name: str, time: dt.time) -> None:
        logbook = self.screen.mgtui.logbook
        drafts = self._read(lambda: logbook.routine_drafts(name, self.day, time))
        if drafts:
            self._confirm_then_log(
                drafts,
                f"routine {name}",
                f"Logged routine {safe(name)}: {count(len(drafts), 'entry', 'entries')} at "
                f"{time:%H:%M}.",
            )

    # -- building, changing and deleting a routine -------------------------------------

    def _ask_name(self) -> None:
        logbook = self.screen.mgtui.logbook

        def new_name(text: str) -> str:
            name = " ".join(text.split())
            if not name:
                raise BadInputError("type a name for the routine, or press Esc")
            if has_control(name):
                raise BadInputError("a name of printable characters only, please")
            if len(name) > MAX_ROUTINE_NAME:
                raise BadInputError(f"a name of at most {MAX_ROUTINE_NAME} characters, please")
            known = {routine.name.casefold(): routine.name for routine in logbook.repo.routines()}
            if name.casefold() in known:
                raise BadInputError(
                    f"{known[name.casefold()]} is saved already: e in the list changes it"
                )
            return name

        self.screen.app.push_screen(
            PromptDialog(
                "Name of the new routine",
                new_name,
                placeholder="e.g. Morning",
                hint="Then add its foods and supplements, each with its amount.",
            ),
            lambda name: self.pick_routine() if name is None else self._build_new(name),
        )

    def _build_new(self, name: str) -> None:
        self._open_builder(name, ())

    def _build(self, name: str) -> None:
        routine = self._read(lambda: self.screen.mgtui.logbook.routine(name))
        if routine is not None:
            self._open_builder(routine.name, routine.items)

    def _open_builder(self, name: str, items: tuple[Entry, ...]) -> None:
        logbook = self.screen.mgtui.logbook

        def save(routine: Routine) -> Routine | None:
            return self._write(
                "save the routine", lambda: logbook.save_routine_items(routine.name, routine.items)
            )

        def done(saved: Routine | None) -> None:
            if saved is not None:
                self.screen.notify(
                    f"Saved routine {routine_summary(saved)}. Enter logs it.", markup=False
                )
            self.pick_routine(name)

        self.screen.app.push_screen(RoutineBuilder(name, items, logbook, save), done)

    def _ask_delete(self, name: str) -> None:
        logbook = self.screen.mgtui.logbook

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                deleted = self._write(
                    "delete the routine", lambda: logbook.repo.delete_routine(name)
                )
                if deleted is not None:
                    self.screen.notify(
                        f"Deleted routine {safe(deleted.name)}; entries logged from it stay.",
                        markup=False,
                    )
            self.pick_routine()

        self.screen.app.push_screen(
            ConfirmDialog(
                "Delete the routine?",
                f"{safe(name)} goes; the entries logged from it stay.",
                "Delete",
            ),
            answered,
        )

    # -- copying another day ------------------------------------------------------------

    def ask_copy(self) -> None:
        logbook = self.screen.mgtui.logbook
        self.screen.app.push_screen(
            CopyChooser(self.day, logbook.today(), logbook.repo.entries_on), self._copy
        )

    def _copy(self, request: CopyRequest | None) -> None:
        if request is None:
            return
        logbook = self.screen.mgtui.logbook
        drafts = self._read(lambda: logbook.copy_drafts(request.source, self.day, ids=request.ids))
        if drafts:
            self._confirm_then_log(
                drafts,
                "copied entries",
                f"Copied {count(len(drafts), 'entry', 'entries')} from "
                f"{request.source:%a %d %b} to {self.day:%a %d %b}, each at its own time.",
            )

    # -- saving a routine ---------------------------------------------------------------

    def ask_save(self, entries: list[Entry], selected: Entry | None) -> None:
        if not entries:
            self.screen.notify("Nothing logged on this day to save.", severity="warning")
            return
        label = None if selected is None else f"{safe(selected.name)} ({safe(selected.amount)})"
        self.screen.app.push_screen(
            SaveRoutineDialog(len(entries), label),
            lambda request: self._save(request, entries, selected),
        )

    def _save(
        self, request: RoutineRequest | None, entries: list[Entry], selected: Entry | None
    ) -> None:
        if request is None:
            return
        chosen = [selected] if request.only_selected and selected is not None else entries
        logbook = self.screen.mgtui.logbook
        saved = self._write(
            "save the routine",
            lambda: logbook.save_routine(request.name, self.day, [e.id for e in chosen]),
        )
        if saved is not None:
            self.screen.notify(
                f"Saved routine {routine_summary(saved)}. Press r to log it.", markup=False
            )

    # -- shared -------------------------------------------------------------------------

    def _confirm_then_log(self, drafts: list[Entry], what: str, done: str) -> None:
        """Ask the dose question first, if there is one; then log ``drafts`` in one go
        and say ``done``. After a question, the warnings it covered are not repeated
        (Today's panel shows the day's, ``w`` in full)."""
        logbook = self.screen.mgtui.logbook
        question = self._read(lambda: logbook.group_dose_question(drafts))

        def log(confirmed: bool | None = True) -> None:
            if not confirmed:
                return
            logged = self._write("log the " + what, lambda: logbook.log_group(drafts))
            if logged is None:
                return
            self.screen.notify(f"{done} u undoes one at a time.", markup=False)
            if question is not None:
                return
            for warning in logged.warnings:
                self.screen.notify(warning, severity="warning", timeout=12, markup=False)

        if question is None:
            log()
            return
        self.screen.app.push_screen(
            ConfirmDialog("Before you log this", f"{question} Log it anyway?", "Log it"), log
        )

    def _read(self, read: Callable[[], T]) -> T | None:
        """A read (or a draft); a failure or bad input is a notification, never a crash."""
        try:
            return read()
        except (StoreError, BadInputError) as error:
            self.screen.notify(str(error), severity="error", timeout=12, markup=False)
            return None

    def _write(self, what: str, write: Callable[[], T]) -> T | None:
        try:
            return self.screen.mgtui.attempt(what, write)
        except BadInputError as error:
            self.screen.notify(str(error), title=f"Could not {what}", severity="error")
            return None
