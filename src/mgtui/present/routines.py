"""How a routine reads: its summary line, a line per item, and ``routine list --json``.

A routine's magnesium is its items' sum, rounded half up; the items are shown split
from it (``domain.figures.split``), so they add up to it as a day's entries do.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mgtui.domain.entries import Entry
from mgtui.domain.figures import Figure, half_up, split
from mgtui.domain.routines import Routine
from mgtui.domain.text import safe
from mgtui.present.json import number
from mgtui.present.text import KIND_SUFFIX, amount_with_grams, count, entry_label


def magnesium_figures(routine: Routine, decimals: int = 0) -> tuple[Figure, tuple[Figure, ...]]:
    """The routine's magnesium as shown, and each item's, adding up to it."""
    values = [item.magnesium_or_zero for item in routine.items]
    total = Figure(half_up(sum(values), decimals), decimals)
    return total, split(total, values)


def routine_json(routine: Routine) -> dict[str, Any]:
    """``{name, items: [{kind, name, food_id, amount, magnesium_mg, calcium_mg, ...}]}``
    and the routine's ``magnesium_mg``, at 0.1 mg as ``log --json`` shows entries."""
    total, parts = magnesium_figures(routine, 1)
    items = [
        {
            "kind": item.kind,
            "name": item.name,
            "food_id": item.food_id,
            "amount": item.amount,
            "grams": number(item.grams, 2),
            "servings": number(item.servings, 3),
            "form": item.form,
            "magnesium_mg": None if item.magnesium_mg is None else part.value,
            "calcium_mg": number(item.calcium_mg),
        }
        for item, part in zip(routine.items, parts, strict=True)
    ]
    return {"name": routine.name, "items": items, "magnesium_mg": total.value}


def routine_summary(routine: Routine) -> str:
    """ "Morning: 4 items, 391 mg Mg" """
    total, _ = magnesium_figures(routine)
    return f"{safe(routine.name)}: {count(len(routine.items), 'item')}, {total.text} mg Mg"


def item_lines(routine: Routine) -> list[str]:
    """ "Nuts, almonds — 1 oz (28.35 g): 77 mg Mg", a line per item ("?" without a value)."""
    return entry_lines(routine.items)


def entry_lines(entries: Sequence[Entry], *, with_time: bool = False) -> list[str]:
    """A line per entry as ``item_lines`` words an item, split from the entries' total so
    the lines add up to it; with ``with_time``, "07:30  168 mg Mg  Seeds, ... — 1 oz".
    A medicine has no milligrams: "Alendronate (medicine: oral bisphosphonate)"."""
    values = [entry.magnesium_or_zero for entry in entries]
    parts = split(Figure(half_up(sum(values)), 0), values)
    lines = []
    for entry, part in zip(entries, parts, strict=True):
        if entry.is_medicine:
            what = f"{safe(entry_label(entry))} (medicine)"
            lines.append(f"{entry.time:%H:%M} {'':>4}        {what}" if with_time else what)
            continue
        magnesium = "?" if entry.magnesium_mg is None else part.text
        what = f"{safe(entry.name)}{KIND_SUFFIX[entry.kind]} — {safe(amount_with_grams(entry))}"
        # With the time, the figures come first: a long name is cut at its end.
        if with_time:
            lines.append(f"{entry.time:%H:%M} {magnesium:>4} mg Mg  {what}")
        else:
            lines.append(f"{what}: {magnesium} mg Mg")
    return lines
