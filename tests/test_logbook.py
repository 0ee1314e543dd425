"""The shared parsing in ``mgtui.logbook.drafts``: what a person types becomes entries,
products and custom foods, or a message saying why not."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from mgtui.domain.entries import Entry
from mgtui.domain.supplements import SupplementProduct
from mgtui.foods import get_food, parse_portion
from mgtui.logbook.drafts import (
    AmountError,
    compound_weight_warning,
    food_entry,
    make_custom_food,
    make_product,
    parse_number,
    parse_servings,
    supplement_entry,
)
from mgtui.present.text import (
    amount_with_grams,
    describe_entry,
    describe_food_entry,
    describe_supplement_entry,
)

DAY = dt.date(2026, 11, 22)
TIME = dt.time(8, 30)


def pumpkin() -> Entry:
    food = get_food("12014")
    assert food is not None
    return food_entry(food, "1 oz", DAY, TIME)


# -- numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"), [("120", 120.0), (" 70.5 mg", 70.5), ("0", 0.0), ("1e3", 1000.0)]
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text, "magnesium") == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abc", "magnesium must be a number, not 'abc'"),
        ("nan", "magnesium must be a finite number, not 'nan'"),
        ("1e309", "magnesium must be a finite number, not '1e309'"),
        ("-5", "magnesium cannot be below 0 (-5)"),
        ("2e6", "magnesium of 2e+06 is not plausible (at most 1e+06)"),
    ],
)
def test_parse_number_refuses(text: str, message: str) -> None:
    with pytest.raises(AmountError, match=re.escape(message)):
        parse_number(text, "magnesium")


def test_parse_servings() -> None:
    assert parse_servings("2") == 2.0
    assert parse_servings("1.5 servings") == 1.5
    assert parse_servings("2x") == 2.0
    for bad, message in (("0", "more than 0"), ("21", "not plausible"), ("two", "a number")):
        with pytest.raises(AmountError, match=message):
            parse_servings(bad)


# -- foods ------------------------------------------------------------------------------


def test_food_entry_keeps_its_own_nutrients() -> None:
    entry = pumpkin()
    assert (entry.kind, entry.food_id, entry.amount, entry.grams) == (
        "food",
        "12014",
        "1 oz",
        28.35,
    )
    assert entry.magnesium_mg == pytest.approx(167.832)
    assert entry.calcium_mg == pytest.approx(13.041)
    assert (entry.date, entry.time, entry.id) == (DAY, TIME, "")


def test_food_entry_default_amount_and_bad_amounts() -> None:
    food = get_food("12061")
    assert food is not None
    default = food_entry(food, None, DAY, TIME)
    assert default.amount == "1 cup, whole"  # SR28's first almond measure
    assert food_entry(food, "  ", DAY, TIME).amount == default.amount
    with pytest.raises(AmountError, match="more than zero"):
        food_entry(food, "-5g", DAY, TIME)


def test_describe_food_entry() -> None:
    assert describe_food_entry(pumpkin()) == (
        "Seeds, pumpkin and squash seed kernels, dried — 1 oz (28.35 g): 167.8 mg Mg, 13.0 mg Ca"
    )
    food = get_food("06725")  # USDA has no magnesium value for it
    assert food is not None
    entry = food_entry(food, "30 g", DAY, TIME)
    assert describe_food_entry(entry).endswith("— 30 g: no Mg value, no Ca value")


def test_amount_with_grams_rounds_to_two_decimals() -> None:
    custom = make_custom_food("Tonic", "bottle", "500", "10", "")
    entry = food_entry(custom, "1 oz", DAY, TIME)
    assert entry.grams == pytest.approx(28.349523125)
    assert amount_with_grams(entry) == "1 oz (28.35 g)"
    assert amount_with_grams(food_entry(custom, "30 g", DAY, TIME)) == "30 g"


def test_supplement_entry_and_its_description() -> None:
    product = make_product("Mag Glycinate", "bisglycinate", "120", "", "2 capsules", compound=False)
    entry = supplement_entry(product, 1.5, DAY, TIME)
    assert (entry.kind, entry.product, entry.form, entry.servings) == (
        "supplement",
        "Mag Glycinate",
        "glycinate",
        1.5,
    )
    assert entry.magnesium_mg == 180.0 and entry.calcium_mg == 0.0
    assert describe_supplement_entry(entry) == (
        "Mag Glycinate (glycinate) — 1.5 servings: 180.0 mg Mg, 0.0 mg Ca"
    )
    assert describe_entry(entry) == describe_supplement_entry(entry)
    assert describe_entry(pumpkin()) == describe_food_entry(pumpkin())
    one_off = supplement_entry(product, 1, DAY, TIME, saved=False)
    assert one_off.product is None and one_off.amount == "1 serving"


def test_make_product_from_a_compound_weight() -> None:
    product = make_product("Powder", "glycinate", "500", "0", "", compound=True)
    assert product.magnesium_mg == pytest.approx(70.5)
    assert product.compound_mg == 500.0
    assert product.serving == "1 serving"
    assert product.conversion == (
        "500 mg magnesium glycinate × 14.1% elemental = 70.5 mg magnesium"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("X", None, "500", "0", "", True), "a compound weight needs its form"),
        (("X", "kryptonite", "100", "0", "", False), "unknown magnesium form 'kryptonite'"),
        (("X", None, "0", "0", "", False), "needs some magnesium, calcium or vitamin D"),
        (("  ", None, "100", "0", "", False), "a supplement needs a name"),
        (("X", None, "6000", "0", "", False), "not plausible"),
    ],
)
def test_make_product_refuses(
    args: tuple[str, str | None, str, str, str, bool], message: str
) -> None:
    name, form, magnesium, calcium, serving, compound = args
    with pytest.raises(AmountError, match=message):
        make_product(name, form, magnesium, calcium, serving, compound=compound)


def test_compound_weight_warning() -> None:
    typed = SupplementProduct("Glycinate", "glycinate", 500.0)
    assert compound_weight_warning(typed, compound=False) == (
        "500 mg as elemental magnesium is unusual for glycinate (14.1% magnesium): if 500 mg "
        "is the compound weight, the serving holds about 71 mg. Choose 'compound weight' if so."
    )
    with_remedy = compound_weight_warning(typed, compound=False, remedy="Use --compound-mg.")
    assert with_remedy is not None and with_remedy.endswith("about 71 mg. Use --compound-mg.")
    assert compound_weight_warning(typed, compound=True) is None
    assert compound_weight_warning(SupplementProduct("Oxide", "oxide", 500.0), compound=False) is (
        None
    )
    no_form = compound_weight_warning(SupplementProduct("X", None, 600.0), compound=False)
    assert no_form is not None and no_form.endswith("Is it the compound weight?")
    no_form = compound_weight_warning(
        SupplementProduct("X", None, 600.0), compound=False, remedy="R"
    )
    assert no_form is not None and no_form.endswith("Is it the compound weight? R")


# -- custom foods -----------------------------------------------------------------------


def test_make_custom_food_stores_per_100g() -> None:
    water = make_custom_food("  Spring   water ", "l", "1000", "120", "300")
    assert (water.id, water.name, water.custom) == ("custom-spring-water", "Spring water", True)
    assert (water.magnesium_mg_per_100g, water.calcium_mg_per_100g) == (12.0, 30.0)
    assert [(p.name, p.grams) for p in water.portions] == [("l", 1000.0)]


def test_a_custom_food_measured_in_litres_takes_any_volume() -> None:
    water = make_custom_food("Spring water", "l", "1000", "120", "300")
    assert food_entry(water, "250 ml", DAY, TIME).magnesium_mg == pytest.approx(30.0)
    assert food_entry(water, "0.5 l", DAY, TIME).magnesium_mg == pytest.approx(60.0)
    assert parse_portion(water, "1 cup").grams == pytest.approx(236.5882365)
    per_ml = make_custom_food("Drops", "ml", "1", "5", "")
    assert food_entry(per_ml, "1 tsp", DAY, TIME).magnesium_mg == pytest.approx(24.6446, rel=1e-4)


def test_a_usda_solid_still_refuses_millilitres() -> None:
    almonds = get_food("12061")
    assert almonds is not None
    with pytest.raises(AmountError, match="has no portion 'ml'"):
        food_entry(almonds, "100 ml", DAY, TIME)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("", "l", "1000", "1", ""), "a custom food needs a name"),
        (("W", "l", "0", "1", ""), "must be more than 0 g"),
        (("W", "l", "abc", "1", ""), "must be a number"),
        (("W", "l", "1000", "-1", ""), "cannot be below 0"),
        (("W" * 121, "l", "1000", "1", ""), "at most 120 characters"),
    ],
)
def test_make_custom_food_refuses(args: tuple[str, str, str, str, str], message: str) -> None:
    with pytest.raises(AmountError, match=message):
        make_custom_food(*args)


def test_an_empty_label_value_is_unknown_not_zero() -> None:
    from mgtui.logbook.drafts import make_custom_food

    water = make_custom_food("Tap water", "l", "1000", "10", "")
    assert water.magnesium_mg_per_100g == 1.0
    assert water.calcium_mg_per_100g is None  # unknown: counted as "no value", not as 0 mg
    unknown = make_custom_food("Cordial", "glass", "250", " ", None)
    assert (unknown.magnesium_mg_per_100g, unknown.calcium_mg_per_100g) == (None, None)


# -- time of a new entry and of an edit -------------------------------------------------


def test_a_new_entry_starts_at_now_on_today_and_is_asked_on_another_day(tmp_path: Path) -> None:
    from mgtui.logbook.session import Logbook
    from mgtui.store import Repository

    now = dt.datetime(2026, 11, 22, 8, 30)
    with Repository.open(tmp_path / "data") as repo:
        logbook = Logbook(repo, now=lambda: now)
        assert logbook.time_for(now.date()) == dt.time(8, 30)
        assert logbook.time_for(now.date() - dt.timedelta(days=1)) is None  # never noon


def test_an_edit_moves_an_entry_in_time_and_undo_moves_it_back(tmp_path: Path) -> None:
    from mgtui.logbook import drafts
    from mgtui.logbook.session import Logbook
    from mgtui.store import Repository

    seeds = get_food("12014")
    assert seeds is not None
    day = dt.date(2026, 11, 21)
    with Repository.open(tmp_path / "data") as repo:
        logbook = Logbook(repo)
        early = repo.log(drafts.food_entry(seeds, "1 oz", day, dt.time(8, 0)))
        repo.log(drafts.food_entry(seeds, "2 oz", day, dt.time(9, 0)))
        changed = drafts.edited_entry(early, "1 oz", "21:30", [])
        assert changed.magnesium_mg == early.magnesium_mg  # an amount left as it was
        moved = logbook.edit(early.id, None, time=changed.time)
        assert [e.amount for e in repo.entries_on(day)] == ["2 oz", "1 oz"]
        assert moved.entry.time == dt.time(21, 30)
        repo.undo()
        assert repo.entries_on(day)[0] == early
        with pytest.raises(drafts.AmountError, match="not a time of day"):
            drafts.edited_entry(early, "1 oz", "24:00", [])
        assert drafts.parse_time_of_day("0745") == dt.time(7, 45)


def test_a_day_after_tomorrow_is_a_problem_and_tomorrow_is_not() -> None:
    from mgtui.logbook.drafts import future_day_problem

    today = dt.date(2026, 11, 22)
    assert future_day_problem(today + dt.timedelta(days=1), today) is None
    assert future_day_problem(dt.date(2062, 11, 22), today) == (
        "2062-11-22 is 13,149 days ahead; mgtui goes as far as tomorrow (2026-11-23): "
        "check the year"
    )


def test_the_dose_question_names_the_medicine_window_for_either_order(tmp_path: Path) -> None:
    from mgtui.logbook.session import Logbook
    from mgtui.store import Repository

    day = dt.date(2026, 11, 16)
    with Repository.open(tmp_path) as repo:
        book = Logbook(repo, now=lambda: dt.datetime(2026, 11, 16, 10, 0))
        book.save_medication("Alendronate")
        book.log(book.medicine_draft("alendronate", day, dt.time(7, 0)))
        mag = SupplementProduct("Mag", "glycinate", 120.0)
        draft = supplement_entry(mag, 1.0, day, dt.time(8, 0))
        assert book.dose_question(draft) == (
            "Alendronate at 07:00: magnesium should wait until 09:00."
        )
        assert book.dose_question(supplement_entry(mag, 1.0, day, dt.time(9, 0))) is None
        logged = book.log(draft)
        assert logged.warnings[0].startswith("Alendronate at 07:00: magnesium should wait")
        # The same pair again is not new: logging another medicine asks only about itself.
        book.save_medication("Cipro", "quinolone")
        later = book.medicine_draft("Cipro", day, dt.time(11, 0))
        assert book.dose_question(later) == (
            "Magnesium at 08:00 (Mag): Cipro at 11:00 should wait until 12:00."
        )
        assert book.group_dose_question([later, draft]) is not None
