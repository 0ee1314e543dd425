"""The days table seen by day: which days have entries, decoded entries and totals.

A day's entries are stored as one string (layout.py); this module decodes a day only
when something reads it, keeps the decoded entries and the totals per day until that
day's string changes, and writes changed days back without TinyDB.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable

from mgtui import frozen
from mgtui.domain.entries import Entry
from mgtui.domain.history import DayTotals
from mgtui.store import layout
from mgtui.store.errors import NotFoundError
from mgtui.store.layout import Row
from mgtui.store.storage import AtomicJSONStorage


class DayIndex:
    """Which days have entries, and each one's rows as stored; rebuilt lazily.

    It holds the day strings of the loaded tables, not decoded rows: a day is decoded
    when something reads it, so opening ten years of entries builds no rows at all.
    """

    def __init__(self, texts: dict[int, str]) -> None:
        #: ordinal -> the day's rows as stored (``layout.encode_rows``), days with rows only
        self.texts = texts
        self.ordinals = sorted(texts)
        self._day_of_entry: dict[str, int] | None = None

    def rows(self, ordinal: int) -> list[Row]:
        """A day's rows, freshly decoded (the caller may change the list)."""
        text = self.texts.get(ordinal)
        return [] if text is None else layout.decode_rows(text)

    @property
    def day_of_entry(self) -> dict[str, int]:
        """Every entry id and its day: decodes every day once (~20 ms and a dictionary
        of ~55,000 ids for ten years), so only the bulk paths (``log_many``, imports)
        ask for it; one lookup uses ``day_of``."""
        if self._day_of_entry is None:
            self._day_of_entry = {
                row[0]: ordinal for ordinal in self.ordinals for row in self.rows(ordinal)
            }
        return self._day_of_entry

    def day_of(self, entry_id: str) -> int | None:
        """The day holding ``entry_id``, or None.

        Without the full map, each day's string is searched for the start of that
        entry's row (~4 ms for ten years, no decoding), newest first as edits are
        mostly of recent entries, and a hit is confirmed by decoding that one day.
        """
        if self._day_of_entry is not None:
            return self._day_of_entry.get(entry_id)
        start = layout.row_start(entry_id)
        texts = self.texts
        for ordinal in reversed(self.ordinals):
            text = texts[ordinal]
            if start in text and any(row[0] == entry_id for row in layout.decode_rows(text)):
                return ordinal
        return None

    def set_day(self, ordinal: int, rows: list[Row], text: str) -> None:
        old_text = self.texts.get(ordinal)
        if rows:
            if old_text is None:
                bisect.insort(self.ordinals, ordinal)
            self.texts[ordinal] = text
        elif old_text is not None:
            del self.texts[ordinal]
            self.ordinals.pop(bisect.bisect_left(self.ordinals, ordinal))
        if self._day_of_entry is not None:
            if old_text is not None:
                for row in layout.decode_rows(old_text):
                    self._day_of_entry.pop(row[0], None)
            for row in rows:
                self._day_of_entry[row[0]] = ordinal


