"""A log entry: one food, supplement or medicine taken at a time of day.

Each entry keeps the magnesium, calcium and vitamin D it had when it was logged, so a later
change of the food table never rewrites history. ``None`` means the food had no
value for that nutrient (unknown, which is not the same as zero).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Literal

from mgtui.frozen import frozen

EntryKind = Literal["food", "supplement", "medicine"]


@frozen
class Entry:
    id: str
    date: dt.date
    time: dt.time
    kind: EntryKind
    name: str
    amount: str  # as the person gave it: "1 oz", "2 servings", "250 ml"
    magnesium_mg: float | None
    calcium_mg: float | None
    food_id: str | None = None  # USDA NDB number ("12014") or a custom food's id
    grams: float | None = None  # foods only
    # supplements: "glycinate", "citrate", ...; medicines: their class ("bisphosphonate")
    form: str | None = None
    product: str | None = None  # supplements: the saved product it came from
    servings: float | None = None  # supplements: how many label servings
    # As logged: a food's from the table's per-100 g value, a supplement's from its
    # label; None where unknown (entries logged before mgtui kept vitamin D, foods
    # without a value, supplements whose label states none).
    vitamin_d_iu: float | None = None

    @property
    def is_supplement(self) -> bool:
        return self.kind == "supplement"

    @property
    def is_medicine(self) -> bool:
        """A medicine taken: a time and a class, no nutrients (domain/medicines.py)."""
        return self.kind == "medicine"

    @property
    def magnesium_or_zero(self) -> float:
        return self.magnesium_mg or 0.0

    @property
    def calcium_or_zero(self) -> float:
        return self.calcium_mg or 0.0

    @property
    def vitamin_d_or_zero(self) -> float:
        return self.vitamin_d_iu or 0.0

    @property
    def minutes_of_day(self) -> int:
        return self.time.hour * 60 + self.time.minute


def rescaled_vitamin_d(
    before: Entry, *, grams: float | None, servings: float | None
) -> float | None:
    """An entry's vitamin D after its amount changed: scaled from its own logged value
    by the new grams (a food) or servings (a supplement), like its minerals."""
    if before.vitamin_d_iu is None:
        return None
    old, new = (before.servings, servings) if before.is_supplement else (before.grams, grams)
    if not old or new is None:
        return None
    return before.vitamin_d_iu * new / old


def repeated_ids(entries: Iterable[Entry], on_day: Iterable[Entry]) -> set[str]:
    """Ids of ``entries`` that ``on_day`` already holds: the same kind, name, amount and
    time (a day copied twice, a routine logged twice at one time)."""
    held = {(e.kind, e.name, e.amount, e.time) for e in on_day}
    return {e.id for e in entries if (e.kind, e.name, e.amount, e.time) in held}


def entry_fields(entry: Entry) -> dict[str, Any]:
    """An entry as plain JSON values, exact: what an export keeps and, with its numbers
    rounded as shown (``present.json``), what ``mgtui log --json`` prints."""
    time = f"{entry.time:%H:%M}" + (f":{entry.time:%S}" if entry.time.second else "")
    return {
        "id": entry.id,
        "date": entry.date.isoformat(),
        "time": time,
        "kind": entry.kind,
        "name": entry.name,
        "amount": entry.amount,
        "magnesium_mg": entry.magnesium_mg,
        "calcium_mg": entry.calcium_mg,
        "food_id": entry.food_id,
        "grams": entry.grams,
        "form": entry.form,
        "product": entry.product,
        "servings": entry.servings,
        "vitamin_d_iu": entry.vitamin_d_iu,
    }
