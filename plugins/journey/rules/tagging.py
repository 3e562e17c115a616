"""Rules about the journey metadata of single documents."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from . import Hit, RuleContext, rule

if TYPE_CHECKING:
    pass


def _closest(value: str, names: Iterable[str]) -> str | None:
    import difflib  # noqa: PLC0415 - only to name what was meant

    close = difflib.get_close_matches(value.lower(), list(names), n=1, cutoff=0.6)
    return close[0] if close else None


@rule(
    "unknown-phase",
    summary="a `Phase` value the model lacks (with a did-you-mean)",
    example={
        "source": "content/pages/contact.md",
        "value": "nazrog",
        "hint": {
            "nl": "bedoel je 'nazorg' (aftercare)?",
            "en": "did you mean 'nazorg' (aftercare)?",
        },
    },
    key="phase",
    severity="error",
    messages={
        "nl": "onbekende fase {value!r}; {hint}",
        "en": "unknown phase {value!r}; {hint}",
    },
    doc="A `Phase` value the model lacks (a typo such as `nazrog`) leaves the\n"
    "page in no phase: the owner believes a step of the journey is covered while\n"
    "the build counts nothing there, and the page gets no call to action. The\n"
    "message names the file and suggests the closest phase id, label or alias.",
)
def unknown_phase(context: RuleContext) -> Iterator[Hit]:
    model = context.index.model
    for doc in context.checked():
        for value in doc.tags.unknown_phases:
            close = model.suggest(value)
            if close is not None:
                name, phase = close
                shown = f"'{name}'" if name == phase.id else f"'{name}' ({phase.id})"
                hint = {"nl": f"bedoel je {shown}?", "en": f"did you mean {shown}?"}
            else:
                allowed = ", ".join(model.ids)
                hint = {"nl": f"toegestaan: {allowed}", "en": f"allowed: {allowed}"}
            yield Hit(
                value.casefold(),
                {"value": value, "hint": hint},
                doc,
                quote=value,
            )


@rule(
    "unknown-persona",
    summary="a `Persona` value not in `JOURNEY_PERSONAS` (with a did-you-mean)",
    example={
        "source": "content/pages/onderhoud.md",
        "value": "student",
        "hint": {"nl": "toegestaan: forens", "en": "allowed: forens"},
    },
    key="persona",
    severity="error",
    messages={
        "nl": "onbekende persona {value!r}; {hint}",
        "en": "unknown persona {value!r}; {hint}",
    },
    doc="There is no single journey: personas let a site check its coverage\n"
    "for each kind of customer (JOURNEY-NOTES, *Touchpoints and personas*). A\n"
    "`Persona` value that is not a key of `JOURNEY_PERSONAS` silently drops the\n"
    "page from that persona's journey.",
)
def unknown_persona(context: RuleContext) -> Iterator[Hit]:
    personas = list(context.index.config.personas)
    for doc in context.checked():
        for value in doc.tags.unknown_personas:
            yield Hit(
                value.casefold(),
                {"value": value, "hint": _hint(value, personas)},
                doc,
                quote=value,
            )


@rule(
    "unknown-touchpoint",
    summary="a `Touchpoint` word the site does not know (with a did-you-mean)",
    example={
        "source": "content/pages/onderhoud.md",
        "value": "brochure",
        "hint": {
            "nl": "toegestaan: blog, booking, case, contact, …",
            "en": "allowed: blog, booking, case, contact, …",
        },
    },
    key="touchpoint",
    severity="error",
    messages={
        "nl": "onbekend contactpunt {value!r}; {hint}",
        "en": "unknown touchpoint {value!r}; {hint}",
    },
    doc="Touchpoints (contact form and phone, reviews, service, …) are the\n"
    "places where the customer meets the business; the CTA defaults and rules look\n"
    "them up by word. A word that is neither built in nor added with\n"
    "`JOURNEY_TOUCHPOINTS` is missed by all of them.",
)
def unknown_touchpoint(context: RuleContext) -> Iterator[Hit]:
    words = sorted(context.index.config.touchpoints)
    for doc in context.checked():
        value = doc.tags.unknown_touchpoint
        if value:
            yield Hit(
                value.casefold(),
                {"value": value, "hint": _hint(value, words)},
                doc,
                quote=value,
            )


def _hint(value: str, allowed: list[str]) -> dict[str, str]:
    close = _closest(value, allowed)
    if close is not None:
        return {"nl": f"bedoel je '{close}'?", "en": f"did you mean '{close}'?"}
    shown = ", ".join(allowed) or "-"
    return {"nl": f"toegestaan: {shown}", "en": f"allowed: {shown}"}


_ADD_PHASE = {
    "nl": "voeg 'Phase:' toe of koppel de categorie",
    "en": "add 'Phase:' or map its category",
}


@rule(
    "untagged",
    summary="published content with no phase",
    example={
        "source": "content/pages/over-ons.md",
        "kind": {"nl": "pagina", "en": "page"},
        "fix": _ADD_PHASE,
    },
    severity="warning",
    messages={
        "nl": "{kind} zonder fase: {fix}",
        "en": "{kind} has no phase: {fix}",
    },
    doc="Published content without a phase (declared with `Phase` or mapped\n"
    "from its category by `JOURNEY_CATEGORY_PHASES`) is invisible to the journey:\n"
    "it gets no call to action, no next step, and counts for no phase. A site\n"
    "should always show the next step.",
)
def untagged(context: RuleContext) -> Iterator[Hit]:
    kinds = {
        "article": {"nl": "artikel", "en": "article"},
        "page": {"nl": "pagina", "en": "page"},
    }
    allowed = ", ".join(context.index.model.ids)
    empty = {  # the line is there, without a value (``Phase:`` or ``Phase: ,,,``)
        "nl": f"de waarde van 'Phase:' is leeg; vul een fase in ({allowed})",
        "en": f"the value of 'Phase:' is empty; give a phase ({allowed})",
    }
    for doc in context.index.documents:
        if (
            doc.status == "published"
            and not doc.phases
            and not doc.tags.unknown_phases
            and not doc.error_page
        ):
            fix = empty if doc.tags.has_phase_key else _ADD_PHASE
            yield Hit("untagged", {"kind": kinds[doc.kind], "fix": fix}, doc)
