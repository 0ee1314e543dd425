"""The ``mgtui`` entry point: help, version, opening the app, the clock, and speed
(scripting commands never load Textual)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import types
from collections.abc import Callable
from pathlib import Path

import pytest

from cli_support import NOW, TODAY, Cli, run_mgtui
from mgtui.cli.common import now, parse_date, parse_time
from mgtui.cli.errors import UsageError
from mgtui.store import Repository

COMMANDS = [
    "search",
    "add",
    "take",
    "log",
    "rm",
    "status",
    "history",
    "report",
    "profile",
    "supplement",
    "food",
    "export",
    "import",
    "demo",
]


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "data", monkeypatch, capsys)


def test_version(cli: Cli) -> None:
    result = cli("--version")
    assert result.code == 0
    assert result.out.startswith("mgtui ")
    assert run_mgtui("--version").stdout == result.out


def test_help_lists_every_command(cli: Cli) -> None:
    result = cli("--help")
    assert result.code == 0
    listed = result.out.split("commands:")[1]
    for command in COMMANDS:
        assert f"    {command} " in listed
    assert "MGTUI_NOW" in result.out


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(cli: Cli, command: str) -> None:
    result = cli(command, "--help")
    assert result.code == 0
    assert result.out.startswith(f"usage: mgtui {command}")


@pytest.mark.parametrize(
    ("words", "usage"),
    [
        (["supplement", "add"], "usage: mgtui supplement add [-h] [--mg N | --compound-mg N]"),
        (["food", "add"], "usage: mgtui food add [-h] --per PORTION --grams G --mg N [--ca N]"),
    ],
)
def test_nested_help(cli: Cli, words: list[str], usage: str) -> None:
    result = cli(*words, "--help")
    assert result.code == 0
    assert result.out.startswith(usage)
    assert "examples:" in result.out


def test_supplement_without_an_action_is_a_usage_error(cli: Cli) -> None:
    result = cli("supplement")
    assert result.code == 2
    assert "the following arguments are required: ACTION" in result.err


# -- opening the app ------------------------------------------------------------------


@pytest.fixture
def fake_app(monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, dt.date]]:
    """A stand-in for mgtui.tui.launch that records how it was called."""
    calls: list[tuple[object, dt.date]] = []
    module = types.ModuleType("mgtui.tui.launch")

    def run_app(repo: object, day: dt.date, *, now: Callable[[], dt.datetime]) -> int:
        assert now() == dt.datetime(2026, 11, 22, 8, 30)  # the CLI's frozen clock
        calls.append((repo, day))
        return 0

    module.run_app = run_app  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "mgtui.tui.launch", module)
    return calls


def test_no_command_opens_the_app_on_today(
    cli: Cli, fake_app: list[tuple[object, dt.date]]
) -> None:
    assert cli.ok().code == 0
    ((repo, day),) = fake_app
    assert isinstance(repo, Repository)
    assert repo.data_dir == cli.data_dir
    assert day == dt.date(2026, 11, 22)


def test_date_opens_the_app_on_that_day(cli: Cli, fake_app: list[tuple[object, dt.date]]) -> None:
    cli.ok("--date", "2026-03-01")
    assert fake_app[0][1] == dt.date(2026, 3, 1)


def test_the_collector_pauses_for_a_command_but_never_for_the_app_demo_or_serve(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from mgtui.cli import status

    seen: list[bool] = []
    real_status = status.run_status

    def watched(args: object) -> int:
        seen.append(gc.isenabled())
        return real_status(args)  # type: ignore[arg-type]

    monkeypatch.setattr(status, "run_status", watched)
    assert gc.isenabled()
    cli.ok("status")
    assert seen == [False] and gc.isenabled()  # back on when the command is done
    assert cli("status", "--date", "2026-02-30").code == 2
    assert gc.isenabled()  # and after a failure

    app_seen: list[bool] = []
    module = types.ModuleType("mgtui.tui.launch")

    def run_app(repo: object, day: dt.date, *, now: Callable[[], dt.datetime]) -> int:
        app_seen.append(gc.isenabled())
        return 0

    module.run_app = run_app  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "mgtui.tui.launch", module)
    cli.ok()
    assert app_seen == [True]  # the app runs for hours, with the collector on

    from mgtui.cli import demo, serve

    long_seen: list[tuple[str, bool]] = []
    for module, name, command in ((demo, "run_demo", "demo"), (serve, "run_serve", "serve")):

        def record(args: object, command: str = command) -> int:
            long_seen.append((command, gc.isenabled()))
            return 0

        monkeypatch.setattr(module, name, record)
        cli.ok(command)
    assert long_seen == [("demo", True), ("serve", True)]  # they open the app or a server


def test_the_real_app_module_takes_a_repository_and_a_day() -> None:
    launch = pytest.importorskip("mgtui.tui.launch", reason="the app is built on another branch")
    assert callable(launch.run_app)


def test_date_before_a_command_is_the_commands_date(cli: Cli) -> None:
    entry = cli.json("--date", "2026-11-01", "add", "almonds")
    assert entry["date"] == "2026-11-01"
    assert cli.json("--date", "2026-11-01", "log")[0]["id"] == entry["id"]
    # The command's own --date wins.
    assert cli.json("--date", "2026-11-01", "log", "--date", "2026-11-02") == []


# -- the clock ------------------------------------------------------------------------


def test_frozen_clock() -> None:
    assert now({"MGTUI_NOW": "2026-11-22T08:30"}) == dt.datetime(2026, 11, 22, 8, 30)
    assert now({"MGTUI_NOW": "2026-11-22 21:05:59"}) == dt.datetime(2026, 11, 22, 21, 5)
    today_only = now({"MGTUI_TODAY": "2024-02-29"})
    assert today_only.date() == dt.date(2024, 2, 29)
    real = now({})
    assert abs(real - dt.datetime.now()) < dt.timedelta(minutes=2)
    assert real.second == 0


def test_parse_date_and_time() -> None:
    today = dt.date(2026, 3, 1)
    assert parse_date("2024-02-29") == dt.date(2024, 2, 29)
    assert parse_date(" Yesterday ", today=today) == dt.date(2026, 2, 28)
    assert parse_date("today", today=today) == today
    assert parse_time("8:05") == dt.time(8, 5)
    assert parse_time("23:59") == dt.time(23, 59)
    for bad in ("2025-02-29", "2026-1-5", "20260105", "2026-01-05T08:00", ""):
        with pytest.raises(UsageError):
            parse_date(bad)
    for bad in ("24:00", "12:60", "8", "08:30:00", "8.30", "-1:00"):
        with pytest.raises(UsageError):
            parse_time(bad)


def test_real_entry_point_logs_with_the_frozen_clock(tmp_path: Path) -> None:
    result = run_mgtui("add", "pumpkin seeds", "1", "oz", "--json", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    entry = json.loads(result.stdout)
    assert (entry["date"], entry["time"], entry["food_id"]) == (TODAY, NOW[-5:], "12014")
    assert entry["magnesium_mg"] == 167.8
    status = run_mgtui("status", data_dir=tmp_path)
    assert "168 / 320 mg  53%" in status.stdout
    assert (tmp_path / "mgtui.json").stat().st_mode & 0o777 == 0o600


# -- speed: no Textual for scripting commands -------------------------------------------


def test_scripting_commands_never_import_textual(tmp_path: Path) -> None:
    probe = f"""
