"""What ``--json`` prints: the same figures as the text, as numbers for scripts.

The field names are a contract (PRODUCT.md, "Command line"): scripts depend on them.
Add fields freely; never rename or drop one. Every number is finite: a value that
is not (an absurd stored amount) is ``null``, so the output is always standard JSON.
"""

from __future__ import annotations

import math
from typing import Any

from mgtui.domain.entries import Entry, entry_fields
from mgtui.domain.figures import Figure, half_up
from mgtui.domain.medicines import Interaction
from mgtui.domain.summary import DaySummary
from mgtui.domain.verdict import DayVerdict


def number(value: float | None, decimals: int = 1) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return half_up(value, decimals)


def shown(value: Figure | None) -> float | None:
    return None if value is None else number(value.value, value.decimals)


def entry_json(entry: Entry) -> dict[str, Any]:
    """An entry as ``log``, ``add`` and ``take`` print it: its fields, milligrams to 0.1 mg."""
    return entry_fields(entry) | {
        "time": entry.time.strftime("%H:%M"),
        "grams": number(entry.grams, 2),
        "magnesium_mg": number(entry.magnesium_mg),
        "calcium_mg": number(entry.calcium_mg),
        "servings": number(entry.servings, 3),
        "vitamin_d_iu": number(entry.vitamin_d_iu),
    }


def status_json(summary: DaySummary) -> dict[str, Any]:
    figures = summary.figures
    mg, supplement, ca, ratio = (
        figures.magnesium,
        figures.supplement,
        figures.calcium,
        figures.ratio,
    )
    targets = summary.targets
    return {
        "date": summary.date.isoformat(),
        "profile_is_default": targets.is_default,
        "profile_stage": targets.stage,
        "magnesium": {
            "food_mg": shown(mg.food),
            "supplement_mg": shown(mg.supplements),
            "total_mg": shown(mg.total),
            "rda_mg": shown(mg.target),
            "target_kind": targets.intake_label("magnesium"),
            "ear_mg": shown(figures.magnesium_ear),
            "percent_of_rda": shown(mg.percent),
            "remaining_mg": shown(mg.to_go) or 0.0,
            "reached_rda": mg.reached,
        },
        "supplement": {
            "magnesium_mg": shown(supplement.amount),
            "limit_mg": shown(supplement.limit),
            "over_limit": supplement.state == "over",
            "over_by_mg": shown(supplement.over_by) or 0.0,
            "state": supplement.state,
        },
        "calcium": {
            "total_mg": shown(ca.total),
            "rda_mg": shown(ca.target),
            "target_kind": targets.intake_label("calcium"),
            "supplement_mg": shown(ca.supplements),
            "food_mg": shown(ca.food),
            "ul_mg": shown(figures.calcium_ul),
            "over_ul": figures.calcium_over_ul,
            "percent_of_rda": shown(ca.percent),
        },
        "vitamin_d": vitamin_d_json(figures, targets.intake_label("vitamin_d")),
        "ratio": {
            "value": ratio.value,
            "band": list(ratio.band),
            "verdict": ratio.verdict,
            "cause": ratio.cause or None,
        },
        "warnings": [advice.text for advice in summary.warnings],
        "tips": [advice.text for advice in summary.tips],
        "advice": [{"level": a.level, "code": a.code, "text": a.text} for a in summary.advice],
        "entry_count": summary.entry_count,
        "entries_missing_magnesium": summary.entries_missing_magnesium,
        "interactions": [interaction_json(found) for found in summary.interactions],
    }


def interaction_json(found: Interaction) -> dict[str, Any]:
    """A medicine and a supplement taken too close together (PRODUCT.md's fields first)."""
    return {
        "medicine": found.medicine.name,
        "medicine_time": found.medicine.time.strftime("%H:%M"),
        "medicine_date": found.medicine.date.isoformat(),
        "supplement": found.supplement.name,
        "supplement_time": found.supplement.time.strftime("%H:%M"),
        "supplement_date": found.supplement.date.isoformat(),
        "minutes_apart": found.minutes_apart,
        "minutes_needed": found.minutes_needed,
        "medicine_class": found.medicine_class.key,
        "minerals": list(found.minerals),
        "medicine_entry_id": found.medicine.id or None,
        "supplement_entry_id": found.supplement.id or None,
        "question": found.question,
        "text": found.text,
        "source": found.medicine_class.source,
    }


def vitamin_d_json(figures: DayVerdict, target_kind: str) -> dict[str, Any]:
    """The day's vitamin D in IU as shown: its parts add up to the total."""
    vitamin_d = figures.vitamin_d
    return {
        "food_iu": shown(vitamin_d.food),
        "supplement_iu": shown(vitamin_d.supplements),
        "total_iu": shown(vitamin_d.total),
        "rda_iu": shown(vitamin_d.target),
        "target_kind": target_kind,
        "ul_iu": shown(figures.vitamin_d_ul),
        "percent_of_rda": shown(vitamin_d.percent),
        "reached_rda": vitamin_d.reached,
        "over_ul": figures.vitamin_d_over_ul,
        "over_ul_by_iu": shown(figures.vitamin_d_over_ul_by) or 0.0,
    }


def history_row_json(
    figures: DayVerdict, entry_count: int, interaction_count: int = 0
) -> dict[str, Any]:
    mg = figures.magnesium
    return {
        "date": figures.date.isoformat(),
        "magnesium_mg": shown(mg.total),
        "food_magnesium_mg": shown(mg.food),
        "supplement_mg": shown(figures.supplement.amount),
        "calcium_mg": shown(figures.calcium.total),
        "vitamin_d_iu": shown(figures.vitamin_d.total),
        "ratio": figures.ratio.value,
        "ratio_verdict": figures.ratio.verdict,
        "percent_of_rda": shown(mg.percent),
        "over_limit": figures.supplement.state == "over",
        "entry_count": entry_count,
        "interaction_count": interaction_count,
    }
