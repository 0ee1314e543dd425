"""Putting a corrected set-aside record back in use (``mgtui doctor --restore``).

The corrected record has the shape it was stored in (a row for an entry, a document
for the rest), as ``mgtui doctor --json`` shows it, and passes every check a record
read from the file or typed by the person passes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tinydb.table import Document, Table

from mgtui.domain.supplements import SupplementError
from mgtui.domain.targets import ProfileError
from mgtui.store import documents, exchange, layout, records
from mgtui.store.damage import SetAsideRecord
from mgtui.store.dayindex import Days
from mgtui.store.errors import InvalidRecordError

RESTORABLE = ("entry", "profile", "supplement", "custom food", "favourite", "medicine")


def restore(record: SetAsideRecord, fixed: object, days: Days, tables: Mapping[str, Table]) -> None:
    """Put ``fixed`` in place of ``record`` (inside a transaction); ``InvalidRecordError``
    when it still cannot be used or would clash with a record in use."""
    if record.what not in RESTORABLE:
        raise InvalidRecordError(
            f"a set-aside {record.what} cannot be restored; log what it held again instead"
        )
    if record.what == "entry":
        day = exchange.parse_date(record.where)
        problem = layout.row_problem(fixed)
        if day is None or problem:
            raise InvalidRecordError(f"the corrected entry cannot be used: {problem}")
        assert isinstance(fixed, list)
        entry = records.checked_entry(layout.decode_entry(fixed, day))
        if days.find_or_none(entry.id) is not None:
            raise InvalidRecordError(f"an entry with id {entry.id} is in the log already")
        days.insert(entry)
        return
    if not isinstance(fixed, dict):
        raise InvalidRecordError(f"the corrected {record.what} must be a JSON object")
    document: dict[str, Any] = fixed
    try:
        if record.what == "profile":
            _check(layout.profile_problem(document))
            documents.profile_from_dict(document)
            tables[layout.PROFILE].upsert(Document(document, doc_id=layout.PROFILE_DOC_ID))
        elif record.what == "supplement":
            _check(layout.supplement_problem(document))
            product = documents.product_from_dict(document)
            records.checked_product(product)
            _insert_new(tables[layout.SUPPLEMENTS], "name", product.name, document)
        elif record.what == "custom food":
            _check(layout.custom_food_problem(document))
            food = documents.custom_food_from_document(document)
            records.checked_custom_food(food)
            _insert_new(tables[layout.CUSTOM_FOODS], "id", food.id, document)
        elif record.what == "medicine":
            _check(layout.medication_problem(document))
            medicine = {"name": document["name"], "class": document["class"]}
            _insert_new(tables[layout.MEDICATIONS], "name", document["name"], medicine)
        else:
            _check(None if type(document.get("food_id")) is str else "it has no food id")
            _insert_new(tables[layout.FAVOURITES], "food_id", document["food_id"], document)
    except (ProfileError, SupplementError) as error:
        raise InvalidRecordError(f"the corrected {record.what} cannot be used: {error}") from None


def _check(problem: str | None) -> None:
    if problem:
        raise InvalidRecordError(f"the corrected record cannot be used: {problem}")


def _insert_new(table: Table, key: str, value: str, document: dict[str, Any]) -> None:
    if any(str(doc.get(key)).casefold() == value.casefold() for doc in table):
        raise InvalidRecordError(f"a record with {key} {value!r} is in use already")
    table.insert(document)
