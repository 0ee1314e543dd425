"""Turning what a person types into log entries, products, custom foods and profiles.

Shared by the CLI and the app so both accept the same input and say the same thing
about bad input. Pure: no Textual, no TinyDB. Every failure is an ``AmountError``
(or a domain error) whose message is written for the person who typed the value.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Literal

from mgtui.domain.entries import Entry, rescaled_vitamin_d
from mgtui.domain.figures import half_up
from mgtui.domain.supplements import (
    SupplementError,
    SupplementProduct,
    check_dose_mg,
    elemental_calcium_mg,
    elemental_magnesium_mg,
    looks_like_calcium_compound_weight,
    looks_like_compound_weight,
    magnesium_form,
    vitamin_d_iu,
)
from mgtui.domain.supplements import (
    calcium_form as calcium_form_of,
)
from mgtui.domain.targets import CustomTargets, Profile, ProfileError, parse_ratio_band
from mgtui.errors import BadInputError
from mgtui.foods.model import Food, Portion
from mgtui.frozen import replace

VitaminDUnit = Literal["IU", "mcg"]

# Servings of one supplement product in one entry; more is a typo, not a dose, and
# less than a hundredth of a serving is no dose anyone takes (it would read "0 mg").
MAX_SERVINGS = 20.0
MIN_SERVINGS = 0.01
# Grams a custom food's portion may weigh (a 2 l bottle of water is 2,000 g).
MAX_PORTION_GRAMS = 5000.0
CUSTOM_PREFIX = "custom-"


class AmountError(BadInputError):
    """A value a person typed that cannot be used; the message says why."""


def parse_number(text: str, what: str, *, minimum: float = 0.0, maximum: float = 1e6) -> float:
    """A finite number in [minimum, maximum]; "1e309", "nan", "-5" and "abc" are refused."""
    cleaned = text.strip().lower().removesuffix("mg").strip()
    try:
        value = float(cleaned)
    except ValueError:
        raise AmountError(f"{what} must be a number, not {text.strip()!r}") from None
    if not math.isfinite(value):
        raise AmountError(f"{what} must be a finite number, not {text.strip()!r}")
    if value < minimum:
        raise AmountError(f"{what} cannot be below {minimum:g} ({value:g})")
    if value > maximum:
        raise AmountError(f"{what} of {value:g} is not plausible (at most {maximum:g})")
    return value


def optional_number_text(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


# How far ahead a day may be logged or opened: tomorrow, for a dose taken after midnight
# on another clock (travel, a late night); further is a typo ("2062" for "2026") that
# would otherwise go unnoticed, not a day anyone has lived.
MAX_DAYS_AHEAD = 1


def future_day_problem(day: dt.date, today: dt.date) -> str | None:
    """Why ``day`` cannot be used, when it lies beyond tomorrow; None when it can."""
    if (day - today).days <= MAX_DAYS_AHEAD:
        return None
    return (
        f"{day.isoformat()} is {(day - today).days:,} days ahead; mgtui goes as far as "
        f"tomorrow ({(today + dt.timedelta(days=MAX_DAYS_AHEAD)).isoformat()}): check the year"
    )


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(text: str, today: dt.date) -> dt.date:
    """A real YYYY-MM-DD date, or "today"/"yesterday"; 2026-02-30 is refused."""
    cleaned = text.strip().lower()
    if cleaned in ("today", "yesterday"):
        return today if cleaned == "today" else today - dt.timedelta(days=1)
    if not _DATE.fullmatch(cleaned):
        raise AmountError(f"{text.strip()!r} is not a date; write YYYY-MM-DD or yesterday")
    try:
        return dt.date.fromisoformat(cleaned)
    except ValueError:
        raise AmountError(f"{text.strip()} is not a real date") from None


_TIME_OF_DAY = re.compile(r"(\d{1,2})[:.h]?(\d{2})")


def parse_time_of_day(text: str) -> dt.time:
    """HH:MM on a 24-hour clock, as typed in the app: "08:30", "8:30", "0830" or "8.30"."""
    cleaned = text.strip()
    if not cleaned:
        raise AmountError("type the time you had it, HH:MM (e.g. 08:30)")
    match = _TIME_OF_DAY.fullmatch(cleaned)
    if match is None:
        raise AmountError(f"{cleaned!r} is not a time; write HH:MM, e.g. 08:30")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise AmountError(f"{cleaned} is not a time of day (00:00 to 23:59)")
    return dt.time(hour, minute)


def time_text(time: dt.time | None) -> str:
    """A time as the app's time fields show it; empty when it is to be typed."""
    return "" if time is None else time.strftime("%H:%M")


