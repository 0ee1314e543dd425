"""The day and the days: ``status`` and ``history``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from mgtui.cli import common, tables
from mgtui.cli.errors import UsageError

if TYPE_CHECKING:
    from mgtui.domain.targets import Targets
    from mgtui.logbook.session import DayRow

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
    from mgtui.present.json import status_json

    day = common.day_of(args)
    with common.opened_logbook(args) as logbook:
        summary = logbook.day(day)
    if args.json:
        common.print_json(status_json(summary))
        return 0
    painter = render.Painter(render.wants_colour(), render.can_draw_blocks())
    print(render.status_text(summary, painter, tables.terminal_width()))
    return 0


def run_history(args: argparse.Namespace) -> int:
    from mgtui.present.json import history_row_json

    if args.days is not None and not 1 <= args.days <= MAX_DAYS:
        raise UsageError(f"history: --days must be 1 to {MAX_DAYS}, not {args.days}")
    with common.opened_logbook(args) as logbook:
        targets = logbook.targets()
        days = logbook.history(args.days)
    if args.json:
        common.print_json(
            [
                history_row_json(day.figures, day.totals.entry_count, day.interaction_count)
                for day in days
            ]
        )
        return 0
    if not days:
        print("nothing logged" + ("" if args.days is None else f" in the last {args.days} days"))
        return 0
    print(history_table(days, targets))
    return 0


def history_table(days: list[DayRow], targets: Targets) -> str:
    from mgtui.cli import render
    from mgtui.domain.figures import figure
    from mgtui.present.bars import FOOD_CHAR, SUPPLEMENT_CHAR, Segment, bar_cells
    from mgtui.present.history import INTERACTION_MARKER_NOTE, interactions_text, percent_text
    from mgtui.present.text import band_text

    painter = render.Painter(render.wants_colour(), render.can_draw_blocks())
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
    # Only a log with medicines too close to a supplement gets the column.
    timing = any(day.interaction_count for day in days)
    if timing:
        columns.append(tables.Column("RX"))
    rows = []
    for day in days:
        totals, figures = day.totals, day.figures
        cells = bar_cells(
            HISTORY_BAR_WIDTH,
            max(figures.magnesium.target.value, totals.magnesium_mg),
            [
                Segment(totals.food_magnesium_mg, "bar--food", FOOD_CHAR),
                Segment(totals.supplement_magnesium_mg, "bar--supplement", SUPPLEMENT_CHAR),
            ],
        )
        supplements = f"{figures.supplement.amount.text} mg"
        if figures.supplement.state == "over":
            supplements = "OVER " + supplements
        rows.append(
            [
                totals.date.isoformat(),
                f"{figures.magnesium.total.text} mg",
                percent_text(figures),
                # Uncoloured here: escape codes would count as width in the table.
                render.Painter(False, painter.blocks).cells(cells),
                supplements,
                f"{figures.calcium.total.text} mg",
                figures.ratio.text,
                figures.ratio.verdict,
                *([interactions_text(day.interaction_count)] if timing else []),
            ]
        )
    table = tables.render(columns, rows)
    limit = targets.supplement_limit_mg
    limit_text = "no limit set" if limit is None else f"limit {figure(limit).text} mg"
    footer = (
        f"target {figure(targets.magnesium_rda_mg).text} mg magnesium "
        f"({targets.intake_label('magnesium')}, {targets.stage}), supplements {limit_text}, "
        f"Ca:Mg band {band_text(targets.ratio_band)}"
    )
    if timing:
        footer += f"\n{INTERACTION_MARKER_NOTE}"
    return f"{table}\n{painter.paint(footer, 'dim')}"
