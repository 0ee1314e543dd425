"""``mgtui status`` and ``mgtui history``: the numbers, verdicts, warnings and JSON fields."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from cli_support import NOW, TODAY, YESTERDAY, Cli

STATUS_FIELDS = {
    "date": None,
    "profile_is_default": None,
    "magnesium": {
        "food_mg",
        "supplement_mg",
        "total_mg",
        "rda_mg",
        "ear_mg",
        "percent_of_rda",
    },
    "supplement": {"magnesium_mg", "limit_mg", "over_limit"},
    "calcium": {"total_mg", "rda_mg", "supplement_mg"},
    "vitamin_d": {"food_iu", "supplement_iu", "total_iu", "rda_iu", "ul_iu"},
    "ratio": {"value", "band", "verdict"},
    "warnings": None,
}
HISTORY_FIELDS = {"date", "magnesium_mg", "supplement_mg", "calcium_mg", "ratio", "percent_of_rda"}


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "data", monkeypatch, capsys)


def seed_day(cli: Cli, date: str = TODAY) -> None:
    cli.ok("add", "12014", "1 oz", "--date", date, "--time", "07:30")  # 167.8 Mg, 13.0 Ca
    cli.ok("add", "01077", "1 cup", "--date", date, "--time", "07:45")  # 24.4 Mg, 275.7 Ca
    cli.ok("take", "Glycinate", "--mg", "120", "--form", "glycinate", "--date", date)


def test_status_json_has_every_contract_field(cli: Cli) -> None:
    seed_day(cli)
    status = cli.json("status")
    for key, fields in STATUS_FIELDS.items():
        assert key in status
        if fields is not None:
            assert set(status[key]) >= fields, key
    assert status["date"] == TODAY
    assert status["profile_is_default"] is True
    assert (
        status["magnesium"]
        | {
            # The figures as the text shows them: parts that add up, half up.
            "food_mg": 192.0,
            "supplement_mg": 120.0,
            "total_mg": 312.0,
            "rda_mg": 320.0,
            "ear_mg": 265.0,
            "percent_of_rda": 98.0,
        }
        == status["magnesium"]
    )
    assert status["supplement"]["magnesium_mg"] == 120.0
    assert (status["supplement"]["limit_mg"], status["supplement"]["over_limit"]) == (350.0, False)
    assert (status["calcium"]["total_mg"], status["calcium"]["rda_mg"]) == (289.0, 1200.0)
    assert status["calcium"]["supplement_mg"] == 0.0
    # The shown 289 mg of calcium over the shown 312 mg of magnesium.
    assert (
        status["ratio"] | {"value": 0.93, "band": [2.2, 3.2], "verdict": "low"} == status["ratio"]
    )
    assert status["warnings"] == []


def test_status_text_shows_the_three_answers(cli: Cli) -> None:
    seed_day(cli)
    lines = cli.ok("status").out.splitlines()
    assert lines[0] == (
        "Sunday 22 November 2026  ·  profile: female, 51+ years "
        "(a default: set yours with 'mgtui profile')"
    )
    assert lines[1].startswith("Magnesium")
    # 312 of 320 mg is 97.5%: 98%, half up; the target is not reached and it says so.
    assert lines[1].endswith("312 / 320 mg  98%")
    assert lines[2].endswith("█ food 192  ▓ supplements 120  ┃ EAR 265 · 8 mg to go")
    assert lines[3].endswith("120 / 350 mg limit")
    assert lines[4].endswith("230 mg left under the limit (food not counted)")
    assert lines[5].endswith("289 / 1200 mg  24%")
    assert lines[6].endswith("█ food 289  ▓ supplements 0 · upper limit 2000")
    assert lines[7].endswith("0.93 : 1 low")
    # Calcium at 24% of its RDA, magnesium at 98% of its own: the ratio is low because
    # calcium is, and "magnesium is high" would invite cutting magnesium that is short.
    assert lines[8].endswith("band 2.2–3.2 · calcium is low for the magnesium")
    assert "\x1b[" not in "".join(lines)  # NO_COLOR, and not a terminal


def test_status_over_the_limit_warns(cli: Cli) -> None:
    assert cli("take", "Oxide", "--mg", "400", "--form", "oxide").code == 0
    status = cli.json("status")
    assert status["supplement"]["over_limit"] is True
    assert status["warnings"][0].startswith(
        "Supplemental magnesium is 400 mg, over the 350 mg/day limit by 50 mg."
    )
    text = cli.ok("status").out
    assert "400 / 350 mg limit" in text
    assert "OVER the limit by 50 mg: diarrhea is the first sign" in text
    assert "! Supplemental magnesium is 400 mg" in text


def test_status_of_an_empty_day_has_no_ratio(cli: Cli) -> None:
    status = cli.json("status", "--date", "2026-01-05")
    assert status["date"] == "2026-01-05"
    assert status["ratio"]["value"] is None
    assert status["ratio"]["verdict"] == "n/a"
    assert (
        "band 2.2–3.2: n/a until some magnesium is logged"
        in cli.ok("status", "--date", "2026-01-05").out
    )


def test_status_follows_the_saved_profile(cli: Cli) -> None:
    cli.ok("profile", "--sex", "male", "--age", "40")
    status = cli.json("status")
    assert status["profile_is_default"] is False
    assert status["magnesium"]["rda_mg"] == 420.0
    assert status["calcium"]["rda_mg"] == 1000.0


def test_colour_only_when_asked_or_on_a_terminal(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seed_day(cli)
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[32m" in cli.ok("status").out
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in cli.ok("status").out


def test_colour_on_a_real_terminal(tmp_path: Path) -> None:
    """stdout a pseudo-terminal, NO_COLOR unset: colours; NO_COLOR set: none."""

    def on_terminal(extra: dict[str, str]) -> str:
        leader, follower = pty.openpty()
        env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
        env |= {"MGTUI_DATA_DIR": str(tmp_path), "MGTUI_NOW": NOW, **extra}
        process = subprocess.run(
            [sys.executable, "-m", "mgtui", "status"],
            stdout=follower,
            stderr=subprocess.PIPE,
            env=env,
            timeout=60,
        )
        os.close(follower)
        assert process.returncode == 0, process.stderr
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the terminal's other end is closed and drained
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(leader)
        return b"".join(chunks).decode()

    assert "\x1b[" in on_terminal({})
    assert "\x1b[" not in on_terminal({"NO_COLOR": "1"})


def test_history_newest_first_with_days(cli: Cli) -> None:
    seed_day(cli)
    seed_day(cli, YESTERDAY)
    cli.ok("add", "almonds", "1 oz", "--date", "2026-10-01")
    rows = cli.json("history")
    assert [row["date"] for row in rows] == [TODAY, YESTERDAY, "2026-10-01"]
    assert all(set(row) >= HISTORY_FIELDS for row in rows)
    assert (rows[0]["magnesium_mg"], rows[0]["supplement_mg"], rows[0]["calcium_mg"]) == (
        312.0,
        120.0,
        289.0,
    )
    assert (rows[0]["ratio"], rows[0]["percent_of_rda"]) == (0.93, 98.0)
    assert [row["date"] for row in cli.json("history", "--days", "2")] == [TODAY, YESTERDAY]
    assert [row["date"] for row in cli.json("history", "--days", "1")] == [TODAY]
    assert len(cli.json("history", "--days", "60")) == 3


def test_history_table(cli: Cli) -> None:
    seed_day(cli)
    assert cli("take", "Oxide", "--mg", "400", "--form", "oxide", "--date", YESTERDAY).code == 0
    lines = cli.ok("history").out.splitlines()
    assert lines[0].split() == [
        "DATE",
        "MAGNESIUM",
        "%RDA",
        "BAR",
        "SUPPLEMENTS",
        "CALCIUM",
        "CA:MG",
        "RATIO",
    ]
    assert lines[1].startswith(f"{TODAY}     312 mg   98%  ")
    assert "120 mg" in lines[1] and lines[1].endswith("0.93  low")
    assert "OVER 400 mg" in lines[2]
    assert lines[2].endswith("0.00  low")
    assert lines[-1] == (
        "target 320 mg magnesium (RDA, female, 51+ years), supplements limit 350 mg, "
        "Ca:Mg band 2.2–3.2"
    )


def test_history_of_nothing(cli: Cli) -> None:
    assert cli.ok("history").out == "nothing logged\n"
    assert cli.json("history") == []
