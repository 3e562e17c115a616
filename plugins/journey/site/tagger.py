"""The tagger: a document's metadata in, its journey tags out.

Pure functions over the metadata dict Pelican's readers produced. Any value
gives tags or problems, never an exception.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol

from ..model.keys import METADATA_KEYS
from ..model.phases import Model, Phase
from ..model.records import FrozenRecord

# Metadata keys as Pelican hands them over (lower case), with their aliases;
# a site's JOURNEY_METADATA_KEYS gives others (``JourneyConfig.metadata_keys``).
KEYS: Mapping[str, tuple[str, ...]] = METADATA_KEYS
NONE_WORDS = frozenset({"none", "geen"})
_SPLIT_RE = re.compile(r"[,\n;]")


class CtaSpec(FrozenRecord):
    """A ``CTA: label | target`` value; ``none`` means: no CTA on this page."""

    __slots__ = ("label", "none", "target")
    _fields = ("label", "target", "none")
    label: str
    target: str
    none: bool

    def __init__(
        self,
        label: str = "",
        target: str = "",
        none: bool = False,
    ) -> None:
        set_field = object.__setattr__
        set_field(self, "label", label)
        set_field(self, "target", target)
        set_field(self, "none", none)


class Tags(FrozenRecord):
    """What a document's metadata says about its place in the journey."""

    __slots__ = (
        "cta",
        "cta_problem",
        "has_phase_key",
        "next",
        "personas",
        "phases",
        "touchpoint",
        "unknown_personas",
        "unknown_phases",
        "unknown_touchpoint",
    )
    _fields = (
        "phases",
        "unknown_phases",
        "touchpoint",
        "unknown_touchpoint",
        "personas",
        "unknown_personas",
        "cta",
        "cta_problem",
        "next",
        "has_phase_key",
    )
    phases: tuple[Phase, ...]
    unknown_phases: tuple[str, ...]
    touchpoint: str | None
    unknown_touchpoint: str | None
    personas: tuple[str, ...]
    unknown_personas: tuple[str, ...]
    cta: CtaSpec | None
    cta_problem: str | None  # the raw CTA value when it is malformed
    next: tuple[str, ...] | None
    has_phase_key: bool

    __repr__ = object.__repr__  # as the dataclass it was (repr=False)

    def __init__(
        self,
        phases: tuple[Phase, ...] = (),
        unknown_phases: tuple[str, ...] = (),
        touchpoint: str | None = None,
        unknown_touchpoint: str | None = None,
        personas: tuple[str, ...] = (),
        unknown_personas: tuple[str, ...] = (),
        cta: CtaSpec | None = None,
        cta_problem: str | None = None,
        next: tuple[str, ...] | None = None,
        has_phase_key: bool = False,
    ) -> None:
        set_field = object.__setattr__
        set_field(self, "phases", phases)
        set_field(self, "unknown_phases", unknown_phases)
        set_field(self, "touchpoint", touchpoint)
        set_field(self, "unknown_touchpoint", unknown_touchpoint)
        set_field(self, "personas", personas)
        set_field(self, "unknown_personas", unknown_personas)
        set_field(self, "cta", cta)
        set_field(self, "cta_problem", cta_problem)
        set_field(self, "next", next)
        set_field(self, "has_phase_key", has_phase_key)

    @property
    def declared(self) -> bool:
        return bool(self.phases)


def raw_value(
    metadata: Mapping[str, Any],
    field: str,
    keys: Mapping[str, tuple[str, ...]] = KEYS,
) -> Any:
    """The metadata value of ``field`` under its own key or an alias."""
    for key in keys[field]:
        if key in metadata:
            return metadata[key]
    return None


def text_of(value: Any) -> str:
    """Any metadata value as text: lists joined by commas, None as ''."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, Iterable) and not isinstance(value, bytes | Mapping):
        return ",".join(text_of(v) for v in value)
    return str(value)


def split_values(value: Any) -> list[str]:
    """Comma-, semicolon- or line-separated values, stripped, empties dropped."""
    return [part.strip() for part in _SPLIT_RE.split(text_of(value)) if part.strip()]


def is_none(values: tuple[str, ...] | None) -> bool:
    """Whether ``Next``-style values say "none": remove, do not replace."""
    return (
        values is not None and len(values) == 1 and values[0].casefold() in NONE_WORDS
    )


class PhaseNames(Protocol):
    """What :func:`parse_phases` needs of a model: a phase by any of its names."""

    def resolve(self, name: str) -> Phase | None: ...


class _KnownNames:
    """``model.resolve``, each name folded and looked up once per build."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.found: dict[str, Phase | None] = {}

    def resolve(self, name: str) -> Phase | None:
        if name not in self.found:
            self.found[name] = self.model.resolve(name)
        return self.found[name]


def parse_phases(
    value: Any, model: PhaseNames
) -> tuple[tuple[Phase, ...], tuple[str, ...]]:
    """Known phases (first = primary, no repeats) and the unknown names."""
    phases: list[Phase] = []
    unknown: list[str] = []
    for name in split_values(value):
        phase = model.resolve(name)
        if phase is None:
            unknown.append(name)
        elif phase not in phases:
            phases.append(phase)
    return tuple(phases), tuple(unknown)


