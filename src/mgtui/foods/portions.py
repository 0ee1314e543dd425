"""What people write for an amount of a food, in grams.

``parse_portion(food, "1/2 cup")`` understands a number (``30``, ``1.5``, ``1/2``,
``½``, ``1 1/2``, ``1½``) followed by a unit:

* the generic weights g, kg, oz and lb, which every food has;
* one of the food's own USDA measures, case- and plural-insensitive, by its leading
  words: "medium" finds ``medium (7" to 7-7/8" long)``, "cup" finds "cup, chopped"
  when the food has no plain "cup"; tbsp/tablespoon, tsp/teaspoon and fl oz/fluid
  ounce are the same unit;
* a kitchen volume (tsp, tbsp, fl oz, cup, pint, quart) the food has no measure for,
  converted from one it has: 2 tbsp of a food whose plain "cup" weighs 129 g weigh
  16.1 g, since a tablespoon is a sixteenth of a cup. Only a plain measure counts:
  "cup, chopped" is the volume of chopped pieces and air, not of the food;
* ml and l only for drinks and other liquids, which USDA measures in fl oz: the fl oz
  weight gives the density (milk: 30.5 g per fl oz, so 250 ml weigh 258 g). For a
  solid, "100 ml of almonds" has no honest weight, so it is refused like any unit the
  food lacks (a custom food can have its own "ml" or "l" measure).

A number alone means that many of the food's first measure as USDA lists it (100 g
if it has none): 2 of "0.5 cup = 60 g" is 1 cup, 120 g. A unit alone means one of it.
Anything else raises ``PortionError`` with a message fit for the user, listing the
measures the food has.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Final

from mgtui.errors import BadInputError
from mgtui.foods.model import Food, Portion, unit_after
from mgtui.foods.text import STOP_WORDS, name_terms, stem, words
from mgtui.frozen import frozen

# One entry of one food above this is a typing error, not a meal.
MAX_GRAMS: Final = 5000.0
# Less than this is no portion anyone eats: an entry of it would read "0 g" and "0 mg".
MIN_GRAMS: Final = 0.1
DEFAULT_GRAMS: Final = 100.0  # the amount for a food without household measures

# Exact by definition (international yard and pound agreement, 1959).
GRAMS_PER_UNIT: Final = {"g": 1.0, "kg": 1000.0, "oz": 28.349523125, "lb": 453.59237}
# US customary volumes in millilitres (NIST Handbook 44), the units USDA measures in.
ML_PER_UNIT: Final = {
    "ml": 1.0,
    "l": 1000.0,
    "tsp": 4.92892159375,
    "tbsp": 14.78676478125,
    "fl oz": 29.5735295625,
    "cup": 236.5882365,
    "pint": 473.176473,
    "quart": 946.352946,
}
KITCHEN_VOLUMES: Final = frozenset({"tsp", "tbsp", "fl oz", "cup", "pint", "quart"})
METRIC_VOLUMES: Final = frozenset({"ml", "l"})
LIQUID_MEASURE: Final = "fl oz"  # USDA gives fl oz for liquids only
# The generic units offered after a food's own measures in an error message.
SUGGESTED_UNITS: Final = ("g", "oz")
# Words that mark a measure of a food cut or ground rather than as it is usually eaten:
# "cup, ground" of almonds weighs 95 g and "cup, whole" 143 g, so "1/2 cup" from someone
# who never logged ground almonds means whole ones.
PREPARED_FORM_WORDS: Final = frozenset(
    {
        "chopped",
        "crushed",
        "cubed",
        "diced",
        "grated",
        "ground",
        "halves",
        "mashed",
        "minced",
        "pieces",
        "pureed",
        "shredded",
        "sliced",
        "slivered",
    }
)
EVERYDAY_FORM_WORDS: Final = frozenset({"whole"})

# Other spellings, after folding and stemming each word (see ``_unit_key``).
_ALIASES: Final = {
    "gram": "g",
    "gr": "g",
    "gm": "g",
    "gms": "g",
    "kilo": "kg",
    "kilogram": "kg",
    "kgs": "kg",
    "ounc": "oz",
    "ozs": "oz",
    "pound": "lb",
    "lbs": "lb",
    "tablespoon": "tbsp",
    "tbs": "tbsp",
    "tbl": "tbsp",
    "tbsps": "tbsp",
    "teaspoon": "tsp",
    "tsps": "tsp",
    "fluid": "fl",
    "millilitr": "ml",  # "millilitre(s)"
    "milliliter": "ml",
    "mls": "ml",
    "litr": "l",  # "litre(s)"
    "liter": "l",
    "ltr": "l",
}
_MULTI_WORD_ALIASES: Final = {("fl", "oz"): "fl oz", ("fl", "ounc"): "fl oz"}

_FRACTION_CHARS: Final = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒"
_NUMBER = re.compile(
    r"""
    (?P<sign>[+-])?\s*
    (?:
        (?P<whole>\d+)(?:\s+|\s*-\s*)(?P<num>\d+)\s*/\s*(?P<den>\d+)   # 1 1/2, 1-1/2
      | (?P<whole2>\d+)?\s*(?P<vulgar>[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒])       # ½, 1½, 1 ½
      | (?P<num2>\d+)\s*/\s*(?P<den2>\d+)                               # 1/2
      | (?P<decimal>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)           # 30, 1.5, 1e3
    )
    """,
    re.VERBOSE,
)
_NOT_FINITE = re.compile(r"^[+-]?\s*(nan\b|inf\b|infinity\b|∞)", re.IGNORECASE)
_DECIMAL_COMMA = re.compile(r"^\d+,\d")
_TRAILING_GRAMS = re.compile(r"\s*\([^()]*\)\s*$")  # "1 cup (129 g)", as mgtui prints it
_COMMON_FRACTIONS: Final = (2, 3, 4, 8)  # shown as 1/2, 2/3, 3/4, 3/8; others as decimals
# USDA writes thirds as 0.333 and 0.667: close enough to show as 1/3 and 2/3.
_FRACTION_TOLERANCE: Final = 0.005


class PortionError(BadInputError):
    """An amount that cannot be turned into grams; the message is meant for the user."""


@frozen
class PortionAmount:
    """An amount of one food: how many of which unit, and what that weighs."""

    grams: float
    quantity: float  # how many units: 1.5 for "1 1/2 cups"
    unit: str  # "g", "oz", or the food's measure as USDA names it: "cup, chopped"
    portion: Portion | None = None  # the food's measure the grams come from, if any

    @property
    def measure(self) -> str:
        """The amount as an entry keeps it: "1 oz", "1/2 cup, chopped", "2 cups", "30 g"."""
        return f"{format_quantity(self.quantity)} {unit_after(self.quantity, self.unit)}"

    @property
    def label(self) -> str:
        """ "1 oz (28.35 g)", "1/2 cup, chopped (15 g)", or "30 g" for grams."""
        if self.unit == "g":
            return self.measure
        return f"{self.measure} ({format_grams(self.grams)} g)"


def format_quantity(quantity: float) -> str:
    """1 -> "1", 0.5 -> "1/2", 1.5 -> "1 1/2", 0.999 -> "1", 0.3 -> "0.3", 0.001 -> "0.001"."""
    whole = math.floor(quantity)
    rest = quantity - whole
    if rest > 1 - _FRACTION_TOLERANCE:  # 3 x 0.333 cup is 1 cup, not "2/2"
        whole, rest = whole + 1, 0.0
    if rest < _FRACTION_TOLERANCE:
        if whole == 0 and quantity > 0:
            return f"{quantity:.3g}"  # a tiny amount is not "0"
        return f"{whole:d}"
    for denominator in _COMMON_FRACTIONS:
        numerator = rest * denominator
        if abs(numerator - round(numerator)) < _FRACTION_TOLERANCE:
            fraction = f"{round(numerator)}/{denominator}"
            return fraction if whole == 0 else f"{whole} {fraction}"
    return f"{round(quantity, 3):g}"


def format_grams(grams: float) -> str:
    return f"{round(grams, 2):g}"


def portion_label(portion: Portion) -> str:
    """A food's own measure as the user can type it back: "1 cup (129 g)"."""
    measure = unit_after(portion.amount, portion.name)
    return f"{format_quantity(portion.amount)} {measure} ({format_grams(portion.grams)} g)"


