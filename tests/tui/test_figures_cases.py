"""Eleven days that once read wrong, as every front end shows them now.

Each case is logged with the CLI, then read through ``mgtui status`` (text and JSON),
``mgtui history`` (text and JSON), the report, and the app's Today and History
screens: every one must say the same figures, and say them right.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from app_support import AppFactory
from cli_support import Cli
from mgtui.store import Repository
from mgtui.tui.widgets.bars import CalciumBar, MagnesiumBar, RatioGauge, SupplementBar
from mgtui.tui.widgets.history_list import HistoryList


@dataclass(frozen=True)
class Case:
    name: str
    commands: list[list[str]]
    # Text that must appear, in the CLI's status and in the app's Today bars alike.
    shown: list[str]
    history: list[str] = field(default_factory=list)  # in `mgtui history` and History
    warnings: list[str] = field(default_factory=list)  # in status's warnings
    never: list[str] = field(default_factory=list)  # anywhere in status


CASES = [
    Case(
        "1: just under the RDA",
        [["take", "a", "--mg", "319.6"]],
        ["319.6 / 320 mg 99.9%", "0.4 mg to go"],
        history=["319.6", "99.9%"],
        never=["320 / 320", "1 mg to go", "100%"],
    ),
    Case(
        "2: just over the limit",
        [["take", "a", "--mg", "350.4"]],
        ["350.4 / 350 mg limit", "OVER the limit by 0.4 mg"],
        warnings=["over the 350 mg/day limit by 0.4 mg"],
        never=["by 0 mg", "350 / 350"],
    ),
    Case(
        "2: just under the limit",
        [["take", "a", "--mg", "349.6"]],
        ["349.6 / 350 mg limit", "near the limit: 0.4 mg left today"],
        never=["0 mg left", "350 / 350"],
    ),
    Case(
        "3: just under the near point",
        [["take", "a", "--mg", "279.9"]],
        ["279.9 / 350 mg limit", "70.1 mg left under the limit"],
        never=["280 / 350", "near the limit"],
    ),
    Case(
        "3: at the near point",
        [["take", "a", "--mg", "280"]],
        ["280 / 350 mg limit", "near the limit: 70 mg left today"],
    ),
    Case(
        "4: calcium just over its upper limit",
        [["take", "a", "--mg", "10", "--ca", "2000.4"]],
        ["2000.4 / 1200 mg"],
        warnings=["Calcium is 2000.4 mg, above the 2000 mg/day upper limit"],
        never=["Calcium is 2000 mg"],
    ),
    Case(
        "5: the ratio of the shown figures",
        [["take", "a", "--mg", "100", "--ca", "219.5"]],
        ["220 / 1200 mg", "100 / 320 mg", "2.20 : 1 in band"],
        history=["2.20", "in band"],
        never=["2.19"],
    ),
    Case(
        "7: parts add up",
        [
            ["food", "add", "Seed mix", "--per", "serving", "--grams", "100", "--mg", "167.6"],
            ["add", "Seed mix", "1 serving"],
            ["take", "a", "--mg", "120.6"],
        ],
        # The supplements read as on their own bar (120.6 → 121), food is the rest.
        ["288 / 320 mg", "food 167", "supplements 121", "121 / 350 mg limit", "32 mg to go"],
        never=["food 168"],
    ),
    Case(
        "8: half rounds up",
        [["take", "a", "--mg", "70.5"]],
        ["71 / 350 mg limit", "279 mg left under the limit"],
        never=["70 / 350"],
    ),
    Case(
        "8: half rounds up past the limit",
        [["take", "a", "--mg", "352.5"]],
        ["353 / 350 mg limit", "OVER the limit by 3 mg"],
        warnings=["over the 350 mg/day limit by 3 mg"],
        never=["352 / 350", "by 2 mg"],
    ),
    Case(
        "9: percentages half up everywhere",
        [["take", "a", "--mg", "312.3", "--ca", "788.4"]],
        ["312 / 320 mg  98%", "788 / 1200 mg  66%"],
        history=["98%"],
        never=["97%", "65%"],
    ),
    Case(
        "11: a low ratio from too much supplemental magnesium",
        [["take", "a", "--mg", "600", "--ca", "1234"]],
        ["2.06 : 1 low", "magnesium is high for the calcium: the supplements are over"],
        never=["calcium is low for the magnesium"],
    ),
]


def log_case(cli: Cli, case: Case) -> None:
    for command in case.commands:
        result = cli(*command)
        assert result.code == 0, result.err


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_cli_reads_right(cli: Cli, case: Case) -> None:
    log_case(cli, case)
    status = cli.ok("status").out
    for text in case.shown:
        assert text in status
    for text in case.never:
        assert text not in status
    shown = cli.json("status")
    for text in case.warnings:
        assert any(text in warning for warning in shown["warnings"]), shown["warnings"]
    history = cli.ok("history").out.splitlines()[1]
    for text in case.history:
        assert text in history
    row = cli.json("history")[0]
    assert row["magnesium_mg"] == shown["magnesium"]["total_mg"]
    assert row["ratio"] == shown["ratio"]["value"]
    total = shown["magnesium"]["food_mg"] + shown["magnesium"]["supplement_mg"]
    assert round(total, 3) == shown["magnesium"]["total_mg"]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
async def test_the_app_reads_the_same(
    cli: Cli, case: Case, tmp_path: Path, app_for: AppFactory
) -> None:
    log_case(cli, case)
    with Repository.open(cli.data_dir) as repo:
        repo.mark_profile_asked()
        app = app_for(repo)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            bars = "\n".join(
                str(app.screen.query_one(kind).render())
                for kind in (MagnesiumBar, SupplementBar, CalciumBar, RatioGauge)
            )
            for text in case.shown:
                assert text in bars
            for text in case.never:
                assert text not in bars
            await pilot.press("h")
            await pilot.pause()
            history = app.screen.query_one(HistoryList)
            line = history.row_text(history.rows[0]).plain
            for text in case.history:
                assert text in line


def test_averages_just_under_the_rda(cli: Cli) -> None:
    """6: three days averaging 319.6 mg are not "100% of the RDA", nor "0 mg short"."""
    for day in ("2026-11-20", "2026-11-21", "2026-11-22"):
        cli.ok("take", "a", "--mg", "319.6", "--date", day)
    report = cli.ok("report", "--days", "3").out
    assert "| average magnesium, total | 319.6 mg/day (99.9% of the RDA 320 mg) |" in report
    assert "100% of the RDA" not in report
    assert "| days at or above the RDA | 0 of 3 (0%) |" in report


async def test_insights_average_and_gap_just_under_the_rda(cli: Cli, app_for: AppFactory) -> None:
    for day in ("2026-11-20", "2026-11-21", "2026-11-22"):
        cli.ok("take", "a", "--mg", "319.6", "--date", day)
    with Repository.open(cli.data_dir) as repo:
        repo.mark_profile_asked()
        app = app_for(repo)
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("i")
            await pilot.pause()
            summary = str(app.screen.query_one("#insights-summary").render())
            assert "319.6 mg/day = 99.9% of the RDA 320" in summary
            gap = str(app.screen.query_one("#gap-closers").render())
            assert "Today is 0.4 mg short of the RDA" in gap


def test_infants_read_ai_and_no_ear(cli: Cli) -> None:
    """10: an Adequate Intake says AI; six months is the 0–6 month row; no EAR n/a."""
    cli.ok("profile", "--age", "0.5")
    profile = cli.ok("profile").out
    assert "Daily targets (female, 0–6 months)" in profile
    assert "30 mg (AI)" in profile and "200 mg (AI)" in profile and "400 IU (AI)" in profile
    cli.ok("take", "a", "--mg", "10")
    report = cli.ok("report").out
    assert "- Magnesium: AI 30 mg/day" in report
    assert "EAR n/a" not in report and "RDA 30" not in report
    refused = cli("profile", "--age", "0.3", "--lactating")
    assert refused.code == 2
    assert "pregnancy and lactation targets are for ages 14 and over" in refused.err


def test_the_default_profile_reads_51_plus_in_the_report(cli: Cli) -> None:
    cli.ok("take", "a", "--mg", "10")
    assert "- Profile: female, 51+ years (mgtui's default profile" in cli.ok("report").out


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "data", monkeypatch, capsys)
