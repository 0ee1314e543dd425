"""A day's numbers from its entries: the three daily questions and their advice.

1. Did I reach my magnesium target (food plus supplements)?
2. Did my supplements stay under the supplemental limit?
3. Is my calcium-to-magnesium ratio in the band?

Amounts stay unrounded floats in mg; rounding happens only where a number is shown.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from mgtui.domain import reference as ref
from mgtui.domain.entries import Entry
from mgtui.domain.history import day_totals
from mgtui.domain.targets import Targets

LimitState = Literal["calm", "near", "over"]
RatioVerdict = Literal["low", "in band", "high", "n/a"]
AdviceLevel = Literal["warning", "tip"]


@dataclass(frozen=True, slots=True)
class Advice:
    level: AdviceLevel
    code: str  # stable identifier for scripts and tests: "over-limit", "timing", ...
    text: str


@dataclass(frozen=True, slots=True)
class MagnesiumTotals:
    food_mg: float
    supplement_mg: float
    rda_mg: float
    ear_mg: float | None

    @property
    def total_mg(self) -> float:
        return self.food_mg + self.supplement_mg

    @property
    def percent_of_rda(self) -> float:
        return 100.0 * self.total_mg / self.rda_mg if self.rda_mg > 0 else 0.0

    @property
    def remaining_mg(self) -> float:
        """How much is still missing to reach the RDA (0 once it is reached)."""
        return max(0.0, self.rda_mg - self.total_mg)

    @property
    def reached_rda(self) -> bool:
        return self.total_mg >= self.rda_mg

    @property
    def reached_ear(self) -> bool | None:
        return None if self.ear_mg is None else self.total_mg >= self.ear_mg


@dataclass(frozen=True, slots=True)
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

    @property
    def over_by_mg(self) -> float:
        if self.limit_mg is None:
            return 0.0
        return max(0.0, self.magnesium_mg - self.limit_mg)

    @property
    def percent_of_limit(self) -> float | None:
        if self.limit_mg is None or self.limit_mg <= 0:
            return None
        return 100.0 * self.magnesium_mg / self.limit_mg


@dataclass(frozen=True, slots=True)
class CalciumTotals:
    food_mg: float
    supplement_mg: float
    rda_mg: float
    ul_mg: float

    @property
    def total_mg(self) -> float:
        return self.food_mg + self.supplement_mg

    @property
    def percent_of_rda(self) -> float:
        return 100.0 * self.total_mg / self.rda_mg if self.rda_mg > 0 else 0.0

    @property
    def over_ul(self) -> bool:
        return self.total_mg > self.ul_mg


@dataclass(frozen=True, slots=True)
class Ratio:
    value: float | None  # Ca mg / Mg mg of the day's total intake; None with no magnesium
    band: tuple[float, float]

    @property
    def verdict(self) -> RatioVerdict:
        return ratio_verdict(self.value, self.band)


@dataclass(frozen=True, slots=True)
class DaySummary:
    date: dt.date
    targets: Targets
    magnesium: MagnesiumTotals
    supplement: SupplementLimit
    calcium: CalciumTotals
    ratio: Ratio
    advice: tuple[Advice, ...]
    entry_count: int
    entries_missing_magnesium: int

    @property
    def warnings(self) -> tuple[Advice, ...]:
        return tuple(a for a in self.advice if a.level == "warning")

    @property
    def tips(self) -> tuple[Advice, ...]:
        return tuple(a for a in self.advice if a.level == "tip")


def limit_state(supplement_mg: float, limit_mg: float | None) -> LimitState:
    """Calm below 80% of the limit, near from 80% up to the limit, over past it."""
    if limit_mg is None:
        return "calm"
    if supplement_mg > limit_mg:
        return "over"
    if supplement_mg >= ref.NEAR_LIMIT_FRACTION * limit_mg:
        return "near"
    return "calm"


def ratio_value(calcium_mg: float, magnesium_mg: float) -> float | None:
    if magnesium_mg <= 0:
        return None
    ratio = calcium_mg / magnesium_mg
    # A vanishingly small magnesium total (1e-313 mg) overflows the quotient to
    # infinity; it is as good as none logged, so the ratio is n/a, never infinite.
    return ratio if math.isfinite(ratio) else None


# The ratio is shown with two decimals; its verdict is for the number shown, so a
# 3.2004 that reads "3.20" is never called "high" against a band that ends at 3.2.
RATIO_DECIMALS = 2


def ratio_verdict(value: float | None, band: tuple[float, float]) -> RatioVerdict:
    """Band edges count as in band."""
    if value is None:
        return "n/a"
    low, high = band
    shown = round(value, RATIO_DECIMALS)
    if shown < low:
        return "low"
    if shown > high:
        return "high"
    return "in band"


def _supplement_advice(entries: Sequence[Entry], supplement: SupplementLimit) -> list[Advice]:
    advice: list[Advice] = []
    if supplement.over_limit and supplement.limit_mg is not None:
        advice.append(
            Advice(
                "warning",
                "over-limit",
                f"Supplemental magnesium is {supplement.magnesium_mg:.0f} mg, over the "
                f"{supplement.limit_mg:.0f} mg/day limit by {supplement.over_by_mg:.0f} mg. "
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


def summarize_day(day: dt.date, entries: Iterable[Entry], targets: Targets) -> DaySummary:
    """The day's totals, limit state, ratio and advice from its entries."""
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
    ratio = Ratio(ratio_value(calcium.total_mg, magnesium.total_mg), targets.ratio_band)

    advice = _supplement_advice(day_entries, supplement)
    if calcium.over_ul:
        advice.append(
            Advice(
                "warning",
                "calcium-over-ul",
                f"Calcium is {calcium.total_mg:.0f} mg, above the {calcium.ul_mg:.0f} mg/day "
                "upper limit; ask your clinician whether your supplements fit.",
            )
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
                f"A single calcium supplement of {largest:.0f} mg: calcium absorbs best in "
                f"doses of {ref.CALCIUM_SINGLE_DOSE_MG:.0f} mg or less, so splitting it may help.",
            )
        )

    return DaySummary(
        date=day,
        targets=targets,
        magnesium=magnesium,
        supplement=supplement,
        calcium=calcium,
        ratio=ratio,
        advice=tuple(advice),
        entry_count=totals.entry_count,
        entries_missing_magnesium=totals.entries_missing_magnesium,
    )
