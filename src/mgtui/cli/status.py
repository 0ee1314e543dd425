"""The day and the days: ``status`` and ``history``."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, Any

from mgtui.cli import common, tables
from mgtui.cli.errors import UsageError

if TYPE_CHECKING:
    from mgtui.domain.history import DayTotals
    from mgtui.domain.targets import Targets

MAX_DAYS = 36_600  # a hundred years: more is a typo
HISTORY_BAR_WIDTH = 10


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    status = subparsers.add_parser(
        "status",
        help="the day's totals, bars, verdicts and warnings",
        description=(
            "Magnesium against your target (food and supplements), supplemental "
            "magnesium against the limit, calcium, and the Ca:Mg ratio against its band. "
            "Colour when the output is a terminal, unless NO_COLOR is set."
        ),
        epilog="examples:\n  mgtui status\n  mgtui status --date 2026-11-21 --json\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    common.add_date_option(status)
    common.add_json_option(status)
    status.set_defaults(handler=run_status)

    history = subparsers.add_parser(
        "history",
        help="one row a logged day, newest first",
        description=(
            "One row a day with entries, newest first: magnesium and its share of your "
            "target, supplements, calcium and the Ca:Mg ratio. Percentages use the "
            "profile as it is now."
        ),
        epilog="examples:\n  mgtui history --days 7\n  mgtui history --json\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    history.add_argument(
        "--days", type=int, metavar="N", help="only the last N days, ending today (default all)"
    )
    common.add_json_option(history)
    history.set_defaults(handler=run_history)


def run_status(args: argparse.Namespace) -> int:
    from mgtui.cli import render
    from mgtui.domain.summary import summarize_day
    from mgtui.domain.targets import resolve_targets

    day = common.day_of(args)
    with common.opened_repository(args) as repo:
        summary = summarize_day(day, repo.entries_on(day), resolve_targets(repo.profile()))
    if args.json:
        common.print_json(render.status_json(summary))
        return 0
    painter = render.Painter(render.wants_colour(), render.can_draw_blocks())
    print(render.status_text(summary, painter, tables.terminal_width()))
    return 0


def run_history(args: argparse.Namespace) -> int:
    from mgtui.cli import render
    from mgtui.domain.targets import resolve_targets

    if args.days is not None and not 1 <= args.days <= MAX_DAYS:
        raise UsageError(f"history: --days must be 1 to {MAX_DAYS}, not {args.days}")
    with common.opened_repository(args) as repo:
        targets = resolve_targets(repo.profile())
        days = repo.day_totals(newest_first=True)
    if args.days is not None:
        today = common.today()
        first = today - dt.timedelta(days=args.days - 1)
        days = [totals for totals in days if first <= totals.date <= today]
    if args.json:
        common.print_json([render.history_row_json(totals, targets) for totals in days])
        return 0
    if not days:
        print("nothing logged" + ("" if args.days is None else f" in the last {args.days} days"))
        return 0
    print(history_table(days, targets))
    return 0


def history_table(days: list[DayTotals], targets: Targets) -> str:
    from mgtui.cli import render
    from mgtui.textbars import FOOD_CHAR, SUPPLEMENT_CHAR, Segment, bar_cells, percent_label

    painter = render.Painter(render.wants_colour(), render.can_draw_blocks())
    rda = targets.magnesium_rda_mg
    limit = targets.supplement_limit_mg
    low, high = targets.ratio_band
    columns = [
        tables.Column("DATE"),
        tables.Column("MAGNESIUM", numeric=True),
        tables.Column("%RDA", numeric=True),
        tables.Column("BAR"),
        tables.Column("SUPPLEMENTS", numeric=True),
        tables.Column("CALCIUM", numeric=True),
        tables.Column("CA:MG", numeric=True),
        tables.Column("RATIO"),
    ]
    rows = []
    for totals in days:
        row = render.history_row_json(totals, targets)
        cells = bar_cells(
            HISTORY_BAR_WIDTH,
            max(rda, totals.magnesium_mg),
            [
                Segment(totals.food_magnesium_mg, "bar--food", FOOD_CHAR),
                Segment(totals.supplement_magnesium_mg, "bar--supplement", SUPPLEMENT_CHAR),
            ],
        )
        supplements = f"{totals.supplement_magnesium_mg:.0f} mg"
        if row["over_limit"]:
            supplements = "OVER " + supplements
        rows.append(
            [
                totals.date.isoformat(),
                f"{totals.magnesium_mg:.0f} mg",
                percent_label(totals.magnesium_mg, targets.magnesium_rda_mg),
                # Uncoloured here: escape codes would count as width in the table.
                render.Painter(False, painter.blocks).cells(cells),
                supplements,
                f"{totals.calcium_mg:.0f} mg",
                "n/a" if row["ratio"] is None else f"{row['ratio']:.2f}",
                row["ratio_verdict"],
            ]
        )
    table = tables.render(columns, rows)
    limit_text = "no limit set" if limit is None else f"limit {limit:.0f} mg"
    footer = (
        f"target {rda:.0f} mg magnesium ({targets.stage}), supplements {limit_text}, "
        f"Ca:Mg band {low:g}–{high:g}"
    )
    return f"{table}\n{painter.paint(footer, 'dim')}"
