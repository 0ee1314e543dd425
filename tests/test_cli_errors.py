"""Bad input of every kind, through the real entry point (``python -m mgtui``): exit
status 2 (bad input) or 1 (the machine failed), one clear line on stderr, never a
traceback, and the data file byte for byte as it was."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli_support import run_mgtui
from mgtui.domain.entries import Entry
from mgtui.domain.supplements import SupplementProduct
from mgtui.logbook.drafts import make_custom_food
from mgtui.store import SCHEMA_VERSION, Repository


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with entries, a profile, a saved supplement and a custom food."""
    folder = tmp_path_factory.mktemp("seeded") / "data"
    import datetime as dt

    from mgtui.domain.targets import Profile

    with Repository.open(folder) as repo:
        repo.save_profile(Profile(sex="female", age=63))
        repo.save_supplement_product(SupplementProduct("Mag Glycinate", "glycinate", 120.0))
        repo.save_custom_food(make_custom_food("Spring water", "l", "1000", "120", "300"))
        for day in (dt.date(2026, 11, 21), dt.date(2026, 11, 22)):
            repo.log(
                Entry(
                    id="",
                    date=day,
                    time=dt.time(8, 0),
                    kind="food",
                    name="Nuts, almonds",
                    amount="1 oz",
                    magnesium_mg=76.0,
                    calcium_mg=74.8,
                    food_id="12061",
                    grams=28.35,
                )
            )
    return folder


@pytest.fixture
def data_dir(seeded: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(seeded, copy)
    return copy


@pytest.fixture
def broken_files(tmp_path: Path) -> Path:
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "broken.json").write_text('{"format": "mgtui-export", "version": 1, "entries": [')
    (folder / "wrong.json").write_text('{"format": "mgtui-export", "version": 1, "entries": 5}')
    (folder / "broken.csv").write_text("record,magnesium_mg\nexport,\nentry,lots\n")
    (folder / "binary").write_bytes(b"\xff\xfe\x00garbage")
    (folder / "a-file").write_text("not a folder")
    return folder