def portion_choices(food: Food) -> list[str]:
    """What to offer for this food: its own measures, then the generic weights."""
    choices = [portion_label(portion) for portion in _usable(food.portions)]
    choices.extend(SUGGESTED_UNITS)
    if _density(food, "ml") is not None:
        choices.append("ml")
    return choices


def default_portion(food: Food) -> PortionAmount:
    """One of the food's first measure, or 100 g when it has none."""
    return _count_of_first(food, 1.0)


def parse_portion(food: Food, text: str, *, last_unit: str | None = None) -> PortionAmount:
    """The amount of ``food`` that ``text`` describes; PortionError if it describes none.

    Where the words fit several of the food's measures ("cup" of almonds: whole,
    sliced, slivered, ground), ``last_unit`` (the measure the person logged last)
    wins, else the everyday form (see ``everyday_rank``).
    """
    cleaned = _clean(text)
    if not cleaned:
        raise PortionError("the amount is empty: give e.g. 30g, 1 oz or 1/2 cup")
    if _NOT_FINITE.match(cleaned):
        raise PortionError(f"{text.strip()!r} is not a number")
    if _DECIMAL_COMMA.match(cleaned):
        raise PortionError(f"{text.strip()!r}: write decimals with a dot, as in 1.5")

    quantity, unit_text = _split_quantity(cleaned, text)
    if quantity is not None:
        _check_quantity(quantity, text)

    if not unit_text:
        assert quantity is not None  # cleaned is not empty, so one of the two is there
        return _checked(_count_of_first(food, quantity), text)
    count = quantity if quantity is not None else 1.0
    amount = _match_unit(food, count, unit_text, last_unit)
    if amount is None:
        stripped = _TRAILING_GRAMS.sub("", unit_text)
        if stripped and stripped != unit_text:
            amount = _match_unit(food, count, stripped, last_unit)
    if amount is None and _unit_key(unit_text) == ("mg",):
        raise PortionError("mg measures a nutrient, not a food: give the food's weight, as in 30 g")
    if amount is None:
        raise PortionError(
            f"{food.name} has no portion {unit_text!r}; try: {', '.join(portion_choices(food))}"
        )
    return _checked(amount, text)


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    # Typographic forms a phone keyboard or a copied label may bring.
    text = text.replace("\u2044", "/").replace("\u2215", "/").replace("\u2212", "-")
    return " ".join(text.split())


