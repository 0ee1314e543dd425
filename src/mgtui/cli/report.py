"""``mgtui report``: the Markdown report for a clinician."""

from __future__ import annotations

import argparse
from typing import Any

from mgtui.cli import common
from mgtui.cli.errors import UsageError

MAX_REPORT_DAYS = 36_600  # a hundred years: more is a typo


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    report = subparsers.add_parser(
        "report",
        help="a Markdown bone-health report for a clinician",
        description=(
            "Profile and targets, the window and how many of its days were logged, "
            "average magnesium (total and from supplements) against the RDA and EAR, days "
            "at target, over the supplement limit and in the Ca:Mg band, top food sources, "
            "the supplements taken with their forms, warnings, and where every reference "
            "value comes from. Averages count logged days only."
        ),
        epilog=("examples:\n  mgtui report\n  mgtui report --days 90 > magnesium-report.md\n"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    report.add_argument(
        "--days", type=int, default=30, metavar="N", help="the last N days, ending today (30)"
    )
    report.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace) -> int:
    days: int = args.days
    if not 1 <= days <= MAX_REPORT_DAYS:
        raise UsageError(f"--days must be between 1 and {MAX_REPORT_DAYS}, not {days}")
    with common.opened_logbook(args) as logbook:
        text = logbook.report(days)
    print(text, end="")
    return 0
