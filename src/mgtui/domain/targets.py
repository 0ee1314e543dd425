"""A person's profile and the daily targets it resolves to.

Ages are in years; an infant's age is a fraction of a year (0.25 = three months).
From one year on, a row is chosen by completed years, so 13.9 is still "9–13".
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TypeVar

from mgtui.domain import reference as ref
from mgtui.domain.figures import half_up
from mgtui.domain.reference import Sex
from mgtui.errors import BadInputError
from mgtui.frozen import field, frozen, replace

T = TypeVar("T")

MIN_AGE = 0.0
MAX_AGE = 120.0


class ProfileError(BadInputError):
    """A profile value a person typed that cannot be used (the message says why)."""


@frozen
class CustomTargets:
    """Targets a person (or their clinician) set by hand; each one wins over the tables."""

    magnesium_rda_mg: float | None = None
    supplement_limit_mg: float | None = None
    calcium_rda_mg: float | None = None

    def is_empty(self) -> bool:
        return (
            self.magnesium_rda_mg is None
            and self.supplement_limit_mg is None
            and self.calcium_rda_mg is None
        )


@frozen
class Profile:
    sex: Sex = "female"
    age: float = 51.0
    pregnant: bool = False
    lactating: bool = False
    kidney_disease: bool = False
    ratio_band: tuple[float, float] = ref.DEFAULT_RATIO_BAND
    custom: CustomTargets = field(default_factory=CustomTargets)
    # True until the person sets anything: screens and the CLI say the targets are a default.
    is_default: bool = False

    def __post_init__(self) -> None:
        validate_profile(self)

    def with_changes(self, **changes: object) -> Profile:
        """A copy with the given fields changed; never a default any more."""
        return replace(self, is_default=False, **changes)  # type: ignore[arg-type]


def validate_profile(profile: Profile) -> None:
    if profile.sex not in ("female", "male"):
        raise ProfileError(f"sex must be female or male, not {profile.sex!r}")
    if not math.isfinite(profile.age) or not MIN_AGE <= profile.age <= MAX_AGE:
        raise ProfileError(f"age must be between 0 and {MAX_AGE:g} years, not {profile.age!r}")
    if profile.pregnant and profile.lactating:
        raise ProfileError("choose pregnant or lactating, not both")
    if (profile.pregnant or profile.lactating) and profile.sex != "female":
        raise ProfileError("pregnancy and lactation apply to the female profile only")
    if (profile.pregnant or profile.lactating) and profile.age < ref.MIN_REPRODUCTIVE_AGE:
        raise ProfileError(
            f"pregnancy and lactation targets are for ages {ref.MIN_REPRODUCTIVE_AGE:g} and "
            f"over, not {profile.age:g}"
        )
    validate_ratio_band(profile.ratio_band)
    for name in ("magnesium_rda_mg", "supplement_limit_mg", "calcium_rda_mg"):
        value = getattr(profile.custom, name)
        if value is not None and (not math.isfinite(value) or not 0 < value <= 10_000):
            raise ProfileError(f"custom {name.replace('_', ' ')} must be between 0 and 10000 mg")


def validate_ratio_band(band: Sequence[float]) -> None:
    if len(band) != 2:
        raise ProfileError("a ratio band is two numbers, low-high, such as 2.2-3.2")
    low, high = band
    if not (math.isfinite(low) and math.isfinite(high)) or not 0 < low < high <= 20:
        raise ProfileError(
            f"a ratio band needs 0 < low < high <= 20, not {low:g}-{high:g} (e.g. 2.2-3.2)"
        )


def parse_ratio_band(text: str) -> tuple[float, float]:
    """Parse "2.2-3.2", "2.2–3.2" or "2.2:3.2"; a published band's key also works."""
    key = text.strip().lower()
    if key in ref.PUBLISHED_RATIO_BANDS:
        return ref.PUBLISHED_RATIO_BANDS[key]
    for separator in ("–", ":", ","):
        key = key.replace(separator, "-")
    parts = [part.strip() for part in key.split("-")]
    if len(parts) != 2:
        raise ProfileError(f"a ratio band is written LOW-HIGH, such as 2.2-3.2, not {text!r}")
    try:
        band = (float(parts[0]), float(parts[1]))
    except ValueError:
        raise ProfileError(
            f"a ratio band is written LOW-HIGH, such as 2.2-3.2, not {text!r}"
        ) from None
    validate_ratio_band(band)
    return band


DEFAULT_PROFILE = Profile(is_default=True)


