"""Open the app from the command line (``mgtui``, ``mgtui --date D``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from mgtui.logbook.session import Logbook
from mgtui.store import Repository
from mgtui.tui.app import make_app


def run_app(
    repo: Repository, day: dt.date | None = None, *, now: Callable[[], dt.datetime] | None = None
) -> int:
    """Run the app on ``day`` (today when None) until the person quits; the exit status."""
    logbook = Logbook(repo) if now is None else Logbook(repo, now=now)
    app = make_app(logbook, day=day)
    app.run()
    return app.return_code or 0
