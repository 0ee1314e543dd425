"""The food table (USDA SR28), portions, and search.

Pure Python: nothing here imports Textual or TinyDB, and importing the package reads
no file. The table is read on the first call that needs it (about 10 ms) and kept.

The names below are imported on first use (PEP 562), so ``import mgtui.foods.model``
from the store, or ``import mgtui.foods`` alone, costs only what it uses: commands
such as ``mgtui status`` start without loading search or portion parsing.

The search function is ``search_foods``, not ``search``: a package attribute named
``search`` would hide the ``mgtui.foods.search`` module from ``import ... as`` and
``mock.patch``.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mgtui.foods.model import Food, Portion
    from mgtui.foods.portions import (
        PortionAmount,
        PortionError,
        default_portion,
        parse_portion,
        portion_choices,
    )
    from mgtui.foods.search import (
        NoFoodWordError,
        SearchHit,
        all_foods,
        food_count,
        food_for_query,
        food_words,
        get_food,
        search_foods,
        search_hits,
    )
    from mgtui.foods.table import FoodTableError

_HOMES = {
    "Food": "mgtui.foods.model",
    "Portion": "mgtui.foods.model",
    "PortionAmount": "mgtui.foods.portions",
    "PortionError": "mgtui.foods.portions",
    "default_portion": "mgtui.foods.portions",
    "parse_portion": "mgtui.foods.portions",
    "portion_choices": "mgtui.foods.portions",
    "NoFoodWordError": "mgtui.foods.search",
    "SearchHit": "mgtui.foods.search",
    "all_foods": "mgtui.foods.search",
    "food_count": "mgtui.foods.search",
    "food_for_query": "mgtui.foods.search",
    "food_words": "mgtui.foods.search",
    "get_food": "mgtui.foods.search",
    "search_foods": "mgtui.foods.search",
    "search_hits": "mgtui.foods.search",
    "FoodTableError": "mgtui.foods.table",
}

__all__ = [  # the keys of _HOMES (a test checks), spelled out for linters and readers
    "Food",
    "FoodTableError",
    "NoFoodWordError",
    "Portion",
    "PortionAmount",
    "PortionError",
    "SearchHit",
    "all_foods",
    "default_portion",
    "food_count",
    "food_for_query",
    "food_words",
    "get_food",
    "parse_portion",
    "portion_choices",
    "search_foods",
    "search_hits",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value  # the next access is a plain lookup
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])
