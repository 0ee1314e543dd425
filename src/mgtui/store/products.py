"""Saved supplement products in the ``supplements`` table (layout.py).

Names are unique ignoring case; a rename replaces the old name in the same
transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mgtui.domain.supplements import SupplementProduct
from mgtui.frozen import replace
from mgtui.store import documents
from mgtui.store.errors import NotFoundError
from mgtui.store.records import checked_product, stored_product


def checked(product: SupplementProduct) -> SupplementProduct:
    """The product as it will be stored (name trimmed), or ``InvalidRecordError``."""
    product = replace(product, name=product.name.strip())
    checked_product(product)
    return product


def read_all(table: Iterable[dict[str, Any]], path: Path) -> list[SupplementProduct]:
    """Every saved product, sorted by name (case-insensitively)."""
    found = [stored_product(dict(document), path) for document in table]
    return sorted(found, key=lambda p: p.name.casefold())


def put(table: Any, product: SupplementProduct, replacing: str | None) -> None:
    """Save ``product`` (inside a transaction) in place of its name and ``replacing``."""
    names = {product.name.casefold(), (replacing or product.name).casefold()}
    table.remove(doc_ids=[doc.doc_id for doc in table if doc["name"].casefold() in names])
    table.insert(documents.product_to_dict(product))


def remove(table: Any, name: str, path: Path) -> SupplementProduct:
    """Delete the product ``name`` (ignoring case); ``NotFoundError`` when there is none."""
    key = name.strip().casefold()
    matches = [doc for doc in table if doc["name"].casefold() == key]
    if not matches:
        raise NotFoundError(f"no saved supplement named {name!r}")
    table.remove(doc_ids=[doc.doc_id for doc in matches])
    return stored_product(dict(matches[0]), path)
