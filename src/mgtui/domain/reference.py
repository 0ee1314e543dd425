"""Reference values mgtui is built on, each table with its source beside it.

Every number a screen or the CLI shows as a target, a limit or a conversion factor
comes from here (see DOMAIN.md in the shared project folder). Nothing here is
computed: the functions that choose a row live in ``targets.py``.
"""

from __future__ import annotations

from typing import Final, Literal

from mgtui.frozen import frozen

Sex = Literal["female", "male"]

# The infant rows are "0–6 months" (birth to under 7 months) and "7–12 months".
INFANT_SECOND_HALF: Final = 7 / 12
# The youngest age the pregnancy and lactation rows are for (IOM life-stage groups
# start at 14 years; the magnesium rows say "≤18").
MIN_REPRODUCTIVE_AGE: Final = 14.0


@frozen
class MagnesiumRow:
    """One life-stage row of the magnesium DRI table (mg/day)."""

    stage: str
    rda_male: float
    rda_female: float
    ear_male: float | None
    ear_female: float | None
    supplement_ul: float | None  # supplements and medications only; None: not set
    is_adequate_intake: bool = False  # infants have an AI, not an RDA


# Magnesium, mg/day. Source: IOM (1997) Dietary Reference Intakes for Calcium,
# Phosphorus, Magnesium, Vitamin D, and Fluoride; NIH ODS Magnesium fact sheet for
# health professionals. The UL counts supplements and medications only, never food.
# Keys are (lowest age in years, highest age in years); infants use fractions of a year,
# and "0–6 months" is birth to under 7 months (IOM), so six months (0.5) is in it.
MAGNESIUM_BY_AGE: Final[tuple[tuple[float, float, MagnesiumRow], ...]] = (
    (
        0.0,
        INFANT_SECOND_HALF,
        MagnesiumRow("0–6 months", 30, 30, None, None, None, is_adequate_intake=True),
    ),
    (
        INFANT_SECOND_HALF,
        1.0,
        MagnesiumRow("7–12 months", 75, 75, None, None, None, is_adequate_intake=True),
    ),
    (1, 3, MagnesiumRow("1–3 years", 80, 80, 65, 65, 65)),
    (4, 8, MagnesiumRow("4–8 years", 130, 130, 110, 110, 110)),
    (9, 13, MagnesiumRow("9–13 years", 240, 240, 200, 200, 350)),
    (14, 18, MagnesiumRow("14–18 years", 410, 360, 340, 300, 350)),
    (19, 30, MagnesiumRow("19–30 years", 400, 310, 330, 255, 350)),
    (31, 50, MagnesiumRow("31–50 years", 420, 320, 350, 265, 350)),
    (51, 200, MagnesiumRow("51+ years", 420, 320, 350, 265, 350)),
)

# Pregnancy and lactation rows: (RDA, EAR), mg/day, by age group. Same sources.
MAGNESIUM_PREGNANCY: Final[dict[str, tuple[float, float]]] = {
    "≤18": (400, 335),
    "19–30": (350, 290),
    "31–50": (360, 300),
}
MAGNESIUM_LACTATION: Final[dict[str, tuple[float, float]]] = {
    "≤18": (360, 300),
    "19–30": (310, 255),
    "31–50": (320, 265),
}
MAGNESIUM_PREGNANCY_LACTATION_UL: Final = 350.0


@frozen
class CalciumRow:
    """One life-stage row of the calcium DRI table (mg/day)."""

    stage: str
    rda: float
    ear: float | None
    ul: float  # total intake: food and supplements
    is_adequate_intake: bool = False


