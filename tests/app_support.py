"""The app tests' helpers: the frozen clock (Sunday 22 November 2026, 08:30), the
fixed theme, the supplement products, the factory type and the functions that log
food and record notifications. The fixtures that use them are in tests/tui/conftest.py.

A module of its own, not conftest: two conftest modules cannot both be imported (or
type-checked) under the one name "conftest"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

import pytest
from textual.css.stylesheet import Stylesheet
from textual.notifications import SeverityLevel
from textual.widget import Widget

from mgtui.domain.supplements import SupplementProduct
from mgtui.foods import get_food
from mgtui.logbook import drafts
from mgtui.store import Repository
from mgtui.tui.app import MgtuiApp
from mgtui.tui.widgets.entry_list import EntryList

NOW = dt.datetime(2026, 11, 22, 8, 30)
TODAY = NOW.date()
THEME = "textual-dark"

GLYCINATE = SupplementProduct(
    "Mag Glycinate", "glycinate", 120.0, 0.0, "2 capsules", compound_mg=None
)
CALCIUM = SupplementProduct("Calcium citrate", None, 0.0, 500.0, "2 tablets")


def log_food(repo: Repository, food_id: str, amount: str, at: str, day: dt.date = TODAY) -> None:
    food = get_food(food_id)
    assert food is not None
    repo.log(drafts.food_entry(food, amount, day, dt.time.fromisoformat(at)))


def seed_day(repo: Repository, day: dt.date = TODAY) -> None:
    """A morning: pumpkin seeds, spinach, whole milk and a glycinate capsule pair."""
    log_food(repo, "12014", "1 oz", "07:30", day)  # 167.8 mg Mg, 13.0 mg Ca
    log_food(repo, "11458", "1/2 cup", "12:15", day)  # spinach, boiled: 78.3 mg
    log_food(repo, "01077", "1 cup", "08:00", day)  # whole milk: 24.4 mg Mg, 275.7 Ca
    repo.log(drafts.supplement_entry(GLYCINATE, 1, day, dt.time(8, 15)))


AppFactory = Callable[..., MgtuiApp]
W = TypeVar("W", bound=Widget)


class Notes(list[tuple[str, str, str]]):
    """Notifications as (severity, title, message), recorded as the app raises them."""

    def messages(self, severity: str | None = None) -> list[str]:
        return [message for sev, _, message in self if severity in (None, sev)]


def record_notifications(app: MgtuiApp) -> Notes:
    notes = Notes()
    original = app.notify

    def notify(
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        notes.append((severity, title, message))
        original(message, title=title, severity=severity, timeout=timeout, markup=markup)

    app.notify = notify  # type: ignore[method-assign]
    return notes


def today_rows(app: MgtuiApp) -> list[list[str]]:
    """Today's entries as shown: time, item, amount, Mg, Ca."""
    entries = app.screen.query_one("#entries", EntryList)
    return [list(entries.cells(index)) for index in range(len(entries.rows))]


def record_style_passes(monkeypatch: pytest.MonkeyPatch, kind: type[W]) -> list[W]:
    """Every widget of ``kind`` the app styles from now on, once per style pass."""
    styled: list[W] = []
    apply = Stylesheet.apply

    def recording(self: Stylesheet, node: object, **options: object) -> None:
        if isinstance(node, kind):
            styled.append(node)
        apply(self, node, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(Stylesheet, "apply", recording)
    return styled


def record_reparses(monkeypatch: pytest.MonkeyPatch) -> list[Stylesheet]:
    """Every full re-parse of a style sheet (Textual's refresh_css) from now on."""
    reparsed: list[Stylesheet] = []
    reparse = Stylesheet.reparse

    def recording(self: Stylesheet) -> None:
        reparsed.append(self)
        reparse(self)

    monkeypatch.setattr(Stylesheet, "reparse", recording)
    return reparsed
