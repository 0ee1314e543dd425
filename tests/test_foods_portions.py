"""Amounts as people write them, turned into grams of one food."""

from __future__ import annotations

import datetime as dt

import pytest

from mgtui.foods import (
    Food,
    Portion,
    PortionError,
    default_portion,
    get_food,
    parse_portion,
    portion_choices,
)
from mgtui.logbook.drafts import food_entry


def food(ndb_id: str) -> Food:
    found = get_food(ndb_id)
    assert found is not None
    return found


@pytest.fixture
def seeds() -> Food:
    return food("12014")  # pumpkin seed kernels: 1 cup = 129 g, 1 oz = 28.35 g


@pytest.mark.parametrize(
    ("text", "grams", "label"),
    [
        ("30g", 30, "30 g"),
        ("30 g", 30, "30 g"),
        ("30 grams", 30, "30 g"),
        ("0.1 kg", 100, "0.1 kg (100 g)"),
        ("1 oz", 28.35, "1 oz (28.35 g)"),  # the food's own oz measure
        ("1.5 oz", 42.525, "1 1/2 oz (42.53 g)"),
        ("1.5oz", 42.525, "1 1/2 oz (42.53 g)"),
        ("2 Ounces", 56.7, "2 oz (56.7 g)"),
        ("1 lb", 453.59237, "1 lb (453.59 g)"),
        ("1/2 cup", 64.5, "1/2 cup (64.5 g)"),
        ("½ cup", 64.5, "1/2 cup (64.5 g)"),
        ("¾ cup", 96.75, "3/4 cup (96.75 g)"),
        ("1 1/2 cups", 193.5, "1 1/2 cups (193.5 g)"),
        ("1½ cups", 193.5, "1 1/2 cups (193.5 g)"),
        ("1 ½ CUPS", 193.5, "1 1/2 cups (193.5 g)"),
        ("1-1/2 cup", 193.5, "1 1/2 cups (193.5 g)"),
        ("1\u20442 cup", 64.5, "1/2 cup (64.5 g)"),  # the typographic fraction slash
        ("cup", 129, "1 cup (129 g)"),  # a unit alone is one of it
        ("2", 258, "2 cups (258 g)"),  # a number alone counts the first measure
        ("1 cup (129 g)", 129, "1 cup (129 g)"),  # as mgtui prints it
        ("1 cup of", 129, "1 cup (129 g)"),
    ],
)
def test_amounts(seeds: Food, text: str, grams: float, label: str) -> None:
    amount = parse_portion(seeds, text)
    assert amount.grams == pytest.approx(grams)
    assert amount.label == label


def test_one_ounce_of_pumpkin_seeds(seeds: Food) -> None:
    amount = parse_portion(seeds, "1 oz")
    assert amount.portion == Portion(name="oz", grams=28.35)
    assert seeds.magnesium_mg(amount.grams) == pytest.approx(167.8, abs=0.05)
    assert seeds.calcium_mg(amount.grams) == pytest.approx(13.0, abs=0.05)


def test_generic_units_have_no_portion(seeds: Food) -> None:
    amount = parse_portion(seeds, "30 g")
    assert (amount.quantity, amount.unit, amount.portion) == (30, "g", None)


def test_tablespoons_from_a_plain_cup(seeds: Food) -> None:
    # A tablespoon is 1/16 cup; the seeds' cup weighs 129 g.
    amount = parse_portion(seeds, "2 tbsp")
    assert amount.grams == pytest.approx(129 / 8)
    assert amount.label == "2 tbsp (16.12 g)"
    assert amount.portion == Portion(name="cup", grams=129.0)


def test_measure_names_by_leading_words() -> None:
    banana = food("09040")
    medium = parse_portion(banana, "1 medium")
    assert medium.unit == 'medium (7" to 7-7/8" long)'
    assert medium.grams == 118
    assert parse_portion(banana, "2 Large").grams == 272
    # "cup" finds "cup, mashed" style names when there is no plain cup.
    first_cup = next(p for p in banana.portions if p.name.startswith("cup"))
    assert parse_portion(banana, "1 cup").unit == first_cup.name
    # Plural, and the food's own name after the unit: "2 large eggs".
    egg = food("01123")
    assert parse_portion(egg, "2 large eggs").grams == 100
    assert parse_portion(egg, "3 smalls").grams == 114