import json, os, sys
os.environ["MGTUI_DATA_DIR"] = {str(tmp_path)!r}
os.environ["MGTUI_NOW"] = {NOW!r}
from mgtui.cli.main import main
codes = [
    main(["add", "almonds", "1 oz"]),
    main(["take", "Glycinate", "--mg", "120"]),
    main(["status"]),
    main(["status", "--json"]),
    main(["log"]),
    main(["history"]),
    main(["profile"]),
    main(["supplement", "list"]),
    main(["food", "list"]),
    main(["export"]),
    main(["--help"]),
]
print(json.dumps([codes, sorted(sys.modules)]), file=sys.stderr)
"""
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
    )
    codes, modules = json.loads(result.stderr.splitlines()[-1])
    assert codes == [0] * len(codes)
    loaded = {name.split(".")[0] for name in modules}
    assert "textual" not in loaded
    assert "rich" not in loaded
    assert "mgtui.tui" not in modules


def test_the_parser_alone_loads_neither_the_store_nor_the_food_table() -> None:
    probe = (
        "import sys; from mgtui.cli.main import build_parser; build_parser();"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('tinydb', 'filelock', 'orjson', 'textual') or m.startswith('mgtui.store') "
        "or m == 'mgtui.foods.search'))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr


def test_command_modules_name_every_command_of_the_full_parser() -> None:
    import argparse

    from mgtui.cli.main import COMMAND_MODULES, COMMANDS, Parser, build_parser, command_module

    for module in COMMANDS:
        commands = Parser(prog="mgtui").add_subparsers(parser_class=Parser)
        command_module(module).register(commands)
        owned = {name for name, owner in COMMAND_MODULES.items() if owner is module}
        assert set(commands.choices) == owned
    (full,) = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    assert set(full.choices) == set(COMMAND_MODULES)


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--data-dir", "/tmp/x"],
        ["--date", "2026-11-20"],
        ["status"],
        ["--data-dir", "status", "history", "--days", "3"],
        ["--date", "yesterday", "log"],
        ["add", "pumpkin seeds", "1", "oz", "--date", "2026-11-20"],
        ["supplement", "add", "Mag", "--form", "glycinate", "--mg", "120"],
        ["routine", "log", "Morning"],
        ["serve", "--port", "8765"],
    ],
)
def test_a_command_line_parses_the_same_with_only_its_command(argv: list[str]) -> None:
    from mgtui.cli.main import _parse, build_parser

    assert vars(_parse(list(argv))) == vars(build_parser().parse_args(list(argv)))
