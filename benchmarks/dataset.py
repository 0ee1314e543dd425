"""A realistic ten-year data folder, written through mgtui's own store.

Every day: the demo's five meals (breakfast, a snack, lunch, a snack, dinner), two to
four everyday foods at each from the real food table, with amounts parsed by
``drafts.food_entry`` as the app does; a magnesium glycinate most evenings, calcium
some days, now and then a citrate on top; about one day in twenty not logged. That is
about 15 entries a logged day and 55,000 over ten years, stored with the store's bulk
path ``Repository.log_many`` after saving the demo's profile and products, as
``mgtui demo`` would. The same days and seed always give the same log.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from mgtui.domain.entries import Entry
from mgtui.foods import get_food
from mgtui.frozen import replace
from mgtui.logbook import demo, drafts
from mgtui.store import Repository

TEN_YEARS_DAYS = 3653  # 10 x 365 plus the leap days a ten-year span holds
QUICK_DAYS = 30
SEED = 20261122
UNLOGGED_SHARE = 0.05
FOODS_PER_MEAL = (2, 3, 3, 4)


@dataclass(frozen=True, slots=True)
class Dataset:
    folder: Path
    first_day: dt.date
    last_day: dt.date
    entries: int
    logged_days: int
    file_bytes: int
    build_seconds: float  # log_many alone, the store's part of the build


def entries_for(end: dt.date, days: int, seed: int = SEED) -> list[Entry]:
    """The log of ``days`` days ending on ``end`` (which is always logged)."""
    rng = random.Random(seed)
    # One parsed entry per food and amount, copied to each day and time it is eaten:
    # parsing 50,000 amounts again would only slow the build, not change an entry.
    parsed: dict[tuple[str, str], Entry] = {}
    entries: list[Entry] = []
    for offset in range(days - 1, -1, -1):
        day = end - dt.timedelta(days=offset)
        if offset and rng.random() < UNLOGGED_SHARE:
            continue
        for meal in demo.MEALS:
            hour, minute = map(int, meal.time.split(":"))
            for food_id, amount in rng.choices(meal.choices, k=rng.choice(FOODS_PER_MEAL)):
                key = (food_id, amount)
                if key not in parsed:
                    food = get_food(food_id)
                    if food is None:
                        raise LookupError(f"the demo's food {food_id} is not in the food table")
                    parsed[key] = drafts.food_entry(food, amount, day, dt.time(hour, minute))
                at = dt.time(hour, min(59, minute + rng.randrange(25)))
                entries.append(replace(parsed[key], date=day, time=at))
        roll = rng.random()
        if roll < 0.85:
            entries.append(drafts.supplement_entry(demo.GLYCINATE, 1, day, dt.time(21, 0)))
        if 0.8 < roll < 0.9:
            entries.append(drafts.supplement_entry(demo.CITRATE, 1, day, dt.time(13, 30)))
        if rng.random() < 0.4:
            entries.append(drafts.supplement_entry(demo.CALCIUM, 1, day, dt.time(8, 0)))
    return entries


def build(folder: Path, days: int, end: dt.date) -> Dataset:
    """Write the log into ``folder`` (which must not hold one yet)."""
    import time

    entries = entries_for(end, days)
    with Repository.open(folder) as repo:
        if repo.logged_days():
            raise FileExistsError(f"{folder} already holds a log")
        repo.save_profile(demo.DEMO_PROFILE)
        for product in demo.PRODUCTS:
            repo.save_supplement_product(product)
        for food_id in ("12014", "12061"):
            repo.toggle_favourite(food_id)
        start = time.perf_counter()
        stored = repo.log_many(entries)
        build_seconds = time.perf_counter() - start
        logged = repo.logged_days()
    return Dataset(
        folder=folder,
        first_day=logged[0],
        last_day=logged[-1],
        entries=len(stored),
        logged_days=len(logged),
        file_bytes=(folder / "mgtui.json").stat().st_size,
        build_seconds=build_seconds,
    )
