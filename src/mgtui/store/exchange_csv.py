"""The export document as one CSV file, for spreadsheets, and back.

One row a record; the first column, ``record``, says what the row is:

* ``export``: the format and version (always the first row after the header);
* ``entry``: a log entry, with the columns of ``mgtui log --json``;
* ``profile``: the saved profile (at most one row);
* ``supplement``: a saved supplement, amounts a serving;
* ``custom_food``: a custom food, amounts per 100 g; its portions follow as
  ``portion`` rows whose ``food_id`` is the food's id;
* ``favourite``: a favourite food's id;
* ``routine_item``: one item of a routine, the columns of an entry without its id, date
  and time, and the routine's name in ``routine`` (a routine's items in order);
* ``medication``: a saved medicine, its class in ``form`` (as a medicine entry keeps it).

The columns are the union of what the records need, empty where a record has no
such field; an empty cell is "no value" (JSON ``null``), never zero. Numbers are
written with Python's ``repr`` so every value reads back exactly, which makes
export → import a lossless round trip. Entries come right after the ``export`` row,
so a spreadsheet shows the log first; filter on ``record`` for the rest.

A text cell that starts with ``= + - @``, a tab or a carriage return would be run as a
formula by a spreadsheet (CSV injection: a food named ``=HYPERLINK(...)``), so it is
written after an apostrophe, as OWASP advises, and the apostrophe is taken off when
the file is read back. A text that starts with an apostrophe gets one more, so every
text reads back exactly. Numbers are never guarded: ``-1.5`` stays a number.

Pure: this module turns a document (``Repository.export_data()``) into text and
text into a document for ``Repository.import_data()``, which validates it.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping
from typing import Any, Final

from mgtui.domain.text import safe_in_file

FORMAT: Final = "mgtui-export"
VERSION: Final = 1

COLUMNS: Final = (
    "record",
    "date",
    "time",
    "kind",
    "name",
    "amount",
    "magnesium_mg",
    "calcium_mg",
    "food_id",
    "grams",
    "form",
    "product",
    "servings",
    "vitamin_d_iu",
    "id",
    "serving",
    "compound_mg",
    "calcium_form",
    "calcium_compound_mg",
    "group",
    "magnesium_mg_per_100g",
    "calcium_mg_per_100g",
    "vitamin_d_iu_per_100g",
    "energy_kcal_per_100g",
    "sex",
    "age",
    "pregnant",
    "lactating",
    "kidney_disease",
    "ratio_low",
    "ratio_high",
    "magnesium_rda_mg",
    "supplement_limit_mg",
    "calcium_rda_mg",
    "format",
    "version",
    "exported_at",
    "routine",
)

# How each field is written and read back.
TEXT = "text"  # always present; "" is a value
OPTIONAL_TEXT = "optional text"  # "" is null
NUMBER = "number"  # "" is null
INTEGER = "integer"
FLAG = "flag"  # true / false

_ENTRY_FIELDS: Final = {
    "id": TEXT,
    "date": TEXT,
    "time": TEXT,
    "kind": TEXT,
    "name": TEXT,
    "amount": TEXT,
    "magnesium_mg": NUMBER,
    "calcium_mg": NUMBER,
    "food_id": OPTIONAL_TEXT,
    "grams": NUMBER,
    "form": OPTIONAL_TEXT,
    "product": OPTIONAL_TEXT,
    "servings": NUMBER,
    "vitamin_d_iu": NUMBER,
}
_PROFILE_FIELDS: Final = {
    "sex": TEXT,
    "age": NUMBER,
    "pregnant": FLAG,
    "lactating": FLAG,
    "kidney_disease": FLAG,
}
_CUSTOM_TARGETS: Final = ("magnesium_rda_mg", "supplement_limit_mg", "calcium_rda_mg")
_SUPPLEMENT_FIELDS: Final = {
    "name": TEXT,
    "form": OPTIONAL_TEXT,
    "magnesium_mg": NUMBER,
    "calcium_mg": NUMBER,
    "serving": TEXT,
    "compound_mg": NUMBER,
    "calcium_form": OPTIONAL_TEXT,
    "calcium_compound_mg": NUMBER,
    "vitamin_d_iu": NUMBER,
}
_FOOD_FIELDS: Final = {
    "id": TEXT,
    "name": TEXT,
    "group": TEXT,
    "magnesium_mg_per_100g": NUMBER,
    "calcium_mg_per_100g": NUMBER,
    "vitamin_d_iu_per_100g": NUMBER,
    "energy_kcal_per_100g": NUMBER,
}
_ROUTINE_ITEM_FIELDS: Final = {"routine": TEXT} | {
    key: kind for key, kind in _ENTRY_FIELDS.items() if key not in ("id", "date", "time")
}
_PORTION_FIELDS: Final = {"food_id": TEXT, "name": TEXT, "grams": NUMBER, "amount": NUMBER}
_RECORDS: Final = (
    "export",
    "entry",
    "profile",
    "supplement",
    "custom_food",
    "portion",
    "favourite",
    "routine_item",
    "medication",
)
_MEDICATION_FIELDS: Final = {"name": TEXT, "form": TEXT}
_MAX_PROBLEMS: Final = 50
# What spreadsheets take for the start of a formula (OWASP, "CSV Injection").
_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
_GUARD: Final = "'"


class CsvExportError(ValueError):
    """The document holds something this CSV layout has no column for."""


class CsvImportError(ValueError):
    """The CSV file is not an mgtui export; ``problems`` says where and why."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = "; ".join(problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"{shown}{more}")


