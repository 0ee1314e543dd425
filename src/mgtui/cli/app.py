"""``mgtui`` with no command: open the app (on ``--date`` D)."""

from __future__ import annotations

import argparse

from mgtui.cli import common
from mgtui.cli.errors import CliError


def run(args: argparse.Namespace) -> int:
    day = common.today() if args.app_date is None else common.parse_date(args.app_date)
    with common.opened_repository(args) as repo:
        # Imported here, and only here: Textual takes longer to load than any
        # scripting command takes to run. (The ignore is for a build without the app.)
        try:
            from mgtui.tui.launch import run_app  # type: ignore[import-not-found, import-untyped, unused-ignore]
        except ModuleNotFoundError as error:
            if error.name != "mgtui.tui.launch":
                raise  # a missing dependency of the app (Textual) is a real failure
            raise CliError(
                "this build of mgtui has no app yet; the commands work (see 'mgtui --help')"
            ) from None
        status: int = run_app(repo, day)
        return status