def _split_quantity(cleaned: str, original: str) -> tuple[float | None, str]:
    match = _NUMBER.match(cleaned)
    if match is None or match.end() == 0:
        return None, cleaned.strip()
    groups = match.groupdict()
    try:
        if groups["whole"] is not None:
            value = int(groups["whole"]) + int(groups["num"]) / int(groups["den"])
        elif groups["vulgar"] is not None:
            whole = int(groups["whole2"]) if groups["whole2"] else 0
            value = whole + unicodedata.numeric(groups["vulgar"])
        elif groups["num2"] is not None:
            value = int(groups["num2"]) / int(groups["den2"])
        else:
            value = float(groups["decimal"])
    except ZeroDivisionError:
        raise PortionError(f"{original.strip()!r} divides by zero") from None
    except OverflowError:
        raise PortionError(f"{original.strip()!r} is not a finite number") from None
    if groups["sign"] == "-":
        value = -value
    return value, cleaned[match.end() :].strip()


def _check_quantity(quantity: float, original: str) -> None:
    if not math.isfinite(quantity):
        raise PortionError(f"{original.strip()!r} is not a finite number")
    if quantity <= 0:
        raise PortionError(f"the amount must be more than zero, not {original.strip()!r}")


def _checked(amount: PortionAmount, original: str) -> PortionAmount:
    if not math.isfinite(amount.grams) or amount.grams <= 0:
        raise PortionError(f"{original.strip()!r} is not a usable amount")
    if amount.grams < MIN_GRAMS:
        raise PortionError(
            f"{amount.label} is less than {MIN_GRAMS:g} g: too little to log; check the amount"
        )
    if amount.grams > MAX_GRAMS:
        raise PortionError(
            f"{amount.label} is more than {MAX_GRAMS / 1000:g} kg of one food in one entry; "
            "check the amount"
        )
    return amount


def _usable(portions: tuple[Portion, ...]) -> list[Portion]:
    # A custom food may carry a broken measure; it must not divide by zero later.
    return [p for p in portions if p.amount > 0 and p.grams > 0 and math.isfinite(p.grams)]


