"""A supplement from its label: elemental magnesium per serving, or the compound
weight converted with the form's fraction (the arithmetic shown as you type); calcium
the same way with its own form; vitamin D per serving in IU or mcg.

Typing "500" as elemental magnesium of a glycinate gets a warning first: glycinate
is 14.1% magnesium, so that is almost surely the compound weight. "500" as elemental
calcium of a citrate (21.1% calcium) gets the same question.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Select, Static

from mgtui.domain.supplements import CALCIUM_FORMS, MAGNESIUM_FORMS, SupplementProduct
from mgtui.frozen import frozen
from mgtui.logbook import drafts
from mgtui.tui.dialogs.base import Dialog


@frozen
class ProductFormResult:
    product: SupplementProduct
    save: bool  # False: log this dose once without keeping the product


FORM_OPTIONS = [
    (f"{form.name} ({form.percent_label} Mg)", form.name) for form in MAGNESIUM_FORMS.values()
]

CALCIUM_FORM_OPTIONS = [
    (f"{form.name} ({form.percent_label} Ca)", form.name) for form in CALCIUM_FORMS.values()
]
CALCIUM_BASIS_OPTIONS = [("elemental", "elemental"), ("compound weight", "compound")]
VITAMIN_D_UNITS = [("IU", "IU"), ("mcg", "mcg")]


class ProductForm(Dialog[ProductFormResult | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save product"),
        Binding("ctrl+l", "log_once", "Log once"),
    ]

    def __init__(self, product: SupplementProduct | None = None, *, one_off: bool = False) -> None:
        super().__init__()
        self.product = product
        self.one_off = one_off
        self.confirmed_compound_warning = False

    def compose(self) -> ComposeResult:
        product = self.product
        compound = product is not None and product.compound_mg is not None
        if product is None:
            magnesium = ""
        elif compound and product.compound_mg is not None:
            magnesium = f"{product.compound_mg:g}"
        else:
            magnesium = f"{product.magnesium_mg:g}"
        title = "One dose" if self.one_off else ("Edit supplement" if product else "New supplement")
        with Vertical(classes="dialog -wide"):
            yield Label(title, classes="dialog-title")
            with Grid(classes="form"):
                yield Label("Name")
                yield Input(
                    product.name if product else "",
                    id="name",
                    placeholder="Mg glycinate 120",
                    compact=True,
                )
                yield Label("Form")
                yield Select(
                    FORM_OPTIONS,
                    id="form",
                    compact=True,
                    prompt="unknown / not magnesium",
                    value=(product.form if product and product.form else Select.NULL),
                )
                yield Label("Label states")
                with RadioSet(id="basis", compact=True):
                    yield RadioButton(
                        "elemental magnesium", id="elemental", value=not compound, compact=True
                    )
                    yield RadioButton(
                        "compound weight", id="compound", value=compound, compact=True
                    )
                yield Label("Magnesium mg")
                yield Input(magnesium, id="magnesium", placeholder="per serving", compact=True)
                calcium_compound = product is not None and product.calcium_compound_mg is not None
                if product is None:
                    calcium = "0"
                elif product.calcium_compound_mg is not None:
                    calcium = f"{product.calcium_compound_mg:g}"
                else:
                    calcium = f"{product.calcium_mg:g}"
                yield Label("Calcium mg")
                with Horizontal(classes="form-pair"):
                    yield Input(calcium, id="calcium", placeholder="per serving", compact=True)
                    yield Select(
                        CALCIUM_BASIS_OPTIONS,
                        id="calcium-basis",
                        compact=True,
                        allow_blank=False,
                        value="compound" if calcium_compound else "elemental",
                    )
                yield Label("Calcium form")
                yield Select(
                    CALCIUM_FORM_OPTIONS,
                    id="calcium-form",
                    compact=True,
                    prompt="unknown / no calcium",
                    value=(
                        product.calcium_form if product and product.calcium_form else Select.NULL
                    ),
                )
                yield Label("Vitamin D")
                with Horizontal(classes="form-pair"):
                    yield Input(
                        f"{product.vitamin_d_iu:g}" if product and product.vitamin_d_iu else "",
                        id="vitamin-d",
                        placeholder="per serving",
                        compact=True,
                    )
                    yield Select(
                        VITAMIN_D_UNITS,
                        id="vitamin-d-unit",
                        compact=True,
                        allow_blank=False,
                        value="IU",
                    )
                yield Label("Serving")
                yield Input(product.serving if product else "1 capsule", id="serving", compact=True)
            yield Static(id="conversion", classes="dialog-hint")
            yield Static(id="form-error", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                if not self.one_off:
                    yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Log once (ctrl+l)", id="log-once")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.update_conversion()

    def text(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value

    def chosen_form(self) -> str | None:
        value = self.query_one("#form", Select).value
        return value if isinstance(value, str) else None

    def is_compound(self) -> bool:
        return self.query_one("#compound", RadioButton).value

    def chosen(self, field: str) -> str | None:
        value = self.query_one(f"#{field}", Select).value
        return value if isinstance(value, str) else None

    def is_calcium_compound(self) -> bool:
        return self.chosen("calcium-basis") == "compound"

    def build(self) -> SupplementProduct:
        return drafts.make_product(
            self.text("name"),
            self.chosen_form(),
            self.text("magnesium"),
            self.text("calcium"),
            self.text("serving"),
            compound=self.is_compound(),
            calcium_form=self.chosen("calcium-form"),
            calcium_compound=self.is_calcium_compound(),
            vitamin_d_text=self.text("vitamin-d"),
            vitamin_d_unit="mcg" if self.chosen("vitamin-d-unit") == "mcg" else "IU",
        )

    def warnings(self, product: SupplementProduct) -> str:
        """The "looks like a compound weight" questions, magnesium's and calcium's."""
        found = [
            drafts.compound_weight_warning(product, compound=self.is_compound()),
            drafts.calcium_compound_weight_warning(product, compound=self.is_calcium_compound()),
        ]
        return " ".join(text for text in found if text)

    @on(Input.Changed)
    @on(Select.Changed)
    @on(RadioSet.Changed)
    def update_conversion(self) -> None:
        self.confirmed_compound_warning = False
        conversion = self.query_one("#conversion", Static)
        error = self.query_one("#form-error", Static)
        error.update("")
        try:
            product = self.build()
        except drafts.AmountError as problem:
            conversion.update("")
            if any(self.text(field).strip() for field in ("magnesium", "vitamin-d")):
                error.update(str(problem))
            return
        if product.conversion:
            lines = [f"Conversion: {product.conversion}"]
        else:
            lines = [f"{product.magnesium_mg:g} mg elemental magnesium per serving"]
        if product.calcium_conversion:
            lines.append(f"Conversion: {product.calcium_conversion}")
        if product.vitamin_d_iu and self.chosen("vitamin-d-unit") == "mcg":
            lines.append(f"Vitamin D: {product.vitamin_d_iu:g} IU per serving (1 mcg = 40 IU)")
        conversion.update("\n".join(lines))
        warning = self.warnings(product)
        if warning:
            error.update(warning)

    @on(Input.Submitted)
    def next_field(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.finish(save=True)

    @on(Button.Pressed, "#log-once")
    def action_log_once(self) -> None:
        self.finish(save=False)

    def finish(self, save: bool) -> None:
        if save and self.one_off:
            save = False
        error = self.query_one("#form-error", Static)
        try:
            product = self.build()
        except drafts.AmountError as problem:
            error.update(str(problem))
            return
        warning = self.warnings(product)
        if warning and not self.confirmed_compound_warning:
            self.confirmed_compound_warning = True
            error.update(f"{warning} Press the button again to keep it as elemental.")
            return
        self.dismiss(ProductFormResult(product, save))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
