"""What themes and templates get: ``page.journey`` and ``JOURNEY`` (SPEC §6)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model.phases import Model, Phase
from ..model.settings import Persona
from ..model.text import text as message


@dataclass(frozen=True, slots=True)
class PhaseView:
    """A phase as templates see it, in one language."""

    id: str
    label: str
    question: str
    index: int  # 1-based
    count: int = 0

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True, slots=True)
class PersonaView:
    id: str
    label: str
    description: str

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True, slots=True)
class CtaView:
    """A call to action: ``label``, ``url`` (site-relative unless ``external``)."""

    label: str
    url: str
    phase: PhaseView
    external: bool = False
    link: str = ""  # the target as written into content ({filename}/… or URL)


@dataclass(slots=True)
class PageJourney:
    """``page.journey`` / ``article.journey``."""

    phase: PhaseView | None = None
    phases: list[PhaseView] = field(default_factory=list)
    mapped: bool = False
    cta: CtaView | None = None
    next: list[Any] = field(default_factory=list)  # Pelican content objects
    personas: list[PersonaView] = field(default_factory=list)
    touchpoint: str | None = None
    lang: str = "en"
    model_phases: list[PhaseView] = field(default_factory=list)  # for progress

    def __bool__(self) -> bool:
        return self.phase is not None


@dataclass
class SiteJourney:
    """``JOURNEY`` in every template."""

    model: str
    lang: str
    phases: list[PhaseView]
    summary: Mapping[str, int]

    def text(self, key: str, lang: str | None = None) -> str:
        """A fixed text of the partials (e.g. ``"next-title"``) in ``lang``."""
        return message(key, lang or self.lang)


def phase_view(phase: Phase, lang: str, count: int = 0) -> PhaseView:
    return PhaseView(
        phase.id, phase.label(lang), phase.question(lang), phase.index, count
    )


def model_views(model: Model, lang: str) -> list[PhaseView]:
    """Every phase of the model in one language, to share between pages."""
    return [phase_view(p, lang) for p in model.phases]


def page_journey(
    phases: Sequence[Phase],
    *,
    all_phases: list[PhaseView],
    lang: str,
    mapped: bool = False,
    personas: Sequence[Persona] = (),
    touchpoint: str | None = None,
) -> PageJourney:
    """A page's journey data; ``all_phases`` is :func:`model_views` (shared)."""
    views = [all_phases[p.index - 1] for p in phases]
    return PageJourney(
        phase=views[0] if views else None,
        phases=views,
        mapped=mapped,
        personas=[PersonaView(p.id, p.label(lang), p.description) for p in personas],
        touchpoint=touchpoint,
        lang=lang,
        model_phases=all_phases,
    )


def site_journey(
    model: Model, lang: str, counts: Mapping[str, int], summary: Mapping[str, int]
) -> SiteJourney:
    return SiteJourney(
        model=model.id,
        lang=lang,
        phases=[phase_view(p, lang, counts.get(p.id, 0)) for p in model.phases],
        summary=dict(summary),
    )