# -- document -> CSV ----------------------------------------------------------------------


def looks_like_csv(text: str) -> bool:
    """Whether ``text`` starts with this layout's header (a BOM or blank lines allowed)."""
    first = text.lstrip("\ufeff\r\n ").split("\n", 1)[0].strip()
    return first.split(",", 1)[0].strip('"') == "record"


def to_csv(document: Mapping[str, Any]) -> str:
    """The export document as CSV text; ``CsvExportError`` if a field has no column."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerow(
        {
            "record": "export",
            "format": _cell(document.get("format", FORMAT)),
            "version": str(document.get("version", VERSION)),
            "exported_at": _cell(document.get("exported_at")),
        }
    )
    for entry in document.get("entries", []):
        writer.writerow(_row("entry", entry, _ENTRY_FIELDS))
    profile = document.get("profile")
    if profile is not None:
        writer.writerow(_profile_row(profile))
    for product in document.get("supplement_products", []):
        writer.writerow(_row("supplement", product, _SUPPLEMENT_FIELDS))
    for food in document.get("custom_foods", []):
        writer.writerow(_row("custom_food", food, _FOOD_FIELDS, skip={"portions"}))
        for portion in food.get("portions", []):
            writer.writerow(_row("portion", {"food_id": food["id"], **portion}, _PORTION_FIELDS))
    for food_id in document.get("favourite_food_ids", []):
        writer.writerow({"record": "favourite", "food_id": _cell(food_id)})
    for routine in document.get("routines", []):
        for item in routine.get("items", []):
            values = {"routine": routine["name"], **item}
            writer.writerow(_row("routine_item", values, _ROUTINE_ITEM_FIELDS))
    for medication in document.get("medications", []):
        values = {"name": medication["name"], "form": medication["class"]}
        writer.writerow(_row("medication", values, _MEDICATION_FIELDS))
    return out.getvalue()


def _row(
    record: str,
    values: Mapping[str, Any],
    fields: Mapping[str, str],
    *,
    skip: Iterable[str] = (),
) -> dict[str, str]:
    skipped = set(skip)
    unknown = sorted(set(values) - set(fields) - skipped)
    if unknown:
        # Dropping a field would lose data without a word: refuse, and let the person
        # use JSON, which keeps everything.
        raise CsvExportError(
            f"a {record} has fields the CSV layout lacks ({', '.join(unknown)}); "
            "export as JSON instead"
        )
    row = {"record": record}
    for key, value in values.items():
        if key not in skipped:
            row[key] = _cell(value)
    return row


def _profile_row(profile: Mapping[str, Any]) -> dict[str, str]:
    flat = {key: value for key, value in profile.items() if key not in ("ratio_band", "custom")}
    row = _row("profile", flat, _PROFILE_FIELDS)
    band = profile.get("ratio_band") or [None, None]
    row["ratio_low"], row["ratio_high"] = _cell(band[0]), _cell(band[1])
    custom = profile.get("custom") or {}
    unknown = sorted(set(custom) - set(_CUSTOM_TARGETS))
    if unknown:
        raise CsvExportError(
            f"the profile has custom targets the CSV layout lacks ({', '.join(unknown)}); "
            "export as JSON instead"
        )
    for key in _CUSTOM_TARGETS:
        row[key] = _cell(custom.get(key))
    return row


def _cell(value: object) -> str:
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float):
        return repr(value)  # the shortest text that reads back as the same float
    if isinstance(value, str):
        # A control character (only an old or hand-edited log can still hold one: new
        # names refuse them) is written as its escape, so the file can be shown safely.
        return guard(safe_in_file(value))
    return str(value)


def guard(text: str) -> str:
    """``text`` as a cell no spreadsheet runs as a formula; ``unguard`` undoes it."""
    return _GUARD + text if text.startswith((*_FORMULA_STARTS, _GUARD)) else text


def unguard(cell: str) -> str:
    """The text a cell written by ``guard`` holds.

    Only an apostrophe that ``guard`` would have written is taken off, so a file
    written before the guard existed reads as it did ("'Tis" stays "'Tis").
    """
    if cell.startswith(_GUARD) and cell[1:].startswith((*_FORMULA_STARTS, _GUARD)):
        return cell[1:]
    return cell


# -- CSV -> document ----------------------------------------------------------------------


def from_csv(text: str) -> dict[str, Any]:
    """The export document a CSV file holds; ``CsvImportError`` lists what is wrong.

    The document is only parsed here; ``Repository.import_data`` checks its values.
    """
    problems: list[str] = []
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), restkey="\0extra")
    header = reader.fieldnames or []
    if "record" not in header:
        raise CsvImportError(["the first line is not an mgtui CSV header (no 'record' column)"])
    unknown = sorted(set(header) - set(COLUMNS))
    if unknown:
        raise CsvImportError([f"unknown columns: {', '.join(unknown)}"])

    document: dict[str, Any] = {
        "entries": [],
        "profile": None,
        "supplement_products": [],
        "custom_foods": [],
        "favourite_food_ids": [],
        "routines": [],
        "medications": [],
    }
    routines: dict[str, dict[str, Any]] = {}
    foods: dict[str, dict[str, Any]] = {}
    portions: list[tuple[int, dict[str, Any]]] = []
    seen_export = False
    try:
        rows = list(enumerate(reader, start=2))
    except csv.Error as error:
        raise CsvImportError([f"line {reader.line_num}: {error}"]) from None
    for line, row in rows:
        if len(problems) >= _MAX_PROBLEMS:
            break
        where = f"line {line}"
        if "\0extra" in row:
            problems.append(f"{where}: more cells than the header has columns")
            continue
        record = (row.get("record") or "").strip()
        if record not in _RECORDS:
            problems.append(f"{where}: unknown record {record!r}")
            continue
        try:
            if record == "export":
                if seen_export:
                    raise ValueError("a second export row")
                seen_export = True
                document["format"] = _read(row, "format", TEXT)
                document["version"] = _read(row, "version", INTEGER)
                document["exported_at"] = _read(row, "exported_at", OPTIONAL_TEXT)
            elif record == "entry":
                document["entries"].append(_fields(row, _ENTRY_FIELDS))
            elif record == "profile":
                if document["profile"] is not None:
                    raise ValueError("a second profile")
                document["profile"] = _read_profile(row)
            elif record == "supplement":
                document["supplement_products"].append(_fields(row, _SUPPLEMENT_FIELDS))
            elif record == "custom_food":
                food = _fields(row, _FOOD_FIELDS)
                food["portions"] = []
                if food["id"] in foods:
                    raise ValueError(f"custom food {food['id']} appears twice")
                foods[food["id"]] = food
                document["custom_foods"].append(food)
            elif record == "portion":
                portions.append((line, _fields(row, _PORTION_FIELDS)))
            elif record == "routine_item":
                item = _fields(row, _ROUTINE_ITEM_FIELDS)
                name = item.pop("routine")
                if name not in routines:
                    routines[name] = {"name": name, "items": []}
                    document["routines"].append(routines[name])
                routines[name]["items"].append(item)
            elif record == "medication":
                medication = _fields(row, _MEDICATION_FIELDS)
                document["medications"].append(
                    {"name": medication["name"], "class": medication["form"]}
                )
            else:
                food_id = unguard((row.get("food_id") or "").strip())
                if not food_id:
                    raise ValueError("a favourite needs a food_id")
                document["favourite_food_ids"].append(food_id)
        except ValueError as error:
            problems.append(f"{where} ({record}): {error}")
    for line, portion in portions:
        owner = foods.get(portion.pop("food_id"))
        if owner is None:
            problems.append(f"line {line} (portion): no custom_food row has its food_id")
            continue
        owner["portions"].append(portion)
    if not seen_export:
        problems.insert(0, "no 'export' row: the file is not an mgtui export")
    if problems:
        raise CsvImportError(problems)
    return document


def _fields(row: Mapping[str, str | None], fields: Mapping[str, str]) -> dict[str, Any]:
    return {key: _read(row, key, kind) for key, kind in fields.items()}


def _read_profile(row: Mapping[str, str | None]) -> dict[str, Any]:
    profile = _fields(row, _PROFILE_FIELDS)
    profile["ratio_band"] = [
        _required(_read(row, "ratio_low", NUMBER), "ratio_low"),
        _required(_read(row, "ratio_high", NUMBER), "ratio_high"),
    ]
    custom = {key: _read(row, key, NUMBER) for key in _CUSTOM_TARGETS}
    profile["custom"] = {key: value for key, value in custom.items() if value is not None}
    return profile


def _required(value: object, key: str) -> object:
    if value is None:
        raise ValueError(f"{key} is empty")
    return value


def _read(row: Mapping[str, str | None], key: str, kind: str) -> Any:
    text = row.get(key) or ""
    if kind == TEXT:
        return unguard(text)
    if kind == OPTIONAL_TEXT:
        return unguard(text) or None
    cleaned = text.strip()
    if kind == FLAG:
        lowered = cleaned.lower()
        if lowered in ("true", "yes", "1"):
            return True
        if lowered in ("false", "no", "0", ""):
            return False
        raise ValueError(f"{key} {text!r} is not true or false")
    if not cleaned:
        return None
    if kind == INTEGER or cleaned.lstrip("-").isdigit():
        try:
            return int(cleaned)
        except ValueError:
            raise ValueError(f"{key} {text!r} is not a whole number") from None
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"{key} {text!r} is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"{key} {text!r} is not a finite number")
    return value
