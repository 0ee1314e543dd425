"""Merging records from elsewhere (an import, a recovered file) into the log."""

from __future__ import annotations

from tinydb.table import Document

from mgtui.store import documents, layout, medications, named, routines
from mgtui.store.dayindex import Days
from mgtui.store.exchange import ImportBundle, ImportResult
from mgtui.store.layout import Row
from mgtui.store.tables import StoreTable


def merge_bundle(bundle: ImportBundle, days: Days, tables: dict[str, StoreTable]) -> ImportResult:
    """Merge a checked import into the log (inside a transaction); see ``import_data``."""
    index = days.index()
    added = unchanged = 0
    conflicting: list[str] = []
    new_rows: dict[int, list[Row]] = {}
    for entry in bundle.entries:
        existing_day = index.day_of_entry.get(entry.id)  # the full map: many lookups
        if existing_day is not None:
            if days.find(entry.id) == entry:
                unchanged += 1
            else:
                conflicting.append(entry.id)
            continue
        ordinal = entry.date.toordinal()
        if ordinal not in new_rows:
            new_rows[ordinal] = index.rows(ordinal)
        new_rows[ordinal].append(layout.encode_entry(entry))
        added += 1
    days.write_sorted(new_rows)

    # Products and medicines never share a name (``take NAME`` means one thing): one
    # whose name the other kind has is not added, and the result says so.
    medicine_names = {named.name_key(doc["name"]) for doc in tables[layout.MEDICATIONS]}
    name_clashes: list[str] = []
    products_added = 0
    products = tables[layout.SUPPLEMENTS]
    names = {doc["name"].casefold() for doc in products}
    for product in bundle.supplement_products:
        if named.name_key(product.name) in medicine_names:
            name_clashes.append(product.name)
        elif product.name.casefold() not in names:
            products.insert(documents.product_to_dict(product))
            names.add(product.name.casefold())
            products_added += 1

    foods_added = 0
    foods = tables[layout.CUSTOM_FOODS]
    food_ids = {doc["id"] for doc in foods}
    food_names = {doc["name"].casefold() for doc in foods}
    for food in bundle.custom_foods:
        if food.id not in food_ids and food.name.casefold() not in food_names:
            foods.insert(documents.custom_food_to_document(food))
            food_ids.add(food.id)
            food_names.add(food.name.casefold())
            foods_added += 1

    favourites = tables[layout.FAVOURITES]
    marked = {doc["food_id"] for doc in favourites}
    new_favourites = [f for f in bundle.favourite_food_ids if f not in marked]
    if new_favourites:
        favourites.insert_multiple({"food_id": food_id} for food_id in new_favourites)

    routines_added = 0
    routine_table = tables[layout.ROUTINES]
    routine_names = {doc["name"].casefold() for doc in routine_table}
    for routine in bundle.routines:
        if routine.name.casefold() not in routine_names:
            routine_table.insert(routines.routine_document(routine))
            routine_names.add(routine.name.casefold())
            routines_added += 1

    medications_added = 0
    product_names = {named.name_key(doc["name"]) for doc in tables[layout.SUPPLEMENTS]}
    for medication in bundle.medications:
        key = named.name_key(medication.name)
        if key in product_names:
            name_clashes.append(medication.name)
        elif key not in medicine_names:
            medications.put(tables[layout.MEDICATIONS], medication)
            medicine_names.add(key)
            medications_added += 1

    profile_imported = False
    profile_table = tables[layout.PROFILE]
    if bundle.profile is not None and not profile_table.contains(doc_id=layout.PROFILE_DOC_ID):
        profile_table.upsert(
            Document(documents.profile_to_dict(bundle.profile), doc_id=layout.PROFILE_DOC_ID)
        )
        profile_imported = True

    return ImportResult(
        entries_added=added,
        entries_unchanged=unchanged,
        entries_conflicting=len(conflicting),
        supplement_products_added=products_added,
        custom_foods_added=foods_added,
        favourites_added=len(new_favourites),
        profile_imported=profile_imported,
        routines_added=routines_added,
        medications_added=medications_added,
        name_clashes=tuple(name_clashes),
        conflicting_entry_ids=tuple(conflicting),
    )
