"""Typed food values shared by the food table, custom foods and the store."""

from __future__ import annotations

import re
from typing import Final

from mgtui.frozen import field, frozen

# USDA measures that name a thing counted, by their first word: after a quantity above
# one they read in the plural ("2 cups, chopped", "3 slices"). Adjectives ("large",
# "medium") and abbreviations ("oz", "tbsp") read the same after any quantity.
_PLURALS: Final = {
    word: word + "s"
    for word in [
        "bar",
        "biscuit",
        "bottle",
        "breast",
        "cake",
        "can",
        "chop",
        "clove",
        "container",
        "cookie",
        "cracker",
        "cup",
        "doughnut",
        "drink",
        "drumstick",
        "ear",
        "fillet",
        "fruit",
        "head",
        "item",
        "jar",
        "leg",
        "link",
        "muffin",
        "package",
        "packet",
        "pancake",
        "pepper",
        "pie",
        "piece",
        "pint",
        "portion",
        "quart",
        "roast",
        "roll",
        "scoop",
        "serving",
        "slice",
        "spear",
        "stalk",
        "steak",
        "stick",
        "strip",
        "tablespoon",
        "teaspoon",
        "thigh",
        "unit",
        "waffle",
        "wedge",
        "wing",
    ]
} | {
    "bunch": "bunches",
    "box": "boxes",
    "leaf": "leaves",
    "pastry": "pastries",
    "patty": "patties",
    "potato": "potatoes",
    "pouch": "pouches",
    "sandwich": "sandwiches",
}
_SINGULARS: Final = {plural: word for word, plural in _PLURALS.items()}
_FIRST_WORD = re.compile(r"[A-Za-z]+")


def unit_after(quantity: float, unit: str) -> str:
    """``unit`` as it reads after ``quantity``: "cups, chopped" after 2, "cup" after 1 or
    1/2, whichever number the name had (an entry's "2 cups" makes a stand-in's measure)."""
    first = _FIRST_WORD.match(unit)
    if first is None:
        return unit
    word = first.group()
    # 0.333 cup three times shows as "1 cup" (portions.format_quantity).
    table = _SINGULARS if quantity < 1.005 else _PLURALS
    changed = table.get(word.lower())
    if changed is None:
        return unit
    if word.isupper() and len(word) > 1:
        changed = changed.upper()
    elif word[0].isupper():
        changed = changed.capitalize()
    return changed + unit[first.end() :]


@frozen
class Portion:
    """A household measure of one food: "1 oz" = 28.35 g, "1 cup, chopped" = 30 g."""

    name: str  # USDA's measure name without the amount: "oz", "cup, chopped", "medium (7\" long)"
    grams: float  # grams in ``amount`` of this measure
    amount: float = 1.0  # USDA gives e.g. amount=0.5 name="cup": 0.5 cup weighs ``grams``

    @property
    def label(self) -> str:
        # Three decimals at most, as USDA writes amounts ("0.333 cup"): a portion made
        # from an entry's "1/3 cup" (foods.retired) holds 1/3 exactly.
        return f"{round(self.amount, 3):g} {unit_after(self.amount, self.name)}"

    @property
    def grams_per_unit(self) -> float:
        return self.grams / self.amount


@frozen
class Food:
    """A food with its nutrients per 100 g; ``None`` means USDA has no value (not zero)."""

    id: str  # 5-digit USDA NDB number with its leading zero ("01077"), or "custom-<slug>"
    name: str
    group: str
    magnesium_mg_per_100g: float | None
    calcium_mg_per_100g: float | None
    vitamin_d_iu_per_100g: float | None = None
    energy_kcal_per_100g: float | None = None
    portions: tuple[Portion, ...] = field(default=())
    custom: bool = False
    # Why a food the table lacks is shown anyway: "no longer in the USDA table; ..."
    # (``mgtui.foods.retired``); None for a table or custom food.
    note: str | None = None

    def magnesium_mg(self, grams: float) -> float | None:
        if self.magnesium_mg_per_100g is None:
            return None
        return self.magnesium_mg_per_100g * grams / 100.0

    def calcium_mg(self, grams: float) -> float | None:
        if self.calcium_mg_per_100g is None:
            return None
        return self.calcium_mg_per_100g * grams / 100.0

    def vitamin_d_iu(self, grams: float) -> float | None:
        if self.vitamin_d_iu_per_100g is None:
            return None
        return self.vitamin_d_iu_per_100g * grams / 100.0
