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

from dataclasses import FrozenInstanceError
from typing import Any, ClassVar


class Record:
    """A mutable record: ``repr`` and ``==`` as a dataclass has them."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in self._fields])

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            assert isinstance(other, Record)
            return self._values() == other._values()
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # as a dataclass with eq


class FrozenRecord(Record):
    """A read-only record, hashed by its fields (a frozen dataclass)."""

    __slots__ = ()

    def __hash__(self) -> int:  # type: ignore[override]  # None above
        return hash(self._values())

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