# -- foods ----------------------------------------------------------------------------


# The portion parser is imported inside the functions that need it: ``mgtui status``
# never does, and it should not pay for loading it.


def default_portion(food: Food) -> Portion:
    """The portion a search row shows Mg for: the food's first measure, or 100 g."""
    from mgtui.foods.portions import default_portion as first_portion

    amount = first_portion(food)
    return Portion(name=amount.unit, grams=amount.grams, amount=amount.quantity)


def default_amount_text(food: Food) -> str:
    from mgtui.foods.portions import default_portion as first_portion

    return first_portion(food).label


# Where a food's amount comes from when none is typed (``present.text.portion_source``).
PortionSource = Literal["last", "first", "grams"]


def last_unit(food: Food, last: Entry | None) -> str | None:
    """The measure of ``food`` the person logged last ("cup, ground"), if any."""
    from mgtui.foods import portions

    if last is None:
        return None
    try:
        return portions.parse_portion(food, last.amount).unit
    except portions.PortionError:
        return None  # the food's measures changed since: that entry says nothing now


def remembered_amount(food: Food, last: Entry | None) -> tuple[str, PortionSource]:
    """The amount to start from: the person's last portion of ``food`` (``last``, its
    latest entry), else its first USDA portion (100 g where it has none); with where
    it comes from. Returned as text that ``food_entry`` takes back."""
    from mgtui.foods import portions

    if last is not None:
        try:
            return portions.parse_portion(food, last.amount).label, "last"
        except portions.PortionError:
            pass  # the food's measures changed since: its first portion stands in
    first = portions.default_portion(food)
    return first.label, "first" if first.portion is not None else "grams"


def portion_choices(food: Food) -> list[str]:
    """What a picker offers, each as it can be typed back: "1 oz (28.35 g)", "g", "oz"."""
    from mgtui.foods.portions import portion_choices as choices

    return choices(food)


def portion_labels(food: Food) -> list[str]:
    """The food's own measures as they read: "1 oz (28.35 g)"; none for a food without."""
    from mgtui.foods.portions import portion_label

    return [portion_label(portion) for portion in food.portions]


def food_entry(
    food: Food,
    amount_text: str | None,
    day: dt.date,
    time: dt.time,
    *,
    last: Entry | None = None,
) -> Entry:
    """An entry (not yet stored) for an amount of a food.

    ``last`` is the person's latest entry of the food: with no amount typed its portion
    is used (else the first USDA portion), and of several measures the words fit
    ("1/2 cup" of almonds) its measure wins.
    """
    from mgtui.foods import portions

    try:
        if amount_text is None or not amount_text.strip():
            amount_text = remembered_amount(food, last)[0]
        amount = portions.parse_portion(food, amount_text, last_unit=last_unit(food, last))
    except portions.PortionError as error:
        raise AmountError(str(error)) from None
    return Entry(
        id="",
        date=day,
        time=time,
        kind="food",
        name=food.name,
        amount=amount.measure,
        magnesium_mg=food.magnesium_mg(amount.grams),
        calcium_mg=food.calcium_mg(amount.grams),
        food_id=food.id,
        grams=amount.grams,
        vitamin_d_iu=food.vitamin_d_iu(amount.grams),
    )


def resolve_foods(
    food_ids: Iterable[str],
    custom_foods: Sequence[Food],
    last_entry: Callable[[str], Entry | None] | None = None,
) -> list[Food]:
    """Foods for ids from the table or the person's custom foods; a USDA id the table no
    longer has gets a stand-in that says so (``foods.retired``, from ``last_entry`` of
    that id where there is one); other unknown ids are skipped."""
    from mgtui.foods import get_food
    from mgtui.foods.retired import stand_in_food

    custom = {food.id: food for food in custom_foods}
    foods: list[Food] = []
    for food_id in food_ids:
        food = custom.get(food_id) or get_food(food_id)
        if food is None:
            food = stand_in_food(food_id, last_entry(food_id) if last_entry else None)
        if food is not None:
            foods.append(food)
    return foods


