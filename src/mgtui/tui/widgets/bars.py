"""The four live bars of a day: magnesium, supplements vs the limit, calcium, Ca:Mg;
and vitamin D's one line beneath them.

Each bar is a widget with a reactive ``summary`` (a ``DaySummary``); setting it
redraws the bar and sets state classes (``-near-limit``, ``-over-limit``, ...)
whose colours live in app.tcss, so every theme, including the ANSI ones, applies.
The geometry (and the characters that tell parts apart) is in ``mgtui.present.bars``.

An optional ``preview`` summary (today with one more entry) shows what an entry
would do before it is logged: the added part is drawn in its own style.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import groupby
from operator import itemgetter
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import RenderResult
from textual.reactive import reactive
from textual.widget import Widget

from mgtui.domain.summary import DaySummary
from mgtui.present import day as views
from mgtui.present.day import BarView, LegendPart, LineView

LABEL_WIDTH = 13
VALUE_WIDTH = 22
MIN_BAR_WIDTH = 10
# Past this, a longer bar reads no better and pushes the figures far from the labels.
MAX_BAR_WIDTH = 64
# Every state class a bar may carry; the view says which apply.
STATE_CLASSES = ("-reached", "-near-limit", "-over-limit", "-in-band", "-out-of-band")


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
    # The view of this bar for a day (and a previewed entry): one of present.day's.
    VIEW: ClassVar[Callable[[DaySummary, DaySummary | None], BarView]]

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
        # Made with its day, a bar carries its state classes into its first style
        # pass: set after it, they would style the bar and its ten parts again.
        self.set_state_classes()

    def style_of(self, component: str) -> Style:
        return self.get_component_rich_style(component)

    def bar_width(self) -> int:
        available = self.size.width - LABEL_WIDTH - VALUE_WIDTH - 1
        return max(MIN_BAR_WIDTH, min(MAX_BAR_WIDTH, available))

    _view: BarView | None = None
    _view_for: tuple[object, object] | None = None

    def view(self) -> BarView | None:
        """The bar's view of the day (and preview), made once for each pair."""
        if self.summary is None:
            return None
        made_for = self._view_for
        if made_for is None or made_for[0] is not self.summary or made_for[1] is not self.preview:
            self._view = type(self).VIEW(self.summary, self.preview)
            self._view_for = (self.summary, self.preview)
        return self._view

    def render(self) -> RenderResult:
        view = self.view()
        if view is None:
            return Text(f"{self.LABEL:<{LABEL_WIDTH}}…")
        line = Text(f"{view.label:<{LABEL_WIDTH}}", style=self.style_of("bar--label"))
        # A bar is a few dozen cells of a handful of parts, mostly in runs: each run is
        # appended as one span (one segment to render), with its part's style.
        for component, run in groupby(view.cells(self.bar_width()), key=itemgetter(1)):
            line.append("".join(char for char, _ in run), self.style_of(component))
        line.append(f" {view.value:>{VALUE_WIDTH}}", style=self.style_of("bar--value"))
        detail = Text(" " * LABEL_WIDTH)
        detail.append_text(self.legend(view.legend))
        if view.note:
            separator = " · " if view.legend else ""
            detail.append(separator + view.note, self.style_of("bar--detail"))
        detail.truncate(max(0, self.size.width), overflow="ellipsis")
        return Text("\n").join([line, detail])

    def legend(self, parts: Sequence[LegendPart]) -> Text:
        """``char label`` pairs in their own styles, joined with two spaces."""
        text = Text()
        for index, (char, component, label) in enumerate(parts):
            if index:
                text.append("  ")
            text.append(char, self.style_of(component))
            text.append(f" {label}", self.style_of("bar--detail"))
        return text

    def watch_summary(self) -> None:
        self.set_state_classes()

    def watch_preview(self) -> None:
        self.set_state_classes()

    def states(self) -> frozenset[str]:
        """The state classes the day (and preview) give the bar."""
        view = self.view()
        return frozenset() if view is None else view.states

    def set_state_classes(self) -> None:
        states = self.states()
        # Not in the DOM yet, the bar has had no style pass: its first one sees them.
        update = self.parent is not None
        for state in STATE_CLASSES:
            self.set_class(state in states, state, update=update)


class MagnesiumBar(DayBar):
    """Magnesium vs the RDA: food and supplement parts, the EAR marked."""

    LABEL = "Magnesium"
    VIEW = views.magnesium_bar


class SupplementBar(DayBar):
    """Supplemental magnesium vs the limit: calm, amber near it, red past it."""

    LABEL = "Supplements"
    VIEW = views.supplement_bar


class CalciumBar(DayBar):
    """Calcium vs its RDA, food and supplement parts told apart."""

    LABEL = "Calcium"
    VIEW = views.calcium_bar


class RatioGauge(DayBar):
    """The Ca:Mg ratio on an axis from 0, the band drawn, the day's value marked."""

    LABEL = "Ca:Mg ratio"
    VIEW = views.ratio_bar


class VitaminDLine(DayBar):
    """Vitamin D (food and supplements) against its RDA and upper limit, in one line:
    a guide beside the minerals, so it takes no bar's two lines from the entries."""

    DEFAULT_CSS = """
    VitaminDLine {
        height: 1;
    }
    """

    LABEL = "Vitamin D"

    def line_view(self) -> LineView | None:
        if self.summary is None:
            return None
        return views.vitamin_d_line(self.summary, self.preview)

    def render(self) -> RenderResult:
        view = self.line_view()
        if view is None:
            return Text(f"{self.LABEL:<{LABEL_WIDTH}}…")
        line = Text(f"{view.label:<{LABEL_WIDTH}}", style=self.style_of("bar--label"))
        line.append(view.value, style=self.style_of("bar--value"))
        line.append(f" · {view.note}", style=self.style_of("bar--detail"))
        line.truncate(max(0, self.size.width), overflow="ellipsis")
        return line

    def states(self) -> frozenset[str]:
        view = self.line_view()
        return frozenset() if view is None else view.states
