"""Immutable value classes, made cheaply: ``@frozen``, ``field`` and ``replace``.

Every entry, figure and summary in mgtui is a small immutable value. Made with
``@dataclass(frozen=True, slots=True)``, each class costs ~1.4 ms to create on a
modest machine (six methods compiled from generated source, then the class built a
second time for its slots); ``mgtui status`` defines about forty such classes and the
app's start as many (benchmarks/RESULTS.md). ``@frozen`` makes the same kind of class
in about a sixth of the time: only ``__init__`` is compiled, because creating
instances is the one hot path; equality, hashing, the repr and the refusal to assign
are shared functions around an ``operator.attrgetter``.

What a ``@frozen`` class has, as a frozen, slotted dataclass would:
- an ``__init__`` taking the fields in order, positionally or by name, with their
  defaults (``x: int = 0`` or ``field(default_factory=...)``), then ``__post_init__``
  if the class defines one;
- ``__eq__`` (same class, equal fields) and a ``__hash__`` of the fields;
- a repr ``Name(field=value, ...)``, ``__slots__`` and ``__match_args__``;
- no assignment or deletion of attributes after ``__init__`` (``FrozenInstanceError``);
- fields inherited from a ``@frozen`` base class, in front of its own;
- a class's own ``__repr__``, ``__eq__`` or ``__hash__`` kept, as dataclasses keep them.
A mutable default (a list, a dict, a set) is refused: ``field(default_factory=list)``.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final, TypeVar, dataclass_transform, overload

T = TypeVar("T")

# The name of the class attribute listing a class's fields, in ``__init__``'s order.
FIELDS: Final = "__frozen_fields__"


class FrozenInstanceError(AttributeError):
    """An attribute of a ``@frozen`` instance was assigned or deleted."""


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


_MISSING: Final[Any] = _Missing()


class _Field:
    __slots__ = ("default", "default_factory")

    def __init__(self, default: Any, default_factory: Any) -> None:
        if default is not _MISSING and default_factory is not _MISSING:
            raise TypeError("a field takes a default or a default_factory, not both")
        self.default = default
        self.default_factory = default_factory


@overload
def field(*, default: T) -> T: ...
@overload
def field(*, default_factory: Callable[[], T]) -> T: ...
def field(*, default: Any = _MISSING, default_factory: Any = _MISSING) -> Any:
    """A field's default given in full: ``field(default_factory=frozenset)``."""
    return _Field(default, default_factory)


_CLASS_VAR = re.compile(r"(?:\w+\.)?ClassVar(?:\[|$)")


def _is_class_var(annotation: object) -> bool:
    text = annotation if isinstance(annotation, str) else repr(annotation)
    return _CLASS_VAR.match(text) is not None


def _init_source(names: tuple[str, ...], defaults: dict[str, _Field], post_init: bool) -> str:
    parameters: list[str] = []
    body: list[str] = []
    for name in names:
        spec = defaults.get(name)
        if spec is None:
            parameters.append(name)
        elif spec.default_factory is not _MISSING:
            parameters.append(f"{name}=__frozen_missing")
            body.append(f"    if {name} is __frozen_missing: {name} = __frozen_factory_{name}()")
        else:
            parameters.append(f"{name}=__frozen_default_{name}")
        body.append(f"    __frozen_set(self, {name!r}, {name})")
    if post_init:
        body.append("    self.__post_init__()")
    return f"def __init__(self, {', '.join(parameters)}):\n" + "\n".join(body or ["    pass"])


