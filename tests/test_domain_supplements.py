"""Supplement forms, compound-to-elemental conversion, and the compound-weight guard."""

from __future__ import annotations

import math

import pytest

from mgtui.domain.supplements import (
    MAGNESIUM_FORMS,
    SupplementError,
    SupplementProduct,
    conversion_text,
    elemental_calcium_mg,
    elemental_magnesium_mg,
    looks_like_compound_weight,
    magnesium_form,
)

# DOMAIN.md: elemental magnesium by weight, every row.
FORM_PERCENT = {
    "oxide": 60.3,
    "hydroxide": 41.7,
    "carbonate": 28.8,
    "chloride": 12.0,
    "sulfate": 9.9,
    "citrate": 16.2,
    "glycinate": 14.1,
    "malate": 15.5,
    "lactate": 12.0,
    "taurate": 8.9,
    "threonate": 7.2,
    "aspartate": 8.4,
    "orotate": 7.3,
    "gluconate": 5.9,
}


def test_the_table_has_every_form_from_oxide_to_gluconate() -> None:
    assert set(MAGNESIUM_FORMS) == set(FORM_PERCENT)


@pytest.mark.parametrize(("form", "percent"), sorted(FORM_PERCENT.items()))
def test_form_fractions(form: str, percent: float) -> None:
    assert magnesium_form(form).elemental_fraction * 100 == pytest.approx(percent)
    assert elemental_magnesium_mg(1000, form) == pytest.approx(percent * 10)


def test_headline_conversions() -> None:
    assert elemental_magnesium_mg(500, "glycinate") == pytest.approx(70.5)
    assert elemental_magnesium_mg(400, "oxide") == pytest.approx(241.2)
    # DOMAIN.md: 2 g of Magtein (L-threonate) gives 144 mg.
    assert elemental_magnesium_mg(2000, "L-threonate") == pytest.approx(144)


@pytest.mark.parametrize(
    ("name", "canonical"),
    [("Bisglycinate", "glycinate"), ("magnesium citrate", "citrate"), (" OXIDE ", "oxide")],
)
def test_form_names_are_forgiving(name: str, canonical: str) -> None:
    assert magnesium_form(name).name == canonical


def test_unknown_form_lists_the_known_ones() -> None:
    with pytest.raises(SupplementError, match=r"unknown magnesium form 'stearate'.*glycinate"):
        magnesium_form("stearate")


def test_calcium_forms() -> None:
    assert elemental_calcium_mg(1250, "carbonate") == pytest.approx(500)
    assert elemental_calcium_mg(1000, "calcium citrate") == pytest.approx(211)


@pytest.mark.parametrize("bad", [-5.0, math.nan, math.inf, 1e309, 100_000.0])
def test_conversion_refuses_bad_amounts(bad: float) -> None:
    with pytest.raises(SupplementError):
        elemental_magnesium_mg(bad, "glycinate")


def test_conversion_text_shows_the_arithmetic() -> None:
    assert conversion_text(500, "glycinate") == (
        "500 mg magnesium glycinate × 14.1% elemental = 70.5 mg magnesium"
    )


def test_compound_weight_typed_as_elemental_is_spotted() -> None:
    assert looks_like_compound_weight(500, "glycinate")
    assert looks_like_compound_weight(1000, "citrate")
    assert not looks_like_compound_weight(120, "glycinate")
    # Oxide really is 60% magnesium: 400 mg elemental is plausible from a label.
    assert not looks_like_compound_weight(400, "oxide")
    assert looks_like_compound_weight(600, None)
    assert not looks_like_compound_weight(200, None)


def test_a_product_keeps_its_conversion() -> None:
    product = SupplementProduct(
        "Night Calm", "glycinate", elemental_magnesium_mg(500, "glycinate"), compound_mg=500
    )
    assert product.magnesium_mg == pytest.approx(70.5)
    assert product.conversion == "500 mg magnesium glycinate × 14.1% elemental = 70.5 mg magnesium"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": " ", "form": None, "magnesium_mg": 100}, "needs a name"),
        ({"name": "x", "form": None, "magnesium_mg": -1}, "cannot be negative"),
        ({"name": "x", "form": None, "magnesium_mg": 0}, "some magnesium, calcium or vitamin D"),
        ({"name": "x", "form": None, "magnesium_mg": 9000}, "not plausible"),
    ],
)
def test_bad_products_are_refused(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(SupplementError, match=message):
        SupplementProduct(**kwargs)  # type: ignore[arg-type]
