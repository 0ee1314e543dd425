"""The installed command: version, help, and ``python -m mgtui``."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version

import mgtui


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mgtui", *args], capture_output=True, text=True, timeout=60
    )


def test_version_comes_from_the_package_metadata() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"mgtui {version('mgtui')}"
    assert mgtui.__version__ == version("mgtui")


def test_help_names_the_three_daily_questions() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "usage: mgtui" in result.stdout
    assert "350 mg/day limit" in result.stdout
    assert "calcium:magnesium ratio" in result.stdout


def test_unknown_option_is_one_clear_line_and_status_2() -> None:
    result = run("--frobnicate")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "unrecognized arguments: --frobnicate" in result.stderr
    assert "Traceback" not in result.stderr