BAD_INPUT = [
    # unknown foods and amounts
    (["add", "xyzzyqqq"], "no food matches 'xyzzyqqq'"),
    # A query with no food word is refused, not matched to whatever comes first.
    (["add", "%s%s%n", "1", "oz"], "no food matches '%s%s%n' (none of its words"),
    (["add", "\x1b[2J\x1b[H", "1", "oz"], "no food matches '\\x1b[2J\\x1b[H'"),
    (["add", "12 oz"], "no food matches '12 oz' (none of its words"),
    (["add", "99999"], "no USDA food has the NDB number 99999"),
    (["add", ""], "FOOD is empty"),
    (["add", "almonds", "-5g"], "the amount must be more than zero, not '-5g'"),
    (["add", "almonds", "abc"], "Nuts, almonds has no portion 'abc'"),
    (["add", "almonds", "1e309"], "'1e309' is not a finite number"),
    (["add", "almonds", "nan"], "'nan' is not a number"),
    (["add", "almonds", "0"], "the amount must be more than zero, not '0'"),
    (["add", "almonds", "1e-7", "g"], "is less than 0.1 g: too little to log"),
    (["add", "almonds", "1/0", "cup"], "divides by zero"),
    (["add", "almonds", "20", "kg"], "more than 5 kg of one food"),
    (["add", "almonds", "1,5", "oz"], "write decimals with a dot"),
    (["add", "almonds", "100", "mg"], "mg measures a nutrient, not a food"),
    (["add", "spring water", "3", "tons"], "Spring water has no portion 'tons'"),
    # dates and times
    (["add", "almonds", "--date", "2026-02-30"], "--date: 2026-02-30 is not a real date"),
    (["add", "almonds", "--date", "22/11/2026"], "is not a date; write YYYY-MM-DD"),
    (["add", "almonds", "--time", "25:00"], "--time: 25:00 is not a time of day"),
    (["add", "almonds", "--time", "noon"], "'noon' is not a time; write HH:MM"),
    (["status", "--date", "2026-13-01"], "--date: 2026-13-01 is not a real date"),
    (["log", "--date", "tomorrow"], "'tomorrow' is not a date"),
    (["--date", "2026-02-30"], "--date: 2026-02-30 is not a real date"),
    (["--date", "2026-11-20", "rm", "x"], "--date before a command opens the app"),
    # entries
    (["rm", "deadbeef0000"], "no entry with id 'deadbeef0000'"),
    # supplements
    (["take", "X", "--mg", "-5"], "magnesium cannot be below 0"),
    (["take", "X", "--mg", "-5mg"], "magnesium cannot be below 0"),
    (["take", "X", "--ca", "-.5"], "calcium cannot be below 0"),
    (["take", "X", "--mg", "abc"], "magnesium must be a number, not 'abc'"),
    (["take", "X", "--mg", "1e309"], "magnesium must be a finite number"),
    (["take", "X", "--mg", "20000"], "is not plausible"),
    (["take", "X", "--compound-mg", "500", "--form", "kryptonite"], "unknown magnesium form"),
    (["take", "X", "--compound-mg", "500"], "--compound-mg needs --form"),
    (["take", "Mag Glycinate", "--servings", "1000"], "servings of 1000 is not plausible"),
    (["take", "Mag Glycinate", "--servings", "0"], "servings must be more than 0"),
    (["take", "Mag Glycinate", "--servings", "0.0000001"], "1e-07 servings is too little to log"),
    (["take", "Mag Glycinate", "--servings", "inf"], "servings must be a finite number"),
    (["take", "Unknown"], "'Unknown' is not a saved supplement"),
    (["take", "X", "--mg", "5", "--compound-mg", "5"], "not allowed with argument --mg"),
    (["supplement", "rm", "Nope"], "no saved supplement named 'Nope'"),
    (["supplement", "add", "X", "--ca", "-1"], "calcium cannot be below 0"),
    (["food", "add", "W", "--per", "l", "--grams", "-1", "--mg", "1"], "cannot be below 0"),
    (["food", "rm", "Nope"], "no custom food named 'Nope'"),
    # profile and history
    (["profile", "--ratio-band", "5-1"], "a ratio band needs 0 < low < high <= 20"),
    (["profile", "--ratio-band", "narrow"], "a ratio band is written LOW-HIGH"),
    (["profile", "--age", "500"], "age of 500 is not plausible"),
    (["profile", "--sex", "robot"], "invalid choice: 'robot'"),
    (["profile", "--kidney-disease", "maybe"], "invalid choice: 'maybe'"),
    (["history", "--days", "0"], "--days must be 1 to 36600, not 0"),
    (["history", "--days", "week"], "invalid int value: 'week'"),
    # import and export
    (["import", "{files}/missing.json"], "cannot read {files}/missing.json"),
    (["import", "{files}/broken.json"], "not valid JSON"),
    (["import", "{files}/wrong.json"], "entries must be a list — nothing was imported"),
    (["import", "{files}/broken.csv"], "magnesium_mg 'lots' is not a number"),
    (["import", "{files}/binary"], "not UTF-8 text"),
    (["export", "--output", "{files}/no/such/dir/x.json"], "cannot write"),
    (["export", "--output", "{files}"], "is a folder; give a file name"),
    (["export", "--format", "xml"], "invalid choice: 'xml'"),
    # the command line itself
    (["frobnicate"], "invalid choice: 'frobnicate'"),
    (["add", "almonds", "--frobnicate"], "unrecognized arguments: --frobnicate"),
    (["--data-dir", "{files}/a-file", "status"], "--data-dir: {files}/a-file is a file"),
]


@pytest.mark.parametrize(("args", "message"), BAD_INPUT, ids=[" ".join(a) for a, _ in BAD_INPUT])
def test_bad_input_exits_2_with_one_line_and_changes_nothing(
    data_dir: Path, broken_files: Path, args: list[str], message: str
) -> None:
    before = snapshot(data_dir)
    argv = [arg.replace("{files}", str(broken_files)) for arg in args]
    result = run_mgtui(*argv, data_dir=data_dir)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith("mgtui")
    assert message.replace("{files}", str(broken_files)) in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(data_dir) == before


def test_there_are_enough_bad_inputs() -> None:
    assert len(BAD_INPUT) >= 25


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in the data folder (the log and its lock), by name and content."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_a_frozen_clock_that_is_not_a_date_is_bad_input(data_dir: Path) -> None:
    before = snapshot(data_dir)
    result = run_mgtui("add", "almonds", data_dir=data_dir, env={"MGTUI_NOW": "soon"})
    assert (result.returncode, result.stderr) == (
        2,
        "mgtui: MGTUI_NOW='soon' is not a date and time like 2026-11-22T08:30\n",
    )
    assert snapshot(data_dir) == before


def test_data_dir_from_the_environment_that_is_a_file(broken_files: Path) -> None:
    result = run_mgtui("status", env={"MGTUI_DATA_DIR": str(broken_files / "a-file")})
    assert (result.returncode, result.stderr) == (
        2,
        f"mgtui: MGTUI_DATA_DIR: {broken_files / 'a-file'} is a file, not a folder\n",
    )


