"""The four live bars of a day: magnesium, supplements vs the limit, calcium, Ca:Mg.

Each bar is a widget with a reactive ``summary`` (a ``DaySummary``); setting it
redraws the bar and sets state classes (``-near-limit``, ``-over-limit``, ...)
whose colours live in app.tcss, so every theme, including the ANSI ones, applies.
The geometry (and the characters that tell parts apart) is in ``mgtui.textbars``.

An optional ``preview`` summary (today with one more entry) shows what an entry
would do before it is logged: the added part is drawn in its own style.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import RenderResult
from textual.reactive import reactive
from textual.widget import Widget

from mgtui.domain.summary import DaySummary
from mgtui.textbars import (
    FOOD_CHAR,
    MARKER_CHAR,
    PREVIEW_CHAR,
    SUPPLEMENT_CHAR,
    TRACK_CHAR,
    Segment,
    bar_cells,
    percent_label,
    ratio_cells,
    to_go_label,
)

LABEL_WIDTH = 13
VALUE_WIDTH = 22
MIN_BAR_WIDTH = 10
# Past this, a longer bar reads no better and pushes the figures far from the labels.
MAX_BAR_WIDTH = 64


class DayBar(Widget):
    """Shared drawing: a label, the bar, the key figure, and a detail line beneath."""

    DEFAULT_CSS = """
    DayBar {
        height: 2;
        width: 1fr;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "bar--label",
        "bar--food",
        "bar--supplement",
        "bar--preview",
        "bar--empty",
        "bar--marker",
        "bar--value",
        "bar--detail",
        "bar--band",
        "bar--track",
    }

    LABEL = ""

    summary: reactive[DaySummary | None] = reactive(None)
    preview: reactive[DaySummary | None] = reactive(None)

    def __init__(
        self,
        summary: DaySummary | None = None,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.set_reactive(type(self).summary, summary)

    def style_of(self, component: str) -> Style:
        return self.get_component_rich_style(component)

    def draw(self, cells: list[tuple[str, str]]) -> Text:
        text = Text()
        for char, component in cells:
            text.append(char, self.style_of(component))
        return text

    def bar_width(self) -> int:
        available = self.size.width - LABEL_WIDTH - VALUE_WIDTH - 1
        return max(MIN_BAR_WIDTH, min(MAX_BAR_WIDTH, available))

    def line(self, bar: Text, value: str) -> Text:
        line = Text(f"{self.LABEL:<{LABEL_WIDTH}}", style=self.style_of("bar--label"))
        line.append_text(bar)
        line.append(f" {value:>{VALUE_WIDTH}}", style=self.style_of("bar--value"))
        return line

    def detail(self, text: str | Text) -> Text:
        detail = Text(" " * LABEL_WIDTH)
        if isinstance(text, Text):
            detail.append_text(text)
        else:
            detail.append(text, style=self.style_of("bar--detail"))
        detail.truncate(max(0, self.size.width), overflow="ellipsis")
        return detail

    def legend(self, parts: Sequence[tuple[str, str, str]]) -> Text:
        """``char label`` pairs in their own styles, joined with two spaces."""
        text = Text()
        for index, (char, component, label) in enumerate(parts):
            if index:
                text.append("  ")
            text.append(char, self.style_of(component))
            text.append(f" {label}", self.style_of("bar--detail"))
        return text

    def food_and_supplements(
        self,
        food_mg: float,
        supplement_mg: float,
        added_mg: float,
        target_mg: float,
        markers_mg: list[float],
    ) -> tuple[Text, str, list[tuple[str, str, str]]]:
        """A bar of food, supplement and previewed parts against a target: the drawn
        bar, its figure ("391 / 320 mg 122%") and the legend's parts."""
        total = food_mg + supplement_mg + added_mg
        markers = [(value, "bar--marker") for value in markers_mg]
        if total > target_mg:
            markers.append((target_mg, "bar--marker"))  # where the target was passed
        cells = bar_cells(
            self.bar_width(),
            max(target_mg, total),
            [
                Segment(food_mg, "bar--food", FOOD_CHAR),
                Segment(supplement_mg, "bar--supplement", SUPPLEMENT_CHAR),
                Segment(added_mg, "bar--preview", PREVIEW_CHAR),
            ],
            markers,
        )
        parts = [
            (FOOD_CHAR, "bar--food", f"food {food_mg:.0f}"),
            (SUPPLEMENT_CHAR, "bar--supplement", f"supplements {supplement_mg:.0f}"),
        ]
        if added_mg:
            parts.append((PREVIEW_CHAR, "bar--preview", f"+{added_mg:.0f}"))
        value = f"{total:.0f} / {target_mg:.0f} mg {percent_label(total, target_mg):>4}"
        return self.draw(cells), value, parts

    def render(self) -> RenderResult:
        if self.summary is None:
            return Text(f"{self.LABEL:<{LABEL_WIDTH}}…")
        lines = self.render_lines_for(self.summary, self.preview)
        return Text("\n").join(lines)

    def render_lines_for(self, summary: DaySummary, preview: DaySummary | None) -> list[Text]:
        raise NotImplementedError

    def watch_summary(self) -> None:
        self.set_state_classes()

    def watch_preview(self) -> None:
        self.set_state_classes()

    def set_state_classes(self) -> None:
        """Subclasses set their state classes; the default has none."""


class MagnesiumBar(DayBar):
    """Magnesium vs the RDA: food and supplement parts, the EAR marked."""

    LABEL = "Magnesium"

    def render_lines_for(self, summary: DaySummary, preview: DaySummary | None) -> list[Text]:
        mg = summary.magnesium
        added = 0.0 if preview is None else max(0.0, preview.magnesium.total_mg - mg.total_mg)
        ear = [] if mg.ear_mg is None else [mg.ear_mg]
        bar, value, parts = self.food_and_supplements(
            mg.food_mg, mg.supplement_mg, added, mg.rda_mg, ear
        )
        total = mg.total_mg + added
        if mg.ear_mg is not None:
            parts.append((MARKER_CHAR, "bar--marker", f"EAR {mg.ear_mg:.0f}"))
        if total > mg.rda_mg:
            parts.append((MARKER_CHAR, "bar--marker", f"RDA {mg.rda_mg:.0f}"))
        legend = self.legend(parts)
        if total < mg.rda_mg:
            legend.append(f" · {to_go_label(mg.rda_mg - total)}", self.style_of("bar--detail"))
        return [self.line(bar, value), self.detail(legend)]

    def set_state_classes(self) -> None:
        summary = self.preview or self.summary
        reached = summary is not None and summary.magnesium.reached_rda
        self.set_class(reached, "-reached")


class SupplementBar(DayBar):
    """Supplemental magnesium vs the limit: calm, amber near it, red past it."""

    LABEL = "Supplements"

    def render_lines_for(self, summary: DaySummary, preview: DaySummary | None) -> list[Text]:
        supplement = summary.supplement
        shown = supplement if preview is None else preview.supplement
        added = max(0.0, shown.magnesium_mg - supplement.magnesium_mg)
        limit = supplement.limit_mg
        if limit is None:
            bar = self.draw([(TRACK_CHAR, "bar--track")] * self.bar_width())
            text = f"{shown.magnesium_mg:.0f} mg, no limit"
            detail = "no supplemental upper limit is set for infants: ask your clinician"
            return [self.line(bar, text), self.detail(detail)]
        scale = max(limit, shown.magnesium_mg)
        markers = [(limit, "bar--marker")] if shown.magnesium_mg > limit else []
        cells = bar_cells(
            self.bar_width(),
            scale,
            [
                Segment(supplement.magnesium_mg, "bar--supplement", SUPPLEMENT_CHAR),
                Segment(added, "bar--preview", PREVIEW_CHAR),
            ],
            markers,
        )
        value = f"{shown.magnesium_mg:.0f} / {limit:.0f} mg limit"
        if shown.state == "over":
            detail = f"OVER the limit by {shown.over_by_mg:.0f} mg: diarrhea is the first sign"
        elif shown.state == "near":
            detail = f"near the limit: {limit - shown.magnesium_mg:.0f} mg left today"
        else:
            detail = f"{limit - shown.magnesium_mg:.0f} mg left under the limit (food not counted)"
        if shown.warn_at_any_dose and shown.magnesium_mg > 0:
            detail = "kidney disease: ask your doctor before any supplement · " + detail
        return [self.line(self.draw(cells), value), self.detail(detail)]

    def set_state_classes(self) -> None:
        summary = self.preview or self.summary
        state = "calm" if summary is None else summary.supplement.state
        kidney = (
            summary is not None
            and summary.supplement.warn_at_any_dose
            and summary.supplement.magnesium_mg > 0
        )
        self.set_class(state == "near" or kidney, "-near-limit")
        self.set_class(state == "over", "-over-limit")


class CalciumBar(DayBar):
    """Calcium vs its RDA, food and supplement parts told apart."""

    LABEL = "Calcium"

    def render_lines_for(self, summary: DaySummary, preview: DaySummary | None) -> list[Text]:
        ca = summary.calcium
        added = 0.0 if preview is None else max(0.0, preview.calcium.total_mg - ca.total_mg)
        bar, value, parts = self.food_and_supplements(
            ca.food_mg, ca.supplement_mg, added, ca.rda_mg, []
        )
        legend = self.legend(parts)
        legend.append(f" · upper limit {ca.ul_mg:.0f}", self.style_of("bar--detail"))
        return [self.line(bar, value), self.detail(legend)]

    def set_state_classes(self) -> None:
        summary = self.preview or self.summary
        self.set_class(summary is not None and summary.calcium.over_ul, "-over-limit")


class RatioGauge(DayBar):
    """The Ca:Mg ratio on an axis from 0, the band drawn, the day's value marked."""

    LABEL = "Ca:Mg ratio"

    def render_lines_for(self, summary: DaySummary, preview: DaySummary | None) -> list[Text]:
        ratio = summary.ratio if preview is None else preview.ratio
        low, high = ratio.band
        cells = ratio_cells(self.bar_width(), ratio.value, ratio.band)
        band = f"{low:g}–{high:g}"
        if ratio.value is None:
            value = "n/a"
            detail = f"band {band}: n/a until some magnesium is logged"
        else:
            value = f"{ratio.value:.2f} : 1 {ratio.verdict}"
            if ratio.verdict == "high":
                advice = "magnesium is low for the calcium"
            elif ratio.verdict == "low":
                advice = "calcium is low for the magnesium"
            else:
                advice = "in the band"
            detail = f"band {band} · {advice}"
        return [self.line(self.draw(cells), value), self.detail(detail)]

    def set_state_classes(self) -> None:
        summary = self.preview or self.summary
        verdict = "n/a" if summary is None else summary.ratio.verdict
        self.set_class(verdict == "in band", "-in-band")
        self.set_class(verdict in ("low", "high"), "-out-of-band")
