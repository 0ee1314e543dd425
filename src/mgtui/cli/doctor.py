"""``mgtui doctor``: what is set aside as damaged, and dealing with it."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mgtui.cli import common
from mgtui.cli.errors import UsageError

if TYPE_CHECKING:
    from mgtui.store.damage import SetAsideRecord

DOCTOR_EPILOG = """\
examples:
  mgtui doctor                                   what is set aside, and why
  mgtui doctor --recover ~/.local/share/mgtui/mgtui.json.corrupt-20261201T081500000000Z
  mgtui doctor --drop 3f2a9c01d4                 drop a set-aside record for good
  mgtui doctor --restore 3f2a9c01d4 '["de7277c2f98c","08:30","f","Oats","1 cup",61,21]'

A record mgtui cannot use (a hand edit left "abc" for magnesium, a time "830", an age
of 500) is set aside as it was, with why; every other record stays in use, and every
command says so until it is dealt with. Each is shown as it was stored: put it back
corrected with --restore ID JSON (the record as 'mgtui doctor --json' shows it, with
the value fixed), or log it again and drop it here. A file that does not parse at all is kept
whole beside the log: --recover brings back every valid record in it (merged as
'mgtui import' merges), and stops the reminder.
"""


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    doctor = subparsers.add_parser(
        "doctor",
        help="what is set aside as damaged; recover or drop it",
        description="List the records and files set aside as damaged, and deal with them.",
        epilog=DOCTOR_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    action = doctor.add_mutually_exclusive_group()
    action.add_argument("--recover", metavar="FILE", help="bring back every valid record from FILE")
    action.add_argument("--drop", metavar="ID", help="drop the set-aside record ID")
    action.add_argument(
        "--restore",
        nargs=2,
        metavar=("ID", "JSON"),
        help="put record ID back in use, corrected: JSON in the shape doctor --json shows",
    )
    common.add_json_option(doctor)
    doctor.set_defaults(handler=run_doctor)


def run_doctor(args: argparse.Namespace) -> int:
    from mgtui.domain.text import safe
    from mgtui.present.text import count

    with common.opened_repository(args) as repo:
        # This command answers the reminder "run mgtui doctor": show every other notice
        # (a folder tightened, a format upgraded), not that one.
        for notice in repo.pop_notices():
            if "mgtui doctor" not in notice:
                common.note(notice)
        if args.recover is not None:
            source = Path(args.recover).expanduser().absolute()
            result, unusable = repo.recover(source)
            if args.json:
                common.print_json(
                    {
                        "recovered_from": str(source),
                        "entries_added": result.entries_added,
                        "entries_unchanged": result.entries_unchanged,
                        "entries_conflicting": result.entries_conflicting,
                        "supplement_products_added": result.supplement_products_added,
                        "custom_foods_added": result.custom_foods_added,
                        "favourites_added": result.favourites_added,
                        "profile_imported": result.profile_imported,
                        "not_recovered": [_record_json(record) for record in unusable],
                    }
                )
                return 0
            print(f"recovered {safe(str(source))}: {result.summary()}")
            if unusable:
                print(
                    f"{count(len(unusable), 'record')} in it could not be used "
                    "and stay only in that file:"
                )
                _print_records(unusable)
            return 0
        if args.restore is not None:
            record_id, text = args.restore
            try:
                fixed = json.loads(text)
            except (json.JSONDecodeError, RecursionError):
                raise UsageError(f"--restore: {text!r} is not JSON") from None
            restored = repo.restore_set_aside(record_id.strip(), fixed)
            if args.json:
                common.print_json(_record_json(restored))
            else:
                print(f"restored {restored.id} ({safe(restored.what)} {safe(restored.where)})")
            return 0
        if args.drop is not None:
            dropped = repo.drop_set_aside(args.drop.strip())
            if args.json:
                common.print_json(_record_json(dropped))
            else:
                print(f"dropped {dropped.id} ({safe(dropped.what)} {safe(dropped.where)})")
            return 0
        records = repo.set_aside_records()
        if args.json:
            common.print_json([_record_json(record) for record in records])
            return 0
        if not records:
            print(f"nothing is set aside: every record of {safe(str(repo.path))} is in use")
            return 0
        _print_records(records, folder=repo.path.parent)
    return 0


def _print_records(records: list[SetAsideRecord], folder: Path | None = None) -> None:
    from mgtui.domain.text import safe

    for record in records:
        print(f"{record.id}  {safe(record.what)} {safe(record.where)}: {safe(record.reason)}")
        if record.what == "file" and folder is not None:
            kept = folder / record.where
            print(f"    kept as {safe(str(kept))}; mgtui doctor --recover {safe(str(kept))}")
        else:
            # ensure_ascii: the record is shown exactly, and no control character in it
            # reaches the terminal.
            print(f"    {json.dumps(record.record, ensure_ascii=True)}")


def _record_json(record: SetAsideRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "what": record.what,
        "where": record.where,
        "reason": record.reason,
        "record": record.record,
    }