def _food_of(entry: Entry, custom_foods: Sequence[Food]) -> Food | None:
    if entry.food_id is None:
        return None
    found = resolve_foods([entry.food_id], custom_foods, lambda _: entry)
    return found[0] if found else None


def rescale_entry(entry: Entry, amount_text: str, custom_foods: Sequence[Food]) -> Entry:
    """The entry with a new amount, its nutrients scaled from its own logged values.

    The entry's magnesium per gram (or per serving) is what it had when logged, so a
    later change to the food table never rewrites what was eaten.
    """
    if entry.is_medicine:
        raise AmountError("a medicine's entry has no amount to change; change its time instead")
    if entry.is_supplement:
        servings = parse_servings(amount_text)
        old = entry.servings or 1.0
        factor = servings / old
        return replace(
            entry,
            amount=servings_label(servings),
            servings=servings,
            magnesium_mg=None if entry.magnesium_mg is None else entry.magnesium_mg * factor,
            calcium_mg=None if entry.calcium_mg is None else entry.calcium_mg * factor,
            vitamin_d_iu=rescaled_vitamin_d(entry, grams=None, servings=servings),
        )
    food = _food_of(entry, custom_foods)
    if food is None:
        # The food is gone from the table: grams are the only unit left.
        food = Food(entry.food_id or "", entry.name, "", None, None)
    changed = food_entry(food, amount_text, entry.date, entry.time)
    if not entry.grams or changed.grams is None:
        raise AmountError("this entry has no weight to scale from; delete it and log it again")
    factor = changed.grams / entry.grams

    def scaled(value: float | None) -> float | None:
        return None if value is None else value * factor

    return replace(
        entry,
        amount=changed.amount,
        grams=changed.grams,
        magnesium_mg=scaled(entry.magnesium_mg),
        calcium_mg=scaled(entry.calcium_mg),
        vitamin_d_iu=scaled(entry.vitamin_d_iu),
    )


def edited_entry(
    entry: Entry, amount_text: str, time_text: str, custom_foods: Sequence[Food]
) -> Entry:
    """The entry with the amount and time typed in the app's edit dialog.

    An amount left as it was keeps the entry's numbers exactly (a move in time changes
    nothing else); a new one is scaled by ``rescale_entry``.
    """
    time = parse_time_of_day(time_text)
    if entry.is_medicine:
        return replace(entry, time=time)
    if not amount_text.strip():
        raise AmountError("type an amount, or press Esc to keep it")
    if amount_text.strip() == entry.amount:
        return replace(entry, time=time)
    return replace(rescale_entry(entry, amount_text, custom_foods), time=time)


def amount_hint(entry: Entry, custom_foods: Sequence[Food]) -> str:
    if entry.is_medicine:
        return "A medicine has no amount here: change its time."
    if entry.is_supplement:
        return "Servings, e.g. 1, 2 or 0.5."
    food = _food_of(entry, custom_foods)
    if food is None:
        return "Grams or ounces, e.g. 30 g or 1.5 oz."
    return "e.g. " + ", ".join(portion_choices(food)[:4])


_SLUG = re.compile(r"[^a-z0-9]+")


def custom_food_id(name: str) -> str:
    slug = _SLUG.sub("-", name.casefold()).strip("-")[:40] or "food"
    return CUSTOM_PREFIX + slug


def _optional_label_mg(text: str | None, what: str) -> float | None:
    if text is None or not text.strip():
        return None
    return parse_number(text, what, maximum=5000)