def test_cup_prefers_a_plain_cup_over_a_qualified_one() -> None:
    lentils = Food(
        id="custom-x",
        name="X",
        group="Custom",
        magnesium_mg_per_100g=1.0,
        calcium_mg_per_100g=1.0,
        portions=(Portion("cup, chopped", 50), Portion("cup", 200), Portion("slice", 20)),
        custom=True,
    )
    assert parse_portion(lentils, "1 cup").grams == 200
    assert parse_portion(lentils, "1 cup chopped").grams == 50


def test_tablespoon_spellings() -> None:
    oil = food("04053")  # olive oil names its measure "tablespoon", not "tbsp"
    for text in ("1 tbsp", "1 Tablespoon", "1 tablespoons", "1 tbs"):
        assert parse_portion(oil, text).grams == 13.5


def test_usda_amounts_other_than_one() -> None:
    custom = Food("custom-y", "Y", "Custom", 1.0, 1.0, portions=(Portion("cup", 60, amount=0.5),))
    assert parse_portion(custom, "1 cup").grams == 120
    # A number counts the measure as listed: 2 of "1/2 cup" is 1 cup.
    assert parse_portion(custom, "2").label == "1 cup (120 g)"
    assert default_portion(custom).grams == 60
    assert default_portion(custom).label == "1/2 cup (60 g)"


def test_millilitres_for_liquids_only(seeds: Food) -> None:
    milk = food("01077")  # fl oz = 30.5 g, so 1 ml = 1.0313 g
    assert parse_portion(milk, "250 ml").grams == pytest.approx(257.83, abs=0.01)
    assert parse_portion(milk, "1 l").grams == pytest.approx(1031.33, abs=0.01)
    assert parse_portion(milk, "8 fl oz").grams == 244
    assert parse_portion(milk, "8 fluid ounces").grams == 244
    water = food("14411")  # USDA gives water a "liter" measure of 1000 g
    assert parse_portion(water, "1.5 litres").grams == 1500
    with pytest.raises(PortionError, match="has no portion 'ml'"):
        parse_portion(seeds, "100 ml")
    assert "ml" in portion_choices(milk)
    assert "ml" not in portion_choices(seeds)


def test_default_portion() -> None:
    assert default_portion(food("12014")).label == "1 cup (129 g)"
    bare = Food("custom-z", "Z", "Custom", 10.0, 5.0)
    assert default_portion(bare).grams == 100
    assert default_portion(bare).label == "100 g"
    assert parse_portion(bare, "2").grams == 200


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the amount is empty"),
        ("   ", "the amount is empty"),
        ("0", "must be more than zero, not '0'"),
        ("0 g", "must be more than zero"),
        ("-5g", "must be more than zero, not '-5g'"),
        ("−5 g", "must be more than zero"),  # a typographic minus
        ("nan", "'nan' is not a number"),
        ("NaN g", "is not a number"),
        ("inf", "is not a number"),
        ("-Infinity", "is not a number"),
        ("∞ g", "is not a number"),
        ("1e309", "'1e309' is not a finite number"),
        ("1e309 g", "is not a finite number"),
        ("1/0 cup", "divides by zero"),
        ("1,5 cup", "write decimals with a dot"),
        ("30 mg", "mg measures a nutrient"),
        ("6 kg", "6 kg (6000 g) is more than 5 kg of one food in one entry"),
        ("5001 g", "is more than 5 kg"),
        ("12 lb", "is more than 5 kg"),
        ("40", "40 cups (5160 g) is more than 5 kg"),
        (
            "abc",
            "Seeds, pumpkin and squash seed kernels, dried has no portion 'abc'; "
            "try: 1 cup (129 g), 1 oz (28.35 g), g, oz",
        ),
        (
            "1 slice",
            "Seeds, pumpkin and squash seed kernels, dried has no portion 'slice'; "
            "try: 1 cup (129 g), 1 oz (28.35 g), g, oz",
        ),
        ("2 medium", "has no portion 'medium'"),
    ],
)
def test_rejections(seeds: Food, text: str, message: str) -> None:
    with pytest.raises(PortionError) as raised:
        parse_portion(seeds, text)
    assert message in str(raised.value)
    assert isinstance(raised.value, ValueError)


