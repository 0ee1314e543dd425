"""The export format (plain JSON, versioned) and the validation of an import.

An export is readable on its own, with named fields like ``mgtui log --json``::

    {"format": "mgtui-export", "version": 1, "exported_at": "2025-01-31T08:00:00Z",
     "profile": {...} or null,
     "entries": [{"id", "date", "time", "kind", "name", "amount", "magnesium_mg",
                  "calcium_mg", "food_id", "grams", "form", "product", "servings",
                  "vitamin_d_iu"}],
     "supplement_products": [{"name", "form", "magnesium_mg", "calcium_mg", "serving",
                              "compound_mg", "calcium_form", "calcium_compound_mg",
                              "vitamin_d_iu"}],

Fields added later ("vitamin_d_iu", the calcium form) are optional on import, so a
file exported before them imports unchanged.
     "custom_foods": [{"id", "name", "group", "magnesium_mg_per_100g", ...,
                       "portions": [{"name", "grams", "amount"}]}],
     "favourite_food_ids": ["12014", ...],
     "routines": [{"name", "items": [{"kind", "name", "amount", ...}]}],
     "medications": [{"name", "class"}]}

A routine's items have the fields of an entry but ``id``, ``date`` and ``time``. An
export from before routines or medicines has no ``routines`` or ``medications`` and
imports as one with none. A medicine taken is an entry of kind "medicine" whose
``form`` is its class.

``parse_import`` checks all of it before anything is written and reports every
problem it finds (the first few in the message), so a bad file changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Final

from mgtui.domain.entries import Entry, EntryKind, entry_fields
from mgtui.domain.medicines import Medication
from mgtui.domain.routines import ITEM_DAY, ITEM_TIME, Routine
from mgtui.domain.supplements import SupplementError, SupplementProduct
from mgtui.domain.targets import Profile, ProfileError
from mgtui.foods.model import Food
from mgtui.frozen import field, frozen, replace
from mgtui.store import layout
from mgtui.store.documents import (
    custom_food_from_document,
    custom_food_to_document,
    optional_float,
    product_from_dict,
    product_to_dict,
    profile_from_dict,
    profile_to_dict,
)
from mgtui.store.errors import ImportFileError

EXPORT_FORMAT: Final = "mgtui-export"
EXPORT_VERSION: Final = 1
_MAX_PROBLEMS: Final = 50


@frozen
class ImportBundle:
    """A validated import file, as typed objects."""

    profile: Profile | None
    entries: tuple[Entry, ...]
    supplement_products: tuple[SupplementProduct, ...]
    custom_foods: tuple[Food, ...]
    favourite_food_ids: tuple[str, ...]
    routines: tuple[Routine, ...] = ()
    medications: tuple[Medication, ...] = ()


@frozen
class ImportResult:
    """What an import changed. Entries already in the log (same id) are never
    overwritten: identical ones count as ``entries_unchanged``, different ones as
    ``entries_conflicting`` (the log's version is kept)."""

    entries_added: int = 0
    entries_unchanged: int = 0
    entries_conflicting: int = 0
    supplement_products_added: int = 0
    custom_foods_added: int = 0
    favourites_added: int = 0
    profile_imported: bool = False
    routines_added: int = 0
    medications_added: int = 0
    # Products and medicines not added: the other kind has their name.
    name_clashes: tuple[str, ...] = ()
    conflicting_entry_ids: tuple[str, ...] = field(default=())

    def summary(self) -> str:
        parts = [f"{self.entries_added} entries added"]
        if self.entries_unchanged:
            parts.append(f"{self.entries_unchanged} already present")
        if self.entries_conflicting:
            parts.append(
                f"{self.entries_conflicting} kept as they are in the log "
                "(the file had a different version)"
            )
        if self.supplement_products_added:
            parts.append(f"{self.supplement_products_added} supplements added")
        if self.custom_foods_added:
            parts.append(f"{self.custom_foods_added} custom foods added")
        if self.favourites_added:
            parts.append(f"{self.favourites_added} favourites added")
        if self.routines_added:
            parts.append(f"{self.routines_added} routines added")
        if self.medications_added:
            parts.append(f"{self.medications_added} medicines added")
        if self.name_clashes:
            names = ", ".join(repr(name) for name in self.name_clashes)
            parts.append(
                f"not added, as a saved product and a saved medicine share the name: {names}"
            )
        if self.profile_imported:
            parts.append("profile imported")
        return ", ".join(parts)


# -- typed objects -> plain dicts -------------------------------------------------------


def custom_food_to_dict(food: Food) -> dict[str, Any]:
    """The export form (portions with named fields)."""
    document = custom_food_to_document(food)
    document["portions"] = [
        {"name": p.name, "grams": p.grams, "amount": p.amount} for p in food.portions
    ]
    return document


def export_document(
    *,
    exported_at: str,
    profile: Profile | None,
    entries: list[Entry],
    supplement_products: list[SupplementProduct],
    custom_foods: list[Food],
    favourite_food_ids: list[str],
    routines: Sequence[Routine] = (),
    medications: Sequence[Medication] = (),
) -> dict[str, Any]:
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": exported_at,
        "profile": None if profile is None else profile_to_dict(profile),
        "entries": [entry_fields(entry) for entry in entries],
        "supplement_products": [product_to_dict(p) for p in supplement_products],
        "custom_foods": [custom_food_to_dict(food) for food in custom_foods],
        "favourite_food_ids": list(favourite_food_ids),
        "routines": [routine_to_dict(routine) for routine in routines],
        "medications": [{"name": m.name, "class": m.medicine_class} for m in medications],
    }