def _refuse_setattr(self: object, name: str, value: object) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_delattr(self: object, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _repr(self: object) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in getattr(self, FIELDS))
    return f"{type(self).__qualname__}({shown})"


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def frozen(cls: type[T]) -> type[T]:
    """Make ``cls`` an immutable value class of the fields it annotates."""
    namespace = dict(cls.__dict__)
    inherited: tuple[str, ...] = getattr(cls, FIELDS, ())
    defaults: dict[str, _Field] = dict(getattr(cls, "__frozen_defaults__", {}))
    names = list(inherited)
    for name, annotation in namespace.get("__annotations__", {}).items():
        if _is_class_var(annotation):
            continue
        if name not in names:
            names.append(name)
        if name not in namespace:
            defaults.pop(name, None)  # redeclared without a default: required again
            continue
        value = namespace.pop(name)
        if not isinstance(value, _Field):
            if type(value).__hash__ is None:  # a list, a dict, a set: one for all instances
                raise ValueError(
                    f"{cls.__qualname__}.{name}: a mutable default; use field(default_factory=...)"
                )
            value = _Field(value, _MISSING)
        defaults[name] = value
    fields = tuple(names)
    seen_default = False
    for name in fields:
        if name in defaults:
            seen_default = True
        elif seen_default:
            raise TypeError(f"{cls.__qualname__}: field {name!r} without a default follows one")

    namespace.pop("__dict__", None)
    namespace.pop("__weakref__", None)
    namespace["__slots__"] = tuple(name for name in fields if name not in inherited)
    namespace["__match_args__"] = fields
    namespace[FIELDS] = fields
    namespace["__frozen_defaults__"] = defaults

    scope: dict[str, Any] = {"__frozen_set": object.__setattr__, "__frozen_missing": _MISSING}
    for name, spec in defaults.items():
        scope[f"__frozen_default_{name}"] = spec.default
        scope[f"__frozen_factory_{name}"] = spec.default_factory
    exec(_init_source(fields, defaults, hasattr(cls, "__post_init__")), scope)
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    namespace["__init__"] = init

    values: Callable[[Any], tuple[Any, ...]]
    if len(fields) == 1:
        single = operator.attrgetter(fields[0])

        def values(instance: object) -> tuple[Any, ...]:
            return (single(instance),)
    elif fields:
        values = operator.attrgetter(*fields)
    else:

        def values(instance: object) -> tuple[Any, ...]:
            return ()

    def __eq__(self: object, other: object) -> bool:
        if other.__class__ is self.__class__:
            return bool(values(self) == values(other))
        return NotImplemented

    def __hash__(self: object) -> int:
        return hash(values(self))

    def __getstate__(self: object) -> tuple[Any, ...]:
        return tuple(values(self))

    def __setstate__(self: object, state: tuple[Any, ...]) -> None:
        for name, value in zip(fields, state, strict=True):
            object.__setattr__(self, name, value)

    own_eq = "__eq__" in namespace
    # A class that defines __eq__ alone gets __hash__ = None from Python: not its own.
    own_hash = "__hash__" in namespace and not (namespace["__hash__"] is None and own_eq)
    namespace.setdefault("__repr__", _repr)
    namespace.setdefault("__eq__", __eq__)
    if not own_hash:
        namespace["__hash__"] = __hash__
    namespace["__getstate__"] = __getstate__
    namespace["__setstate__"] = __setstate__
    namespace["__setattr__"] = _refuse_setattr
    namespace["__delattr__"] = _refuse_delattr
    namespace["__qualname__"] = cls.__qualname__
    metaclass: Any = type(cls)
    made: type[T] = metaclass(cls.__name__, cls.__bases__, namespace)
    return made


if TYPE_CHECKING:
    # mypy checks a replace's field names and types as it does dataclasses.replace
    # for a dataclass_transform class; at run time, the function below.
    from dataclasses import replace as replace
else:

    def replace(instance, /, **changes):
        """A copy of ``instance`` with ``changes`` to its fields (checked by ``__init__``)."""
        names = getattr(instance, FIELDS)
        unknown = changes.keys() - set(names)
        if unknown:
            raise TypeError(f"{type(instance).__qualname__} has no field {sorted(unknown)[0]!r}")
        values = {name: getattr(instance, name) for name in names}
        values.update(changes)
        return type(instance)(**values)
