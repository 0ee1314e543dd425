"""Upgrades between data formats: a registry of functions, one per step.

``MIGRATIONS[n]`` turns a parsed file in format ``n`` into format ``n + 1``. Opening
a file in an older format runs every step up to ``SCHEMA_VERSION``, validates the
result like any load, keeps a copy of the original bytes beside the log
(``mgtui.json.format-<n>-<timestamp>``) and saves; a step that meets data it cannot
convert fails, and the file is then treated as damaged (moved aside, never lost).

Format 0 is the legacy layout of mgtui's first prototype, TinyDB's defaults used
as they come: no ``meta`` table, one document per entry with named fields and no
entry ids of its own, a one-document ``profile`` and a ``supplements`` table::

    entries      {"1": {"date": "2024-05-01", "time": "08:30", "kind": "food",
                        "name": "Nuts, almonds", "amount": "1 oz",
                        "magnesium_mg": 76.0, "calcium_mg": 75.0,
                        "food_id": "12061", "grams": 28.35}}
    profile      {"1": {"sex": "female", "age": 63, "pregnant": false, ...}}
    supplements  {"1": {"name": "Mag", "form": "glycinate", "magnesium_mg": 120, ...}}

Format 1 is format 2 (layout.py) with each day's rows as nested arrays instead of one
JSON string, and a ``days_sha256`` stamp computed over a dump of the days table::

    days         {"739282": {"d": "2025-01-31", "e": [ROW, ROW, ...]}}

Each step writes its own format's documents itself rather than with layout.py's
helpers, which always follow the newest format.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from typing import Any

import orjson

from mgtui.store import layout
from mgtui.store.layout import LayoutError

Migration = Callable[[dict[str, Any]], dict[str, Any]]

ENTRY_ID_BYTES = 6  # 12 hex characters: 48 random bits, safe to merge across machines


def new_entry_id() -> str:
    return secrets.token_hex(ENTRY_ID_BYTES)


def migrate(
    parsed: dict[str, Any],
    found: int,
    *,
    target: int = layout.SCHEMA_VERSION,
    migrations: dict[int, Migration] | None = None,
) -> dict[str, Any]:
    """Run the steps from format ``found`` up to ``target``; ``LayoutError`` if one fails."""
    steps = MIGRATIONS if migrations is None else migrations
    data = parsed
    for version in range(found, target):
        step = steps.get(version)
        if step is None:
            raise LayoutError(f"there is no upgrade from data format {version}")
        data = step(data)
        reached = data.get(layout.META, {}).get(str(layout.META_DOC_ID), {}).get("schema")
        if reached != version + 1:
            raise LayoutError(f"the upgrade from data format {version} did not reach {version + 1}")
    return data


def _v0_to_v1(old: dict[str, Any]) -> dict[str, Any]:
    """Legacy format 0 -> 1: ids for entries, one document per day, a meta table."""
    created_at = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    new = layout.new_tables(created_at)
    new[layout.META][str(layout.META_DOC_ID)]["schema"] = 1
    new[layout.META][str(layout.META_DOC_ID)]["migrated_from"] = 0

    by_day: dict[dt.date, list[tuple[str, int, layout.Row]]] = {}
    for doc_id, document in _table(old, "entries").items():
        day, sort_key, row = _v0_entry_row(doc_id, document)
        by_day.setdefault(day, []).append((sort_key, int(doc_id), row))
    for day, items in by_day.items():
        items.sort(key=lambda item: (item[0], item[1]))  # by time, then logging order
        new[layout.DAYS][str(day.toordinal())] = {
            "d": day.isoformat(),
            "e": [row for _, _, row in items],
        }

    profiles = _table(old, "profile")
    if profiles:
        profile = dict(next(iter(profiles.values())))
        profile.setdefault("custom", {})
        problem = layout.profile_problem(profile)
        if problem:
            raise LayoutError(problem)
        new[layout.PROFILE][str(layout.PROFILE_DOC_ID)] = profile

    for index, document in enumerate(_table(old, "supplements").values(), start=1):
        product = dict(document)
        product.setdefault("calcium_mg", 0)
        product.setdefault("serving", "1 serving")
        product.setdefault("compound_mg", None)
        new[layout.SUPPLEMENTS][str(index)] = product
    return new


def _table(data: dict[str, Any], name: str) -> dict[str, Any]:
    table = data.get(name, {})
    if not isinstance(table, dict) or not all(isinstance(doc, dict) for doc in table.values()):
        raise LayoutError(f"legacy table {name!r} is malformed")
    if not all(key.isascii() and key.isdigit() for key in table):
        raise LayoutError(f"legacy table {name!r} has malformed document ids")
    return table


def _v0_entry_row(doc_id: str, document: dict[str, Any]) -> tuple[dt.date, str, layout.Row]:
    date_text = document.get("date")
    try:
        if type(date_text) is not str or len(date_text) != 10:
            raise ValueError
        day = dt.date.fromisoformat(date_text)
    except ValueError:
        raise LayoutError(f"legacy entry {doc_id}: date {date_text!r} is not YYYY-MM-DD") from None
    kind = {"food": "f", "supplement": "s"}.get(document.get("kind", "food"))
    row: layout.Row = [
        new_entry_id(),
        document.get("time"),
        kind,
        document.get("name"),
        document.get("amount", ""),
        document.get("magnesium_mg"),
        document.get("calcium_mg"),
        document.get("food_id"),
        document.get("grams"),
        document.get("form"),
        document.get("product"),
        document.get("servings"),
    ]
    while len(row) > layout.MIN_ROW_LENGTH and row[-1] is None:
        row.pop()
    problem = layout.row_problem(row)
    if problem is not None:
        raise LayoutError(f"legacy entry {doc_id} on {date_text}: {problem}")
    return day, str(row[1]), row


def _v1_to_v2(old: dict[str, Any]) -> dict[str, Any]:
    """Format 1 -> 2: each day's rows become one compact JSON string.

    The rows are carried over as they are, in order; the load that follows checks
    every one of them, as the upgraded file has no stamp yet (format 1's stamp hashed
    a dump of the nested arrays and means nothing here, so it is dropped; the save
    after the upgrade stamps the new days table).
    """
    new = dict(old)
    meta = dict(old[layout.META])
    document = dict(meta[str(layout.META_DOC_ID)])
    document["schema"] = 2
    document.pop(layout.DAYS_DIGEST, None)
    meta[str(layout.META_DOC_ID)] = document
    new[layout.META] = meta

    days = old.get(layout.DAYS, {})
    if not isinstance(days, dict):
        raise LayoutError("table 'days' is not an object")
    new_days: dict[str, Any] = {}
    for doc_id, day in days.items():
        if not isinstance(day, dict) or type(day.get("e")) is not list:
            raise LayoutError(f"day {doc_id} has no list of entries")
        try:
            rows = orjson.dumps(day["e"]).decode()
        except orjson.JSONEncodeError as error:
            raise LayoutError(f"day {doc_id}: its entries cannot be stored ({error})") from None
        new_days[doc_id] = {**day, "e": rows}
    new[layout.DAYS] = new_days
    return new


def _v2_to_v3(old: dict[str, Any]) -> dict[str, Any]:
    """Format 2 -> 3: a row may end with a 13th value, the entry's vitamin D in IU.

    Nothing stored changes; the number does, so that a format-2 mgtui refuses a file
    whose rows it would take for damage (it would set aside every new row) and leaves
    it untouched instead.
    """
    new = dict(old)
    meta = dict(old[layout.META])
    meta[str(layout.META_DOC_ID)] = {**meta[str(layout.META_DOC_ID)], "schema": 3}
    new[layout.META] = meta
    return new


def _v3_to_v4(old: dict[str, Any]) -> dict[str, Any]:
    """Format 3 -> 4: medicines (rows of kind "m" and a ``medications`` table).

    Nothing stored changes but the number and an empty ``medications`` table: a
    format-3 mgtui refuses the file, untouched, instead of setting medicines aside.
    """
    new = dict(old)
    meta = dict(old[layout.META])
    meta[str(layout.META_DOC_ID)] = {**meta[str(layout.META_DOC_ID)], "schema": 4}
    new[layout.META] = meta
    new.setdefault("medications", {})
    return new


MIGRATIONS: dict[int, Migration] = {
    0: _v0_to_v1,
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: _v3_to_v4,
}