_ITEM_OMITS: Final = ("id", "date", "time")


def routine_to_dict(routine: Routine) -> dict[str, Any]:
    items = [entry_fields(item) for item in routine.items]
    for item in items:
        for key in _ITEM_OMITS:
            del item[key]
    return {"name": routine.name, "items": items}


# -- plain dicts -> typed objects, checking everything ----------------------------------


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, text: str) -> None:
        if len(self.items) < _MAX_PROBLEMS:
            self.items.append(text)

    def __bool__(self) -> bool:
        return bool(self.items)


def parse_import(data: object) -> ImportBundle:
    """Validate a whole export document; ``ImportFileError`` lists what is wrong."""
    problems = _Problems()
    if not isinstance(data, dict):
        raise ImportFileError([f"the file holds a JSON {type(data).__name__}, not an export"])
    if data.get("format") != EXPORT_FORMAT:
        raise ImportFileError(['the file is not an mgtui export (no "format": "mgtui-export")'])
    version = data.get("version")
    if type(version) is not int or version < 1:
        raise ImportFileError([f"export version {version!r} is not valid"])
    if version > EXPORT_VERSION:
        raise ImportFileError(
            [f"the file was exported by a newer mgtui (export version {version}); upgrade mgtui"]
        )

    profile = _parse_profile(data.get("profile"), problems)
    entries = _parse_entries(data.get("entries", []), problems)
    products = _parse_products(data.get("supplement_products", []), problems)
    foods = _parse_custom_foods(data.get("custom_foods", []), problems)
    favourites = _parse_favourites(data.get("favourite_food_ids", []), problems)
    routines = _parse_routines(data.get("routines", []), problems)
    medications = _parse_medications(data.get("medications", []), problems)
    if problems:
        raise ImportFileError(problems.items)
    return ImportBundle(profile, entries, products, foods, favourites, routines, medications)


def _parse_medications(value: object, problems: _Problems) -> tuple[Medication, ...]:
    if type(value) is not list:
        problems.add("medications must be a list")
        return ()
    found: dict[str, Medication] = {}
    for index, item in enumerate(value):
        problem = layout.medication_problem(item)
        if problem is not None:
            problems.add(f"medications[{index}]: {problem}")
            continue
        assert isinstance(item, dict)
        found.setdefault(item["name"].casefold(), Medication(item["name"], item["class"]))
    return tuple(found.values())


def _parse_profile(value: object, problems: _Problems) -> Profile | None:
    if value is None:
        return None
    problem = layout.profile_problem(value)
    if problem:
        problems.add(problem)
        return None
    assert isinstance(value, dict)
    try:
        return profile_from_dict(value)
    except ProfileError as error:
        problems.add(f"profile: {error}")
        return None


