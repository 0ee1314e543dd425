"""Foods a person saved or logged that the table no longer has.

The table moved from USDA SR24 to SR28, which dropped 1,516 of SR24's NDB numbers
(mostly discontinued branded and restaurant foods). A favourite, a recent food or an
entry may still hold one. Such an id keeps working through a stand-in ``Food`` that
keeps the stored id (so favourites and entries still point at what was stored) and
takes its numbers from, in this order:

1. its SR28 successor, where the numbers show it is the same food renumbered
   (same name, same magnesium, calcium and energy; ``scripts/build_retired_foods.py``);
2. the person's last entry of it: its own magnesium and calcium for its own grams;
3. nothing: SR24's name alone, with no values (never a guessed number).

Every stand-in carries a ``note`` that says the food is no longer in the table.
``data/foods-retired.json`` is read only when such an id turns up.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from typing import Final, NamedTuple, Protocol

from mgtui.foods.model import Food, Portion
from mgtui.foods.table import data_dir, load_table
from mgtui.frozen import replace

RETIRED_FILE: Final = "foods-retired.json"
NOT_IN_TABLE: Final = "no longer in the USDA table"
_NDB_NUMBER: Final = re.compile(r"\d{5}")
# How entries write an amount (``portions.format_quantity``): "2", "0.3", "1/2", "1 1/2".
_QUANTITY: Final = re.compile(r"(?:(\d+ )?(\d+)/(\d+)|(\d+(?:\.\d+)?)) (\S.*)")


class RetiredFood(NamedTuple):
    """An SR24 food SR28 dropped: its number, SR24's name, and SR28's number for it."""

    id: str
    name: str
    successor: str | None


class LoggedFood(Protocol):
    """What a stand-in needs of a logged entry (``mgtui.domain.entries.Entry`` has it)."""

    @property
    def date(self) -> dt.date: ...
    @property
    def name(self) -> str: ...
    @property
    def amount(self) -> str: ...
    @property
    def grams(self) -> float | None: ...
    @property
    def magnesium_mg(self) -> float | None: ...
    @property
    def calcium_mg(self) -> float | None: ...


_lock = threading.Lock()
_retired: dict[str, RetiredFood] | None = None


def retired_foods() -> dict[str, RetiredFood]:
    """Every SR24 food SR28 dropped, by NDB number (read on the first call and kept)."""
    global _retired
    if _retired is None:
        with _lock:
            if _retired is None:
                document = json.loads(data_dir().joinpath(RETIRED_FILE).read_bytes())
                _retired = {
                    row[0]: RetiredFood(row[0], row[1], row[2]) for row in document["foods"]
                }
    return _retired


def missing_from_table(food_id: str | None) -> bool:
    """Whether ``food_id`` is a USDA NDB number the table does not have (any more)."""
    return (
        food_id is not None
        and _NDB_NUMBER.fullmatch(food_id) is not None
        and load_table().get(food_id) is None
    )


def stand_in_food(food_id: str, last_entry: LoggedFood | None = None) -> Food | None:
    """A food for a USDA id the table no longer has, or None for an id it has or that is
    no NDB number (a custom food's id is the store's business). See the module's doc.
    """
    if not missing_from_table(food_id):
        return None
    retired = retired_foods().get(food_id)
    if retired is not None and retired.successor is not None:
        successor = load_table().get(retired.successor)
        if successor is not None:
            return replace(
                successor,
                id=food_id,
                name=retired.name,
                note=f"{NOT_IN_TABLE}; the numbers of SR28's {successor.id}, the same food",
            )
    if last_entry is not None and last_entry.grams:
        per_100g = 100.0 / last_entry.grams

        def scaled(value: float | None) -> float | None:
            return None if value is None else value * per_100g

        return Food(
            id=food_id,
            name=last_entry.name,
            group="",
            magnesium_mg_per_100g=scaled(last_entry.magnesium_mg),
            calcium_mg_per_100g=scaled(last_entry.calcium_mg),
            portions=(_portion(last_entry.amount, last_entry.grams),),
            note=f"{NOT_IN_TABLE}; the numbers of your entry of {last_entry.date:%Y-%m-%d}",
        )
    if retired is None:  # never in SR24 either: a number from a hand-edited or imported file
        name, missing = f"USDA food {food_id}", "not in the USDA table"
    else:
        name, missing = retired.name, NOT_IN_TABLE
    return Food(
        id=food_id,
        name=name,
        group="",
        magnesium_mg_per_100g=None,
        calcium_mg_per_100g=None,
        note=f"{missing}; no numbers to log it with",
    )


def without_numbers(food: Food) -> bool:
    """Whether ``food`` is a stand-in with neither magnesium nor calcium to log it with."""
    return (
        food.note is not None
        and food.magnesium_mg_per_100g is None
        and food.calcium_mg_per_100g is None
    )


def _portion(amount: str, grams: float) -> Portion:
    """The entry's amount as a portion: "2 slice" of 60 g is 2 of "slice"."""
    match = _QUANTITY.fullmatch(" ".join(amount.split()))
    if match is None:
        return Portion(name=amount.strip() or "portion", grams=grams)
    whole, numerator, denominator, decimal, unit = match.groups()
    if decimal is not None:
        quantity = float(decimal)
    else:
        quantity = int(whole or 0) + int(numerator) / max(int(denominator), 1)
    if quantity <= 0:
        return Portion(name=amount.strip(), grams=grams)
    return Portion(name=unit, grams=grams, amount=quantity)
