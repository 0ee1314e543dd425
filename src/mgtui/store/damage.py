"""What is set aside as damaged, how the person is told, and salvaging a broken file.

Records that cannot be used are kept in the ``set_aside`` table (layout.py); a file
that does not parse at all is copied aside whole (``mgtui.json.corrupt-<time>``) and
remembered there as a record of kind "file", so every run says so until ``mgtui
doctor`` has dealt with it (recovered its valid records, or dropped the reminder).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from tinydb.table import Table

from mgtui.domain.text import safe
from mgtui.frozen import frozen
from mgtui.store import layout

FILE = "file"


@frozen
class SetAsideRecord:
    """One record kept aside: ``what`` it was (entry, day, profile, supplement, custom
    food, favourite, table, file), ``where`` (a date, a document id, a file name),
    why, and the record exactly as it was (None for a file, which is kept whole)."""

    id: str
    what: str
    where: str
    reason: str
    record: object


def records_in(tables: dict[str, Any]) -> list[SetAsideRecord]:
    table = tables.get(layout.SET_ASIDE) or {}
    return [record_of(doc) for _, doc in sorted(table.items(), key=lambda item: int(item[0]))]


def record_of(document: dict[str, Any]) -> SetAsideRecord:
    """A document of the ``set_aside`` table (checked on load) as a record."""
    return SetAsideRecord(
        document["id"],
        document["what"],
        document["where"],
        document["reason"],
        document.get("record"),
    )


def notice_for(path: Path, records: Iterable[SetAsideRecord]) -> str | None:
    """The one line every run shows while anything is set aside, or None."""
    files = [record for record in records if record.what == FILE]
    others = [record for record in records if record.what != FILE]
    parts: list[str] = []
    for record in files:
        parts.append(
            f"{path.parent / record.where} could not be read ({record.reason}) and is kept "
            f"as it was; 'mgtui doctor --recover {path.parent / record.where}' brings back "
            "its valid records"
        )
    if others:
        count = len(others)
        noun = "record" if count == 1 else "records"
        verb = "is" if count == 1 else "are"
        first = others[0]
        parts.append(
            f"{count} {noun} in {path.name} could not be used and {verb} set aside "
            f"({first.what} {first.where}: {first.reason}); every other record is in use. "
            "Run 'mgtui doctor' to see and deal with them"
        )
    # A reason quotes what the file held, which may be anything: never print it raw.
    text = "; ".join(parts)
    return safe(text) or None


def drop(table: Table, chosen: Callable[[SetAsideRecord], bool]) -> list[SetAsideRecord]:
    """Remove the chosen records from the ``set_aside`` table (inside a transaction)."""
    found = [(doc.doc_id, record_of(doc)) for doc in table]
    found = [(doc_id, record) for doc_id, record in found if chosen(record)]
    if found:
        table.remove(doc_ids=[doc_id for doc_id, _ in found])
    return [record for _, record in found]


def file_reminder(tables: dict[str, Any], moved_to: Path, reason: str) -> None:
    """Remember in ``tables`` that a damaged file was kept as ``moved_to``."""
    layout.set_aside(tables, FILE, moved_to.name, reason, None)


# -- salvaging a file that does not parse --------------------------------------------


class _Incomplete(Exception):
    pass


_DECODER = json.JSONDecoder()
_SPACE = " \t\n\r"


def salvage(text: str) -> dict[str, Any]:
    """Every complete member of a JSON object whose text is cut short or broken later
    on, descending into objects (a truncated ``days`` table keeps its whole days).

    Python's json, not orjson: it can decode one value at a position of a longer text.
    """
    start = _skip(text, 0)
    if not text.startswith("{", start):
        return {}
    value, _, _ = _partial_object(text, start)
    return value


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position] in _SPACE:
        position += 1
    return position


def _partial_object(text: str, position: int) -> tuple[dict[str, Any], int, bool]:
    """Members of the object at ``position`` up to the first one that does not parse;
    returns them, where it stopped, and whether the object was complete."""
    result: dict[str, Any] = {}
    position = _skip(text, position + 1)
    try:
        if text[position] == "}":
            return result, position + 1, True
        while True:
            key, position = _DECODER.raw_decode(text, position)
            if not isinstance(key, str):
                raise _Incomplete
            position = _skip(text, position)
            if text[position] != ":":
                raise _Incomplete
            position = _skip(text, position + 1)
            try:
                value, position = _DECODER.raw_decode(text, position)
            except (ValueError, RecursionError):
                if text[position] != "{":
                    raise _Incomplete from None
                value, position, complete = _partial_object(text, position)
                result[key] = value
                if not complete:
                    return result, position, False
            else:
                result[key] = value
            position = _skip(text, position)
            if text[position] == ",":
                position = _skip(text, position + 1)
                continue
            if text[position] == "}":
                return result, position + 1, True
            raise _Incomplete
    except (_Incomplete, IndexError, ValueError, RecursionError):
        return result, position, False
