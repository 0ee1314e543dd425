"""What the scripting commands print: JSON for scripts, a few lines for people.

The JSON field names are a contract (PRODUCT.md, "Command line"): scripts depend
on them. Add fields freely; never rename or drop one.
"""

from __future__ import annotations

import os
import sys
import textwrap
from collections.abc import Sequence
from typing import Any, TextIO

from mgtui.domain.entries import Entry
from mgtui.domain.history import DayTotals
from mgtui.domain.summary import DaySummary, ratio_value, ratio_verdict
from mgtui.domain.targets import Targets
from mgtui.textbars import (
    FOOD_CHAR,
    MARKER_CHAR,
    SUPPLEMENT_CHAR,
    Cell,
    Segment,
    bar_cells,
    percent_label,
    ratio_cells,
    to_go_label,
)

BAR_WIDTH = 30
LABEL_WIDTH = 12

# ANSI colours for the parts of a text bar and for verdicts.
_ANSI = {
    "bar--food": "32",  # green
    "bar--supplement": "36",  # cyan
    "bar--empty": "2",  # dim
    "bar--marker": "1",  # bold
    "bar--track": "2",
    "bar--band": "32;1",
    "ok": "32",
    "near": "33",  # amber
    "over": "31;1",  # red
    "dim": "2",
    "bold": "1",
}


def round_mg(value: float) -> float:
    """Milligrams as shown: one decimal."""
    return round(value, 1)


def wants_colour(stream: TextIO | None = None) -> bool:
    """Colour only for a terminal, and never when NO_COLOR is set (no-color.org)."""
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def can_draw_blocks(stream: TextIO | None = None) -> bool:
    encoding = getattr(stream or sys.stdout, "encoding", None) or ""
    return encoding.lower().replace("-", "") in ("utf8", "utf16", "utf32")


class Painter:
    """Applies ANSI colours when asked to, and plain text otherwise."""

    def __init__(self, colour: bool, blocks: bool = True) -> None:
        self.colour = colour
        self.blocks = blocks

    def paint(self, text: str, part: str) -> str:
        code = _ANSI.get(part)
        if not self.colour or not code:
            return text
        return f"\x1b[{code}m{text}\x1b[0m"

    def cells(self, cells: Sequence[Cell]) -> str:
        ascii_chars = {
            "█": "#",
            "▓": "=",
            "▒": "+",
            "░": ".",
            "┃": "|",
            "─": "-",
            "━": "=",
            "◆": "*",
        }
        out = []
        for char, part in cells:
            shown = char if self.blocks else ascii_chars.get(char, char)
            out.append(self.paint(shown, part))
        return "".join(out)


def entry_json(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "date": entry.date.isoformat(),
        "time": entry.time.strftime("%H:%M"),
        "kind": entry.kind,
        "name": entry.name,
        "food_id": entry.food_id,
        "amount": entry.amount,
        "grams": None if entry.grams is None else round(entry.grams, 2),
        "magnesium_mg": None if entry.magnesium_mg is None else round_mg(entry.magnesium_mg),
        "calcium_mg": None if entry.calcium_mg is None else round_mg(entry.calcium_mg),
        "form": entry.form,
        "product": entry.product,
        "servings": entry.servings,
    }


def status_json(summary: DaySummary) -> dict[str, Any]:
    mg, supplement, ca, ratio = (
        summary.magnesium,
        summary.supplement,
        summary.calcium,
        summary.ratio,
    )
    targets = summary.targets
    return {
        "date": summary.date.isoformat(),
        "profile_is_default": targets.is_default,
        "profile_stage": targets.stage,
        "magnesium": {
            "food_mg": round_mg(mg.food_mg),
            "supplement_mg": round_mg(mg.supplement_mg),
            "total_mg": round_mg(mg.total_mg),
            "rda_mg": mg.rda_mg,
            "ear_mg": mg.ear_mg,
            "percent_of_rda": round(mg.percent_of_rda, 1),
            "remaining_mg": round_mg(mg.remaining_mg),
            "reached_rda": mg.reached_rda,
        },
        "supplement": {
            "magnesium_mg": round_mg(supplement.magnesium_mg),
            "limit_mg": supplement.limit_mg,
            "over_limit": supplement.over_limit,
            "over_by_mg": round_mg(supplement.over_by_mg),
            "state": supplement.state,
        },
        "calcium": {
            "total_mg": round_mg(ca.total_mg),
            "rda_mg": ca.rda_mg,
            "supplement_mg": round_mg(ca.supplement_mg),
            "food_mg": round_mg(ca.food_mg),
            "ul_mg": ca.ul_mg,
        },
        "ratio": {
            "value": None if ratio.value is None else round(ratio.value, 2),
            "band": list(ratio.band),
            "verdict": ratio.verdict,
        },
        "warnings": [advice.text for advice in summary.warnings],
        "tips": [advice.text for advice in summary.tips],
        "advice": [{"level": a.level, "code": a.code, "text": a.text} for a in summary.advice],
        "entry_count": summary.entry_count,
        "entries_missing_magnesium": summary.entries_missing_magnesium,
    }


