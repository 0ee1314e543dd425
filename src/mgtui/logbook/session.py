"""The application layer: one session over a repository and a clock.

The CLI, the app, the report and the browser mode all ask a ``Logbook`` for the day,
the days and the insights, and log through it, so the same act gives the same
answer everywhere: one fallback when the saved profile cannot be used, one rule and
one wording before a dose passes the limit, a product renamed in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from mgtui.domain.entries import Entry, repeated_ids
from mgtui.domain.history import DayTotals
from mgtui.domain.medicines import (
    Interaction,
    Medication,
    class_choices,
    day_before_entries,
    find_class,
    interaction_warnings,
    medicine_entry,
    merged_questions,
    new_interactions,
)
from mgtui.domain.routines import ITEM_DAY, ITEM_TIME, Routine, routine_items
from mgtui.domain.summary import DaySummary, summarize_day
from mgtui.domain.supplements import SupplementProduct
from mgtui.domain.targets import DEFAULT_PROFILE, Profile, Targets, resolve_targets
from mgtui.domain.verdict import DayVerdict, day_verdict
from mgtui.errors import BadInputError
from mgtui.foods.model import Food
from mgtui.frozen import frozen, replace
from mgtui.store import NotFoundError, Repository, StoreError
from mgtui.store.named import name_key

if TYPE_CHECKING:
    # Imported where they are used: the day and its figures (status, Today's first
    # paint) need none of Insights' rules.
    from mgtui.domain.insights import GapCloser, Insights

# Gap closers look this far back for foods the person already eats.
GAP_CLOSER_HISTORY_DAYS = 90
# Advice said otherwise after logging (the dose question; medicine timing, merged per
# class by ``interaction_warnings``), so the day's advice does not repeat it.
_DOSE_CODES = frozenset({"over-limit", "kidney-disease", "medicine-timing"})


class NothingToLogError(BadInputError):
    """A routine or copy with nothing in it."""


class UnknownClassError(BadInputError):
    """A medicine class that is not in the reference table."""


def system_now() -> dt.datetime:
    """The local date and time, to the minute (entries are kept to the minute)."""
    return dt.datetime.now().replace(second=0, microsecond=0)


@frozen
class _Change:
    """The day before and after a change, and what to warn about."""

    before: DaySummary
    after: DaySummary
    warnings: tuple[str, ...]

    @property
    def tips(self) -> tuple[str, ...]:
        return tuple(advice.text for advice in self.after.tips)


@frozen
class Logged(_Change):
    """An entry as stored, with the day before and after it."""

    entry: Entry


@frozen
class LoggedGroup(_Change):
    """Entries logged together on one day (a routine, a copied day), as ``Logged``."""

    entries: tuple[Entry, ...]


CopyOnly = Literal["foods", "supplements"]


class DayRow:
    """One logged day of History and ``mgtui history``.

    Its figures are decided when first read: History builds only the lines on
    screen, so ten years of days cost no more than a screenful.
    """

    def __init__(
        self,
        totals: DayTotals,
        targets: Targets,
        interactions: Callable[[dt.date], int] | None = None,
    ) -> None:
        self.totals = totals
        self.targets = targets
        self._interactions = interactions

    @property
    def date(self) -> dt.date:
        return self.totals.date

    @cached_property
    def figures(self) -> DayVerdict:
        return day_verdict(self.totals, self.targets)

    @cached_property
    def interaction_count(self) -> int:
        """Medicines and supplements taken too close together on the day."""
        return 0 if self._interactions is None else self._interactions(self.date)


class Logbook:
    """A session over one repository and a clock: what the CLI, the app and the
    report ask for a day, a log entry, the targets, routines and medicines."""

    def __init__(self, repo: Repository, now: Callable[[], dt.datetime] = system_now) -> None:
        self.repo = repo
        self.now = now
        # Set when the saved profile could not be used and the default stands in for it.
        self.profile_problem: str | None = None

    # -- the clock ------------------------------------------------------------------

    def today(self) -> dt.date:
        return self.now().date()

    def time_for(self, day: dt.date) -> dt.time | None:
        """The time a new entry starts with: now on today; None on another day, where
        the front end asks for it. Any guess there (noon, the clock's time) would be
        taken by a reflex Enter and put doses hours from where they were taken, which
        the timing advice and the clinician's report then read as fact."""
        now = self.now()
        return now.time() if day == now.date() else None

    # -- profile and targets --------------------------------------------------------

    def profile(self) -> Profile:
        """The saved profile; the default one if the saved one cannot be used.

        Both front ends go on with the default and say why (``profile_problem``):
        the log stays usable, and saving a profile replaces the unusable one.
        """
        try:
            return self.repo.profile()
        except StoreError as error:
            self.profile_problem = (
                f"the saved profile cannot be used ({error}); the default profile "
                "(female, 51+) is used until you set yours"
            )
            return DEFAULT_PROFILE

    def targets(self) -> Targets:
        return resolve_targets(self.profile())

    # -- the day --------------------------------------------------------------------

    def day(
        self, day: dt.date, extra: Iterable[Entry] = (), extra_before: Iterable[Entry] = ()
    ) -> DaySummary:
        """The day's summary; with ``extra``, as it would be once those are logged (and
        ``extra_before`` on the day before, whose late entries count across midnight)."""
        entries = [*self.repo.entries_on(day), *extra]
        return summarize_day(day, entries, self.targets(), self._day_before(day, extra_before))

    def _day_before(self, day: dt.date, extra: Iterable[Entry] = ()) -> list[Entry]:
        if day == dt.date.min:
            return []
        earlier = day - dt.timedelta(days=1)
        return day_before_entries([*self.repo.entries_on(earlier), *extra])

    def _new_interactions(
        self, before: DaySummary, after: DaySummary, drafts: Iterable[Entry]
    ) -> list[Interaction]:
        """What ``drafts`` bring: on their day, and on the next across midnight."""
        found = new_interactions(before.interactions, after.interactions)
        late = day_before_entries(drafts)
        if late and before.date < dt.date.max:
            following = before.date + dt.timedelta(days=1)
            if self.repo.entries_on(following):
                found += new_interactions(
                    self.day(following).interactions,
                    self.day(following, extra_before=late).interactions,
                )
        return found

    def history(self, days: int | None = None) -> list[DayRow]:
        """Logged days newest first; with ``days``, only the last ``days`` ending today."""
        targets = self.targets()
        rows = self.repo.day_totals(newest_first=True)
        # Days a pair too close may sit on: a medicine's day and the day after it.
        medicine_days = {totals.date for totals in rows if totals.medicine_count}
        judged = medicine_days | {day + dt.timedelta(days=1) for day in medicine_days}

        def interactions(day: dt.date) -> int:
            return len(self.day(day).interactions) if day in judged else 0

        if days is not None:
            from mgtui.domain.insights import window_start

            today = self.today()
            first = window_start(today, days)
            rows = [totals for totals in rows if first <= totals.date <= today]
        # A day with medicines only has nothing to show for the three questions.
        return [DayRow(totals, targets, interactions) for totals in rows if totals.entry_count]

    def insights(self, days: int | None, end: dt.date | None = None) -> Insights:
        from mgtui.domain.insights import compute_insights, window_start

        end = self.today() if end is None else end
        if days is None:
            entries = self.repo.all_entries()
        else:
            entries = self.repo.entries_between(window_start(end, days), end)
        return compute_insights(entries, self.targets(), end, days)

    def gap_closers(self, today: DaySummary) -> tuple[GapCloser, ...]:
        """Foods from the person's own last 90 days that would close today's gap."""
        from mgtui.domain.insights import gap_closers, window_start

        to_go = today.figures.magnesium.to_go
        if to_go is None:
            return ()
        end = today.date
        start = window_start(end, GAP_CLOSER_HISTORY_DAYS)
        return gap_closers(self.repo.entries_between(start, end), to_go.value)

    def report(self, days: int) -> str:
        from mgtui.domain.insights import window_start
        from mgtui.present.report import build_report

        return build_report(
            profile=self.profile(),
            # From the day before the window: a pair across its first midnight counts.
            entries=self.repo.entries_between(
                window_start(self.today(), days) - dt.timedelta(days=1), self.today()
            ),
            products=self.repo.supplement_products(),
            end=self.today(),
            days=days,
            generated=self.now(),
            medications=self.repo.medications(),
        )

    # -- logging --------------------------------------------------------------------

    def dose_question(self, draft: Entry) -> str | None:
        """What to ask before logging a dose: passing the limit, kidney disease, or a
        supplement and a medicine too close together (either logged second).

        The app asks it with "Log it anyway?"; the CLI logs and prints it as a warning.
        """
        return self.group_dose_question([draft])

    def group_dose_question(self, drafts: Sequence[Entry]) -> str | None:
        """``dose_question`` for entries of one day logged together (a routine, a copy)."""
        if not any(draft.is_supplement or draft.is_medicine for draft in drafts):
            return None
        day = drafts[0].date
        return self._question(self.day(day), self.day(day, drafts), drafts)

    def _question(
        self, before: DaySummary, after: DaySummary, drafts: Sequence[Entry]
    ) -> str | None:
        parts = self._limit_warning(before, after, drafts)
        parts += merged_questions(self._new_interactions(before, after, drafts))
        return " ".join(parts) or None

    def _limit_warning(
        self, before: DaySummary, after: DaySummary, drafts: Sequence[Entry]
    ) -> list[str]:
        """The words for a dose past the limit (or any with kidney disease), when the
        drafts hold a supplement: asked first, or warned after logging."""
        if not any(draft.is_supplement for draft in drafts):
            return []
        limit = dose_warning(before, after, self.today())
        return [] if limit is None else [limit]

    def routine_drafts(self, name: str, day: dt.date, time: dt.time) -> list[Entry]:
        """A saved routine's items as entries to log on ``day`` at ``time``."""
        return self.routine(name).entries_at(day, time)

    def copy_drafts(
        self,
        source: dt.date,
        target: dt.date,
        only: CopyOnly | None = None,
        ids: Sequence[str] = (),
    ) -> list[Entry]:
        """``source``'s entries (their own numbers and times) as entries to log on ``target``;
        with ``ids``, only those entries, else all but those ``target`` holds already
        (``copy_repeats``: copying a day twice must not count it twice)."""
        entries = self._entries_of(source, ids)
        if only is not None:
            entries = [entry for entry in entries if entry.kind == only.removesuffix("s")]
        if not entries:
            what = "" if only is None else f" {only}"
            raise NothingToLogError(f"no{what} entries on {source.isoformat()} to copy")
        if not ids:
            repeats = {entry.id for entry in self.copy_repeats(source, target)}
            entries = [entry for entry in entries if entry.id not in repeats]
            if not entries:
                raise NothingToLogError(
                    f"every entry of {source.isoformat()} is on {target.isoformat()} already"
                )
        return [replace(entry, id="", date=target) for entry in entries]

    def copy_repeats(self, source: dt.date, target: dt.date) -> list[Entry]:
        """``source``'s entries that ``target`` already holds (same kind, name, amount and
        time): not copied again unless chosen."""
        entries = self.repo.entries_on(source)
        repeats = repeated_ids(entries, self.repo.entries_on(target))
        return [entry for entry in entries if entry.id in repeats]

    def log(self, draft: Entry) -> Logged:
        """Log ``draft``; the day is read first, so an unusable log stops before a write."""
        before = self.day(draft.date)
        after = self.day(draft.date, [draft])
        entry = self.repo.log(draft)
        warnings = self._warnings(before, after, [draft])
        return Logged(before=before, after=after, warnings=warnings, entry=entry)

    def log_group(self, drafts: Sequence[Entry]) -> LoggedGroup:
        """Log drafts of one day in one transaction (all or none), each undoable."""
        if not drafts:
            raise NothingToLogError("there is nothing to log")
        day = drafts[0].date
        assert all(draft.date == day for draft in drafts), "one day at a time"
        before = self.day(day)
        after = self.day(day, drafts)
        entries = self.repo.log_many(drafts, undoable=True)
        warnings = self._warnings(before, after, drafts)
        return LoggedGroup(before=before, after=after, warnings=warnings, entries=tuple(entries))

    def _warnings(
        self, before: DaySummary, after: DaySummary, drafts: Sequence[Entry]
    ) -> tuple[str, ...]:
        """The dose question for supplements, and advice the change brings."""
        warnings = self._limit_warning(before, after, drafts)
        warnings += interaction_warnings(self._new_interactions(before, after, drafts))
        warnings.extend(
            advice.text
            for advice in after.warnings
            if advice.code not in _DOSE_CODES and advice not in before.warnings
        )
        return tuple(warnings)

    def edit_question(
        self,
        entry_id: str,
        amount: str | None = None,
        *,
        day: dt.date | None = None,
        time: dt.time | None = None,
    ) -> str | None:
        """``dose_question`` for an edit: a dose moved past the limit, or into a
        medicine's window (or a medicine into a supplement's)."""
        _, changed, before, after = self._edited(entry_id, amount, day, time)
        return self._question(before, after, [changed])

    def edit(
        self,
        entry_id: str,
        amount: str | None = None,
        *,
        day: dt.date | None = None,
        time: dt.time | None = None,
    ) -> Logged:
        """Change an entry's amount (scaled from its own logged numbers), day or time.

        Undoable like any edit; ``Logged.before`` and ``after`` are the day it ends on.
        """
        entry, changed, before, after = self._edited(entry_id, amount, day, time)
        stored = self.repo.edit_entry(
            entry.id,
            amount=changed.amount,
            magnesium_mg=changed.magnesium_mg,
            calcium_mg=changed.calcium_mg,
            grams=changed.grams,
            servings=changed.servings,
            date=changed.date,
            time=changed.time,
        )
        warnings = self._warnings(before, after, [changed])
        return Logged(before=before, after=after, warnings=warnings, entry=stored)

    def _edited(
        self, entry_id: str, amount: str | None, day: dt.date | None, time: dt.time | None
    ) -> tuple[Entry, Entry, DaySummary, DaySummary]:
        """The stored entry, the entry as the edit would leave it, and the day it ends
        on before and after."""
        from mgtui.logbook.drafts import rescale_entry

        entry = self.repo.get_entry(entry_id)
        changed = entry
        if amount is not None and amount.strip() != entry.amount:
            changed = rescale_entry(entry, amount, self.repo.custom_foods())
        changed = replace(changed, date=day or entry.date, time=time or entry.time)
        targets = self.targets()
        entries = self.repo.entries_on(changed.date)
        earlier = self._day_before(changed.date)
        before = summarize_day(changed.date, entries, targets, earlier)
        others = [other for other in entries if other.id != entry.id]
        after = summarize_day(changed.date, [*others, changed], targets, earlier)
        return entry, changed, before, after

    # -- routines and copies ----------------------------------------------------------

    def routine(self, name: str) -> Routine:
        """A saved routine by name, ignoring case; ``NotFoundError`` naming the saved ones."""
        key = name_key(name)
        saved = self.repo.routines()
        for routine in saved:
            if name_key(routine.name) == key:
                return routine
        known = ", ".join(routine.name for routine in saved)
        raise NotFoundError(
            f"no routine named {name!r}" + (f"; saved: {known}" if known else "; none is saved")
        )

    def _entries_of(self, day: dt.date, ids: Sequence[str] = ()) -> list[Entry]:
        """The day's entries; with ``ids``, those (in the order given), or ``NotFoundError``."""
        entries = self.repo.entries_on(day)
        if ids:
            by_id = {entry.id: entry for entry in entries}
            missing = [entry_id for entry_id in ids if entry_id not in by_id]
            if missing:
                raise NotFoundError(f"{day.isoformat()} has no entry with id {missing[0]!r}")
            entries = [by_id[entry_id] for entry_id in dict.fromkeys(ids)]
        return entries

    def save_routine(self, name: str, day: dt.date, ids: Sequence[str] = ()) -> Routine:
        """Save the day's entries (all, or those of ``ids``) as the routine ``name``."""
        entries = self._entries_of(day, ids)
        if not entries:
            raise NothingToLogError(f"nothing is logged on {day.isoformat()} to save")
        return self.repo.save_routine(Routine(name, routine_items(entries)))

    def log_routine(self, name: str, day: dt.date, time: dt.time) -> LoggedGroup:
        """Log every item of a saved routine on ``day`` at ``time``."""
        return self.log_group(self.routine_drafts(name, day, time))

    def copy_day(
        self,
        source: dt.date,
        target: dt.date,
        only: CopyOnly | None = None,
        ids: Sequence[str] = (),
    ) -> LoggedGroup:
        """Copy ``source``'s entries (all, or those of ``ids``; with their own numbers and
        times) to ``target``."""
        return self.log_group(self.copy_drafts(source, target, only, ids))

    # -- routines built by hand -------------------------------------------------------

    def routine_food_item(self, food: Food, amount: str | None = None) -> Entry:
        """An amount of ``food`` as a routine's item; no amount: the person's last portion
        of it, else its first USDA portion (as when logging it)."""
        from mgtui.logbook.drafts import food_entry

        last = self.repo.last_food_entry(food.id)
        return food_entry(food, amount, ITEM_DAY, ITEM_TIME, last=last)

    def routine_supplement_item(self, product_name: str, servings: float = 1.0) -> Entry:
        """Servings of a saved supplement as a routine's item, from its label."""
        from mgtui.logbook.drafts import supplement_entry

        product = self.repo.supplement_product(product_name)
        if product is None:
            names = ", ".join(saved.name for saved in self.repo.supplement_products())
            raise NotFoundError(
                f"{product_name!r} is not a saved supplement"
                + (f"; saved: {names}" if names else "; save it first with 'supplement add'")
            )
        return supplement_entry(product, servings, ITEM_DAY, ITEM_TIME)

    def save_routine_items(self, name: str, items: Sequence[Entry]) -> Routine:
        """Save ``items`` as the routine ``name`` (replacing one of that name)."""
        if not items:
            raise NothingToLogError(f"routine {name!r} needs at least one food or supplement")
        return self.repo.save_routine(Routine(name, routine_items(items)))

    def add_routine_item(self, name: str, item: Entry) -> tuple[Routine, bool]:
        """``item`` added to the routine ``name``, made when there is none; and whether
        it was made."""
        try:
            routine = self.routine(name)
        except NotFoundError:
            return self.save_routine_items(name, [item]), True
        return self.save_routine_items(routine.name, [*routine.items, item]), False

    def remove_routine_item(self, name: str, number: int) -> tuple[Routine, Entry]:
        """The routine without its item ``number`` (1 is the first, as listed), and that
        item; the last item cannot go (``routine rm`` deletes a routine)."""
        routine = self.routine(name)
        if not 1 <= number <= len(routine.items):
            raise BadInputError(
                f"routine {routine.name!r} has items 1 to {len(routine.items)}, not {number}"
            )
        if len(routine.items) == 1:
            raise BadInputError(
                f"item {number} is the only item of {routine.name!r}; "
                "delete the routine instead ('routine rm')"
            )
        items = [item for index, item in enumerate(routine.items, 1) if index != number]
        return self.save_routine_items(routine.name, items), routine.items[number - 1]

    # -- medicines ------------------------------------------------------------------------

    def medications(self) -> list[Medication]:
        return self.repo.medications()

    def medication(self, name: str) -> Medication | None:
        """A saved medicine by name, ignoring case and spacing; None if there is none."""
        key = name_key(name)
        return next((m for m in self.repo.medications() if name_key(m.name) == key), None)

    def save_medication(self, name: str, class_text: str | None = None) -> Medication:
        """Save a medicine with its class: the one typed (a class, or a medicine of it such
        as "alendronate"), else the one its name says. ``BadInputError`` naming the
        classes when neither is known."""
        found = find_class(class_text if class_text else name)
        if found is None:
            asked = (
                f"{class_text!r} is not a medicine class"
                if class_text
                else (f"which class is {name!r}? Give --class")
            )
            raise UnknownClassError(f"{asked}; the classes are: {class_choices()}")
        return self.repo.save_medication(Medication(name, found.key))

    def delete_medication(self, name: str) -> Medication:
        return self.repo.delete_medication(name)

    def medicine_draft(self, name: str, day: dt.date, time: dt.time) -> Entry:
        """Taking the saved medicine ``name`` on ``day`` at ``time``, as an entry to log."""
        medication = self.medication(name)
        if medication is None:
            saved = ", ".join(m.name for m in self.repo.medications())
            raise NotFoundError(
                f"no saved medicine named {name!r}"
                + (f"; saved: {saved}" if saved else "; save one with: mgtui medication add")
            )
        return medicine_entry(medication, day, time)

    def standing_notes(self) -> list[str]:
        """The notes (no timing rule) of the saved medicines' classes, once each."""
        from mgtui.domain.medicines import standing_notes

        return [note for _, note in standing_notes(m.medicine_class for m in self.medications())]

    def rename_product(self, old_name: str, product: SupplementProduct) -> SupplementProduct:
        """Save ``product`` in place of ``old_name``, in one transaction."""
        return self.repo.save_supplement_product(product, replacing=old_name)


def dose_warning(before: DaySummary, after: DaySummary, today: dt.date) -> str | None:
    """The words for a dose that passes the limit, or any dose with kidney disease."""
    shown = after.figures.supplement
    if shown.state == "over":
        day = "today's" if after.date == today else f"{after.date:%d %b %Y}'s"
        already = " (the day is already over it)" if before.supplement.over_limit else ""
        assert shown.limit is not None and shown.over_by is not None
        return (
            f"This takes {day} supplemental magnesium to {shown.amount.text} mg, over the "
            f"{shown.limit.text} mg/day limit by {shown.over_by.text} mg{already}. Diarrhea "
            "is the first sign of too much; ask your clinician."
        )
    kidney = [advice.text for advice in after.warnings if advice.code == "kidney-disease"]
    return kidney[0] if kidney else None
