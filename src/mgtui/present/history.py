"""One logged day a row: what History and ``mgtui history`` show of it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from mgtui.domain.verdict import DayVerdict
from mgtui.present.text import count


class Row(Protocol):
    @property
    def date(self) -> dt.date: ...

    @property
    def figures(self) -> DayVerdict: ...


def percent_text(figures: DayVerdict) -> str:
    shown = figures.magnesium.percent
    return "" if shown is None else f"{shown.text}%"


def ratio_text(figures: DayVerdict) -> str:
    """ "2.75 in band", or "n/a" with no magnesium."""
    ratio = figures.ratio
    return "n/a" if ratio.value is None else f"{ratio.text} {ratio.verdict}"


def history_footnote(rows: Sequence[Row], first: dt.date) -> str:
    """ "40 logged days since 01 Oct 2026 (5 days without entries are not shown)." """
    span = (rows[0].date - first).days + 1
    unlogged = span - len(rows)
    text = f"{count(len(rows), 'logged day')} since {first:%d %b %Y}"
    if unlogged:
        text += f" ({count(unlogged, 'day')} without entries not shown)"
    return text + "."


# A day with a medicine and a supplement taken closer together than the medicine's rule.
INTERACTION_MARKER = "Rx"
INTERACTION_MARKER_NOTE = f"{INTERACTION_MARKER} = a medicine and a supplement too close together."


def interactions_text(interaction_count: int) -> str:
    """A day's medicine timing marker in History: "Rx", or "" without a pair too close."""
    return INTERACTION_MARKER if interaction_count else ""
