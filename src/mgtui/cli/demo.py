"""``mgtui demo``: the app on a realistic 90-day history, never on one's own data."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from mgtui.cli import common
from mgtui.cli.errors import UsageError


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    demo = subparsers.add_parser(
        "demo",
        help="try the app on a realistic 90-day history (your own log is not touched)",
        description=(
            "Fills a temporary folder with 90 days of everyday foods, a magnesium "
            "supplement most days (a few days over the limit), calcium some days and a "
            "few unlogged days, then opens the app on it. The folder is removed when the "
            "app closes. With the global --data-dir, an empty folder of your choice is "
            "filled instead, and kept."
        ),
        epilog=(
            "examples:\n  mgtui demo\n  mgtui --data-dir /tmp/mgtui-demo demo --no-open\n"
            "  MGTUI_DATA_DIR=/tmp/mgtui-demo mgtui status\n"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    demo.add_argument(
        "--no-open", action="store_true", help="only fill the folder; do not open the app"
    )
    demo.set_defaults(handler=run_demo, long_running=True)  # it opens the app


def run_demo(args: argparse.Namespace) -> int:
    from mgtui.logbook.demo import DEMO_DAYS, fill_demo

    temporary = args.data_dir is None
    if temporary:
        folder = Path(tempfile.mkdtemp(prefix="mgtui-demo-"))
        args.data_dir = str(folder)
    else:
        folder = Path(args.data_dir).expanduser()
        if folder.exists() and any(folder.iterdir()):
            raise UsageError(
                f"--data-dir: {folder} is not empty; the demo only fills an empty folder, "
                "so it can never mix with a real log"
            )
    if temporary and args.no_open:
        shutil.rmtree(folder, ignore_errors=True)
        raise UsageError("--no-open needs --data-dir: a temporary demo would vanish at once")
    try:
        with common.opened_repository(args) as repo:
            count = fill_demo(repo, common.today(), DEMO_DAYS)
            print(f"demo: {count} entries over {DEMO_DAYS} days in {folder}", file=sys.stderr)
            if args.no_open:
                return 0
            from mgtui.tui.launch import run_app

            status: int = run_app(repo, None, now=common.now)
            return status
    finally:
        if temporary:
            shutil.rmtree(folder, ignore_errors=True)
