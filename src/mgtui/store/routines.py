"""Saved routines in the ``routines`` table (layout.py), and the checks on one.

A routine is stored as its name and its items as compact rows (``layout.encode_item``);
names are unique ignoring case, like saved supplements'.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mgtui.domain.routines import ITEM_DAY, ITEM_TIME, MAX_ROUTINE_ITEMS, MAX_ROUTINE_NAME, Routine
from mgtui.domain.routines import routine_items as as_items
from mgtui.store import layout, named
from mgtui.store.errors import InvalidRecordError
from mgtui.store.records import check_printable, checked_entry


def checked_routine(routine: Routine) -> Routine:
    """The routine as it will be stored, or ``InvalidRecordError``."""
    name = " ".join(routine.name.split())
    if not name:
        raise InvalidRecordError("a routine needs a name")
    check_printable("the routine's name", routine.name)
    if len(name) > MAX_ROUTINE_NAME:
        raise InvalidRecordError(
            f"a routine's name of at most {MAX_ROUTINE_NAME} characters, please"
        )
    if not routine.items:
        raise InvalidRecordError(f"routine {name!r} has no items")
    if len(routine.items) > MAX_ROUTINE_ITEMS:
        raise InvalidRecordError(
            f"routine {name!r} has {len(routine.items)} items; at most {MAX_ROUTINE_ITEMS}"
        )
    return Routine(name, as_items(checked_entry(item) for item in routine.items))


def routine_document(routine: Routine) -> dict[str, Any]:
    return {"name": routine.name, "items": [layout.encode_item(item) for item in routine.items]}


def routine_of(document: dict[str, Any]) -> Routine:
    """A stored routine (checked on load, ``layout.routine_problem``)."""
    items = tuple(layout.decode_item(row, ITEM_DAY, ITEM_TIME) for row in document["items"])
    return Routine(document["name"], items)


def read_all(table: Iterable[dict[str, Any]]) -> list[Routine]:
    """Every routine, sorted by name (case-insensitively)."""
    return sorted((routine_of(doc) for doc in table), key=lambda r: r.name.casefold())


def put(table: Any, routine: Routine) -> None:
    """Save ``routine`` in ``table`` (inside a transaction), replacing one of its name."""
    named.put(table, routine.name, routine_document(routine))


def remove(table: Any, name: str) -> Routine:
    """Delete the routine ``name`` (ignoring case); ``NotFoundError`` when there is none."""
    return routine_of(named.pop(table, name, "routine"))