class Days:
    """The entries of the loaded file, by day, with their caches.

    Reads need the caller to hold the repository's thread lock; changes need a
    transaction (the storage then returns the tables being changed and marks them
    for saving).
    """

    def __init__(self, storage: AtomicJSONStorage) -> None:
        self._storage = storage
        self._index: DayIndex | None = None
        self._index_generation = -1
        # Per day: the day string the cached value was made from, and the value.
        self._decoded: dict[int, tuple[str, tuple[Entry, ...]]] = {}
        self._totals: dict[int, tuple[str, DayTotals]] = {}

    def index(self) -> DayIndex:
        """The index of the tables loaded now (rebuilt when another version was loaded)."""
        days = self._storage.read()[layout.DAYS]
        if self._index is None or self._index_generation != self._storage.generation:
            texts = {
                int(doc_id): document["e"]
                for doc_id, document in days.items()
                if document["e"] != layout.NO_ROWS
            }
            self._index = DayIndex(texts)
            self._index_generation = self._storage.generation
        return self._index

    def forget(self) -> None:
        """Drop the index (the file was repaired or replaced under the lock)."""
        self._index = None

    def saved(self) -> None:
        """A transaction was saved: the index already holds its changes."""
        self._index_generation = self._storage.generation

    # -- reading ----------------------------------------------------------------------

    def on(self, day: dt.date) -> tuple[Entry, ...]:
        document = self._storage.read()[layout.DAYS].get(str(day.toordinal()))
        if document is None:
            return ()
        return self.decoded(day.toordinal(), document["e"])

    def between(self, start: dt.date, end: dt.date) -> list[Entry]:
        index = self.index()
        low = bisect.bisect_left(index.ordinals, start.toordinal())
        high = bisect.bisect_right(index.ordinals, end.toordinal())
        entries: list[Entry] = []
        for ordinal in index.ordinals[low:high]:
            entries.extend(self.decoded(ordinal, index.texts[ordinal]))
        return entries

    def last_of_food(self, food_id: str) -> Entry | None:
        """The latest entry of one food, or None."""
        # Most days never name the food: a day's text without the id is not decoded. (An
        # id that JSON would escape cannot be looked for that way; ids never need it.)
        plain = food_id.isascii() and food_id.isprintable() and not {'"', "\\"} & set(food_id)
        index = self.index()
        for ordinal in reversed(index.ordinals):
            text = index.texts[ordinal]
            if plain and food_id not in text:
                continue
            for entry in reversed(self.decoded(ordinal, text)):
                if entry.food_id == food_id:
                    return entry
        return None

    def decoded(self, ordinal: int, text: str) -> tuple[Entry, ...]:
        # A change stores a new string and an unchanged day keeps its string object,
        # even across reloads (layout.load_tables), so identity tells whether the
        # cached entries still match without comparing the text.
        cached = self._decoded.get(ordinal)
        if cached is not None and cached[0] is text:
            return cached[1]
        day = dt.date.fromordinal(ordinal)
        entries = tuple(
            sorted(
                (layout.decode_entry(row, day) for row in layout.decode_rows(text)),
                key=lambda e: e.time,
            )
        )
        self._decoded[ordinal] = (text, entries)
        return entries

    def totals(self) -> list[DayTotals]:
        """Every day's totals, oldest first; each cached until that day changes."""
        index = self.index()
        totals = [self._day_totals(ordinal, index.texts[ordinal]) for ordinal in index.ordinals]
        live = index.texts
        if len(self._totals) > len(live):
            self._totals = {k: v for k, v in self._totals.items() if k in live}
        return totals

    def _day_totals(self, ordinal: int, text: str) -> DayTotals:
        # Only the totals are kept: History sums every day once, and keeping each
        # day's decoded rows would hold ten years of them again.
        cached = self._totals.get(ordinal)
        if cached is not None and cached[0] is text:
            return cached[1]
        totals = totals_from_rows(dt.date.fromordinal(ordinal), layout.decode_rows(text))
        self._totals[ordinal] = (text, totals)
        return totals

    def find(self, entry_id: str) -> Entry:
        index = self.index()
        ordinal = index.day_of(entry_id)
        if ordinal is not None:
            for entry in self.decoded(ordinal, index.texts[ordinal]):
                if entry.id == entry_id:
                    return entry
        raise NotFoundError(f"no entry with id {entry_id!r}")

    def find_or_none(self, entry_id: str) -> Entry | None:
        try:
            return self.find(entry_id)
        except NotFoundError:
            return None

    # -- changing (inside a transaction) ------------------------------------------------

    def insert(self, entry: Entry) -> None:
        ordinal = entry.date.toordinal()
        rows = self.index().rows(ordinal)
        row = layout.encode_entry(entry)
        rows.insert(bisect.bisect_right(rows, row[1], key=layout.row_time), row)
        self.put({ordinal: rows})

    def remove(self, entry: Entry) -> None:
        ordinal = entry.date.toordinal()
        rows = [row for row in self.index().rows(ordinal) if row[0] != entry.id]
        self.put({ordinal: rows})

    def replace(self, entry: Entry) -> None:
        ordinal = entry.date.toordinal()
        new_row = layout.encode_entry(entry)
        rows = self.index().rows(ordinal)
        old_row = next((row for row in rows if row[0] == entry.id), None)
        if old_row is not None and layout.row_time(old_row) != layout.row_time(new_row):
            # A new time moves the entry to its place in the day, after those at that time.
            rows = [row for row in rows if row[0] != entry.id]
            rows.insert(bisect.bisect_right(rows, new_row[1], key=layout.row_time), new_row)
        else:
            rows = [new_row if row[0] == entry.id else row for row in rows]
        self.put({ordinal: rows})

    def move(self, before: Entry, after: Entry) -> None:
        """Replace ``before`` with ``after`` (same id), on another day or time if it moved."""
        if (before.date, before.time) == (after.date, after.time):
            self.replace(after)
        else:
            self.remove(before)
            self.insert(after)

    def insert_many(self, drafts: list[Entry], new_id: Callable[[], str]) -> list[Entry]:
        """Store checked drafts with new ids (inside a transaction); returns them.

        Rows are collected per day and written at once: a write per entry rewrites the
        whole days table each time, which made ten years of entries take minutes
        instead of about a second.
        """
        index = self.index()
        taken = set(index.day_of_entry)
        changed: dict[int, list[Row]] = {}
        stored: list[Entry] = []
        for draft in drafts:
            entry_id = new_id()
            while entry_id in taken:
                entry_id = new_id()
            taken.add(entry_id)
            entry = frozen.replace(draft, id=entry_id)
            ordinal = entry.date.toordinal()
            rows = changed.get(ordinal)
            if rows is None:
                rows = changed[ordinal] = index.rows(ordinal)
            # Appended in logging order; the stable sort by time in write_sorted then
            # orders them as one add at a time would.
            rows.append(layout.encode_entry(entry))
            stored.append(entry)
        self.write_sorted(changed)
        return stored

    def write_sorted(self, changed: dict[int, list[Row]]) -> None:
        """Store many days at once, each day's rows sorted by time (stably, so entries
        at the same time keep the order they were given in)."""
        for rows in changed.values():
            rows.sort(key=layout.row_time)
        if changed:
            self.put(changed)

    def put(self, changed: dict[int, list[Row]]) -> None:
        # Days' documents are set in the tables the transaction will save, without
        # TinyDB: its upsert, update and remove copy the whole days table (twice) to
        # change one document, ~6 ms of every add with ten years of days. Inside a
        # transaction read() returns the tables being changed, and write() marks them
        # for saving. Only these days are encoded again; the others keep their strings.
        tables = self._storage.read()
        days = tables[layout.DAYS]
        index = self.index()
        for ordinal, rows in changed.items():
            document = layout.day_document(dt.date.fromordinal(ordinal), rows)
            if rows:
                days[str(ordinal)] = document
            else:
                days.pop(str(ordinal), None)
            index.set_day(ordinal, rows, document["e"])
        self._storage.write(tables)


def totals_from_rows(day: dt.date, rows: list[Row]) -> DayTotals:
    """``domain.history.day_totals`` computed on stored rows without building entries.

    Ten years of entries decode in ~250 ms but sum in ~40 ms this way; a test checks
    that both give the same totals.
    """
    food_mg = supplement_mg = food_ca = supplement_ca = food_d = supplement_d = 0.0
    missing = medicines = 0
    vitamin_d_at = layout.VITAMIN_D_INDEX
    for row in rows:
        if row[2] == "m":
            medicines += 1
            continue
        magnesium = row[5]
        calcium = row[6]
        vitamin_d = row[vitamin_d_at] if len(row) > vitamin_d_at else None
        if row[2] == "s":
            supplement_mg += magnesium or 0.0
            supplement_ca += calcium or 0.0
            supplement_d += vitamin_d or 0.0
        else:
            food_mg += magnesium or 0.0
            food_ca += calcium or 0.0
            food_d += vitamin_d or 0.0
            if magnesium is None:
                missing += 1
    return DayTotals(
        day,
        food_mg,
        supplement_mg,
        food_ca,
        supplement_ca,
        len(rows) - medicines,
        missing,
        food_d,
        supplement_d,
        medicines,
    )
