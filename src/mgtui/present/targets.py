"""A profile's daily targets in words, for ``mgtui profile`` and the Profile screen."""

from __future__ import annotations

from mgtui.domain.figures import figure
from mgtui.domain.targets import Targets


def _own(targets: Targets, field: str, usual: str) -> str:
    return "your own" if field in targets.custom_fields else usual


def target_lines(targets: Targets) -> list[str]:
    """ "Daily targets (female, 51+ years)" and one line a nutrient; an AI says AI."""
    mg_kind = targets.intake_label("magnesium").replace("own target", "your own")
    ear = (
        ""
        if targets.magnesium_ear_mg is None
        else f", EAR {figure(targets.magnesium_ear_mg).text} mg"
    )
    if targets.supplement_limit_mg is None:
        limit = "no upper limit is set for this age"
    else:
        limit = (
            f"at most {figure(targets.supplement_limit_mg).text} mg of magnesium "
            f"({_own(targets, 'supplement_limit_mg', 'supplemental upper limit')})"
        )
    ca_kind = targets.intake_label("calcium").replace("own target", "your own")
    return [
        f"Daily targets ({targets.stage})",
        f"  magnesium        {figure(targets.magnesium_rda_mg).text} mg ({mg_kind}){ear}, "
        "food and supplements",
        f"  supplements      {limit}",
        f"  calcium          {figure(targets.calcium_rda_mg).text} mg ({ca_kind}), "
        f"upper limit {figure(targets.calcium_ul_mg).text} mg",
        f"  vitamin D        {figure(targets.vitamin_d_rda_iu).text} IU "
        f"({targets.intake_label('vitamin_d')}), "
        f"upper limit {figure(targets.vitamin_d_ul_iu).text} IU",
    ]