@frozen
class Targets:
    """What one profile aims for each day. mg/day unless the name says otherwise."""

    stage: str
    magnesium_rda_mg: float
    magnesium_ear_mg: float | None
    magnesium_is_adequate_intake: bool
    supplement_limit_mg: float | None  # the supplemental UL; None where none is set
    calcium_rda_mg: float
    calcium_ear_mg: float | None
    calcium_ul_mg: float
    calcium_is_adequate_intake: bool
    vitamin_d_rda_iu: float
    vitamin_d_ul_iu: float
    ratio_band: tuple[float, float]
    kidney_disease: bool
    is_default: bool
    custom_fields: tuple[str, ...] = ()

    def intake_label(self, nutrient: str) -> str:
        """ "RDA", or "AI" where the value is an Adequate Intake (infants), or "own
        target" where the person set it by hand."""
        if f"{nutrient}_rda_mg" in self.custom_fields:
            return "own target"
        adequate = {
            "magnesium": self.magnesium_is_adequate_intake,
            "calcium": self.calcium_is_adequate_intake,
            "vitamin_d": self.infant,
        }[nutrient]
        return "AI" if adequate else "RDA"

    @property
    def infant(self) -> bool:
        return self.stage.endswith("months")


def _by_age(table: Sequence[tuple[float, float, T]], age: float) -> T:
    """The row whose age range holds ``age`` (completed years from one year on)."""
    years = age if age < 1 else math.floor(age)
    for low, high, row in table:
        if age < 1 and low <= years < high:
            return row
        if age >= 1 and low >= 1 and low <= years <= high:
            return row
    raise ProfileError(f"no reference row for age {age:g}")


def _reproductive_group(age: float) -> str:
    """Pregnancy and lactation rows: ≤18, 19–30, 31–50 (older ages use 31–50)."""
    years = math.floor(age)
    if years <= 18:
        return "≤18"
    if years <= 30:
        return "19–30"
    return "31–50"


def _calcium_row(profile: Profile) -> ref.CalciumRow:
    age = profile.age
    years = math.floor(age)
    if (profile.pregnant or profile.lactating) and years >= 14:
        return ref.CALCIUM_PREGNANCY_LACTATION["14–18" if years <= 18 else "19–50"]
    if age < 1:
        return _by_age(ref.CALCIUM_INFANT, age)
    if years <= 50:
        return _by_age(ref.CALCIUM_CHILD, age)
    if years <= 70:
        return ref.CALCIUM_51_70[profile.sex]
    return ref.CALCIUM_71_PLUS


def resolve_targets(profile: Profile) -> Targets:
    """The day's targets for a profile, custom values winning over the tables."""
    row = _by_age(ref.MAGNESIUM_BY_AGE, profile.age)
    if profile.sex == "male":
        rda, ear = row.rda_male, row.ear_male
    else:
        rda, ear = row.rda_female, row.ear_female
    limit = row.supplement_ul
    stage = f"{profile.sex}, {row.stage}"
    reproductive = profile.pregnant or profile.lactating
    if reproductive and profile.age >= 1:
        group = _reproductive_group(profile.age)
        if profile.pregnant:
            rda, ear = ref.MAGNESIUM_PREGNANCY[group]
            stage = f"pregnancy, {group} years"
        else:
            rda, ear = ref.MAGNESIUM_LACTATION[group]
            stage = f"lactation, {group} years"
        limit = ref.MAGNESIUM_PREGNANCY_LACTATION_UL

    calcium = _calcium_row(profile)
    custom = profile.custom
    custom_fields: list[str] = []
    # Own targets count in whole milligrams, as every target is shown: a figure is
    # judged against the number a person reads.
    if custom.magnesium_rda_mg is not None:
        rda = half_up(custom.magnesium_rda_mg)
        custom_fields.append("magnesium_rda_mg")
    if custom.supplement_limit_mg is not None:
        limit = half_up(custom.supplement_limit_mg)
        custom_fields.append("supplement_limit_mg")
    calcium_rda = calcium.rda
    if custom.calcium_rda_mg is not None:
        calcium_rda = half_up(custom.calcium_rda_mg)
        custom_fields.append("calcium_rda_mg")

    return Targets(
        stage=stage,
        magnesium_rda_mg=float(rda),
        magnesium_ear_mg=None if ear is None else float(ear),
        magnesium_is_adequate_intake=row.is_adequate_intake and not reproductive,
        supplement_limit_mg=None if limit is None else float(limit),
        calcium_rda_mg=float(calcium_rda),
        calcium_ear_mg=calcium.ear,
        calcium_ul_mg=float(calcium.ul),
        calcium_is_adequate_intake=calcium.is_adequate_intake
        and "calcium_rda_mg" not in custom_fields,
        vitamin_d_rda_iu=_by_age(ref.VITAMIN_D_RDA_IU, profile.age),
        vitamin_d_ul_iu=_by_age(ref.VITAMIN_D_UL_IU, profile.age),
        ratio_band=profile.ratio_band,
        kidney_disease=profile.kidney_disease,
        is_default=profile.is_default,
        custom_fields=tuple(custom_fields),
    )
