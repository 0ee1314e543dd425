"""``mgtui add``, ``take``, ``log`` and ``rm``: what a person sees and what the log holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_support import TODAY, YESTERDAY, Cli
from mgtui.store import Repository

LOG_FIELDS = {
    "id",
    "date",
    "time",
    "kind",
    "name",
    "food_id",
    "amount",
    "grams",
    "magnesium_mg",
    "calcium_mg",
}


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "data", monkeypatch, capsys)


def stored(cli: Cli) -> list[dict[str, object]]:
    with Repository.open(cli.data_dir) as repo:
        return [
            {"name": e.name, "mg": e.magnesium_mg, "ca": e.calcium_mg, "product": e.product}
            for e in repo.all_entries()
        ]


# -- add ----------------------------------------------------------------------------------


def test_add_by_query_names_the_match_and_logs_one_ounce(cli: Cli) -> None:
    result = cli.ok("add", "pumpkin seeds", "1 oz")
    lines = result.out.splitlines()
    assert lines[0] == 'matched "pumpkin seeds" → 12014'
    assert lines[1].endswith(
        "(08:30): Seeds, pumpkin and squash seed kernels, dried — 1 oz (28.35 g): "
        "167.8 mg Mg, 13.0 mg Ca"
    )
    assert lines[2] == (
        "Sunday 22 November 2026: magnesium 168 / 320 mg (53%), calcium 13 / 1200 mg"
    )
    assert stored(cli)[0]["mg"] == pytest.approx(167.832)


def test_amount_may_be_several_words(cli: Cli) -> None:
    one_word = cli.json("add", "almonds", "1oz")
    words = cli.json("add", "almonds", "1", "oz")
    assert one_word["amount"] == words["amount"] == "1 oz"
    assert one_word["magnesium_mg"] == words["magnesium_mg"] == 76.5  # 270 mg/100 g × 28.35 g


def test_add_by_ndb_number_and_grams(cli: Cli) -> None:
    entry = cli.json("add", "12061", "30g")
    assert set(entry) >= LOG_FIELDS
    assert entry["food_id"] == "12061"
    assert entry["name"] == "Nuts, almonds"
    assert (entry["amount"], entry["grams"], entry["magnesium_mg"]) == ("30 g", 30.0, 81.0)
    assert (entry["kind"], entry["date"], entry["time"]) == ("food", TODAY, "08:30")
    assert "query" not in entry
    plain = cli.ok("add", "01077", "1 cup").out
    assert "— 1 cup (244 g): 24.4 mg Mg, 275.7 mg Ca" in plain
    assert "matched" not in plain


def test_ndb_number_without_its_leading_zero(cli: Cli) -> None:
    assert cli.json("add", "1077")["food_id"] == "01077"


def test_default_amount_is_one_first_portion(cli: Cli) -> None:
    entry = cli.json("add", "12014")
    assert (entry["amount"], entry["grams"], entry["magnesium_mg"]) == ("1 cup", 129.0, 763.7)


def test_json_names_the_query_used(cli: Cli) -> None:
    entry = cli.json("add", "boiled spinach", "100g")
    assert entry["query"] == "boiled spinach"
    assert entry["food_id"] == "11458"
    assert entry["magnesium_mg"] == 87.0


def test_date_and_time(cli: Cli) -> None:
    entry = cli.json("add", "almonds", "1 oz", "--date", "2026-11-20", "--time", "7:05")
    assert (entry["date"], entry["time"]) == ("2026-11-20", "07:05")
    assert cli.json("add", "almonds", "--date", "yesterday")["date"] == YESTERDAY
    assert "07:05  food  Nuts, almonds" in cli.ok("log", "--date", "2026-11-20").out


def test_custom_food_by_name_and_volume(cli: Cli) -> None:
    cli.ok("food", "add", "Spring water", "--per", "l", "--grams", "1000", "--mg", "120")
    result = cli.ok("add", "spring water", "0.5", "l")
    assert "matched" not in result.out  # a custom food's own name is not a guess
    assert "Spring water — 1/2 l (500 g): 60.0 mg Mg, no Ca value" in result.out
    assert cli.json("add", "Spring water", "250 ml")["magnesium_mg"] == 30.0


def test_unquoted_multiword_food_gets_a_hint(cli: Cli) -> None:
    result = cli("add", "pumpkin", "seeds", "1", "oz")
    assert result.code == 2
    assert 'quote it: mgtui add "pumpkin seeds" 1 oz' in result.err
    assert len(result.err_lines) == 1
    assert not cli.data_file.exists() or stored(cli) == []


# -- take ---------------------------------------------------------------------------------


def test_take_compound_weight_prints_the_conversion(cli: Cli) -> None:
    result = cli.ok("take", "Glycinate", "--compound-mg", "500", "--form", "glycinate")
    lines = result.out.splitlines()
    assert lines[0] == "500 mg magnesium glycinate × 14.1% elemental = 70.5 mg magnesium"
    assert "Glycinate (glycinate) — 1 serving: 70.5 mg Mg, 0.0 mg Ca" in lines[1]
    assert lines[2] == (
        "supplemental magnesium on Sunday 22 November 2026: 71 / 350 mg limit, "
        "279 mg under the limit"
    )


def test_take_compound_with_servings(cli: Cli) -> None:
    result = cli.ok(
        "take", "Glycinate", "--compound-mg", "500", "--form", "bisglycinate", "--servings", "2"
    )
    assert result.out.splitlines()[0] == (
        "500 mg magnesium glycinate × 14.1% elemental = 70.5 mg magnesium a serving; × 2 = 141.0 mg"
    )
    assert stored(cli)[0]["mg"] == pytest.approx(141.0)


def test_over_the_limit_is_logged_with_a_warning(cli: Cli) -> None:
    cli.ok("take", "Oxide", "--mg", "300", "--form", "oxide")
    result = cli("take", "Oxide", "--mg", "100", "--form", "oxide")
    assert result.code == 0
    assert "400 / 350 mg limit, OVER the limit by 50 mg" in result.out
    assert result.err_lines == [
        "mgtui: warning: This takes today's supplemental magnesium to 400 mg, over the "
        "350 mg/day limit by 50 mg. Diarrhea is the first sign of too much; ask your clinician."
    ]
    assert [e["mg"] for e in stored(cli)] == [300.0, 100.0]


def test_elemental_that_looks_like_a_compound_weight_warns(cli: Cli) -> None:
    result = cli("take", "Glycinate", "--mg", "500", "--form", "glycinate", "--json")
    assert result.code == 0
    warning = result.err_lines[0]
    assert "500 mg as elemental magnesium is unusual for glycinate (14.1% magnesium)" in warning
    assert "about 71 mg" in warning
    assert "--compound-mg 500 --form glycinate" in warning
    shown = result.json()
    assert shown["magnesium_mg"] == 500.0
    assert shown["warnings"][0] == warning.removeprefix("mgtui: warning: ")
    assert shown["supplement"] == {"magnesium_mg": 500.0, "limit_mg": 350.0, "over_limit": True}


def test_timing_tip_when_calcium_and_magnesium_are_close(cli: Cli) -> None:
    cli.ok("take", "Magnesium", "--mg", "200", "--time", "08:30")
    result = cli.ok("take", "Calcium citrate", "--ca", "500", "--time", "09:15")
    assert "Tip: Calcium (09:15) and magnesium (08:30) supplements were taken within 2 hours" in (
        result.out
    )
    far = cli.ok("take", "Calcium citrate", "--ca", "400", "--date", "yesterday", "--time", "20:00")
    assert "Tip" not in far.out


def test_kidney_disease_warns_at_any_dose(cli: Cli) -> None:
    cli.ok("profile", "--kidney-disease", "yes")
    result = cli("take", "Magnesium", "--mg", "50")
    assert result.code == 0
    assert result.err_lines == [
        "mgtui: warning: Your profile notes kidney disease: supplements, magnesium above all, "
        "need your doctor's advice at any dose."
    ]


def test_saved_supplement_uses_its_label(cli: Cli) -> None:
    cli.ok("supplement", "add", "Mag Glycinate", "--mg", "120", "--form", "glycinate")
    entry = cli.json("take", "mag glycinate", "--servings", "2")
    assert (entry["name"], entry["product"], entry["form"]) == (
        "Mag Glycinate",
        "Mag Glycinate",
        "glycinate",
    )
    assert (entry["amount"], entry["servings"], entry["magnesium_mg"]) == ("2 servings", 2.0, 240.0)


def test_numbers_given_for_a_saved_supplement_win_for_that_entry(cli: Cli) -> None:
    cli.ok("supplement", "add", "Cal-Mag", "--mg", "120", "--ca", "300", "--form", "citrate")
    result = cli.ok("take", "Cal-Mag", "--mg", "60")
    assert "the saved label of Cal-Mag is unchanged" in result.out
    assert "Cal-Mag (citrate) — 1 serving: 60.0 mg Mg, 300.0 mg Ca" in result.out
    compound = cli.json("take", "Cal-Mag", "--compound-mg", "1000")  # the saved form converts
    assert (compound["magnesium_mg"], compound["calcium_mg"]) == (162.0, 300.0)
    assert [e["product"] for e in stored(cli)] == [None, None]
    assert cli.json("supplement", "list")[0]["magnesium_mg"] == 120.0


def test_unknown_supplement_needs_amounts(cli: Cli) -> None:
    cli.ok("supplement", "add", "Mag Glycinate", "--mg", "120")
    result = cli("take", "Magnesium")
    assert result.code == 2
    assert result.err_lines == [
        "mgtui: 'Magnesium' is not a saved supplement: give --mg N (elemental magnesium a "
        "serving) or --compound-mg N --form FORM, and --ca N for calcium; saved: Mag Glycinate"
    ]


def test_calcium_only_supplement_and_big_dose_tip(cli: Cli) -> None:
    result = cli.ok("take", "Calcium carbonate", "--ca", "600")
    assert "Calcium carbonate — 1 serving: 0.0 mg Mg, 600.0 mg Ca" in result.out
    assert "Tip: A single calcium supplement of 600 mg" in result.out


# -- log and rm ---------------------------------------------------------------------------


def test_log_table_and_json(cli: Cli) -> None:
    food = cli.json("add", "pumpkin seeds", "1 oz", "--time", "07:00")
    supplement = cli.json("take", "Glycinate", "--mg", "120", "--form", "glycinate")
    lines = cli.ok("log").out.splitlines()
    assert lines[0] == "Sunday 22 November 2026: 2 entries"
    assert lines[1].split() == ["ID", "TIME", "KIND", "ITEM", "AMOUNT", "MG", "CA"]
    assert lines[2].startswith(f"{food['id']}  07:00  food  Seeds, pumpkin")
    # Whole milligrams, as the day's total shows them, adding up to it.
    assert lines[2].split()[-5:] == ["1", "oz", "(28.35", "g)", "168", "13"][-5:]
    assert lines[3].startswith(f"{supplement['id']}  08:30  supp  Glycinate (glycinate)")
    assert lines[3].split()[-4:] == ["1", "serving", "120", "0"]
    assert lines[4].split() == ["total", "288", "13"]

    entries = cli.json("log")
    assert [e["id"] for e in entries] == [food["id"], supplement["id"]]
    assert all(set(e) >= LOG_FIELDS for e in entries)
    assert entries[1]["kind"] == "supplement" and entries[1]["food_id"] is None


def test_log_of_an_empty_day(cli: Cli) -> None:
    empty = cli.ok("log", "--date", "2026-01-01").out
    assert empty == "nothing logged on Thursday 01 January 2026\n"
    assert cli.json("log", "--date", "2026-01-01") == []


def test_rm_deletes_and_unknown_id_is_bad_input(cli: Cli) -> None:
    entry = cli.json("add", "almonds", "1 oz")
    result = cli.ok("rm", entry["id"])
    assert result.out == (
        f"deleted {entry['id']} (08:30): Nuts, almonds — 1 oz (28.35 g): 76.5 mg Mg, 76.3 mg Ca\n"
    )
    assert cli.json("log") == []
    again = cli("rm", entry["id"])
    assert (again.code, again.err) == (2, f"mgtui: no entry with id '{entry['id']}'\n")


# -- remembered portions ------------------------------------------------------------------


def test_add_without_an_amount_uses_the_last_portion_and_says_so(cli: Cli) -> None:
    first = cli.ok("add", "pumpkin seeds").out
    assert "1 cup (129 g)" in first and "(USDA's first portion)" in first
    cli.ok("add", "pumpkin seeds", "1 oz")
    again = cli.ok("add", "pumpkin seeds").out
    assert "— 1 oz (28.35 g): 167.8 mg Mg" in again and "(your last portion)" in again
    shown = cli.json("add", "pumpkin seeds")
    assert (shown["amount"], shown["portion_from"]) == ("1 oz", "last")


def test_add_half_a_cup_of_almonds_is_whole_unless_ground_was_logged_last(cli: Cli) -> None:
    out = cli.ok("add", "almonds", "½", "cup").out
    assert "Nuts, almonds — 1/2 cup, whole (71.5 g): 193.1 mg Mg" in out
    cli.ok("add", "12061", "1 cup ground")
    out = cli.ok("add", "almonds", "1/2", "cup").out
    assert "1/2 cup, ground (47.5 g)" in out


def test_a_date_after_tomorrow_is_refused_with_the_year_to_check(cli: Cli) -> None:
    result = cli("add", "almonds", "1 oz", "--date", "2062-11-22")
    assert result.code == 2
    assert result.err_lines == [
        "mgtui: --date: 2062-11-22 is 13,149 days ahead; mgtui goes as far as tomorrow "
        "(2026-11-23): check the year"
    ]
    assert not cli.data_file.exists() or cli.json("log", "--date", "2026-11-23") == []
    cli.ok("add", "almonds", "1 oz", "--date", "2026-11-23")  # tomorrow is fine
    assert cli("status", "--date", "2026-11-25").code == 2
