"""Every row of DOMAIN.md's tables, the age boundaries, and the profile rules."""

from __future__ import annotations

import pytest

from mgtui.domain.targets import (
    DEFAULT_PROFILE,
    CustomTargets,
    Profile,
    ProfileError,
    parse_ratio_band,
    resolve_targets,
)

# (age, sex, RDA, EAR, supplement UL) — DOMAIN.md, magnesium table, one row each.
MAGNESIUM_ROWS = [
    (0.25, "female", 30, None, None),
    (0.25, "male", 30, None, None),
    (0.75, "female", 75, None, None),
    (2, "female", 80, 65, 65),
    (2, "male", 80, 65, 65),
    (6, "female", 130, 110, 110),
    (6, "male", 130, 110, 110),
    (11, "female", 240, 200, 350),
    (11, "male", 240, 200, 350),
    (16, "male", 410, 340, 350),
    (16, "female", 360, 300, 350),
    (25, "male", 400, 330, 350),
    (25, "female", 310, 255, 350),
    (40, "male", 420, 350, 350),
    (40, "female", 320, 265, 350),
    (60, "male", 420, 350, 350),
    (60, "female", 320, 265, 350),
    (85, "female", 320, 265, 350),
]


@pytest.mark.parametrize(("age", "sex", "rda", "ear", "limit"), MAGNESIUM_ROWS)
def test_magnesium_rows(
    age: float, sex: str, rda: float, ear: float | None, limit: float | None
) -> None:
    targets = resolve_targets(Profile(sex=sex, age=age))  # type: ignore[arg-type]
    assert targets.magnesium_rda_mg == rda
    assert targets.magnesium_ear_mg == ear
    assert targets.supplement_limit_mg == limit


def test_infants_have_an_adequate_intake_and_no_limit() -> None:
    targets = resolve_targets(Profile(age=0.25))
    assert targets.magnesium_is_adequate_intake
    assert targets.supplement_limit_mg is None
    assert not resolve_targets(Profile(age=1)).magnesium_is_adequate_intake


@pytest.mark.parametrize(
    ("age", "pregnant", "rda", "ear"),
    [
        (17, True, 400, 335),
        (25, True, 350, 290),
        (40, True, 360, 300),
        (17, False, 360, 300),
        (25, False, 310, 255),
        (40, False, 320, 265),
    ],
)
def test_pregnancy_and_lactation_rows(age: float, pregnant: bool, rda: float, ear: float) -> None:
    profile = Profile(age=age, pregnant=pregnant, lactating=not pregnant)
    targets = resolve_targets(profile)
    assert (targets.magnesium_rda_mg, targets.magnesium_ear_mg) == (rda, ear)
    assert targets.supplement_limit_mg == 350


# (age, sex, calcium RDA, EAR, UL) — DOMAIN.md, calcium table, one row each.
CALCIUM_ROWS = [
    (2, "female", 700, 500, 2500),
    (6, "male", 1000, 800, 2500),
    (15, "female", 1300, 1100, 3000),
    (30, "male", 1000, 800, 2500),
    (60, "male", 1000, 800, 2000),
    (60, "female", 1200, 1000, 2000),
    (75, "male", 1200, 1000, 2000),
    (75, "female", 1200, 1000, 2000),
]


@pytest.mark.parametrize(("age", "sex", "rda", "ear", "ul"), CALCIUM_ROWS)
def test_calcium_rows(age: float, sex: str, rda: float, ear: float, ul: float) -> None:
    targets = resolve_targets(Profile(sex=sex, age=age))  # type: ignore[arg-type]
    assert (targets.calcium_rda_mg, targets.calcium_ear_mg, targets.calcium_ul_mg) == (rda, ear, ul)


@pytest.mark.parametrize(
    ("age", "rda", "ear", "ul"),
    [(16, 1300, 1100, 3000), (19, 1000, 800, 2500), (45, 1000, 800, 2500)],
)
def test_calcium_pregnancy_and_lactation(age: float, rda: float, ear: float, ul: float) -> None:
    for flags in ({"pregnant": True}, {"lactating": True}):
        targets = resolve_targets(Profile(age=age, **flags))  # type: ignore[arg-type]
        assert (targets.calcium_rda_mg, targets.calcium_ear_mg, targets.calcium_ul_mg) == (
            rda,
            ear,
            ul,
        )


