"""A realistic, deterministic history for trying mgtui without touching one's own data.

Ninety days ending on a given day: a profile (female, 63), everyday foods at breakfast,
lunch, dinner and snacks, a magnesium glycinate most evenings, calcium some mornings,
a few days over the supplement limit, and some days not logged at all; a morning and an
evening routine to log with ``r``. The same end
day always gives the same log, so screenshots made from it are reproducible.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from mgtui.domain.entries import Entry
from mgtui.domain.medicines import Medication, medicine_entry
from mgtui.domain.routines import ITEM_DAY, ITEM_TIME, Routine
from mgtui.domain.supplements import SupplementProduct, elemental_magnesium_mg
from mgtui.domain.targets import Profile
from mgtui.foods import get_food
from mgtui.frozen import frozen
from mgtui.logbook import drafts
from mgtui.store import Repository

DEMO_DAYS = 90
DEMO_SEED = 20261122
DEMO_PROFILE = Profile(sex="female", age=63)

GLYCINATE = SupplementProduct(
    "Magnesium glycinate", "glycinate", 120.0, 0.0, "2 capsules", compound_mg=None
)
CITRATE_COMPOUND_MG = 1000.0
CITRATE = SupplementProduct(
    "Magnesium citrate powder",
    "citrate",
    elemental_magnesium_mg(CITRATE_COMPOUND_MG, "citrate"),
    0.0,
    "1 scoop",
    compound_mg=CITRATE_COMPOUND_MG,
)
CALCIUM = SupplementProduct(
    "Calcium citrate + D", None, 0.0, 500.0, "2 tablets", vitamin_d_iu=1000.0
)
PRODUCTS = (GLYCINATE, CITRATE, CALCIUM)
# A weekly osteoporosis medicine, taken on Mondays at 07:00: on a Monday with calcium at
# 08:00, History marks the day (Rx) and Today says it.
ALENDRONATE = Medication("Alendronate", "bisphosphonate")


@frozen
class Meal:
    time: str
    choices: Sequence[tuple[str, str]]  # (NDB id, amount)


MEALS = (
    Meal(
        "07:30",
        (
            ("08121", "1 cup"),  # oatmeal, cooked
            ("01077", "1 cup"),  # whole milk
            ("09040", "1 medium"),  # banana
            ("01116", "1 cup"),  # yogurt, plain, whole milk
            ("20137", "1 cup"),  # quinoa, cooked
        ),
    ),
    Meal("10:30", (("12014", "1 oz"), ("12061", "1 oz"), ("12087", "1 oz"), ("16098", "2 tbsp"))),
    Meal(
        "12:45",
        (
            ("11458", "1/2 cup"),  # spinach, boiled
            ("16015", "1/2 cup"),  # black beans
            ("16070", "1/2 cup"),  # lentils
            ("09038", "1/2 cup"),  # avocado
            ("20037", "1 cup"),  # brown rice
        ),
    ),
    Meal("15:30", (("19904", "1 oz"), ("12155", "1 oz"), ("09040", "1 medium"))),
    Meal(
        "19:00",
        (
            ("15237", "3 oz"),  # salmon
            ("11674", "1 potato medium"),  # baked potato with skin
            ("16057", "1/2 cup"),  # chickpeas
            ("11162", "1 cup"),  # collards, cooked
            ("16426", "1/2 cup"),  # tofu, firm, with calcium sulfate
            ("05064", "3 oz"),  # chicken breast, roasted
        ),
    ),
)


def _food_entries(rng: random.Random, day: dt.date) -> list[Entry]:
    entries: list[Entry] = []
    for meal in MEALS:
        if rng.random() < 0.25:  # a skipped meal or snack
            continue
        count = 2 if rng.random() < 0.2 else 1
        for food_id, amount in rng.sample(list(meal.choices), k=count):
            food = get_food(food_id)
            if food is None:
                continue
            hour, minute = map(int, meal.time.split(":"))
            at = dt.time(hour, min(59, minute + rng.randrange(0, 25)))
            try:
                entries.append(drafts.food_entry(food, amount, day, at))
            except drafts.AmountError:
                entries.append(drafts.food_entry(food, None, day, at))
    return entries


def _supplement_entries(rng: random.Random, day: dt.date) -> list[Entry]:
    entries: list[Entry] = []
    roll = rng.random()
    if roll < 0.75:
        entries.append(drafts.supplement_entry(GLYCINATE, 1, day, dt.time(21, 0)))
    elif roll < 0.85:
        # A few days over the limit: a double dose plus the citrate powder.
        entries.append(drafts.supplement_entry(GLYCINATE, 2, day, dt.time(21, 0)))
        entries.append(drafts.supplement_entry(CITRATE, 1, day, dt.time(13, 30)))
    if rng.random() < 0.4:
        at = dt.time(8, 0) if rng.random() < 0.5 else dt.time(20, 30)
        entries.append(drafts.supplement_entry(CALCIUM, 1, day, at))
    return entries


def demo_entries(end: dt.date, days: int = DEMO_DAYS) -> list[Entry]:
    """The demo log for ``days`` days ending on ``end``; the same input, the same log."""
    rng = random.Random(DEMO_SEED)
    entries: list[Entry] = []
    for offset in range(days - 1, -1, -1):
        day = end - dt.timedelta(days=offset)
        if offset > 0 and rng.random() < 0.1:  # an unlogged day (never today)
            continue
        day_entries = _food_entries(rng, day) + _supplement_entries(rng, day)
        if day.weekday() == 0:  # the weekly alendronate, on waking (no draw: the rest stays)
            day_entries.append(medicine_entry(ALENDRONATE, day, dt.time(7, 0)))
        if offset == 0:
            # Today is still in progress: only the morning so far.
            day_entries = [e for e in day_entries if e.time < dt.time(11, 0)]
        entries.extend(day_entries)
    return entries


def fill_demo(repo: Repository, end: dt.date, days: int = DEMO_DAYS) -> int:
    """Write the demo profile, products, favourites and log; returns the entry count."""
    repo.save_profile(DEMO_PROFILE)
    for product in PRODUCTS:
        repo.save_supplement_product(product)
    for food_id in ("12014", "12061"):
        if food_id not in repo.favourite_food_ids():
            repo.toggle_favourite(food_id)
    for routine in demo_routines():
        repo.save_routine(routine)
    repo.save_medication(ALENDRONATE)
    return len(repo.log_many(demo_entries(end, days)))


def demo_routines() -> list[Routine]:
    """A morning and an evening routine, as a person would build them with ``r`` ``n``."""

    def food(food_id: str, amount: str) -> Entry:
        found = get_food(food_id)
        assert found is not None, food_id
        return drafts.food_entry(found, amount, ITEM_DAY, ITEM_TIME)

    def supplement(product: SupplementProduct) -> Entry:
        return drafts.supplement_entry(product, 1, ITEM_DAY, ITEM_TIME)

    morning = (
        food("08121", "1 cup"),  # oatmeal, cooked
        food("01077", "1 cup"),  # whole milk
        food("12014", "1 oz"),  # pumpkin seeds
        supplement(CALCIUM),
    )
    evening = (food("12061", "1 oz"), supplement(GLYCINATE))  # almonds, glycinate
    return [Routine("Morning", morning), Routine("Evening", evening)]
