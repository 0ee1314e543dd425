"""``mgtui search QUERY [--limit N] [--json]``: ranked foods, as a table or as JSON.

No match is not an error: the plain output says "no foods match 'xyz'", the JSON is
``[]``, and the exit status is 0 (a script can tell "nothing found" from bad input,
which exits 2).
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any, Final

from mgtui.cli.errors import UsageError

if TYPE_CHECKING:
    from mgtui.foods import Food

# The food table, its index and the portion parser load inside the functions: the
# ``mgtui`` parser imports this module for every command, not only for search.

DEFAULT_LIMIT: Final = 10
MAX_LIMIT: Final = 100  # more is a dump of the table, not a search
MIN_NAME_WIDTH: Final = 20


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add the ``search`` command to the ``mgtui`` parser."""
    parser = subparsers.add_parser(
        "search",
        help="find foods by name",
        description=(
            "Ranked foods from the USDA table. Word order, plurals, unfinished words "
            "and small typos do not matter: 'pumkin seeds' finds pumpkin seed kernels."
        ),
    )
    parser.add_argument("query", nargs="+", metavar="QUERY", help="words of the food's name")
    parser.add_argument(
        "--limit",
        type=int,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"how many foods to show, 1 to {MAX_LIMIT} (default {DEFAULT_LIMIT})",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from mgtui.foods import search_foods

    query = " ".join(args.query).strip()
    if not query:
        raise UsageError("search: the query is empty; give words of a food's name")
    if not 1 <= args.limit <= MAX_LIMIT:
        raise UsageError(f"search: --limit must be 1 to {MAX_LIMIT}, not {args.limit}")
    # The person's own foods are searched too, as 'mgtui add' and the app search them.
    from mgtui.cli import common

    with common.opened_repository(args) as repo:
        custom_foods = repo.custom_foods()
    foods = search_foods(query, args.limit, extra_foods=custom_foods)
    if args.json:
        print(json.dumps([food_json(food) for food in foods], ensure_ascii=False, indent=2))
    elif not foods:
        print(f"no foods match {query!r}")
    else:
        print(render_table(foods))
    return 0


def food_json(food: Food) -> dict[str, Any]:
    """A food as ``search --json`` prints it; ``grams`` is the weight of ``amount`` units."""
    return {
        "id": food.id,
        "name": food.name,
        "group": food.group,
        "magnesium_mg_per_100g": food.magnesium_mg_per_100g,
        "calcium_mg_per_100g": food.calcium_mg_per_100g,
        "vitamin_d_iu_per_100g": food.vitamin_d_iu_per_100g,
        "energy_kcal_per_100g": food.energy_kcal_per_100g,
        "portions": [
            {"name": portion.name, "grams": portion.grams, "amount": portion.amount}
            for portion in food.portions
        ],
        "custom": food.custom,
    }


def _mg(value: float | None) -> str:
    from mgtui.present.text import whole_mg

    return whole_mg(value)


def render_table(foods: list[Food]) -> str:
    """One line a food: id, name, Mg per 100 g, Mg in the default portion, Ca per 100 g."""
    from mgtui.cli.tables import Column, render
    from mgtui.foods.portions import default_portion

    rows = []
    for food in foods:
        portion = default_portion(food)
        per_portion = _mg(food.magnesium_mg(portion.grams))
        rows.append(
            (
                food.id,
                food.name,
                _mg(food.magnesium_mg_per_100g),
                f"{per_portion} in {portion.label}",
                _mg(food.calcium_mg_per_100g),
            )
        )
    # The name takes what the terminal has left; the numbers always show in full.
    columns = (
        Column("ID"),
        Column("FOOD", flexible=True, min_width=MIN_NAME_WIDTH),
        Column("MG/100G", numeric=True),
        Column("MG PER PORTION"),
        Column("CA/100G", numeric=True),
    )
    return render(columns, rows)
