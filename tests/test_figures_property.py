"""Every shown figure obeys PRODUCT.md's rules, for any day, in every front end.

Random days (amounts near every threshold and at .5 edges, several entries, custom
bands) are rendered through ``mgtui status`` (text and JSON), Today's bars (the
views the app's widgets draw), a History row (text and JSON) and the report; each
rule is checked on what those outputs say.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mgtui.cli.render import Painter, status_text
from mgtui.domain.entries import Entry
from mgtui.domain.figures import half_up
from mgtui.domain.history import day_totals
from mgtui.domain.summary import DaySummary, summarize_day
from mgtui.domain.targets import CustomTargets, Profile, resolve_targets
from mgtui.logbook.session import DayRow
from mgtui.present.day import day_bars, vitamin_d_line
from mgtui.present.history import percent_text, ratio_text
from mgtui.present.json import history_row_json, status_json
from mgtui.present.report import build_report

DAY = dt.date(2026, 11, 22)
EDGES = [0.0, 0.4, 0.5, 70.5, 219.5, 264.5, 265, 279.5, 279.9, 280, 319.5, 319.6, 320, 349.5]
EDGES += [349.6, 350, 350.4, 350.5, 352.5, 1199.5, 1200, 1999.6, 2000, 2000.4, 2000.5]
# Vitamin D in IU: around the RDAs (400 AI, 600, 800) and the ULs (1,000 to 4,000).
IU_EDGES = [0.0, 0.5, 399.5, 400, 599.5, 599.6, 600, 799.6, 800, 999.5, 1000, 2499.6]
IU_EDGES += [2500, 3999.5, 3999.6, 4000, 4000.4, 4000.5]


def amounts() -> st.SearchStrategy[float]:
    near_edges = st.sampled_from(EDGES).flatmap(
        lambda edge: st.sampled_from([edge, edge - 0.05, edge + 0.05, edge - 0.5, edge + 0.5])
    )
    return st.one_of(
        near_edges.map(lambda value: max(0.0, value)),
        st.floats(min_value=0, max_value=2500, allow_nan=False).map(lambda v: round(v, 2)),
    )


def international_units() -> st.SearchStrategy[float | None]:
    near_edges = st.sampled_from(IU_EDGES).flatmap(
        lambda edge: st.sampled_from([edge, edge - 0.05, edge + 0.05, edge - 0.5, edge + 0.5])
    )
    return st.one_of(
        st.none(),
        near_edges.map(lambda value: max(0.0, value)),
        st.floats(min_value=0, max_value=5000, allow_nan=False).map(lambda v: round(v, 2)),
    )


def number(text: str) -> float:
    return float(text)


def check_day(summary: DaySummary, entries: list[Entry], profile: Profile) -> None:
    figures = summary.figures
    raw_mg = summary.magnesium.total_mg
    mg = figures.magnesium

    # Half rounds up (checked with the decimal module's own rule, not mgtui's), and a
    # figure is never further from its value than its precision.
    exact = Decimal(repr(raw_mg)).quantize(Decimal(1).scaleb(-mg.total.decimals), ROUND_HALF_UP)
    if mg.total.decimals < 3:
        assert mg.total.value == float(exact)
    assert abs(mg.total.value - raw_mg) <= 0.5 * 10**-mg.total.decimals + 1e-9
    # A total below its target never reads as the target or as 100%.
    if raw_mg < summary.magnesium.rda_mg:
        assert mg.total.value < mg.target.value
        assert mg.percent is not None and mg.percent.value < 100
        assert mg.to_go is not None
        # "to go" plus the shown total is the shown target, and never 0.
        assert half_up(mg.to_go.value + mg.total.value, 3) == mg.target.value
        assert mg.to_go.value > 0
    else:
        assert mg.to_go is None and mg.percent is not None and mg.percent.value >= 100
    # Parts shown add up to the total shown.
    for amount in (mg, figures.calcium):
        parts = amount.food.value + amount.supplements.value
        assert half_up(parts, amount.total.decimals) == amount.total.value

    supplement = figures.supplement
    if supplement.limit is not None:
        shown, limit = supplement.amount.value, supplement.limit.value
        assert (supplement.state == "over") == (shown > limit)
        if supplement.state == "over":
            assert supplement.over_by is not None and supplement.over_by.value > 0
            assert half_up(shown - limit, 3) == supplement.over_by.value
        else:
            assert supplement.left is not None
            assert half_up(limit - shown, 3) == supplement.left.value
        near = 0.8 * summary.targets.supplement_limit_mg  # type: ignore[operator]
        assert (supplement.state == "near") == (near <= shown <= limit)
    # The ratio is the shown calcium over the shown magnesium, and its verdict is its own.
    ratio = figures.ratio
    if mg.total.value > 0:
        expected = half_up(figures.calcium.total.value / mg.total.value, 2)
        assert ratio.value == expected
        low, high = ratio.band
        verdict = "low" if expected < low else "high" if expected > high else "in band"
        assert ratio.verdict == verdict
    else:
        assert ratio.value is None and ratio.verdict == "n/a"
    # Calcium over its upper limit never reads as the limit.
    if figures.calcium_over_ul:
        assert figures.calcium.total.value > figures.calcium_ul.value

    # Vitamin D obeys the same rules: below the RDA never reads as it, over the UL
    # never reads as the UL, "over by" is never 0, and its parts add up.
    vitamin_d = figures.vitamin_d
    targets = summary.targets
    raw_d = sum(e.vitamin_d_or_zero for e in entries)
    assert abs(vitamin_d.total.value - raw_d) <= 0.5 * 10**-vitamin_d.total.decimals + 1e-6
    parts_d = vitamin_d.food.value + vitamin_d.supplements.value
    assert half_up(parts_d, vitamin_d.total.decimals) == vitamin_d.total.value
    if raw_d < targets.vitamin_d_rda_iu:
        assert vitamin_d.total.value < vitamin_d.target.value and not vitamin_d.reached
        assert vitamin_d.percent is not None and vitamin_d.percent.value < 100
        assert vitamin_d.to_go is not None and vitamin_d.to_go.value > 0
        assert half_up(vitamin_d.to_go.value + vitamin_d.total.value, 3) == vitamin_d.target.value
    else:
        assert vitamin_d.reached and vitamin_d.to_go is None
    assert figures.vitamin_d_over_ul == (raw_d > targets.vitamin_d_ul_iu)
    if figures.vitamin_d_over_ul:
        assert vitamin_d.total.value > figures.vitamin_d_ul.value
        over_by = figures.vitamin_d_over_ul_by
        assert over_by is not None and over_by.value > 0
        assert half_up(vitamin_d.total.value - figures.vitamin_d_ul.value, 3) == over_by.value
    else:
        assert vitamin_d.total.value <= figures.vitamin_d_ul.value
    d_line = vitamin_d_line(summary)
    assert ("-over-limit" in d_line.states) == figures.vitamin_d_over_ul
    assert ("OVER" in d_line.note) == figures.vitamin_d_over_ul

    # -- the same figures in every front end ----------------------------------------
    shown_json = status_json(summary)
    assert shown_json["magnesium"]["total_mg"] == mg.total.value
    parts = shown_json["magnesium"]["food_mg"] + shown_json["magnesium"]["supplement_mg"]
    assert half_up(parts, 3) == shown_json["magnesium"]["total_mg"]
    assert shown_json["ratio"]["value"] == ratio.value
    assert shown_json["ratio"]["verdict"] == ratio.verdict
    d_json = shown_json["vitamin_d"]
    assert d_json["total_iu"] == vitamin_d.total.value
    assert half_up(d_json["food_iu"] + d_json["supplement_iu"], 3) == d_json["total_iu"]
    assert d_json["target_kind"] == ("AI" if summary.targets.infant else "RDA")
    assert (d_json["rda_iu"], d_json["ul_iu"]) == (
        vitamin_d.target.value,
        figures.vitamin_d_ul.value,
    )

    text = status_text(summary, Painter(False, True), 100)
    bars = day_bars(summary)
    for view in bars:
        assert view.value in text  # the app's bars and the CLI say the same
    assert d_line.value in text
    magnesium_line = next(line for line in text.splitlines() if line.startswith("Magnesium"))
    match = re.search(r"([\d.]+) / ([\d.]+) mg\s+([\d.]+)%", magnesium_line)
    assert match is not None
    assert number(match.group(1)) == mg.total.value
    if raw_mg < summary.magnesium.rda_mg:
        assert number(match.group(3)) < 100 and match.group(1) != match.group(2)

    history = DayRow(day_totals(DAY, entries), summary.targets)
    history_json = history_row_json(history.figures, summary.entry_count)
    assert history_json["magnesium_mg"] == mg.total.value
    assert history_json["ratio"] == ratio.value
    assert percent_text(history.figures) == f"{mg.percent.text}%"
    assert ratio_text(history.figures).startswith(ratio.text)

    if summary.entry_count:
        report = build_report(
            profile=profile,
            entries=entries,
            products=[],
            end=DAY,
            days=1,
        )
        assert f"| average magnesium, total | {mg.total.text} mg/day" in report
        assert f"| average vitamin D, total | {vitamin_d.total.text} IU/day" in report


@settings(
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
@given(data=st.data())
def test_every_shown_figure_obeys_the_rules(data: st.DataObject) -> None:
    entries: list[Entry] = []
    for index in range(data.draw(st.integers(min_value=0, max_value=4))):
        supplement = data.draw(st.booleans())
        entries.append(
            Entry(
                id=f"e{index}",
                date=DAY,
                time=dt.time(8 + index, 0),
                kind="supplement" if supplement else "food",
                name=f"item {index}",
                amount="1 serving",
                magnesium_mg=data.draw(amounts()),
                calcium_mg=data.draw(amounts()),
                vitamin_d_iu=data.draw(international_units()),
            )
        )
    low = data.draw(st.sampled_from([1.7, 2.2, 2.5]))
    high = data.draw(st.sampled_from([2.6, 2.8, 3.2, 4.0]))
    profile = Profile(
        age=data.draw(st.sampled_from([0.5, 5.0, 30.0, 51.0, 75.0])),
        sex=data.draw(st.sampled_from(["female", "male"])),
        ratio_band=(low, high),
        custom=CustomTargets(supplement_limit_mg=data.draw(st.sampled_from([None, 333.0, 100.0]))),
    )
    targets = resolve_targets(profile)
    check_day(summarize_day(DAY, entries, targets), entries, profile)
