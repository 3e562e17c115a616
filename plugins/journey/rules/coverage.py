"""Rules about the coverage of the journey as a whole: phases, contact, personas.

They count published originals only (``SiteIndex.counted``): drafts, hidden
content and translations never make a phase covered.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from ..model.patterns import lazy_re
from . import Hit, Option, RuleContext, phase_names, rule

if TYPE_CHECKING:
    from ..model.phases import Phase
    from ..model.settings import Persona
    from ..site.index import Document

# The phase where expert articles persuade, per built-in model. Custom models
# use `decision` when they have it; otherwise the rule needs its `phase` option.
EXPERTISE_PHASES = {
    "six-phase": "decision",
    "5k": "keuren",
    "see-think-do-care": "think",
}

_CONTACT_LINK_RE = re.compile(
    r"""href\s*=\s*["']?\s*(?:tel|mailto):\s*[^\s"'>]""", re.I
)
_TAG_RE = re.compile(r"<[^>]*>")
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.I)
# A run of digits with the separators people write in phone numbers.
_phone_re = lazy_re(r"(?<![\w+])(?:\+|00)?\(?\d(?:[ \t\-./()]{0,2}\d){6,16}(?!\w)")


# A phone number has at least 7 digits; \d is any Unicode decimal digit.
_PHONE_MIN_DIGITS = 7
_ASCII_BYTES = bytes(range(128))


def has_digits(text: str, least: int = 1) -> bool:
    r"""Whether ``text`` may have ``least`` digits as ``\d`` counts them.

    A test in C, no scan by re: ASCII digits are counted; a text with a
    decimal digit of another script always passes (re counts those too).
    """
    encoded = text.encode()
    if len(encoded) - len(encoded.translate(None, b"0123456789")) >= least:
        return True
    if text.isascii():
        return False
    # Non-ASCII characters only (UTF-8 keeps them whole).
    others = encoded.translate(None, _ASCII_BYTES).decode()
    return any(c.isdecimal() for c in others)


def _phone_like(candidate: str) -> bool:
    """Whether a digit run is a Dutch or international phone number."""
    digits = re.sub(r"\D", "", candidate)
    if candidate.startswith("+"):
        return 9 <= len(digits) <= 15
    if candidate.startswith("00"):
        return 11 <= len(digits) <= 17
    # Dutch national numbers: 0 + 9 digits, or 0800/0900/0906/0909 + 4 or 7.
    if not digits.startswith("0") or digits.startswith("00"):
        return False
    if digits[:4] in {"0800", "0900", "0906", "0909"}:
        return len(digits) in (8, 11)
    return len(digits) == 10


def shows_contact(fragment: str) -> bool:
    """Whether a content fragment shows a way to reach a person.

    A ``tel:`` or ``mailto:`` link, or a phone number or e-mail address in its
    text. Each regular expression runs only where a cheap test in C says it
    can match (a scan by ``re`` costs some 15 ns a character; most pages have
    no "@" and few digits).
    """
    folded = fragment.lower()
    # "lto:" also finds a "mailto:" written with a Turkish I, as re.I does.
    if ("tel:" in folded or "lto:" in folded) and _CONTACT_LINK_RE.search(fragment):
        return True
    text = html.unescape(_TAG_RE.sub(" ", fragment))
    if "@" in text and _EMAIL_RE.search(text):
        return True
    if not has_digits(text, _PHONE_MIN_DIGITS):
        return False
    return any(_phone_like(m.group().strip()) for m in _phone_re().finditer(text))


@rule(
    "phase-empty",
    summary="a phase with no published content",
    example={
        "phase": {"nl": "'Aankoop' (purchase)", "en": "'Purchase' (purchase)"},
        "question": {"nl": "Waar koop ik het?", "en": "Where do I buy it?"},
    },
    severity="warning",
    messages={
        "nl": "fase {phase} heeft geen gepubliceerde inhoud; "
        "beantwoord de vraag van de klant: {question}",
        "en": "phase {phase} has no published content; "
        "answer the customer's question: {question}",
    },
    doc="Every phase matters equally: a business that is helpful only until\n"
    "the invoice is paid loses the next sale, and one that does nothing for the\n"
    "first phases is never found (JOURNEY-NOTES, *The six phases*). One finding per\n"
    "phase without published content; the message repeats the customer's question\n"
    "of that phase, which is what the missing content should answer.",
)
def phase_empty(context: RuleContext) -> Iterator[Hit]:
    counts = context.index.phase_counts()
    for phase in context.index.model.phases:
        if not counts[phase.id]:
            values = {
                "phase": phase_names(phase),
                "question": {lang: phase.question(lang) for lang in ("nl", "en")},
            }
            yield Hit(phase.id, values, None, phase.id)


