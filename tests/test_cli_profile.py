"""``mgtui profile``: the default said as such, changes saved, targets resolved."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_support import Cli
from mgtui.domain.targets import CustomTargets
from mgtui.store import Repository


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "data", monkeypatch, capsys)


def test_default_profile_is_said_to_be_one(cli: Cli) -> None:
    lines = cli.ok("profile").out.splitlines()
    assert lines[0].startswith("Profile: the default (female, 51+), not set by you")
    assert "  magnesium        320 mg (RDA), EAR 265 mg, food and supplements" in lines
    assert "  supplements      at most 350 mg of magnesium (supplemental upper limit)" in lines
    assert "  calcium          1200 mg (RDA), upper limit 2000 mg" in lines
    assert "  Ca:Mg band       2.2–3.2 (default; protective in observational studies)" in lines
    shown = cli.json("profile")
    assert shown["is_default"] is True
    assert shown["targets"]["magnesium_rda_mg"] == 320.0


def test_setting_the_profile_saves_and_shows_it(cli: Cli) -> None:
    result = cli.ok("profile", "--sex", "male", "--age", "35", "--ratio-band", "1.7-2.8")
    assert result.out.startswith("profile saved\nProfile\n")
    assert "  magnesium        420 mg (RDA), EAR 350 mg, food and supplements" in result.out
    assert "  Ca:Mg band       1.7–2.8 (Rosanoff et al., Adv Nutr 2016)" in result.out
    with Repository.open(cli.data_dir) as repo:
        profile = repo.profile()
    assert (profile.sex, profile.age, profile.ratio_band) == ("male", 35.0, (1.7, 2.8))
    assert profile.is_default is False
    # Options change only what they name.
    cli.ok("profile", "--age", "52")
    shown = cli.json("profile")
    assert (shown["sex"], shown["age"], shown["ratio_band"]) == ("male", 52.0, [1.7, 2.8])


def test_pregnancy_lactation_and_kidney_disease(cli: Cli) -> None:
    shown = cli.json("profile", "--sex", "female", "--age", "28", "--pregnant")
    assert shown["pregnant"] is True
    assert shown["targets"]["stage"] == "pregnancy, 19–30 years"
    assert shown["targets"]["magnesium_rda_mg"] == 350.0
    shown = cli.json("profile", "--lactating")
    assert (shown["pregnant"], shown["lactating"]) == (False, True)
    assert shown["targets"]["magnesium_rda_mg"] == 310.0
    shown = cli.json("profile", "--neither", "--kidney-disease", "yes")
    assert (shown["lactating"], shown["kidney_disease"]) == (False, True)
    assert "Kidney disease: magnesium supplements need your doctor's advice" in (
        cli.ok("profile").out
    )


def test_published_band_keys(cli: Cli) -> None:
    assert cli.json("profile", "--ratio-band", "costello-2021")["ratio_band"] == [1.7, 2.6]
    assert cli.json("profile", "--ratio-band", "seeds")["ratio_band"] == [2.2, 3.2]


def test_custom_targets_and_back_to_the_tables(cli: Cli) -> None:
    shown = cli.json(
        "profile", "--mg-target", "360", "--supplement-limit", "250", "--ca-target", "1000"
    )
    assert shown["targets"]["magnesium_rda_mg"] == 360.0
    assert shown["targets"]["supplement_limit_mg"] == 250.0
    assert shown["targets"]["calcium_rda_mg"] == 1000.0
    assert shown["targets"]["custom_fields"] == [
        "magnesium_rda_mg",
        "supplement_limit_mg",
        "calcium_rda_mg",
    ]
    text = cli.ok("profile").out
    assert "  magnesium        360 mg (your own), EAR 265 mg" in text
    assert "  supplements      at most 250 mg of magnesium (your own)" in text
    status = cli.json("status")
    assert (status["magnesium"]["rda_mg"], status["supplement"]["limit_mg"]) == (360.0, 250.0)

    shown = cli.json("profile", "--mg-target", "none", "--supplement-limit", "none")
    assert shown["targets"]["magnesium_rda_mg"] == 320.0
    assert shown["custom"] == {
        "magnesium_rda_mg": None,
        "supplement_limit_mg": None,
        "calcium_rda_mg": 1000.0,
    }
    with Repository.open(cli.data_dir) as repo:
        assert repo.profile().custom == CustomTargets(calcium_rda_mg=1000.0)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--age", "500"), "age of 500 is not plausible (at most 120)"),
        (("--age", "-3"), "age cannot be below 0"),
        (("--ratio-band", "3-2"), "a ratio band needs 0 < low < high <= 20"),
        (("--ratio-band", "wide"), "a ratio band is written LOW-HIGH"),
        (("--sex", "male", "--pregnant"), "pregnancy and lactation apply to the female profile"),
        (("--mg-target", "0"), "--mg-target must be more than 0 mg"),
        (("--ca-target", "lots"), "--ca-target must be a number"),
        (("--sex", "other"), "argument --sex: invalid choice: 'other'"),
        (("--pregnant", "--lactating"), "not allowed with argument"),
    ],
)
def test_bad_profile_values_change_nothing(cli: Cli, args: tuple[str, ...], message: str) -> None:
    cli.ok("profile", "--age", "63")
    before = cli.data_file.read_bytes()
    result = cli("profile", *args)
    assert result.code == 2
    assert message in result.err
    assert len(result.err_lines) == 1
    assert cli.data_file.read_bytes() == before


def test_setting_the_profile_again_replaces_an_unusable_saved_one(cli: Cli) -> None:
    import orjson

    cli.ok("profile", "--sex", "female", "--age", "63")
    data = orjson.loads(cli.data_file.read_bytes())
    data["profile"]["1"]["sex"] = "male"  # a hand edit the rules refuse: a pregnant man
    data["profile"]["1"]["pregnant"] = True
    cli.data_file.write_bytes(orjson.dumps(data))
    # Never stuck: the unusable profile is set aside (doctor shows it), the default used.
    status = cli("status", "--json")
    assert status.code == 0 and status.json()["profile_is_default"] is True
    assert "the profile cannot be used" in status.err and "mgtui doctor" in status.err
    fixed = cli("profile", "--sex", "female", "--age", "60")
    assert fixed.code == 0
    assert cli("profile", "--json").json()["age"] == 60
    assert cli("status").code == 0
