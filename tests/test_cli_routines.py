"""``mgtui edit``, ``copy`` and ``routine save|list|log|rm``: what a person sees and what the
log holds after; routines in exports, imports and a damaged file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from cli_support import TODAY, YESTERDAY, Cli
from mgtui.logbook.session import Logbook
from mgtui.store import Repository

LOG_FIELDS = {
    "id", "date", "time", "kind", "name", "food_id", "amount", "grams", "magnesium_mg",
    "calcium_mg",
}  # fmt: skip
ITEM_FIELDS = {"kind", "name", "food_id", "amount", "magnesium_mg", "calcium_mg"}
TWO_DAYS_AGO = "2026-11-20"


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "data", monkeypatch, capsys)


def morning(cli: Cli, date: str = YESTERDAY) -> list[str]:
    """Pumpkin seeds 1 oz (167.8 mg), whole milk 1 cup (24.4 mg, 275.7 mg Ca) and 200 mg
    magnesium citrate, logged at 07:30-08:00 on ``date``; their ids."""
    return [
        cli.json("add", "12014", "1 oz", "--date", date, "--time", "07:30")["id"],
        cli.json("add", "01077", "1 cup", "--date", date, "--time", "07:35")["id"],
        cli.json("take", "Mag citrate", "--mg", "200", "--date", date, "--time", "08:00")["id"],
    ]


def day(cli: Cli, date: str) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = cli.json("log", "--date", date)
    return entries


def bad(cli: Cli, *args: str) -> str:
    """A command that must fail as bad input: exit 2, one line, the file unchanged."""
    before = cli.data_file.read_bytes() if cli.data_file.exists() else None
    result = cli(*args)
    assert result.code == 2, result
    assert len(result.err_lines) == 1 and result.out == ""
    assert (cli.data_file.read_bytes() if cli.data_file.exists() else None) == before
    return result.err


# -- edit -------------------------------------------------------------------------------


def test_edit_rescales_the_amount_from_the_entrys_own_numbers(cli: Cli) -> None:
    seeds, _, citrate = morning(cli, TODAY)
    changed = cli.json("edit", seeds, "2", "oz")
    assert set(changed) >= LOG_FIELDS
    assert (changed["amount"], changed["grams"], changed["magnesium_mg"]) == ("2 oz", 56.7, 335.7)
    assert (changed["date"], changed["time"]) == (TODAY, "07:30")
    plain = cli.ok("edit", citrate, "0.5").out.splitlines()
    assert plain[0] == (
        f"changed {citrate} (2026-11-22 08:00): Mag citrate — 0.5 servings: 100.0 mg Mg, 0.0 mg Ca"
    )
    assert plain[1] == (
        "Sunday 22 November 2026: magnesium 460 / 320 mg (144%), calcium 302 / 1200 mg"
    )


def test_edit_moves_an_entry_to_its_true_time_and_day(cli: Cli) -> None:
    seeds, *_ = morning(cli, TODAY)
    assert cli.json("edit", seeds, "--time", "21:05")["time"] == "21:05"
    moved = cli.json("edit", seeds, "--date", "yesterday")
    assert (moved["date"], moved["time"], moved["magnesium_mg"]) == (YESTERDAY, "21:05", 167.8)
    assert [e["id"] for e in day(cli, YESTERDAY)] == [seeds]
    assert seeds not in [e["id"] for e in day(cli, TODAY)]


def test_an_edit_is_undone_back_to_its_day_time_and_amount(cli: Cli) -> None:
    seeds, *_ = morning(cli, TODAY)
    with Repository.open(cli.data_dir) as repo:
        logbook = Logbook(repo)
        logbook.edit(seeds, "2 oz")
        logbook.edit(seeds, day=dt.date(2026, 11, 20), time=dt.time(21, 0))
        assert repo.entries_on(dt.date(2026, 11, 22))[0].id != seeds
        assert repo.undo() == (
            "changed Seeds, pumpkin and squash seed kernels, dried back to 2 oz on 2026-11-22 07:30"
        )
        repo.undo()
        entry = repo.get_entry(seeds)
        assert [e.id for e in repo.entries_on(dt.date(2026, 11, 20))] == []
    assert (entry.amount, entry.date.isoformat(), f"{entry.time:%H:%M}") == ("1 oz", TODAY, "07:30")
    assert entry.magnesium_mg == pytest.approx(167.832)


def test_an_edit_past_the_limit_warns_as_take_does(cli: Cli) -> None:
    _, _, citrate = morning(cli, TODAY)
    result = cli("edit", citrate, "2", "--json")
    assert result.code == 0
    assert result.json()["magnesium_mg"] == 400.0
    assert result.err_lines == [
        "mgtui: warning: This takes today's supplemental magnesium to 400 mg, over the "
        "350 mg/day limit by 50 mg. Diarrhea is the first sign of too much; ask your clinician."
    ]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("nope", "2 oz"), "no entry with id 'nope'"),
        (("{id}",), "give a new AMOUNT, --time or --date"),
        (("{id}", "-5g"), "more than"),
        (("{id}", "abc"), ""),
        (("{id}", "--time", "25:00"), "not a time of day"),
        (("{id}", "--date", "2026-02-30"), "not a real date"),
    ],
)
def test_bad_edits_are_one_line_and_change_nothing(
    cli: Cli, args: tuple[str, ...], says: str
) -> None:
    seeds, *_ = morning(cli, TODAY)
    assert says in bad(cli, "edit", *(arg.format(id=seeds) for arg in args))


# -- routines ---------------------------------------------------------------------------


def test_save_list_log_and_remove_a_routine(cli: Cli) -> None:
    morning(cli)
    saved = cli.ok("routine", "save", "Morning", "--from-date", "yesterday").out.splitlines()
    assert saved == [
        "saved routine Morning: 3 items, 392 mg Mg",
        "  1. Seeds, pumpkin and squash seed kernels, dried — 1 oz (28.35 g): 168 mg Mg",
        "  2. Milk, whole, 3.25% milkfat, with added vitamin D — 1 cup (244 g): 24 mg Mg",
        "  3. Mag citrate (supplement) — 1 serving: 200 mg Mg",
    ]
    assert cli.ok("routine", "list").out.splitlines() == [
        saved[0].removeprefix("saved routine "),
        *saved[1:],
    ]
    logged = cli.ok("routine", "log", "morning", "--time", "07:45").out.splitlines()
    assert logged[0] == "logged routine Morning: 3 entries"
    assert logged[-2:] == [
        "Sunday 22 November 2026: magnesium 392 / 320 mg (123%), calcium 289 / 1200 mg",
        "supplemental magnesium on Sunday 22 November 2026: 200 / 350 mg limit, "
        "150 mg under the limit",
    ]
    today = day(cli, TODAY)
    assert [(e["time"], e["magnesium_mg"]) for e in today] == [
        ("07:45", 167.8), ("07:45", 24.4), ("07:45", 200.0)
    ]  # fmt: skip
    again = cli.ok(
        "routine",
        "save",
        "morning",
        "--from-date",
        YESTERDAY,
        "--ids",
        day(cli, YESTERDAY)[0]["id"],
    )
    assert again.out.splitlines()[0] == "replaced routine morning: 1 item, 168 mg Mg"
    assert cli.ok("routine", "rm", "MORNING").out == (
        "deleted routine morning (entries logged from it stay)\n"
    )
    assert cli.json("routine", "list") == []
    assert len(day(cli, TODAY)) == 3


def test_routine_list_json_has_the_contracts_fields(cli: Cli) -> None:
    seeds, _, citrate = morning(cli)
    cli.ok("routine", "save", "Pair", "--from-date", YESTERDAY, "--ids", f"{citrate},{seeds}")
    [routine] = cli.json("routine", "list")
    assert routine["name"] == "Pair"
    assert [set(item) >= ITEM_FIELDS for item in routine["items"]] == [True, True]
    supplement, seeds_item = routine["items"]
    assert (supplement["kind"], supplement["magnesium_mg"], supplement["food_id"]) == (
        "supplement", 200.0, None
    )  # fmt: skip
    assert (seeds_item["food_id"], seeds_item["amount"], seeds_item["calcium_mg"]) == (
        "12014", "1 oz", 13.0
    )  # fmt: skip


def test_a_routine_log_past_the_limit_warns_as_take_does(cli: Cli) -> None:
    morning(cli)
    cli.ok("routine", "save", "Morning", "--from-date", YESTERDAY)
    cli.ok("take", "Mag citrate", "--mg", "200", "--time", "07:00")
    result = cli("routine", "log", "Morning", "--json")
    assert result.code == 0
    assert [entry["time"] for entry in result.json()] == ["08:30"] * 3
    assert result.err_lines[0].startswith(
        "mgtui: warning: This takes today's supplemental magnesium to 400 mg, over the "
        "350 mg/day limit by 50 mg."
    )


def test_a_routine_logs_on_another_day_at_the_time_given(cli: Cli) -> None:
    morning(cli)
    cli.ok("routine", "save", "Morning", "--from-date", YESTERDAY)
    cli.ok("routine", "log", "Morning", "--date", TWO_DAYS_AGO, "--time", "06:50")
    assert {e["time"] for e in day(cli, TWO_DAYS_AGO)} == {"06:50"}


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("routine", "save", "Empty", "--from-date", TWO_DAYS_AGO), "nothing is logged on"),
        (("routine", "save", "X", "--from-date", YESTERDAY, "--ids", "nope"), "no entry with id"),
        (("routine", "save", "Bad\x1b[2J", "--from-date", YESTERDAY), "control character"),
        (("routine", "save", " ", "--from-date", YESTERDAY), "needs a name"),
        (("routine", "save", "X", "--from-date", "2026-13-01"), "not a real date"),
        (("routine", "log", "Evening"), "no routine named 'Evening'; saved: Morning"),
        (("routine", "log", "Morning", "--time", "7pm"), "not a time"),
        (("routine", "rm", "Evening"), "no routine named 'Evening'"),
    ],
)
def test_bad_routine_commands_are_one_line_and_change_nothing(
    cli: Cli, args: tuple[str, ...], says: str
) -> None:
    morning(cli)
    cli.ok("routine", "save", "Morning", "--from-date", YESTERDAY)
    err = bad(cli, *args)
    assert says in err and "\x1b" not in err


# -- copy -------------------------------------------------------------------------------


def test_copy_a_day_to_today_with_its_own_numbers_and_times(cli: Cli) -> None:
    morning(cli)
    out = cli.ok("copy", "--from", "yesterday").out.splitlines()
    assert out[0] == f"copied 3 entries from {YESTERDAY}"
    copied = day(cli, TODAY)
    assert [(e["time"], e["name"], e["magnesium_mg"]) for e in copied] == [
        ("07:30", "Seeds, pumpkin and squash seed kernels, dried", 167.8),
        ("07:35", "Milk, whole, 3.25% milkfat, with added vitamin D", 24.4),
        ("08:00", "Mag citrate", 200.0),
    ]
    assert len(day(cli, YESTERDAY)) == 3  # the source stays


def test_copy_only_supplements_to_another_day_as_json(cli: Cli) -> None:
    morning(cli)
    copied = cli.json("copy", "--from", YESTERDAY, "--to", TWO_DAYS_AGO, "--only", "supplements")
    assert [(e["date"], e["kind"], e["magnesium_mg"]) for e in copied] == [
        (TWO_DAYS_AGO, "supplement", 200.0)
    ]
    foods = cli.json("copy", "--from", YESTERDAY, "--only", "foods")
    assert [e["kind"] for e in foods] == ["food", "food"]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("copy", "--from", TWO_DAYS_AGO), f"no entries on {TWO_DAYS_AGO} to copy"),
        (("copy", "--from", TODAY), "the same day"),
        (("copy", "--from", "2026-02-30"), "not a real date"),
        (("copy", "--from", YESTERDAY, "--only", "pills"), "invalid choice"),
    ],
)
def test_bad_copies_are_one_line_and_change_nothing(
    cli: Cli, args: tuple[str, ...], says: str
) -> None:
    morning(cli)
    assert says in bad(cli, *args)


# -- routines in exports, imports and damaged files --------------------------------------


@pytest.mark.parametrize("file_format", ["json", "csv"])
def test_routines_travel_in_an_export(
    cli: Cli,
    tmp_path: Path,
    file_format: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    morning(cli)
    cli.ok("routine", "save", "Morning", "--from-date", YESTERDAY)
    listed = cli.json("routine", "list")
    exported = tmp_path / f"all.{file_format}"
    cli.ok("export", "--format", file_format, "--output", str(exported))
    other = Cli(tmp_path / "other", monkeypatch, capsys)
    assert other.ok("import", str(exported)).out.endswith("1 routines added\n")
    assert other.json("routine", "list") == listed


def test_an_export_from_before_routines_still_imports(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    morning(cli)
    exported = tmp_path / "old.json"
    cli.ok("export", "--output", str(exported))
    document = json.loads(exported.read_text())
    del document["routines"]
    exported.write_text(json.dumps(document))
    other = Cli(tmp_path / "other", monkeypatch, capsys)
    other.ok("import", str(exported))
    assert other.json("routine", "list") == []
    assert len(other.json("log", "--date", YESTERDAY)) == 3


def test_a_damaged_routine_is_set_aside_and_the_rest_kept(cli: Cli) -> None:
    morning(cli)
    cli.ok("routine", "save", "Morning", "--from-date", YESTERDAY)
    cli.ok(
        "routine", "save", "Seeds", "--from-date", YESTERDAY, "--ids", day(cli, YESTERDAY)[0]["id"]
    )
    data = json.loads(cli.data_file.read_text())
    for document in data["routines"].values():
        if document["name"] == "Morning":
            document["items"][0][3] = "lots"  # magnesium that is not a number
    cli.data_file.write_text(json.dumps(data))
    result = cli("routine", "list", "--json")
    assert result.code == 0
    assert [routine["name"] for routine in result.json()] == ["Seeds"]
    assert "routine 'Morning', item 1: magnesium 'lots'" in result.err


# -- a routine built item by item ---------------------------------------------------------


def test_a_routine_built_item_by_item_and_an_item_removed(cli: Cli) -> None:
    cli.ok("supplement", "add", "Calcium citrate + D", "--ca", "500", "--vitamin-d-iu", "1000")
    made = cli.ok("routine", "add-item", "Breakfast", "pumpkin seeds", "1", "oz").out
    assert made.splitlines() == [
        'matched "pumpkin seeds" → 12014',
        "made routine Breakfast: 1 item, 168 mg Mg",
        "  + Seeds, pumpkin and squash seed kernels, dried — 1 oz (28.35 g): 167.8 mg Mg, "
        "13.0 mg Ca",
        "  1. Seeds, pumpkin and squash seed kernels, dried — 1 oz (28.35 g): 168 mg Mg",
    ]
    added = cli.ok(
        "routine", "add-item", "breakfast", "--supplement", "calcium citrate + d", "--servings", "2"
    ).out.splitlines()
    assert added[:2] == [
        "added to routine Breakfast: 2 items, 168 mg Mg",
        "  + Calcium citrate + D — 2 servings: 0.0 mg Mg, 1000.0 mg Ca, 2000 IU vitamin D",
    ]
    # Without an amount: the first USDA portion, and the output says so.
    milk = cli.ok("routine", "add-item", "Breakfast", "01077").out.splitlines()
    assert milk[1].endswith("(USDA's first portion)")
    [routine] = cli.json("routine", "list")
    assert [(i["name"], i["amount"], i["calcium_mg"]) for i in routine["items"]] == [
        ("Seeds, pumpkin and squash seed kernels, dried", "1 oz", 13.0),
        ("Calcium citrate + D", "2 servings", 1000.0),
        ("Milk, whole, 3.25% milkfat, with added vitamin D", "1 cup", 275.7),
    ]
    assert set(routine["items"][0]) >= ITEM_FIELDS
    removed = cli.json("routine", "rm-item", "Breakfast", "1")
    assert [i["amount"] for i in removed["items"]] == ["2 servings", "1 cup"]
    logged = cli.json("routine", "log", "Breakfast", "--time", "07:00")
    assert [e["calcium_mg"] for e in logged] == [1000.0, 275.7]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("Breakfast",), "routine add-item: give FOOD [AMOUNT] or --supplement PRODUCT"),
        (("Breakfast", "oats", "--supplement", "Zinc"), "give FOOD [AMOUNT] or --supplement"),
        (("Breakfast", "oats", "--servings", "2"), "--servings goes with --supplement PRODUCT"),
        (("Breakfast", "oats", "-5g"), "the amount must be more than zero, not '-5g'"),
        (("Breakfast", "--supplement", "Zinc"), "'Zinc' is not a saved supplement"),
        (("Breakfast", "%s%n"), "no food matches '%s%n'"),
    ],
)
def test_add_item_refuses_bad_input_and_changes_nothing(
    cli: Cli, args: tuple[str, ...], message: str
) -> None:
    cli.ok("routine", "add-item", "Breakfast", "12014", "1 oz")
    assert message in bad(cli, "routine", "add-item", *args)


def test_rm_item_refuses_a_bad_number_and_the_last_item(cli: Cli) -> None:
    cli.ok("routine", "add-item", "Snack", "12061", "1 oz")
    assert "not 'two'" in bad(cli, "routine", "rm-item", "Snack", "two")
    assert "has items 1 to 1, not 2" in bad(cli, "routine", "rm-item", "Snack", "2")
    assert "delete the routine instead" in bad(cli, "routine", "rm-item", "Snack", "1")
    assert "no routine named 'Lunch'" in bad(cli, "routine", "rm-item", "Lunch", "1")


def test_copy_only_the_ids_given(cli: Cli) -> None:
    seeds, _, citrate = morning(cli)
    copied = cli.json("copy", "--from", "yesterday", "--ids", f"{citrate},{seeds}")
    # In the order given; each at its own time.
    assert [(e["name"], e["time"]) for e in copied] == [
        ("Mag citrate", "08:00"),
        ("Seeds, pumpkin and squash seed kernels, dried", "07:30"),
    ]
    assert "has no entry with id 'nope'" in bad(cli, "copy", "--from", YESTERDAY, "--ids", "nope")


def test_copying_a_day_twice_does_not_count_it_twice(cli: Cli) -> None:
    morning(cli)
    first = cli.json("copy", "--from", YESTERDAY)
    assert len(first) == 3
    again = cli("copy", "--from", YESTERDAY)
    assert again.code == 2 and f"every entry of {YESTERDAY} is on {TODAY} already" in again.err
    assert len(day(cli, TODAY)) == 3
    chosen = cli("copy", "--from", YESTERDAY, "--ids", day(cli, YESTERDAY)[0]["id"])
    assert chosen.code == 0 and len(day(cli, TODAY)) == 4  # chosen by id: copied anyway
