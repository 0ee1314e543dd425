"""The medicine timing rules (DOMAIN.md, "Medicines"): each one at, just inside and just
outside its window, both ways round, and what the person reads."""

from __future__ import annotations

import datetime as dt

import pytest

from mgtui.domain import reference as ref
from mgtui.domain.entries import Entry
from mgtui.domain.history import day_totals
from mgtui.domain.insights import compute_insights
from mgtui.domain.medicines import (
    Medication,
    day_before_entries,
    find_class,
    find_interactions,
    medicine_entry,
    new_interactions,
    standing_notes,
)
from mgtui.domain.summary import summarize_day
from mgtui.domain.targets import DEFAULT_PROFILE, resolve_targets

DAY = dt.date(2026, 11, 16)
TARGETS = resolve_targets(DEFAULT_PROFILE)


def at(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60)


def medicine(name: str, key: str, minutes: int) -> Entry:
    return medicine_entry(Medication(name, key), DAY, at(minutes), entry_id=f"m{minutes}")


def supplement(minutes: int, *, mg: float = 0.0, ca: float = 0.0, name: str = "Dose") -> Entry:
    return Entry(
        id=f"s{minutes}",
        date=DAY,
        time=at(minutes),
        kind="supplement",
        name=name,
        amount="1 serving",
        magnesium_mg=mg,
        calcium_mg=ca,
        servings=1.0,
    )


SEVEN = 7 * 60  # the medicine at 07:00 in every case below
# (class, mineral, wait for a supplement after the medicine, wait for the medicine after it)
RULES = [
    ("bisphosphonate", "magnesium", 120, 120),
    ("bisphosphonate", "calcium", 120, 120),
    ("tetracycline", "magnesium", 120, 240),
    ("quinolone", "magnesium", 120, 240),
    ("levothyroxine", "magnesium", 240, 240),
    ("levothyroxine", "calcium", 240, 240),
]


def dose(mineral: str, minutes: int) -> Entry:
    if mineral == "magnesium":
        return supplement(minutes, mg=100.0)
    return supplement(minutes, ca=500.0)


@pytest.mark.parametrize(("key", "mineral", "after", "before"), RULES)
def test_a_supplement_after_the_medicine_at_inside_and_outside_the_window(
    key: str, mineral: str, after: int, before: int
) -> None:
    taken = medicine("Medicine", key, SEVEN)
    for gap, conflict in ((after, False), (after - 1, True), (after + 1, False), (0, True)):
        found = find_interactions([taken, dose(mineral, SEVEN + gap)])
        assert bool(found) is conflict, (key, mineral, gap)
        if conflict:
            assert (found[0].minutes_apart, found[0].minutes_needed) == (gap, after)


@pytest.mark.parametrize(("key", "mineral", "after", "before"), RULES)
def test_the_medicine_after_a_supplement_at_inside_and_outside_the_window(
    key: str, mineral: str, after: int, before: int
) -> None:
    for gap, conflict in ((before, False), (before - 1, True), (before + 1, False)):
        found = find_interactions([dose(mineral, SEVEN), medicine("Medicine", key, SEVEN + gap)])
        assert bool(found) is conflict, (key, mineral, gap)
        if conflict:
            assert (found[0].minutes_apart, found[0].minutes_needed) == (gap, before)


@pytest.mark.parametrize("key", ["tetracycline", "quinolone"])
def test_antibiotics_are_about_magnesium_only(key: str) -> None:
    taken = medicine("Doxycycline", key, SEVEN)
    assert find_interactions([taken, dose("calcium", SEVEN + 30)]) == ()
    assert len(find_interactions([taken, dose("magnesium", SEVEN + 30)])) == 1


@pytest.mark.parametrize("key", ["ppi", "diuretic", "potassium-sparing"])
def test_standing_note_classes_never_judge_timing_but_carry_a_sourced_note(key: str) -> None:
    taken = medicine("Pill", key, SEVEN)
    assert find_interactions([taken, dose("magnesium", SEVEN), dose("calcium", SEVEN + 1)]) == ()
    ((cls, note),) = standing_notes([key, key])
    assert cls.key == key and cls.source in note and "clinician" in note


def test_food_never_counts_and_a_supplement_without_the_mineral_never_counts() -> None:
    taken = medicine("Alendronate", "bisphosphonate", SEVEN)
    milk = Entry("f1", DAY, at(SEVEN + 10), "food", "Milk", "1 cup", 24.4, 275.7, "01077", 244.0)
    vitamin_d = supplement(SEVEN + 10, name="Vitamin D3")
    assert find_interactions([taken, milk, vitamin_d]) == ()


def test_the_question_and_the_guidance_read_as_the_issue_asks() -> None:
    taken = medicine("Alendronate", "bisphosphonate", SEVEN)
    (found,) = find_interactions([taken, dose("magnesium", SEVEN + 60)])
    assert found.question == "Alendronate at 07:00: magnesium should wait until 09:00."
    assert found.text.startswith(found.question + " They were taken 1 h apart; ")
    assert "at least 2 hours apart (NIH ODS magnesium fact sheet" in found.text
    assert found.text.endswith("Ask your clinician or pharmacist.")

    both = supplement(SEVEN - 30, mg=100.0, ca=300.0, name="Cal-Mag")
    (later,) = find_interactions([both, medicine("Levothyroxine", "levothyroxine", SEVEN)])
    assert later.question == (
        "Calcium and magnesium at 06:30 (Cal-Mag): Levothyroxine at 07:00 should wait until 10:30."
    )
    night = supplement(22 * 60, mg=100.0, name="Mag")
    (late,) = find_interactions([night, medicine("Doxycycline", "tetracycline", 23 * 60)])
    assert late.question.endswith("Doxycycline at 23:00 should wait until 02:00 the next day.")


