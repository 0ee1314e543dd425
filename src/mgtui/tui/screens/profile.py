"""Profile: who the targets are for. Asked once on the first run; changes apply
everywhere at once (every screen redraws on ``log_changed``)."""

from __future__ import annotations

from typing import cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Button, Header, Input, Label, Select, Static

from mgtui.domain.reference import PUBLISHED_RATIO_BANDS, RATIO_BAND_LABELS
from mgtui.domain.targets import Profile, ProfileError, Targets, resolve_targets
from mgtui.logbook import drafts
from mgtui.present.targets import target_lines
from mgtui.present.text import band_text
from mgtui.tui.dialogs.confirm_dialog import ConfirmDialog
from mgtui.tui.guard import reads_store
from mgtui.tui.screens.base import SectionScreen
from mgtui.tui.widgets.footer import CompactFooter
from mgtui.tui.widgets.nav_bar import NavBar

CUSTOM_BAND = "custom"
BAND_OPTIONS = [(RATIO_BAND_LABELS[key], key) for key in PUBLISHED_RATIO_BANDS] + [
    ("custom band…", CUSTOM_BAND)
]
# Every field of the form, in order.
FIELD_IDS = (
    "sex",
    "age",
    "status",
    "kidney",
    "band",
    "custom-band",
    "custom-mg",
    "custom-limit",
    "custom-ca",
)
STATUS_OPTIONS = [("neither", "neither"), ("pregnant", "pregnant"), ("lactating", "lactating")]


def targets_text(targets: Targets) -> str:
    lines = [*target_lines(targets), f"  Ca:Mg band       {band_text(targets.ratio_band)}"]
    if targets.custom_fields:
        lines.append(
            "  (your own values win over the tables: "
            + ", ".join(name.replace("_mg", "").replace("_", " ") for name in targets.custom_fields)
            + ")"
        )
    if targets.kidney_disease:
        lines.append("  Kidney disease: every supplement dose is flagged; ask your doctor.")
    return "\n".join(lines)


def medicine_notes_text(notes: list[str]) -> str:
    lines = ["About your medicines (guidance, not a diagnosis):"]
    lines.extend(f"  • {note}" for note in notes)
    return "\n".join(lines)


def band_key(band: tuple[float, float]) -> str:
    for key, published in PUBLISHED_RATIO_BANDS.items():
        if published == band:
            return key
    return CUSTOM_BAND


