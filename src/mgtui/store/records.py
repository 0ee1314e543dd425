"""Checks on the records handed to the store, before anything is written.

Every value a caller gives (an entry to log, an edit, an import) passes through here
and comes out as it will be stored, or is refused with ``InvalidRecordError`` and a
message naming the field. Records read back from the file are checked by layout.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

from mgtui.domain.entries import Entry
from mgtui.domain.supplements import SupplementError, SupplementProduct
from mgtui.domain.targets import ProfileError
from mgtui.domain.text import first_control
from mgtui.foods.model import Food
from mgtui.frozen import replace
from mgtui.store import documents, layout
from mgtui.store.errors import DuplicateNameError, InvalidRecordError, StoreError
from mgtui.store.storage import Tables

# Amounts are kept to 3 decimals (a microgram of magnesium): finer digits are noise
# from unit conversions and would only make the file longer.
DECIMALS: Final = 3


def checked_quantity(what: str, value: float | None) -> float | None:
    """A number of mg, g or servings as stored (3 decimals), or ``InvalidRecordError``."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidRecordError(f"{what} must be a number, not {value!r}")
    if not layout.is_quantity(value):
        raise InvalidRecordError(
            f"{what} must be a number from 0 to {layout.MAX_QUANTITY:,}, not {value!r}"
        )
    return round(float(value), DECIMALS)


def _checked_text(what: str, value: object, *, required: bool) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and what == "name" and not value.strip()):
        raise InvalidRecordError(f"an entry's {what} must be text")
    return value


def check_printable(what: str, value: str | None) -> None:
    """Refuse text holding a control character (C0 such as ESC, DEL, C1): printed raw,
    it would drive the terminal (clear the screen, set the clipboard). Any printable
    Unicode is welcome. The message shows the text escaped, never raw."""
    char = None if value is None else first_control(value)
    if char is not None:
        raise InvalidRecordError(
            f"{what} {value!r} holds a control character (U+{ord(char):04X}); "
            "use printable text only"
        )


def _check_medicine(entry: Entry) -> None:
    """A medicine taken has a known class (in ``form``) and no nutrients or amounts."""
    if entry.form not in layout.MEDICINE_CLASS_KEYS:
        raise InvalidRecordError(f"a medicine's class must be one of the table, not {entry.form!r}")
    amounts = (entry.magnesium_mg, entry.calcium_mg, entry.grams, entry.servings)
    if any(value is not None for value in (*amounts, entry.vitamin_d_iu)):
        raise InvalidRecordError("a medicine taken has no milligrams, grams or servings")


def checked_entry(entry: Entry, *, before: Entry | None = None) -> Entry:
    """The entry as it will be stored, or ``InvalidRecordError``.

    Text fields are checked for control characters when new or changed (``before``
    is the stored entry an edit starts from): an entry that an older version or a
    hand edit stored with one can still be edited and shown (escaped)."""
    if not isinstance(entry.date, dt.date) or isinstance(entry.date, dt.datetime):
        raise InvalidRecordError(f"an entry's date must be a date, not {entry.date!r}")
    if not isinstance(entry.time, dt.time) or entry.time.tzinfo is not None:
        raise InvalidRecordError(f"an entry's time must be a local time, not {entry.time!r}")
    if entry.kind not in ("food", "supplement", "medicine"):
        raise InvalidRecordError(
            f"an entry's kind must be food, supplement or medicine, not {entry.kind!r}"
        )
    if entry.is_medicine:
        _check_medicine(entry)
    name = _checked_text("name", entry.name, required=True)
    amount = _checked_text("amount", entry.amount, required=True)
    food_id = _checked_text("food id", entry.food_id, required=False)
    form = _checked_text("form", entry.form, required=False)
    product = _checked_text("product", entry.product, required=False)
    assert name is not None and amount is not None
    for what, field in (
        ("the name", "name"),
        ("the amount", "amount"),
        ("the food id", "food_id"),
        ("the form", "form"),
        ("the product", "product"),
    ):
        value = getattr(entry, field)
        if before is None or value != getattr(before, field):
            check_printable(what, value)
    return replace(
        entry,
        time=entry.time.replace(microsecond=0),
        name=name.strip(),
        amount=amount.strip(),
        magnesium_mg=checked_quantity("magnesium", entry.magnesium_mg),
        calcium_mg=checked_quantity("calcium", entry.calcium_mg),
        grams=checked_quantity("grams", entry.grams),
        servings=checked_quantity("servings", entry.servings),
        vitamin_d_iu=checked_quantity("vitamin D", entry.vitamin_d_iu),
        food_id=food_id,
        form=form,
        product=product,
    )


