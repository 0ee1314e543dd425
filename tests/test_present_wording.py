"""Counts and where a portion comes from, as the CLI and the app both word them."""

from __future__ import annotations

from mgtui.present.text import (
    missing_magnesium_line,
    portion_source,
    search_prompt,
    search_results_line,
)


def test_counts_agree_with_their_number() -> None:
    assert missing_magnesium_line(1) == "1 item has no magnesium value: the total may be low."
    assert missing_magnesium_line(2).startswith("2 items have no magnesium value")
    assert search_results_line(1).startswith("1 food ·")
    assert search_results_line(50).startswith("50 foods ·")
    assert search_prompt(8789) == "Type to search 8,789 USDA foods, e.g. pumpkin seeds"


def test_where_a_portion_comes_from() -> None:
    assert portion_source("last") == "your last portion"
    assert portion_source("first") == "USDA's first portion"