def make_custom_food(
    name: str,
    portion_name: str,
    grams_text: str,
    magnesium_text: str | None,
    calcium_text: str | None,
) -> Food:
    """A custom food from label values per portion, stored per 100 g."""
    clean_name = " ".join(name.split())
    if not clean_name:
        raise AmountError("a custom food needs a name")
    if len(clean_name) > 120:
        raise AmountError("a food name of at most 120 characters, please")
    portion = " ".join(portion_name.split()) or "serving"
    grams = parse_number(grams_text, "the portion's weight in grams", maximum=MAX_PORTION_GRAMS)
    if grams <= 0:
        raise AmountError("the portion's weight must be more than 0 g")
    # An empty field is unknown, not zero: the food then counts as "no value" in the
    # completeness figures, like a USDA food without one.
    magnesium = _optional_label_mg(magnesium_text, "magnesium per portion")
    calcium = _optional_label_mg(calcium_text, "calcium per portion")
    per_100g = 100.0 / grams
    return Food(
        id=custom_food_id(clean_name),
        name=clean_name,
        group="Custom foods",
        magnesium_mg_per_100g=None if magnesium is None else magnesium * per_100g,
        calcium_mg_per_100g=None if calcium is None else calcium * per_100g,
        portions=(Portion(name=portion, grams=grams),),
        custom=True,
    )


# -- supplements ----------------------------------------------------------------------


def parse_servings(text: str) -> float:
    cleaned = re.sub(r"\s*(servings?|x)\s*$", "", text.strip().lower())
    servings = parse_number(cleaned, "servings", maximum=MAX_SERVINGS)
    if servings <= 0:
        raise AmountError("servings must be more than 0")
    if servings < MIN_SERVINGS:
        raise AmountError(f"{servings:g} servings is too little to log (at least {MIN_SERVINGS:g})")
    return servings


def servings_label(servings: float) -> str:
    return f"{servings:g} serving" + ("" if servings == 1 else "s")


def make_product(
    name: str,
    form: str | None,
    magnesium_text: str,
    calcium_text: str,
    serving: str,
    *,
    compound: bool,
    calcium_form: str | None = None,
    calcium_compound: bool = False,
    vitamin_d_text: str = "",
    vitamin_d_unit: VitaminDUnit = "IU",
) -> SupplementProduct:
    """A product from a label; with ``compound``, the magnesium number is the compound
    weight, and with ``calcium_compound`` the calcium number is (of ``calcium_form``).
    Vitamin D is per serving in ``vitamin_d_unit`` (IU or mcg)."""
    clean_name = " ".join(name.split())
    if not clean_name:
        raise AmountError("a supplement needs a name")
    amount = parse_number(magnesium_text or "0", "magnesium", maximum=50_000)
    calcium_amount = parse_number(
        calcium_text or "0", "calcium", maximum=50_000 if calcium_compound else 5_000
    )
    vitamin_d_amount = (
        parse_number(vitamin_d_text, f"vitamin D ({vitamin_d_unit})", maximum=1_000_000)
        if vitamin_d_text.strip()
        else None
    )
    try:
        if compound and form is None:
            raise AmountError("a compound weight needs its form, e.g. glycinate")
        if calcium_compound and calcium_form is None:
            raise AmountError("a calcium compound weight needs its form, e.g. citrate")
        canonical = None if form is None else magnesium_form(form).name
        ca_form = None if calcium_form is None else calcium_form_of(calcium_form).name
        magnesium = elemental_magnesium_mg(amount, canonical) if compound and canonical else amount
        calcium = (
            elemental_calcium_mg(calcium_amount, ca_form)
            if calcium_compound and ca_form
            else calcium_amount
        )
        if vitamin_d_unit == "mcg":
            vitamin_d = vitamin_d_iu(mcg=vitamin_d_amount)
        else:
            vitamin_d = vitamin_d_iu(iu=vitamin_d_amount)
        return SupplementProduct(
            clean_name,
            canonical,
            magnesium,
            calcium,
            serving.strip() or "1 serving",
            compound_mg=amount if compound else None,
            calcium_form=ca_form,
            calcium_compound_mg=calcium_amount if calcium_compound else None,
            vitamin_d_iu=vitamin_d or 0.0,
        )
    except SupplementError as error:
        raise AmountError(str(error)) from None


