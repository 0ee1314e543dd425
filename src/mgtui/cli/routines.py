"""Changing and repeating entries: ``edit``, ``copy`` and
``routine save|add-item|rm-item|list|log|rm``.

A routine is a named group of foods and supplements, saved from a day's entries or
built item by item, each with its own numbers; ``routine log`` logs them all at one time.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from mgtui.cli import common
from mgtui.cli.entries import day_line, supplement_line
from mgtui.cli.errors import UsageError

if TYPE_CHECKING:
    from mgtui.domain.routines import Routine
    from mgtui.logbook.session import LoggedGroup

EDIT_EPILOG = """\
examples:
  mgtui edit 3f9a0c12be45 2 oz               a new amount, scaled from the entry's own numbers
  mgtui edit 3f9a0c12be45 --time 07:45       the time it was really taken
  mgtui edit 3f9a0c12be45 --date yesterday   moved to another day
"""

ROUTINE_EPILOG = """\
examples:
  mgtui routine save Morning --from-date yesterday           all of that day's entries
  mgtui routine save Evening --from-date 2026-11-20 --ids 3f9a0c12be45,77b0e1d2aa01
  mgtui routine add-item Breakfast oats 1/2 cup             made when there is none
  mgtui routine add-item Breakfast --supplement "Calcium citrate + D" --servings 2
  mgtui routine rm-item Breakfast 2                          its second item, as listed
  mgtui routine log Morning --time 07:30                     today, every item at 07:30
  mgtui routine list
  mgtui routine rm Evening

Each item keeps the amount and milligrams it had when it was saved or added.
"""

COPY_EPILOG = """\
examples:
  mgtui copy --from yesterday                      all of yesterday's entries to today
  mgtui copy --from 2026-11-20 --to 2026-11-21 --only supplements
  mgtui copy --from yesterday --ids 3f9a0c12be45,77b0e1d2aa01   only those entries
