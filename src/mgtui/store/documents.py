"""How the profile, saved supplements and custom foods are stored: each one as a
TinyDB document (layout.py checks their types on load), turned into the domain's
objects and back.

Apart from exchange.py (exports and imports) so that a read, which turns the saved
profile into a ``Profile``, loads neither the export format nor the import checks.
"""

from __future__ import annotations

from typing import Any

from mgtui.domain.supplements import SupplementProduct
from mgtui.domain.targets import CustomTargets, Profile
from mgtui.foods.model import Food, Portion


def profile_to_dict(profile: Profile) -> dict[str, Any]:
    custom = {
        key: value
        for key, value in (
            ("magnesium_rda_mg", profile.custom.magnesium_rda_mg),
            ("supplement_limit_mg", profile.custom.supplement_limit_mg),
            ("calcium_rda_mg", profile.custom.calcium_rda_mg),
        )
        if value is not None
    }
    return {
        "sex": profile.sex,
        "age": profile.age,
        "pregnant": profile.pregnant,
        "lactating": profile.lactating,
        "kidney_disease": profile.kidney_disease,
        "ratio_band": [profile.ratio_band[0], profile.ratio_band[1]],
        "custom": custom,
    }


def profile_from_dict(document: dict[str, Any]) -> Profile:
    """Raises ``ProfileError`` when the domain rejects a value."""
    custom = document.get("custom") or {}
    low, high = document["ratio_band"]
    return Profile(
        sex=document["sex"],
        age=float(document["age"]),
        pregnant=document.get("pregnant", False),
        lactating=document.get("lactating", False),
        kidney_disease=document.get("kidney_disease", False),
        ratio_band=(float(low), float(high)),
        custom=CustomTargets(
            magnesium_rda_mg=optional_float(custom.get("magnesium_rda_mg")),
            supplement_limit_mg=optional_float(custom.get("supplement_limit_mg")),
            calcium_rda_mg=optional_float(custom.get("calcium_rda_mg")),
        ),
    )


def product_to_dict(product: SupplementProduct) -> dict[str, Any]:
    return {
        "name": product.name,
        "form": product.form,
        "magnesium_mg": product.magnesium_mg,
        "calcium_mg": product.calcium_mg,
        "serving": product.serving,
        "compound_mg": product.compound_mg,
        "calcium_form": product.calcium_form,
        "calcium_compound_mg": product.calcium_compound_mg,
        "vitamin_d_iu": product.vitamin_d_iu,
    }


def product_from_dict(document: dict[str, Any]) -> SupplementProduct:
    """Raises ``SupplementError`` when the domain rejects a value."""
    return SupplementProduct(
        name=document["name"],
        form=document.get("form"),
        magnesium_mg=float(document["magnesium_mg"]),
        calcium_mg=float(document.get("calcium_mg", 0.0)),
        serving=document.get("serving", "1 serving"),
        compound_mg=optional_float(document.get("compound_mg")),
        calcium_form=document.get("calcium_form"),
        calcium_compound_mg=optional_float(document.get("calcium_compound_mg")),
        vitamin_d_iu=float(document.get("vitamin_d_iu") or 0.0),
    )


def custom_food_to_document(food: Food) -> dict[str, Any]:
    """The stored form (portions as compact [name, grams, amount] arrays)."""
    return {
        "id": food.id,
        "name": food.name,
        "group": food.group,
        "magnesium_mg_per_100g": food.magnesium_mg_per_100g,
        "calcium_mg_per_100g": food.calcium_mg_per_100g,
        "vitamin_d_iu_per_100g": food.vitamin_d_iu_per_100g,
        "energy_kcal_per_100g": food.energy_kcal_per_100g,
        "portions": [[p.name, p.grams, p.amount] for p in food.portions],
    }


def custom_food_from_document(document: dict[str, Any]) -> Food:
    return Food(
        id=document["id"],
        name=document["name"],
        group=document.get("group", "Custom foods"),
        magnesium_mg_per_100g=optional_float(document.get("magnesium_mg_per_100g")),
        calcium_mg_per_100g=optional_float(document.get("calcium_mg_per_100g")),
        vitamin_d_iu_per_100g=optional_float(document.get("vitamin_d_iu_per_100g")),
        energy_kcal_per_100g=optional_float(document.get("energy_kcal_per_100g")),
        portions=tuple(
            Portion(name=name, grams=float(grams), amount=float(amount))
            for name, grams, amount in document.get("portions", [])
        ),
        custom=True,
    )


def optional_float(value: object) -> float | None:
    if value is None:
        return None
    assert isinstance(value, int | float)
    return float(value)
