"""Every test runs away from the real user's data: whatever a test or a command it
starts does not point at its own folder lands in a per-test temporary one."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _no_real_user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # MGTUI_DATA_DIR for code that reads it; XDG_DATA_HOME for platformdirs, which a
    # subprocess started with a cleaned environment still consults.
    monkeypatch.setenv("MGTUI_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