def parse_cta(value: Any) -> tuple[CtaSpec | None, str | None]:
    """A CTA spec, or the raw text when it is not ``label | target`` / ``none``."""
    raw = text_of(value).strip()
    if not raw:
        return None, None
    if raw.casefold() in NONE_WORDS:
        return CtaSpec(none=True), None
    label, sep, target = raw.partition("|")
    if not sep or not label.strip() or not target.strip() or "|" in target:
        return None, raw
    return CtaSpec(label=" ".join(label.split()), target=target.strip()), None


def parse_touchpoint(
    value: Any, touchpoints: Iterable[str]
) -> tuple[str | None, str | None]:
    """(the touchpoint, else the unknown word), either ``None``."""
    words = split_values(value)
    if not words:
        return None, None
    word = words[0].lower()
    if word in set(touchpoints):
        return word, None
    return None, words[0]


def parse_personas(
    value: Any, personas: Iterable[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the known persona ids, the unknown names)."""
    known_personas = set(personas)
    persona_values = split_values(value)
    return (
        tuple(p.lower() for p in persona_values if p.lower() in known_personas),
        tuple(p for p in persona_values if p.lower() not in known_personas),
    )


def parse_next(value: Any) -> tuple[str, ...] | None:
    """The ``Next`` targets; ``None`` when the key is not there."""
    return tuple(split_values(value)) if value is not None else None


def _tags(
    phases: tuple[tuple[Phase, ...], tuple[str, ...]],
    touchpoint: tuple[str | None, str | None],
    personas: tuple[tuple[str, ...], tuple[str, ...]],
    cta: tuple[CtaSpec | None, str | None],
    next_: tuple[str, ...] | None,
    has_phase_key: bool,
) -> Tags:
    return Tags(
        phases=phases[0],
        unknown_phases=phases[1],
        touchpoint=touchpoint[0],
        unknown_touchpoint=touchpoint[1],
        personas=personas[0],
        unknown_personas=personas[1],
        cta=cta[0],
        cta_problem=cta[1],
        next=next_,
        has_phase_key=has_phase_key,
    )


def read_tags(
    metadata: Mapping[str, Any],
    model: Model,
    touchpoints: Iterable[str],
    personas: Iterable[str],
    keys: Mapping[str, tuple[str, ...]] = KEYS,
) -> Tags:
    """Read the journey metadata of one document (``keys``: which keys to read)."""
    phase_raw = raw_value(metadata, "phase", keys)
    return _tags(
        parse_phases(phase_raw, model),
        parse_touchpoint(raw_value(metadata, "touchpoint", keys), touchpoints),
        parse_personas(raw_value(metadata, "persona", keys), personas),
        parse_cta(raw_value(metadata, "cta", keys)),
        parse_next(raw_value(metadata, "next", keys)),
        phase_raw is not None,
    )


_FIELDS = ("phase", "touchpoint", "persona", "cta", "next")


class TagReader:
    """:func:`read_tags` for the documents of one build, each distinct value once.

    Most pages of a site carry the same few ``Phase``, ``Touchpoint`` …
    values: each value (a plain string) is read once per build, and pages
    with the same values get the same (frozen) :class:`Tags`. ``share``
    picks the one kept for equal tags read from other values.
    """

    def __init__(
        self,
        model: Model,
        touchpoints: Iterable[str],
        personas: Iterable[str],
        keys: Mapping[str, tuple[str, ...]] = KEYS,
        share: Callable[[Tags], Tags] = lambda tags: tags,
    ) -> None:
        self.share = share
        # Every key a field may be written with, in the order they are tried.
        self._keys = tuple(tuple(keys[name]) for name in _FIELDS)
        touchpoints, personas = frozenset(touchpoints), frozenset(personas)
        names = _KnownNames(model)
        self._readers: tuple[Callable[[Any], Any], ...] = (
            lambda value: parse_phases(value, names),
            lambda value: parse_touchpoint(value, touchpoints),
            lambda value: parse_personas(value, personas),
            parse_cta,
            parse_next,
        )
        self._read: tuple[dict[str | None, Any], ...] = tuple({} for _ in _FIELDS)
        self._tags: dict[tuple[Any, ...], Tags] = {}

    def __call__(self, metadata: Mapping[str, Any]) -> Tags:
        keys = self._keys
        raw = (
            _first(metadata, keys[0]),
            _first(metadata, keys[1]),
            _first(metadata, keys[2]),
            _first(metadata, keys[3]),
            _first(metadata, keys[4]),
        )
        # Only plain strings are looked up: other values (lists, Markup …)
        # are read each time, as they are.
        plain = True
        for value in raw:
            if value is not None and type(value) is not str:
                plain = False
                break
        if plain:
            found = self._tags.get(raw)
            if found is not None:
                return found
        tags = self.share(
            _tags(
                self._part(0, raw[0]),
                self._part(1, raw[1]),
                self._part(2, raw[2]),
                self._part(3, raw[3]),
                self._part(4, raw[4]),
                raw[0] is not None,
            )
        )
        if plain:
            self._tags[raw] = tags
        return tags

    def _part(self, field: int, value: Any) -> Any:
        """What ``value`` of ``field`` says, read once per build if a plain string."""
        if value is not None and type(value) is not str:
            return self._readers[field](value)  # a list, Markup …: read each time
        done = self._read[field]
        found = done.get(value, _MISSING)
        if found is _MISSING:
            found = done[value] = self._readers[field](value)
        return found


_MISSING: Any = object()


def _first(metadata: Mapping[str, Any], names: tuple[str, ...]) -> Any:
    for key in names:
        if key in metadata:
            return metadata[key]
    return None
