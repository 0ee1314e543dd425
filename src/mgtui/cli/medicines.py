"""Medicines whose timing matters beside magnesium and calcium supplements:
``mgtui medication add|list|rm``. Taking one is ``mgtui take NAME`` (cli/entries.py).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from mgtui.cli import common, tables

if TYPE_CHECKING:
    from mgtui.domain.medicines import Medication

EPILOG = """\
examples:
  mgtui medication add Alendronate                  the class from the medicine's name
  mgtui medication add "Thyroid pill" --class levothyroxine
  mgtui take Alendronate --time 07:00               taken: an entry with its time
  mgtui medication list
  mgtui medication rm Alendronate

classes (or a medicine's own name, e.g. --class doxycycline; sources in 'medication list'):
  bisphosphonate     alendronate, risedronate, ibandronate: calcium and magnesium
                     supplements at least 2 hours apart
  tetracycline       doxycycline, minocycline: at least 2 hours before or 4-6 hours
                     after a magnesium supplement
  quinolone          ciprofloxacin, levofloxacin: as tetracyclines
  levothyroxine      4 hours apart from calcium and magnesium supplements
  ppi                omeprazole, esomeprazole: a note (long use can lower magnesium)
  diuretic           loop or thiazide (furosemide, hydrochlorothiazide): a note
  potassium-sparing  amiloride, spironolactone: a note

Logging a supplement inside a medicine's window (or the medicine inside a
supplement's) warns; 'mgtui status' lists the pairs. Guidance with its source, not
a diagnosis: ask your clinician or pharmacist.
"""


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    medication = subparsers.add_parser(
        "medication",
        help="save, list or delete medicines whose timing matters (alendronate, ...)",
        description=(
            "Medicines that magnesium and calcium supplements can block, or that change "
            "magnesium: saved with their class, taken with 'mgtui take NAME'."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = medication.add_subparsers(
        title="actions", metavar="ACTION", dest="action", required=True
    )
    add = actions.add_parser(
        "add",
        help="save a medicine with its class (or replace one of that name)",
        description="Save a medicine with its class; a known medicine's name gives its class.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add.add_argument("name", metavar="NAME")
    add.add_argument(
        "--class",
        dest="medicine_class",
        metavar="CLASS",
        help="bisphosphonate, tetracycline, quinolone, levothyroxine, ppi, diuretic, "
        "potassium-sparing (default: from NAME when it is a known medicine)",
    )
    common.add_json_option(add)
    add.set_defaults(handler=run_add)
    listing = actions.add_parser("list", help="the saved medicines and their rules")
    common.add_json_option(listing)
    listing.set_defaults(handler=run_list)
    rm = actions.add_parser("rm", help="delete a saved medicine (doses already logged stay)")
    rm.add_argument("name", metavar="NAME")
    rm.set_defaults(handler=run_rm)


def medication_json(medication: Medication) -> dict[str, Any]:
    cls = medication.reference
    return {
        "name": medication.name,
        "class": cls.key,
        "class_label": cls.label,
        "minerals": list(cls.minerals),
        "supplement_wait_minutes": cls.supplement_wait or None,
        "medicine_wait_minutes": cls.medicine_wait or None,
        "rule": cls.rule or None,
        "note": cls.note or None,
        "source": cls.source,
    }


def guidance(medication: Medication) -> str:
    """The rule, or the standing note, with its source and whom to ask."""
    from mgtui.domain.medicines import class_guidance

    return class_guidance(medication.reference)


def run_add(args: argparse.Namespace) -> int:
    from mgtui.domain.text import safe

    with common.opened_logbook(args) as logbook:
        replaced = logbook.medication(args.name) is not None
        medication = logbook.save_medication(args.name, args.medicine_class)
    if args.json:
        common.print_json(medication_json(medication))
        return 0
    print(
        f"{'replaced' if replaced else 'saved'} {safe(medication.name)} "
        f"({medication.reference.label})"
    )
    print(guidance(medication))
    print(f"log a dose with: mgtui take {common.shell_word(medication.name)} [--time HH:MM]")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from mgtui.domain.text import safe

    with common.opened_logbook(args) as logbook:
        medications = logbook.medications()
    if args.json:
        common.print_json([medication_json(medication) for medication in medications])
        return 0
    if not medications:
        print("no saved medicines; save one with 'mgtui medication add NAME'")
        return 0
    columns = [tables.Column("NAME", flexible=True), tables.Column("CLASS")]
    rows = [[safe(m.name), m.reference.label] for m in medications]
    print(tables.render(columns, rows))
    for medication in medications:
        print(f"{safe(medication.name)}: {guidance(medication)}")
    print("Guidance, not a diagnosis: ask your clinician or pharmacist.")
    return 0


def run_rm(args: argparse.Namespace) -> int:
    from mgtui.domain.text import safe

    with common.opened_logbook(args) as logbook:
        medication = logbook.delete_medication(args.name)
    print(f"deleted {safe(medication.name)} (doses already logged stay in the log)")
    return 0
