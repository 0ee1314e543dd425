"""Open the app from the command line (``mgtui``, ``mgtui --date D``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from mgtui.logbook.session import Logbook
from mgtui.store import Repository
from mgtui.tui.app import make_app

# Today is the screen the app opens on (built by the app, so not imported by it): it is
# loaded here with the app's other modules, while the CLI keeps the collector paused
# (see mgtui.cli.app.load_app), rather than in the middle of the first paint.
from mgtui.tui.screens import today  # noqa: F401


def run_app(
    repo: Repository, day: dt.date | None = None, *, now: Callable[[], dt.datetime] | None = None
) -> int:
    """Run the app on ``day`` (today when None) until the person quits; the exit status."""
    logbook = Logbook(repo) if now is None else Logbook(repo, now=now)
    app = make_app(logbook, day=day)
    app.run()
    return app.return_code or 0
