"""Tables of records named uniquely ignoring case and spacing (routines, medicines)."""

from __future__ import annotations

from typing import Any

from mgtui.store.errors import NotFoundError


def name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def put(table: Any, name: str, document: dict[str, Any]) -> None:
    """Insert ``document`` (inside a transaction), replacing the record named ``name``."""
    key = name_key(name)
    table.remove(doc_ids=[doc.doc_id for doc in table if name_key(doc["name"]) == key])
    table.insert(document)


def pop(table: Any, name: str, what: str) -> dict[str, Any]:
    """Delete the record named ``name`` and return it; ``NotFoundError`` naming ``what``."""
    key = name_key(name)
    matches = [doc for doc in table if name_key(doc["name"]) == key]
    if not matches:
        raise NotFoundError(f"no {what} named {name!r}")
    table.remove(doc_ids=[doc.doc_id for doc in matches])
    return dict(matches[0])