@rule(
    "aftercare-contact",
    summary="no aftercare page with a phone number, e-mail address, "
    "`tel:` or `mailto:`",
    example={
        "source": "content/pages/service.md",
        "problem": {
            "nl": "pagina in fase 'Nazorg' (aftercare) zonder contactgegevens",
            "en": "page in phase 'Aftercare' (aftercare) shows no contact details",
        },
    },
    key="phase",
    severity="warning",
    messages={
        "nl": "{problem}; een klant na de aankoop moet een mens kunnen bereiken: "
        "zet een telefoonnummer, e-mailadres of tel:/mailto:-link op de pagina",
        "en": "{problem}; a customer after the sale must be able to reach a "
        "person: put a phone number, e-mail address or tel:/mailto: link on it",
    },
    doc="After the sale the customer needs help, parts, maintenance or an\n"
    'answer about an invoice; "stay reachable: easy-to-find contact details"\n'
    "(JOURNEY-NOTES, *aftercare*), and phones nobody answers are one of the ways\n"
    "journeys fail. The rule is met when at least one published page of the phase\n"
    "shows contact details: a `tel:` or `mailto:` link, or in its text a phone\n"
    "number — Dutch formats such as `010-1234567`, `06-12345678`,\n"
    "`+31 6 1234 5678`, `0800-1234`, `(010) 123 45 67`, or international `+NN …` /\n"
    "`00NN …` — or an e-mail address. Dates, prices, opening hours and KvK numbers\n"
    "do not count.\n"
    "\n"
    "When the phase has pages but none shows contact details, each of those pages\n"
    "gets a finding (so an annotation points at the file); when the phase has no\n"
    "published page at all, one finding without a source.",
    options={
        "phase": Option(
            None,
            "phase",
            "the phase that must show contact details (default: the model's "
            "final phase: aftercare, kopen, care)",
        )
    },
)
def aftercare_contact(context: RuleContext) -> Iterator[Hit]:
    model = context.index.model
    phase = model.get(context.options["phase"] or model.final.id) or model.final
    documents = context.index.in_phase(phase.id)
    # Contact pages first: the likeliest to show contact details (the answer
    # is the same in any order, and is found sooner).
    likely = sorted(documents, key=lambda doc: doc.touchpoint != "contact")
    if any(shows_contact(doc.html) for doc in likely):
        return
    name = phase_names(phase)
    if not documents:
        problem = {
            "nl": f"geen pagina in fase {name['nl']} met contactgegevens",
            "en": f"no page in phase {name['en']} with contact details",
        }
        yield Hit("no-page", {"problem": problem}, None, phase.id)
        return
    for doc in documents:
        problem = {
            "nl": f"pagina in fase {name['nl']} zonder contactgegevens",
            "en": f"page in phase {name['en']} shows no contact details",
        }
        yield Hit("no-contact", {"problem": problem}, doc, phase.id)


def expertise_phase(context: RuleContext) -> Phase | None:
    """The phase whose articles ``expertise-blog`` counts, if any."""
    model = context.index.model
    chosen = context.options["phase"] or EXPERTISE_PHASES.get(model.id, "decision")
    return model.get(chosen)


@rule(
    "expertise-blog",
    summary="fewer than 2 expert articles in the decision phase",
    example={
        "count": 1,
        "min": 2,
        "phase": {
            "nl": "'Besluitvorming' (decision)",
            "en": "'Decision' (decision)",
        },
    },
    severity="warning",
    messages={
        "nl": "{count} artikel(en) in fase {phase}, minstens {min} nodig: "
        "schrijf deskundige blogs met bruikbare tips",
        "en": "{count} article(s) in phase {phase}, at least {min} needed: "
        "write expert posts with useful tips",
    },
    doc="While comparing providers the customer looks for reasons to choose\n"
    'you: "expert blog posts with useful tips" and real knowledge, no empty\n'
    "slogans (JOURNEY-NOTES, *decision*). Counts published **articles** (not\n"
    "pages) whose phases include the chosen phase.",
    options={
        "min": Option(2, "int", "the fewest articles the phase needs", minimum=0),
        "phase": Option(
            None,
            "phase",
            "the phase to count (default: decision; 5k: keuren; "
            "see-think-do-care: think; a custom model without decision: skipped "
            "unless set)",
        ),
    },
)
def expertise_blog(context: RuleContext) -> Iterator[Hit]:
    phase = expertise_phase(context)
    if phase is None:
        return
    minimum = context.options["min"]
    count = sum(1 for d in context.index.in_phase(phase.id) if d.kind == "article")
    if count < minimum:
        values = {"count": count, "phase": phase_names(phase), "min": minimum}
        yield Hit(phase.id, values, None, phase.id)


@rule(
    "persona-gap",
    summary="a persona with no content in some phase (only with personas)",
    example={
        "persona": "'Senior' (senior)",
        "phase": {
            "nl": "'Bewustwording' (awareness)",
            "en": "'Awareness' (awareness)",
        },
    },
    severity="warning",
    messages={
        "nl": "persona {persona} vindt niets in fase {phase}",
        "en": "persona {persona} finds nothing in phase {phase}",
    },
    doc="A millennial car enthusiast and a retired neighbour buy the same car\n"
    "along different paths (JOURNEY-NOTES, *Touchpoints and personas*): coverage\n"
    "that is fine on average can leave one of them with nothing in a phase. One\n"
    "finding per persona and phase without content for that persona. A phase with\n"
    "no content at all is left to `phase-empty` (when that rule is on), so one gap\n"
    "is not reported once per persona.",
    options={
        "general": Option(
            True,
            "bool",
            "content without a Persona counts for every persona",
        )
    },
)
def persona_gap(context: RuleContext) -> Iterator[Hit]:
    index = context.index
    personas = index.config.personas
    if not personas:
        return
    general = context.options["general"]
    empty_reported = index.config.rules["phase-empty"].severity != "off"
    served: dict[str, set[str]] = {phase.id: set() for phase in index.model.phases}
    counts = index.phase_counts()
    for doc in index.counted():
        for phase in doc.phases:
            served[phase.id].update(_audience(doc, personas, general))
    for persona in personas.values():
        for phase in index.model.phases:
            if persona.id in served[phase.id]:
                continue
            if empty_reported and not counts[phase.id]:
                continue
            values = {
                "persona": {
                    lang: f"'{persona.label(lang)}' ({persona.id})"
                    for lang in ("nl", "en")
                },
                "phase": phase_names(phase),
            }
            yield Hit(f"{persona.id}:{phase.id}", values, None, phase.id)


def _audience(
    doc: Document, personas: Mapping[str, Persona], general: bool
) -> tuple[str, ...]:
    if doc.tags.personas:
        return doc.tags.personas
    return tuple(personas) if general else ()
