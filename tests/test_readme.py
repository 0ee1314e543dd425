"""The README is the project's front page: its commands are CI's, its links resolve."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text("utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, flags=re.DOTALL)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


def test_the_quick_start_is_what_ci_runs() -> None:
    commands = quick_start_commands()
    install_and_run, install_and_test = commands[:2]
    assert install_and_run.endswith("&& .venv/bin/mgtui")
    ci = (REPO / ".ci" / "run").read_text("utf-8").splitlines()
    # The app is interactive, so CI runs the install and then asks the command its version.
    assert install_and_run.removesuffix(" && .venv/bin/mgtui") in ci
    assert install_and_test in ci


def test_every_relative_link_resolves() -> None:
    targets = re.findall(r"\]\(([^)#\s]+)\)", README)
    relative = [t for t in targets if "://" not in t]
    assert any(t.startswith("screenshots/") for t in relative)
    missing = [t for t in relative if not (REPO / t).exists()]
    assert missing == []
