"""Saved things: ``mgtui supplement add|list|rm`` and ``mgtui food add|list|rm``.

A saved supplement is a label (elemental Mg and Ca a serving) that ``mgtui take
NAME`` logs; a custom food (a mineral water, a product USDA lacks) is found by
``mgtui add NAME`` and by search.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from mgtui.cli import common, tables
from mgtui.cli.entries import add_dose_options, label_warnings, product_from_args, typed_label
from mgtui.cli.errors import UsageError

if TYPE_CHECKING:
    from mgtui.domain.supplements import SupplementProduct
    from mgtui.foods.model import Food

SUPPLEMENT_EPILOG = """\
examples:
  mgtui supplement add "Mag Glycinate" --mg 120 --form glycinate --serving "2 capsules"
  mgtui supplement add "Glycinate powder" --compound-mg 1000 --form glycinate
  mgtui supplement add "Cal-Mag" --mg 200 --ca 400 --form citrate
  mgtui supplement list
  mgtui supplement rm "Cal-Mag"

--mg is elemental magnesium, as under the label's Supplement Facts; --compound-mg
converts a compound weight with its form (500 mg glycinate is 70.5 mg magnesium).
Saving a name that exists replaces that supplement.
"""

FOOD_EPILOG = """\
examples:
  mgtui food add "Spring water" --per l --grams 1000 --mg 120 --ca 300
  mgtui food add "Oat drink" --per cup --grams 240 --mg 12 --ca 288
  mgtui food list
  mgtui food rm "Spring water"