def compound_weight_warning(
    product: SupplementProduct,
    *,
    compound: bool,
    remedy: str | None = None,
) -> str | None:
    """A warning when a number typed as elemental magnesium looks like a compound weight.

    ``remedy`` says how to enter a compound weight where the warning is shown; the
    default speaks of the app's form ("Choose 'compound weight' if so.").
    """
    if compound or not looks_like_compound_weight(product.magnesium_mg, product.form):
        return None
    form = None if product.form is None else magnesium_form(product.form)
    return _compound_question(
        "magnesium",
        product.magnesium_mg,
        None if form is None else (form.name, form.percent_label, form.elemental_fraction),
        remedy,
        "Choose 'compound weight' if so.",
    )


def _compound_question(
    mineral: str,
    amount_mg: float,
    form: tuple[str, str, float] | None,
    remedy: str | None,
    default_remedy: str,
) -> str:
    """ "500 mg as elemental magnesium is unusual for glycinate (14.1% magnesium): …" """
    if form is None:
        return (
            f"{amount_mg:g} mg of elemental {mineral} in one serving is unusual: labels list "
            f"elemental {mineral} under Supplement Facts. Is it the compound weight?"
            + ("" if remedy is None else f" {remedy}")
        )
    name, percent_label, fraction = form
    return (
        f"{amount_mg:g} mg as elemental {mineral} is unusual for {name} "
        f"({percent_label} {mineral}): if {amount_mg:g} mg is the compound weight, the "
        f"serving holds about {half_up(amount_mg * fraction):.0f} mg. " + (remedy or default_remedy)
    )


def calcium_compound_weight_warning(
    product: SupplementProduct,
    *,
    compound: bool,
    remedy: str | None = None,
) -> str | None:
    """The same question for calcium: "500" typed as elemental on a citrate product."""
    calcium = product.calcium_mg
    if compound or not looks_like_calcium_compound_weight(calcium, product.calcium_form):
        return None
    form = None if product.calcium_form is None else calcium_form_of(product.calcium_form)
    return _compound_question(
        "calcium",
        calcium,
        None
        if form is None
        else (f"calcium {form.name}", form.percent_label, form.elemental_fraction),
        remedy,
        "Choose 'compound weight' for calcium if so.",
    )


def supplement_entry(
    product: SupplementProduct, servings: float, day: dt.date, time: dt.time, *, saved: bool = True
) -> Entry:
    check_dose_mg(product.magnesium_mg * servings, "magnesium in one entry", maximum=10_000)
    return Entry(
        id="",
        date=day,
        time=time,
        kind="supplement",
        name=product.name,
        amount=servings_label(servings),
        magnesium_mg=product.magnesium_mg * servings,
        calcium_mg=product.calcium_mg * servings,
        form=product.form,
        product=product.name if saved else None,
        servings=servings,
        # A label without vitamin D stores none (null), so the row stays as short as
        # before and older copies of mgtui still read it.
        vitamin_d_iu=product.vitamin_d_iu * servings if product.vitamin_d_iu else None,
    )


# -- profile --------------------------------------------------------------------------


def _optional_mg(text: str, what: str) -> float | None:
    if not text.strip():
        return None
    value = parse_number(text, what, maximum=10_000)
    if value <= 0:
        raise AmountError(f"{what} must be more than 0 mg, or empty for the table value")
    return value


def make_profile(
    *,
    sex: str,
    age: str,
    status: str,
    kidney_disease: bool,
    band: str,
    custom_band: str,
    custom_magnesium: str,
    custom_limit: str,
    custom_calcium: str,
) -> Profile:
    """A profile from the form's fields; ``band`` is a published band's key or "custom"."""
    age_years = parse_number(age, "age", maximum=120)
    ratio_band = parse_ratio_band(custom_band if band == "custom" else band)
    if status not in ("neither", "pregnant", "lactating"):
        raise ProfileError(
            f"pregnancy status must be neither, pregnant or lactating, not {status!r}"
        )
    return Profile(
        sex=sex,  # type: ignore[arg-type]  # Profile validates it
        age=age_years,
        pregnant=status == "pregnant",
        lactating=status == "lactating",
        kidney_disease=kidney_disease,
        ratio_band=ratio_band,
        custom=CustomTargets(
            magnesium_rda_mg=_optional_mg(custom_magnesium, "your own magnesium target"),
            supplement_limit_mg=_optional_mg(custom_limit, "your own supplement limit"),
            calcium_rda_mg=_optional_mg(custom_calcium, "your own calcium target"),
        ),
    )
