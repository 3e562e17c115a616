"""Journey models: ordered phases with labels, aliases, questions and CTAs.

A model is pure data. The built-in models live here; a custom model (a list of
dicts in ``JOURNEY_MODEL``) is validated by :func:`model_from_setting`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from .folding import plain
from .records import FrozenObject, FrozenRecord
from .show import show

LANGS = ("nl", "en")
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class ModelError(ValueError):
    """A custom model that cannot be used; the message names the fault."""


def normalize(value: str) -> str:
    """Fold a phase name for lookup: case, accents, spaces and dashes."""
    folded = re.sub(r"[\s_\-\u2013\u2014]+", "-", plain(value).strip())
    return folded.strip("-")


class Phase(FrozenRecord):
    """One phase of a journey model."""

    _fields = ("id", "index", "labels", "questions", "ctas", "aliases", "touchpoints")
    id: str
    index: int  # 1-based position in the model
    labels: Mapping[str, str]
    questions: Mapping[str, str]
    ctas: Mapping[str, str]  # default CTA label per language
    aliases: tuple[str, ...]
    touchpoints: tuple[str, ...]  # preferred CTA target touchpoints

    def __init__(
        self,
        id: str,
        index: int,
        labels: Mapping[str, str],
        questions: Mapping[str, str],
        ctas: Mapping[str, str],
        aliases: tuple[str, ...] = (),
        touchpoints: tuple[str, ...] = (),
    ) -> None:
        set_field = object.__setattr__
        set_field(self, "id", id)
        set_field(self, "index", index)
        set_field(self, "labels", labels)
        set_field(self, "questions", questions)
        set_field(self, "ctas", ctas)
        set_field(self, "aliases", aliases)
        set_field(self, "touchpoints", touchpoints)

    def __eq__(self, other: object) -> bool:
        # As the dataclass's: ``phase in doc.phases`` compares on every page.
        if other.__class__ is self.__class__:
            assert isinstance(other, Phase)
            return (
                self.id,
                self.index,
                self.labels,
                self.questions,
                self.ctas,
                self.aliases,
                self.touchpoints,
            ) == (
                other.id,
                other.index,
                other.labels,
                other.questions,
                other.ctas,
                other.aliases,
                other.touchpoints,
            )
        return NotImplemented

    __hash__ = FrozenRecord.__hash__  # defining __eq__ would unset it

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels.get("en") or self.id

    def question(self, lang: str) -> str:
        return self.questions.get(lang) or self.questions.get("en") or ""

    def cta_label(self, lang: str) -> str:
        return self.ctas.get(lang) or self.ctas.get("en") or ""

    def names(self) -> tuple[str, ...]:
        """Every name this phase answers to: id, labels, aliases."""
        return (self.id, *self.labels.values(), *self.aliases)


class Model(FrozenObject):
    """An ordered list of phases, with a lookup over all their names.

    A written-out frozen dataclass: ``repr``, ``==`` and the hash are by
    ``id`` and ``phases`` (the lookup is made from them).
    """

    id: str
    phases: tuple[Phase, ...]
    _lookup: Mapping[str, Phase]

    def __init__(
        self,
        id: str,
        phases: tuple[Phase, ...],
        _lookup: Mapping[str, Phase] | None = None,
    ) -> None:
        set_field = object.__setattr__
        set_field(self, "id", id)
        set_field(self, "phases", phases)
        set_field(self, "_lookup", {} if _lookup is None else _lookup)
        self.__post_init__()

    def __repr__(self) -> str:
        return f"{type(self).__qualname__}(id={self.id!r}, phases={self.phases!r})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            assert isinstance(other, Model)
            return (self.id, self.phases) == (other.id, other.phases)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.id, self.phases))

    def __post_init__(self) -> None:
        lookup: dict[str, Phase] = {}
        for phase in self.phases:
            for name in phase.names():
                key = normalize(name)
                other = lookup.get(key)
                if other is not None and other is not phase:
                    raise ModelError(
                        f"JOURNEY_MODEL: the name {show(name)} is used by both "
                        f"phase {show(other.id)} and phase {show(phase.id)}"
                    )
                lookup[key] = phase
        object.__setattr__(self, "_lookup", lookup)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.phases)

    @property
    def final(self) -> Phase:
        return self.phases[-1]

    def get(self, phase_id: str) -> Phase | None:
        """The phase with this exact id, or ``None``."""
        return next((p for p in self.phases if p.id == phase_id), None)

    def resolve(self, name: str) -> Phase | None:
        """The phase named by an id, label or alias in any case, or ``None``."""
        return self._lookup.get(normalize(name))

    def suggest(self, name: str) -> tuple[str, Phase] | None:
        """The closest name (id, label or alias) to a misspelt one, and its phase."""
        key = normalize(name)
        if not key:
            return None
        import difflib  # noqa: PLC0415 - only to name what was meant

        close = difflib.get_close_matches(key, list(self._lookup), n=1, cutoff=0.6)
        return (close[0], self._lookup[close[0]]) if close else None


def _phase(
    index: int,
    phase_id: str,
    labels: tuple[str, str],
    questions: tuple[str, str],
    ctas: tuple[str, str],
    aliases: tuple[str, ...],
    touchpoints: tuple[str, ...],
) -> Phase:
    return Phase(
        id=phase_id,
        index=index,
        labels=dict(zip(LANGS, labels, strict=True)),
        questions=dict(zip(LANGS, questions, strict=True)),
        ctas=dict(zip(LANGS, ctas, strict=True)),
        aliases=aliases,
        touchpoints=touchpoints,
    )


def _model(model_id: str, rows: Sequence[tuple[Any, ...]]) -> Model:
    return Model(model_id, tuple(_phase(i, *row) for i, row in enumerate(rows, 1)))


# Each row: id, (nl, en) label, (nl, en) question, (nl, en) default CTA label,
# aliases, touchpoints the default CTA prefers as its target (best first).
# The label a visitor sees is made from the target (``labels.py``: its
# touchpoint, else its title); the row's text is what the phase's CTA offers
# in general, so it must fit a page of every touchpoint listed after it and
# any trade, and never promise contact, reviews or maintenance (WCAG 2.4.4).
SIX_PHASE = _model(
    "six-phase",
    [
        (
            "awareness",
            ("Bewustwording", "Awareness"),
            ("Heb ik dit nodig?", "Do I need it?"),
            ("Lees onze tips en uitleg", "Read our tips and guides"),
            ("bewust", "aandacht", "attention", "ontdekken", "discovery"),
            ("blog", "guide"),
        ),
        (
            "consideration",
            ("Overweging", "Consideration"),
            ("Wil ik dit?", "Do I want it?"),
            ("Bekijk ons aanbod", "See what we offer"),
            ("overwegen", "orientatie", "interesse", "interest", "research"),
            ("service", "product"),
        ),
        (
            "decision",
            ("Besluitvorming", "Decision"),
            ("Wat is het beste?", "What is best?"),
            (
                "Lees ervaringen en voorbeelden uit de praktijk",
                "Read experiences and real-life examples",
            ),
            ("besluit", "beslissen", "vergelijken", "evaluation", "compare"),
            ("review", "case"),
        ),
        (
            "purchase",
            ("Aankoop", "Purchase"),
            ("Waar koop ik het?", "Where will I buy it?"),
            ("Kopen bij ons: zo werkt het", "Buying from us: how it works"),
            ("kopen", "koop", "bestellen", "buy", "order", "conversie", "conversion"),
            ("booking", "quote", "pricing", "product"),
        ),
        (
            "experience",
            ("Gebruikservaring", "Experience"),
            ("Heb ik een goede keuze gemaakt?", "Did I choose well?"),
            ("Lees tips voor het gebruik", "Read tips on using it"),
            ("gebruik", "ervaring", "usage", "use", "onboarding"),
            ("guide", "faq", "blog"),
        ),
        (
            "aftercare",
            ("Nazorg", "Aftercare"),
            ("Wie helpt me als ik vragen heb?", "Who helps me when I have questions?"),
            ("Zo helpen we verder", "How we help after you buy"),
            ("after-sales", "aftersales", "support", "klantenservice", "retention"),
            ("contact", "service"),
        ),
    ],
)

FIVE_K = _model(
    "5k",
    [
        (
            "komen",
            ("Komen", "Come"),
            ("Heb ik dit nodig?", "Do I need it?"),
            ("Lees onze tips en uitleg", "Read our tips and guides"),
            ("come", "attract"),
            ("blog", "guide"),
        ),
        (
            "kijken",
            ("Kijken", "Look"),
            ("Wil ik dit?", "Do I want it?"),
            ("Bekijk ons aanbod", "See what we offer"),
            ("look", "browse"),
            ("product", "service"),
        ),
        (
            "keuren",
            ("Keuren", "Examine"),
            ("Is dit goed genoeg?", "Is it good enough?"),
            (
                "Lees ervaringen en voorbeelden uit de praktijk",
                "Read experiences and real-life examples",
            ),
            ("examine", "inspect", "beoordelen"),
            ("review", "case"),
        ),
        (
            "kiezen",
            ("Kiezen", "Choose"),
            ("Wat is het beste?", "What is best?"),
            ("Vergelijk wat het kost", "Compare what it costs"),
            ("choose", "select"),
            ("pricing", "quote"),
        ),
        (
            "kopen",
            ("Kopen", "Buy"),
            ("Waar koop ik het?", "Where will I buy it?"),
            ("Kopen bij ons: zo werkt het", "Buying from us: how it works"),
            ("buy", "bestellen", "order"),
            ("booking", "product", "pricing", "contact"),
        ),
    ],
)

SEE_THINK_DO_CARE = _model(
    "see-think-do-care",
    [
        (
            "see",
            ("See", "See"),
            ("Heb ik dit nodig?", "Do I need it?"),
            ("Lees onze tips en uitleg", "Read our tips and guides"),
            ("zien",),
            ("blog", "guide"),
        ),
        (
            "think",
            ("Think", "Think"),
            ("Wat is het beste?", "What is best?"),
            ("Bekijk ons aanbod", "See what we offer"),
            ("denken",),
            ("pricing", "service", "product"),
        ),
        (
            "do",
            ("Do", "Do"),
            ("Waar koop ik het?", "Where will I buy it?"),
            ("Kopen bij ons: zo werkt het", "Buying from us: how it works"),
            ("doen",),
            ("booking", "quote", "pricing", "product"),
        ),
        (
            "care",
            ("Care", "Care"),
            ("Wie helpt me als ik vragen heb?", "Who helps me when I have questions?"),
            ("Zo helpen we verder", "How we help after you buy"),
            ("zorg", "zorgen"),
            ("contact", "service"),
        ),
    ],
)

BUILTIN_MODELS: Mapping[str, Model] = {
    m.id: m for m in (SIX_PHASE, FIVE_K, SEE_THINK_DO_CARE)
}


def _text_per_lang(value: Any, where: str) -> dict[str, str]:
    """A label/question given as a string (all languages) or a dict per language."""
    if isinstance(value, str) and value.strip():
        return dict.fromkeys(LANGS, value.strip())
    if isinstance(value, Mapping) and value:
        out: dict[str, str] = {}
        for lang, text in value.items():
            if lang not in LANGS:
                raise ModelError(
                    f"{where}: language {show(lang)} is not supported; "
                    f"allowed: {', '.join(LANGS)}"
                )
            if not isinstance(text, str) or not text.strip():
                raise ModelError(
                    f"{where}[{show(lang)}]: {show(text)} is not a non-empty text"
                )
            out[lang] = text.strip()
        return out
    raise ModelError(
        f"{where}: {show(value)} is not allowed; give a text or a dict "
        "with 'nl' and/or 'en' texts"
    )


_PHASE_KEYS = {"id", "label", "aliases", "question", "cta", "touchpoints"}


def _custom_phase(index: int, raw: Any) -> Phase:
    where = f"JOURNEY_MODEL[{index - 1}]"
    if not isinstance(raw, Mapping):
        raise ModelError(f"{where}: {show(raw)} is not a dict with 'id' and 'label'")
    unknown = sorted(set(raw) - _PHASE_KEYS, key=show)
    if unknown:
        allowed = ", ".join(sorted(_PHASE_KEYS))
        raise ModelError(f"{where}: unknown key {show(unknown[0])}; allowed: {allowed}")
    phase_id = raw.get("id")
    if not isinstance(phase_id, str) or not _ID_RE.match(phase_id):
        raise ModelError(
            f"{where}['id']: {show(phase_id)} is not allowed; use lower-case ASCII "
            "letters, digits, '-' or '_'"
        )
    if "label" not in raw:
        raise ModelError(f"{where}: phase {show(phase_id)} has no 'label'")
    labels = _text_per_lang(raw["label"], f"{where}['label']")
    questions = (
        _text_per_lang(raw["question"], f"{where}['question']")
        if "question" in raw
        else {}
    )
    ctas = _text_per_lang(raw["cta"], f"{where}['cta']") if "cta" in raw else {}
    aliases = raw.get("aliases", ())
    if isinstance(aliases, str):
        aliases = (aliases,)
    if not isinstance(aliases, Sequence) or not all(
        isinstance(a, str) and a.strip() for a in aliases
    ):
        raise ModelError(f"{where}['aliases']: {show(aliases)} is not a list of texts")
    touchpoints = raw.get("touchpoints", ())
    if isinstance(touchpoints, str):
        touchpoints = (touchpoints,)
    if not isinstance(touchpoints, Sequence) or not all(
        isinstance(t, str) for t in touchpoints
    ):
        raise ModelError(
            f"{where}['touchpoints']: {show(touchpoints)} is not a list of words"
        )
    return Phase(
        id=phase_id,
        index=index,
        labels=labels,
        questions=questions,
        ctas=ctas,
        aliases=tuple(a.strip() for a in aliases),
        touchpoints=tuple(t.strip().lower() for t in touchpoints),
    )


def model_from_setting(value: Any) -> Model:
    """Build the model named or described by ``JOURNEY_MODEL``.

    Raises :class:`ModelError` with a one-line message for anything unusable.
    """
    if isinstance(value, str):
        model = BUILTIN_MODELS.get(value.strip().lower())
        if model is None:
            raise ModelError(
                f"JOURNEY_MODEL: {show(value)} is not a known model; allowed: "
                f"{', '.join(BUILTIN_MODELS)} or a list of phase dicts"
            )
        return model
    if isinstance(value, Sequence) and not isinstance(value, bytes | bytearray):
        if not value:
            raise ModelError("JOURNEY_MODEL: the custom model has no phases")
        phases = tuple(_custom_phase(i, raw) for i, raw in enumerate(value, 1))
        seen: set[str] = set()
        for phase in phases:
            if phase.id in seen:
                raise ModelError(
                    f"JOURNEY_MODEL: phase id {show(phase.id)} appears twice"
                )
            seen.add(phase.id)
        return Model("custom", phases)
    raise ModelError(
        f"JOURNEY_MODEL: {show(value)} is not allowed; give a model id "
        f"({', '.join(BUILTIN_MODELS)}) or a list of phase dicts"
    )


def view_lang(content_lang: str | None, default: str) -> str:
    """The language for a page's labels: its own if supported, else the site's."""
    lang = (content_lang or "")[:2].lower()
    return lang if lang in LANGS else default
