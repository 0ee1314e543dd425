"""Supplement forms and compound-to-elemental conversion.

Labels ("Supplement Facts") state elemental magnesium and that number wins. When a
person only knows the compound weight ("500 mg magnesium glycinate"), the form's
elemental fraction converts it.
"""

from __future__ import annotations

import math

from mgtui.domain import reference as ref
from mgtui.errors import BadInputError
from mgtui.frozen import frozen

# When a number typed as elemental magnesium is probably the compound weight. These
# are mgtui's own thresholds (no published source), set from the arithmetic:
# - forms at most 45% magnesium (all but oxide and hydroxide) need a capsule heavier
#   than 650 mg for 300 mg of magnesium, so a label rarely states more per serving,
#   while the compound weights people read off the front (500 mg glycinate, which
#   holds 70.5 mg) are at or above it;
# - with no form known, 500 mg: more than the 350 mg/day limit in one serving.
_LOOKS_LIKE_COMPOUND_MIN_MG = 300.0
_LOOKS_LIKE_COMPOUND_MAX_FRACTION = 0.45
_LOOKS_LIKE_COMPOUND_ANY_FORM_MG = 500.0
# The same question for calcium, also mgtui's own arithmetic: forms at most 25% calcium
# (citrate 21.1%, lactate, gluconate) need 2.4 g of compound or more for 500 mg, while
# the compound weights on their fronts (500 mg citrate, which holds 105.5 mg) are at
# or above it (a two-caplet citrate label of 630 mg is asked about too: one question,
# never a refusal); any other form, or none known, from 1,000 mg: twice the 500 mg a
# dose absorbs best in, and what a 1,250 mg carbonate tablet's front weight looks like.
_CALCIUM_COMPOUND_MIN_MG = 500.0
_CALCIUM_COMPOUND_MAX_FRACTION = 0.25
_CALCIUM_COMPOUND_ANY_FORM_MG = 1_000.0
# A serving above this is not a label (prescription doses are 50,000 IU a week).
_VITAMIN_D_MAX_IU = 100_000.0


class SupplementError(BadInputError):
    """A supplement amount or form that cannot be used (the message says why)."""


@frozen
class MagnesiumForm:
    name: str
    elemental_fraction: float
    bioavailability: str
    note: str

    @property
    def percent_label(self) -> str:
        return f"{self.elemental_fraction * 100:.1f}%"


MAGNESIUM_FORMS: dict[str, MagnesiumForm] = {
    name: MagnesiumForm(name, fraction, bioavailability, note)
    for name, (fraction, bioavailability, note) in ref.MAGNESIUM_FORMS.items()
}


def magnesium_form(name: str) -> MagnesiumForm:
    """Look a form up by name ("glycinate", "Bisglycinate", "magnesium citrate")."""
    key = name.strip().lower().removeprefix("magnesium").strip()
    key = ref.MAGNESIUM_FORM_ALIASES.get(key, key)
    try:
        return MAGNESIUM_FORMS[key]
    except KeyError:
        known = ", ".join(MAGNESIUM_FORMS)
        raise SupplementError(f"unknown magnesium form {name!r}; known forms: {known}") from None


@frozen
class CalciumForm:
    name: str
    elemental_fraction: float
    note: str

    @property
    def percent_label(self) -> str:
        return f"{self.elemental_fraction * 100:.1f}%"


CALCIUM_FORMS: dict[str, CalciumForm] = {
    name: CalciumForm(name, fraction, note) for name, (fraction, note) in ref.CALCIUM_FORMS.items()
}


def calcium_form(name: str) -> CalciumForm:
    """Look a calcium form up by name ("citrate", "Calcium carbonate", "tricalcium phosphate")."""
    key = " ".join(name.strip().lower().removeprefix("calcium").split())
    key = ref.CALCIUM_FORM_ALIASES.get(key, key)
    try:
        return CALCIUM_FORMS[key]
    except KeyError:
        known = ", ".join(CALCIUM_FORMS)
        raise SupplementError(f"unknown calcium form {name!r}; known forms: {known}") from None


def calcium_form_fraction(name: str) -> float:
    return calcium_form(name).elemental_fraction


def check_dose_mg(value: float, what: str = "dose", maximum: float = 10_000.0) -> float:
    """A finite, non-negative dose in mg, below an absurd ceiling."""
    return check_dose(value, what, "mg", maximum)


def check_dose(value: float, what: str, unit: str, maximum: float) -> float:
    """A finite, non-negative dose in ``unit``, below an absurd ceiling."""
    if not math.isfinite(value):
        raise SupplementError(f"{what} must be a number of {unit}, not {value!r}")
    if value < 0:
        raise SupplementError(f"{what} cannot be negative ({value:g} {unit})")
    if value > maximum:
        raise SupplementError(
            f"{what} of {value:g} {unit} is not plausible (at most {maximum:g} {unit})"
        )
    return value


def elemental_magnesium_mg(compound_mg: float, form: str) -> float:
    """Elemental magnesium in a compound weight: 500 mg glycinate -> 70.5 mg."""
    check_dose_mg(compound_mg, "compound weight", maximum=50_000.0)
    return compound_mg * magnesium_form(form).elemental_fraction


