"""A day's four bars as words and geometry: what Today and ``mgtui status`` both show.

Each ``BarView`` holds the bar's parts (amounts for the geometry), the figure beside
it ("288 / 320 mg 90%"), a legend and a note. The app's widgets style and draw it;
the CLI paints it with ANSI colours. Neither computes a figure of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from mgtui.domain.entries import Entry
from mgtui.domain.figures import Figure, split
from mgtui.domain.summary import DaySummary
from mgtui.domain.text import safe
from mgtui.domain.verdict import AmountFigures, DayVerdict
from mgtui.frozen import field, frozen
from mgtui.present.bars import (
    FOOD_CHAR,
    MARKER_CHAR,
    PREVIEW_CHAR,
    SUPPLEMENT_CHAR,
    TRACK_CHAR,
    Cell,
    Segment,
    bar_cells,
    ratio_cells,
)
from mgtui.present.text import band_text

LegendPart = tuple[str, str, str]  # character, part name, label


@frozen
class BarView:
    label: str
    value: str  # the figure beside the bar
    legend: tuple[LegendPart, ...] = ()
    note: str = ""  # what follows the legend, or the whole detail line
    states: frozenset[str] = field(default_factory=frozenset)  # "-over-limit", ...
    segments: tuple[Segment, ...] = ()
    scale: float = 0.0
    markers: tuple[tuple[float, str], ...] = ()
    ratio: tuple[float | None, tuple[float, float]] | None = None  # a ratio gauge
    track: bool = False  # no bar to draw, only its track

    def cells(self, width: int) -> list[Cell]:
        if self.track:
            return [(TRACK_CHAR, "bar--track")] * width
        if self.ratio is not None:
            return ratio_cells(width, *self.ratio)
        return bar_cells(width, self.scale, self.segments, self.markers)


def added(after: Figure, before: Figure) -> Figure | None:
    """What a previewed entry adds to a shown figure; None when nothing."""
    difference = after - before
    return difference if difference.value > 0 else None


def _percent(figures: AmountFigures) -> str:
    return "" if figures.percent is None else f"{figures.percent.text}%"


def amount_value(figures: AmountFigures) -> str:
    """ "288 / 320 mg 90%" """
    return f"{figures.total.text} / {figures.target.text} mg {_percent(figures):>4}"


def to_go_text(figures: AmountFigures) -> str:
    return "" if figures.to_go is None else f"{figures.to_go.text} mg to go"


@frozen
class _Amount:
    """One mineral's bar: its figures now and as previewed, and the raw parts drawn."""

    now: AmountFigures
    shown: AmountFigures
    segments: tuple[Segment, ...]
    scale: float
    markers: tuple[tuple[float, str], ...]
    legend: list[LegendPart]


def _amount_bar(
    summary: DaySummary,
    preview: DaySummary | None,
    mineral: Callable[[DaySummary], tuple[AmountFigures, float, float]],
    markers: list[tuple[float, str]],
) -> _Amount:
    """``mineral`` picks a day's figures, food mg and supplement mg of one mineral."""
    now, food_mg, supplement_mg = mineral(summary)
    shown, after_food, after_supplements = mineral(preview or summary)
    added_mg = max(0.0, after_food + after_supplements - food_mg - supplement_mg)
    total = food_mg + supplement_mg + added_mg
    target = shown.target.value
    if shown.reached and total > target:
        markers = [*markers, (target, "bar--marker")]  # where the target was passed
    legend: list[LegendPart] = [
        (FOOD_CHAR, "bar--food", f"food {now.food.text}"),
        (SUPPLEMENT_CHAR, "bar--supplement", f"supplements {now.supplements.text}"),
    ]
    extra = added(shown.total, now.total)
    if extra is not None:
        legend.append((PREVIEW_CHAR, "bar--preview", f"+{extra.text}"))
    return _Amount(
        now=now,
        shown=shown,
        segments=(
            Segment(food_mg, "bar--food", FOOD_CHAR),
            Segment(supplement_mg, "bar--supplement", SUPPLEMENT_CHAR),
            Segment(added_mg, "bar--preview", PREVIEW_CHAR),
        ),
        scale=max(target, total),
        markers=tuple(markers),
        legend=legend,
    )