"""


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    edit = subparsers.add_parser(
        "edit",
        help="change an entry's amount, time or day",
        description=(
            "Change an entry's amount (its milligrams are scaled from its own logged "
            "numbers), time or day. 'mgtui log' shows the ids; 'u' in the app undoes."
        ),
        epilog=EDIT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    edit.add_argument("entry_id", metavar="ENTRY_ID", help="the id 'mgtui log' shows")
    edit.add_argument("amount", nargs="*", metavar="AMOUNT", help="the new amount, e.g. 2 oz")
    edit.add_argument("--time", metavar="HH:MM", help="the new time of day")
    common.add_date_option(edit, "the new day")
    common.add_json_option(edit)
    edit.set_defaults(handler=run_edit)

    copy = subparsers.add_parser(
        "copy",
        help="copy a day's entries to another day",
        description=(
            "Copy a day's entries, with their own numbers and times, to another day "
            "(default today), in one go."
        ),
        epilog=COPY_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    copy.add_argument("--from", dest="source", required=True, metavar="YYYY-MM-DD")
    copy.add_argument("--to", dest="target", metavar="YYYY-MM-DD", help="default today")
    copy.add_argument("--only", choices=("foods", "supplements"), help="copy only these")
    copy.add_argument("--ids", metavar="ID,...", help="only these entries (ids from 'mgtui log')")
    common.add_json_option(copy)
    copy.set_defaults(handler=run_copy)

    routine = subparsers.add_parser(
        "routine",
        help="save, list, log or delete routines (groups logged together)",
        description="A named group of foods and supplements, saved from a day and logged together.",
        epilog=ROUTINE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = routine.add_subparsers(
        title="actions", metavar="ACTION", dest="action", required=True
    )
    save = actions.add_parser("save", help="save a day's entries (all, or --ids) as a routine")
    save.add_argument("name", metavar="NAME")
    save.add_argument("--from-date", required=True, metavar="YYYY-MM-DD", help="the day to save")
    save.add_argument("--ids", metavar="ID,...", help="only these entries (ids from 'mgtui log')")
    save.set_defaults(handler=run_routine_save)
    add_item = actions.add_parser(
        "add-item",
        help="add a food or a saved supplement to a routine (made when there is none)",
        description=(
            "Add a food at an amount (as 'mgtui add' reads FOOD and AMOUNT; without one, "
            "your last portion of it, else its first USDA portion) or servings of a saved "
            "supplement to the routine NAME, which is made when there is none."
        ),
    )
    add_item.add_argument("name", metavar="NAME")
    add_item.add_argument(
        "food", nargs="?", metavar="FOOD", help="an NDB number, a custom food or a food's name"
    )
    add_item.add_argument("amount", nargs="*", metavar="AMOUNT", help="e.g. 1 oz, 1/2 cup, 30g")
    add_item.add_argument("--supplement", metavar="PRODUCT", help="a saved supplement instead")
    add_item.add_argument("--servings", metavar="K", help="servings of it (default 1)")
    common.add_json_option(add_item)
    add_item.set_defaults(handler=run_routine_add_item)
    rm_item = actions.add_parser("rm-item", help="remove one item from a routine")
    rm_item.add_argument("name", metavar="NAME")
    rm_item.add_argument(
        "number", metavar="N", help="the item's number in 'routine list' (1 is the first)"
    )
    common.add_json_option(rm_item)
    rm_item.set_defaults(handler=run_routine_rm_item)
    listing = actions.add_parser("list", help="the saved routines and their items")
    common.add_json_option(listing)
    listing.set_defaults(handler=run_routine_list)
    log = actions.add_parser("log", help="log every item of a routine at one time")
    log.add_argument("name", metavar="NAME")
    common.add_date_option(log, "the day to log it on")
    log.add_argument("--time", metavar="HH:MM", help="the time of day (default now)")
    common.add_json_option(log)
    log.set_defaults(handler=run_routine_log)
    rm = actions.add_parser("rm", help="delete a routine (logged entries stay)")
    rm.add_argument("name", metavar="NAME")
    rm.set_defaults(handler=run_routine_rm)


# -- edit -------------------------------------------------------------------------------


def run_edit(args: argparse.Namespace) -> int:
    from mgtui.present.json import entry_json
    from mgtui.present.text import describe_entry

    entry_id = args.entry_id.strip()
    amount = " ".join(args.amount).strip() or None
    day = None if args.date is None else common.parse_date(args.date)
    time = None if args.time is None else common.parse_time(args.time)
    if amount is None and day is None and time is None:
        raise UsageError("edit: give a new AMOUNT, --time or --date")
    with common.opened_logbook(args) as logbook:
        logged = logbook.edit(entry_id, amount, day=day, time=time)
    for text in logged.warnings:
        common.warn(text)
    entry = logged.entry
    if args.json:
        common.print_json(entry_json(entry))
        return 0
    print(
        f"changed {entry.id} ({entry.date.isoformat()} {entry.time:%H:%M}): {describe_entry(entry)}"
    )
    print(day_line(logged.after))
    return 0


# -- copy -------------------------------------------------------------------------------


def run_copy(args: argparse.Namespace) -> int:
    from mgtui.present.text import count

    source = common.parse_date(args.source, "--from")
    target = common.today() if args.target is None else common.parse_date(args.target, "--to")
    if source == target:
        raise UsageError(f"copy: --from and --to are the same day ({source.isoformat()})")
    ids = _ids(args.ids)
    with common.opened_logbook(args) as logbook:
        repeats = [] if ids else logbook.copy_repeats(source, target)
        logged = logbook.copy_day(source, target, args.only, ids)
    if repeats:
        common.note(
            f"{count(len(repeats), 'entry', 'entries')} of {source.isoformat()} "
            f"{'is' if len(repeats) == 1 else 'are'} on {target.isoformat()} already and "
            "not copied again (--ids copies them anyway)"
        )
    _print_group(
        logged,
        f"copied {count(len(logged.entries), 'entry', 'entries')} from {source.isoformat()}",
        args.json,
    )
    return 0


# -- routines ---------------------------------------------------------------------------


def run_routine_save(args: argparse.Namespace) -> int:
    from mgtui.present.routines import routine_summary

    day = common.parse_date(args.from_date, "--from-date")
    ids = _ids(args.ids)
    with common.opened_logbook(args) as logbook:
        known = {saved.name.casefold() for saved in logbook.repo.routines()}
        routine = logbook.save_routine(args.name, day, ids)
    done = "replaced" if routine.name.casefold() in known else "saved"
    print(f"{done} routine {routine_summary(routine)}")
    _print_items(routine)
    return 0


def _ids(text: str | None) -> Sequence[str]:
    if text is None:
        return ()
    ids = [part.strip() for part in text.split(",") if part.strip()]
    if not ids:
        raise UsageError("--ids: give entry ids separated by commas (see 'mgtui log')")
    return ids


def run_routine_add_item(args: argparse.Namespace) -> int:
    from mgtui.domain.text import safe
    from mgtui.logbook.drafts import AmountError, parse_servings, remembered_amount
    from mgtui.present.routines import routine_json, routine_summary
    from mgtui.present.text import describe_entry, portion_source

    amount = " ".join(args.amount).strip() or None
    if (args.food is None) == (args.supplement is None):
        raise UsageError("routine add-item: give FOOD [AMOUNT] or --supplement PRODUCT")
    if args.supplement is None and args.servings is not None:
        raise UsageError("routine add-item: --servings goes with --supplement PRODUCT")
    servings = 1.0 if args.servings is None else parse_servings(args.servings)
    query = source = None
    with common.opened_logbook(args) as logbook:
        if args.food is not None:
            from mgtui.cli.entries import resolve_food

            food, query = resolve_food(logbook.repo, args.food)
            if amount is None:
                last = logbook.repo.last_food_entry(food.id)
                source = portion_source(remembered_amount(food, last)[1])
            try:
                item = logbook.routine_food_item(food, amount)
            except AmountError as error:
                raise UsageError(str(error)) from None
        else:
            item = logbook.routine_supplement_item(args.supplement, servings)
        routine, made = logbook.add_routine_item(args.name, item)
    if args.json:
        common.print_json(routine_json(routine))
        return 0
    if query is not None:
        print(f'matched "{safe(query)}" → {item.food_id}')
    print(f"{'made' if made else 'added to'} routine {routine_summary(routine)}")
    print(f"  + {describe_entry(item)}" + ("" if source is None else f" ({source})"))
    _print_items(routine)
    return 0


def run_routine_rm_item(args: argparse.Namespace) -> int:
    from mgtui.present.routines import routine_json, routine_summary
    from mgtui.present.text import describe_entry

    try:
        number = int(args.number.strip())
    except ValueError:
        raise UsageError(
            f"rm-item: N is the item's number in 'routine list', not {args.number!r}"
        ) from None
    with common.opened_logbook(args) as logbook:
        routine, removed = logbook.remove_routine_item(args.name, number)
    if args.json:
        common.print_json(routine_json(routine))
        return 0
    print(f"removed item {number} from routine {routine_summary(routine)}")
    print(f"  - {describe_entry(removed)}")
    _print_items(routine)
    return 0


def _print_items(routine: Routine) -> None:
    """The routine's items numbered as ``rm-item`` takes them."""
    from mgtui.present.routines import item_lines

    for number, line in enumerate(item_lines(routine), 1):
        print(f"  {number}. {line}")