# Calcium, mg/day. Source: IOM (2011) Dietary Reference Intakes for Calcium and
# Vitamin D. Infant rows (AI 200/260, UL 1,000/1,500) are from the same report.
CALCIUM_INFANT: Final[tuple[tuple[float, float, CalciumRow], ...]] = (
    (0.0, INFANT_SECOND_HALF, CalciumRow("0–6 months", 200, None, 1000, is_adequate_intake=True)),
    (INFANT_SECOND_HALF, 1.0, CalciumRow("7–12 months", 260, None, 1500, is_adequate_intake=True)),
)
CALCIUM_CHILD: Final[tuple[tuple[float, float, CalciumRow], ...]] = (
    (1, 3, CalciumRow("1–3 years", 700, 500, 2500)),
    (4, 8, CalciumRow("4–8 years", 1000, 800, 2500)),
    (9, 18, CalciumRow("9–18 years", 1300, 1100, 3000)),
    (19, 50, CalciumRow("19–50 years", 1000, 800, 2500)),
)
CALCIUM_51_70: Final[dict[Sex, CalciumRow]] = {
    "male": CalciumRow("51–70 years, male", 1000, 800, 2000),
    "female": CalciumRow("51–70 years, female", 1200, 1000, 2000),
}
CALCIUM_71_PLUS: Final = CalciumRow("71+ years", 1200, 1000, 2000)
CALCIUM_PREGNANCY_LACTATION: Final[dict[str, CalciumRow]] = {
    "14–18": CalciumRow("pregnancy/lactation 14–18 years", 1300, 1100, 3000),
    "19–50": CalciumRow("pregnancy/lactation 19–50 years", 1000, 800, 2500),
}

# Vitamin D, IU/day (1 mcg = 40 IU). Source: IOM (2011). RDA 600 IU ages 1–70,
# 800 IU over 70; infants have an AI of 400 IU. UL 4,000 IU from age 9
# (1,000 / 1,500 / 2,500 / 3,000 IU for 0–6 mo / 7–12 mo / 1–3 / 4–8 years).
VITAMIN_D_IU_PER_MCG: Final = 40.0
VITAMIN_D_RDA_IU: Final[tuple[tuple[float, float, float], ...]] = (
    (0.0, 1.0, 400.0),
    (1, 70, 600.0),
    (71, 200, 800.0),
)
VITAMIN_D_UL_IU: Final[tuple[tuple[float, float, float], ...]] = (
    (0.0, INFANT_SECOND_HALF, 1000.0),
    (INFANT_SECOND_HALF, 1.0, 1500.0),
    (1, 3, 2500.0),
    (4, 8, 3000.0),
    (9, 200, 4000.0),
)

# Calcium : magnesium intake ratio bands (by weight, total intake).
DEFAULT_RATIO_BAND: Final = (2.2, 3.2)  # the seeds: "protective effect in the range 2.2–3.2:1"
PUBLISHED_RATIO_BANDS: Final[dict[str, tuple[float, float]]] = {
    "seeds": (2.2, 3.2),
    "costello-2021": (1.7, 2.6),  # Costello et al., Adv Nutr 2021;12:291
    "rosanoff-2016": (1.7, 2.8),  # Rosanoff et al., Adv Nutr 2016;7:25
}
RATIO_BAND_LABELS: Final[dict[str, str]] = {
    "seeds": "2.2–3.2 (default; protective in observational studies)",
    "costello-2021": "1.7–2.6 (Costello et al., Adv Nutr 2021)",
    "rosanoff-2016": "1.7–2.8 (Rosanoff et al., Adv Nutr 2016)",
}

# Share of the supplement limit at which the bar turns amber ("near the limit").
NEAR_LIMIT_FRACTION: Final = 0.8

# Calcium absorbs best in doses of 500 mg elemental or less (NIH ODS calcium fact sheet).
CALCIUM_SINGLE_DOSE_MG: Final = 500.0

# Seeds: take magnesium and calcium supplements at different times of day
# (evidence mixed, so a tip). Window in minutes.
SUPPLEMENT_SPACING_MINUTES: Final = 120

