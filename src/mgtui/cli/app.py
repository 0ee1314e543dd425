"""``mgtui`` with no command: open the app (on ``--date`` D)."""

from __future__ import annotations

import argparse

from mgtui.cli import common


def run(args: argparse.Namespace) -> int:
    day = common.today() if args.app_date is None else common.parse_date(args.app_date)
    with common.opened_repository(args) as repo:
        # Imported here, and only here: Textual takes longer to load than any
        # scripting command takes to run.
        from mgtui.tui.launch import run_app

        # The app keeps the CLI's clock, so MGTUI_NOW freezes it too (demos, screenshots).
        status: int = run_app(repo, day, now=common.now)
        return status