def run_routine_list(args: argparse.Namespace) -> int:
    from mgtui.present.routines import routine_json, routine_summary

    with common.opened_repository(args) as repo:
        routines = repo.routines()
    if args.json:
        common.print_json([routine_json(routine) for routine in routines])
        return 0
    if not routines:
        print("no routines saved; save one with 'mgtui routine save NAME --from-date D'")
        return 0
    for routine in routines:
        print(routine_summary(routine))
        _print_items(routine)
    return 0


def run_routine_log(args: argparse.Namespace) -> int:
    from mgtui.present.text import count

    day, time = common.moment_of(args)
    with common.opened_logbook(args) as logbook:
        routine = logbook.routine(args.name)
        logged = logbook.log_routine(routine.name, day, time)
    head = f"logged routine {routine.name}: {count(len(logged.entries), 'entry', 'entries')}"
    _print_group(logged, head, args.json)
    return 0


def run_routine_rm(args: argparse.Namespace) -> int:
    from mgtui.domain.text import safe

    with common.opened_logbook(args) as logbook:
        routine = logbook.routine(args.name)
        logbook.repo.delete_routine(routine.name)
    print(f"deleted routine {safe(routine.name)} (entries logged from it stay)")
    return 0


# -- what was logged --------------------------------------------------------------------


def _print_group(logged: LoggedGroup, head: str, as_json: bool) -> None:
    """Warnings on stderr as ``take`` gives them; the entries as ``log`` lists them."""
    from mgtui.domain.text import safe
    from mgtui.present.json import entry_json
    from mgtui.present.text import describe_entry

    for text in logged.warnings:
        common.warn(text)
    if as_json:
        common.print_json([entry_json(entry) for entry in logged.entries])
        return
    print(safe(head))
    for entry in logged.entries:
        print(f"  {entry.id} {entry.date.isoformat()} {entry.time:%H:%M}: {describe_entry(entry)}")
    print(day_line(logged.after))
    if any(entry.is_supplement for entry in logged.entries):
        print(supplement_line(logged.after))
    for tip in logged.tips:
        print(f"Tip: {safe(tip)}")
