"""Supplements: saved products from their labels, a serving logged with one key; below
them the medicines whose timing matters beside magnesium and calcium, taken with one key.

Before a serving takes the day's supplemental magnesium past the limit (or any dose
with kidney disease in the profile), or a supplement and a medicine would be taken too
close together (either one second), the person is asked first. After logging, the
timing tip appears when calcium and magnesium supplements are within 2 hours.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from mgtui.domain.entries import Entry
from mgtui.domain.medicines import Medication, class_guidance
from mgtui.domain.supplements import SupplementProduct
from mgtui.domain.text import safe
from mgtui.logbook import drafts
from mgtui.present.text import describe_entry, iu_text, mg_text, whole_mg
from mgtui.store import StoreError
from mgtui.tui.dialogs.confirm_dialog import ConfirmDialog
from mgtui.tui.dialogs.medicine_dialog import MedicineDialog, MedicineRequest
from mgtui.tui.dialogs.product_form import ProductForm, ProductFormResult
from mgtui.tui.dialogs.time_dialog import TimeDialog
from mgtui.tui.guard import reads_store
from mgtui.tui.screens.base import SectionScreen
from mgtui.tui.widgets.bars import SupplementBar
from mgtui.tui.widgets.footer import CompactFooter
from mgtui.tui.widgets.nav_bar import NavBar


class SupplementsScreen(SectionScreen):
    BINDINGS = [
        Binding("l", "log_serving", "Log serving", tooltip="Log one serving of the product"),
        Binding("n", "new_product", "New", tooltip="Save a supplement from its label"),
        Binding("e", "edit_product", "Edit", tooltip="Change the selected product"),
        Binding("x", "delete_product", "Delete", tooltip="Forget the selected product"),
        Binding("o", "one_off", "One-off dose", tooltip="Log a dose without saving a product"),
        Binding(
            "m",
            "take_medicine",
            "Take medicine",
            tooltip="Log the selected medicine as taken now (asks the time on another day)",
            # Off the footer, which would lose Quit at 80 columns: the Medicines title
            # says the medicine keys where the medicines are.
            show=False,
        ),
        Binding(
            "M",
            "add_medicine",
            "Add medicine",
            tooltip="Save a medicine whose timing matters beside magnesium and calcium",
            show=False,
        ),
        Binding(
            "X",
            "remove_medicine",
            "Remove medicine",
            tooltip="Forget the selected medicine (doses taken stay in the log)",
            show=False,
        ),
        Binding("escape", "app.go('today')", "Back", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield NavBar("supplements")
        yield SupplementBar(id="supplement-bar")
        table: DataTable[str | Text] = DataTable(id="products", cursor_type="row")
        table.add_column("Product", key="name", width=28)
        table.add_column("Form", key="form", width=10)
        table.add_column(f"{'Mg mg':>6}", key="mg", width=6)
        table.add_column(f"{'Ca mg':>6}", key="ca", width=6)
        table.add_column("Serving", key="serving", width=14)
        yield table
        yield Static("Medicines (M adds one, m takes it, X removes it)", id="medicines-title")
        medicines: DataTable[str | Text] = DataTable(id="medicines", cursor_type="row")
        medicines.add_column("Medicine", key="name", width=26)
        medicines.add_column("Class", key="class", width=26)
        yield medicines
        yield Static(id="product-detail")
        yield CompactFooter()

    def on_mount(self) -> None:
        self.title = "Supplements"
        self.products: list[SupplementProduct] = []
        self.medications: list[Medication] = []
        # A product just saved: the cursor goes to it, so l logs what was just saved.
        self.select_after: str | None = None
        self.medicine_after: str | None = None
        self.query_one("#products", DataTable).focus()

    @reads_store
    def redraw(self) -> None:
        day = self.mgtui.day
        self.sub_title = f"logging to {day:%a %d %b %Y}"
        self.query_one("#supplement-bar", SupplementBar).summary = self.mgtui.logbook.day(day)
        table = self.query_one("#products", DataTable)
        selected = self.selected_product()
        wanted = self.select_after or (selected.name if selected is not None else None)
        self.products = self.mgtui.logbook.repo.supplement_products()
        table.clear()
        for product in self.products:
            table.add_row(
                Text(safe(product.name)),
                Text(safe(product.form or "")),
                f"{whole_mg(product.magnesium_mg):>6}",
                f"{whole_mg(product.calcium_mg):>6}",
                Text(safe(product.serving)),
                key=product.name,
            )
        if not self.products:
            table.add_row(Text("No supplements yet: press n", style="dim"), "", "", "", "")
        elif wanted is not None and wanted in table.rows:
            table.move_cursor(row=table.get_row_index(wanted))
            self.select_after = None
        self.fill_medicines()
        self.show_detail()

    def fill_medicines(self) -> None:
        table = self.query_one("#medicines", DataTable)
        selected = self.selected_medication()
        wanted = self.medicine_after or (selected.name if selected is not None else None)
        self.medications = self.mgtui.logbook.medications()
        table.clear()
        for medication in self.medications:
            table.add_row(
                Text(safe(medication.name)),
                Text(medication.reference.label),
                key=medication.name,
            )
        if not self.medications:
            table.add_row(Text("None yet: press M", style="dim"), "")
        elif wanted is not None and wanted in table.rows:
            table.move_cursor(row=table.get_row_index(wanted))
            self.medicine_after = None

    def selected_product(self) -> SupplementProduct | None:
        table = self.query_one("#products", DataTable)
        if not self.products or not table.row_count:
            return None
        index = table.cursor_row
        return self.products[index] if 0 <= index < len(self.products) else None

    def selected_medication(self) -> Medication | None:
        table = self.query_one("#medicines", DataTable)
        if not self.medications or not table.row_count:
            return None
        index = table.cursor_row
        return self.medications[index] if 0 <= index < len(self.medications) else None

    @on(DataTable.RowHighlighted, "#medicines")
    def show_medicine_detail(self) -> None:
        if self.query_one("#medicines", DataTable).has_focus:
            self.show_detail()

    def on_descendant_focus(self) -> None:
        self.show_detail()

    @on(DataTable.RowHighlighted, "#products")
    def show_detail(self) -> None:
        detail = self.query_one("#product-detail", Static)
        if self.query_one("#medicines", DataTable).has_focus:
            self.show_medication(detail)
            return
        product = self.selected_product()
        if product is None:
            detail.update(
                "Save each supplement once from its label; then l logs a serving. "
                "o logs a dose without saving it."
            )
            return
        lines = [f"{safe(product.name)}: {mg_text(product.magnesium_mg)} mg magnesium"]
        if product.calcium_mg:
            lines[0] += f", {mg_text(product.calcium_mg)} mg calcium"
        if product.vitamin_d_iu:
            lines[0] += f", {iu_text(product.vitamin_d_iu)} IU vitamin D"
        lines[0] += f" per {safe(product.serving)}"
        for conversion in (product.conversion, product.calcium_conversion):
            if conversion:
                lines.append(f"Conversion: {conversion}")
        detail.update(Text("\n".join(lines)))

    def show_medication(self, detail: Static) -> None:
        medication = self.selected_medication()
        if medication is None:
            detail.update(
                "Medicines whose timing matters beside magnesium and calcium (a "
                "bisphosphonate, some antibiotics, levothyroxine): M saves one; taking it "
                "then warns when a supplement is too close."
            )
            return
        cls = medication.reference
        detail.update(Text(f"{safe(medication.name)} ({cls.label}): {class_guidance(cls)}"))

    @on(DataTable.RowSelected, "#products")
    def log_selected(self) -> None:
        self.action_log_serving()

    @on(DataTable.RowSelected, "#medicines")
    def take_selected(self) -> None:
        self.action_take_medicine()

    # -- logging ------------------------------------------------------------

    def action_log_serving(self) -> None:
        if self.query_one("#medicines", DataTable).has_focus:
            # l logs what is selected: on the medicines, the medicine, never a product
            # hidden under the other list's cursor.
            self.action_take_medicine()
            return
        product = self.selected_product()
        if product is None:
            self.notify("Save a supplement first: press n.", severity="warning")
            return
        self.log_dose(product)

    def log_dose(self, product: SupplementProduct) -> None:
        """Log one serving: now on today; on another day at a time asked first."""
        self.at_a_time(product.name, lambda time: self.log_dose_at(product, time))

    def at_a_time(self, name: str, then: Callable[[dt.time], None]) -> None:
        """``then`` now on today; on another day at a time asked first (no default: a
        guessed time would put the dose hours from where it was taken)."""
        day = self.mgtui.day
        time = self.mgtui.logbook.time_for(day)
        if time is not None:
            then(time)
            return

        def answered(typed: dt.time | None) -> None:
            if typed is not None:
                then(typed)

        self.app.push_screen(TimeDialog(f"{safe(name)} on {day:%a %d %b}: at what time?"), answered)

    def log_dose_at(self, product: SupplementProduct, time: dt.time) -> None:
        self.confirm_then_store(drafts.supplement_entry(product, 1.0, self.mgtui.day, time))

    def confirm_then_store(self, entry: Entry) -> None:
        """Log ``entry``, asking first when the dose question has something to say: the
        limit, kidney disease, or a medicine and a supplement too close together."""
        session = self.mgtui.logbook
        question = session.dose_question(entry)
        if question is None:
            self.store(entry)
            return

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.store(entry)

        self.app.push_screen(
            ConfirmDialog("Before you log this", f"{question} Log it anyway?", "Log it"), answered
        )

    def store(self, entry: Entry) -> None:
        session = self.mgtui.logbook
        logged = self.mgtui.attempt("log the supplement", lambda: session.log(entry))
        if logged is None:
            return
        self.notify(f"Logged {describe_entry(logged.entry)}", markup=False)
        new_tips = [a for a in logged.after.tips if a.code == "timing"]
        if new_tips:
            self.notify(new_tips[0].text, title="Tip", timeout=12)

    # -- products -----------------------------------------------------------

    def action_new_product(self) -> None:
        self.app.push_screen(ProductForm(), self.form_done)

    def action_edit_product(self) -> None:
        product = self.selected_product()
        if product is None:
            self.notify("Select a product first.", severity="warning")
            return

        def edited(result: ProductFormResult | None) -> None:
            if result is None:
                return
            if result.save and result.product.name.casefold() != product.name.casefold():
                session = self.mgtui.logbook
                renamed = self.mgtui.attempt(
                    "rename the product",
                    lambda: session.rename_product(product.name, result.product),
                )
                if renamed is not None:
                    self.show_saved(renamed.name)
                    self.notify(
                        f"Saved {safe(renamed.name)} (was {safe(product.name)}).", markup=False
                    )
                return
            self.form_done(result)

        self.app.push_screen(ProductForm(product), edited)

    def action_one_off(self) -> None:
        self.app.push_screen(ProductForm(one_off=True), self.form_done)

    def form_done(self, result: ProductFormResult | None) -> None:
        if result is None:
            return
        if result.save:
            repo = self.mgtui.logbook.repo
            if (
                self.mgtui.attempt(
                    "save the product", lambda: repo.save_supplement_product(result.product)
                )
                is not None
            ):
                self.show_saved(result.product.name)
                self.notify(
                    f"Saved {safe(result.product.name)}. Press l to log a serving.", markup=False
                )
        else:
            self.log_dose(result.product)

    def show_saved(self, name: str) -> None:
        self.select_after = name
        self.redraw()

    def action_delete_product(self) -> None:
        if self.query_one("#medicines", DataTable).has_focus:
            self.action_remove_medicine()
            return
        product = self.selected_product()
        if product is None:
            return
        repo = self.mgtui.logbook.repo
        self.forget(
            ("Delete product", "Delete", "delete the product"),
            product.name,
            "Doses already logged stay in the log.",
            lambda: repo.delete_supplement_product(product.name),
        )

    def forget(
        self,
        words: tuple[str, str, str],
        name: str,
        kept: str,
        delete: Callable[[], object],
    ) -> None:
        """Ask, then delete a saved product or medicine; what was logged from it stays.
        ``words``: the question's title, its button, and what failing to do it is."""
        title, button, doing = words

        def answered(confirmed: bool | None) -> None:
            if confirmed and self.mgtui.attempt(doing, delete) is not None:
                self.notify(f"Forgot {safe(name)}. {kept}", markup=False)

        self.app.push_screen(ConfirmDialog(title, f"Forget {safe(name)}? {kept}", button), answered)

    # -- medicines ------------------------------------------------------------

    def action_take_medicine(self) -> None:
        """Log the selected medicine as taken: now on today; asks the time on another day.

        With several medicines saved and the list not focused, the list is focused
        first: the highlighted one there may not be the one the person has in mind."""
        table = self.query_one("#medicines", DataTable)
        if not self.medications:
            self.notify("Save the medicine first: press M.", severity="warning")
            return
        medication = self.selected_medication()
        if medication is None or (len(self.medications) > 1 and not table.has_focus):
            table.focus()
            self.notify("Choose the medicine with ↑↓, then m or Enter.")
            return
        self.at_a_time(medication.name, lambda time: self.take_at(medication, time))

    def take_at(self, medication: Medication, time: dt.time) -> None:
        session = self.mgtui.logbook
        try:
            draft = session.medicine_draft(medication.name, self.mgtui.day, time)
        except StoreError as error:
            self.notify(str(error), title="Could not take the medicine", severity="error")
            return
        self.confirm_then_store(draft)

    def action_add_medicine(self) -> None:
        names = [product.name for product in self.products]
        self.app.push_screen(MedicineDialog(names), self.medicine_added)

    def medicine_added(self, request: MedicineRequest | None) -> None:
        if request is None:
            return
        session = self.mgtui.logbook
        saved = self.mgtui.attempt(
            "save the medicine",
            lambda: session.save_medication(request.name, request.medicine_class),
        )
        if saved is None:
            return
        self.medicine_after = saved.name
        self.redraw()
        self.query_one("#medicines", DataTable).focus()
        self.notify(
            f"Saved {safe(saved.name)} ({saved.reference.label}). Press m to log it as taken.",
            markup=False,
        )

    def action_remove_medicine(self) -> None:
        medication = self.selected_medication()
        if medication is None:
            self.notify("No medicine is saved.", severity="warning")
            return
        session = self.mgtui.logbook
        self.forget(
            ("Remove medicine", "Remove", "remove the medicine"),
            medication.name,
            "Doses already taken stay in the log.",
            lambda: session.delete_medication(medication.name),
        )
