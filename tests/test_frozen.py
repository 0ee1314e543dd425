"""``@frozen`` classes behave as ``@dataclass(frozen=True, slots=True)`` ones do."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import ClassVar

import pytest

from mgtui.frozen import FrozenInstanceError, field, frozen, replace


@frozen
class Dose:
    name: str
    magnesium_mg: float
    servings: float = 1.0
    tags: frozenset[str] = field(default_factory=frozenset)
    LIMIT: ClassVar[float] = 350.0

    @property
    def total_mg(self) -> float:
        return self.magnesium_mg * self.servings


@dataclasses.dataclass(frozen=True, slots=True)
class DoseDataclass:
    name: str
    magnesium_mg: float
    servings: float = 1.0
    tags: frozenset[str] = dataclasses.field(default_factory=frozenset)


@frozen
class Checked:
    amount: float

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise ValueError(f"amount must not be negative, not {self.amount}")


@frozen
class Base:
    before: int
    after: int


@frozen
class Child(Base):
    extra: str


def test_init_takes_fields_by_position_or_name_with_defaults() -> None:
    dose = Dose("Glycinate", 120.0)
    assert (dose.name, dose.magnesium_mg, dose.servings, dose.tags) == (
        "Glycinate",
        120.0,
        1.0,
        frozenset(),
    )
    assert Dose(name="Citrate", magnesium_mg=100.0, servings=2).total_mg == 200.0
    assert Dose.LIMIT == 350.0 and Dose.__match_args__ == (
        "name",
        "magnesium_mg",
        "servings",
        "tags",
    )
    with pytest.raises(TypeError):
        Dose("Glycinate")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Dose("Glycinate", 1.0, colour="red")  # type: ignore[call-arg]


def test_a_default_factory_gives_each_instance_its_own_value() -> None:
    @frozen
    class Basket:
        items: list[str] = field(default_factory=list)

    first, second = Basket(), Basket()
    first.items.append("milk")
    assert second.items == []


def test_equality_hash_and_repr_match_a_frozen_dataclass() -> None:
    values = ("Glycinate", 120.0, 2.0, frozenset({"evening"}))
    ours, theirs = Dose(*values), DoseDataclass(*values)
    assert ours == Dose(*values) and ours != replace(ours, servings=1.0)
    assert hash(ours) == hash(Dose(*values)) == hash(theirs)
    assert repr(ours) == repr(theirs).replace("DoseDataclass", "Dose")
    other_class: object = theirs
    assert ours != other_class  # another class, even with the same fields
    assert len({ours, Dose(*values), replace(ours, name="Citrate")}) == 2


def test_instances_refuse_assignment_and_have_no_dict() -> None:
    dose = Dose("Glycinate", 120.0)
    with pytest.raises(FrozenInstanceError, match="magnesium_mg"):
        dose.magnesium_mg = 999.0  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del dose.name
    with pytest.raises(FrozenInstanceError):
        dose.other = 1  # type: ignore[attr-defined]
    assert not hasattr(dose, "__dict__") and dose.magnesium_mg == 120.0


def test_post_init_checks_every_way_an_instance_is_made() -> None:
    assert Checked(1.5).amount == 1.5
    with pytest.raises(ValueError, match="not -1"):
        Checked(-1)
    with pytest.raises(ValueError, match="not -2"):
        replace(Checked(1.0), amount=-2)


def test_replace_copies_with_changes_and_refuses_unknown_fields() -> None:
    dose = Dose("Glycinate", 120.0, tags=frozenset({"a"}))
    assert replace(dose, servings=3.0) == Dose("Glycinate", 120.0, 3.0, frozenset({"a"}))
    assert dose.servings == 1.0
    with pytest.raises(TypeError, match="no field 'colour'"):
        replace(dose, colour="red")  # type: ignore[call-arg]


def test_fields_of_a_base_class_come_first() -> None:
    child = Child(1, 2, "x")
    assert Child.__match_args__ == ("before", "after", "extra")
    assert child == Child(before=1, after=2, extra="x") and isinstance(child, Base)
    assert Base(1, 2) != child
    assert repr(child) == "Child(before=1, after=2, extra='x')"
    match child:
        case Child(1, 2, extra):
            assert extra == "x"
        case _:
            pytest.fail("match by position failed")


def test_copy_and_pickle_keep_the_value() -> None:
    dose = Dose("Glycinate", 120.0, 2.0, frozenset({"evening"}))
    assert copy.copy(dose) == dose and copy.deepcopy(dose) == dose
    assert pickle.loads(pickle.dumps(dose)) == dose


def test_a_field_without_a_default_after_one_with_a_default_is_refused() -> None:
    with pytest.raises(TypeError, match="'second' without a default"):

        @frozen
        class Wrong:
            first: int = 0
            second: int  # type: ignore[misc]


def test_a_class_keeps_its_own_equality_and_hash() -> None:
    @frozen
    class ByName:
        name: str
        note: str = ""

        def __eq__(self, other: object) -> bool:
            return isinstance(other, ByName) and other.name == self.name

        def __hash__(self) -> int:
            return hash(self.name)

    assert ByName("a", "x") == ByName("a", "y") and hash(ByName("a", "x")) == hash("a")


def test_a_nested_class_keeps_its_qualified_name() -> None:
    assert Outer.Inner.__qualname__ == "Outer.Inner"
    assert repr(Outer.Inner(1)) == "Outer.Inner(x=1)"
    assert pickle.loads(pickle.dumps(Outer.Inner(1))) == Outer.Inner(1)


class Outer:
    @frozen
    class Inner:
        x: int


def test_class_variables_are_not_fields_however_typing_is_imported() -> None:
    import typing as t

    @frozen
    class WithConstants:
        a: int
        LIMIT: t.ClassVar[int] = 3
        OTHER: ClassVar[str] = "x"

    assert WithConstants.__match_args__ == ("a",) and WithConstants.LIMIT == 3


def test_a_mutable_default_is_refused() -> None:
    with pytest.raises(ValueError, match="default_factory"):

        @frozen
        class Shared:
            items: list[str] = []  # noqa: RUF012


def test_a_field_redeclared_without_a_default_is_required_again() -> None:
    @frozen
    class Base2:
        x: int = 0

    @frozen
    class Child2(Base2):
        x: int

    assert Base2() == Base2(0)
    with pytest.raises(TypeError):
        Child2()  # type: ignore[call-arg]


def test_fields_may_have_any_name() -> None:
    @frozen
    class Odd:
        _set: int
        _MISSING: int = 2

    assert (Odd(1)._set, Odd(1)._MISSING) == (1, 2)
