"""The application layer: one session over a repository and a clock.

The CLI, the app, the report and the browser mode all ask a ``Logbook`` for the day,
the days and the insights, and log through it, so the same act gives the same
answer everywhere: one fallback when the saved profile cannot be used, one rule and
one wording before a dose passes the limit, a product renamed in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from mgtui.domain.entries import Entry
from mgtui.domain.history import DayTotals
from mgtui.domain.routines import Routine, routine_items
from mgtui.domain.summary import DaySummary, summarize_day
from mgtui.domain.supplements import SupplementProduct
from mgtui.domain.targets import DEFAULT_PROFILE, Profile, Targets, resolve_targets
from mgtui.domain.verdict import DayVerdict, day_verdict
from mgtui.errors import BadInputError
from mgtui.store import NotFoundError, Repository, StoreError

if TYPE_CHECKING:
    # Imported where they are used: the day and its figures (status, Today's first
    # paint) need none of Insights' rules.
    from mgtui.domain.insights import GapCloser, Insights

# Gap closers look this far back for foods the person already eats.
GAP_CLOSER_HISTORY_DAYS = 90
# Advice the dose question already says, so a warning after logging does not repeat it.
_DOSE_CODES = frozenset({"over-limit", "kidney-disease"})


class NothingToLogError(BadInputError):
    """A routine or copy with nothing in it."""


def system_now() -> dt.datetime:
    """The local date and time, to the minute (entries are kept to the minute)."""
    return dt.datetime.now().replace(second=0, microsecond=0)


@dataclass(frozen=True, slots=True)
class Logged:
    """An entry as stored, the day before and after it, and what to warn about."""

    entry: Entry
    before: DaySummary
    after: DaySummary
    warnings: tuple[str, ...]

    @property
    def tips(self) -> tuple[str, ...]:
        return tuple(advice.text for advice in self.after.tips)


@dataclass(frozen=True, slots=True)
class LoggedGroup:
    """Entries logged together on one day (a routine, a copied day), as ``Logged``."""

    entries: tuple[Entry, ...]
    before: DaySummary
    after: DaySummary
    warnings: tuple[str, ...]

    @property
    def tips(self) -> tuple[str, ...]:
        return tuple(advice.text for advice in self.after.tips)


CopyOnly = Literal["foods", "supplements"]


class DayRow:
    """One logged day of History and ``mgtui history``.

    Its figures are decided when first read: History builds only the lines on
    screen, so ten years of days cost no more than a screenful.
    """

    def __init__(self, totals: DayTotals, targets: Targets) -> None:
        self.totals = totals
        self.targets = targets

    @property
    def date(self) -> dt.date:
        return self.totals.date

    @cached_property
    def figures(self) -> DayVerdict:
        return day_verdict(self.totals, self.targets)


@dataclass
class Logbook:
    repo: Repository
    now: Callable[[], dt.datetime] = field(default=system_now)
    # Set when the saved profile could not be used and the default stands in for it.
    profile_problem: str | None = None

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

    def day(self, day: dt.date, extra: Iterable[Entry] = ()) -> DaySummary:
        """The day's summary; with ``extra``, as it would be once those are logged."""
        entries = [*self.repo.entries_on(day), *extra]
        return summarize_day(day, entries, self.targets())

    def history(self, days: int | None = None) -> list[DayRow]:
        """Logged days newest first; with ``days``, only the last ``days`` ending today."""
        targets = self.targets()
        rows = self.repo.day_totals(newest_first=True)
        if days is not None:
            from mgtui.domain.insights import window_start

            today = self.today()
            first = window_start(today, days)
            rows = [totals for totals in rows if first <= totals.date <= today]
        return [DayRow(totals, targets) for totals in rows]

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
            entries=self.repo.entries_between(window_start(self.today(), days), self.today()),
            products=self.repo.supplement_products(),
            end=self.today(),
            days=days,
            generated=self.now(),
        )

    # -- logging --------------------------------------------------------------------

    def dose_question(self, draft: Entry) -> str | None:
        """What to ask before logging a dose: passing the limit, or kidney disease.

        The app asks it with "Log it anyway?"; the CLI logs and prints it as a warning.
        """
        if not draft.is_supplement:
            return None
        return dose_warning(self.day(draft.date), self.day(draft.date, [draft]), self.today())

    def group_dose_question(self, drafts: Sequence[Entry]) -> str | None:
        """``dose_question`` for entries of one day logged together (a routine, a copy)."""
        if not any(draft.is_supplement for draft in drafts):
            return None
        day = drafts[0].date
        return dose_warning(self.day(day), self.day(day, drafts), self.today())

    def routine_drafts(self, name: str, day: dt.date, time: dt.time) -> list[Entry]:
        """A saved routine's items as entries to log on ``day`` at ``time``."""
        return self.routine(name).entries_at(day, time)

    def copy_drafts(
        self, source: dt.date, target: dt.date, only: CopyOnly | None = None
    ) -> list[Entry]:
        """``source``'s entries (their own numbers and times) as entries to log on ``target``."""
        entries = self.repo.entries_on(source)
        if only is not None:
            entries = [entry for entry in entries if entry.is_supplement == (only == "supplements")]
        if not entries:
            what = "" if only is None else f" {only}"
            raise NothingToLogError(f"no{what} entries on {source.isoformat()} to copy")
        return [replace(entry, id="", date=target) for entry in entries]

    def log(self, draft: Entry) -> Logged:
        """Log ``draft``; the day is read first, so an unusable log stops before a write."""
        before = self.day(draft.date)
        after = self.day(draft.date, [draft])
        entry = self.repo.log(draft)
        return Logged(entry, before, after, self._warnings(before, after, [draft]))

    def log_group(self, drafts: Sequence[Entry]) -> LoggedGroup:
        """Log drafts of one day in one transaction (all or none), each undoable."""
        if not drafts:
            raise NothingToLogError("there is nothing to log")
        day = drafts[0].date
        assert all(draft.date == day for draft in drafts), "one day at a time"
        before = self.day(day)
        after = self.day(day, drafts)
        entries = self.repo.log_many(drafts, undoable=True)
        return LoggedGroup(tuple(entries), before, after, self._warnings(before, after, drafts))

    def _warnings(
        self, before: DaySummary, after: DaySummary, drafts: Iterable[Entry]
    ) -> tuple[str, ...]:
        """The dose question for supplements, and advice the change brings."""
        warnings: list[str] = []
        if any(draft.is_supplement for draft in drafts):
            question = dose_warning(before, after, self.today())
            if question is not None:
                warnings.append(question)
        warnings.extend(
            advice.text
            for advice in after.warnings
            if advice.code not in _DOSE_CODES and advice not in before.warnings
        )
        return tuple(warnings)

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
        from mgtui.logbook.drafts import rescale_entry

        entry = self.repo.get_entry(entry_id)
        changed = entry
        if amount is not None:
            changed = rescale_entry(entry, amount, self.repo.custom_foods())
        changed = replace(changed, date=day or entry.date, time=time or entry.time)
        targets = self.targets()
        entries = self.repo.entries_on(changed.date)
        before = summarize_day(changed.date, entries, targets)
        others = [other for other in entries if other.id != entry.id]
        after = summarize_day(changed.date, [*others, changed], targets)
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
        return Logged(stored, before, after, self._warnings(before, after, [changed]))

    # -- routines and copies ----------------------------------------------------------

    def routine(self, name: str) -> Routine:
        """A saved routine by name, ignoring case; ``NotFoundError`` naming the saved ones."""
        key = " ".join(name.split()).casefold()
        saved = self.repo.routines()
        for routine in saved:
            if routine.name.casefold() == key:
                return routine
        known = ", ".join(routine.name for routine in saved)
        raise NotFoundError(
            f"no routine named {name!r}" + (f"; saved: {known}" if known else "; none is saved")
        )

    def save_routine(self, name: str, day: dt.date, ids: Sequence[str] = ()) -> Routine:
        """Save the day's entries (all, or those of ``ids``) as the routine ``name``."""
        entries = self.repo.entries_on(day)
        if ids:
            by_id = {entry.id: entry for entry in entries}
            missing = [entry_id for entry_id in ids if entry_id not in by_id]
            if missing:
                raise NotFoundError(f"{day.isoformat()} has no entry with id {missing[0]!r}")
            entries = [by_id[entry_id] for entry_id in dict.fromkeys(ids)]
        if not entries:
            raise NothingToLogError(f"nothing is logged on {day.isoformat()} to save")
        return self.repo.save_routine(Routine(name, routine_items(entries)))

    def log_routine(self, name: str, day: dt.date, time: dt.time) -> LoggedGroup:
        """Log every item of a saved routine on ``day`` at ``time``."""
        return self.log_group(self.routine_drafts(name, day, time))

    def copy_day(
        self, source: dt.date, target: dt.date, only: CopyOnly | None = None
    ) -> LoggedGroup:
        """Copy ``source``'s entries (with their own numbers and times) to ``target``."""
        return self.log_group(self.copy_drafts(source, target, only))

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
