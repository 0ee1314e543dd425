"""How an amount is rounded to be shown, so that what a person reads never contradicts itself.

The rules (PRODUCT.md, "Figures a person sees"):
- half rounds up (70.5 mg reads 71, never the 70 of Python's half-to-even);
- a figure keeps the side of every threshold it is judged against: a total below its
  target never reads as the target, an amount over a limit never reads as the limit.
  Where whole milligrams would cross a threshold, the figure gets a decimal
  (319.6 of 320 reads "319.6"; 350.4 over a 350 limit reads "350.4, over by 0.4");
- parts shown add up to the total shown.

Pure arithmetic on floats, with ``Decimal`` only where a digit is decided. The
``present`` package turns figures into text; every judgement (reached, near, over,
in band) that stands beside a figure is made by ``domain.verdict`` on these figures.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from mgtui.frozen import frozen

# More decimals than this say nothing to a person; past it the last digit is
# rounded toward the figure's own side of the threshold instead.
MAX_DECIMALS = 3


def half_up(value: float, decimals: int = 0) -> float:
    """``value`` to ``decimals`` places, a half rounding away from zero (2.195 → 2.20).

    The float's shortest decimal form is what is rounded, so 2.195 counts as the
    2.195 a person typed and not as the 2.19499… the binary float holds.
    """
    if not math.isfinite(value):
        return value
    scale = _SCALES[decimals] if 0 <= decimals < len(_SCALES) else 10.0**decimals
    scaled = abs(value) * scale
    whole = math.floor(scaled)
    remainder = scaled - whole
    # Far from a half, binary arithmetic decides as the decimal number would; only a
    # near-tie needs the exact decimal rule (a history of ten years makes ~50,000
    # figures, and the decimal module is twenty times slower).
    if abs(remainder - 0.5) > 1e-6 and scaled < 1e15:
        rounded = (whole + (1 if remainder > 0.5 else 0)) / scale
        return math.copysign(rounded, value) if rounded else 0.0
    # Imported here: a day without a near-tie (status, most starts) never loads it.
    from decimal import ROUND_HALF_UP, Decimal

    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


_SCALES = (1.0, 10.0, 100.0, 1000.0)


def _toward(value: float, decimals: int, up: bool) -> float:
    from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

    quantum = Decimal(1).scaleb(-decimals)
    rounding = ROUND_CEILING if up else ROUND_FLOOR
    return float(Decimal(repr(value)).quantize(quantum, rounding=rounding))


@frozen
class Threshold:
    """A line a figure is judged against: ``at`` itself counts as reached, unless
    ``strict`` (a limit is passed only by more than the limit)."""

    at: float
    strict: bool = False

    def passed(self, value: float) -> bool:
        return value > self.at if self.strict else value >= self.at


@frozen
class Figure:
    """A number as it is shown: its rounded value and how many decimals it shows."""

    value: float
    decimals: int = 0

    @property
    def text(self) -> str:
        return f"{self.value:.{self.decimals}f}"

    def __sub__(self, other: Figure) -> Figure:
        decimals = max(self.decimals, other.decimals)
        return Figure(half_up(self.value - other.value, decimals), decimals)


def figure(value: float, thresholds: Sequence[Threshold] = (), *, decimals: int = 0) -> Figure:
    """``value`` rounded half up to ``decimals`` places, or to as many more as it takes
    for the figure to sit on the same side of every threshold as the value does."""
    if not thresholds:
        return Figure(half_up(value, decimals), decimals)
    for places in range(decimals, MAX_DECIMALS + 1):
        shown = half_up(value, places)
        if all(t.passed(shown) == t.passed(value) for t in thresholds):
            return Figure(shown, places)
    # Closer to a threshold than a thousandth: the last digit rounds toward the
    # value's own side, so the figure still does not cross the line.
    crossed = [t for t in thresholds if t.passed(half_up(value, MAX_DECIMALS)) != t.passed(value)]
    up = any(t.passed(value) for t in crossed)
    return Figure(_toward(value, MAX_DECIMALS, up), MAX_DECIMALS)


def percent(part: float, whole: float) -> Figure | None:
    """``part`` as a percentage of ``whole``: 100% exactly when ``whole`` is reached,
    never before (319.6 of 320 is 99.9%, not 100%)."""
    if whole <= 0 or not math.isfinite(part):
        return None
    value = 100.0 * part / whole
    # The quotient's own rounding must not decide the side: the amounts do.
    value = max(value, 100.0) if part >= whole else min(value, math.nextafter(100.0, 0.0))
    return figure(value, [Threshold(100.0)])


def split(total: Figure, parts: Sequence[float]) -> tuple[Figure, ...]:
    """Parts shown at the total's precision that add up to the total shown.

    Largest remainder: each part is its value rounded down, and the units still
    missing go to the parts with the largest remainders (the first on a tie), so no
    part is ever more than one unit from its own value.
    """
    from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

    decimals = total.decimals
    scale = Decimal(1).scaleb(decimals)
    target = int((Decimal(repr(total.value)) * scale).to_integral_value(rounding=ROUND_HALF_UP))
    exact = [Decimal(repr(max(0.0, part))) * scale for part in parts]
    floors = [int(value.to_integral_value(rounding=ROUND_FLOOR)) for value in exact]
    missing = target - sum(floors)
    order = sorted(range(len(parts)), key=lambda i: (-(exact[i] - floors[i]), i))
    units = list(floors)
    if missing > 0:
        for index in order[:missing]:
            units[index] += 1
    elif missing < 0:
        # The total was rounded down past the parts' floors (it was judged against a
        # threshold): take the units back from the smallest remainders.
        for index in reversed(order):
            if missing == 0:
                break
            if units[index] > 0:
                units[index] -= 1
                missing += 1
    return tuple(Figure(float(Decimal(u) / scale), decimals) for u in units)


def shares(amounts: Sequence[float]) -> tuple[Figure, ...] | None:
    """Whole percentages of the amounts' sum that add up to 100; None when it is 0."""
    whole = sum(amounts)
    if whole <= 0:
        return None
    return split(Figure(100.0), [100.0 * amount / whole for amount in amounts])
