"""How a routine reads: one line per routine and item, and ``routine list --json``."""

from __future__ import annotations

from typing import Any

from mgtui.domain.figures import half_up
from mgtui.domain.routines import Routine
from mgtui.domain.text import safe
from mgtui.present.json import number
from mgtui.present.text import amount_with_grams, count, whole_mg


def routine_json(routine: Routine) -> dict[str, Any]:
    """``{name, items: [{kind, name, food_id, amount, magnesium_mg, calcium_mg, ...}]}``;
    the routine's ``magnesium_mg`` is the sum of its items' as shown."""
    items = [
        {
            "kind": item.kind,
            "name": item.name,
            "food_id": item.food_id,
            "amount": item.amount,
            "grams": number(item.grams, 2),
            "servings": number(item.servings, 3),
            "form": item.form,
            "magnesium_mg": number(item.magnesium_mg),
            "calcium_mg": number(item.calcium_mg),
        }
        for item in routine.items
    ]
    total = sum(number(item.magnesium_or_zero) or 0.0 for item in routine.items)
    return {"name": routine.name, "items": items, "magnesium_mg": number(total)}


def routine_summary(routine: Routine) -> str:
    """ "Morning: 4 items, 312 mg Mg" (the sum of the items' whole milligrams as shown)."""
    total = sum(half_up(item.magnesium_or_zero) for item in routine.items)
    return f"{safe(routine.name)}: {count(len(routine.items), 'item')}, {total:.0f} mg Mg"


def item_line(routine: Routine, index: int) -> str:
    """ "Nuts, almonds — 1 oz (28.35 g): 77 mg Mg" """
    item = routine.items[index]
    suffix = " (supplement)" if item.is_supplement else ""
    return (
        f"{safe(item.name)}{suffix} — {safe(amount_with_grams(item))}: "
        f"{whole_mg(item.magnesium_mg, '?')} mg Mg"
    )
