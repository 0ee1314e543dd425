"""Logging and correcting the day: ``add``, ``take``, ``log`` and ``rm``.

Like every command module, this one imports the store, the domain and the food
table inside its handlers: the parser imports all command modules on every run.
"""

from __future__ import annotations

import argparse
import re
from typing import TYPE_CHECKING, Any

from mgtui.cli import common, tables
from mgtui.cli.errors import UsageError

if TYPE_CHECKING:
    import datetime as dt

    from mgtui.domain.entries import Entry
    from mgtui.domain.summary import DaySummary
    from mgtui.domain.supplements import SupplementProduct
    from mgtui.foods.model import Food
    from mgtui.logbook.session import Logbook
    from mgtui.store import Repository

_NDB_NUMBER = re.compile(r"\d{4,5}")
# What starts an amount: a number or a fraction ("1", ".5", "1/2", "½").
_AMOUNT_START = re.compile(r"[\d.½⅓⅔¼¾⅛]")


def compound_remedy(product: SupplementProduct) -> str:
    """How to say it on the command line, for ``logbook.compound_weight_warning``."""
    return (
        f"If so, give it as --compound-mg {product.magnesium_mg:g} --form {product.form or 'FORM'}."
    )


ADD_EPILOG = """\
examples:
  mgtui add "pumpkin seeds" 1 oz       the best match is used and named
  mgtui add 12014 30g                  by USDA NDB number (see 'mgtui search')
  mgtui add almonds 1/4 cup --time 08:30
  mgtui add "Spring water" 0.5 l       a custom food (see 'mgtui food add')
  mgtui add spinach --date yesterday   your last portion, else its first one
"""

