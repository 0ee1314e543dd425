"""One row a logged day: the totals History, Insights and the report build on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from mgtui.domain.entries import Entry
from mgtui.frozen import frozen


@frozen
class DayTotals:
    date: dt.date
    food_magnesium_mg: float
    supplement_magnesium_mg: float
    food_calcium_mg: float
    supplement_calcium_mg: float
    entry_count: int
    entries_missing_magnesium: int = 0
    food_vitamin_d_iu: float = 0.0
    supplement_vitamin_d_iu: float = 0.0
    # Medicines taken (no nutrients; not counted in ``entry_count``).
    medicine_count: int = 0

    @property
    def magnesium_mg(self) -> float:
        return self.food_magnesium_mg + self.supplement_magnesium_mg

    @property
    def calcium_mg(self) -> float:
        return self.food_calcium_mg + self.supplement_calcium_mg

    @property
    def vitamin_d_iu(self) -> float:
        return self.food_vitamin_d_iu + self.supplement_vitamin_d_iu


def day_totals(day: dt.date, entries: Iterable[Entry]) -> DayTotals:
    """The day's sums over its foods and supplements; a medicine taken adds no nutrient
    and is counted apart."""
    food_mg = supplement_mg = food_ca = supplement_ca = food_d = supplement_d = 0.0
    count = missing = medicines = 0
    for entry in entries:
        if entry.is_medicine:
            medicines += 1
            continue
        count += 1
        if entry.is_supplement:
            supplement_mg += entry.magnesium_or_zero
            supplement_ca += entry.calcium_or_zero
            supplement_d += entry.vitamin_d_or_zero
        else:
            food_mg += entry.magnesium_or_zero
            food_ca += entry.calcium_or_zero
            food_d += entry.vitamin_d_or_zero
            if entry.magnesium_mg is None:
                missing += 1
    return DayTotals(
        day,
        food_mg,
        supplement_mg,
        food_ca,
        supplement_ca,
        count,
        missing,
        food_d,
        supplement_d,
        medicines,
    )