def test_five_kilograms_is_the_most(seeds: Food) -> None:
    assert parse_portion(seeds, "5 kg").grams == 5000


def test_broken_custom_measures_are_ignored() -> None:
    broken = Food("custom-b", "B", "Custom", 1.0, 1.0, portions=(Portion("cup", 0.0),))
    with pytest.raises(PortionError, match="has no portion 'cup'; try: g, oz"):
        parse_portion(broken, "1 cup")
    assert default_portion(broken).grams == 100


@pytest.mark.parametrize(
    ("quantity", "shown"),
    [
        (0.999, "1"),  # three USDA thirds (3 x 0.333)
        (1.999, "2"),
        (2.999, "3"),
        (0.333, "1/3"),
        (0.667, "2/3"),
        (0.5, "1/2"),
        (1.5, "1 1/2"),
        (0.001, "0.001"),  # a tiny amount, never "0"
        (0.3, "0.3"),
    ],
)
def test_quantities_read_as_people_write_them(quantity: float, shown: str) -> None:
    from mgtui.foods.portions import format_quantity

    assert format_quantity(quantity) == shown


# -- several measures of one unit -------------------------------------------------------


def test_of_several_cups_the_everyday_form_wins() -> None:
    almonds = food("12061")  # cup, whole 143 g; sliced; slivered; ground 95 g
    assert parse_portion(almonds, "½ cup").label == "1/2 cup, whole (71.5 g)"
    # Listed in another order, whole still wins over ground.
    ground_first = Food(
        "x",
        "Nuts, almonds",
        "",
        270.0,
        269.0,
        portions=(Portion("cup, ground", 95.0), Portion("cup, whole", 143.0)),
    )
    assert parse_portion(ground_first, "1 cup").unit == "cup, whole"


def test_of_several_cups_the_one_used_last_wins() -> None:
    almonds = food("12061")
    amount = parse_portion(almonds, "1/2 cup", last_unit="cup, ground")
    assert amount.label == "1/2 cup, ground (47.5 g)"
    # Words that name one measure keep it, whatever was used last.
    assert parse_portion(almonds, "1 cup sliced", last_unit="cup, ground").unit == "cup, sliced"


@pytest.mark.parametrize(
    ("ndb_id", "typed", "label"),
    [
        ("01085", "2 cups", "2 cups (490 g)"),  # milk: not "2 cup"
        ("11457", "1 1/2 cup", "1 1/2 cups (45 g)"),  # spinach
        ("11457", "1/2 cup", "1/2 cup (15 g)"),
        ("09040", "2 large", '2 large (8" to 8-7/8" long) (272 g)'),  # an adjective stays
        ("12014", "2 oz", "2 oz (56.7 g)"),  # an abbreviation stays
    ],
)
def test_a_counted_measure_reads_in_the_plural_and_parses_back(
    ndb_id: str, typed: str, label: str
) -> None:
    amount = parse_portion(food(ndb_id), typed)
    assert amount.label == label
    again = parse_portion(food(ndb_id), label)  # a stored amount, copied or edited later
    assert (again.grams, again.label) == (amount.grams, label)


def test_a_logged_entry_keeps_the_plural_amount() -> None:
    draft = food_entry(food("01085"), "2 cups", dt.date(2026, 11, 22), dt.time(8, 0))
    assert (draft.amount, draft.grams) == ("2 cups", 490)