class ProfileScreen(SectionScreen):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", tooltip="Save the profile; targets update everywhere"),
        Binding("escape", "leave", "Back", show=False),
    ]

    def __init__(self, first_run: bool = False) -> None:
        super().__init__()
        self.first_run = first_run

    def compose(self) -> ComposeResult:
        profile = self.mgtui.logbook.profile()
        custom = profile.custom
        yield Header()
        yield NavBar("profile")
        with VerticalScroll(id="profile"):
            if self.first_run:
                yield Static(
                    "Welcome to mgtui. Targets depend on sex and age: tell mgtui yours "
                    "(ctrl+s saves), or press Esc to start with the default (female, 51+).",
                    id="welcome",
                )
            with Grid(classes="form"):
                yield Label("Sex")
                yield Select(
                    [("female", "female"), ("male", "male")],
                    value=profile.sex,
                    allow_blank=False,
                    id="sex",
                    compact=True,
                )
                yield Label("Age (years)")
                yield Input(f"{profile.age:g}", id="age", compact=True)
                yield Label("Pregnancy")
                status = (
                    "pregnant"
                    if profile.pregnant
                    else "lactating"
                    if profile.lactating
                    else "neither"
                )
                yield Select(
                    STATUS_OPTIONS, value=status, allow_blank=False, id="status", compact=True
                )
                yield Label("Kidney disease")
                yield Select(
                    [("no", "no"), ("yes", "yes")],
                    value="yes" if profile.kidney_disease else "no",
                    allow_blank=False,
                    id="kidney",
                    compact=True,
                )
                yield Label("Ca:Mg band")
                key = band_key(profile.ratio_band)
                yield Select(BAND_OPTIONS, value=key, allow_blank=False, id="band", compact=True)
                yield Label("Custom band")
                low, high = profile.ratio_band
                yield Input(
                    f"{low:g}-{high:g}",
                    id="custom-band",
                    placeholder="LOW-HIGH, e.g. 2.0-3.0",
                    disabled=key != CUSTOM_BAND,
                    compact=True,
                )
                own_targets = (
                    ("Own Mg target", "custom-mg", custom.magnesium_rda_mg, "mg/day"),
                    ("Own limit", "custom-limit", custom.supplement_limit_mg, "supplement mg/day"),
                    ("Own Ca target", "custom-ca", custom.calcium_rda_mg, "mg/day"),
                )
                for label, field_id, value, unit in own_targets:
                    yield Label(label)
                    yield Input(
                        drafts.optional_number_text(value),
                        id=field_id,
                        placeholder=f"{unit}; empty: from the tables",
                        compact=True,
                    )
            yield Static(id="profile-error", classes="form-error")
            yield Static(id="targets")
            yield Static(id="medicine-notes")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                if self.first_run:
                    yield Button("Use the default (esc)", id="skip")
        yield CompactFooter()

    def on_mount(self) -> None:
        self.query_one("#sex", Select).focus()
        self.title = "Profile"
        self.sub_title = "welcome" if self.first_run else "targets follow from this"
        # The fields as saved: Esc after a change asks before discarding it.
        self.saved_values = self.field_values()
        self.update_targets()

    def field_values(self) -> dict[str, str]:
        return {widget_id: self.value(widget_id) for widget_id in FIELD_IDS}

    def restore_fields(self) -> None:
        for widget_id, saved in self.saved_values.items():
            widget = self.query_one(f"#{widget_id}")
            if isinstance(widget, Select):
                widget.value = saved
            else:
                cast(Input, widget).value = saved

    def redraw(self) -> None:
        self.update_targets()
        self.show_medicine_notes()

    @reads_store
    def show_medicine_notes(self) -> None:
        """The standing notes of the saved medicines' classes (a PPI, a diuretic), once
        each: no timing rule, so nothing on Today would ever say them."""
        notes = self.query_one("#medicine-notes", Static)
        standing = self.mgtui.logbook.standing_notes()
        notes.update(Text(medicine_notes_text(standing)))
        notes.display = bool(standing)

    def value(self, widget_id: str) -> str:
        widget = self.query_one(f"#{widget_id}")
        if isinstance(widget, Select):
            return str(widget.value)
        return cast(Input, widget).value

    def build(self) -> Profile:
        return drafts.make_profile(
            sex=self.value("sex"),
            age=self.value("age"),
            status=self.value("status"),
            kidney_disease=self.value("kidney") == "yes",
            band=self.value("band"),
            custom_band=self.value("custom-band"),
            custom_magnesium=self.value("custom-mg"),
            custom_limit=self.value("custom-limit"),
            custom_calcium=self.value("custom-ca"),
        )

    @on(Select.Changed)
    @on(Input.Changed)
    def update_targets(self) -> None:
        self.query_one("#custom-band", Input).disabled = self.value("band") != CUSTOM_BAND
        error = self.query_one("#profile-error", Static)
        try:
            profile = self.build()
        except (ProfileError, drafts.AmountError) as problem:
            error.update(str(problem))
            return
        error.update("")
        self.query_one("#targets", Static).update(targets_text(resolve_targets(profile)))

    @on(Input.Submitted)
    def next_field(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        try:
            profile = self.build()
        except (ProfileError, drafts.AmountError) as problem:
            self.query_one("#profile-error", Static).update(str(problem))
            self.notify(str(problem), title="Profile not saved", severity="error")
            return
        repo = self.mgtui.logbook.repo
        if self.mgtui.attempt("save the profile", lambda: repo.save_profile(profile)) is not None:
            self.saved_values = self.field_values()
            self.notify("Profile saved: targets updated everywhere.")
            self.leave()

    @on(Button.Pressed, "#skip")
    def skip(self) -> None:
        repo = self.mgtui.logbook.repo
        self.mgtui.attempt("remember the choice", repo.mark_profile_asked)
        self.notify("Using the default profile (female, 51+). Press p to change it.")
        self.leave()

    def action_leave(self) -> None:
        if self.field_values() == self.saved_values:
            self.discard_and_leave()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.restore_fields()
                self.notify("Profile changes discarded; the saved profile stands.")
                self.discard_and_leave()

        self.app.push_screen(
            ConfirmDialog(
                "Unsaved changes",
                "Leave the profile without saving? Your changes are discarded "
                "(n stays here; ctrl+s saves them).",
                "Discard",
            ),
            answered,
        )

    def discard_and_leave(self) -> None:
        if self.first_run:
            self.skip()
        else:
            self.leave()

    def leave(self) -> None:
        if self.first_run:
            self.dismiss()
        else:
            self.mgtui.open_day(self.mgtui.day)