def elemental_calcium_mg(compound_mg: float, form: str) -> float:
    """Elemental calcium in a compound weight: 1,250 mg carbonate -> 500 mg;
    500 mg citrate -> 105.5 mg."""
    check_dose_mg(compound_mg, "calcium compound weight", maximum=50_000.0)
    return compound_mg * calcium_form_fraction(form)


def calcium_conversion_text(compound_mg: float, form: str) -> str:
    """How a compound weight became elemental calcium, for the screen and the CLI."""
    ca_form = calcium_form(form)
    elemental = compound_mg * ca_form.elemental_fraction
    return (
        f"{compound_mg:g} mg calcium {ca_form.name} × {ca_form.percent_label} "
        f"elemental = {elemental:.1f} mg calcium"
    )


def vitamin_d_iu(*, iu: float | None = None, mcg: float | None = None) -> float | None:
    """Vitamin D per serving in IU, from a label's IU or mcg (1 mcg = 40 IU); None if neither."""
    if iu is not None and mcg is not None:
        raise SupplementError("give vitamin D in IU or in mcg, not both")
    if mcg is not None:
        check_dose(mcg, "vitamin D", "mcg", _VITAMIN_D_MAX_IU / ref.VITAMIN_D_IU_PER_MCG)
        return mcg * ref.VITAMIN_D_IU_PER_MCG
    if iu is not None:
        check_dose(iu, "vitamin D", "IU", _VITAMIN_D_MAX_IU)
    return iu


def conversion_text(compound_mg: float, form: str) -> str:
    """How a compound weight became elemental magnesium, for the screen and the CLI."""
    mg_form = magnesium_form(form)
    elemental = compound_mg * mg_form.elemental_fraction
    return (
        f"{compound_mg:g} mg magnesium {mg_form.name} × {mg_form.percent_label} "
        f"elemental = {elemental:.1f} mg magnesium"
    )


def looks_like_compound_weight(elemental_mg: float, form: str | None) -> bool:
    """True when a number typed as elemental magnesium is probably the compound weight.

    Example: "500 mg" of glycinate typed as elemental. Glycinate is 14.1% magnesium,
    so a 500 mg capsule holds about 70 mg; real labels of such forms rarely pass 300 mg.
    """
    if form is None:
        return elemental_mg >= _LOOKS_LIKE_COMPOUND_ANY_FORM_MG
    try:
        fraction = magnesium_form(form).elemental_fraction
    except SupplementError:
        return elemental_mg >= _LOOKS_LIKE_COMPOUND_ANY_FORM_MG
    return (
        fraction <= _LOOKS_LIKE_COMPOUND_MAX_FRACTION
        and elemental_mg >= _LOOKS_LIKE_COMPOUND_MIN_MG
    )


def looks_like_calcium_compound_weight(elemental_mg: float, form: str | None) -> bool:
    """True when a number typed as elemental calcium is probably the compound weight.

    Example: "500" on a citrate product: citrate is 21.1% calcium, so a 500 mg tablet
    holds about 105 mg.
    """
    fraction = None
    if form is not None:
        try:
            fraction = calcium_form(form).elemental_fraction
        except SupplementError:
            fraction = None
    if fraction is not None and fraction <= _CALCIUM_COMPOUND_MAX_FRACTION:
        return elemental_mg >= _CALCIUM_COMPOUND_MIN_MG
    return elemental_mg >= _CALCIUM_COMPOUND_ANY_FORM_MG


@frozen
class SupplementProduct:
    """A supplement as its label states it, saved so one key logs a serving.

    ``magnesium_mg`` and ``calcium_mg`` are elemental amounts per serving. When the
    person only knew the compound weight, ``compound_mg`` keeps it and the
    elemental amount was converted with the form's fraction (``conversion_text``).
    """

    name: str
    form: str | None  # magnesium form ("glycinate"); None when unknown or calcium-only
    magnesium_mg: float  # elemental Mg per serving
    calcium_mg: float = 0.0  # elemental Ca per serving
    serving: str = "1 serving"  # "2 capsules", "1 scoop"
    compound_mg: float | None = None  # compound weight per serving, if that is what was typed
    calcium_form: str | None = None  # "citrate", "carbonate", ...; None when unknown
    calcium_compound_mg: float | None = None  # calcium compound weight, if that was typed
    vitamin_d_iu: float = 0.0  # per serving; 0 when the label states none

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise SupplementError("a supplement needs a name")
        check_dose_mg(self.magnesium_mg, "magnesium per serving", maximum=5_000.0)
        check_dose_mg(self.calcium_mg, "calcium per serving", maximum=5_000.0)
        check_dose(self.vitamin_d_iu, "vitamin D per serving", "IU", _VITAMIN_D_MAX_IU)
        if self.magnesium_mg == 0 and self.calcium_mg == 0 and self.vitamin_d_iu == 0:
            raise SupplementError(
                "a supplement needs some magnesium, calcium or vitamin D per serving"
            )

    @property
    def conversion(self) -> str | None:
        if self.compound_mg is None or self.form is None:
            return None
        return conversion_text(self.compound_mg, self.form)

    @property
    def calcium_conversion(self) -> str | None:
        if self.calcium_compound_mg is None or self.calcium_form is None:
            return None
        return calcium_conversion_text(self.calcium_compound_mg, self.calcium_form)
