"""``mgtui supplement add|list|rm`` and ``mgtui food add|list|rm``."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_support import Cli
from mgtui.domain.supplements import SupplementProduct
from mgtui.store import Repository


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "data", monkeypatch, capsys)


def test_supplement_add_list_rm(cli: Cli) -> None:
    result = cli.ok(
        "supplement", "add", "Mag Glycinate", "--mg", "120", "--form", "bisglycinate",
        "--serving", "2 capsules",
    )  # fmt: skip
    assert result.out == (
        "saved Mag Glycinate (glycinate): 120.0 mg Mg, 0.0 mg Ca per 2 capsules\n"
        "log a serving with: mgtui take 'Mag Glycinate'\n"
    )
    with Repository.open(cli.data_dir) as repo:
        assert repo.supplement_product("mag glycinate") == SupplementProduct(
            "Mag Glycinate", "glycinate", 120.0, 0.0, "2 capsules"
        )
    cli.ok("supplement", "add", "Cal-Mag", "--mg", "200", "--ca", "400", "--form", "citrate")
    listing = cli.ok("supplement", "list").out.splitlines()
    assert listing[0].split() == ["NAME", "FORM", "MG/SERVING", "CA/SERVING", "SERVING", "COMPOUND"]
    assert listing[1].split() == ["Cal-Mag", "citrate", "200.0", "400.0", "1", "serving"]
    assert listing[2].split() == ["Mag", "Glycinate", "glycinate", "120.0", "0.0", "2", "capsules"]
    assert cli.json("supplement", "list") == [
        {
            "name": "Cal-Mag",
            "form": "citrate",
            "magnesium_mg": 200.0,
            "calcium_mg": 400.0,
            "serving": "1 serving",
            "compound_mg": None,
            "calcium_form": None,
            "calcium_compound_mg": None,
            "vitamin_d_iu": 0.0,
        },
        {
            "name": "Mag Glycinate",
            "form": "glycinate",
            "magnesium_mg": 120.0,
            "calcium_mg": 0.0,
            "serving": "2 capsules",
            "compound_mg": None,
            "calcium_form": None,
            "calcium_compound_mg": None,
            "vitamin_d_iu": 0.0,
        },
    ]
    assert cli.ok("supplement", "rm", "cal-mag").out.startswith("deleted Cal-Mag")
    assert [p["name"] for p in cli.json("supplement", "list")] == ["Mag Glycinate"]
    missing = cli("supplement", "rm", "Cal-Mag")
    assert (missing.code, missing.err) == (2, "mgtui: no saved supplement named 'Cal-Mag'\n")


def test_supplement_from_a_compound_weight(cli: Cli) -> None:
    result = cli.ok("supplement", "add", "Powder", "--compound-mg", "1000", "--form", "glycinate")
    assert result.out.splitlines()[0] == (
        "1000 mg magnesium glycinate × 14.1% elemental = 141.0 mg magnesium"
    )
    product = cli.json("supplement", "list")[0]
    assert (product["magnesium_mg"], product["compound_mg"]) == (141.0, 1000.0)
    assert cli.json("take", "Powder")["magnesium_mg"] == 141.0


def test_saving_a_name_again_replaces_it(cli: Cli) -> None:
    cli.ok("supplement", "add", "Mag", "--mg", "100")
    assert cli.ok("supplement", "add", "MAG", "--mg", "150").out.startswith("replaced MAG")
    assert [(p["name"], p["magnesium_mg"]) for p in cli.json("supplement", "list")] == [
        ("MAG", 150.0)
    ]


def test_supplement_that_looks_like_a_compound_weight_is_saved_with_a_warning(cli: Cli) -> None:
    result = cli("supplement", "add", "Glycinate 500", "--mg", "500", "--form", "glycinate")
    assert result.code == 0
    assert len(result.err_lines) == 1
    assert "unusual for glycinate" in result.err
    assert "--compound-mg 500 --form glycinate" in result.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("X",), "give --mg N or --compound-mg N --form FORM"),
        (("X", "--compound-mg", "500"), "--compound-mg needs --form"),
        (("X", "--mg", "100", "--form", "kryptonite"), "unknown magnesium form 'kryptonite'"),
        (("X", "--mg", "-5"), "magnesium cannot be below 0"),
        (("X", "--mg", "100", "--compound-mg", "5"), "not allowed with argument"),
        (("", "--mg", "100"), "a supplement needs a name"),
    ],
)
def test_bad_supplements_are_refused(cli: Cli, args: tuple[str, ...], message: str) -> None:
    result = cli("supplement", "add", *args)
    assert result.code == 2
    assert message in result.err
    assert len(result.err_lines) == 1


def test_food_add_list_rm(cli: Cli) -> None:
    result = cli.ok(
        "food", "add", "Spring water", "--per", "l", "--grams", "1000", "--mg", "120",
        "--ca", "300",
    )  # fmt: skip
    assert result.out == (
        "saved Spring water (custom-spring-water): 120.0 mg Mg, 300.0 mg Ca per 1 l (1000 g)\n"
        "log it with: mgtui add 'Spring water' 1 l\n"
    )
    listing = cli.ok("food", "list").out.splitlines()
    assert listing[1].split() == [
        "custom-spring-water", "Spring", "water", "1", "l", "(1000", "g)", "120.0", "300.0", "12.0",
    ]  # fmt: skip
    (food,) = cli.json("food", "list")
    assert food["id"] == "custom-spring-water"
    assert (food["magnesium_mg_per_100g"], food["calcium_mg_per_100g"]) == (12.0, 30.0)
    assert food["portions"] == [{"name": "l", "grams": 1000.0, "amount": 1.0}]
    assert food["custom"] is True

    entry = cli.json("add", "Spring water", "1.5", "l")
    assert (entry["food_id"], entry["magnesium_mg"], entry["calcium_mg"]) == (
        "custom-spring-water",
        180.0,
        450.0,
    )
    # Search finds it too, so a query works.
    assert cli.json("add", "spring wat", "1 l")["food_id"] == "custom-spring-water"

    assert cli.ok("food", "rm", "spring water").out.startswith(
        "deleted Spring water (custom-spring-water)"
    )
    assert cli.json("food", "list") == []
    assert len(cli.json("log")) == 2  # entries keep their own copy
    missing = cli("food", "rm", "Spring water")
    assert missing.code == 2
    assert "no custom food named 'Spring water'" in missing.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("W", "--per", "l", "--grams", "0", "--mg", "1"), "must be more than 0 g"),
        (("W", "--per", "l", "--grams", "99999", "--mg", "1"), "is not plausible"),
        (("W", "--per", "l", "--grams", "1000", "--mg", "nan"), "must be a finite number"),
        (("W", "--per", "l", "--grams", "1000"), "the following arguments are required: --mg"),
        (("  ", "--per", "l", "--grams", "1000", "--mg", "1"), "a custom food needs a name"),
    ],
)
def test_bad_custom_foods_are_refused(cli: Cli, args: tuple[str, ...], message: str) -> None:
    result = cli("food", "add", *args)
    assert result.code == 2
    assert message in result.err
    assert len(result.err_lines) == 1


def test_search_finds_custom_foods_too(cli: Cli) -> None:
    cli.ok("food", "add", "Spring water", "--per", "l", "--grams", "1000", "--mg", "120")
    [first, *_] = cli.json("search", "spring water", "--limit", "3")
    assert (first["id"], first["name"], first["custom"]) == (
        "custom-spring-water",
        "Spring water",
        True,
    )
    assert first["magnesium_mg_per_100g"] == 12.0