def set_aside_unusable(tables: Tables) -> None:
    """Set aside the saved records that fit the layout but break the domain's rules (a
    profile aged 500, a product the domain refuses): the rest of the log stays usable,
    and the person is told (doctor.py), instead of every command failing."""
    profiles = tables[layout.PROFILE]
    for doc_id, document in list(profiles.items()):
        try:
            documents.profile_from_dict(document)
        except ProfileError as error:
            reason = f"the profile cannot be used: {error}"
            layout.set_aside(tables, "profile", doc_id, reason, profiles.pop(doc_id))
    products = tables[layout.SUPPLEMENTS]
    for doc_id, document in list(products.items()):
        try:
            documents.product_from_dict(document)
        except SupplementError as error:
            reason = f"saved supplement {document['name']!r} cannot be used: {error}"
            layout.set_aside(tables, "supplement", doc_id, reason, products.pop(doc_id))


def checked_product(product: SupplementProduct) -> None:
    """A supplement product that may be saved, or ``InvalidRecordError``."""
    checked_quantity("compound weight", product.compound_mg)
    checked_quantity("calcium compound weight", product.calcium_compound_mg)
    check_printable("the supplement's name", product.name)
    check_printable("the supplement's form", product.form)
    check_printable("the supplement's calcium form", product.calcium_form)
    check_printable("the serving", product.serving)


def stored_product(document: dict[str, Any], path: Path) -> SupplementProduct:
    """A saved product as the domain takes it; ``StoreError`` when it cannot be used."""
    try:
        return documents.product_from_dict(document)
    except SupplementError as error:
        raise StoreError(
            f"the supplement {document.get('name')!r} saved in {path} cannot be "
            f"used ({error}); save it again"
        ) from error


def checked_custom_food(food: Food) -> None:
    """A custom food that may be saved, or ``InvalidRecordError``."""
    problem = layout.custom_food_problem(documents.custom_food_to_document(food))
    if problem or not food.name.strip():
        raise InvalidRecordError(problem or "a custom food needs a name")
    check_printable("the food's name", food.name)
    check_printable("the food's group", food.group)
    for portion in food.portions:
        check_printable("a portion's name", portion.name)


def place_custom_food(food: Food, table: Iterable[Any]) -> tuple[Food, list[int]]:
    """The food with the id it is saved under, and the ids of the documents it replaces.

    The same name (ignoring case) replaces; another food of that name raises
    ``DuplicateNameError``. Ids are slugs of names, so two names can share one
    ("Water (still)", "Water still"): the newcomer gets a numbered id, never the other's.
    """
    same_id: list[int] = []
    taken: set[str] = set()
    for doc in table:
        taken.add(doc["id"])
        if doc["id"] == food.id and doc["name"].casefold() == food.name.casefold():
            same_id.append(doc.doc_id)
        elif doc["name"].casefold() == food.name.casefold():
            raise DuplicateNameError(
                f"a custom food named {doc['name']!r} already exists ({doc['id']})"
            )
    if not same_id and food.id in taken:
        number = 2
        while f"{food.id}-{number}" in taken:
            number += 1
        food = replace(food, id=f"{food.id}-{number}")
    return food, same_id
