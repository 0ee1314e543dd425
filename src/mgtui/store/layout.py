"""The on-disk layout of ``mgtui.json`` (data format 4), and its validation.

One TinyDB file with these tables (TinyDB stores document ids as JSON strings)::

    meta          {"1": {"schema": 2, "app": "mgtui", "created_at": "2025-01-31T08:00:00Z"}}
    days          {"739282": {"d": "2025-01-31", "e": "[ROW,ROW,...]"}, ...}
    profile       {"1": {"sex": "female", "age": 63, ..., "ratio_band": [2.2, 3.2], "custom": {}}}
    supplements   {"1": {"name": "Mag Glycinate", "form": "glycinate", "magnesium_mg": 120, ...}}
    custom_foods  {"1": {"id": "custom-spring-water", "name": ..., "portions": [[name, g, n]]}}
    favourites    {"1": {"food_id": "12014"}}
    routines      {"1": {"name": "Morning", "items": [ITEM,ITEM,...]}}
    medications   {"1": {"name": "Alendronate", "class": "bisphosphonate"}}
    set_aside     {"1": {"id": "3f2a9c01d4", "what": "entry", "where": "2025-01-31",
                         "reason": "...", "record": <the record as it was>}}

One document per logged day, whose TinyDB id is the date's proleptic ordinal, holds
that day's entries as compact arrays sorted by time. Ten years of a dozen entries a
day is ~3,650 documents instead of ~55,000: the whole file is less than half the size
of one-document-per-entry with named keys, and reading a day is one dictionary lookup.
A ROW is::

    [id, time, kind, name, amount, magnesium_mg, calcium_mg,
     food_id, grams, form, product, servings, vitamin_d_iu]

A routine's ITEM is a ROW without its id and time (``[kind, name, amount, ...]``):
logging the routine gives each item both.

``time`` is "HH:MM" (or "HH:MM:SS"), ``kind`` is "f" (food), "s" (supplement) or "m"
(a medicine taken: no nutrients, its class in ``form``),
numbers are mg, g, servings or IU (``null`` = unknown), trailing nulls are left out.
``vitamin_d_iu`` came later, at the end and optional, so format 2 still holds: a row
written before it (12 values or fewer) reads as vitamin D unknown. A copy of mgtui
older than it sets a 13-value row aside (as damage it can show and keep) instead of
misreading it.

A day's rows are stored as one string ("e"), the compact JSON of the list of rows as
orjson writes it (``encode_rows``), not as nested arrays. Parsing the file then makes
one string per day instead of ~16 lists and ~170 values: ten years parse in ~13 ms
instead of ~75 ms and take ~7 MB of memory instead of ~55 MB. A day's rows are decoded
only when that day is read. The escaped quotes make the file ~11% larger.

Damage is handled record by record: a record that does not fit this layout (a row
with "abc" for magnesium, a profile aged 500, a day string that is not JSON) is moved,
as it was, to ``set_aside`` with why, and every other record stays in use. Until a
save, the file itself still holds it in place; loading it again finds the same
record with the same id. ``mgtui doctor`` lists and drops them. Only a file that is
not an mgtui log at all (does not parse, malformed ``meta``) is damaged as a whole.

Format 3 lets a row end with a 13th value, the entry's vitamin D in IU (older rows
without it read as unknown). It also brought the ``routines`` table (an older file
gets an empty one).

Format 4 brought medicines: rows of kind "m" and the ``medications`` table (an older
file gets an empty one). A format-3 mgtui would set every medicine row aside as
damage, so the number rose and it refuses the file instead.

Compatibility rules: ``meta`` / "1" / "schema" keeps its place in every future
format, so any version can tell a newer file and refuse it; any change to this
layout raises ``SCHEMA_VERSION`` and adds a migration (``migrations.py``).

``meta`` / "1" / "days_sha256", when present, is a SHA-256 of the days table's ids,
dates and strings as mgtui stored them on its last save (see ``days_digest``). It
only lets a load skip decoding and re-checking rows mgtui wrote itself; a version
that does not know it ignores it, and a file without it, or with a stale one, is
checked in full.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from operator import itemgetter
from pathlib import Path
from typing import Any, Final

import orjson

from mgtui.domain.entries import Entry, EntryKind
from mgtui.domain.reference import MEDICINE_CLASSES
from mgtui.frozen import replace
from mgtui.store.errors import DamagedFileError, NewerSchemaError, StoreError
from mgtui.store.storage import Tables

SCHEMA_VERSION: Final = 4

META = "meta"
DAYS = "days"
PROFILE = "profile"
SUPPLEMENTS = "supplements"
CUSTOM_FOODS = "custom_foods"
FAVOURITES = "favourites"
ROUTINES = "routines"
MEDICATIONS = "medications"
SET_ASIDE = "set_aside"
# The set-aside table stays last (``_check_tables`` checks it first).
TABLES: Final = (
    META, DAYS, PROFILE, SUPPLEMENTS, CUSTOM_FOODS, FAVOURITES, ROUTINES, MEDICATIONS,
    SET_ASIDE,
)  # fmt: skip
META_DOC_ID: Final = 1
PROFILE_DOC_ID: Final = 1
DAYS_DIGEST: Final = "days_sha256"
# A day's rows as stored when it has none (``encode_rows([])``).
NO_ROWS: Final = "[]"
# Each day's part of the last days digest: doc id -> (date, rows as stored, record).
DigestMemo = dict[str, tuple[str, str, bytes]]

Row = list[Any]
_KIND_CODES: Final[dict[str, EntryKind]] = {"f": "food", "s": "supplement", "m": "medicine"}
_CODE_OF_KIND: Final[dict[EntryKind, str]] = {"food": "f", "supplement": "s", "medicine": "m"}
MEDICINE_CLASS_KEYS: Final = frozenset(cls.key for cls in MEDICINE_CLASSES)
MIN_ROW_LENGTH: Final = 7
MAX_ROW_LENGTH: Final = 13
VITAMIN_D_INDEX: Final = 12
MAX_ID_LENGTH: Final = 64
row_time = itemgetter(1)
# The tables of the legacy format 0 (see migrations.py); TinyDB adds "_default" itself.
LEGACY_TABLES: Final = frozenset({"_default", "entries", "profile", "supplements"})


class OutdatedSchemaError(StoreError):
    """The file uses an older layout and needs a migration (handled by the repository)."""

    def __init__(self, path: Path, found: int) -> None:
        self.found = found
        super().__init__(f"{path} uses data format {found} and needs an upgrade")


class LayoutError(ValueError):
    """Why some data does not fit the layout (the record is set aside)."""


class BadRowsError(LayoutError):
    """Some rows of a day do not fit the layout; the others are fine."""

    def __init__(self, day: dt.date, kept: list[Row], bad: list[tuple[object, str]]) -> None:
        super().__init__(f"{day.isoformat()}: {bad[0][1]}")
        self.day = day
        self.kept = kept
        self.bad = bad


# -- entries <-> rows ----------------------------------------------------------------

# A day has at most 86,400 distinct times; parsing each once keeps decoding ten years
# of entries cheap, and a bounded cache cannot grow without limit.
_TIMES: dict[str, dt.time] = {}


def parse_time(text: object) -> dt.time | None:
    """ "HH:MM" or "HH:MM:SS" as a time, or None when it is not one."""
    if type(text) is not str:
        return None
    cached = _TIMES.get(text)
    if cached is not None:
        return cached
    if len(text) not in (5, 8) or text[2] != ":" or (len(text) == 8 and text[5] != ":"):
        return None
    if not text.replace(":", "").isdigit() or not text.isascii():
        return None
    try:
        parsed = dt.time.fromisoformat(text)
    except ValueError:
        return None
    _TIMES[text] = parsed
    return parsed


def format_time(time: dt.time) -> str:
    if time.second:
        return f"{time.hour:02d}:{time.minute:02d}:{time.second:02d}"
    return f"{time.hour:02d}:{time.minute:02d}"


def encode_entry(entry: Entry) -> Row:
    row: Row = [
        entry.id,
        format_time(entry.time),
        _CODE_OF_KIND[entry.kind],
        entry.name,
        entry.amount,
        entry.magnesium_mg,
        entry.calcium_mg,
        entry.food_id,
        entry.grams,
        entry.form,
        entry.product,
        entry.servings,
        entry.vitamin_d_iu,
    ]
    while len(row) > MIN_ROW_LENGTH and row[-1] is None:
        row.pop()
    return row


def decode_entry(row: Row, day: dt.date) -> Entry:
    """A validated row as an ``Entry`` (rows are validated when the file loads)."""
    extra = row[MIN_ROW_LENGTH:] + [None] * (MAX_ROW_LENGTH - len(row))
    time = parse_time(row[1])
    assert time is not None, "rows are validated on load"
    return Entry(
        id=row[0],
        date=day,
        time=time,
        kind=_KIND_CODES[row[2]],
        name=row[3],
        amount=row[4],
        magnesium_mg=row[5],
        calcium_mg=row[6],
        food_id=extra[0],
        grams=extra[1],
        form=extra[2],
        product=extra[3],
        servings=extra[4],
        vitamin_d_iu=extra[5],
    )


# What an item row stands in for: the id and time a routine's items do not keep.
_ITEM_HEAD: Final = ("item", "00:00")


def encode_item(entry: Entry) -> Row:
    """A routine's item as stored: the entry's row without its id and time."""
    return encode_entry(entry)[len(_ITEM_HEAD) :]


def decode_item(row: Row, day: dt.date, time: dt.time) -> Entry:
    """A checked item row as an entry on ``day`` at ``time`` (with no id)."""
    return replace(decode_entry([*_ITEM_HEAD, *row], day), id="", time=time)


def encode_rows(rows: list[Row]) -> str:
    """A day's rows as stored: compact JSON, exactly as orjson writes it.

    Every day string in memory has this form (an edited one is rewritten to it when
    the file is checked on load), so the same rows always give the same string, and
    ``row_start`` finds an entry's id by a plain substring search.
    """
    return orjson.dumps(rows).decode()


def decode_rows(text: str) -> list[Row]:
    """A day's stored rows as lists (they were checked when the file loaded)."""
    rows: list[Row] = orjson.loads(text)
    return rows


