"""benchmarks/run.py --quick runs from start to end and reports every figure.

The benchmark itself is not a test (its numbers depend on the machine); this only
checks that the one command keeps working as the code under it changes.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def figure_names() -> tuple[str, ...]:
    spec = importlib.util.spec_from_file_location("bench_run", BENCHMARKS / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # run.py imports its sibling modules, and its dataclasses look their module up;
    # none of them stays behind to shadow a same-named module in another test.
    sys.path.insert(0, str(BENCHMARKS))
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCHMARKS))
        for name, loaded in list(sys.modules.items()):
            if Path(getattr(loaded, "__file__", None) or "/").parent == BENCHMARKS:
                del sys.modules[name]
    names: tuple[str, ...] = module.FIGURE_NAMES
    return names


@pytest.mark.slow
def test_quick_run_prints_and_writes_every_figure(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--quick", "--results", str(results)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    written = results.read_text(encoding="utf-8")
    names = figure_names()
    assert len(names) == 9
    for name in names:
        assert name in done.stdout
        assert f"| {name} |" in written
    assert "Machine:" in written and "Textual" in written
