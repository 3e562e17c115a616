"""Default call-to-action labels: what the visitor gets at the target.

A default CTA's label is made from the page it leads to, never from the
phase the visitor is in: a label that promises contact, reviews or a
booking while the link leads elsewhere breaks the visitor's trust and fails
WCAG 2.4.4 (link purpose). So:

1. a custom model's own ``cta`` text, when the target has one of the
   touchpoints the owner listed for that phase (the owner wrote it for them);
2. else the label of the target's touchpoint (declared or inferred) below;
3. else the phase's default text, when the target has one of the phase's
   touchpoints (a word added with ``JOURNEY_TOUCHPOINTS``);
4. else the target's own title: "Lees: Appels uit de Betuwe".

The words fit any trade (a bike shop, a bakery, a plumber, a garage): no
product, no service the business may not have.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from .phases import Phase

# touchpoint -> (nl, en): what the visitor finds on a page of that kind.
TOUCHPOINT_LABELS: Mapping[str, Mapping[str, str]] = {
    "contact": {"nl": "Neem contact met ons op", "en": "Get in touch with us"},
    "booking": {
        "nl": "Maak een afspraak of reserveer",
        "en": "Book an appointment or reserve",
    },
    "pricing": {"nl": "Bekijk de prijzen", "en": "See the prices"},
    "quote": {"nl": "Vraag een offerte aan", "en": "Request a quote"},
    "review": {"nl": "Lees wat klanten zeggen", "en": "Read what customers say"},
    "case": {
        "nl": "Bekijk een voorbeeld uit de praktijk",
        "en": "See a real-life example",
    },
    "service": {"nl": "Bekijk onze diensten", "en": "See our services"},
    "product": {"nl": "Bekijk ons aanbod", "en": "See what we offer"},
    "returns": {
        "nl": "Lees hoe ruilen en retourneren werkt",
        "en": "See how returns and exchanges work",
    },
    "faq": {
        "nl": "Lees de veelgestelde vragen",
        "en": "Read the frequently asked questions",
    },
}

# Labels made from the target's title, by what the target is: a guide, a
# blog post (any article), or another page.
TITLE_LABELS: Mapping[str, Mapping[str, str]] = {
    "blog": {"nl": "Lees: {title}", "en": "Read: {title}"},
    "guide": {"nl": "Lees de uitleg: {title}", "en": "Read the guide: {title}"},
    "article": {"nl": "Lees: {title}", "en": "Read: {title}"},
    "page": {"nl": "Bekijk: {title}", "en": "See: {title}"},
}

_TAG_RE = re.compile(r"<[^>]*>")


def plain_title(title: str) -> str:
    """A content title as text: markup dropped, entities decoded, one line."""
    return " ".join(html.unescape(_TAG_RE.sub("", title)).split())


def _pick(texts: Mapping[str, str], lang: str) -> str:
    return texts.get(lang) or texts.get("en") or ""


def cta_label(
    phase: Phase,
    touchpoint: str | None,
    title: str,
    kind: str,
    lang: str,
    *,
    own_cta: bool = False,
) -> str:
    """The label of a default CTA from ``phase`` to a target (see module doc).

    ``touchpoint``, ``title`` and ``kind`` ("article"/"page") describe the
    target; ``own_cta``: the phase's ``cta`` text was written by the site
    owner (a custom model).
    """
    fits_phase = touchpoint is not None and touchpoint in phase.touchpoints
    if own_cta and fits_phase and phase.cta_label(lang):
        return phase.cta_label(lang)
    if touchpoint is not None and touchpoint in TOUCHPOINT_LABELS:
        return _pick(TOUCHPOINT_LABELS[touchpoint], lang)
    if fits_phase and touchpoint not in TITLE_LABELS and phase.cta_label(lang):
        return phase.cta_label(lang)  # a word added with JOURNEY_TOUCHPOINTS
    name = plain_title(title)
    if not name:
        return ""
    which = touchpoint if touchpoint in ("guide", "blog") else kind
    template = TITLE_LABELS.get(which, TITLE_LABELS["page"])
    return _pick(template, lang).format(title=name)
