"""Fixtures for the app's Pilot and snapshot tests: a temporary data folder, a frozen
clock (Sunday 22 November 2026, 08:30) and a fixed theme, so every run sees the same
day the same way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mgtui.domain.supplements import SupplementProduct
from mgtui.domain.targets import Profile
from mgtui.foods import get_food
from mgtui.logbook import drafts
from mgtui.logbook.session import Logbook
from mgtui.store import Repository
from mgtui.tui.app import MgtuiApp, make_app

NOW = dt.datetime(2026, 11, 22, 8, 30)
TODAY = NOW.date()
THEME = "textual-dark"

GLYCINATE = SupplementProduct(
    "Mag Glycinate", "glycinate", 120.0, 0.0, "2 capsules", compound_mg=None
)
CALCIUM = SupplementProduct("Calcium citrate", None, 0.0, 500.0, "2 tablets")


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repository]:
    repository = Repository.open(tmp_path / "data")
    repository.mark_profile_asked()
    yield repository
    repository.close()


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


@pytest.fixture
def seeded(repo: Repository) -> Repository:
    repo.save_profile(Profile(sex="female", age=63))
    repo.save_supplement_product(GLYCINATE)
    repo.save_supplement_product(CALCIUM)
    seed_day(repo)
    for days_ago, amount in ((1, "2 oz"), (2, "1 oz"), (4, "0.5 oz")):
        day = TODAY - dt.timedelta(days=days_ago)
        log_food(repo, "12014", amount, "09:00", day)
        log_food(repo, "01077", "1 cup", "10:00", day)
    log_food(repo, "12061", "1 oz", "16:00", TODAY - dt.timedelta(days=1))
    return repo


AppFactory = Callable[..., MgtuiApp]


@pytest.fixture
def app_for() -> AppFactory:
    def build(repo: Repository, day: dt.date | None = None) -> MgtuiApp:
        return make_app(Logbook(repo, now=lambda: NOW), day=day, theme=THEME)

    return build


class Notes(list[tuple[str, str, str]]):
    """Notifications as (severity, title, message), recorded as the app raises them."""

    def messages(self, severity: str | None = None) -> list[str]:
        return [message for sev, _, message in self if severity in (None, sev)]


def record_notifications(app: MgtuiApp) -> Notes:
    notes = Notes()
    original = app.notify

    def notify(message: str, *, title: str = "", severity: str = "information", **kw):  # type: ignore[no-untyped-def]
        notes.append((severity, title, message))
        return original(message, title=title, severity=severity, **kw)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]
    return notes