_KINDS: Final[dict[object, EntryKind]] = {
    "food": "food", "supplement": "supplement", "medicine": "medicine"
}  # fmt: skip
_ENTRY_FIELDS: Final = frozenset(
    {
        "id", "date", "time", "kind", "name", "amount", "magnesium_mg", "calcium_mg",
        "food_id", "grams", "form", "product", "servings", "vitamin_d_iu",
    }
)  # fmt: skip


def _parse_entries(value: object, problems: _Problems) -> tuple[Entry, ...]:
    if type(value) is not list:
        problems.add("entries must be a list")
        return ()
    entries: dict[str, Entry] = {}
    for index, item in enumerate(value):
        where = f"entries[{index}]"
        if not isinstance(item, dict):
            problems.add(f"{where} is not an object")
            continue
        unknown = sorted(set(item) - _ENTRY_FIELDS)
        if unknown:
            problems.add(f"{where} has unknown fields: {', '.join(map(str, unknown))}")
            continue
        entry = _parse_entry(item, where, problems)
        if entry is None:
            continue
        earlier = entries.get(entry.id)
        if earlier is not None and earlier != entry:
            problems.add(f"{where}: id {entry.id} appears twice with different contents")
            continue
        entries[entry.id] = entry
    return tuple(entries.values())


def _parse_entry(item: dict[str, Any], where: str, problems: _Problems) -> Entry | None:
    entry_id = item.get("id")
    if not layout.is_entry_id(entry_id):
        problems.add(f"{where}: id {entry_id!r} is not valid")
        return None
    assert isinstance(entry_id, str)
    where = f"{where} ({entry_id})"
    day = parse_date(item.get("date"))
    if day is None:
        problems.add(f"{where}: date {item.get('date')!r} is not a real YYYY-MM-DD date")
        return None
    time = layout.parse_time(item.get("time"))
    if time is None:
        problems.add(f"{where}: time {item.get('time')!r} is not HH:MM")
        return None
    kind = item.get("kind")
    if kind not in _KINDS:
        problems.add(f"{where}: kind {kind!r} is not food, supplement or medicine")
        return None
    for key in ("name", "amount"):
        if type(item.get(key)) is not str or (key == "name" and not item[key].strip()):
            problems.add(f"{where}: {key} must be text")
            return None
    for key in ("magnesium_mg", "calcium_mg", "grams", "servings", "vitamin_d_iu"):
        if item.get(key) is not None and not layout.is_quantity(item[key]):
            problems.add(
                f"{where}: {key} must be a number from 0 to {layout.MAX_QUANTITY:,} "
                f"or null, not {item[key]!r}"
            )
            return None
    for key in ("food_id", "form", "product"):
        if item.get(key) is not None and type(item[key]) is not str:
            problems.add(f"{where}: {key} must be text or null")
            return None
    return Entry(
        id=entry_id,
        date=day,
        time=time,
        kind=_KINDS[kind],
        name=item["name"],
        amount=item["amount"],
        magnesium_mg=optional_float(item.get("magnesium_mg")),
        calcium_mg=optional_float(item.get("calcium_mg")),
        food_id=item.get("food_id"),
        grams=optional_float(item.get("grams")),
        form=item.get("form"),
        product=item.get("product"),
        servings=optional_float(item.get("servings")),
        vitamin_d_iu=optional_float(item.get("vitamin_d_iu")),
    )


