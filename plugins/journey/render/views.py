"""What themes and templates get: ``page.journey`` and ``JOURNEY`` (SPEC §6)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit

from ..model.phases import Model, Phase
from ..model.records import FrozenRecord, Record
from ..model.settings import Persona
from ..model.text import text as message

_T = TypeVar("_T")


class PhaseView(FrozenRecord):
    """A phase as templates see it, in one language."""

    __slots__ = ("count", "id", "index", "label", "question")
    _fields = ("id", "label", "question", "index", "count")
    id: str
    label: str
    question: str
    index: int  # 1-based
    count: int

    def __init__(
        self, id: str, label: str, question: str, index: int, count: int = 0
    ) -> None:
        set_field = object.__setattr__
        set_field(self, "id", id)
        set_field(self, "label", label)
        set_field(self, "question", question)
        set_field(self, "index", index)
        set_field(self, "count", count)

    def __str__(self) -> str:
        return self.label


class PersonaView(FrozenRecord):
    """A persona as themes see it."""

    __slots__ = ("description", "id", "label")
    _fields = ("id", "label", "description")
    id: str
    label: str
    description: str

    def __init__(self, id: str, label: str, description: str) -> None:
        set_field = object.__setattr__
        set_field(self, "id", id)
        set_field(self, "label", label)
        set_field(self, "description", description)

    def __str__(self) -> str:
        return self.label


class CtaView(FrozenRecord):
    """A call to action: ``label``, ``url`` (site-relative unless ``external``)."""

    __slots__ = ("external", "label", "link", "phase", "url")
    _fields = ("label", "url", "phase", "external", "link")
    label: str
    url: str
    phase: PhaseView
    external: bool
    link: str  # the target as written into content ({filename}/… or URL)

    def __init__(
        self,
        label: str,
        url: str,
        phase: PhaseView,
        external: bool = False,
        link: str = "",
    ) -> None:
        set_field = object.__setattr__
        set_field(self, "label", label)
        set_field(self, "url", url)
        set_field(self, "phase", phase)
        set_field(self, "external", external)
        set_field(self, "link", link)


class LinkStep(FrozenRecord):
    """A next step that is no content of the site: a URL (``Next:`` metadata).

    Has the ``url`` and ``title`` a next-step item needs; ``external`` says
    that ``url`` is absolute (else it is site-relative, like ``content.url``).
    """

    __slots__ = ("external", "title", "url")
    _fields = ("url", "title", "external")
    url: str
    title: str
    external: bool

    def __init__(self, url: str, title: str, external: bool = False) -> None:
        set_field = object.__setattr__
        set_field(self, "url", url)
        set_field(self, "title", title)
        set_field(self, "external", external)


def link_step(target: Any) -> LinkStep:
    """A resolved ``Next:`` target that is no content, as a next-step item.

    Its text is where it leads: the host and path of an external URL, the
    path of a page of this site.
    """
    url = str(target.url)
    parts = urlsplit(url)
    if parts.scheme in ("mailto", "tel"):
        title = unquote(parts.path)
    elif parts.netloc:
        path = parts.path if parts.path not in ("", "/") else ""
        title = parts.netloc + unquote(path)
    else:
        title = "/" + unquote(url.lstrip("/"))
    return LinkStep(url=url, title=title, external=bool(target.external))


class PageJourney(Record):
    """``page.journey`` / ``article.journey``."""

    __slots__ = (
        "cta",
        "lang",
        "mapped",
        "model_phases",
        "next",
        "personas",
        "phase",
        "phases",
        "touchpoint",
    )
    _fields = (
        "phase",
        "phases",
        "mapped",
        "cta",
        "next",
        "personas",
        "touchpoint",
        "lang",
        "model_phases",
    )
    phase: PhaseView | None
    phases: list[PhaseView]
    mapped: bool
    cta: CtaView | None
    # Pelican content objects, and a LinkStep for a Next: URL that is no content
    next: list[Any]
    personas: list[PersonaView]
    touchpoint: str | None
    lang: str
    model_phases: list[PhaseView]  # for progress

    def __init__(
        self,
        phase: PhaseView | None = None,
        phases: list[PhaseView] | None = None,
        mapped: bool = False,
        cta: CtaView | None = None,
        next: list[Any] | None = None,
        personas: list[PersonaView] | None = None,
        touchpoint: str | None = None,
        lang: str = "en",
        model_phases: list[PhaseView] | None = None,
    ) -> None:
        self.phase = phase
        self.phases = [] if phases is None else phases
        self.mapped = mapped
        self.cta = cta
        self.next = [] if next is None else next
        self.personas = [] if personas is None else personas
        self.touchpoint = touchpoint
        self.lang = lang
        self.model_phases = [] if model_phases is None else model_phases

    def __bool__(self) -> bool:
        return self.phase is not None


class SiteJourney(Record):
    """``JOURNEY`` in every template."""

    _fields = ("model", "lang", "phases", "summary")
    model: str
    lang: str
    phases: list[PhaseView]
    summary: Mapping[str, int]

    def __init__(
        self,
        model: str,
        lang: str,
        phases: list[PhaseView],
        summary: Mapping[str, int],
    ) -> None:
        self.model = model
        self.lang = lang
        self.phases = phases
        self.summary = summary

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


class SharedViews:
    """Makes the pages' ``journey`` views of one build, each distinct one once.

    Most pages of a site have the same phases, call to action, next steps and
    personas as many others, and a build keeps every page's view to its end:
    equal values (phase and persona lists, CTA views, next-step lists, whole
    :class:`PageJourney` objects) are made once and shared between pages
    (memory budget, SPEC §9). Shared values are read-only: templates only
    read them, and nothing changes a page's view once it is made.
    """

    def __init__(self, model: Model, langs: Iterable[str]) -> None:
        self.model_views = {lang: model_views(model, lang) for lang in langs}
        self._made: dict[tuple[Any, ...], Any] = {}

    def one(self, key: tuple[Any, ...], make: Callable[[], _T]) -> _T:
        """The value made for ``key``, made by ``make`` the first time."""
        found = self._made.get(key)
        if found is None:
            found = self._made[key] = make()
        return found  # made by make() for this key

    def phases(self, lang: str, phases: Sequence[Phase]) -> list[PhaseView]:
        views = self.model_views[lang]
        key = ("phases", lang, *(p.index for p in phases))
        return self.one(key, lambda: [views[p.index - 1] for p in phases])

    def personas(self, lang: str, personas: Sequence[Persona]) -> list[PersonaView]:
        return self.one(
            ("personas", lang, *(p.id for p in personas)),
            lambda: [PersonaView(p.id, p.label(lang), p.description) for p in personas],
        )

    def cta(
        self, label: str, url: str, phase: PhaseView, external: bool, link: str
    ) -> CtaView:
        return self.one(
            ("cta", label, url, id(phase), external, link),
            lambda: CtaView(label, url, phase, external, link),
        )

    def next(self, items: list[Any]) -> list[Any]:
        """A next-step list of these items (content objects, shared links)."""
        return self.one(("next", *map(id, items)), lambda: items)

    def journey(
        self,
        *,
        lang: str,
        phases: list[PhaseView],
        mapped: bool,
        cta: CtaView | None,
        next: list[Any],
        personas: list[PersonaView],
        touchpoint: str | None,
    ) -> PageJourney:
        """The page view of these (shared) parts."""
        lang = self.one(("lang", lang), lambda: lang)
        if touchpoint is not None:
            touchpoint = self.one(("touchpoint", touchpoint), lambda: touchpoint)
        key = (
            "journey",
            lang,
            id(phases),
            mapped,
            id(cta),
            id(next),
            id(personas),
            touchpoint,
        )
        return self.one(
            key,
            lambda: PageJourney(
                phase=phases[0] if phases else None,
                phases=phases,
                mapped=mapped,
                cta=cta,
                next=next,
                personas=personas,
                touchpoint=touchpoint,
                lang=lang,
                model_phases=self.model_views[lang],
            ),
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
