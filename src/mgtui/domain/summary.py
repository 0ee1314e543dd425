"""A day's numbers from its entries: the three daily questions and their advice.

1. Did I reach my magnesium target (food plus supplements)?
2. Did my supplements stay under the supplemental limit?
3. Is my calcium-to-magnesium ratio in the band?

Amounts stay unrounded floats in mg; rounding happens only where a number is shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Literal

from mgtui.domain import reference as ref
from mgtui.domain.entries import Entry
from mgtui.domain.figures import Figure, Threshold, figure
from mgtui.domain.history import day_totals
from mgtui.domain.medicines import Interaction, find_interactions, food_too_soon
from mgtui.domain.targets import Targets
from mgtui.domain.verdict import DayVerdict, LimitState, RatioFigures, day_verdict, limit_state
from mgtui.frozen import frozen

AdviceLevel = Literal["warning", "tip"]


@frozen
class Advice:
    level: AdviceLevel
    code: str  # stable identifier for scripts and tests: "over-limit", "timing", ...
    text: str
    # One line for a narrow screen, where the text runs long ("" where it does not).
    short: str = ""


@frozen
class MagnesiumTotals:
    food_mg: float
    supplement_mg: float
    rda_mg: float
    ear_mg: float | None

    @property
    def total_mg(self) -> float:
        return self.food_mg + self.supplement_mg


@frozen
class SupplementLimit:
    magnesium_mg: float
    limit_mg: float | None
    warn_at_any_dose: bool  # kidney disease: any supplement deserves a word with the doctor

    @property
    def state(self) -> LimitState:
        return limit_state(self.magnesium_mg, self.limit_mg)

    @property
    def over_limit(self) -> bool:
        return self.state == "over"


@frozen
class CalciumTotals:
    food_mg: float
    supplement_mg: float
    rda_mg: float
    ul_mg: float

    @property
    def total_mg(self) -> float:
        return self.food_mg + self.supplement_mg


@frozen
class DaySummary:
    date: dt.date
    targets: Targets
    magnesium: MagnesiumTotals
    supplement: SupplementLimit
    calcium: CalciumTotals
    figures: DayVerdict  # the day as every front end shows it
    advice: tuple[Advice, ...]
    entry_count: int
    entries_missing_magnesium: int
    # Medicines and supplements taken too close together, each also a warning.
    interactions: tuple[Interaction, ...] = ()

    @property
    def ratio(self) -> RatioFigures:
        return self.figures.ratio

    @property
    def warnings(self) -> tuple[Advice, ...]:
        return tuple(a for a in self.advice if a.level == "warning")

    @property
    def tips(self) -> tuple[Advice, ...]:
        return tuple(a for a in self.advice if a.level == "tip")


def over_limit_text(figures: DayVerdict) -> str:
    """ "Supplemental magnesium is 400 mg, over the 350 mg/day limit by 50 mg." """
    shown = figures.supplement
    assert shown.limit is not None and shown.over_by is not None
    return (
        f"Supplemental magnesium is {shown.amount.text} mg, over the {shown.limit.text} mg/day "
        f"limit by {shown.over_by.text} mg."
    )


def _supplement_advice(
    entries: Sequence[Entry], supplement: SupplementLimit, figures: DayVerdict
) -> list[Advice]:
    advice: list[Advice] = []
    if supplement.over_limit:
        advice.append(
            Advice(
                "warning",
                "over-limit",
                f"{over_limit_text(figures)} "
                "Diarrhea and stomach upset are the first signs: consider a lower dose or "
                "taking it with food, and ask your clinician.",
            )
        )
    if supplement.warn_at_any_dose and any(e.is_supplement for e in entries):
        advice.append(
            Advice(
                "warning",
                "kidney-disease",
                "Your profile notes kidney disease: supplements, magnesium above all, "
                "need your doctor's advice at any dose.",
            )
        )
    return advice


def _timing_tip(supplements: Sequence[Entry]) -> Advice | None:
    """A tip when separate calcium and magnesium supplements are taken within 2 hours."""
    magnesium = [e for e in supplements if e.magnesium_or_zero > 0]
    calcium = [e for e in supplements if e.calcium_or_zero > 0]
    for mg_entry in magnesium:
        for ca_entry in calcium:
            if ca_entry.id == mg_entry.id:
                continue
            gap = abs(mg_entry.minutes_of_day - ca_entry.minutes_of_day)
            if gap <= ref.SUPPLEMENT_SPACING_MINUTES:
                return Advice(
                    "tip",
                    "timing",
                    f"Calcium ({ca_entry.time:%H:%M}) and magnesium ({mg_entry.time:%H:%M}) "
                    "supplements were taken within 2 hours of each other. Taking them at "
                    "different times of day is often advised (evidence is mixed); ask your "
                    "clinician.",
                )
    return None


def single_dose_figure(calcium_mg: float) -> Figure:
    """A calcium dose as shown beside the 500 mg a dose absorbs best in: 500.4 is not 500."""
    return figure(calcium_mg, [Threshold(ref.CALCIUM_SINGLE_DOSE_MG, strict=True)])


def summarize_day(
    day: dt.date, entries: Iterable[Entry], targets: Targets, day_before: Iterable[Entry] = ()
) -> DaySummary:
    """The day's totals, limit state, ratio and advice from its entries; with the day
    before's (late) entries, a medicine and a supplement too close across midnight too."""
    day_entries = list(entries)
    supplements = [e for e in day_entries if e.is_supplement]
    totals = day_totals(day, day_entries)

    magnesium = MagnesiumTotals(
        food_mg=totals.food_magnesium_mg,
        supplement_mg=totals.supplement_magnesium_mg,
        rda_mg=targets.magnesium_rda_mg,
        ear_mg=targets.magnesium_ear_mg,
    )
    supplement = SupplementLimit(
        magnesium_mg=magnesium.supplement_mg,
        limit_mg=targets.supplement_limit_mg,
        warn_at_any_dose=targets.kidney_disease,
    )
    calcium = CalciumTotals(
        food_mg=totals.food_calcium_mg,
        supplement_mg=totals.supplement_calcium_mg,
        rda_mg=targets.calcium_rda_mg,
        ul_mg=targets.calcium_ul_mg,
    )
    figures = day_verdict(totals, targets)

    advice = _supplement_advice(day_entries, supplement, figures)
    if figures.calcium_over_ul:
        advice.append(
            Advice(
                "warning",
                "calcium-over-ul",
                f"Calcium is {figures.calcium.total.text} mg, above the "
                f"{figures.calcium_ul.text} mg/day upper limit; ask your clinician whether "
                "your supplements fit.",
            )
        )
    if figures.vitamin_d_over_ul:
        advice.append(
            Advice(
                "warning",
                "vitamin-d-over-ul",
                f"Vitamin D is {figures.vitamin_d.total.text} IU, above the "
                f"{figures.vitamin_d_ul.text} IU/day upper limit; ask your clinician whether "
                "your supplements fit.",
            )
        )
    interactions = find_interactions(day_entries, day_before)
    advice.extend(
        Advice("warning", "medicine-timing", found.text, found.question) for found in interactions
    )
    advice.extend(
        Advice("warning", "medicine-food", text, short)
        for text, short in food_too_soon(day_entries)
    )
    timing = _timing_tip(supplements)
    if timing is not None:
        advice.append(timing)
    big_calcium = [e for e in supplements if e.calcium_or_zero > ref.CALCIUM_SINGLE_DOSE_MG]
    if big_calcium:
        largest = max(e.calcium_or_zero for e in big_calcium)
        advice.append(
            Advice(
                "tip",
                "calcium-dose",
                f"A single calcium supplement of {single_dose_figure(largest).text} mg: calcium "
                f"absorbs best in doses of {ref.CALCIUM_SINGLE_DOSE_MG:.0f} mg or less, so "
                "splitting it may help.",
            )
        )

    return DaySummary(
        date=day,
        targets=targets,
        magnesium=magnesium,
        supplement=supplement,
        calcium=calcium,
        figures=figures,
        advice=tuple(advice),
        entry_count=totals.entry_count,
        entries_missing_magnesium=totals.entries_missing_magnesium,
        interactions=interactions,
    )
