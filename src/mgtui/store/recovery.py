"""Bringing back every valid record from a damaged file kept beside the log.

``mgtui doctor --recover FILE`` reads a ``mgtui.json.corrupt-*`` copy (or any older
log), salvaging what it can from a file cut short, upgrades an older format, sets
aside what cannot be used, and hands the rest to ``merge.merge_bundle`` as an import.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import orjson

from mgtui.store import damage, documents, layout, medications, migrations, records, routines
from mgtui.store.damage import SetAsideRecord
from mgtui.store.errors import DamagedFileError, ImportFileError, NotFoundError, StoreError
from mgtui.store.exchange import ImportBundle

_BOM = b"\xef\xbb\xbf"


def read_bundle(source: Path) -> tuple[ImportBundle, list[SetAsideRecord]]:
    """The valid records of ``source`` as an import, and what could not be used.

    Raises ``NotFoundError`` or ``ImportFileError`` (bad input: nothing to recover)
    and ``StoreError`` when the file cannot be read.
    """
    try:
        payload = source.read_bytes()
    except FileNotFoundError:
        raise NotFoundError(f"there is no file {source}") from None
    except OSError as error:
        raise StoreError(f"cannot read {source}: {error.strerror or error}") from error
    payload = payload.removeprefix(_BOM)
    parsed: object
    try:
        parsed = orjson.loads(payload)
    except orjson.JSONDecodeError:
        parsed = damage.salvage(payload.decode("utf-8", errors="replace"))
    try:
        version = layout.schema_version_of(parsed, source)
    except DamagedFileError as error:
        raise ImportFileError([f"{source} holds no mgtui records ({error.reason})"]) from None
    if version > layout.SCHEMA_VERSION:
        raise ImportFileError([f"{source} was written by a newer mgtui; upgrade mgtui"])
    assert isinstance(parsed, dict)
    if version < layout.SCHEMA_VERSION:
        try:
            parsed = migrations.migrate(parsed, version)
        except layout.LayoutError as error:
            raise ImportFileError([f"{source} cannot be upgraded: {error}"]) from None
    tables = layout.load_tables(parsed, None, source)
    records.set_aside_unusable(tables)
    entries = [
        layout.decode_entry(row, dt.date.fromordinal(int(doc_id)))
        for doc_id, document in tables[layout.DAYS].items()
        for row in layout.decode_rows(document["e"])
    ]
    profiles = [documents.profile_from_dict(doc) for doc in tables[layout.PROFILE].values()]
    bundle = ImportBundle(
        profile=profiles[0] if profiles else None,
        entries=tuple(entries),
        supplement_products=tuple(
            documents.product_from_dict(doc) for doc in tables[layout.SUPPLEMENTS].values()
        ),
        custom_foods=tuple(
            documents.custom_food_from_document(doc) for doc in tables[layout.CUSTOM_FOODS].values()
        ),
        favourite_food_ids=tuple(
            dict.fromkeys(doc["food_id"] for doc in tables[layout.FAVOURITES].values())
        ),
        routines=tuple(routines.routine_of(doc) for doc in tables[layout.ROUTINES].values()),
        medications=tuple(
            medications.medication_of(doc) for doc in tables[layout.MEDICATIONS].values()
        ),
    )
    return bundle, damage.records_in(tables)