def _parse_routines(value: object, problems: _Problems) -> tuple[Routine, ...]:
    if type(value) is not list:
        problems.add("routines must be a list")
        return ()
    routines: dict[str, Routine] = {}
    stand_in = {"id": "item", "date": ITEM_DAY.isoformat(), "time": f"{ITEM_TIME:%H:%M}"}
    for index, item in enumerate(value):
        where = f"routines[{index}]"
        if not isinstance(item, dict) or type(item.get("name")) is not str:
            problems.add(f"{where} is not a routine with a name")
            continue
        where = f"{where} ({item['name']})"
        parts = item.get("items")
        if type(parts) is not list or not all(isinstance(part, dict) for part in parts):
            problems.add(f"{where}: items must be a list of objects")
            continue
        entries: list[Entry] = []
        for number, part in enumerate(parts):
            unknown = sorted(set(part) - (_ENTRY_FIELDS - set(_ITEM_OMITS)))
            if unknown:
                problems.add(f"{where} items[{number}] has unknown fields: {', '.join(unknown)}")
                break
            entry = _parse_entry(part | stand_in, f"{where} items[{number}]", problems)
            if entry is None:
                break
            entries.append(replace(entry, id=""))
        else:
            routine = Routine(item["name"], tuple(entries))
            key = routine.name.casefold()
            if key in routines and routines[key] != routine:
                problems.add(f"{where}: the name {routine.name!r} appears twice")
                continue
            routines[key] = routine
    return tuple(routines.values())


def _parse_products(value: object, problems: _Problems) -> tuple[SupplementProduct, ...]:
    if type(value) is not list:
        problems.add("supplement_products must be a list")
        return ()
    products: dict[str, SupplementProduct] = {}
    for index, item in enumerate(value):
        where = f"supplement_products[{index}]"
        if not isinstance(item, dict) or type(item.get("name")) is not str:
            problems.add(f"{where} is not a supplement with a name")
            continue
        if not layout.is_quantity(item.get("magnesium_mg")) or not layout.is_quantity(
            item.get("calcium_mg", 0)
        ):
            problems.add(f"{where} ({item['name']}): amounts must be numbers >= 0")
            continue
        if (item.get("form") is not None and type(item["form"]) is not str) or type(
            item.get("serving", "")
        ) is not str:
            problems.add(f"{where} ({item['name']}): form and serving must be text")
            continue
        problem = layout.supplement_problem(item)
        if problem is not None:
            problems.add(f"{where}: {problem}")
            continue
        try:
            product = product_from_dict(item)
        except SupplementError as error:
            problems.add(f"{where} ({item['name']}): {error}")
            continue
        key = product.name.casefold()
        if key in products and products[key] != product:
            problems.add(f"{where}: the name {product.name!r} appears twice")
            continue
        products[key] = product
    return tuple(products.values())


def _parse_custom_foods(value: object, problems: _Problems) -> tuple[Food, ...]:
    if type(value) is not list:
        problems.add("custom_foods must be a list")
        return ()
    foods: dict[str, Food] = {}
    names: dict[str, str] = {}
    for index, item in enumerate(value):
        where = f"custom_foods[{index}]"
        if not isinstance(item, dict):
            problems.add(f"{where} is not an object")
            continue
        portions = item.get("portions", [])
        if type(portions) is not list or not all(isinstance(p, dict) for p in portions):
            problems.add(f"{where}: portions must be a list of objects")
            continue
        document = dict(item)
        document["portions"] = [
            [p.get("name"), p.get("grams"), p.get("amount", 1)] for p in portions
        ]
        problem = layout.custom_food_problem(document)
        if problem:
            problems.add(f"{where}: {problem}")
            continue
        food = custom_food_from_document(document)
        if not food.name.strip():
            problems.add(f"{where}: a custom food needs a name")
            continue
        if food.id in foods and foods[food.id] != food:
            problems.add(f"{where}: id {food.id} appears twice with different contents")
            continue
        other = names.get(food.name.casefold())
        if other is not None and other != food.id:
            problems.add(f"{where}: the name {food.name!r} appears twice")
            continue
        foods[food.id] = food
        names[food.name.casefold()] = food.id
    return tuple(foods.values())


def _parse_favourites(value: object, problems: _Problems) -> tuple[str, ...]:
    if type(value) is not list or not all(type(x) is str and x for x in value):
        problems.add("favourite_food_ids must be a list of food ids")
        return ()
    return tuple(dict.fromkeys(value))


def parse_date(value: object) -> dt.date | None:
    """A strict YYYY-MM-DD date (``fromisoformat`` alone would accept 20250131)."""
    if type(value) is not str or len(value) != 10 or value[4] != "-" or value[7] != "-":
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
