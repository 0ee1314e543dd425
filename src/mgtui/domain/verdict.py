"""One verdict a day: the figures a person reads and the judgements beside them.

Today's bars, ``mgtui status``, History, ``mgtui history``, Insights and the report
all take a day's figures from ``day_verdict``, so the same day reads the same
everywhere. Each judgement (the RDA reached, the supplement limit near or passed,
the ratio in its band, calcium or vitamin D over its upper limit) is made on the exact amounts,
and every figure is rounded so that it agrees with it (``domain.figures``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

from mgtui.domain import reference as ref
from mgtui.domain.figures import Figure, Threshold, figure, half_up, percent
from mgtui.domain.history import DayTotals
from mgtui.domain.targets import Targets
from mgtui.frozen import frozen

LimitState = Literal["calm", "near", "over"]
RatioVerdict = Literal["low", "in band", "high", "n/a"]

# The ratio is shown with two decimals, and judged as shown.
RATIO_DECIMALS = 2


@frozen
class AmountFigures:
    """A day's total of one mineral against its target, and its two parts."""

    total: Figure
    food: Figure
    supplements: Figure
    target: Figure
    percent: Figure | None  # of the target; None where the target is 0
    reached: bool
    to_go: Figure | None  # what is missing to the target; None once it is reached


@frozen
class SupplementFigures:
    """Supplemental magnesium against its upper limit."""

    amount: Figure
    limit: Figure | None  # None where no limit is set (infants)
    state: LimitState
    over_by: Figure | None  # never 0: under 1 mg it shows the decimal
    left: Figure | None  # under the limit; None when over it or with no limit
    warn_at_any_dose: bool  # kidney disease: any supplement deserves a word with the doctor


@frozen
class RatioFigures:
    value: float | None  # shown calcium / shown magnesium to two decimals; None: n/a
    band: tuple[float, float]
    verdict: RatioVerdict
    cause: str  # what the verdict means, in words; "" when in band or n/a

    @property
    def text(self) -> str:
        return "n/a" if self.value is None else f"{self.value:.{RATIO_DECIMALS}f}"


@frozen
class DayVerdict:
    date: dt.date
    magnesium: AmountFigures
    magnesium_ear: Figure | None
    reached_ear: bool | None
    magnesium_is_adequate_intake: bool
    supplement: SupplementFigures
    calcium: AmountFigures
    calcium_ul: Figure
    calcium_over_ul: bool
    calcium_over_ul_by: Figure | None
    ratio: RatioFigures
    vitamin_d: AmountFigures  # IU, against the RDA (an AI for infants)
    vitamin_d_ul: Figure
    vitamin_d_over_ul: bool
    vitamin_d_over_ul_by: Figure | None  # never 0: under 1 IU it shows the decimal


def limit_state(supplement_mg: float, limit_mg: float | None) -> LimitState:
    """Calm below 80% of the limit, near from 80% up to the limit, over past it."""
    if limit_mg is None:
        return "calm"
    if supplement_mg > limit_mg:
        return "over"
    if supplement_mg >= ref.NEAR_LIMIT_FRACTION * limit_mg:
        return "near"
    return "calm"


def ratio_verdict(value: float | None, band: tuple[float, float]) -> RatioVerdict:
    """The verdict for a ratio as shown (two decimals); the band's edges count as in band."""
    if value is None:
        return "n/a"
    value = half_up(value, RATIO_DECIMALS)
    low, high = band
    if value < low:
        return "low"
    if value > high:
        return "high"
    return "in band"


def shown_ratio(calcium: Figure, magnesium: Figure) -> float | None:
    """The shown calcium over the shown magnesium, to two decimals; None without magnesium."""
    if magnesium.value <= 0:
        return None
    ratio = calcium.value / magnesium.value
    # A vanishingly small magnesium figure overflows the quotient: as good as none.
    return half_up(ratio, RATIO_DECIMALS) if math.isfinite(ratio) else None


def _ratio_cause(
    verdict: RatioVerdict,
    supplements_over_limit: bool,
    magnesium_share: float,
    calcium_share: float,
) -> str:
    """Which side moves the ratio out of its band: the one further from its own target.

    A low ratio with calcium at 35% of its RDA and magnesium at 66% is low calcium, and
    saying "magnesium is high" there would invite cutting magnesium that is short too.
    The shares are of each mineral's target (RDA or the person's own).
    """
    if verdict == "high":
        if calcium_share - 1 > 1 - magnesium_share:
            return "calcium is high for the magnesium"
        return "magnesium is low for the calcium"
    if verdict == "low":
        if supplements_over_limit:
            return "magnesium is high for the calcium: the supplements are over their limit"
        if 1 - calcium_share > magnesium_share - 1:
            return "calcium is low for the magnesium"
        return "magnesium is high for the calcium"
    return ""


def _amount(
    food_mg: float,
    supplement_mg: float,
    total_lines: Sequence[Threshold],
    supplement_lines: Sequence[Threshold],
) -> tuple[Figure, Figure, Figure]:
    """The total and its two parts at one precision: the supplement part as it is shown
    on its own (against its limit), the food part the difference, so they add up."""
    decimals = 0
    while True:
        supplements = figure(supplement_mg, supplement_lines, decimals=decimals)
        total = figure(food_mg + supplement_mg, total_lines, decimals=supplements.decimals)
        if total.decimals == supplements.decimals:
            break
        decimals = total.decimals
    food = total - supplements
    if food.value < 0:  # only after a last digit was rounded toward a threshold
        food = Figure(0.0, food.decimals)
    return total, food, supplements