def history_row_json(totals: DayTotals, targets: Targets) -> dict[str, Any]:
    ratio = ratio_value(totals.calcium_mg, totals.magnesium_mg)
    rda = targets.magnesium_rda_mg
    return {
        "date": totals.date.isoformat(),
        "magnesium_mg": round_mg(totals.magnesium_mg),
        "food_magnesium_mg": round_mg(totals.food_magnesium_mg),
        "supplement_mg": round_mg(totals.supplement_magnesium_mg),
        "calcium_mg": round_mg(totals.calcium_mg),
        "ratio": None if ratio is None else round(ratio, 2),
        "ratio_verdict": ratio_verdict(ratio, targets.ratio_band),
        "percent_of_rda": round(100.0 * totals.magnesium_mg / rda, 1) if rda > 0 else None,
        "over_limit": (
            targets.supplement_limit_mg is not None
            and totals.supplement_magnesium_mg > targets.supplement_limit_mg
        ),
        "entry_count": totals.entry_count,
    }


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=max(40, width), subsequent_indent="  ")


def _line(painter: Painter, label: str, cells: Sequence[Cell], value: str) -> str:
    return f"{painter.paint(f'{label:<{LABEL_WIDTH}}', 'bold')}{painter.cells(cells)}  {value}"


def status_text(summary: DaySummary, painter: Painter, width: int = 80) -> str:
    """The day in a few lines: bars, figures, verdicts, warnings and tips."""
    mg, supplement, ca, ratio = (
        summary.magnesium,
        summary.supplement,
        summary.calcium,
        summary.ratio,
    )
    targets = summary.targets
    lines: list[str] = []
    profile = f"profile: {targets.stage}"
    if targets.is_default:
        profile += " (a default: set yours with 'mgtui profile')"
    lines.append(f"{summary.date:%A %d %B %Y}  ·  {profile}")

    markers = [] if mg.ear_mg is None else [(mg.ear_mg, "bar--marker")]
    cells = bar_cells(
        BAR_WIDTH,
        max(mg.rda_mg, mg.total_mg),
        [
            Segment(mg.food_mg, "bar--food", FOOD_CHAR),
            Segment(mg.supplement_mg, "bar--supplement", SUPPLEMENT_CHAR),
        ],
        markers,
    )
    verdict = (
        painter.paint("target reached", "ok") if mg.reached_rda else to_go_label(mg.remaining_mg)
    )
    ear = (
        ""
        if mg.ear_mg is None
        else f", {MARKER_CHAR if painter.blocks else '|'} EAR {mg.ear_mg:.0f}"
    )
    lines.append(
        _line(
            painter,
            "Magnesium",
            cells,
            f"{mg.total_mg:.0f} / {mg.rda_mg:.0f} mg "
            f"({percent_label(mg.total_mg, mg.rda_mg)})  {verdict}",
        )
    )
    lines.append(
        " " * LABEL_WIDTH
        + painter.paint(
            f"food {mg.food_mg:.0f} mg + supplements {mg.supplement_mg:.0f} mg{ear}", "dim"
        )
    )

    if supplement.limit_mg is None:
        label = painter.paint(f"{'Supplements':<{LABEL_WIDTH}}", "bold")
        lines.append(f"{label}{supplement.magnesium_mg:.0f} mg (no upper limit set for this age)")
    else:
        state_part = {"calm": "ok", "near": "near", "over": "over"}[supplement.state]
        cells = bar_cells(
            BAR_WIDTH,
            max(supplement.limit_mg, supplement.magnesium_mg),
            [Segment(supplement.magnesium_mg, state_part, SUPPLEMENT_CHAR)],
            [(supplement.limit_mg, "bar--marker")] if supplement.over_limit else [],
        )
        if supplement.state == "over":
            state = painter.paint(f"OVER by {supplement.over_by_mg:.0f} mg", "over")
        elif supplement.state == "near":
            state = painter.paint("near the limit", "near")
        else:
            state = painter.paint("under the limit", "ok")
        value = f"{supplement.magnesium_mg:.0f} / {supplement.limit_mg:.0f} mg limit  {state}"
        lines.append(_line(painter, "Supplements", cells, value))

    cells = bar_cells(
        BAR_WIDTH,
        max(ca.rda_mg, ca.total_mg),
        [
            Segment(ca.food_mg, "bar--food", FOOD_CHAR),
            Segment(ca.supplement_mg, "bar--supplement", SUPPLEMENT_CHAR),
        ],
    )
    lines.append(
        _line(
            painter,
            "Calcium",
            cells,
            f"{ca.total_mg:.0f} / {ca.rda_mg:.0f} mg ({percent_label(ca.total_mg, ca.rda_mg)})"
            f"  supplements {ca.supplement_mg:.0f} mg",
        )
    )

    low, high = ratio.band
    if ratio.value is None:
        value = f"n/a (no magnesium logged)  band {low:g}–{high:g}"
    else:
        part = "ok" if ratio.verdict == "in band" else "near"
        value = (
            f"{ratio.value:.2f} : 1  {painter.paint(ratio.verdict, part)}  band {low:g}–{high:g}"
        )
    lines.append(_line(painter, "Ca:Mg", ratio_cells(BAR_WIDTH, ratio.value, ratio.band), value))

    if summary.entries_missing_magnesium:
        lines.append(
            painter.paint(
                f"{summary.entries_missing_magnesium} item(s) have no magnesium value in USDA's "
                "table: the total may be low.",
                "dim",
            )
        )
    for advice in summary.warnings:
        lines.extend(painter.paint(line, "over") for line in _wrap(f"! {advice.text}", width))
    for advice in summary.tips:
        lines.extend(_wrap(f"Tip: {advice.text}", width))
    if summary.entry_count == 0:
        lines.append(
            painter.paint("Nothing logged yet: try 'mgtui add \"pumpkin seeds\" 1oz'.", "dim")
        )
    return "\n".join(lines)