def row_start(entry_id: str) -> str:
    """How the row of ``entry_id`` starts inside its day's string.

    A row is a list whose first value is the id, and inside a JSON string value every
    quote is escaped, so ``["<id>",`` occurs only where such a row starts (a caller
    still confirms a hit by decoding that one day).
    """
    return "[" + orjson.dumps(entry_id).decode() + ","


def day_document(day: dt.date, rows: list[Row]) -> dict[str, Any]:
    return {"d": day.isoformat(), "e": encode_rows(rows)}


def new_tables(created_at: str) -> Tables:
    """An empty log in the current format."""
    tables: Tables = {name: {} for name in TABLES}
    tables[META][str(META_DOC_ID)] = {
        "schema": SCHEMA_VERSION,
        "app": "mgtui",
        "created_at": created_at,
    }
    return tables


# -- validation ----------------------------------------------------------------------


# No entry holds more than this many mg, g or servings: 5 kg of the richest food in
# the table is far below it, so a bigger number is damage or a typo (and a huge
# integer would overflow float()).
MAX_QUANTITY: Final = 1_000_000


_QUANTITY_OR_NULL: Final = f"a number from 0 to {MAX_QUANTITY:,} or null"


def _shown(value: object) -> str:
    """A value for a message: escaped (repr), and short even if the value is not."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def is_quantity(value: object) -> bool:
    """A number of mg, g or servings: plausible and not negative (bool is not a number)."""
    return type(value) in (int, float) and 0 <= value <= MAX_QUANTITY  # type: ignore[operator]


def _is_optional_quantity(value: object) -> bool:
    return value is None or is_quantity(value)


def _is_optional_text(value: object) -> bool:
    return value is None or type(value) is str


def is_entry_id(value: object) -> bool:
    return (
        type(value) is str
        and 0 < len(value) <= MAX_ID_LENGTH
        and value.isprintable()
        and (not any(char.isspace() for char in value))
    )


def row_problem(row: object) -> str | None:
    """What is wrong with one entry row, or None. Runs for every row on a full load,
    so it is written as a flat sequence of cheap type checks."""
    if type(row) is not list or not MIN_ROW_LENGTH <= len(row) <= MAX_ROW_LENGTH:
        return f"an entry must be a list of {MIN_ROW_LENGTH} to {MAX_ROW_LENGTH} values"
    entry_id = row[0]
    if type(entry_id) is not str or not 0 < len(entry_id) <= MAX_ID_LENGTH:
        return f"entry id {entry_id!r} is not valid"
    if parse_time(row[1]) is None:
        return f"entry {entry_id}: time {row[1]!r} is not HH:MM"
    if row[2] not in _KIND_CODES:
        return f"entry {entry_id}: kind {row[2]!r} is not 'f', 's' or 'm'"
    if type(row[3]) is not str or type(row[4]) is not str:
        return f"entry {entry_id}: name and amount must be text"
    for index, what in ((5, "magnesium"), (6, "calcium")):
        if not _is_optional_quantity(row[index]):
            return f"entry {entry_id}: {what} {_shown(row[index])} is not {_QUANTITY_OR_NULL}"
    length = len(row)
    if length > 7 and not _is_optional_text(row[7]):
        return f"entry {entry_id}: food id must be text or null"
    if length > 8 and not _is_optional_quantity(row[8]):
        return f"entry {entry_id}: grams {_shown(row[8])} is not {_QUANTITY_OR_NULL}"
    if length > 9 and not (
        _is_optional_text(row[9]) and (length < 11 or _is_optional_text(row[10]))
    ):
        return f"entry {entry_id}: form and product must be text or null"
    if length > 11 and not _is_optional_quantity(row[11]):
        return f"entry {entry_id}: servings {_shown(row[11])} is not {_QUANTITY_OR_NULL}"
    if length > 12 and not _is_optional_quantity(row[12]):
        return f"entry {entry_id}: vitamin D {_shown(row[12])} is not {_QUANTITY_OR_NULL}"
    if row[2] == "m":
        return _medicine_row_problem(entry_id, row)
    return None


def _medicine_row_problem(entry_id: str, row: Row) -> str | None:
    """A medicine taken carries its class and no nutrients, grams or servings."""
    medicine_class = row[9] if len(row) > 9 else None
    if medicine_class not in MEDICINE_CLASS_KEYS:
        return f"entry {entry_id}: medicine class {_shown(medicine_class)} is unknown"
    if any(row[index] is not None for index in (5, 6, 8, 11, 12) if index < len(row)):
        return f"entry {entry_id}: a medicine taken has no milligrams, grams or servings"
    return None


def schema_version_of(parsed: object, path: Path) -> int:
    """The data format of a parsed file; ``DamagedFileError`` when it is not an mgtui log.

    A file without a ``meta`` table is the legacy format 0 (see migrations.py) when
    all its tables are ones that format had; anything else is not ours.
    """
    if not isinstance(parsed, dict):
        raise DamagedFileError(path, f"it holds a JSON {type(parsed).__name__}, not an object")
    meta = parsed.get(META)
    if meta is None:
        unknown = sorted(str(name) for name in parsed if name not in LEGACY_TABLES)
        if unknown:
            raise DamagedFileError(
                path, f"it is not an mgtui log (unexpected tables: {', '.join(unknown[:5])})"
            )
        return 0
    if not isinstance(meta, dict) or not isinstance(meta.get(str(META_DOC_ID)), dict):
        raise DamagedFileError(path, "its meta table is malformed")
    version = meta[str(META_DOC_ID)].get("schema")
    if type(version) is not int or version < 1:
        raise DamagedFileError(path, f"its data format {version!r} is not a positive whole number")
    return version


def load_tables(
    parsed: object, previous: Tables | None, path: Path, *, digests: DigestMemo | None = None
) -> Tables:
    """Validate a parsed file in the current format and return its tables.

    Raises ``NewerSchemaError`` (never touch the file), ``OutdatedSchemaError``
    (migrate it) or ``DamagedFileError`` (move it aside). Day documents equal to the
    previous load's are not checked again, and the previous (equal) objects are kept,
    so caches keyed on them stay valid after another process saved an unrelated day.
    Day strings are not even decoded when the days table is exactly as mgtui last saved
    it (``days_digest_matches``, with ``digests`` kept from the last digest); otherwise
    every day is decoded and checked. A record that does not fit is set aside
    (``set_aside``), never the whole file.
    """
    version = schema_version_of(parsed, path)
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(path, version, SCHEMA_VERSION)
    if version < SCHEMA_VERSION:
        raise OutdatedSchemaError(path, version)
    assert isinstance(parsed, dict)
    _check_tables(parsed, previous, digests)
    return parsed


# -- records set aside ---------------------------------------------------------------


def set_aside(tables: dict[str, Any], what: str, where: str, reason: str, record: object) -> str:
    """Keep ``record`` as it was in the ``set_aside`` table, with why; returns its id.

    The id is a digest of what, where and the record, so loading the same damaged
    file again finds the same id and never adds the record twice.
    """
    table = tables.setdefault(SET_ASIDE, {})
    try:
        key = orjson.dumps([what, where, record], option=orjson.OPT_SORT_KEYS)
    except TypeError:  # an integer too large for orjson, say
        key = repr([what, where, record]).encode()
    record_id = hashlib.sha256(key).hexdigest()[:10]
    if any(type(doc) is dict and doc.get("id") == record_id for doc in table.values()):
        return record_id
    number = max((int(doc_id) for doc_id in table if doc_id.isdigit()), default=0) + 1
    table[str(number)] = {
        "id": record_id,
        "what": what,
        "where": where,
        "reason": reason,
        "record": record,
    }
    return record_id


def _set_aside_problem(document: object) -> bool:
    return not (
        isinstance(document, dict)
        and type(document.get("id")) is str
        and type(document.get("what")) is str
        and type(document.get("where")) is str
        and type(document.get("reason")) is str
    )


def days_digest(days: dict[str, Any], memo: DigestMemo | None = None) -> str | None:
    """The SHA-256 of the days table as stored, or None when a document is not in this
    layout (no string to hash).

    Each day adds a record: its document id and date, each with its length, and the
    SHA-256 of its string; the digest is the SHA-256 of the records in table order. It
    hashes the strings themselves, nothing is serialised again: ~9 ms for ten years of
    entries, and ~1 ms with a ``memo`` of the last digest's records, where the next
    save, or a reload after another process's save, finds every day but the changed
    ones (a day string is never changed in place, so the same object has the same
    record).
    SHA-256 runs on the CPU's SHA extensions where it has them, faster here than
    BLAKE2 or MD5.
    """
    sha256 = hashlib.sha256
    if memo is None:
        # An open (~3,500 days for ten years): only the digest, without the records'
        # tuples and dictionary a memo keeps; 11.5 ms instead of 14.5 (minimum of 25).
        parts: list[bytes] = []
        add = parts.append
        for doc_id, document in days.items():
            if type(document) is not dict:
                return None
            day = document.get("d")
            rows = document.get("e")
            if type(day) is not str or type(rows) is not str:
                return None
            add(f"{len(doc_id)}:{doc_id}{len(day)}:{day}".encode())
            add(sha256(rows.encode()).digest())
        return sha256(b"".join(parts)).hexdigest()
    records: DigestMemo = {}
    for doc_id, document in days.items():
        if type(document) is not dict:
            return None
        day = document.get("d")
        rows = document.get("e")
        if type(day) is not str or type(rows) is not str:
            return None
        record = memo.get(doc_id)
        if record is None or record[1] is not rows or record[0] != day:
            digest = sha256(rows.encode()).digest()
            record = (day, rows, f"{len(doc_id)}:{doc_id}{len(day)}:{day}".encode() + digest)
        records[doc_id] = record
    memo.clear()
    memo.update(records)
    return sha256(b"".join([record[2] for record in records.values()])).hexdigest()


def days_digest_matches(tables: dict[str, Any], memo: DigestMemo | None = None) -> bool:
    """Whether the days table is exactly as mgtui last stamped it (``dump_tables``).

    Then its day strings are character for character strings that mgtui wrote, and
    mgtui writes only rows it has checked, so decoding and checking them again (~100 ms
    for ten years) can be skipped. A hand edit, a damaged file or another
    program's file has no stamp or a stale one, and is checked in full.
    """
    meta = tables.get(META)
    days = tables.get(DAYS)
    if not isinstance(meta, dict) or not isinstance(days, dict):
        return False
    document = meta.get(str(META_DOC_ID))
    stamp = document.get(DAYS_DIGEST) if isinstance(document, dict) else None
    return type(stamp) is str and stamp == days_digest(days, memo)


def dump_tables(tables: Tables, *, digests: DigestMemo | None = None) -> list[bytes]:
    """The file's bytes, with the days table's digest stamped into ``meta``."""
    days = tables.get(DAYS)
    document = tables.get(META, {}).get(str(META_DOC_ID))
    if isinstance(days, dict) and isinstance(document, dict):
        digest = days_digest(days, digests)
        if digest is not None:
            document[DAYS_DIGEST] = digest
        else:
            document.pop(DAYS_DIGEST, None)
    # One piece: the digest no longer needs the days table's bytes on their own, and
    # the file is written straight from orjson's buffer without another copy.
    return [orjson.dumps(tables)]


def _check_tables(
    tables: dict[str, Any], previous: Tables | None, digests: DigestMemo | None = None
) -> None:
    # The set-aside table first: setting anything aside needs it in shape.
    for name in (SET_ASIDE, *TABLES[:-1]):
        table = tables.get(name)
        if table is None or (name == SET_ASIDE and not isinstance(table, dict)):
            tables[name] = {}
            if table is not None:  # never lose what was set aside, even if mangled
                set_aside(tables, "table", name, f"table {name!r} is not an object", table)
            continue
        if not isinstance(table, dict):
            tables[name] = {}
            set_aside(tables, "table", name, f"table {name!r} is not an object", table)
            continue
        for doc_id, document in list(table.items()):
            if not (doc_id.isascii() and doc_id.isdigit()) or not isinstance(document, dict):
                del table[doc_id]
                reason = f"table {name!r} has a malformed document {doc_id!r}"
                set_aside(tables, name, doc_id, reason, document)
            elif name == SET_ASIDE and _set_aside_problem(document):
                del table[doc_id]
                set_aside(tables, "set-aside record", doc_id, "malformed", document)
    previous_days = previous.get(DAYS, {}) if previous is not None else {}
    days = tables[DAYS]
    unchecked: list[str] = [] if previous_days else list(days)
    for doc_id, document in days.items() if previous_days else ():
        earlier = previous_days.get(doc_id)
        if earlier is not None and earlier == document:
            days[doc_id] = earlier
        else:
            unchecked.append(doc_id)
    # The earlier objects are in place before the digest, so its memo knows them.
    if unchecked and not days_digest_matches(tables, digests):
        for doc_id in unchecked:
            try:
                _check_day(doc_id, days[doc_id])
            except BadRowsError as error:
                for row, problem in error.bad:
                    set_aside(tables, "entry", error.day.isoformat(), problem, row)
                days[doc_id] = day_document(error.day, error.kept)
            except LayoutError as error:
                set_aside(tables, "day", doc_id, str(error), days.pop(doc_id))
    _check_documents(tables, PROFILE, "profile", profile_problem)
    _check_documents(tables, SUPPLEMENTS, "supplement", supplement_problem)
    _check_documents(tables, CUSTOM_FOODS, "custom food", custom_food_problem)
    _check_documents(tables, FAVOURITES, "favourite", _favourite_problem)
    _check_documents(tables, ROUTINES, "routine", routine_problem)
    _check_documents(tables, MEDICATIONS, "medicine", medication_problem)


def _check_documents(
    tables: dict[str, Any], name: str, what: str, problem_of: Callable[[Any], str | None]
) -> None:
    table = tables[name]
    for doc_id, document in list(table.items()):
        problem = problem_of(document)
        if problem:
            set_aside(tables, what, doc_id, problem, table.pop(doc_id))


def _favourite_problem(document: dict[str, Any]) -> str | None:
    return None if type(document.get("food_id")) is str else "a favourite has no food id"


def _check_day(doc_id: str, document: dict[str, Any]) -> None:
    """Raises ``LayoutError`` when the day as a whole is unusable, ``BadRowsError`` when
    some of its rows are."""
    ordinal = int(doc_id)
    if not 1 <= ordinal <= dt.date.max.toordinal():
        raise LayoutError(f"day {doc_id} is out of range")
    day = dt.date.fromordinal(ordinal)
    if document.get("d") != day.isoformat():
        raise LayoutError(f"day {doc_id} should be dated {day.isoformat()}")
    text = document.get("e")
    if type(text) is not str:
        raise LayoutError(f"day {day.isoformat()} has no entries string")
    try:
        rows = orjson.loads(text)
    except orjson.JSONDecodeError as error:
        raise LayoutError(f"{day.isoformat()}: its entries are not valid JSON ({error})") from None
    if type(rows) is not list:
        raise LayoutError(f"day {day.isoformat()} has no list of entries")
    bad: list[tuple[object, str]] = []
    for row in rows:
        if not _row_looks_valid(row):
            problem = row_problem(row)
            if problem is not None:
                bad.append((row, problem))
    if bad:
        raise BadRowsError(day, [row for row in rows if not any(row is b for b, _ in bad)], bad)
    # An edited string (spaces, another order of escapes) is stored in mgtui's own
    # form, which the id search (``row_start``) and the empty-day test rely on.
    canonical = encode_rows(rows)
    if canonical != text:
        document["e"] = canonical


_NUMBER_TYPES: Final = (int, float)
# Medicine rows ("m") are rare and have rules of their own: the detailed check runs.
_FOOD_OR_SUPPLEMENT: Final = frozenset({"f", "s"})
_OPTIONAL_TEXT_TYPES: Final = (str, type(None))


def _row_looks_valid(row: object) -> bool:
    """The common case of ``row_problem`` in one expression: a full load runs it ~55,000
    times, and this halves the time (the detailed check runs only when it says no,
    which also covers a time not parsed yet)."""
    most = MAX_QUANTITY
    numbers = _NUMBER_TYPES
    texts = _OPTIONAL_TEXT_TYPES
    if type(row) is not list:
        return False
    length = len(row)
    if length < MIN_ROW_LENGTH or length > MAX_ROW_LENGTH:
        return False
    entry_id = row[0]
    magnesium = row[5]
    calcium = row[6]
    return (
        type(entry_id) is str
        and 0 < len(entry_id) <= MAX_ID_LENGTH
        and row[1] in _TIMES
        and row[2] in _FOOD_OR_SUPPLEMENT
        and type(row[3]) is str
        and type(row[4]) is str
        and (magnesium is None or (type(magnesium) in numbers and 0 <= magnesium <= most))
        and (calcium is None or (type(calcium) in numbers and 0 <= calcium <= most))
        and (length < 8 or type(row[7]) in texts)
        and (length < 9 or _is_optional_quantity(row[8]))
        and (length < 10 or type(row[9]) in texts)
        and (length < 11 or type(row[10]) in texts)
        and (length < 12 or _is_optional_quantity(row[11]))
        and (length < 13 or _is_optional_quantity(row[12]))
    )


def profile_problem(document: object) -> str | None:
    """Type checks only: the domain's own rules run when the profile is used, so a
    future, stricter rule can never make a whole log unreadable."""
    if not isinstance(document, dict):
        return "the profile is not an object"
    if type(document.get("sex")) is not str:
        return "the profile has no sex"
    if not is_quantity(document.get("age")):
        return "the profile's age is not a number"
    for flag in ("pregnant", "lactating", "kidney_disease"):
        if type(document.get(flag, False)) is not bool:
            return f"the profile's {flag} is not true or false"
    band = document.get("ratio_band")
    if type(band) is not list or len(band) != 2 or not all(is_quantity(x) for x in band):
        return "the profile's ratio band is not two numbers"
    custom = document.get("custom", {})
    if not isinstance(custom, dict) or not all(
        key in _CUSTOM_TARGET_KEYS and _is_optional_quantity(value) for key, value in custom.items()
    ):
        return "the profile's custom targets are malformed"
    return None


_CUSTOM_TARGET_KEYS: Final = frozenset(
    {"magnesium_rda_mg", "supplement_limit_mg", "calcium_rda_mg"}
)


def supplement_problem(document: dict[str, Any]) -> str | None:
    if type(document.get("name")) is not str:
        return "a saved supplement has no name"
    if not _is_optional_text(document.get("form")) or type(document.get("serving", "")) is not str:
        return f"saved supplement {document['name']!r}: form and serving must be text"
    if not is_quantity(document.get("magnesium_mg")) or not is_quantity(
        document.get("calcium_mg", 0)
    ):
        return f"saved supplement {document['name']!r}: amounts must be numbers >= 0"
    for key in ("compound_mg", "calcium_compound_mg", "vitamin_d_iu"):
        if not _is_optional_quantity(document.get(key)):
            return f"saved supplement {document['name']!r}: {key} must be a number"
    if not _is_optional_text(document.get("calcium_form")):
        return f"saved supplement {document['name']!r}: calcium form must be text"
    return None


def routine_problem(document: object) -> str | None:
    """What is wrong with a stored routine, or None (names are checked as entries' are)."""
    if not isinstance(document, dict) or type(document.get("name")) is not str:
        return "a routine has no name"
    name = document["name"]
    items = document.get("items")
    if type(items) is not list or not items:
        return f"routine {name!r} has no list of items"
    for number, item in enumerate(items, start=1):
        problem = (
            "it is not a list" if type(item) is not list else row_problem([*_ITEM_HEAD, *item])
        )
        if problem is not None:
            return f"routine {name!r}, item {number}: {problem.removeprefix('entry item: ')}"
    return None


def medication_problem(document: object) -> str | None:
    """What is wrong with a saved medicine, or None."""
    if not isinstance(document, dict) or type(document.get("name")) is not str:
        return "a saved medicine has no name"
    if document.get("class") not in MEDICINE_CLASS_KEYS:
        known = _shown(document.get("class"))
        return f"saved medicine {document['name']!r}: class {known} is unknown"
    return None


def custom_food_problem(document: object) -> str | None:
    if not isinstance(document, dict):
        return "a custom food is not an object"
    food_id = document.get("id")
    if type(food_id) is not str or not food_id.startswith("custom-"):
        return f"custom food id {food_id!r} does not start with 'custom-'"
    if type(document.get("name")) is not str or type(document.get("group", "")) is not str:
        return f"custom food {food_id}: name and group must be text"
    for key in _FOOD_NUTRIENT_KEYS:
        if not _is_optional_quantity(document.get(key)):
            return f"custom food {food_id}: {key} must be a number >= 0 or null"
    portions = document.get("portions", [])
    if type(portions) is not list:
        return f"custom food {food_id}: portions must be a list"
    for portion in portions:
        if (
            type(portion) is not list
            or len(portion) != 3
            or type(portion[0]) is not str
            or not is_quantity(portion[1])
            or not is_quantity(portion[2])
            or portion[1] == 0
            or portion[2] == 0
        ):
            return f"custom food {food_id}: a portion must be [name, grams > 0, amount > 0]"
    return None


_FOOD_NUTRIENT_KEYS: Final = (
    "magnesium_mg_per_100g",
    "calcium_mg_per_100g",
    "vitamin_d_iu_per_100g",
    "energy_kcal_per_100g",
)
