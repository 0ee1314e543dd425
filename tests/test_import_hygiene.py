"""The layers stay apart: pure rules load neither the UI nor the storage.

Each check runs in a fresh interpreter so nothing another test imported counts.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def modules_after_import(statement: str) -> set[str]:
    code = f"{statement}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    output = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    return set(json.loads(output))


def top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


@pytest.mark.parametrize(
    "statement",
    [
        "import mgtui.domain, mgtui.domain.summary, mgtui.domain.targets, mgtui.domain.supplements",
        "import mgtui.domain.history, mgtui.domain.reference, mgtui.domain.entries",
        "import mgtui.domain.insights",
    ],
)
def test_domain_imports_neither_textual_nor_tinydb(statement: str):
    loaded = top_level(modules_after_import(statement))
    assert "textual" not in loaded
    assert "tinydb" not in loaded
    assert "rich" not in loaded


def test_cli_entry_point_does_not_import_textual():
    loaded = top_level(
        modules_after_import(
            "import mgtui.cli; from mgtui.cli.main import build_parser; build_parser()"
        )
    )
    assert "textual" not in loaded


def test_cli_loads_the_web_server_only_when_serve_runs():
    # textual-serve pulls in aiohttp and jinja2: every other command must start without.
    loaded = top_level(
        modules_after_import(
            "import mgtui.cli.serve; from mgtui.cli.main import build_parser; "
            "build_parser().parse_args(['serve', '--port', '8765'])"
        )
    )
    assert not loaded & {"textual_serve", "aiohttp", "jinja2", "aiohttp_jinja2", "textual"}


def test_the_web_server_module_does_not_load_the_app():
    # Each browser tab runs the app in its own process; the server itself never needs it.
    loaded = modules_after_import("import mgtui.serve.server")
    assert "textual_serve" in top_level(loaded)
    assert "mgtui.tui" not in loaded


def test_a_tabs_app_process_loads_nothing_of_the_web_server():
    # Each tab starts as `python -m mgtui.serve.tab`: it should start as fast as the app.
    loaded = top_level(modules_after_import("import mgtui.serve.tab"))
    assert not loaded & {"textual_serve", "aiohttp", "jinja2", "aiohttp_jinja2", "textual"}


def test_reading_an_existing_log_takes_no_lock_and_loads_no_filelock(tmp_path):
    # Reads take no inter-process lock, so `mgtui status` need not load filelock (and
    # the logging and inspect modules it brings): it starts that much sooner.
    folder = tmp_path / "data"
    subprocess.run(
        [
            sys.executable,
            "-c",
            f"from mgtui.store import Repository; Repository.open({str(folder)!r})",
        ],
        check=True,
    )
    loaded = top_level(
        modules_after_import(
            "import datetime as dt; from mgtui.store import Repository; "
            f"Repository.open({str(folder)!r}).entries_on(dt.date.today())"
        )
    )
    assert "filelock" not in loaded
    assert "tinydb" in loaded
