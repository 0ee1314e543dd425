"""Favourite foods in the ``favourites`` table, in the order they were marked."""

from __future__ import annotations

from typing import Any

from mgtui.store.errors import InvalidRecordError


def food_ids(table: Any) -> list[str]:
    return [document["food_id"] for document in sorted(table, key=lambda d: d.doc_id)]


def toggle(table: Any, food_id: str) -> bool:
    """Mark or unmark ``food_id`` (inside a transaction); whether it is marked now."""
    if not food_id:
        raise InvalidRecordError("a favourite needs a food id")
    if unmark(table, food_id):
        return False
    table.insert({"food_id": food_id})
    return True


def unmark(table: Any, food_id: str) -> bool:
    """Unmark ``food_id`` (inside a transaction); whether it was marked."""
    marked = [doc.doc_id for doc in table if doc["food_id"] == food_id]
    if marked:
        table.remove(doc_ids=marked)
    return bool(marked)
