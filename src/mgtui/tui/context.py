"""What every screen needs from outside the UI: the repository and the clock.

Tests build one with a temporary data folder and a frozen "today", so the app runs
exactly as a person would see it on that day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from mgtui.domain.entries import Entry
from mgtui.domain.summary import DaySummary, summarize_day
from mgtui.domain.targets import DEFAULT_PROFILE, Profile, Targets, resolve_targets
from mgtui.store import Repository, StoreError


def _system_now() -> dt.datetime:
    return dt.datetime.now().replace(second=0, microsecond=0)


@dataclass
class AppContext:
    repo: Repository
    now: Callable[[], dt.datetime] = field(default=_system_now)
    # Set when the saved profile could not be used; the app shows it once.
    profile_problem: str | None = None

    def today(self) -> dt.date:
        return self.now().date()

    def profile(self) -> Profile:
        """The saved profile; the default one if the saved one is unusable (said once)."""
        try:
            return self.repo.profile()
        except StoreError as error:
            self.profile_problem = str(error)
            return DEFAULT_PROFILE

    def targets(self) -> Targets:
        return resolve_targets(self.profile())

    def summary(self, day: dt.date, extra: Entry | None = None) -> DaySummary:
        """The day's summary; with ``extra``, as it would be once that entry is logged."""
        entries = list(self.repo.entries_on(day))
        if extra is not None:
            entries.append(extra)
        return summarize_day(day, entries, self.targets())

    def time_for(self, day: dt.date) -> dt.time:
        """The time a new entry gets: now on today, noon on another day."""
        now = self.now()
        return now.time() if day == now.date() else dt.time(12, 0)