def _amount_figures(
    total: Figure, food: Figure, supplements: Figure, target_mg: float, target: Figure
) -> AmountFigures:
    reached = total.value >= target_mg
    return AmountFigures(
        total=total,
        food=food,
        supplements=supplements,
        target=target,
        percent=percent(total.value, target_mg),
        reached=reached,
        to_go=None if reached else target - total,
    )


@frozen
class _Lines:
    """What one set of targets judges every day against, worked out once."""

    magnesium: tuple[Threshold, ...]
    limit: tuple[Threshold, ...]
    calcium: tuple[Threshold, ...]
    rda: Figure
    ear: Figure | None
    limit_figure: Figure | None
    calcium_rda: Figure
    calcium_ul: Figure
    vitamin_d: tuple[Threshold, ...]
    vitamin_d_rda: Figure
    vitamin_d_ul: Figure


@lru_cache(maxsize=16)
def _lines(targets: Targets) -> _Lines:
    rda, ear = targets.magnesium_rda_mg, targets.magnesium_ear_mg
    limit, ul = targets.supplement_limit_mg, targets.calcium_ul_mg
    return _Lines(
        magnesium=(Threshold(rda),) + (() if ear is None else (Threshold(ear),)),
        limit=()
        if limit is None
        else (
            Threshold(ref.NEAR_LIMIT_FRACTION * limit),
            Threshold(limit),
            Threshold(limit, strict=True),
        ),
        calcium=(Threshold(targets.calcium_rda_mg), Threshold(ul), Threshold(ul, strict=True)),
        rda=figure(rda),
        ear=None if ear is None else figure(ear),
        limit_figure=None if limit is None else figure(limit),
        calcium_rda=figure(targets.calcium_rda_mg),
        calcium_ul=figure(ul),
        vitamin_d=(
            Threshold(targets.vitamin_d_rda_iu),
            Threshold(targets.vitamin_d_ul_iu),
            Threshold(targets.vitamin_d_ul_iu, strict=True),
        ),
        vitamin_d_rda=figure(targets.vitamin_d_rda_iu),
        vitamin_d_ul=figure(targets.vitamin_d_ul_iu),
    )


def day_verdict(totals: DayTotals, targets: Targets) -> DayVerdict:
    """The day's figures as every front end shows them, with the judgements beside them."""
    lines = _lines(targets)
    rda, ear = targets.magnesium_rda_mg, targets.magnesium_ear_mg
    limit = targets.supplement_limit_mg
    mg_total, mg_food, mg_supplements = _amount(
        totals.food_magnesium_mg, totals.supplement_magnesium_mg, lines.magnesium, lines.limit
    )
    magnesium = _amount_figures(mg_total, mg_food, mg_supplements, rda, lines.rda)

    state = limit_state(totals.supplement_magnesium_mg, limit)
    limit_figure = lines.limit_figure
    over_by = left = None
    if limit_figure is not None:
        if state == "over":
            over_by = mg_supplements - limit_figure
        else:
            left = limit_figure - mg_supplements
    supplement = SupplementFigures(
        amount=mg_supplements,
        limit=limit_figure,
        state=state,
        over_by=over_by,
        left=left,
        warn_at_any_dose=targets.kidney_disease,
    )

    ul = targets.calcium_ul_mg
    ca_total, ca_food, ca_supplements = _amount(
        totals.food_calcium_mg, totals.supplement_calcium_mg, lines.calcium, ()
    )
    calcium = _amount_figures(
        ca_total, ca_food, ca_supplements, targets.calcium_rda_mg, lines.calcium_rda
    )
    ul_figure = lines.calcium_ul
    over_ul = totals.calcium_mg > ul

    d_total, d_food, d_supplements = _amount(
        totals.food_vitamin_d_iu, totals.supplement_vitamin_d_iu, lines.vitamin_d, ()
    )
    vitamin_d = _amount_figures(
        d_total, d_food, d_supplements, targets.vitamin_d_rda_iu, lines.vitamin_d_rda
    )
    d_over_ul = totals.vitamin_d_iu > targets.vitamin_d_ul_iu

    ratio_value = shown_ratio(ca_total, mg_total)
    verdict = ratio_verdict(ratio_value, targets.ratio_band)
    return DayVerdict(
        date=totals.date,
        magnesium=magnesium,
        magnesium_ear=lines.ear,
        reached_ear=None if ear is None else mg_total.value >= ear,
        magnesium_is_adequate_intake=targets.magnesium_is_adequate_intake,
        supplement=supplement,
        calcium=calcium,
        calcium_ul=ul_figure,
        calcium_over_ul=over_ul,
        calcium_over_ul_by=(ca_total - ul_figure) if over_ul else None,
        ratio=RatioFigures(
            value=ratio_value,
            band=targets.ratio_band,
            verdict=verdict,
            cause=_ratio_cause(
                verdict,
                state == "over",
                mg_total.value / targets.magnesium_rda_mg if targets.magnesium_rda_mg else 0.0,
                ca_total.value / targets.calcium_rda_mg if targets.calcium_rda_mg else 0.0,
            ),
        ),
        vitamin_d=vitamin_d,
        vitamin_d_ul=lines.vitamin_d_ul,
        vitamin_d_over_ul=d_over_ul,
        vitamin_d_over_ul_by=(d_total - lines.vitamin_d_ul) if d_over_ul else None,
    )