TAKE_EPILOG = """\
examples:
  mgtui take "Mag Glycinate"                   a saved supplement, one serving
  mgtui take "Mag Glycinate" --servings 2
  mgtui take magnesium --mg 200 --form citrate      elemental Mg from the label
  mgtui take glycinate --compound-mg 500 --form glycinate
  mgtui take "Calcium citrate" --ca 500            calcium only
  mgtui take "Calcium citrate" --ca-compound-mg 500 --ca-form citrate
  mgtui take "Vitamin D3" --vitamin-d-mcg 25       1,000 IU (1 mcg = 40 IU)

Numbers given for a saved supplement replace its label's for this entry only (the
entry is then logged as a one-off); 'mgtui supplement add' changes the label.
Forms: oxide, hydroxide, carbonate, chloride, sulfate, citrate, glycinate, malate,
lactate, taurate, threonate, aspartate, orotate, gluconate.
Calcium forms: carbonate, citrate, phosphate (tricalcium), lactate, gluconate.
"""


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    add = subparsers.add_parser(
        "add",
        help="log a food",
        description=(
            "Log an amount of a food. FOOD is a 5-digit USDA NDB number, a custom "
            "food's name, or words of a food's name (the best match is used and named). "
            "AMOUNT: 30g, 1.5 oz, 1 cup, 1/2 cup, 2 tbsp, a portion name of that food, "
            "or a bare number of its first portion; default your last portion of that food, "
            "else its first portion (100 g where it has none), named in the output. Of "
            "several measures of one unit (cup, whole / cup, ground) the one you logged "
            "last is used, else the everyday form. Quote a FOOD of several words."
        ),
        epilog=ADD_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add.add_argument("food", metavar="FOOD", help="NDB number, custom food, or words of a name")
    add.add_argument("amount", nargs="*", metavar="AMOUNT", help="how much, e.g. 1 oz")
    _add_moment_options(add)
    common.add_json_option(add)
    add.set_defaults(handler=run_add)

    take = subparsers.add_parser(
        "take",
        help="log a supplement",
        description=(
            "Log a supplement. --mg is elemental magnesium (the label's Supplement Facts "
            "number); --compound-mg with --form converts a compound weight; --ca is "
            "elemental calcium. NAME may be a saved supplement ('mgtui supplement add'), "
            "whose label amounts are then used."
        ),
        epilog=TAKE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    take.add_argument("name", metavar="NAME", help="a saved supplement, or any name")
    add_dose_options(take)
    take.add_argument(
        "--servings", metavar="K", help="how many servings (default 1; up to 20, 0.5 works)"
    )
    _add_moment_options(take)
    common.add_json_option(take)
    take.set_defaults(handler=run_take)

    log = subparsers.add_parser(
        "log",
        help="the day's entries with their ids",
        description="The day's entries, each with the id 'mgtui rm' takes, and the totals.",
    )
    common.add_date_option(log)
    common.add_json_option(log)
    log.set_defaults(handler=run_log)

    rm = subparsers.add_parser(
        "rm",
        help="delete an entry",
        description="Delete one entry by its id (shown by 'mgtui log').",
        epilog="example:\n  mgtui rm 3f9a0c12be45\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    rm.add_argument("entry_id", metavar="ENTRY_ID", help="the id 'mgtui log' shows")
    common.add_json_option(rm)
    rm.set_defaults(handler=run_rm)


def _add_moment_options(parser: argparse.ArgumentParser) -> None:
    common.add_date_option(parser, "the day to log it on")
    parser.add_argument("--time", metavar="HH:MM", help="the time of day (default now)")


def add_dose_options(parser: argparse.ArgumentParser) -> None:
    """--mg | --compound-mg, --form and --ca, shared by ``take`` and ``supplement add``."""
    amounts = parser.add_mutually_exclusive_group()
    amounts.add_argument("--mg", metavar="N", help="elemental magnesium in mg a serving")
    amounts.add_argument(
        "--compound-mg", metavar="N", help="the compound's weight in mg a serving (needs --form)"
    )
    parser.add_argument("--form", metavar="FORM", help="magnesium form: glycinate, citrate, ...")
    calcium = parser.add_mutually_exclusive_group()
    calcium.add_argument("--ca", metavar="N", help="elemental calcium in mg a serving")
    calcium.add_argument(
        "--ca-compound-mg",
        metavar="N",
        help="the calcium compound's weight in mg a serving (needs --ca-form)",
    )
    parser.add_argument(
        "--ca-form", metavar="FORM", help="calcium form: carbonate, citrate, phosphate, ..."
    )
    vitamin_d = parser.add_mutually_exclusive_group()
    vitamin_d.add_argument("--vitamin-d-iu", metavar="N", help="vitamin D in IU a serving")
    vitamin_d.add_argument(
        "--vitamin-d-mcg", metavar="N", help="vitamin D in mcg a serving (1 mcg = 40 IU)"
    )


def typed_label(args: argparse.Namespace) -> list[str | None]:
    """The label numbers given on the command line (None where left out)."""
    return [
        args.mg,
        args.compound_mg,
        args.ca,
        args.ca_compound_mg,
        args.vitamin_d_iu,
        args.vitamin_d_mcg,
    ]


def product_from_args(
    args: argparse.Namespace, name: str, serving: str, saved: SupplementProduct | None = None
) -> SupplementProduct:
    """A product from the label options; what they leave out comes from ``saved``."""
    from mgtui.logbook.drafts import make_product

    form = args.form or (saved.form if saved is not None else None)
    compound = args.compound_mg is not None
    if compound and form is None:
        raise UsageError("--compound-mg needs --form, e.g. --form glycinate")
    calcium_compound = args.ca_compound_mg is not None
    calcium_form = args.ca_form or (saved.calcium_form if saved is not None else None)
    if calcium_compound and calcium_form is None:
        raise UsageError("--ca-compound-mg needs --ca-form, e.g. --ca-form citrate")
    if compound:
        magnesium = args.compound_mg
    elif args.mg is not None or saved is None:
        magnesium = args.mg or "0"
    else:
        magnesium = repr(saved.magnesium_mg)
    if calcium_compound:
        calcium = args.ca_compound_mg
    elif args.ca is not None or saved is None:
        calcium = args.ca or "0"
    else:
        calcium = repr(saved.calcium_mg)
    vitamin_d, unit = (
        (args.vitamin_d_mcg, "mcg") if args.vitamin_d_mcg else (args.vitamin_d_iu, "IU")
    )
    if vitamin_d is None and saved is not None:
        vitamin_d, unit = repr(saved.vitamin_d_iu), "IU"
    return make_product(
        name,
        form,
        magnesium,
        calcium,
        serving,
        compound=compound,
        calcium_form=calcium_form,
        calcium_compound=calcium_compound,
        vitamin_d_text=vitamin_d or "",
        vitamin_d_unit=unit,  # type: ignore[arg-type]  # "IU" or "mcg" just above
    )


def label_warnings(product: SupplementProduct, args: argparse.Namespace) -> list[str]:
    """The "looks like a compound weight" questions for the numbers typed as elemental."""
    from mgtui.logbook.drafts import calcium_compound_weight_warning, compound_weight_warning

    warnings = []
    if args.mg is not None:
        magnesium = compound_weight_warning(
            product, compound=False, remedy=compound_remedy(product)
        )
        if magnesium is not None:
            warnings.append(magnesium)
    if args.ca is not None:
        calcium = calcium_compound_weight_warning(
            product,
            compound=False,
            remedy=(
                f"If so, give it as --ca-compound-mg {product.calcium_mg:g} "
                f"--ca-form {product.calcium_form or 'FORM'}."
            ),
        )
        if calcium is not None:
            warnings.append(calcium)
    return warnings


# -- add --------------------------------------------------------------------------------


def run_add(args: argparse.Namespace) -> int:
    from mgtui.domain.text import safe
    from mgtui.logbook.drafts import AmountError, food_entry, remembered_amount
    from mgtui.present.json import entry_json
    from mgtui.present.text import describe_food_entry, portion_source

    day, time = common.moment_of(args)
    amount = " ".join(args.amount).strip() or None
    with common.opened_logbook(args) as logbook:
        food, query = resolve_food(logbook.repo, args.food)
        last = logbook.repo.last_food_entry(food.id)
        source = None if amount is not None else remembered_amount(food, last)[1]
        try:
            draft = food_entry(food, amount, day, time, last=last)
        except AmountError as error:
            raise UsageError(f"{error}{_quote_hint(args.food, args.amount)}") from None
        logged = logbook.log(draft)
    entry, summary = logged.entry, logged.after
    if food.note:  # a number the table no longer has (foods.retired)
        common.warn(f"{food.id} is {food.note}")
    if args.json:
        shown = entry_json(entry)
        if query is not None:
            shown["query"] = query
        if source is not None:
            shown["portion_from"] = source
        common.print_json(shown)
        return 0
    if query is not None:
        print(f'matched "{safe(query)}" → {food.id}')
    from_where = "" if source is None else f" ({portion_source(source)})"
    print(f"logged {entry.id}{_when(entry)}: {describe_food_entry(entry)}{from_where}")
    print(day_line(summary))
    return 0


def resolve_food(repo: Repository, text: str) -> tuple[Food, str | None]:
    """The food FOOD names, and the query when a search picked it."""
    from mgtui.foods import NoFoodWordError, food_for_query, get_food
    from mgtui.foods.retired import retired_foods, stand_in_food, without_numbers

    wanted = " ".join(text.split())
    if not wanted:
        raise UsageError("add: FOOD is empty; give an NDB number, a custom food or a food's name")
    if _NDB_NUMBER.fullmatch(wanted):
        # Spreadsheets drop the leading zero of "01077"; put it back.
        ndb_id = wanted.zfill(5)
        # A number SR28 dropped still logs, from its successor or the last entry of it.
        food = get_food(ndb_id) or stand_in_food(ndb_id, repo.last_food_entry(ndb_id))
        if food is None or without_numbers(food):
            retired = retired_foods().get(ndb_id)
            if retired is None:
                raise UsageError(
                    f"no USDA food has the NDB number {ndb_id}; find one with 'mgtui search'"
                )
            raise UsageError(
                f"{ndb_id} ({retired.name}) is no longer in the USDA table and you have no "
                "entry of it to log it from; find it with 'mgtui search'"
            )
        return food, None
    custom = repo.custom_food(wanted)
    if custom is not None:
        return custom, None
    try:
        return food_for_query(wanted, extra_foods=repo.custom_foods()), wanted
    except NoFoodWordError as error:
        raise UsageError(
            f"no food matches {wanted!r} ({error}); try other words with 'mgtui search'"
        ) from None


def _quote_hint(food: str, amount_words: list[str]) -> str:
    """A hint for ``mgtui add pumpkin seeds 1 oz``, where "seeds" was taken as the amount."""
    if not amount_words or _AMOUNT_START.match(amount_words[0]):
        return ""
    numbered = next((i for i, w in enumerate(amount_words) if _AMOUNT_START.match(w)), None)
    if numbered is None:
        return ""
    name = " ".join([food, *amount_words[:numbered]])
    rest = " ".join(amount_words[numbered:])
    return f' (if the food is "{name}", quote it: mgtui add "{name}" {rest})'


# -- take -------------------------------------------------------------------------------


def run_take(args: argparse.Namespace) -> int:
    from mgtui.domain.text import safe
    from mgtui.logbook.drafts import parse_servings, supplement_entry
    from mgtui.present.json import entry_json, number
    from mgtui.present.text import describe_supplement_entry

    name = " ".join(args.name.split())
    if not name:
        raise UsageError("take: NAME is empty")
    servings = 1.0 if args.servings is None else parse_servings(args.servings)
    day, time = common.moment_of(args)
    with common.opened_logbook(args) as logbook:
        if logbook.medication(name) is not None:
            return _take_medicine(args, logbook, name, day, time)
        saved = logbook.repo.supplement_product(name)
        product, overridden = _dose(logbook.repo, name, saved, args)
        from_label = saved is not None and not overridden
        draft = supplement_entry(product, servings, day, time, saved=from_label)
        logged = logbook.log(draft)
    entry, summary = logged.entry, logged.after

    warnings = label_warnings(product, args) + list(logged.warnings)
    for text in warnings:
        common.warn(text)

    conversion = _conversion(product, servings) if args.compound_mg is not None else None
    calcium_conversion = (
        _calcium_conversion(product, servings) if args.ca_compound_mg is not None else None
    )
    if args.json:
        shown = entry_json(entry)
        shown["conversion"] = conversion
        shown["calcium_conversion"] = calcium_conversion
        figures = summary.figures.supplement
        shown["supplement"] = {
            "magnesium_mg": number(figures.amount.value, figures.amount.decimals),
            "limit_mg": None if figures.limit is None else figures.limit.value,
            "over_limit": figures.state == "over",
        }
        shown["warnings"] = warnings
        shown["tips"] = [advice.text for advice in summary.tips]
        common.print_json(shown)
        return 0
    for line in (conversion, calcium_conversion):
        if line is not None:
            print(line)
    if saved is not None and overridden:
        print(
            f"the numbers given were used for this entry; the saved label of {saved.name} "
            "is unchanged ('mgtui supplement add' changes it)"
        )
    print(f"logged {entry.id}{_when(entry)}: {describe_supplement_entry(entry)}")
    print(supplement_line(summary))
    for advice in summary.tips:
        print(f"Tip: {safe(advice.text)}")
    return 0


def _take_medicine(
    args: argparse.Namespace, logbook: Logbook, name: str, day: dt.date, time: dt.time
) -> int:
    """``take NAME`` for a saved medicine: an entry with its time and no milligrams, and
    a warning for each supplement it is taken too close to."""
    from mgtui.domain.medicines import class_guidance, find_class
    from mgtui.present.json import entry_json, interaction_json
    from mgtui.present.text import describe_medicine_entry

    if any(value is not None for value in typed_label(args)) or args.servings is not None:
        raise UsageError(
            f"{name!r} is a saved medicine: take it without amounts (a dose is logged with "
            "its time only)"
        )
    logged = logbook.log(logbook.medicine_draft(name, day, time))
    for text in logged.warnings:
        common.warn(text)
    entry = logged.entry
    if args.json:
        shown = entry_json(entry)
        shown["medicine_class"] = entry.form
        shown["warnings"] = list(logged.warnings)
        shown["interactions"] = [interaction_json(found) for found in logged.after.interactions]
        common.print_json(shown)
        return 0
    print(f"logged {entry.id}{_when(entry)}: {describe_medicine_entry(entry)}")
    cls = find_class(entry.form or "")
    if cls is not None and not cls.minerals:
        print(class_guidance(cls))  # a standing note: no timing rule to judge
    elif not logged.warnings:
        print("no magnesium or calcium supplement is logged too close to it")
    return 0


def _dose(
    repo: Repository, name: str, saved: SupplementProduct | None, args: argparse.Namespace
) -> tuple[SupplementProduct, bool]:
    """What one serving holds, and whether typed numbers replaced a saved label's."""
    typed = typed_label(args)
    if saved is None:
        if all(value is None for value in typed):
            raise UsageError(_unknown_supplement(repo, name))
        return product_from_args(args, name, "1 serving"), False
    if all(value is None for value in typed):
        if args.form is not None or args.ca_form is not None:
            raise UsageError(
                f"{saved.name} is saved with its forms; --form goes with --mg or "
                "--compound-mg, --ca-form with --ca-compound-mg"
            )
        return saved, False
    # The person's numbers win for this entry; what they left out comes from the label.
    return product_from_args(args, saved.name, saved.serving, saved), True


def _unknown_supplement(repo: Repository, name: str) -> str:
    message = (
        f"{name!r} is not a saved supplement: give --mg N (elemental magnesium a serving) "
        "or --compound-mg N --form FORM, and --ca N for calcium"
    )
    names = [product.name for product in repo.supplement_products()]
    if names:
        message += "; saved: " + ", ".join(names)
    medicines = [medication.name for medication in repo.medications()]
    if medicines:
        message += "; saved medicines (taken without amounts): " + ", ".join(medicines)
    return message


def _conversion(product: SupplementProduct, servings: float) -> str | None:
    from mgtui.present.text import mg_text

    text = product.conversion
    if text is None or servings == 1:
        return text
    return f"{text} a serving; × {servings:g} = {mg_text(product.magnesium_mg * servings)} mg"


def _calcium_conversion(product: SupplementProduct, servings: float) -> str | None:
    from mgtui.present.text import mg_text

    text = product.calcium_conversion
    if text is None or servings == 1:
        return text
    return f"{text} a serving; × {servings:g} = {mg_text(product.calcium_mg * servings)} mg"


# -- log and rm -------------------------------------------------------------------------


def run_log(args: argparse.Namespace) -> int:
    from mgtui.present.json import entry_json
    from mgtui.present.text import count

    day = common.day_of(args)
    with common.opened_logbook(args) as logbook:
        entries = logbook.repo.entries_on(day)
        summary = logbook.day(day)
    if args.json:
        common.print_json([entry_json(entry) for entry in entries])
        return 0
    if not entries:
        print(f"nothing logged on {common.long_date(day)}")
        return 0
    print(f"{common.long_date(day)}: {count(len(entries), 'entry', 'entries')}")
    print(entries_table(entries, summary))
    return 0


_KIND_WORDS = {"food": "food", "supplement": "supp", "medicine": "med"}


def entries_table(entries: list[Entry], summary: DaySummary) -> str:
    from mgtui.domain.text import safe
    from mgtui.present.day import entry_columns
    from mgtui.present.text import amount_with_grams, entry_label

    columns = [
        tables.Column("ID"),
        tables.Column("TIME"),
        tables.Column("KIND"),
        tables.Column("ITEM", flexible=True, min_width=20),
        tables.Column("AMOUNT"),
        tables.Column("MG", numeric=True),
        tables.Column("CA", numeric=True),
    ]
    rows = [
        [
            entry.id,
            f"{entry.time:%H:%M}",
            _KIND_WORDS[entry.kind],
            safe(entry_label(entry)),
            safe(amount_with_grams(entry)),
            "" if entry.is_medicine else "n/a" if magnesium is None else magnesium,
            "" if entry.is_medicine else "n/a" if calcium is None else calcium,
        ]
        for entry, (magnesium, calcium) in zip(
            entries, entry_columns(summary, entries), strict=True
        )
    ]
    figures = summary.figures
    rows.append(["total", "", "", "", "", figures.magnesium.total.text, figures.calcium.total.text])
    return tables.render(columns, rows)


def run_rm(args: argparse.Namespace) -> int:
    from mgtui.present.json import entry_json
    from mgtui.present.text import describe_entry

    entry_id = args.entry_id.strip()
    with common.opened_repository(args) as repo:
        entry = repo.delete_entry(entry_id)
    if args.json:
        common.print_json(entry_json(entry))
    else:
        print(f"deleted {entry.id}{_when(entry)}: {describe_entry(entry)}")
    return 0


# -- what the day looks like after a change ---------------------------------------------


def _when(entry: Entry) -> str:
    when = f"{entry.time:%H:%M}"
    if entry.date != common.today():
        when = f"{entry.date.isoformat()} {when}"
    return f" ({when})"


def day_line(summary: DaySummary) -> str:
    """ "Sunday 22 November 2026: magnesium 178 / 320 mg (56%), calcium 13 / 1200 mg" """
    figures = summary.figures
    magnesium, calcium = figures.magnesium, figures.calcium
    percent = "" if magnesium.percent is None else f" ({magnesium.percent.text}%)"
    return (
        f"{common.long_date(summary.date)}: magnesium {magnesium.total.text} / "
        f"{magnesium.target.text} mg{percent}, calcium {calcium.total.text} / "
        f"{calcium.target.text} mg"
    )


def supplement_line(summary: DaySummary) -> str:
    shown = summary.figures.supplement
    head = f"supplemental magnesium on {common.long_date(summary.date)}: "
    if shown.limit is None:
        return head + f"{shown.amount.text} mg (no upper limit is set for this age)"
    if shown.over_by is not None:
        state = f"OVER the limit by {shown.over_by.text} mg"
    else:
        assert shown.left is not None
        state = f"{shown.left.text} mg under the limit"
    return head + f"{shown.amount.text} / {shown.limit.text} mg limit, {state}"
