"""Medicines that magnesium and calcium supplements block: which ones, and when a dose
came too close to one.

A medicine is logged as an entry of kind "medicine" with no milligrams; its class
(``reference.MEDICINE_CLASSES``) travels with the entry (in ``Entry.form``), so a day
is judged by what was true when it was logged. Only supplements count: the rules are
about magnesium and calcium supplements, not food. Times are compared within one
day and, across midnight, with the day before: a pair belongs to the day of its later
entry. Everything here is guidance with its source ("ask your clinician or
pharmacist"), never a diagnosis.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Final

from mgtui.domain import reference as ref
from mgtui.domain.entries import Entry
from mgtui.domain.text import has_control
from mgtui.frozen import frozen

# A medicine's name is a label, like a product's.
MAX_MEDICATION_NAME: Final = 60

_BY_KEY: Final = {cls.key: cls for cls in ref.MEDICINE_CLASSES}
DAY_MINUTES: Final = 24 * 60
# The longest wait of any rule: entries of the day before later than midnight minus
# this can still be too close to the day's own.
LONGEST_WAIT: Final = max(
    max(cls.supplement_wait, cls.medicine_wait) for cls in ref.MEDICINE_CLASSES
)


class UnknownMedicineClassError(ValueError):
    """A class name that is not in the reference table."""


@frozen
class Medication:
    """A saved medicine: its name as the person writes it, and its class."""

    name: str
    medicine_class: str  # a key of ``reference.MEDICINE_CLASSES``

    @property
    def reference(self) -> ref.MedicineClass:
        return medicine_class(self.medicine_class)


def medicine_class(key: str) -> ref.MedicineClass:
    """A class by its key; ``UnknownMedicineClassError`` for one not in the table."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise UnknownMedicineClassError(f"no medicine class {key!r}") from None


def find_class(text: str) -> ref.MedicineClass | None:
    """A class from what a person types: its key, label, another name it goes by, or a
    medicine of it ("alendronate" finds the oral bisphosphonates)."""
    key = " ".join(text.replace("_", " ").split()).casefold()
    dashed = key.replace(" ", "-")
    for candidate in (key, dashed):
        if candidate in _BY_KEY:
            return _BY_KEY[candidate]
        alias = ref.MEDICINE_CLASS_ALIASES.get(candidate)
        if alias is not None:
            return _BY_KEY[alias]
    for cls in ref.MEDICINE_CLASSES:
        if key == cls.label.casefold() or key in cls.examples:
            return cls
    return None


def class_choices() -> str:
    """The classes as a person can type them, for an error message or help."""
    return ", ".join(f"{cls.key} ({', '.join(cls.examples[:2])})" for cls in ref.MEDICINE_CLASSES)


def medication_name_problem(name: str) -> str | None:
    """Why a medicine's name cannot be saved, or None."""
    if not name.strip():
        return "a medicine needs a name"
    if has_control(name):
        return "a medicine's name cannot hold control characters"
    if len(name.strip()) > MAX_MEDICATION_NAME:
        return f"a medicine's name is at most {MAX_MEDICATION_NAME} characters"
    return None


def medicine_entry(
    medication: Medication, day: dt.date, time: dt.time, entry_id: str = ""
) -> Entry:
    """Taking a saved medicine: an entry with its time, its class and no milligrams."""
    return Entry(
        id=entry_id,
        date=day,
        time=time,
        kind="medicine",
        name=medication.name,
        amount="1 dose",
        magnesium_mg=None,
        calcium_mg=None,
        form=medication.medicine_class,
    )


def minerals_text(minerals: Sequence[ref.Mineral]) -> str:
    return " and ".join(sorted(minerals))


def _day_and_time(minutes: int) -> tuple[int, str]:
    """Minutes after a day's midnight as (days later, "HH:MM")."""
    day, minute = divmod(minutes, DAY_MINUTES)
    return day, f"{minute // 60:02d}:{minute % 60:02d}"


def clock(minutes: int) -> str:
    """Minutes after the day's midnight as "HH:MM"; a time on the day before or after
    says so."""
    day, text = _day_and_time(minutes)
    return {0: text, 1: f"{text} the next day", -1: f"{text} the day before"}.get(
        day, f"{text} ({day:+d} days)"
    )


