"""How figures are rounded for showing: half up, never across a threshold, parts add up."""

import pytest

from mgtui.domain.figures import Figure, Threshold, figure, half_up, percent, shares, split


def test_half_rounds_up() -> None:
    assert half_up(70.5) == 71  # Python's round() gives 70
    assert half_up(352.5) == 353
    assert half_up(2.195, 2) == 2.2  # the float is 2.19499…; the typed number wins
    assert figure(70.5).text == "71"


def test_percent_is_never_100_before_the_target() -> None:
    assert percent(318.6, 320) == Figure(99.6, 1)  # 99.56% would read 100%
    assert percent(319.6, 320) == Figure(99.9, 1)
    assert percent(320, 320) == Figure(100.0)
    assert percent(391.0, 320) == Figure(122.0)
    assert percent(97.6, 100) == Figure(98.0)  # half up, as everywhere
    assert percent(788.4, 1200) == Figure(66.0)  # 65.7% reads 66%
    assert percent(0, 320) == Figure(0.0)
    assert percent(10, 0) is None


@pytest.mark.parametrize(
    ("value", "line", "shown"),
    [
        (319.6, Threshold(320), "319.6"),  # below the target: never reads as it
        (319.96, Threshold(320), "319.96"),
        (319.9999, Threshold(320), "319.999"),  # the last digit rounds toward its side
        (320.0, Threshold(320), "320"),
        (350.4, Threshold(350, strict=True), "350.4"),  # over the limit: never reads as it
        (350.0001, Threshold(350, strict=True), "350.001"),
        (279.9, Threshold(280), "279.9"),  # calm: never reads as the near point
        (2000.4, Threshold(2000, strict=True), "2000.4"),
        (288.2, Threshold(320), "288"),
    ],
)
def test_a_figure_keeps_its_side_of_a_threshold(value: float, line: Threshold, shown: str) -> None:
    result = figure(value, [line])
    assert result.text == shown
    assert line.passed(result.value) == line.passed(value)


def test_parts_add_up_to_the_total_shown() -> None:
    parts = split(Figure(288.0), [167.6, 120.6])
    assert [p.text for p in parts] == ["168", "120"]
    assert sum(p.value for p in parts) == 288
    rows = split(Figure(431.5, 1), [100.04, 100.04, 100.04, 131.38])
    assert sum(p.value for p in rows) == pytest.approx(431.5)
    assert [p.text for p in shares([1, 1, 1]) or ()] == ["34", "33", "33"]
    assert shares([0, 0]) is None


def test_difference_of_figures_is_at_the_finer_precision() -> None:
    assert (Figure(350.4, 1) - Figure(350.0)).text == "0.4"
    assert (Figure(320.0) - Figure(319.6, 1)).text == "0.4"
