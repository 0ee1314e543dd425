"""Pure rules of mgtui: targets, supplement forms, a day's summary, insights.

Nothing here imports textual or tinydb (a test checks it), so the CLI and the
tests use these rules without paying for the UI or the storage.
"""

from mgtui.domain.entries import Entry, EntryKind
from mgtui.domain.summary import Advice, DaySummary, summarize_day
from mgtui.domain.supplements import (
    SupplementError,
    elemental_calcium_mg,
    elemental_magnesium_mg,
    magnesium_form,
)
from mgtui.domain.targets import (
    DEFAULT_PROFILE,
    CustomTargets,
    Profile,
    ProfileError,
    Targets,
    parse_ratio_band,
    resolve_targets,
)

__all__ = [
    "DEFAULT_PROFILE",
    "Advice",
    "CustomTargets",
    "DaySummary",
    "Entry",
    "EntryKind",
    "Profile",
    "ProfileError",
    "SupplementError",
    "Targets",
    "elemental_calcium_mg",
    "elemental_magnesium_mg",
    "magnesium_form",
    "parse_ratio_band",
    "resolve_targets",
    "summarize_day",
]