# Elemental magnesium by weight of the compound. Sources: Molecules 2020;25:3172
# table 3; Molecules 2021;26:2419 table 1; computed from molecular weights.
# name -> (fraction, bioavailability note, other note)
MAGNESIUM_FORMS: Final[dict[str, tuple[float, str, str]]] = {
    "oxide": (0.603, "low", "laxative at higher doses"),
    "hydroxide": (0.417, "", "antacids, milk of magnesia"),
    "carbonate": (0.288, "", ""),
    "chloride": (0.120, "", "hexahydrate; anhydrous is 25.5%"),
    "sulfate": (0.099, "", "heptahydrate (Epsom salt)"),
    "citrate": (0.162, "high", "trimagnesium, anhydrous; hydrated forms 10–12%; laxative effect"),
    "glycinate": (0.141, "high", "also sold as bisglycinate; gentle on digestion"),
    "malate": (0.155, "moderate", ""),
    "lactate": (0.120, "", ""),
    "taurate": (0.089, "", ""),
    "threonate": (0.072, "", "L-threonate; 2 g Magtein gives 144 mg"),
    "aspartate": (0.084, "", ""),
    "orotate": (0.073, "", ""),
    "gluconate": (0.059, "", ""),
}
MAGNESIUM_FORM_ALIASES: Final[dict[str, str]] = {
    "bisglycinate": "glycinate",
    "l-threonate": "threonate",
    "epsom": "sulfate",
    "epsom salt": "sulfate",
    "milk of magnesia": "hydroxide",
}

# Elemental calcium by weight of the compound, as sold. Computed from molecular
# weights (Ca 40.078): carbonate CaCO3 100.09 -> 40.0%; citrate tetrahydrate
# Ca3(C6H5O7)2·4H2O 570.5 -> 21.1% (anhydrous 498.4 -> 24.1%); tricalcium phosphate
# Ca3(PO4)2 310.2 -> 38.8%; lactate pentahydrate 308.3 -> 13.0%; gluconate,
# anhydrous 430.4 -> 9.3% (monohydrate 8.9%). The carbonate and citrate figures agree
# with the NIH ODS calcium fact sheet ("40%", "21%"). name -> (fraction, note)
CALCIUM_FORMS: Final[dict[str, tuple[float, str]]] = {
    "carbonate": (0.400, ""),
    "citrate": (0.211, "tetrahydrate, as sold; anhydrous is 24.1%"),
    "phosphate": (0.388, "tricalcium phosphate"),
    "lactate": (0.130, "pentahydrate"),
    "gluconate": (0.093, "anhydrous; the monohydrate is 8.9%"),
}
CALCIUM_FORM_ALIASES: Final[dict[str, str]] = {
    "tricalcium phosphate": "phosphate",
    "tricalcium": "phosphate",
}

Mineral = Literal["magnesium", "calcium"]


@frozen
class MedicineClass:
    """A class of medicines whose timing against magnesium or calcium supplements matters.

    A timing rule is two waits: ``supplement_wait`` minutes from the medicine to a
    supplement taken after it, and ``medicine_wait`` minutes from a supplement to the
    medicine taken after it. A class with no ``minerals`` has no timing rule, only a
    standing ``note``.
    """

    key: str  # what ``mgtui medication add --class`` takes
    label: str
    examples: tuple[str, ...]
    minerals: tuple[Mineral, ...]  # the supplements the rule is about
    supplement_wait: int  # minutes; 0 without a timing rule
    medicine_wait: int  # minutes; 0 without a timing rule
    rule: str  # the guidance, worded for a person
    note: str  # a standing note ("" for a timing rule)
    source: str
    # Minutes after the dose before any food or drink but plain water (0: no such rule).
    food_wait: int = 0


