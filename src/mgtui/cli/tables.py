"""Plain-text tables: numbers in full and right-aligned, one text column that gives way."""

from __future__ import annotations

import shutil
from collections.abc import Sequence

from mgtui.frozen import frozen

FALLBACK_WIDTH = 100  # columns when stdout is not a terminal
GAP = "  "


@frozen
class Column:
    header: str
    numeric: bool = False  # right-aligned
    flexible: bool = False  # shortened with "…" when the terminal is too narrow
    min_width: int = 12


def terminal_width() -> int:
    return shutil.get_terminal_size((FALLBACK_WIDTH, 24)).columns


def render(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int | None = None
) -> str:
    """Header and rows; the flexible column takes what the others leave of ``width``."""
    widths = [
        max(len(column.header), *(len(row[i]) for row in rows)) if rows else len(column.header)
        for i, column in enumerate(columns)
    ]
    total = terminal_width() if width is None else width
    for i, column in enumerate(columns):
        if column.flexible:
            others = sum(widths) - widths[i] + len(GAP) * (len(columns) - 1)
            widths[i] = max(column.min_width, min(widths[i], total - others))

    def line(cells: Sequence[str]) -> str:
        parts = []
        for cell, column, cell_width in zip(cells, columns, widths, strict=True):
            if len(cell) > cell_width:
                cell = cell[: cell_width - 1] + "…"
            parts.append(cell.rjust(cell_width) if column.numeric else cell.ljust(cell_width))
        return GAP.join(parts).rstrip()

    return "\n".join([line([c.header for c in columns]), *(line(row) for row in rows)])
