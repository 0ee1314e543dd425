"""A Markdown bone-health report for a clinician: ``mgtui report [--days N]``.

Built from the log alone (no UI, no storage types): the profile and targets, the
window and how many days in it were logged, averages against the RDA and EAR, the
three daily questions counted over the window, top food sources, the supplements
taken with their forms, the warnings, where each reference value comes from, and a
disclaimer. Averages are over logged days: an unlogged day is unknown, not zero.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

from mgtui.domain.entries import Entry
from mgtui.domain.figures import figure, half_up
from mgtui.domain.insights import Insights, compute_insights
from mgtui.domain.medicines import (
    Interaction,
    Medication,
    day_before_entries,
    duration_text,
    find_class,
    find_interactions,
    standing_notes,
)
from mgtui.domain.reference import REFERENCE_SOURCES
from mgtui.domain.summary import summarize_day
from mgtui.domain.supplements import SupplementProduct
from mgtui.domain.targets import Profile, Targets, resolve_targets
from mgtui.domain.text import safe
from mgtui.frozen import frozen
from mgtui.present.insights import source_cells, vitamin_d_average_text

DEFAULT_REPORT_DAYS = 30
DISCLAIMER = (
    "Self-recorded intake from mgtui, for discussion with a clinician; guidance, not a diagnosis."
)


@frozen
class SupplementUse:
    name: str
    form: str | None
    days: int
    doses: int
    magnesium_mg: float  # total over the window
    calcium_mg: float


def _mg(value: float | None) -> str:
    return "n/a" if value is None else f"{figure(value).text} mg"


def markdown_cell(text: str) -> str:
    """Text from data inside a Markdown table cell: a "|" would start another cell."""
    return text.replace("|", "\\|")


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def _count(part: int, whole: int) -> str:
    if whole == 0:
        return "0 of 0"
    return f"{part} of {whole} ({half_up(100 * part / whole):.0f}%)"


def supplement_use(entries: Iterable[Entry]) -> list[SupplementUse]:
    """Each supplement taken in the entries: on how many days, how much in all."""
    by_name: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.is_supplement:
            by_name[entry.product or entry.name].append(entry)
    uses = [
        SupplementUse(
            name=name,
            form=next((e.form for e in taken if e.form), None),
            days=len({e.date for e in taken}),
            doses=len(taken),
            magnesium_mg=sum(e.magnesium_or_zero for e in taken),
            calcium_mg=sum(e.calcium_or_zero for e in taken),
        )
        for name, taken in by_name.items()
    ]
    return sorted(uses, key=lambda use: (-use.days, use.name))


def _profile_section(profile: Profile, targets: Targets) -> list[str]:
    limit = _mg(targets.supplement_limit_mg)
    low, high = targets.ratio_band
    age = "51+ years" if profile.is_default else f"{profile.age:g} years"
    who = f"{profile.sex}, {age}"
    if profile.pregnant:
        who += ", pregnant"
    if profile.lactating:
        who += ", lactating"
    if profile.kidney_disease:
        who += ", kidney disease"
    if profile.is_default:
        who += " (mgtui's default profile: not set by the person)"
    ear = "" if targets.magnesium_ear_mg is None else f", EAR {_mg(targets.magnesium_ear_mg)}/day"
    lines = [
        "## Profile and targets",
        "",
        f"- Profile: {who}; reference group: {targets.stage}",
        f"- Magnesium: {targets.intake_label('magnesium')} "
        f"{_mg(targets.magnesium_rda_mg)}/day{ear}, "
        + (
            "no supplemental upper limit set for this age"
            if targets.supplement_limit_mg is None
            else f"supplemental upper limit {limit}/day (supplements and medicines only)"
        ),
        f"- Calcium: {targets.intake_label('calcium')} {_mg(targets.calcium_rda_mg)}/day, "
        f"upper limit {_mg(targets.calcium_ul_mg)}/day; vitamin D "
        f"{targets.intake_label('vitamin_d')} {targets.vitamin_d_rda_iu:.0f} IU/day, "
        f"upper limit {_iu(targets.vitamin_d_ul_iu)}/day",
        f"- Calcium:magnesium ratio band in use: {low:g}–{high:g}",
    ]
    if targets.custom_fields:
        names = ", ".join(f.replace("_mg", "").replace("_", " ") for f in targets.custom_fields)
        lines.append(f"- Set by hand (instead of the reference tables): {names}")
    return lines


def _iu(value: float) -> str:
    return f"{figure(value).text} IU"


def _summary_section(insights: Insights) -> list[str]:
    targets = insights.targets
    logged = insights.logged_days
    lines = [
        "## Intake",
        "",
        f"Window: {insights.start:%d %b %Y} – {insights.end:%d %b %Y} "
        f"({_days(insights.days_in_window)}), {_days(logged)} logged"
        + (
            f"; {_days(insights.unlogged_days)} without entries not counted."
            if insights.unlogged_days
            else "."
        ),
        "",
    ]
    average = insights.average
    if average is None:
        lines.append("Nothing was logged in this window.")
        return lines
    mg = average.magnesium
    intake = targets.intake_label("magnesium")
    percent = "" if mg.percent is None else f"{mg.percent.text}% of the "
    lines += [
        "| measure | value |",
        "|---|---|",
        f"| average magnesium, total | {mg.total.text} mg/day "
        f"({percent}{intake} {mg.target.text} mg) |",
        f"| average magnesium from supplements | {mg.supplements.text} mg/day |",
        f"| average magnesium from food | {mg.food.text} mg/day |",
        f"| days at or above the {intake} | {_count(insights.days_at_rda, logged)} |",
    ]
    if targets.magnesium_ear_mg is not None:
        lines.append(
            f"| days at or above the EAR ({_mg(targets.magnesium_ear_mg)}) | "
            f"{_count(insights.days_at_ear, logged)} |"
        )
    low, high = targets.ratio_band
    lines += [
        f"| days over the supplemental limit | {_count(insights.days_over_limit, logged)} |",
        f"| days with Ca:Mg in {low:g}–{high:g} | "
        f"{_count(insights.days_in_band, insights.days_with_ratio)} |",
        f"| average calcium, total | {average.calcium.total.text} mg/day |",
        f"| days at or above the calcium {targets.intake_label('calcium')} | "
        f"{_count(insights.days_at_calcium_rda, logged)} |",
        "| average vitamin D, total | "
        + vitamin_d_average_text(average, targets.intake_label("vitamin_d"))
        + " |",
        f"| days over the vitamin D upper limit ({_iu(targets.vitamin_d_ul_iu)}) | "
        f"{_count(insights.days_over_vitamin_d_ul, logged)} |",
    ]
    if insights.shares_shown is not None:
        food, supplements = insights.shares_shown
        lines.append(f"| magnesium from food / supplements | {food.text}% / {supplements.text}% |")
    if insights.completeness is not None:
        lines.append(
            f"| items with a magnesium value | "
            f"{_count(insights.entries - insights.entries_missing_magnesium, insights.entries)} |"
        )
    return lines


def _sources_section(insights: Insights) -> list[str]:
    if not insights.top_sources:
        return []
    lines = [
        "## Top food sources of magnesium",
        "",
        "| food | magnesium | share |",
        "|---|---|---|",
    ]
    for source in insights.top_sources:
        name, magnesium, share = source_cells(source)
        lines.append(f"| {markdown_cell(name)} | {magnesium} mg | {share} |")
    return lines


def _supplements_section(
    uses: Sequence[SupplementUse], products: Sequence[SupplementProduct]
) -> list[str]:
    lines = ["## Supplements taken", ""]
    if not uses:
        return [*lines, "No supplements were logged in this window."]
    by_name = {product.name.casefold(): product for product in products}
    lines += [
        "| supplement | form | days taken | magnesium per day taken | calcium per day taken |",
        "|---|---|---|---|---|",
    ]
    for use in uses:
        product = by_name.get(use.name.casefold())
        form = use.form or (product.form if product else None)
        if product is not None and product.calcium_form:
            calcium = f"calcium {product.calcium_form}"
            form = calcium if form is None else f"{form}; {calcium}"
        form = form or "not stated"
        lines.append(
            f"| {markdown_cell(safe(use.name))} | {markdown_cell(safe(form))} | {use.days} | "
            f"{_mg(use.magnesium_mg / use.days)} | {_mg(use.calcium_mg / use.days)} |"
        )
    conversions = [p.conversion for p in products if p.conversion]
    if conversions:
        lines += ["", "Converted from compound weights: " + safe("; ".join(conversions)) + "."]
    return lines


def _by_day(entries: Iterable[Entry]) -> dict[dt.date, list[Entry]]:
    by_day: dict[dt.date, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_day[entry.date].append(entry)
    return by_day


def _too_close(
    all_entries: Sequence[Entry], start: dt.date
) -> dict[dt.date, tuple[Interaction, ...]]:
    """Each window day's medicines and supplements taken too close together, across
    its midnight too (``all_entries`` may hold the day before the window)."""
    by_day = _by_day(all_entries)
    found = {
        day: find_interactions(
            by_day[day], day_before_entries(by_day.get(day - dt.timedelta(days=1), []))
        )
        for day in sorted(d for d in by_day if d >= start)
    }
    return {day: pairs for day, pairs in found.items() if pairs}


def _warnings_section(entries: Sequence[Entry], targets: Targets, medicine_days: int) -> list[str]:
    """The window's warnings; ``medicine_days``: its days with a medicine and a
    supplement too close together."""
    by_day = _by_day(entries)
    over: list[str] = []
    calcium_over: list[str] = []
    timing_days = 0
    for day in sorted(by_day):
        summary = summarize_day(day, by_day[day], targets)
        figures = summary.figures
        if figures.supplement.state == "over":
            over.append(f"{day:%d %b} ({figures.supplement.amount.text} mg)")
        if figures.calcium_over_ul:
            calcium_over.append(f"{day:%d %b} ({figures.calcium.total.text} mg)")
        if any(a.code == "timing" for a in summary.tips):
            timing_days += 1
    lines = ["## Warnings", ""]
    if over:
        lines.append(
            f"- Supplemental magnesium over the {_mg(targets.supplement_limit_mg)} limit on "
            f"{_days(len(over))}: {', '.join(over)}."
        )
    if calcium_over:
        lines.append(
            f"- Total calcium over its upper limit on {_days(len(calcium_over))}: "
            f"{', '.join(calcium_over)}."
        )
    if targets.kidney_disease and any(e.is_supplement for e in entries):
        lines.append("- Kidney disease is noted, and supplements were taken.")
    if timing_days:
        lines.append(
            f"- Calcium and magnesium supplements within 2 hours of each other on "
            f"{_days(timing_days)}."
        )
    if medicine_days:
        lines.append(
            f"- A medicine and a magnesium or calcium supplement too close together on "
            f"{_days(medicine_days)} (see Medicines and supplement timing)."
        )
    if len(lines) == 2:
        lines.append("- None in this window.")
    return lines


def _medicines_section(
    entries: Sequence[Entry],
    medications: Sequence[Medication],
    too_close: dict[dt.date, tuple[Interaction, ...]],
) -> list[str]:
    """The medicines (saved, or taken in the window), their rules and standing notes once,
    and each day a medicine and a supplement were taken too close together."""
    named = {m.name.casefold(): (m.name, m.medicine_class) for m in medications}
    for entry in entries:
        if entry.is_medicine:
            named.setdefault(entry.name.casefold(), (entry.name, entry.form or ""))
    if not named:
        return []
    lines = ["## Medicines and supplement timing", ""]
    for name, key in sorted(named.values(), key=lambda pair: pair[0].casefold()):
        cls = find_class(key)
        if cls is None:
            continue
        rule = f": {cls.rule} ({cls.source})" if cls.rule else ""
        lines.append(f"- {markdown_cell(safe(name))} ({cls.label}){rule}.")
    notes = standing_notes(key for _, key in named.values())
    lines += [f"- Note: {note}" for _, note in notes]
    close: list[str] = []
    for day, pairs in too_close.items():
        for found in pairs:
            close.append(
                f"{day:%a %d %b}: {markdown_cell(safe(found.medicine.name))} "
                f"{found.moment(found.medicine_at)} and "
                f"{markdown_cell(safe(found.supplement.name))} "
                f"{found.moment(found.supplement_at)}, {duration_text(found.minutes_apart)} apart "
                f"(at least {duration_text(found.minutes_needed)})"
            )
    lines.append("")
    if close:
        lines.append(
            f"A medicine and a magnesium or calcium supplement were taken too close together "
            f"on {_days(len(too_close))}:"
        )
        lines += ["", *[f"- {line}" for line in close]]
    else:
        lines.append("No supplement was logged too close to a medicine in this window.")
    lines += ["", "Guidance with its source, not a diagnosis: ask your clinician or pharmacist."]
    return lines


def build_report(
    *,
    profile: Profile,
    entries: Iterable[Entry],
    products: Sequence[SupplementProduct],
    end: dt.date,
    days: int = DEFAULT_REPORT_DAYS,
    generated: dt.datetime | None = None,
    medications: Sequence[Medication] = (),
) -> str:
    """The report as Markdown, for the ``days`` days ending on ``end``."""
    targets = resolve_targets(profile)
    all_entries = list(entries)
    insights = compute_insights(all_entries, targets, end, days)
    window = [e for e in all_entries if insights.start <= e.date <= insights.end]
    # The day before the window counts for a pair across the window's first midnight.
    too_close = _too_close([e for e in all_entries if e.date <= insights.end], insights.start)
    stamp = f" on {generated:%d %b %Y %H:%M}" if generated else ""
    lines = [
        "# Magnesium and bone health: intake report",
        "",
        f"Generated by mgtui{stamp} for {insights.start:%d %b %Y} – {insights.end:%d %b %Y}.",
        "",
        *_profile_section(profile, targets),
        "",
        *_summary_section(insights),
        "",
        *_sources_section(insights),
        "",
        *_supplements_section(supplement_use(window), products),
        "",
        *_warnings_section(window, targets, len(too_close)),
        "",
        *_medicines_section(window, medications, too_close),
        "",
        "## Sources of the reference values",
        "",
        *[f"- {source}" for source in REFERENCE_SOURCES],
        "",
        f"*{DISCLAIMER}*",
        "",
    ]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text
