"""A routine: a named group of foods and supplements logged together ("Morning").

Each item is an entry as it was logged (its amount, grams or servings, magnesium and
calcium), so logging a routine gives the same numbers every time, whatever later
happens to the food table or a saved product. An item's id, date and time mean
nothing: logging the routine gives each item the day and time it is logged at.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from mgtui.domain.entries import Entry
from mgtui.frozen import frozen, replace

# A routine's name is a label in a list, not a description.
MAX_ROUTINE_NAME = 60
# More items than a day's worth of foods is a mistake (the whole of a busy week's day).
MAX_ROUTINE_ITEMS = 50
# The day and time items are kept with (never shown; ``Routine.entries_at`` sets both).
ITEM_DAY = dt.date(2000, 1, 1)
ITEM_TIME = dt.time(0, 0)


@frozen
class Routine:
    name: str
    items: tuple[Entry, ...]

    def entries_at(self, day: dt.date, time: dt.time) -> list[Entry]:
        """The items as new entries (no id yet) on ``day`` at ``time``."""
        return [replace(item, id="", date=day, time=time) for item in self.items]


def routine_items(entries: Iterable[Entry]) -> tuple[Entry, ...]:
    """Entries as a routine's items: their own numbers, without id, day and time."""
    return tuple(replace(entry, id="", date=ITEM_DAY, time=ITEM_TIME) for entry in entries)
