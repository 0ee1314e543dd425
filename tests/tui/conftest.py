"""Fixtures for the app's Pilot and snapshot tests: a temporary data folder, a frozen
clock (Sunday 22 November 2026, 08:30) and a fixed theme, so every run sees the same
day the same way. The helpers and constants they use are in tests/app_support.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from app_support import CALCIUM, GLYCINATE, NOW, THEME, TODAY, AppFactory, log_food, seed_day
from mgtui.domain.targets import Profile
from mgtui.logbook.session import Logbook
from mgtui.store import Repository
from mgtui.tui.app import MgtuiApp, make_app


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repository]:
    repository = Repository.open(tmp_path / "data")
    repository.mark_profile_asked()
    yield repository
    repository.close()


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


@pytest.fixture
def app_for() -> AppFactory:
    def build(repo: Repository, day: dt.date | None = None) -> MgtuiApp:
        return make_app(Logbook(repo, now=lambda: NOW), day=day, theme=THEME)

    return build
