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

from .phases import Phase
from .text import pick, table

# touchpoint -> (nl, en): what the visitor finds on a page of that kind.
TOUCHPOINT_LABELS = table("cta-label-touchpoint-")  # in model/text.py

# Labels made from the target's title, by what the target is: a guide, a
# blog post (any article), or another page.
TITLE_LABELS = table("cta-label-title-")  # in model/text.py

_TAG_RE = re.compile(r"<[^>]*>")


def plain_title(title: str) -> str:
    """A content title as text: markup dropped, entities decoded, one line."""
    return " ".join(html.unescape(_TAG_RE.sub("", title)).split())


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
        return pick(TOUCHPOINT_LABELS[touchpoint], lang)
    if fits_phase and touchpoint not in TITLE_LABELS and phase.cta_label(lang):
        return phase.cta_label(lang)  # a word added with JOURNEY_TOUCHPOINTS
    name = plain_title(title)
    if not name:
        return ""
    which = touchpoint if touchpoint in ("guide", "blog") else kind
    template = TITLE_LABELS.get(which, TITLE_LABELS["page"])
    return pick(template, lang).format(title=name)
