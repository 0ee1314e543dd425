"""The food table (USDA SR24), portions, and search.

Pure Python: nothing here imports Textual or TinyDB, and importing the package reads
no file. The table is read on the first call that needs it (about 10 ms) and kept.
(The search function is ``search_foods``, not ``search``: a package attribute named
``search`` would hide the ``mgtui.foods.search`` module from ``import ... as`` and
``mock.patch``.)
"""

from mgtui.foods.model import Food, Portion
from mgtui.foods.portions import (
    PortionAmount,
    PortionError,
    default_portion,
    parse_portion,
    portion_choices,
)
from mgtui.foods.search import (
    SearchHit,
    all_foods,
    food_count,
    get_food,
    search_foods,
    search_hits,
)
from mgtui.foods.table import FoodTableError

__all__ = [
    "Food",
    "FoodTableError",
    "Portion",
    "PortionAmount",
    "PortionError",
    "SearchHit",
    "all_foods",
    "default_portion",
    "food_count",
    "get_food",
    "parse_portion",
    "portion_choices",
    "search_foods",
    "search_hits",
]
