"""Small record classes without :mod:`dataclasses`' cost at import.

``@dataclass`` writes each class's methods as source text and compiles it
when the module is imported: a few million instructions a class, paid by
every build. These bases give the same behaviour as
``@dataclass`` (``eq=True``; ``frozen=True`` for :class:`FrozenRecord`):
a ``repr`` naming the fields, equality of the same class field by field,
frozen records hashable and read-only. Each class lists its ``_fields`` in
order and writes its own ``__init__``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import FrozenInstanceError
from operator import attrgetter
from typing import Any, ClassVar, Self


def _getter(fields: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """A function of a record that returns its fields' values as a tuple."""
    if len(fields) == 1:
        one = attrgetter(fields[0])
        return lambda record: (one(record),)
    if not fields:
        return lambda record: ()
    return attrgetter(*fields)  # a tuple, gathered in C


class Record:
    """A mutable record: ``repr`` and ``==`` as a dataclass has them."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    # The fields' values as a tuple: set for each class from its ``_fields``.
    _get: ClassVar[staticmethod[[Any], tuple[Any, ...]]] = staticmethod(_getter(()))

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._get = staticmethod(_getter(cls._fields))

    def _values(self) -> tuple[Any, ...]:
        return self._get(self)

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            get = self._get
            return get(self) == get(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # as a dataclass with eq

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes`` to its fields (``dataclasses.replace``)."""
        values = dict(zip(self._fields, self._get(self), strict=True))
        values.update(changes)
        return type(self)(**values)


class FrozenRecord(Record):
    """A read-only record, hashed by its fields (a frozen dataclass)."""

    __slots__ = ()

    def __hash__(self) -> int:  # type: ignore[override]  # None above
        return hash(self._get(self))

    def __getstate__(self) -> list[Any]:  # copy and pickle, as dataclasses
        return [getattr(self, name) for name in self._fields]

    def __setstate__(self, state: list[Any]) -> None:
        for name, value in zip(self._fields, state, strict=True):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")


class FrozenObject:
    """A read-only object, equal and hashed by identity.

    What a frozen dataclass with ``eq=False`` is: fields set once by
    ``__init__`` (through ``object.__setattr__``), no assignment afterwards.
    """

    __slots__ = ()

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")