def _magnesium(day: DaySummary) -> tuple[AmountFigures, float, float]:
    return day.figures.magnesium, day.magnesium.food_mg, day.magnesium.supplement_mg


def _calcium(day: DaySummary) -> tuple[AmountFigures, float, float]:
    return day.figures.calcium, day.calcium.food_mg, day.calcium.supplement_mg


def magnesium_bar(summary: DaySummary, preview: DaySummary | None = None) -> BarView:
    ear_mg = summary.magnesium.ear_mg
    bar = _amount_bar(
        summary, preview, _magnesium, [] if ear_mg is None else [(ear_mg, "bar--marker")]
    )
    shown, legend = bar.shown, bar.legend
    ear = (preview or summary).figures.magnesium_ear
    if ear is not None:
        legend.append((MARKER_CHAR, "bar--marker", f"EAR {ear.text}"))
    if bar.scale > shown.target.value:
        intake = summary.targets.intake_label("magnesium")
        legend.append((MARKER_CHAR, "bar--marker", f"{intake} {shown.target.text}"))
    return BarView(
        label="Magnesium",
        value=amount_value(shown),
        legend=tuple(legend),
        note=to_go_text(shown),
        states=frozenset({"-reached"} if shown.reached else ()),
        segments=bar.segments,
        scale=bar.scale,
        markers=bar.markers,
    )


def supplement_bar(summary: DaySummary, preview: DaySummary | None = None) -> BarView:
    shown = (preview or summary).figures.supplement
    raw_now = summary.supplement.magnesium_mg
    raw_shown = (preview or summary).supplement.magnesium_mg
    if shown.limit is None:
        return BarView(
            label="Supplements",
            value=f"{shown.amount.text} mg, no limit",
            note="no supplemental upper limit is set for infants: ask your clinician",
            track=True,
        )
    limit = shown.limit.value
    if shown.state == "over":
        assert shown.over_by is not None
        note = f"OVER the limit by {shown.over_by.text} mg: diarrhea is the first sign"
    elif shown.state == "near":
        assert shown.left is not None
        note = f"near the limit: {shown.left.text} mg left today"
    else:
        assert shown.left is not None
        note = f"{shown.left.text} mg left under the limit (food not counted)"
    kidney = shown.warn_at_any_dose and raw_shown > 0
    if kidney:
        note = "kidney disease: ask your doctor before any supplement · " + note
    states = set()
    if shown.state == "near" or kidney:
        states.add("-near-limit")
    if shown.state == "over":
        states.add("-over-limit")
    return BarView(
        label="Supplements",
        value=f"{shown.amount.text} / {shown.limit.text} mg limit",
        note=note,
        states=frozenset(states),
        segments=(
            Segment(raw_now, "bar--supplement", SUPPLEMENT_CHAR),
            Segment(max(0.0, raw_shown - raw_now), "bar--preview", PREVIEW_CHAR),
        ),
        scale=max(limit, raw_shown),
        markers=((limit, "bar--marker"),) if shown.state == "over" else (),
    )


def calcium_bar(summary: DaySummary, preview: DaySummary | None = None) -> BarView:
    bar = _amount_bar(summary, preview, _calcium, [])
    after = (preview or summary).figures
    return BarView(
        label="Calcium",
        value=amount_value(bar.shown),
        legend=tuple(bar.legend),
        note=f"upper limit {after.calcium_ul.text}",
        states=frozenset({"-over-limit"} if after.calcium_over_ul else ()),
        segments=bar.segments,
        scale=bar.scale,
        markers=bar.markers,
    )


def ratio_value_text(figures: DayVerdict) -> str:
    ratio = figures.ratio
    return "n/a" if ratio.value is None else f"{ratio.text} : 1 {ratio.verdict}"


