"""``mgtui`` with no command: open the app (on ``--date`` D)."""

from __future__ import annotations

import argparse
import gc
from collections.abc import Callable

from mgtui.cli import common


def run(args: argparse.Namespace) -> int:
    day = common.today() if args.app_date is None else common.parse_date(args.app_date)
    with common.opened_repository(args) as repo:
        run_app = load_app()
        # The app keeps the CLI's clock, so MGTUI_NOW freezes it too (demos, screenshots).
        status: int = run_app(repo, day, now=common.now)
        return status


def load_app() -> Callable[..., int]:
    """The app's entry point, with Textual and the app's modules loaded.

    Imported here, and only here: Textual takes longer to load than any scripting
    command takes to run. Those modules are objects that live until the command ends,
    yet while they load, the collector's young collections walked them again and again
    (gc.callbacks, ten-year start: ~25 ms of the ~45 ms of collection before the first
    paint, for ~500 objects freed). So the collector waits until they are loaded, then
    leaves them alone, as it does the log (``opened_repository`` hands everything back
    when the command ends). The app's own start runs with the collector on: it frees
    ~2,500 objects before the first paint, which the peak memory would otherwise keep.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        from mgtui.tui.launch import run_app

        gc.freeze()
    finally:
        if was_enabled:
            gc.enable()
    return run_app
