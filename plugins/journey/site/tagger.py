"""The tagger: a document's metadata in, its journey tags out.

Pure functions over the metadata dict Pelican's readers produced. Any value
gives tags or problems, never an exception.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..model.keys import METADATA_KEYS
from ..model.phases import Model, Phase

# Metadata keys as Pelican hands them over (lower case), with their aliases;
# a site's JOURNEY_METADATA_KEYS gives others (``JourneyConfig.metadata_keys``).
KEYS: Mapping[str, tuple[str, ...]] = METADATA_KEYS
NONE_WORDS = frozenset({"none", "geen"})
_SPLIT_RE = re.compile(r"[,\n;]")


@dataclass(frozen=True, slots=True)
class CtaSpec:
    """A ``CTA: label | target`` value; ``none`` means: no CTA on this page."""

    label: str = ""
    target: str = ""
    none: bool = False


@dataclass(frozen=True, slots=True)
class Tags:
    """What a document's metadata says about its place in the journey."""

    phases: tuple[Phase, ...] = ()
    unknown_phases: tuple[str, ...] = ()
    touchpoint: str | None = None
    unknown_touchpoint: str | None = None
    personas: tuple[str, ...] = ()
    unknown_personas: tuple[str, ...] = ()
    cta: CtaSpec | None = None
    cta_problem: str | None = None  # the raw CTA value when it is malformed
    next: tuple[str, ...] | None = None
    has_phase_key: bool = False

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


def parse_phases(value: Any, model: Model) -> tuple[tuple[Phase, ...], tuple[str, ...]]:
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


def read_tags(
    metadata: Mapping[str, Any],
    model: Model,
    touchpoints: Iterable[str],
    personas: Iterable[str],
    keys: Mapping[str, tuple[str, ...]] = KEYS,
) -> Tags:
    """Read the journey metadata of one document (``keys``: which keys to read)."""
    phase_raw = raw_value(metadata, "phase", keys)
    phases, unknown = parse_phases(phase_raw, model)

    touchpoint = unknown_touchpoint = None
    words = split_values(raw_value(metadata, "touchpoint", keys))
    if words:
        word = words[0].lower()
        if word in set(touchpoints):
            touchpoint = word
        else:
            unknown_touchpoint = words[0]

    known_personas = set(personas)
    persona_values = split_values(raw_value(metadata, "persona", keys))
    cta, cta_problem = parse_cta(raw_value(metadata, "cta", keys))
    next_raw = raw_value(metadata, "next", keys)
    return Tags(
        phases=phases,
        unknown_phases=unknown,
        touchpoint=touchpoint,
        unknown_touchpoint=unknown_touchpoint,
        personas=tuple(
            p.lower() for p in persona_values if p.lower() in known_personas
        ),
        unknown_personas=tuple(
            p for p in persona_values if p.lower() not in known_personas
        ),
        cta=cta,
        cta_problem=cta_problem,
        next=tuple(split_values(next_raw)) if next_raw is not None else None,
        has_phase_key=phase_raw is not None,
    )
