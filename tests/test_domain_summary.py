"""A day's summary: the totals, the limit, the ratio and the advice a user sees."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mgtui.domain.entries import Entry
from mgtui.domain.figures import Figure
from mgtui.domain.history import day_totals
from mgtui.domain.summary import DaySummary, summarize_day
from mgtui.domain.targets import DEFAULT_PROFILE, Profile, resolve_targets
from mgtui.domain.verdict import limit_state, ratio_verdict, shown_ratio

DAY = dt.date(2026, 11, 22)
TARGETS = resolve_targets(DEFAULT_PROFILE)  # female 51+: RDA 320, EAR 265, UL 350, Ca 1200


def food(mg: float | None, ca: float | None = 0.0, at: str = "08:00", name: str = "food") -> Entry:
    return Entry(
        id=f"f-{name}-{at}",
        date=DAY,
        time=dt.time.fromisoformat(at),
        kind="food",
        name=name,
        amount="1 oz",
        magnesium_mg=mg,
        calcium_mg=ca,
        food_id="12014",
        grams=28.35,
    )


def pill(mg: float, ca: float = 0.0, at: str = "09:00", name: str = "pill") -> Entry:
    return Entry(
        id=f"s-{name}-{at}",
        date=DAY,
        time=dt.time.fromisoformat(at),
        kind="supplement",
        name=name,
        amount="1 serving",
        magnesium_mg=mg,
        calcium_mg=ca,
        form="glycinate",
    )


def codes(summary: DaySummary) -> list[str]:
    return [advice.code for advice in summary.advice]


def test_a_day_of_food_only() -> None:
    # 1 oz pumpkin seeds (167.8 mg Mg, 13.0 Ca) and a cup of whole milk (24.4 mg, 275.6 Ca).
    summary = summarize_day(DAY, [food(167.8, 13.0), food(24.4, 275.6, "12:00")], TARGETS)
    assert summary.magnesium.food_mg == pytest.approx(192.2)
    assert summary.magnesium.supplement_mg == 0
    assert summary.magnesium.total_mg == pytest.approx(192.2)
    assert summary.figures.magnesium.percent == Figure(60.0)  # 60.06% reads 60%
    assert summary.magnesium.ear_mg == 265
    assert summary.figures.reached_ear is False
    assert summary.figures.magnesium.to_go == Figure(128.0)  # 320 - 192 as shown
    assert summary.supplement.state == "calm"
    assert summary.calcium.total_mg == pytest.approx(288.6)
    assert summary.calcium.supplement_mg == 0
    assert summary.ratio.value == 1.51  # the shown 289 mg over the shown 192 mg
    assert summary.ratio.verdict == "low"
    assert summary.advice == ()


def test_a_day_of_supplements_only() -> None:
    summary = summarize_day(
        DAY, [pill(200, at="08:00"), pill(0, 500, at="20:00", name="cal")], TARGETS
    )
    assert summary.magnesium.food_mg == 0
    assert summary.magnesium.total_mg == 200
    assert summary.supplement.magnesium_mg == 200
    assert summary.supplement.state == "calm"
    assert summary.calcium.supplement_mg == 500
    assert summary.ratio.value == pytest.approx(2.5)
    assert summary.ratio.verdict == "in band"
    assert codes(summary) == []  # 12 hours apart, and 500 mg is not over 500


def test_a_day_with_both_reaches_the_target() -> None:
    entries = [food(167.8, 13.0), food(78.3, 122.0, "12:30", "spinach"), pill(120, at="21:00")]
    summary = summarize_day(DAY, entries, TARGETS)
    assert summary.magnesium.food_mg == pytest.approx(246.1)
    assert summary.magnesium.supplement_mg == 120
    assert summary.magnesium.total_mg == pytest.approx(366.1)
    assert summary.figures.magnesium.reached
    assert summary.figures.magnesium.to_go is None
    assert summary.figures.supplement.left == Figure(230.0)
    assert summary.entry_count == 3


@pytest.mark.parametrize(
    ("supplement_mg", "state", "over_by"),
    [
        (0, "calm", 0),
        (279.9, "calm", 0),
        (280, "near", 0),
        (350, "near", 0),
        (350.5, "over", 1),  # 350.5 reads 351 (half up): over by 1
        (350.4, "over", 0.4),  # 350.4 reads 350.4: over by 0.4, never by 0
        (450, "over", 100),
    ],
)
def test_supplement_limit_states(supplement_mg: float, state: str, over_by: float) -> None:
    summary = summarize_day(DAY, [pill(supplement_mg)], TARGETS)
    assert summary.supplement.state == state
    shown = summary.figures.supplement.over_by
    assert (0.0 if shown is None else shown.value) == pytest.approx(over_by)
    assert summary.supplement.over_limit == (state == "over")


def test_over_the_limit_warns_and_says_by_how_much() -> None:
    summary = summarize_day(DAY, [pill(300, at="08:00"), pill(150, at="20:00", name="b")], TARGETS)
    [warning] = summary.warnings
    assert warning.code == "over-limit"
    assert "450 mg, over the 350 mg/day limit by 100 mg" in warning.text
    assert "clinician" in warning.text


def test_food_never_counts_toward_the_limit() -> None:
    summary = summarize_day(DAY, [food(900), pill(100)], TARGETS)
    assert summary.supplement.magnesium_mg == 100
    assert summary.supplement.state == "calm"


def test_infants_have_no_limit_to_pass() -> None:
    targets = resolve_targets(Profile(age=0.25))
    summary = summarize_day(DAY, [pill(100)], targets)
    assert summary.supplement.limit_mg is None
    assert summary.supplement.state == "calm"
    assert summary.figures.supplement.limit is None


def test_kidney_disease_warns_at_any_supplement_dose() -> None:
    targets = resolve_targets(Profile(kidney_disease=True))
    assert "kidney-disease" in codes(summarize_day(DAY, [pill(10)], targets))
    assert "kidney-disease" not in codes(summarize_day(DAY, [food(200)], targets))
    assert "kidney-disease" not in codes(summarize_day(DAY, [pill(10)], TARGETS))


@pytest.mark.parametrize(
    ("calcium_at", "tip"), [("10:00", True), ("11:00", True), ("11:01", False), ("07:00", True)]
)
def test_timing_tip_for_calcium_and_magnesium_within_two_hours(calcium_at: str, tip: bool) -> None:
    entries = [pill(200, at="09:00"), pill(0, 400, at=calcium_at, name="cal")]
    summary = summarize_day(DAY, entries, TARGETS)
    assert ("timing" in codes(summary)) is tip
    if tip:
        [advice] = summary.tips
        assert advice.level == "tip"
        assert "within 2 hours" in advice.text


def test_one_combined_pill_is_not_a_timing_problem() -> None:
    assert "timing" not in codes(summarize_day(DAY, [pill(100, 300)], TARGETS))


def test_single_calcium_dose_over_500_mg_is_a_tip() -> None:
    summary = summarize_day(DAY, [pill(0, 600, name="cal")], TARGETS)
    [tip] = summary.tips
    assert tip.code == "calcium-dose"
    assert "600 mg" in tip.text and "500 mg or less" in tip.text
    assert "calcium-dose" not in codes(summarize_day(DAY, [pill(0, 500, name="cal")], TARGETS))


def test_calcium_over_its_upper_limit_warns() -> None:
    summary = summarize_day(DAY, [food(100, 1500), pill(0, 600, at="20:00", name="cal")], TARGETS)
    assert "calcium-over-ul" in codes(summary)
    assert "2100 mg, above the 2000 mg/day upper limit" in summary.warnings[0].text


# The ratio at, just inside and just outside each edge of each band.
@pytest.mark.parametrize(
    ("band", "ratio", "verdict"),
    [
        ((2.2, 3.2), 2.19, "low"),
        ((2.2, 3.2), 2.2, "in band"),
        ((2.2, 3.2), 2.21, "in band"),
        ((2.2, 3.2), 3.19, "in band"),
        ((2.2, 3.2), 3.2, "in band"),
        ((2.2, 3.2), 3.21, "high"),
        ((1.7, 2.6), 1.69, "low"),
        ((1.7, 2.6), 1.7, "in band"),
        ((1.7, 2.6), 2.6, "in band"),
        ((1.7, 2.6), 2.61, "high"),
        ((1.7, 2.8), 2.8, "in band"),
        ((1.7, 2.8), 2.81, "high"),
    ],
)
def test_ratio_verdict_at_the_band_edges(
    band: tuple[float, float], ratio: float, verdict: str
) -> None:
    assert ratio_verdict(ratio, band) == verdict
    # The same through a real day: 100 mg magnesium and ratio × 100 mg calcium.
    targets = resolve_targets(Profile(ratio_band=band))
    summary = summarize_day(DAY, [food(100, ratio * 100)], targets)
    assert summary.ratio.verdict == verdict
    assert summary.ratio.band == band


def test_ratio_with_no_magnesium_is_not_applicable() -> None:
    assert summarize_day(DAY, [], TARGETS).ratio.value is None
    assert summarize_day(DAY, [], TARGETS).ratio.verdict == "n/a"
    only_calcium = summarize_day(DAY, [food(0, 300)], TARGETS)
    assert only_calcium.ratio.value is None
    assert only_calcium.ratio.verdict == "n/a"


def test_ratio_with_no_calcium_is_low() -> None:
    summary = summarize_day(DAY, [food(200, 0)], TARGETS)
    assert summary.ratio.value == 0
    assert summary.ratio.verdict == "low"


def test_unknown_magnesium_counts_as_missing_not_zero_intake() -> None:
    summary = summarize_day(DAY, [food(None, 50), food(100, 10, "09:00")], TARGETS)
    assert summary.magnesium.total_mg == 100
    assert summary.entries_missing_magnesium == 1


def test_empty_day() -> None:
    summary = summarize_day(DAY, [], TARGETS)
    assert summary.magnesium.total_mg == 0
    assert summary.figures.magnesium.percent == Figure(0.0)
    assert summary.entry_count == 0
    assert summary.advice == ()


def test_day_totals_split_food_and_supplement() -> None:
    totals = day_totals(DAY, [food(167.8, 13.0), food(None, 5), pill(200, 100)])
    assert totals.food_magnesium_mg == pytest.approx(167.8)
    assert totals.supplement_magnesium_mg == 200
    assert totals.magnesium_mg == pytest.approx(367.8)
    assert totals.calcium_mg == pytest.approx(118.0)
    assert (totals.entry_count, totals.entries_missing_magnesium) == (3, 1)


def test_helpers() -> None:
    assert limit_state(100, None) == "calm"
    assert shown_ratio(Figure(300.0), Figure(0.0)) is None
    assert shown_ratio(Figure(300.0), Figure(100.0)) == 3
    assert shown_ratio(Figure(1.0), Figure(2.2250738585e-313, 3)) is None  # reads 0.000


amounts = st.one_of(st.none(), st.floats(min_value=0, max_value=5000, allow_nan=False))
entries_strategy = st.lists(
    st.builds(
        lambda kind, mg, ca, minute: Entry(
            id=f"e{minute}-{mg}-{ca}-{kind}",
            date=DAY,
            time=dt.time(minute // 60, minute % 60),
            kind=kind,
            name="x",
            amount="1",
            magnesium_mg=mg,
            calcium_mg=ca,
        ),
        st.sampled_from(["food", "supplement"]),
        amounts,
        amounts,
        st.integers(min_value=0, max_value=24 * 60 - 1),
    ),
    max_size=30,
)


@given(
    entries_strategy,
    st.sampled_from([DEFAULT_PROFILE, Profile(sex="male", age=25), Profile(age=2)]),
)
def test_summary_never_reports_negative_or_nan_amounts(
    entries: list[Entry], profile: Profile
) -> None:
    summary = summarize_day(DAY, entries, resolve_targets(profile))
    numbers = [
        summary.magnesium.food_mg,
        summary.magnesium.supplement_mg,
        summary.magnesium.total_mg,
        summary.figures.magnesium.total.value,
        summary.figures.magnesium.percent.value if summary.figures.magnesium.percent else 0.0,
        summary.figures.supplement.amount.value,
        summary.calcium.total_mg,
        summary.calcium.supplement_mg,
    ]
    assert all(math.isfinite(n) and n >= 0 for n in numbers)
    assert summary.magnesium.total_mg == pytest.approx(
        summary.magnesium.food_mg + summary.magnesium.supplement_mg
    )
    if summary.ratio.value is not None:
        assert math.isfinite(summary.ratio.value) and summary.ratio.value >= 0
        assert summary.ratio.verdict in ("low", "in band", "high")
    else:
        assert summary.ratio.verdict == "n/a"
    assert (summary.supplement.state == "over") == any(
        a.code == "over-limit" for a in summary.advice
    )


def test_the_verdict_is_for_the_ratio_as_shown() -> None:
    # 3.2004 reads "3.20": in band, as it looks; 3.2049 too; 3.206 reads "3.21": high.
    assert ratio_verdict(3.2004, (2.2, 3.2)) == "in band"
    assert ratio_verdict(3.2049, (2.2, 3.2)) == "in band"
    assert ratio_verdict(3.206, (2.2, 3.2)) == "high"
    assert ratio_verdict(2.196, (2.2, 3.2)) == "in band"  # reads "2.20"
    assert ratio_verdict(2.194, (2.2, 3.2)) == "low"  # reads "2.19"


def test_the_ratio_names_the_side_further_from_its_target() -> None:
    from mgtui.domain.history import DayTotals
    from mgtui.domain.targets import DEFAULT_PROFILE, resolve_targets
    from mgtui.domain.verdict import day_verdict

    targets = resolve_targets(DEFAULT_PROFILE)  # magnesium 320, calcium 1200

    def cause(magnesium: float, calcium: float, supplement: float = 0.0) -> str:
        totals = DayTotals(dt.date(2026, 11, 22), magnesium, supplement, calcium, 0.0, 1)
        return day_verdict(totals, targets).ratio.cause

    assert cause(210, 425) == "calcium is low for the magnesium"  # 66% and 35%: 2.02 low
    assert cause(500, 1000) == "magnesium is high for the calcium"  # 156% and 83%: 2.00
    assert cause(100, 1000, 400) == (
        "magnesium is high for the calcium: the supplements are over their limit"
    )
    assert cause(100, 1000) == "magnesium is low for the calcium"  # 31% and 83%: 10.0 high
    assert cause(300, 2400) == "calcium is high for the magnesium"  # 94% and 200%: 8.0