def test_classes_are_found_by_key_label_alias_or_a_medicine_of_them() -> None:
    assert find_class("alendronate") is not None
    assert find_class("Alendronate").key == "bisphosphonate"  # type: ignore[union-attr]
    assert find_class("proton pump inhibitor").key == "ppi"  # type: ignore[union-attr]
    assert find_class("THIAZIDE").key == "diuretic"  # type: ignore[union-attr]
    assert find_class("Cipro") is None and find_class("") is None
    assert {cls.key for cls in ref.MEDICINE_CLASSES} == {
        "bisphosphonate", "tetracycline", "quinolone", "levothyroxine", "ppi", "diuretic",
        "potassium-sparing",
    }  # fmt: skip
    assert all(cls.source for cls in ref.MEDICINE_CLASSES)


def test_a_medicine_adds_no_nutrient_and_does_not_make_a_logged_day() -> None:
    taken = medicine("Alendronate", "bisphosphonate", SEVEN)
    close = dose("calcium", SEVEN + 30)
    totals = day_totals(DAY, [taken, close])
    assert (totals.entry_count, totals.calcium_mg, totals.entries_missing_magnesium) == (1, 500, 0)
    assert totals.medicine_count == 1
    only = compute_insights([taken], TARGETS, DAY, 7)
    assert (only.logged_days, only.entries) == (0, 0)
    summary = summarize_day(DAY, [taken, close], TARGETS)
    assert [a.code for a in summary.warnings] == ["medicine-timing"]
    assert summary.interactions[0].supplement is close


def test_new_interactions_are_the_ones_a_draft_brings() -> None:
    taken = medicine("Alendronate", "bisphosphonate", SEVEN)
    before = find_interactions([taken, dose("calcium", SEVEN + 30)])
    draft = supplement(SEVEN + 45, mg=100.0)
    draft = Entry("", DAY, draft.time, "supplement", "Mag", "1 serving", 100.0, 0.0)
    after = find_interactions([taken, dose("calcium", SEVEN + 30), draft])
    assert [found.supplement.name for found in new_interactions(before, after)] == ["Mag"]


def test_a_routine_beside_a_medicine_asks_once_per_medicine_and_moment() -> None:
    from mgtui.domain.medicines import interaction_warnings, merged_questions

    taken = medicine("Alendronate", "bisphosphonate", SEVEN)
    calcium = supplement(SEVEN, ca=300.0, name="Calcium citrate")
    magnesium = supplement(SEVEN, mg=120.0, name="Mag Glycinate")
    found = find_interactions([taken, calcium, magnesium])
    assert len(found) == 2
    assert merged_questions(found) == [
        "Alendronate at 07:00: calcium and magnesium should wait until 09:00."
    ]
    (warning,) = interaction_warnings(found)
    assert warning.startswith(
        "Alendronate at 07:00: calcium and magnesium should wait until 09:00. An oral "
        "bisphosphonate and calcium or magnesium supplements are best taken at least 2 hours"
    )
    assert warning.endswith("Ask your clinician or pharmacist.")
    assert "at the same time" in found[0].text


def test_a_pair_across_midnight_belongs_to_the_later_day() -> None:
    yesterday = DAY - dt.timedelta(days=1)
    doxycycline = medicine_entry(Medication("Doxycycline", "tetracycline"), yesterday, at(23 * 60))
    early = supplement(30, mg=100.0, name="Mag")  # 00:30, 90 minutes later
    (found,) = find_interactions([early], [doxycycline])
    assert (found.minutes_apart, found.minutes_needed) == (90, 120)
    assert found.question == (
        "Doxycycline at 23:00 on Sun 15 Nov: magnesium should wait until 01:00 on Mon 16 Nov."
    )
    assert find_interactions([supplement(60, mg=100.0)], [doxycycline]) == ()  # 2 h: fine
    # The day before's own pairs are that day's, not this one's.
    late_dose = Entry("s2", yesterday, at(23 * 60 + 30), "supplement", "Mag", "1", 100.0, 0.0)
    assert find_interactions([], [doxycycline, late_dose]) == ()
    # Only the evening can still be too close: 4 hours is the longest wait.
    assert day_before_entries([doxycycline, medicine("Early", "levothyroxine", 19 * 60)]) == [
        doxycycline
    ]


def test_food_within_30_minutes_of_an_oral_bisphosphonate_is_said_once_per_dose() -> None:
    from mgtui.domain.medicines import food_too_soon

    taken = medicine("Alendronate", "bisphosphonate", SEVEN)

    def milk(minutes: int) -> Entry:
        return Entry(
            f"f{minutes}", DAY, at(minutes), "food", "Milk", "1 cup", 24.4, 275.7, "01077", 244.0
        )

    ((said, short),) = food_too_soon([taken, milk(SEVEN + 5), milk(SEVEN + 10)])
    assert said.startswith("Milk at 07:05, 5 min after Alendronate: the dose wants at least 30")
    assert said.endswith("Ask your clinician or pharmacist.")
    assert short == "Food at 07:05, 5 min after Alendronate: the dose wants 30 minutes first."
    assert len(food_too_soon([taken, milk(SEVEN + 29)])) == 1
    assert food_too_soon([taken, milk(SEVEN + 30)]) == []
    assert food_too_soon([taken, milk(SEVEN - 5)]) == []  # before the dose: not this rule
    assert food_too_soon([medicine("Thyroid", "levothyroxine", SEVEN), milk(SEVEN + 5)]) == []
    codes = [a.code for a in summarize_day(DAY, [taken, milk(SEVEN + 5)], TARGETS).warnings]
    assert codes == ["medicine-food"]
