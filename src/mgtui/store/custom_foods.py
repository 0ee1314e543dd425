"""Custom foods in the ``custom_foods`` table (layout.py).

Names are unique ignoring case; ids are slugs of names, numbered when two names share
one (``records.place_custom_food``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mgtui.foods.model import Food
from mgtui.frozen import replace
from mgtui.store import documents
from mgtui.store.errors import NotFoundError
from mgtui.store.records import checked_custom_food, place_custom_food


def checked(food: Food) -> Food:
    """The food as it will be stored (name trimmed, custom), or ``InvalidRecordError``."""
    food = replace(food, name=food.name.strip(), custom=True)
    checked_custom_food(food)
    return food


def read_all(table: Iterable[dict[str, Any]]) -> list[Food]:
    """Every custom food, sorted by name (case-insensitively)."""
    foods = [documents.custom_food_from_document(dict(document)) for document in table]
    return sorted(foods, key=lambda food: food.name.casefold())


def put(table: Any, food: Food) -> Food:
    """Save ``food`` (inside a transaction); returns it with the id it is saved under."""
    food, same_id = place_custom_food(food, table)
    document = documents.custom_food_to_document(food)
    if same_id:
        table.update(document, doc_ids=same_id)
    else:
        table.insert(document)
    return food


def remove(table: Any, food_id: str) -> Food:
    """Delete the custom food ``food_id``; ``NotFoundError`` when there is none."""
    matches = [doc for doc in table if doc["id"] == food_id]
    if not matches:
        raise NotFoundError(f"no custom food with id {food_id!r}")
    table.remove(doc_ids=[doc.doc_id for doc in matches])
    return documents.custom_food_from_document(dict(matches[0]))
