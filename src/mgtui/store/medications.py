"""Saved medicines in the ``medications`` table (layout.py): a name and a class.

Names are unique ignoring case, like saved supplements' and routines'; a medicine is
never given a product's name, so ``mgtui take NAME`` means one thing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mgtui.domain.medicines import Medication, medication_name_problem, medicine_class
from mgtui.store import named
from mgtui.store.errors import DuplicateNameError, InvalidRecordError
from mgtui.store.records import check_printable


def checked_medication(medication: Medication) -> Medication:
    """The medicine as it will be stored, or ``InvalidRecordError``."""
    problem = medication_name_problem(medication.name)
    if problem is not None:
        check_printable("the medicine's name", medication.name)
        raise InvalidRecordError(problem)
    try:
        medicine_class(medication.medicine_class)
    except ValueError as error:
        raise InvalidRecordError(str(error)) from None
    return Medication(" ".join(medication.name.split()), medication.medicine_class)


def medication_of(document: dict[str, Any]) -> Medication:
    """A stored medicine (checked on load, ``layout.medication_problem``)."""
    return Medication(document["name"], document["class"])


def read_all(table: Iterable[dict[str, Any]]) -> list[Medication]:
    """Every saved medicine, sorted by name (case-insensitively)."""
    return sorted((medication_of(doc) for doc in table), key=lambda m: m.name.casefold())


def put(table: Any, medication: Medication) -> None:
    """Save ``medication`` in ``table`` (inside a transaction), replacing one of its name."""
    named.put(table, medication.name, {"name": medication.name, "class": medication.medicine_class})


def remove(table: Any, name: str) -> Medication:
    """Delete the saved medicine ``name`` (ignoring case); ``NotFoundError`` when there is none."""
    return medication_of(named.pop(table, name, "saved medicine"))


def refuse_name(table: Iterable[dict[str, Any]], name: str, what: str) -> None:
    """``DuplicateNameError`` when ``table`` (products or medicines) holds ``name``."""
    key = named.name_key(name)
    if any(named.name_key(doc["name"]) == key for doc in table):
        raise DuplicateNameError(f"a saved {what} is already named {name!r}; choose another name")