def ratio_bar(summary: DaySummary, preview: DaySummary | None = None) -> BarView:
    figures = (preview or summary).figures
    ratio = figures.ratio
    band = band_text(ratio.band)
    if ratio.value is None:
        note = f"band {band}: n/a until some magnesium is logged"
    else:
        note = f"band {band} · {ratio.cause or 'in the band'}"
    states = set()
    if ratio.verdict == "in band":
        states.add("-in-band")
    elif ratio.verdict in ("low", "high"):
        states.add("-out-of-band")
    return BarView(
        label="Ca:Mg ratio",
        value=ratio_value_text(figures),
        note=note,
        states=frozenset(states),
        ratio=(ratio.value, ratio.band),
    )


def day_bars(summary: DaySummary, preview: DaySummary | None = None) -> Sequence[BarView]:
    return (
        magnesium_bar(summary, preview),
        supplement_bar(summary, preview),
        calcium_bar(summary, preview),
        ratio_bar(summary, preview),
    )


@frozen
class LineView:
    """A figure shown as one line, without a bar (vitamin D on Today and in ``status``):
    the figure, its state, then its parts, so a narrow screen cuts the parts first."""

    label: str
    value: str
    note: str
    states: frozenset[str] = field(default_factory=frozenset)

    @property
    def text(self) -> str:
        return f"{self.value} · {self.note}"


def vitamin_d_line(summary: DaySummary, preview: DaySummary | None = None) -> LineView:
    """ "412 / 600 IU RDA 69% · 188 IU to go · food 12, supplements 400" """
    day = preview or summary
    figures = day.figures
    shown = figures.vitamin_d
    intake = day.targets.intake_label("vitamin_d")
    value = f"{shown.total.text} / {shown.target.text} IU {intake} {_percent(shown)}".rstrip()
    states: set[str] = set()
    if figures.vitamin_d_over_ul:
        assert figures.vitamin_d_over_ul_by is not None
        state = (
            f"OVER the {figures.vitamin_d_ul.text} IU upper limit by "
            f"{figures.vitamin_d_over_ul_by.text}"
        )
        states.add("-over-limit")
    elif shown.to_go is not None:
        state = f"{shown.to_go.text} IU to go"
    else:
        state = f"upper limit {figures.vitamin_d_ul.text}"
        states.add("-reached")
    parts = f"food {shown.food.text}, supplements {shown.supplements.text}"
    added_iu = None if preview is None else added(shown.total, summary.figures.vitamin_d.total)
    if added_iu is not None:
        # Beside the total: the one figure a preview is for, never cut off the line's end.
        value += f" (+{added_iu.text} IU)"
    return LineView(
        label="Vitamin D", value=value, note=f"{state} · {parts}", states=frozenset(states)
    )


# Advice about medicines: said on Today in one short line (``medicine_line``).
MEDICINE_CODES = frozenset({"medicine-timing", "medicine-food"})


def medicine_line(summary: DaySummary) -> str | None:
    """The day's medicine advice in one short line: the first one's short form, how many
    more, and the key that shows each with its rule and source. The full texts run to
    four lines each at 80 columns and would push the entries off screen."""
    shorts = [a.short or a.text for a in summary.advice if a.code in MEDICINE_CODES]
    if not shorts:
        return None
    first, *more = dict.fromkeys(shorts)
    why = f"Press w for why, and {len(more)} more." if more else "Press w for why."
    return f"! {safe(first)} {why}"


def entry_columns(
    summary: DaySummary, entries: Sequence[Entry]
) -> list[tuple[str | None, str | None]]:
    """Each entry's magnesium and calcium as a day's table shows them ("?"-worthy None
    where the food has no value): the rows add up to the day's totals as shown."""
    figures = summary.figures
    magnesium = split(figures.magnesium.total, [e.magnesium_or_zero for e in entries])
    calcium = split(figures.calcium.total, [e.calcium_or_zero for e in entries])
    return [
        (
            None if entry.magnesium_mg is None else mg.text,
            None if entry.calcium_mg is None else ca.text,
        )
        for entry, mg, ca in zip(entries, magnesium, calcium, strict=True)
    ]