# Medicines whose timing matters beside magnesium and calcium supplements. Sources: NIH
# ODS Magnesium fact sheet for health professionals ("Interactions with medications");
# NIH ODS Calcium fact sheet; levothyroxine labelling (FDA); FDA Drug Safety
# Communication (2 March 2011) on proton-pump inhibitors and low magnesium. The
# quinolone and tetracycline "4–6 hours after" is judged at 4 hours, its shorter end.
_ODS_MAGNESIUM: Final = "NIH ODS magnesium fact sheet"
MEDICINE_CLASSES: Final[tuple[MedicineClass, ...]] = (
    MedicineClass(
        "bisphosphonate",
        "oral bisphosphonate",
        ("alendronate", "risedronate", "ibandronate"),
        ("calcium", "magnesium"),
        120,
        120,
        "an oral bisphosphonate and calcium or magnesium supplements are best taken at "
        "least 2 hours apart",
        "",
        f"{_ODS_MAGNESIUM}; the drug's labelling",
        # The labelling: on waking, with plain water, at least 30 minutes before the
        # first food or drink (ibandronate 60 minutes; said in the words).
        food_wait=30,
    ),
    MedicineClass(
        "tetracycline",
        "tetracycline antibiotic",
        ("doxycycline", "demeclocycline", "minocycline", "tetracycline"),
        ("magnesium",),
        120,
        240,
        "a tetracycline antibiotic is best taken at least 2 hours before or 4–6 hours "
        "after a magnesium supplement",
        "",
        _ODS_MAGNESIUM,
    ),
    MedicineClass(
        "quinolone",
        "quinolone antibiotic",
        ("ciprofloxacin", "levofloxacin", "moxifloxacin"),
        ("magnesium",),
        120,
        240,
        "a quinolone antibiotic is best taken at least 2 hours before or 4–6 hours after "
        "a magnesium supplement",
        "",
        _ODS_MAGNESIUM,
    ),
    MedicineClass(
        "levothyroxine",
        "levothyroxine",
        ("levothyroxine",),
        ("calcium", "magnesium"),
        240,
        240,
        "levothyroxine and calcium or magnesium supplements (and antacids) are best taken "
        "4 hours apart",
        "",
        "levothyroxine labelling (FDA); NIH ODS calcium fact sheet",
    ),
    MedicineClass(
        "ppi",
        "proton-pump inhibitor",
        ("omeprazole", "esomeprazole", "lansoprazole", "pantoprazole"),
        (),
        0,
        0,
        "",
        "Proton-pump inhibitors taken for more than a year can lower blood magnesium; "
        "ask your clinician or pharmacist whether yours should be checked.",
        f"FDA Drug Safety Communication (2011); {_ODS_MAGNESIUM}",
    ),
    MedicineClass(
        "diuretic",
        "loop or thiazide diuretic",
        ("furosemide", "bumetanide", "hydrochlorothiazide"),
        (),
        0,
        0,
        "",
        "Loop and thiazide diuretics raise the magnesium lost in urine, which can lower "
        "magnesium over time; ask your clinician or pharmacist.",
        _ODS_MAGNESIUM,
    ),
    MedicineClass(
        "potassium-sparing",
        "potassium-sparing diuretic",
        ("amiloride", "spironolactone"),
        (),
        0,
        0,
        "",
        "Potassium-sparing diuretics reduce the magnesium lost in urine; ask your "
        "clinician or pharmacist before adding a magnesium supplement.",
        _ODS_MAGNESIUM,
    ),
)
# Other names a class is known by (a drug's own name finds its class, too).
MEDICINE_CLASS_ALIASES: Final[dict[str, str]] = {
    "bisphosphonates": "bisphosphonate",
    "oral bisphosphonate": "bisphosphonate",
    "tetracyclines": "tetracycline",
    "fluoroquinolone": "quinolone",
    "quinolones": "quinolone",
    "proton-pump inhibitor": "ppi",
    "proton pump inhibitor": "ppi",
    "loop": "diuretic",
    "loop diuretic": "diuretic",
    "thiazide": "diuretic",
    "thiazide diuretic": "diuretic",
    "loop or thiazide diuretic": "diuretic",
    "potassium-sparing diuretic": "potassium-sparing",
    "potassium sparing": "potassium-sparing",
}

REFERENCE_SOURCES: Final[tuple[str, ...]] = (
    "Magnesium RDA/EAR/UL: IOM (1997) Dietary Reference Intakes for Calcium, Phosphorus, "
    "Magnesium, Vitamin D, and Fluoride; NIH ODS Magnesium fact sheet.",
    "Calcium and vitamin D: IOM (2011) Dietary Reference Intakes for Calcium and Vitamin D.",
    "Ca:Mg band: 2.2–3.2 (default); 1.7–2.6 Costello et al., Adv Nutr 2021;12:291; "
    "1.7–2.8 Rosanoff et al., Adv Nutr 2016;7:25.",
    "Supplement forms: Molecules 2020;25:3172 table 3; Molecules 2021;26:2419 table 1; "
    "calcium forms computed from molecular weights (NIH ODS calcium fact sheet).",
    "Medicines: NIH ODS magnesium and calcium fact sheets; levothyroxine labelling (FDA); "
    "FDA Drug Safety Communication (2011) on proton-pump inhibitors.",
    "Foods: USDA National Nutrient Database for Standard Reference, release 28 (public domain).",
)
