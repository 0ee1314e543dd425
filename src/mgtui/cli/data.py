"""All data out and back in: ``mgtui export`` and ``mgtui import``."""

from __future__ import annotations

import argparse
import json
import os
import stat
import sys
from pathlib import Path
from typing import Any

from mgtui.cli import common
from mgtui.cli.errors import CliError, UsageError

EXPORT_EPILOG = """\
examples:
  mgtui export --output mgtui-backup.json
  mgtui export --format csv --output mgtui.csv     one file, for spreadsheets too
  mgtui export | ssh laptop mgtui import -

The file holds every entry, the profile, saved supplements, custom foods and
favourites. With --output it is written in one step, readable by you only (0600):
it is health data. Without --format, a FILE ending in .csv gets CSV, else JSON.
CSV: one row a record; the 'record' column says which (export, entry, profile,
supplement, custom_food, portion, favourite); empty cells mean no value.
"""

IMPORT_EPILOG = """\
examples:
  mgtui import mgtui-backup.json
  mgtui import mgtui.csv
  mgtui import -                  read the file from stdin

Entries merge by id: new ones are added, ones already here are kept as they are,
so importing a file twice changes nothing. Supplements and custom foods are added
when their names are new; the profile only when none is set here. A file with any
problem is refused as a whole: nothing is imported.
"""


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    export = subparsers.add_parser(
        "export",
        help="all data out, as JSON or CSV",
        description="Everything mgtui holds, as one JSON or CSV file that 'mgtui import' reads.",
        epilog=EXPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument("--format", choices=("json", "csv"), help="default json (see below)")
    export.add_argument("--output", metavar="FILE", help="write FILE instead of stdout")
    export.set_defaults(handler=run_export)

    imported = subparsers.add_parser(
        "import",
        help="merge an export back in (all or nothing)",
        description="Merge a JSON or CSV export into the log; the format is detected.",
        epilog=IMPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    imported.add_argument("file", metavar="FILE", help="an export, or - for stdin")
    common.add_json_option(imported)
    imported.set_defaults(handler=run_import)


# -- export -----------------------------------------------------------------------------


def run_export(args: argparse.Namespace) -> int:
    from mgtui.present.text import count

    output = None if args.output in (None, "-") else Path(args.output)
    chosen = args.format
    if chosen is None:
        chosen = "csv" if output is not None and output.suffix.lower() == ".csv" else "json"
    if output is not None and output.is_dir():
        raise UsageError(f"--output: {output} is a folder; give a file name")
    with common.opened_repository(args) as repo:
        document = repo.export_data()
    text = _as_text(document, chosen)
    if output is None:
        sys.stdout.write(text)
        return 0
    write_private_file(output, text.encode("utf-8"))
    parts = [
        count(len(document["entries"]), "entry", "entries"),
        count(len(document["supplement_products"]), "supplement"),
        count(len(document["custom_foods"]), "custom food"),
    ]
    for key, what in (("routines", "routine"), ("medications", "medicine")):
        if document.get(key):
            parts.append(count(len(document[key]), what))
    if document["profile"] is not None:
        parts.append("the profile")
    print(f"exported {', '.join(parts)} to {output} ({chosen.upper()})")
    return 0


def _as_text(document: dict[str, Any], chosen: str) -> str:
    if chosen == "json":
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    from mgtui.store.exchange_csv import CsvExportError, to_csv

    try:
        return to_csv(document)
    except CsvExportError as error:
        raise CliError(f"cannot export as CSV: {error}") from None


def write_private_file(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` in one step, readable and writable by the owner only.

    A temporary file (created 0600) in the same folder is filled, flushed to disk and
    renamed over ``path`` (over the target of a symbolic link of one's own): an
    interrupted export never leaves half a backup, and the health data is never
    readable by others, not even for a moment.
    """
    import tempfile

    from mgtui.locations import UntrustedPathError, check_owner

    try:
        link = os.lstat(path)
    except OSError:
        link = None
    if link is not None and stat.S_ISLNK(link.st_mode):
        # Written through a link of one's own (the link stays a link); a link someone
        # else planted is never followed.
        try:
            check_owner(path, link, "the link")
        except UntrustedPathError as refused:
            raise CliError(f"--output: {refused}") from None
        path = path.resolve()
    folder = path.parent
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise _write_error(path, error) from None
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise _write_error(path, error) from None


def _write_error(path: Path, error: OSError) -> CliError:
    message = f"cannot write {path}: {error.strerror or error}"
    if isinstance(error, FileNotFoundError | NotADirectoryError | IsADirectoryError):
        return UsageError(message)  # a path that cannot be: the option was wrong
    return CliError(message)


# -- import -----------------------------------------------------------------------------


def run_import(args: argparse.Namespace) -> int:
    name = "stdin" if args.file == "-" else args.file
    from mgtui.store import ImportFileError

    document = read_export(args.file)
    with common.opened_repository(args) as repo:
        try:
            result = repo.import_data(document)
        except ImportFileError as error:
            raise UsageError(f"{name}: {error}") from None
    if args.json:
        common.print_json(
            {
                "entries_added": result.entries_added,
                "entries_unchanged": result.entries_unchanged,
                "entries_conflicting": result.entries_conflicting,
                "conflicting_entry_ids": list(result.conflicting_entry_ids),
                "supplement_products_added": result.supplement_products_added,
                "custom_foods_added": result.custom_foods_added,
                "favourites_added": result.favourites_added,
                "profile_imported": result.profile_imported,
            }
        )
        return 0
    print(f"imported {name}: {result.summary()}")
    if result.conflicting_entry_ids:
        print("kept the log's version of: " + ", ".join(result.conflicting_entry_ids))
    return 0


def read_export(file: str) -> object:
    """The export document in FILE (JSON or CSV, told apart by their first characters)."""
    try:
        payload = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read {file}: {error.strerror or error}") from None
    try:
        # utf-8-sig: a spreadsheet saving CSV may put a byte-order mark first.
        text = payload.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UsageError(
            f"cannot import {file}: not UTF-8 text (byte {error.start}) — nothing was imported"
        ) from None
    start = text.lstrip()[:1]
    if start in ("{", "["):
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise UsageError(
                f"cannot import {file}: not valid JSON (line {error.lineno}, column "
                f"{error.colno}: {error.msg}) — nothing was imported"
            ) from None
        except RecursionError:
            # No export nests deeper than four levels: this is not one.
            raise UsageError(
                f"cannot import {file}: its JSON is nested too deeply to be an mgtui "
                "export — nothing was imported"
            ) from None
    from mgtui.store.exchange_csv import CsvImportError, from_csv, looks_like_csv

    if not looks_like_csv(text):
        raise UsageError(
            f"cannot import {file}: not an mgtui export (JSON or CSV) — nothing was imported"
        )
    try:
        return from_csv(text)
    except CsvImportError as error:
        raise UsageError(f"cannot import {file}: {error} — nothing was imported") from None
