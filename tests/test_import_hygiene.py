"""The layers stay apart: pure rules load neither the UI nor the storage.

Each check runs in a fresh interpreter so nothing another test imported counts.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

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
def test_domain_imports_neither_textual_nor_tinydb(statement: str) -> None:
    loaded = top_level(modules_after_import(statement))
    assert "textual" not in loaded
    assert "tinydb" not in loaded
    assert "rich" not in loaded


def test_cli_entry_point_does_not_import_textual() -> None:
    loaded = top_level(
        modules_after_import(
            "import mgtui.cli; from mgtui.cli.main import build_parser; build_parser()"
        )
    )
    assert "textual" not in loaded


def test_cli_loads_the_web_server_only_when_serve_runs() -> None:
    # textual-serve pulls in aiohttp and jinja2: every other command must start without.
    loaded = top_level(
        modules_after_import(
            "import mgtui.cli.serve; from mgtui.cli.main import build_parser; "
            "build_parser().parse_args(['serve', '--port', '8765'])"
        )
    )
    assert not loaded & {"textual_serve", "aiohttp", "jinja2", "aiohttp_jinja2", "textual"}


def test_the_web_server_module_does_not_load_the_app() -> None:
    # Each browser tab runs the app in its own process; the server itself never needs it.
    loaded = modules_after_import("import mgtui.serve.server")
    assert "textual_serve" in top_level(loaded)
    assert "mgtui.tui" not in loaded


def test_a_tabs_app_process_loads_nothing_of_the_web_server() -> None:
    # Each tab starts as `python -m mgtui.serve.tab`: it should start as fast as the app.
    loaded = top_level(modules_after_import("import mgtui.serve.tab"))
    assert not loaded & {"textual_serve", "aiohttp", "jinja2", "aiohttp_jinja2", "textual"}


def test_reading_an_existing_log_takes_no_lock_and_loads_no_filelock(tmp_path: Path) -> None:
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
    assert "orjson" in loaded  # the log was read
    # The folder was given: platformdirs (~8 ms of imports) is for finding the default.
    assert "platformdirs" not in loaded


def test_reading_a_day_loads_no_module_only_writes_and_repairs_need(tmp_path: Path) -> None:
    # What `mgtui status` and the app's start do: open a sound log and read the day, the
    # profile and the notices. Writes, undo, repairs, exports and imports load the rest.
    folder = tmp_path / "data"
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import datetime as dt; from mgtui.domain.entries import Entry; "
            "from mgtui.store import Repository; "
            f"Repository.open({str(folder)!r}).log(Entry(id='', date=dt.date.today(), "
            "time=dt.time(8), kind='food', name='Nuts', amount='1 oz', "
            "magnesium_mg=76.0, calcium_mg=75.0))",
        ],
        check=True,
    )
    loaded = modules_after_import(
        "import datetime as dt; from mgtui.store import Repository; "
        f"repo = Repository.open({str(folder)!r}); assert repo.entries_on(dt.date.today()); "
        "repo.profile(); repo.profile_asked(); repo.pop_notices(); repo.close()"
    )
    store_only_for_others = {
        f"mgtui.store.{name}"
        for name in ("damage", "exchange", "merge", "migrations", "recovery", "restore", "undo")
    }
    assert not loaded & (store_only_for_others | {"tempfile", "secrets", "threading"})
    # TinyDB's tables are made by the first write: a read looks at the loaded tables.
    assert not {"tinydb", "mgtui.store.tables"} & loaded
    assert "mgtui.store.layout" in loaded


def _imports_of(path: Path, package_root: Path) -> set[str]:
    """The mgtui modules a source file imports, at any depth (TYPE_CHECKING included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("mgtui"):
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("mgtui"))
    return found


def test_no_module_imports_one_that_imports_it_back() -> None:
    """No import cycle in the package, not even one that exists only for types."""
    root = Path(__file__).parent.parent / "src"
    modules = {
        ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__"): path
        for path in (root / "mgtui").rglob("*.py")
    }
    graph = {
        name: {target for target in _imports_of(path, root) if target in modules and target != name}
        for name, path in modules.items()
    }
    # Importing a package's module does not import back the package's own __init__.
    for name, targets in graph.items():
        targets.difference_update(
            {n for n in targets if name.startswith(n + ".") and modules[n].name == "__init__.py"}
        )

    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycles.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)
    assert cycles == []


def test_the_app_module_imports_no_section_screen_at_start() -> None:
    """Sections are built on first use: only Today's screen loads with the app."""
    loaded = modules_after_import("import mgtui.tui.app")
    for module in ("food_search", "supplements", "history", "insights", "profile", "help"):
        assert f"mgtui.tui.screens.{module}" not in loaded


def test_the_store_still_offers_the_names_it_loads_on_first_use() -> None:
    import mgtui.store
    from mgtui.store import (
        EXPORT_FORMAT,
        EXPORT_VERSION,
        ImportResult,
        SetAsideRecord,
        damage,
        exchange,
    )

    assert (EXPORT_FORMAT, EXPORT_VERSION) == (exchange.EXPORT_FORMAT, exchange.EXPORT_VERSION)
    assert ImportResult is exchange.ImportResult
    assert SetAsideRecord is damage.SetAsideRecord
    with pytest.raises(AttributeError):
        mgtui.store.NoSuchName  # noqa: B018


def test_the_repository_stays_a_facade() -> None:
    """store/repository.py delegates to the store's modules: 600 lines at most."""
    source = Path(__file__).parent.parent / "src" / "mgtui" / "store" / "repository.py"
    assert len(source.read_text(encoding="utf-8").splitlines()) <= 600