def test_data_dir_option_wins_over_the_environment(data_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    result = run_mgtui(
        "--data-dir", str(other), "add", "almonds", env={"MGTUI_DATA_DIR": str(data_dir)}
    )
    assert result.returncode == 0, result.stderr
    with Repository.open(other) as repo:
        assert [e.name for e in repo.all_entries()] == ["Nuts, almonds"]
    with Repository.open(data_dir) as repo:
        assert len(repo.all_entries()) == 2


def test_a_damaged_file_is_moved_aside_with_one_notice(data_dir: Path) -> None:
    log = data_dir / "mgtui.json"
    log.write_bytes(b'{"meta": {"1": {"schema": 1}}, "days": {"739')
    damaged = log.read_bytes()
    result = run_mgtui("status", "--json", data_dir=data_dir)
    assert result.returncode == 0
    assert json.loads(result.stdout)["magnesium"]["total_mg"] == 0.0
    (notice,) = result.stderr.splitlines()
    assert notice.startswith("mgtui: mgtui.json could not be read (")
    assert "and a new, empty log was started; 'mgtui doctor --recover " in notice
    assert notice.endswith("brings back its valid records")
    (moved,) = data_dir.glob("mgtui.json.corrupt-*")
    assert str(moved) in notice
    assert moved.read_bytes() == damaged  # kept byte for byte
    assert "Traceback" not in result.stderr


def test_a_file_from_a_newer_mgtui_is_left_alone(data_dir: Path) -> None:
    log = data_dir / "mgtui.json"
    document = json.loads(log.read_bytes())
    document["meta"]["1"]["schema"] = 99
    log.write_text(json.dumps(document))
    before = snapshot(data_dir)
    for args in (["status"], ["add", "almonds"], ["log", "--json"]):
        result = run_mgtui(*args, data_dir=data_dir)
        assert result.returncode == 1
        assert result.stdout == ""
        assert result.stderr == (
            f"mgtui: {log} was written by a newer version of mgtui (data format 99; this "
            f"version understands up to {SCHEMA_VERSION}). Please upgrade mgtui; the file was "
            "not changed\n"
        )
    assert snapshot(data_dir) == before


@pytest.fixture
def read_only_data_dir(seeded: Path) -> Iterator[Path]:
    """The seeded folder on a file system mounted read-only (root), or a 0500 folder."""
    mount_point = Path(tempfile.mkdtemp(prefix="mgtui-ro-"))
    if os.geteuid() != 0:
        folder = mount_point / "data"
        shutil.copytree(seeded, folder)
        folder.chmod(0o500)
        try:
            yield folder
        finally:
            folder.chmod(0o700)
            shutil.rmtree(mount_point)
        return
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(mount_point)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        mount_point.rmdir()
        pytest.skip("root, and cannot mount a tmpfs to make read-only")
    try:
        shutil.copytree(seeded, mount_point / "data")
        subprocess.run(["mount", "-o", "remount,ro", str(mount_point)], check=True)
        yield mount_point / "data"
    finally:
        subprocess.run(["umount", "--lazy", str(mount_point)], check=True)
        mount_point.rmdir()


def test_a_read_only_data_folder_exits_1(read_only_data_dir: Path) -> None:
    before = snapshot(read_only_data_dir)
    result = run_mgtui("add", "almonds", data_dir=read_only_data_dir)
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"mgtui: cannot save to {read_only_data_dir / 'mgtui.json'}")
    assert result.stderr.endswith("— your data is unchanged\n")
    # Reading still works.
    status = run_mgtui("status", "--json", data_dir=read_only_data_dir)
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout)["magnesium"]["food_mg"] == 76.0
    assert snapshot(read_only_data_dir) == before


def test_an_unexpected_error_is_one_line_too(data_dir: Path) -> None:
    # A bug (simulated: a broken food table) still ends as one line, status 1.
    script = (
        "import sys\n"
        "import mgtui.foods.search as search\n"
        "def broken(*args, **kwargs): raise RuntimeError('boom')\n"
        "search.search_hits = broken\n"
        "from mgtui.cli import main\n"
        "sys.exit(main(['add', 'almonds']))\n"
    )
    env = {**os.environ, "MGTUI_DATA_DIR": str(data_dir)}
    env.pop("MGTUI_DEBUG", None)
    import sys

    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 1
    assert result.stderr == (
        "mgtui: unexpected error: RuntimeError: boom (run with MGTUI_DEBUG=1 for details)\n"
    )
