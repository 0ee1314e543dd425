"""Fitting long USDA names into a column without losing what tells them apart.

USDA names run general to specific ("Seeds, pumpkin and squash seed kernels, roasted,
with salt added"), so cutting the end makes different foods look the same. Cutting
the middle keeps both the food and its preparation.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

ELLIPSIS = "…"
# Share of the width kept for the start of the name; the rest shows its end.
HEAD_SHARE = 0.55
# Characters given up, at most, to cut between words rather than inside one.
WORD_SLACK = 4


def fit_middle(text: str, width: int) -> str:
    """``text`` if it fits in ``width`` cells, else its start and end around "…"."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    head_width = max(1, int((width - 1) * HEAD_SHARE))
    tail_width = width - 1 - head_width
    head = set_cell_size(text, head_width)  # a wide character cut in two leaves a space
    tail = last_cells(text, tail_width)
    # Cut between words where that costs only a few characters.
    space = head.rfind(" ")
    if space > 0 and space >= head_width - WORD_SLACK:
        head = head[:space]
    space = tail.find(" ")
    if 0 <= space <= WORD_SLACK:
        tail = tail[space + 1 :]
    return head.rstrip(" ,") + ELLIPSIS + tail


def last_cells(text: str, width: int) -> str:
    """The end of ``text`` that fits in ``width`` cells."""
    if text.isascii():
        return text[len(text) - width :] if width > 0 else ""
    start, used = len(text), 0
    while start > 0 and used + cell_len(text[start - 1]) <= width:
        start -= 1
        used += cell_len(text[start])
    return text[start:]


def fit_end(text: str, width: int) -> str:
    """``text`` if it fits in ``width`` cells, else its start and "…"."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    return set_cell_size(text, width - 1).rstrip() + ELLIPSIS