def day_before_entries(entries: Iterable[Entry]) -> list[Entry]:
    """The entries of the day before that can still be too close to the day's own."""
    return [e for e in entries if e.minutes_of_day >= DAY_MINUTES - LONGEST_WAIT]


def duration_text(minutes: int) -> str:
    """ "45 min", "2 h", "1 h 30 min"."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" + (f" {rest} min" if rest else "")


@frozen
class Interaction:
    """A medicine and a supplement taken closer together than the medicine's rule allows."""

    medicine: Entry
    supplement: Entry
    medicine_class: ref.MedicineClass
    minerals: tuple[ref.Mineral, ...]  # what of the supplement the rule is about
    minutes_apart: int
    minutes_needed: int
    # Minutes after the judged day's midnight (negative: the evening before).
    medicine_at: int
    supplement_at: int

    @property
    def medicine_first(self) -> bool:
        return self.medicine_at <= self.supplement_at

    @property
    def day(self) -> dt.date:
        """The day the pair belongs to: its later entry's."""
        return max(self.medicine.date, self.supplement.date)

    def moment(self, minutes: int) -> str:
        """A time of the pair as the person reads it: "07:00", or "23:30 on Sat 21 Nov"
        when the pair spans midnight."""
        if self.medicine.date == self.supplement.date:
            return clock(minutes)
        days, text = _day_and_time(minutes)
        return f"{text} on {self.day + dt.timedelta(days=days):%a %d %b}"

    @property
    def wait_until(self) -> int:
        """Minutes after the day's midnight from which the later of the two would have
        been fine."""
        return min(self.medicine_at, self.supplement_at) + self.minutes_needed

    @property
    def question(self) -> str:
        """ "Alendronate at 07:00: magnesium should wait until 09:00." """
        return merged_questions([self])[0]

    @property
    def text(self) -> str:
        """The question, why (the rule and its source), and whom to ask."""
        apart = (
            "at the same time"
            if not self.minutes_apart
            else f"{duration_text(self.minutes_apart)} apart"
        )
        return f"{self.question} They were taken {apart}; {guidance(self.medicine_class)}"


def guidance(cls: ref.MedicineClass) -> str:
    """A class's rule with its source, and whom to ask ("" for a class with only a note)."""
    if not cls.rule:
        return ""
    return f"{cls.rule} ({cls.source}). Ask your clinician or pharmacist."


def class_guidance(cls: ref.MedicineClass) -> str:
    """What a person reads about a class: its rule, or its standing note, with the source."""
    if cls.rule:
        words = guidance(cls)
        return words[:1].upper() + words[1:]
    return f"{cls.note.removesuffix('.')} ({cls.source})."


def merged_questions(found: Sequence[Interaction]) -> list[str]:
    """The questions of several interactions, one per medicine and moment: a routine that
    puts two supplements beside a medicine asks "Alendronate at 06:00: calcium and
    magnesium should wait until 08:00." once, not once a supplement."""
    groups: dict[tuple[bool, str, int, int, int], list[Interaction]] = {}
    for interaction in found:
        key = (
            interaction.medicine_first,
            interaction.medicine.name,
            interaction.medicine_at,
            # After a medicine, one question names every supplement's minerals at once.
            DAY_MINUTES * 2 if interaction.medicine_first else interaction.supplement_at,
            interaction.wait_until,
        )
        groups.setdefault(key, []).append(interaction)
    questions: list[str] = []
    for (medicine_first, name, taken, supplement_at, until), members in groups.items():
        minerals = minerals_text(sorted({m for member in members for m in member.minerals}))
        at = members[0].moment
        if medicine_first:
            questions.append(f"{name} at {at(taken)}: {minerals} should wait until {at(until)}.")
        else:
            supplements = ", ".join(dict.fromkeys(member.supplement.name for member in members))
            questions.append(
                f"{minerals.capitalize()} at {at(supplement_at)} ({supplements}): {name} at "
                f"{at(taken)} should wait until {at(until)}."
            )
    return questions


def interaction_warnings(found: Sequence[Interaction]) -> list[str]:
    """What to say after logging: per medicine class, its questions, its rule with the
    source, and whom to ask."""
    by_class: dict[str, list[Interaction]] = {}
    for interaction in found:
        by_class.setdefault(interaction.medicine_class.key, []).append(interaction)
    return [
        " ".join(merged_questions(members)) + " " + class_guidance(members[0].medicine_class)
        for members in by_class.values()
    ]