def _count_of_first(food: Food, count: float) -> PortionAmount:
    """``count`` of the food's first measure as USDA lists it: 2 of "0.5 cup" is 1 cup."""
    portions = _usable(food.portions)
    if not portions:
        grams = count * DEFAULT_GRAMS
        return PortionAmount(grams=grams, quantity=grams, unit="g")
    first = portions[0]
    return PortionAmount(
        grams=count * first.grams, quantity=count * first.amount, unit=first.name, portion=first
    )


def _unit_key(text: str) -> tuple[str, ...]:
    """A unit's words, folded, stemmed and with aliases resolved: "Tablespoons" -> ("tbsp",)."""
    kept = [word for word in words(text) if word not in STOP_WORDS]  # "1 cup of milk"
    key = [_ALIASES.get(stemmed, stemmed) for stemmed in (stem(word) for word in kept)]
    # "fl oz" is one unit; so is "fluid ounces" once its words are resolved.
    for pair, unit in _MULTI_WORD_ALIASES.items():
        if tuple(key[:2]) == pair:
            key = [unit, *key[2:]]
    return tuple(key)


def everyday_rank(portion_name: str) -> int:
    """0 for a measure of the food as it is usually eaten ("cup, whole"), 1 for a plain
    one ("cup"), 2 for one cut or ground ("cup, ground", "cup, sliced")."""
    found = set(words(portion_name))
    if found & EVERYDAY_FORM_WORDS:
        return 0
    return 2 if found & PREPARED_FORM_WORDS else 1


def _match_unit(
    food: Food, quantity: float, unit_text: str, last_unit: str | None = None
) -> PortionAmount | None:
    key = _unit_key(unit_text)
    amount = _match_key(food, quantity, key, last_unit)
    # "2 large eggs", "1 cup milk": the food's own name after the unit says nothing more.
    food_words = {term for term, _ in name_terms(food.name)}
    while amount is None and len(key) > 1 and key[-1] in food_words:
        key = key[:-1]
        amount = _match_key(food, quantity, key, last_unit)
    return amount


def _match_key(
    food: Food, quantity: float, key: tuple[str, ...], last_unit: str | None = None
) -> PortionAmount | None:
    if not key:
        return None
    portions = _usable(food.portions)
    keys = [_unit_key(portion.name) for portion in portions]

    def amount_of(portion: Portion) -> PortionAmount:
        return PortionAmount(
            grams=quantity * portion.grams_per_unit,
            quantity=quantity,
            unit=portion.name,
            portion=portion,
        )

    # The food's own measure of exactly this name: its "oz" is USDA's 28.35 g.
    for portion, portion_key in zip(portions, keys, strict=True):
        if portion_key == key:
            return amount_of(portion)
    if len(key) == 1 and key[0] in GRAMS_PER_UNIT:
        unit = key[0]
        return PortionAmount(grams=quantity * GRAMS_PER_UNIT[unit], quantity=quantity, unit=unit)
    # A measure whose name starts with these words: "medium (7\" long)", "cup, chopped";
    # of several, the one logged last, else the everyday form, else USDA's order.
    starting = [
        portion
        for portion, portion_key in zip(portions, keys, strict=True)
        if portion_key[: len(key)] == key
    ]
    if starting:
        return amount_of(
            min(
                starting,
                key=lambda portion: (portion.name != last_unit, everyday_rank(portion.name)),
            )
        )
    if len(key) == 1 and key[0] in ML_PER_UNIT:
        density = _density(food, key[0])
        if density is not None:
            grams_per_ml, source = density
            grams = quantity * ML_PER_UNIT[key[0]] * grams_per_ml
            return PortionAmount(grams=grams, quantity=quantity, unit=key[0], portion=source)
    return None


def _density(food: Food, unit: str) -> tuple[float, Portion] | None:
    """Grams per millilitre for converting to ``unit``, from a plain volume measure.

    Kitchen volumes convert from the first plain kitchen measure; ml and l only from
    fl oz, the measure USDA uses for liquids alone. A custom food measured in ml or l
    (a mineral water's label: mg per litre) is a liquid by its owner's word, so those
    measures convert to any volume too.
    """
    sources = {LIQUID_MEASURE} if unit in METRIC_VOLUMES else set(KITCHEN_VOLUMES)
    if food.custom:
        sources |= METRIC_VOLUMES
    for portion in _usable(food.portions):
        key = _unit_key(portion.name)
        if len(key) == 1 and key[0] in sources:
            return portion.grams_per_unit / ML_PER_UNIT[key[0]], portion
    return None
