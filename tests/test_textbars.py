"""Figures beside the bars: never "100%" or "0 mg to go" before the target is reached."""

from mgtui.textbars import percent_label, to_go_label


def test_percent_is_not_rounded_up_to_a_target_not_reached() -> None:
    assert percent_label(318.6, 320) == "99%"  # 99.56% would round to 100
    assert percent_label(320, 320) == "100%"
    assert percent_label(391.0, 320) == "122%"
    assert percent_label(0, 320) == "0%"
    assert percent_label(10, 0) == "0%"


def test_what_is_left_is_rounded_up() -> None:
    assert to_go_label(0.4) == "1 mg to go"
    assert to_go_label(127.8) == "128 mg to go"
