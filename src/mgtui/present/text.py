"""Small wordings every front end shares. Text from data is printed through
``safe`` (``mgtui.domain.text``): control characters show as escapes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mgtui.domain.entries import Entry
from mgtui.domain.figures import half_up
from mgtui.domain.text import safe

if TYPE_CHECKING:
    from mgtui.domain.supplements import SupplementProduct


def band_text(band: tuple[float, float]) -> str:
    low, high = band
    return f"{low:g}–{high:g}"


def whole_mg(value: float | None, unknown: str = "n/a") -> str:
    """Milligrams of one food or portion, whole and half up; ``unknown`` without a value."""
    return unknown if value is None else f"{half_up(value):.0f}"


def describe_product(product: SupplementProduct) -> str:
    """ "Mag Glycinate (glycinate): 120.0 mg Mg, 0.0 mg Ca per 2 capsules";
    "Calcium + D: 0.0 mg Mg, 315.0 mg Ca (citrate), 1000 IU vitamin D per 2 caplets" """
    form, calcium_form = product.form, product.calcium_form
    shown_form = "" if form is None else f" ({safe(form)})"
    shown_calcium_form = "" if calcium_form is None else f" ({safe(calcium_form)})"
    vitamin_d = f", {iu_text(product.vitamin_d_iu)} IU vitamin D" if product.vitamin_d_iu else ""
    return (
        f"{safe(product.name)}{shown_form}: {mg_text(product.magnesium_mg)} mg Mg, "
        f"{mg_text(product.calcium_mg)} mg Ca{shown_calcium_form}{vitamin_d} "
        f"per {safe(product.serving)}"
    )


def iu_text(value: float | None) -> str:
    """An amount of vitamin D in IU, whole ("1000"), a decimal under 10 ("2.5")."""
    if value is None:
        return "n/a"
    decimals = 0 if value >= 10 or value == 0 else 1
    return f"{half_up(value, decimals):.{decimals}f}"


def mg_text(value: float | None, decimals: int = 1) -> str:
    """An entry's milligrams: "n/a" where the food table has no value (unknown, not 0)."""
    return "n/a" if value is None else f"{half_up(value, decimals):.{decimals}f}"


def nutrients_text(magnesium_mg: float | None, calcium_mg: float | None) -> str:
    """ "167.8 mg Mg, 13.0 mg Ca"; "no Ca value" where the food has none (not zero)."""
    mg = "no Mg value" if magnesium_mg is None else f"{mg_text(magnesium_mg)} mg Mg"
    ca = "no Ca value" if calcium_mg is None else f"{mg_text(calcium_mg)} mg Ca"
    return f"{mg}, {ca}"


def describe_nutrients(entry: Entry) -> str:
    """ "167.8 mg Mg, 13.0 mg Ca", and ", 1000 IU vitamin D" where the entry has some."""
    text = nutrients_text(entry.magnesium_mg, entry.calcium_mg)
    if entry.vitamin_d_iu:
        text += f", {iu_text(entry.vitamin_d_iu)} IU vitamin D"
    return text


def amount_with_grams(entry: Entry) -> str:
    """ "1 oz (28.35 g)"; "30 g" stays as it is, and so does an entry without a weight."""
    if entry.grams is None or entry.amount.endswith(" g"):
        return entry.amount
    # Two decimals, as portions are shown: 1 oz of a food without an oz measure is
    # 28.349523125 g, and nobody weighs to the microgram.
    return f"{entry.amount} ({round(entry.grams, 2):g} g)"


def describe_food_entry(entry: Entry) -> str:
    """ "Seeds, pumpkin ... — 1 oz (28.35 g): 167.8 mg Mg, 13.0 mg Ca" """
    return f"{safe(entry.name)} — {safe(amount_with_grams(entry))}: {describe_nutrients(entry)}"


def describe_supplement_entry(entry: Entry) -> str:
    """ "Mag Glycinate (glycinate) — 2 servings: 240.0 mg Mg, 0.0 mg Ca" """
    form = "" if entry.form is None else f" ({safe(entry.form)})"
    return f"{safe(entry.name)}{form} — {safe(entry.amount)}: {describe_nutrients(entry)}"


# What a day's list adds to a name to say what kind of entry it is.
KIND_SUFFIX = {"food": "", "supplement": " (supplement)", "medicine": " (medicine)"}


def entry_label(entry: Entry) -> str:
    """The name with its form, or a medicine's class: "Alendronate (oral bisphosphonate)"."""
    if entry.is_medicine:
        from mgtui.domain.medicines import find_class

        found = find_class(entry.form or "")
        if found is None or found.label.casefold() == entry.name.casefold():
            return entry.name
        return f"{entry.name} ({found.label})"
    return entry.name if entry.form is None else f"{entry.name} ({entry.form})"


def describe_medicine_entry(entry: Entry) -> str:
    """ "Alendronate (oral bisphosphonate) at 07:00" """
    return f"{safe(entry_label(entry))} at {entry.time:%H:%M}"


def describe_entry(entry: Entry) -> str:
    if entry.is_medicine:
        return describe_medicine_entry(entry)
    if entry.is_supplement:
        return describe_supplement_entry(entry)
    return describe_food_entry(entry)


def count(number: int, singular: str, plural: str | None = None) -> str:
    """ "1 entry", "2 entries", "1,234 foods" """
    return f"{number:,} {singular if number == 1 else plural or singular + 's'}"


PORTION_SOURCES: dict[str, str] = {
    "last": "your last portion",
    "first": "USDA's first portion",
    "grams": "100 g: the food has no household measure",
}


def portion_source(source: str) -> str:
    """Where an amount nobody typed comes from (``logbook.drafts.remembered_amount``)."""
    return PORTION_SOURCES[source]


def entry_changed(before: Entry, after: Entry) -> str:
    """What an edit did: "Milk, whole: now 2 cups at 07:45, 48.8 mg Mg, 551.4 mg Ca"."""
    if after.is_medicine:  # no amount and no nutrients: only its time can change
        return f"{safe(after.name)}: now at {after.time:%H:%M}"
    moved = "" if after.time == before.time else f" at {after.time:%H:%M}"
    return f"{safe(after.name)}: now {safe(after.amount)}{moved}, {describe_nutrients(after)}"


def search_prompt(food_count: int) -> str:
    """What an empty food search says, with the table's real number of foods."""
    return f"Type to search {count(food_count, 'USDA food')}, e.g. pumpkin seeds"


def search_results_line(found: int) -> str:
    return f"{count(found, 'food')} · ↓ to the list · Enter picks a portion"


def missing_magnesium_line(missing: int) -> str:
    """ "1 item has no magnesium value: the total may be low." (2 items have ...)"""
    verb = "has" if missing == 1 else "have"
    return f"{count(missing, 'item')} {verb} no magnesium value: the total may be low."
