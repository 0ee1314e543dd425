"""Insights over a window, each figure computed by hand beside the test."""

from __future__ import annotations

import datetime as dt

import pytest

from mgtui.domain.entries import Entry
from mgtui.domain.figures import Figure
from mgtui.domain.insights import compute_insights, gap_closers, top_food_sources, window_start
from mgtui.domain.targets import DEFAULT_PROFILE, resolve_targets

END = dt.date(2026, 11, 22)
TARGETS = resolve_targets(DEFAULT_PROFILE)  # RDA 320, EAR 265, limit 350, band 2.2–3.2


def entry(
    days_ago: int,
    kind: str,
    name: str,
    mg: float | None,
    ca: float = 0.0,
    at: str = "08:00",
    food_id: str | None = None,
    amount: str = "1 oz",
) -> Entry:
    return Entry(
        id=f"{days_ago}-{name}-{at}",
        date=END - dt.timedelta(days=days_ago),
        time=dt.time.fromisoformat(at),
        kind=kind,  # type: ignore[arg-type]
        name=name,
        amount=amount,
        magnesium_mg=mg,
        calcium_mg=ca,
        food_id=food_id,
    )


SEEDS = "Seeds, pumpkin and squash seed kernels, dried"
SPINACH = "Spinach, cooked, boiled, drained, without salt"
MILK = "Milk, whole, 3.25% milkfat, with added vitamin D"

# A week with three logged days (today, 2 and 5 days ago) and one day outside it.
LOG = [
    # today: 167.8 + 24.4 food, 200 supplement = 392.2 Mg; Ca 13 + 276 = 289 -> ratio 0.74 low
    entry(0, "food", SEEDS, 167.8, 13.0, "08:00", "12014"),
    entry(0, "food", MILK, 24.4, 276.0, "12:00", "01077", "1 cup"),
    entry(0, "supplement", "Mg glycinate", 200.0, 0.0, "21:00"),
    # 2 days ago: 78.3 food + 400 supplement = 478.3 (over the limit); Ca 1200 -> 2.51 in band
    entry(2, "food", SPINACH, 78.3, 122.0, "13:00", "11458", "1/2 cup"),
    entry(2, "supplement", "Mg oxide", 400.0, 1078.0, "09:00"),
    # 5 days ago: 100 food (one item has no Mg value); Ca 300 -> 3.0 in band
    entry(5, "food", SEEDS, 100.0, 300.0, "08:00", "12014", "0.6 oz"),
    entry(5, "food", "Mystery bar", None, 0.0, "10:00", "99999"),
    # 10 days ago: outside a 7-day window
    entry(10, "food", SPINACH, 500.0, 0.0, "08:00", "11458", "3 cups"),
]


def test_window_start_counts_the_end_day() -> None:
    assert window_start(END, 7) == dt.date(2026, 11, 16)
    with pytest.raises(ValueError):
        window_start(END, 0)


def test_seven_day_window() -> None:
    insights = compute_insights(LOG, TARGETS, END, 7)
    assert (insights.start, insights.end) == (dt.date(2026, 11, 16), END)
    assert insights.days_in_window == 7
    assert insights.logged_days == 3
    assert insights.unlogged_days == 4
    # (392.2 + 478.3 + 100) / 3 = 323.5
    assert insights.average_magnesium_mg == pytest.approx(323.5)
    assert insights.average is not None
    assert insights.average.magnesium.percent == Figure(101.0)  # 323.5 of 320
    assert insights.average.magnesium.total.text == "324"  # 323.5 reads 324, half up
    assert insights.average_food_magnesium_mg == pytest.approx((192.2 + 78.3 + 100) / 3)
    assert insights.average_supplement_magnesium_mg == pytest.approx(200.0)
    assert insights.days_at_rda == 2  # 392.2 and 478.3
    assert insights.days_at_ear == 2
    assert insights.days_over_limit == 1  # 400 > 350
    assert insights.days_with_ratio == 3
    assert insights.days_in_band == 2  # 2.51 and 3.0; today 0.74 is low
    # food 370.5 of 970.5 total
    assert insights.food_share == pytest.approx(370.5 / 970.5)
    assert insights.supplement_share == pytest.approx(600 / 970.5)
    assert insights.entries == 7
    assert insights.entries_missing_magnesium == 1
    assert insights.completeness == pytest.approx(6 / 7)


def test_daily_series_marks_unlogged_days_as_unknown() -> None:
    series = compute_insights(LOG, TARGETS, END, 7).daily_magnesium
    assert len(series) == 7
    assert series[0] == (dt.date(2026, 11, 16), None)
    assert series[1][1] == pytest.approx(100.0)
    assert series[4][1] == pytest.approx(478.3)
    assert series[5] == (dt.date(2026, 11, 21), None)
    assert series[6][1] == pytest.approx(392.2)


def test_all_time_starts_at_the_first_logged_day() -> None:
    insights = compute_insights(LOG, TARGETS, END, None)
    assert insights.start == dt.date(2026, 11, 12)
    assert insights.days_in_window == 11
    assert insights.logged_days == 4


def test_entries_after_the_end_do_not_count() -> None:
    insights = compute_insights(LOG, TARGETS, END - dt.timedelta(days=1), 7)
    assert insights.logged_days == 2  # 2 and 5 days ago


def test_an_empty_window_has_no_averages() -> None:
    insights = compute_insights([], TARGETS, END, 30)
    assert insights.logged_days == 0
    assert insights.average_magnesium_mg is None
    assert insights.average is None
    assert insights.food_share is None
    assert insights.completeness is None
    assert insights.top_sources == ()


def test_top_sources_sum_each_food_and_rank_them() -> None:
    sources = top_food_sources(LOG)
    assert [s.name for s in sources] == [SPINACH, SEEDS, MILK]
    assert sources[0].magnesium_mg == pytest.approx(578.3)
    assert sources[0].entry_count == 2
    assert sources[1].magnesium_mg == pytest.approx(267.8)
    assert sources[0].share == pytest.approx(578.3 / (578.3 + 267.8 + 24.4))


def test_top_sources_are_capped_at_ten() -> None:
    many = [entry(0, "food", f"food {i}", float(i + 1), food_id=f"{i:05d}") for i in range(15)]
    sources = top_food_sources(many)
    assert len(sources) == 10
    assert sources[0].name == "food 14"


def test_gap_closers_use_the_latest_portion_from_history() -> None:
    closers = gap_closers(LOG, remaining_mg=150)
    assert [c.label for c in closers] == [
        f"1 oz {SEEDS}: +168 mg",  # today's portion, not the 0.6 oz of 5 days ago
        f"1/2 cup {SPINACH}: +78 mg",  # 2 days ago, not the 3 cups of 10 days ago
        f"1 cup {MILK}: +24 mg",
    ]
    assert [c.closes_gap for c in closers] == [True, False, False]


def test_no_gap_closers_once_the_gap_is_closed() -> None:
    assert gap_closers(LOG, remaining_mg=0) == ()