@pytest.mark.parametrize(
    ("age", "rda_iu", "ul_iu"),
    [
        (0.5, 400, 1000),
        (0.6, 400, 1500),
        (5, 600, 3000),
        (9, 600, 4000),
        (70, 600, 4000),
        (71, 800, 4000),
    ],
)
def test_vitamin_d(age: float, rda_iu: float, ul_iu: float) -> None:
    targets = resolve_targets(Profile(age=age))
    assert (targets.vitamin_d_rda_iu, targets.vitamin_d_ul_iu) == (rda_iu, ul_iu)


@pytest.mark.parametrize(
    ("younger", "older", "field", "before", "after"),
    [
        (13, 14, "magnesium_rda_mg", 240, 410),
        (18, 19, "magnesium_rda_mg", 410, 400),
        (30, 31, "magnesium_rda_mg", 400, 420),
        (50, 51, "calcium_rda_mg", 1000, 1000),
        (70, 71, "calcium_rda_mg", 1000, 1200),
        (70, 71, "vitamin_d_rda_iu", 600, 800),
        (8, 9, "supplement_limit_mg", 110, 350),
        (3, 4, "supplement_limit_mg", 65, 110),
    ],
)
def test_age_boundaries_male(
    younger: int, older: int, field: str, before: float, after: float
) -> None:
    assert getattr(resolve_targets(Profile(sex="male", age=younger)), field) == before
    assert getattr(resolve_targets(Profile(sex="male", age=older)), field) == after


@pytest.mark.parametrize(
    ("younger", "older", "field", "before", "after"),
    [
        (13, 14, "magnesium_rda_mg", 240, 360),
        (18, 19, "magnesium_rda_mg", 360, 310),
        (30, 31, "magnesium_rda_mg", 310, 320),
        (50, 51, "calcium_rda_mg", 1000, 1200),
        (18, 19, "calcium_rda_mg", 1300, 1000),
    ],
)
def test_age_boundaries_female(
    younger: int, older: int, field: str, before: float, after: float
) -> None:
    assert getattr(resolve_targets(Profile(sex="female", age=younger)), field) == before
    assert getattr(resolve_targets(Profile(sex="female", age=older)), field) == after


def test_completed_years_choose_the_row() -> None:
    assert resolve_targets(Profile(sex="male", age=13.9)).magnesium_rda_mg == 240


def test_default_profile_is_female_51_plus_and_says_so() -> None:
    targets = resolve_targets(DEFAULT_PROFILE)
    assert DEFAULT_PROFILE.is_default and targets.is_default
    assert targets.stage == "female, 51+ years"
    assert (targets.magnesium_rda_mg, targets.magnesium_ear_mg) == (320, 265)
    assert targets.supplement_limit_mg == 350
    assert targets.calcium_rda_mg == 1200
    assert targets.ratio_band == (2.2, 3.2)


def test_changing_the_default_profile_makes_it_the_users_own() -> None:
    profile = DEFAULT_PROFILE.with_changes(age=60)
    assert not profile.is_default
    assert not resolve_targets(profile).is_default


def test_custom_targets_win_over_the_tables() -> None:
    profile = Profile(
        custom=CustomTargets(magnesium_rda_mg=400, supplement_limit_mg=250, calcium_rda_mg=1000)
    )
    targets = resolve_targets(profile)
    assert targets.magnesium_rda_mg == 400
    assert targets.supplement_limit_mg == 250
    assert targets.calcium_rda_mg == 1000
    assert set(targets.custom_fields) == {
        "magnesium_rda_mg",
        "supplement_limit_mg",
        "calcium_rda_mg",
    }


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"age": -1}, "age must be between"),
        ({"age": float("nan")}, "age must be between"),
        ({"age": 500}, "age must be between"),
        ({"sex": "other"}, "sex must be female or male"),
        ({"pregnant": True, "lactating": True}, "not both"),
        ({"sex": "male", "pregnant": True}, "female profile only"),
        ({"ratio_band": (3.2, 2.2)}, "0 < low < high"),
        ({"custom": CustomTargets(magnesium_rda_mg=-5)}, "between 0 and 10000"),
    ],
)
def test_bad_profiles_are_refused_with_a_reason(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ProfileError, match=message):
        Profile(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("2.2-3.2", (2.2, 3.2)),
        ("1.7–2.6", (1.7, 2.6)),
        ("1.7:2.8", (1.7, 2.8)),
        ("costello-2021", (1.7, 2.6)),
    ],
)
def test_parse_ratio_band(text: str, band: tuple[float, float]) -> None:
    assert parse_ratio_band(text) == band


@pytest.mark.parametrize("text", ["", "3", "a-b", "3.2-2.2", "0-1", "1-2-3", "inf-5"])
def test_parse_ratio_band_refuses_nonsense(text: str) -> None:
    with pytest.raises(ProfileError):
        parse_ratio_band(text)
