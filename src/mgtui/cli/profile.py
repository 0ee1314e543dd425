"""``mgtui profile``: show the profile and its targets, or change them."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from mgtui.cli import common
from mgtui.cli.errors import UsageError

if TYPE_CHECKING:
    from mgtui.domain.targets import Profile, Targets

MAX_CUSTOM_MG = 10_000.0

EPILOG = """\
examples:
  mgtui profile                                   show it and its daily targets
  mgtui profile --sex female --age 63
  mgtui profile --kidney-disease yes
  mgtui profile --ratio-band costello-2021        or 1.7-2.6; seeds is 2.2-3.2
  mgtui profile --mg-target 360 --supplement-limit 250   your clinician's numbers
  mgtui profile --mg-target none                  back to the table's value

Published ratio bands: seeds (2.2-3.2, the default), costello-2021 (1.7-2.6),
rosanoff-2016 (1.7-2.8).
"""


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "profile",
        help="show or set the profile",
        description=(
            "The profile decides the daily targets (IOM tables). Without options it is "
            "shown with its targets; with options they are changed and shown. Until "
            "one is set, mgtui uses a default: female, 51 or older."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sex", choices=("female", "male"))
    parser.add_argument("--age", metavar="N", help="age in years (0.5 for six months)")
    status = parser.add_mutually_exclusive_group()
    for flag, text in (
        ("pregnant", "use the pregnancy targets"),
        ("lactating", "use the lactation targets"),
        ("neither", "neither pregnant nor lactating (the default)"),
    ):
        status.add_argument(
            f"--{flag}", dest="reproductive", action="store_const", const=flag, help=text
        )
    parser.add_argument("--kidney-disease", choices=("yes", "no"))
    parser.add_argument(
        "--ratio-band", metavar="LOW-HIGH", help="Ca:Mg band, e.g. 2.2-3.2 or a published key"
    )
    parser.add_argument("--mg-target", metavar="N|none", help="your own magnesium target in mg/day")
    parser.add_argument(
        "--supplement-limit", metavar="N|none", help="your own supplemental magnesium limit"
    )
    parser.add_argument("--ca-target", metavar="N|none", help="your own calcium target in mg/day")
    common.add_json_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from mgtui.domain.targets import DEFAULT_PROFILE, resolve_targets
    from mgtui.logbook.session import Logbook
    from mgtui.store import StoreError

    with common.opened_repository(args) as repo:
        try:
            profile = repo.profile()
        except StoreError as error:
            if not any_change_asked(args):
                raise
            # Setting the profile again is the way out of an unusable saved one.
            common.note(f"{error}; starting again from the default profile")
            profile = DEFAULT_PROFILE
        changed = changed_profile(profile, args)
        if changed is not None:
            profile = repo.save_profile(changed)
        notes = Logbook(repo).standing_notes()
    targets = resolve_targets(profile)
    if args.json:
        common.print_json(profile_json(profile, targets) | {"medicine_notes": notes})
        return 0
    if changed is not None:
        print("profile saved")
    print(profile_text(profile, targets))
    for text in notes:
        print(f"Medicines: {text}")
    return 0


def any_change_asked(args: argparse.Namespace) -> bool:
    options = ("sex", "age", "reproductive", "kidney_disease", "ratio_band")
    custom = ("mg_target", "supplement_limit", "ca_target")
    return any(getattr(args, name) is not None for name in (*options, *custom))


def changed_profile(profile: Profile, args: argparse.Namespace) -> Profile | None:
    """The profile with the options applied; None when no option was given."""
    from mgtui.domain.targets import parse_ratio_band
    from mgtui.frozen import replace
    from mgtui.logbook.drafts import parse_number

    changes: dict[str, object] = {}
    if args.sex is not None:
        changes["sex"] = args.sex
    if args.age is not None:
        changes["age"] = parse_number(args.age, "age", maximum=120)
    if args.reproductive is not None:
        changes["pregnant"] = args.reproductive == "pregnant"
        changes["lactating"] = args.reproductive == "lactating"
    if args.kidney_disease is not None:
        changes["kidney_disease"] = args.kidney_disease == "yes"
    if args.ratio_band is not None:
        changes["ratio_band"] = parse_ratio_band(args.ratio_band)
    custom = profile.custom
    for option, field, what in (
        ("mg_target", "magnesium_rda_mg", "--mg-target"),
        ("supplement_limit", "supplement_limit_mg", "--supplement-limit"),
        ("ca_target", "calcium_rda_mg", "--ca-target"),
    ):
        text = getattr(args, option)
        if text is not None:
            custom = replace(custom, **{field: _custom_mg(text, what)})
    if custom != profile.custom:
        changes["custom"] = custom
    given = [args.mg_target, args.supplement_limit, args.ca_target]
    if not changes and all(value is None for value in given):
        return None
    # Profile checks the combination (pregnancy with a male profile, a band, ages).
    return profile.with_changes(**changes)


def _custom_mg(text: str, what: str) -> float | None:
    from mgtui.logbook.drafts import parse_number

    if text.strip().lower() in ("none", "default", "off"):
        return None
    value = parse_number(text, what, maximum=MAX_CUSTOM_MG)
    if value <= 0:
        raise UsageError(f"{what} must be more than 0 mg, or 'none' for the table's value")
    return value


def profile_json(profile: Profile, targets: Targets) -> dict[str, Any]:
    custom = profile.custom
    return {
        "is_default": profile.is_default,
        "sex": profile.sex,
        "age": profile.age,
        "pregnant": profile.pregnant,
        "lactating": profile.lactating,
        "kidney_disease": profile.kidney_disease,
        "ratio_band": list(profile.ratio_band),
        "custom": {
            "magnesium_rda_mg": custom.magnesium_rda_mg,
            "supplement_limit_mg": custom.supplement_limit_mg,
            "calcium_rda_mg": custom.calcium_rda_mg,
        },
        "targets": {
            "stage": targets.stage,
            "magnesium_rda_mg": targets.magnesium_rda_mg,
            "magnesium_ear_mg": targets.magnesium_ear_mg,
            "magnesium_is_adequate_intake": targets.magnesium_is_adequate_intake,
            "supplement_limit_mg": targets.supplement_limit_mg,
            "calcium_rda_mg": targets.calcium_rda_mg,
            "calcium_ear_mg": None
            if targets.calcium_ear_mg is None
            else float(targets.calcium_ear_mg),
            "calcium_ul_mg": targets.calcium_ul_mg,
            "vitamin_d_rda_iu": targets.vitamin_d_rda_iu,
            "vitamin_d_ul_iu": targets.vitamin_d_ul_iu,
            "ratio_band": list(targets.ratio_band),
            "custom_fields": list(targets.custom_fields),
        },
    }


def profile_text(profile: Profile, targets: Targets) -> str:
    from mgtui.domain.reference import PUBLISHED_RATIO_BANDS, RATIO_BAND_LABELS

    if profile.is_default:
        head = (
            "Profile: the default (female, 51+), not set by you: set yours with "
            "'mgtui profile --sex female|male --age N'"
        )
    else:
        head = "Profile"
    status = "pregnant" if profile.pregnant else "lactating" if profile.lactating else "neither"
    low, high = profile.ratio_band
    band = next(
        (RATIO_BAND_LABELS[key] for key, b in PUBLISHED_RATIO_BANDS.items() if b == (low, high)),
        f"{low:g}–{high:g} (your own)",
    )

    from mgtui.present.targets import target_lines

    lines = [
        head,
        f"  sex              {profile.sex}",
        f"  age              {profile.age:g}",
        f"  pregnancy        {status}",
        f"  kidney disease   {'yes' if profile.kidney_disease else 'no'}",
        f"  Ca:Mg band       {band}",
        *target_lines(targets),
    ]
    if profile.kidney_disease:
        lines.append("Kidney disease: magnesium supplements need your doctor's advice at any dose.")
    lines.append("Guidance only, not a diagnosis: talk to your clinician.")
    return "\n".join(lines)