The label's values for one portion are stored per 100 g; log it with
'mgtui add "Spring water" 0.5 l' (or 500 g). Saving a name that exists replaces it.
"""


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    supplement = subparsers.add_parser(
        "supplement",
        help="save, list or delete supplements (labels 'take' logs)",
        description="Supplements saved from their labels, for 'mgtui take NAME'.",
        epilog=SUPPLEMENT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = supplement.add_subparsers(
        title="actions", metavar="ACTION", dest="action", required=True
    )
    add = actions.add_parser(
        "add",
        help="save a supplement (or replace one of that name)",
        description="Save a supplement's label: elemental magnesium and calcium a serving.",
        epilog=SUPPLEMENT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add.add_argument("name", metavar="NAME")
    add_dose_options(add)
    add.add_argument(
        "--serving", metavar="TEXT", default="1 serving", help='what a serving is: "2 capsules"'
    )
    common.add_json_option(add)
    add.set_defaults(handler=run_supplement_add)
    listing = actions.add_parser("list", help="the saved supplements")
    common.add_json_option(listing)
    listing.set_defaults(handler=run_supplement_list)
    rm = actions.add_parser("rm", help="delete a saved supplement (logged entries stay)")
    rm.add_argument("name", metavar="NAME")
    rm.set_defaults(handler=run_supplement_rm)

    food = subparsers.add_parser(
        "food",
        help="save, list or delete custom foods (a mineral water, ...)",
        description="Your own foods, from their labels, for 'mgtui add' and search.",
        epilog=FOOD_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    food_actions = food.add_subparsers(
        title="actions", metavar="ACTION", dest="action", required=True
    )
    food_add = food_actions.add_parser(
        "add",
        help="save a custom food (or replace one of that name)",
        description="Save a food from its label: magnesium and calcium in one portion.",
        epilog=FOOD_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    food_add.add_argument("name", metavar="NAME")
    food_add.add_argument(
        "--per", metavar="PORTION", required=True, help="the portion the label speaks of: l, cup"
    )
    food_add.add_argument(
        "--grams", metavar="G", required=True, help="what that portion weighs in grams"
    )
    food_add.add_argument("--mg", metavar="N", required=True, help="magnesium in the portion, mg")
    food_add.add_argument("--ca", metavar="N", help="calcium in the portion, mg (default 0)")
    common.add_json_option(food_add)
    food_add.set_defaults(handler=run_food_add)
    food_list = food_actions.add_parser("list", help="the custom foods")
    common.add_json_option(food_list)
    food_list.set_defaults(handler=run_food_list)
    food_rm = food_actions.add_parser(
        "rm", help="delete a custom food by name or id (logged entries stay)"
    )
    food_rm.add_argument("name", metavar="NAME")
    food_rm.set_defaults(handler=run_food_rm)


# -- supplements ------------------------------------------------------------------------


def run_supplement_add(args: argparse.Namespace) -> int:
    if all(value is None for value in typed_label(args)):
        raise UsageError(
            "supplement add: give --mg N or --compound-mg N --form FORM (or --ca N, "
            "--ca-compound-mg N --ca-form FORM, --vitamin-d-iu N or --vitamin-d-mcg N)"
        )
    product = product_from_args(args, args.name, args.serving)
    with common.opened_repository(args) as repo:
        replaced = repo.supplement_product(product.name) is not None
        product = repo.save_supplement_product(product)
    for warning in label_warnings(product, args):
        common.warn(warning)
    if args.json:
        common.print_json(product_json(product))
        return 0
    for conversion in (product.conversion, product.calcium_conversion):
        if conversion is not None:
            print(conversion)
    print(f"{'replaced' if replaced else 'saved'} {describe_product(product)}")
    print(f"log a serving with: mgtui take {common.shell_word(product.name)}")
    return 0


def run_supplement_list(args: argparse.Namespace) -> int:
    from mgtui.domain.text import safe
    from mgtui.present.text import mg_text

    with common.opened_repository(args) as repo:
        products = repo.supplement_products()
    if args.json:
        common.print_json([product_json(product) for product in products])
        return 0
    if not products:
        print("no saved supplements; save one with 'mgtui supplement add'")
        return 0
    columns = [
        tables.Column("NAME", flexible=True),
        tables.Column("FORM"),
        tables.Column("MG/SERVING", numeric=True),
        tables.Column("CA/SERVING", numeric=True),
        tables.Column("SERVING"),
        tables.Column("COMPOUND"),
    ]
    rows = [
        [
            safe(product.name),
            safe(product.form or ""),
            mg_text(product.magnesium_mg),
            mg_text(product.calcium_mg),
            safe(product.serving),
            "" if product.compound_mg is None else f"{product.compound_mg:g} mg",
        ]
        for product in products
    ]
    print(tables.render(columns, rows))
    return 0


def run_supplement_rm(args: argparse.Namespace) -> int:
    with common.opened_repository(args) as repo:
        product = repo.delete_supplement_product(args.name)
    print(f"deleted {product.name} (entries already logged keep their amounts)")
    return 0


def product_json(product: SupplementProduct) -> dict[str, Any]:
    return {
        "name": product.name,
        "form": product.form,
        "magnesium_mg": round(product.magnesium_mg, 3),
        "calcium_mg": round(product.calcium_mg, 3),
        "serving": product.serving,
        "compound_mg": product.compound_mg,
        "calcium_form": product.calcium_form,
        "calcium_compound_mg": product.calcium_compound_mg,
        "vitamin_d_iu": round(product.vitamin_d_iu, 3),
    }


def describe_product(product: SupplementProduct) -> str:
    from mgtui.present.text import describe_product as words

    return words(product)


# -- custom foods -----------------------------------------------------------------------


def run_food_add(args: argparse.Namespace) -> int:
    from mgtui.logbook.drafts import make_custom_food

    food = make_custom_food(args.name, args.per, args.grams, args.mg, args.ca)
    with common.opened_repository(args) as repo:
        replaced = repo.custom_food(food.name) is not None  # the same name replaces
        food = repo.save_custom_food(food)
    if args.json:
        common.print_json(custom_food_json(food))
        return 0
    print(f"{'replaced' if replaced else 'saved'} {describe_custom_food(food)}")
    portion = food.portions[0]
    print(f"log it with: mgtui add {common.shell_word(food.name)} 1 {portion.name}")
    return 0


def run_food_list(args: argparse.Namespace) -> int:
    from mgtui.present.text import mg_text

    with common.opened_repository(args) as repo:
        foods = repo.custom_foods()
    if args.json:
        common.print_json([custom_food_json(food) for food in foods])
        return 0
    if not foods:
        print("no custom foods; save one with 'mgtui food add'")
        return 0
    columns = [
        tables.Column("ID"),
        tables.Column("NAME", flexible=True),
        tables.Column("PORTION"),
        tables.Column("MG", numeric=True),
        tables.Column("CA", numeric=True),
        tables.Column("MG/100G", numeric=True),
    ]
    rows = []
    for food in foods:
        portion_text, grams = _first_portion(food)
        rows.append(
            [
                food.id,
                food.name,
                portion_text,
                mg_text(food.magnesium_mg(grams)),
                mg_text(food.calcium_mg(grams)),
                mg_text(food.magnesium_mg_per_100g),
            ]
        )
    print(tables.render(columns, rows))
    return 0


def run_food_rm(args: argparse.Namespace) -> int:
    with common.opened_repository(args) as repo:
        food = repo.custom_food(args.name)
        if food is None:
            raise UsageError(f"no custom food named {args.name.strip()!r} (see 'mgtui food list')")
        repo.delete_custom_food(food.id)
    print(f"deleted {food.name} ({food.id}); entries already logged keep their amounts")
    return 0


def _first_portion(food: Food) -> tuple[str, float]:
    if not food.portions:
        return "100 g", 100.0
    portion = food.portions[0]
    return f"{portion.label} ({round(portion.grams, 2):g} g)", portion.grams


def custom_food_json(food: Food) -> dict[str, Any]:
    from mgtui.cli.search import food_json

    return food_json(food)


def describe_custom_food(food: Food) -> str:
    from mgtui.present.text import nutrients_text

    portion_text, grams = _first_portion(food)
    nutrients = nutrients_text(food.magnesium_mg(grams), food.calcium_mg(grams))
    return f"{food.name} ({food.id}): {nutrients} per {portion_text}"
