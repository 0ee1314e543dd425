"""Running ``mgtui`` in tests: in-process through ``main()`` (fast), or as a real process.

Both use a private data folder and a frozen clock (``MGTUI_NOW``), so what a test
logs "now" lands on a known day and time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mgtui.cli.main import main

NOW = "2026-11-22T08:30"
TODAY = "2026-11-22"
YESTERDAY = "2026-11-21"


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()

    def json(self) -> Any:
        return json.loads(self.out)


class Cli:
    """``cli("add", "almonds")`` runs ``main`` against ``data_dir`` and captures output."""

    def __init__(
        self,
        data_dir: Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        self.data_dir = data_dir
        self._capsys = capsys
        monkeypatch.setenv("MGTUI_DATA_DIR", str(data_dir))
        monkeypatch.setenv("MGTUI_NOW", NOW)
        monkeypatch.delenv("MGTUI_TODAY", raising=False)
        monkeypatch.delenv("FORCE_COLOR", raising=False)
        monkeypatch.setenv("NO_COLOR", "1")
        monkeypatch.setenv("COLUMNS", "120")

    def __call__(self, *args: str) -> Result:
        self._capsys.readouterr()  # drop anything printed before
        code = main(list(args))
        captured = self._capsys.readouterr()
        return Result(code, captured.out, captured.err)

    def ok(self, *args: str) -> Result:
        """Run a command that must succeed quietly (nothing on stderr)."""
        result = self(*args)
        assert result.code == 0, result.err
        assert result.err == "", result.err
        return result

    def json(self, *args: str) -> Any:
        return self.ok(*args, "--json").json()

    @property
    def data_file(self) -> Path:
        return self.data_dir / "mgtui.json"


def run_mgtui(
    *args: str, data_dir: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m mgtui ARGS`` as a separate process (the real entry point)."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("MGTUI_") and key not in ("FORCE_COLOR", "NO_COLOR")
    }
    environment["MGTUI_NOW"] = NOW
    environment["NO_COLOR"] = "1"
    if data_dir is not None:
        environment["MGTUI_DATA_DIR"] = str(data_dir)
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "mgtui", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )
