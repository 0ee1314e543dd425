"""Patterns over a window of days: is magnesium adequate most days, do supplements
stay under the limit, is the ratio in band?

An unlogged day is unknown, not zero intake: averages are over logged days only,
and every figure says how many days it covers. Targets are today's profile's.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

from mgtui.domain.entries import Entry
from mgtui.domain.figures import Figure, figure, shares
from mgtui.domain.history import DayTotals, day_totals
from mgtui.domain.targets import Targets
from mgtui.domain.verdict import DayVerdict, day_verdict
from mgtui.frozen import frozen

TOP_SOURCES = 10
GAP_CLOSERS = 5


@frozen
class FoodSource:
    name: str
    food_id: str | None
    magnesium_mg: float  # total over the window
    entry_count: int
    share: float  # of all food magnesium in the window, 0..1


@frozen
class GapCloser:
    """A portion the person has logged before and what it would add today."""

    name: str
    food_id: str | None
    amount: str  # as they logged it: "1 oz"
    magnesium_mg: float
    closes_gap: bool  # one portion alone reaches the RDA

    @property
    def label(self) -> str:
        return f"{self.amount} {self.name}: +{figure(self.magnesium_mg).text} mg"


@frozen
class Insights:
    start: dt.date
    end: dt.date
    days_in_window: int
    logged_days: int
    targets: Targets
    average_magnesium_mg: float | None  # over logged days; None with none logged
    average_food_magnesium_mg: float | None
    average_supplement_magnesium_mg: float | None
    average_calcium_mg: float | None
    # The averages as shown: an average day's figures against the targets, or None.
    average: DayVerdict | None
    days_at_rda: int
    days_at_ear: int
    days_over_limit: int
    days_in_band: int
    days_with_ratio: int  # logged days with a ratio (some magnesium), its denominator
    days_at_calcium_rda: int
    food_share: float | None  # of all magnesium in the window, 0..1
    supplement_share: float | None
    # The two shares as shown, whole percentages that add up to 100.
    shares_shown: tuple[Figure, Figure] | None
    top_sources: tuple[FoodSource, ...]
    entries: int
    entries_missing_magnesium: int
    daily_magnesium: tuple[tuple[dt.date, float | None], ...]  # None: not logged
    days_over_vitamin_d_ul: int = 0

    @property
    def unlogged_days(self) -> int:
        return self.days_in_window - self.logged_days

    @property
    def completeness(self) -> float | None:
        """Share of entries with a known magnesium value, 0..1; None with no entries."""
        if self.entries == 0:
            return None
        return 1.0 - self.entries_missing_magnesium / self.entries


def _group_by_day(entries: Iterable[Entry]) -> dict[dt.date, list[Entry]]:
    days: dict[dt.date, list[Entry]] = defaultdict(list)
    for entry in entries:
        days[entry.date].append(entry)
    return days


def _average(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def top_food_sources(entries: Iterable[Entry], limit: int = TOP_SOURCES) -> tuple[FoodSource, ...]:
    """Foods by their total magnesium over the entries, largest first."""
    totals: dict[tuple[str | None, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    names: dict[tuple[str | None, str], str] = {}
    for entry in entries:
        if entry.kind != "food" or entry.magnesium_mg is None:
            continue
        # Foods from the table group by id; custom or unknown ones by their name.
        key = (entry.food_id, "" if entry.food_id else entry.name.casefold())
        totals[key][0] += entry.magnesium_mg
        totals[key][1] += 1
        names[key] = entry.name
    all_food = sum(total for total, _ in totals.values())
    ranked = sorted(totals.items(), key=lambda item: (-item[1][0], names[item[0]]))
    return tuple(
        FoodSource(
            name=names[key],
            food_id=key[0],
            magnesium_mg=total,
            entry_count=int(count),
            share=total / all_food if all_food > 0 else 0.0,
        )
        for key, (total, count) in ranked[:limit]
    )


def gap_closers(
    history: Iterable[Entry], remaining_mg: float, limit: int = GAP_CLOSERS
) -> tuple[GapCloser, ...]:
    """Foods from the person's own history whose usual portion would help close today's gap.

    The usual portion is the one logged most recently; its magnesium is what that
    entry recorded. Largest first. Nothing when the gap is already closed.
    """
    if remaining_mg <= 0:
        return ()
    latest: dict[tuple[str | None, str], Entry] = {}
    for entry in history:
        if entry.is_supplement or not entry.magnesium_mg or entry.magnesium_mg <= 0:
            continue
        key = (entry.food_id, "" if entry.food_id else entry.name.casefold())
        current = latest.get(key)
        if current is None or (entry.date, entry.time) >= (current.date, current.time):
            latest[key] = entry
    ranked = sorted(latest.values(), key=lambda e: (-(e.magnesium_mg or 0.0), e.name))
    return tuple(
        GapCloser(
            name=entry.name,
            food_id=entry.food_id,
            amount=entry.amount,
            magnesium_mg=entry.magnesium_or_zero,
            closes_gap=entry.magnesium_or_zero >= remaining_mg,
        )
        for entry in ranked[:limit]
    )


def window_start(end: dt.date, days: int) -> dt.date:
    """The first day of a window of ``days`` days that ends on ``end`` (inclusive)."""
    if days < 1:
        raise ValueError("a window is at least one day")
    return end - dt.timedelta(days=days - 1)


def compute_insights(
    entries: Iterable[Entry], targets: Targets, end: dt.date, days: int | None
) -> Insights:
    """Figures for the ``days`` days ending on ``end``; ``days=None`` means all time.

    ``entries`` may hold more than the window: only those inside it count. Medicines
    taken add no nutrients and do not make a day a logged one.
    """
    all_entries = [e for e in entries if e.date <= end and not e.is_medicine]
    if days is None:
        start = min((e.date for e in all_entries), default=end)
    else:
        start = window_start(end, days)
    in_window = [e for e in all_entries if e.date >= start]
    by_day = _group_by_day(in_window)
    totals: list[DayTotals] = [day_totals(day, by_day[day]) for day in sorted(by_day)]
    span = (end - start).days + 1

    verdicts = [day_verdict(t, targets) for t in totals]
    food_mg = sum(t.food_magnesium_mg for t in totals)
    supplement_mg = sum(t.supplement_magnesium_mg for t in totals)
    all_mg = food_mg + supplement_mg
    by_date = {t.date: t.magnesium_mg for t in totals}
    series = tuple(
        (day, by_date.get(day))
        for day in (start + dt.timedelta(days=offset) for offset in range(span))
    )
    average = None
    if totals:
        count = len(totals)
        average = day_verdict(
            DayTotals(
                end,
                sum(t.food_magnesium_mg for t in totals) / count,
                sum(t.supplement_magnesium_mg for t in totals) / count,
                sum(t.food_calcium_mg for t in totals) / count,
                sum(t.supplement_calcium_mg for t in totals) / count,
                0,
                food_vitamin_d_iu=sum(t.food_vitamin_d_iu for t in totals) / count,
                supplement_vitamin_d_iu=sum(t.supplement_vitamin_d_iu for t in totals) / count,
            ),
            targets,
        )
    shown_shares = shares([food_mg, supplement_mg])

    return Insights(
        start=start,
        end=end,
        days_in_window=span,
        logged_days=len(totals),
        targets=targets,
        average_magnesium_mg=_average([t.magnesium_mg for t in totals]),
        average_food_magnesium_mg=_average([t.food_magnesium_mg for t in totals]),
        average_supplement_magnesium_mg=_average([t.supplement_magnesium_mg for t in totals]),
        average_calcium_mg=_average([t.calcium_mg for t in totals]),
        average=average,
        days_at_rda=sum(1 for v in verdicts if v.magnesium.reached),
        days_at_ear=sum(1 for v in verdicts if v.reached_ear),
        days_over_limit=sum(1 for v in verdicts if v.supplement.state == "over"),
        days_in_band=sum(1 for v in verdicts if v.ratio.verdict == "in band"),
        days_with_ratio=sum(1 for v in verdicts if v.ratio.value is not None),
        days_at_calcium_rda=sum(1 for v in verdicts if v.calcium.reached),
        food_share=food_mg / all_mg if all_mg > 0 else None,
        supplement_share=supplement_mg / all_mg if all_mg > 0 else None,
        shares_shown=None if shown_shares is None else (shown_shares[0], shown_shares[1]),
        top_sources=top_food_sources(in_window),
        entries=sum(t.entry_count for t in totals),
        entries_missing_magnesium=sum(t.entries_missing_magnesium for t in totals),
        daily_magnesium=series,
        days_over_vitamin_d_ul=sum(1 for v in verdicts if v.vitamin_d_over_ul),
    )