def _minerals_of(supplement: Entry, cls: ref.MedicineClass) -> tuple[ref.Mineral, ...]:
    amounts = {"magnesium": supplement.magnesium_or_zero, "calcium": supplement.calcium_or_zero}
    return tuple(mineral for mineral in cls.minerals if amounts[mineral] > 0)


def find_interactions(
    entries: Iterable[Entry], day_before: Iterable[Entry] = ()
) -> tuple[Interaction, ...]:
    """Every medicine and supplement of one day taken closer than the medicine's rule
    allows, by the medicine's time and then the supplement's. With the ``day_before``'s
    entries, a pair across midnight counts too (a pair of that day alone does not: it
    is that day's).

    A supplement taken after the medicine (or at the same minute) must wait
    ``supplement_wait`` minutes; a medicine taken after the supplement must wait
    ``medicine_wait``. Exactly the wait is fine ("at least 2 hours").
    """
    timed = [(e, e.minutes_of_day, True) for e in entries]
    timed += [(e, e.minutes_of_day - DAY_MINUTES, False) for e in day_before]
    medicines = [t for t in timed if t[0].is_medicine and t[0].form in _BY_KEY]
    if not medicines:
        return ()
    supplements = sorted((t for t in timed if t[0].is_supplement), key=lambda t: t[1])
    found: list[Interaction] = []
    for medicine, medicine_at, medicine_today in sorted(medicines, key=lambda t: t[1]):
        cls = _BY_KEY[medicine.form or ""]
        if not cls.minerals:
            continue
        for supplement, supplement_at, supplement_today in supplements:
            minerals = _minerals_of(supplement, cls)
            if not minerals or not (medicine_today or supplement_today):
                continue
            apart = supplement_at - medicine_at
            needed = cls.supplement_wait if apart >= 0 else cls.medicine_wait
            if abs(apart) < needed:
                pair = (medicine, supplement, cls, minerals)
                found.append(Interaction(*pair, abs(apart), needed, medicine_at, supplement_at))
    return tuple(found)


def food_too_soon(entries: Iterable[Entry]) -> list[tuple[str, str]]:
    """Food logged too soon after a medicine taken before food (an oral
    bisphosphonate: 30 minutes, ibandronate 60), once a dose, worded as guidance: the
    full text and a short line."""
    day = sorted(entries, key=lambda e: e.minutes_of_day)
    said: list[tuple[str, str]] = []
    for medicine in day:
        cls = _BY_KEY.get(medicine.form or "") if medicine.is_medicine else None
        if cls is None or not cls.food_wait:
            continue
        start = medicine.minutes_of_day
        food = next(
            (e for e in day if e.kind == "food" and 0 <= e.minutes_of_day - start < cls.food_wait),
            None,
        )
        if food is not None:
            after = f"{duration_text(food.minutes_of_day - start)} after {medicine.name}"
            said.append(
                (
                    f"{food.name} at {food.time:%H:%M}, {after}: the dose wants at least "
                    f"{cls.food_wait} minutes before food or drink other than plain water (60 "
                    "for ibandronate; the drug's labelling). Ask your clinician or pharmacist.",
                    f"Food at {food.time:%H:%M}, {after}: the dose wants {cls.food_wait} "
                    "minutes first.",
                )
            )
    return said


def new_interactions(
    before: Sequence[Interaction], after: Sequence[Interaction]
) -> list[Interaction]:
    """The interactions of ``after`` that ``before`` did not have (by the entries' ids,
    so a draft's, which has none yet, is always new)."""

    def key(found: Interaction) -> tuple[str, str, str, str]:
        return (found.medicine.id, found.supplement.id, found.medicine.name, found.supplement.name)

    known = {key(found) for found in before if found.medicine.id and found.supplement.id}
    return [found for found in after if key(found) not in known]


def standing_notes(classes: Iterable[str]) -> list[tuple[ref.MedicineClass, str]]:
    """The standing notes (no timing rule) of these classes, once each, in table order."""
    wanted = set(classes)
    return [
        (cls, class_guidance(cls)) for cls in ref.MEDICINE_CLASSES if cls.key in wanted and cls.note
    ]
