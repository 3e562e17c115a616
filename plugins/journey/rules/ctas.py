"""Rules about calls to action and next steps: where they lead, what they say.

They read the raw ``CTA``/``Next`` metadata and ``JOURNEY_CTAS`` (what the
owner wrote), not the CTA the plugin finally chose for a page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..model.folding import plain
from ..model.phases import LANGS
from ..site.links import resolve
from ..site.tagger import is_none
from . import Hit, Option, RuleContext, rule

if TYPE_CHECKING:
    from ..site.index import Document

# Labels that say nothing of where a link leads, folded (see :func:`fold`).
GENERIC_LABELS = frozenset(
    {
        # Dutch
        "klik hier",
        "klik",
        "hier",
        "lees meer",
        "lees verder",
        "meer lezen",
        "verder lezen",
        "meer",
        "meer info",
        "meer informatie",
        "info",
        "informatie",
        "bekijk",
        "bekijk meer",
        "ga verder",
        "verder",
        "volgende",
        "ontdek meer",
        "ontdek",
        "deze link",
        "link",
        "details",
        "klik voor meer",
        # English
        "click here",
        "click",
        "here",
        "read more",
        "more",
        "more info",
        "more information",
        "learn more",
        "find out more",
        "see more",
        "view more",
        "continue",
        "continue reading",
        "next",
        "this link",
        "go",
        "discover more",
    }
)

_NON_WORD = re.compile(r"[^\w]+")


def fold(label: str) -> str:
    """A label folded for comparison: case, accents, punctuation, spacing."""
    return " ".join(_NON_WORD.sub(" ", plain(label)).split())


@rule(
    "broken-target",
    summary="a `CTA`, `Next` or `JOURNEY_CTAS` target that leads nowhere",
    example={
        "source": "content/pages/reviews.md",
        "what": "CTA",
        "target": "{filename}/pages/proefrit.md",
        "hint": {
            "nl": "gebruik een URL, {filename}pad of {static}pad die bestaat",
            "en": "use a URL, {filename}path or {static}path that exists",
        },
    },
    key=lambda subject: "next" if subject.startswith("next:") else "cta",
    severity="error",
    messages={
        "nl": "{what} {target!r} leidt nergens heen; {hint}",
        "en": "{what} {target!r} leads nowhere; {hint}",
    },
    doc="A call to action or next-step link that leads nowhere sends the\n"
    "customer to a 404 exactly where the journey should move on; the last steps\n"
    "decide the sale (JOURNEY-NOTES, *What makes journeys fail*). Checked:\n"
    "\n"
    "- the target of a page's `CTA: label | target`;\n"
    "- a malformed `CTA` value (not `label | target` and not `none`);\n"
    "- every target in `Next`;\n"
    "- every target in `JOURNEY_CTAS` — these findings have no source file (the\n"
    "  source is the settings); the message names `JOURNEY_CTAS['phase']`.\n"
    "\n"
    "Targets resolve like links in Pelican content: absolute URLs, site-relative\n"
    "URLs of something the build writes (also with `SITEURL` in front),\n"
    "`{filename}path`, `{static}path` and `{attach}path` (relative to the page,\n"
    "or to `PATH` with a leading `/`), `{index}`, `{category}name`, `{tag}name`\n"
    "and `{author}name`. Only `http:`, `https:`, `mailto:` and `tel:` links are\n"
    "external links: `javascript:`, `data:`, `vbscript:` and any other scheme,\n"
    "in any case, is reported here and never becomes a link, and so is a URL that\n"
    "cannot be parsed (`https://[shop.example.com`). A `#fragment` alone is an\n"
    "anchor on the page itself.",
)
def broken_target(context: RuleContext) -> Iterator[Hit]:
    index = context.index
    hint = {
        "nl": "gebruik een URL, {filename}pad of {static}pad die bestaat",
        "en": "use a URL, {filename}path or {static}path that exists",
    }
    for doc in context.checked():
        tags = doc.tags
        if tags.cta_problem is not None:
            yield Hit(
                "cta",
                {
                    "what": "CTA",
                    "target": tags.cta_problem,
                    "hint": {
                        "nl": "schrijf 'label | doel' of 'none'",
                        "en": "write 'label | target' or 'none'",
                    },
                },
                doc,
                _phase_id(doc),
            )
        elif (
            tags.cta is not None
            and not tags.cta.none
            and resolve(tags.cta.target, index, doc) is None
        ):
            yield Hit(
                f"cta:{tags.cta.target}",
                {"what": "CTA", "target": tags.cta.target, "hint": hint},
                doc,
                _phase_id(doc),
                quote=tags.cta.target,
            )
        for target in () if is_none(tags.next) else tags.next or ():
            if resolve(target, index, doc) is None:
                yield Hit(
                    f"next:{target}",
                    {"what": "Next", "target": target, "hint": hint},
                    doc,
                    _phase_id(doc),
                    quote=target,
                )
    for phase_id, cta in index.config.ctas.items():
        if resolve(cta.target, index, None) is None:
            yield Hit(
                f"JOURNEY_CTAS:{phase_id}",
                {
                    "what": {
                        "nl": f"instelling JOURNEY_CTAS[{phase_id!r}]: doel",
                        "en": f"setting JOURNEY_CTAS[{phase_id!r}]: target",
                    },
                    "target": cta.target,
                    "hint": hint,
                },
                None,
                phase_id,
            )


@rule(
    "generic-cta",
    summary='"lees meer", "klik hier", "read more" … as a CTA label',
    example={
        "source": "content/pages/diensten.md",
        "where": "CTA: ",
        "label": "Lees meer…",
    },
    key="cta",
    severity="warning",
    messages={
        "nl": "{where}label {label!r} zegt niet waar de link heen gaat; "
        "zeg wat de klant krijgt (bijv. 'Vraag een offerte aan')",
        "en": "{where}label {label!r} says nothing of where the link leads; "
        "say what the customer gets (e.g. 'Request a quote')",
    },
    doc='Generic copy convinces nobody (JOURNEY-NOTES): "klik hier", "lees\n'
    'meer", "meer info", "click here", "read more", "learn more", "more",\n'
    '"details", "link" and the like say nothing of where the link leads or what\n'
    "the customer gets. The rule checks the labels of `CTA` metadata and of\n"
    "`JOURNEY_CTAS`, compared after folding case, accents and punctuation\n"
    "(`Lees meer…`, `» Read more` and `KLIK HIER!` all match). A label only\n"
    'matches when it is *entirely* generic: "Lees meer over onderhoud" passes.',
    options={
        "words": Option(
            (),
            "words",
            "extra labels to treat as generic (compared after folding)",
        )
    },
)
def generic_cta(context: RuleContext) -> Iterator[Hit]:
    generic = GENERIC_LABELS | {fold(w) for w in context.options["words"]}
    for doc in context.checked():
        cta = doc.tags.cta
        if cta is not None and not cta.none and fold(cta.label) in generic:
            yield Hit(
                f"cta:{fold(cta.label)}",
                {"where": "CTA: ", "label": cta.label},
                doc,
                _phase_id(doc),
            )
    for phase_id, setting in context.index.config.ctas.items():
        if fold(setting.label) in generic:
            yield Hit(
                f"JOURNEY_CTAS:{phase_id}",
                {"where": f"JOURNEY_CTAS[{phase_id!r}]: ", "label": setting.label},
                None,
                phase_id,
            )


def _phase_id(doc: Document) -> str | None:
    return doc.phase.id if doc.phase is not None else None


@rule(
    "missing-cta",
    summary="a tagged page that gets no call to action, with what would fix it",
    example={
        "source": "content/pages/contact.md",
        "title": "Contact",
        "phase": {"nl": "Nazorg", "en": "Aftercare"},
        "where": {
            "nl": "met Touchpoint contact / service in fase Nazorg of later",
            "en": "with Touchpoint contact / service in phase Aftercare or later",
        },
        "fix": {
            "nl": "voeg een pagina toe met 'Touchpoint: contact' of "
            "zet JOURNEY_CTAS['aftercare']",
            "en": "add a page with 'Touchpoint: contact' or set "
            "JOURNEY_CTAS['aftercare']",
        },
    },
    key="phase",
    severity="warning",
    messages={
        "nl": "{title!r} ({phase}) krijgt geen call-to-action: er is geen "
        "andere pagina {where}; {fix}, of schrijf 'CTA: none' als deze pagina "
        "er geen nodig heeft",
        "en": "{title!r} ({phase}) gets no call to action: there is no other "
        "page {where}; {fix}, or write 'CTA: none' if this page needs none",
    },
    doc="A tagged page without a call to action leaves the visitor to find\n"
    "the next step alone. A page gets the default CTA when some *other* page fits\n"
    "it: a page with one of its phase's preferred touchpoints (declared or\n"
    "inferred: an article is a `blog`, a page with contact details is `contact`)\n"
    "of that phase or later, else any page of the first later phase with content.\n"
    "Never the page itself, never an earlier phase; a page tagged with several\n"
    "phases is judged by its furthest one, like `dead-end`. The finding says what\n"
    "would fix it: a page with the touchpoint, `JOURNEY_CTAS[phase]`, or\n"
    "`CTA: none` on the page when it needs none (the final contact page usually\n"
    "does not). Pages with their own `CTA:` are left to `broken-target`.",
)
def missing_cta(context: RuleContext) -> Iterator[Hit]:
    index = context.index
    config = index.config
    for doc in index.counted():
        phase = doc.furthest
        if phase is None or doc.cta is not None:
            continue
        tags = doc.tags
        if tags.cta is not None or tags.cta_problem is not None:
            continue  # the owner's own CTA: none, or broken-target reports it
        if phase.id in config.ctas:
            continue  # the site-wide target is broken: broken-target says so
        names = {lang: phase.label(lang) for lang in LANGS}
        setting = f"JOURNEY_CTAS[{phase.id!r}]"
        if phase.touchpoints:
            words = " / ".join(phase.touchpoints)
            first = phase.touchpoints[0]
            where = {
                "nl": f"met Touchpoint {words} in fase {names['nl']} of later",
                "en": f"with Touchpoint {words} in phase {names['en']} or later",
            }
            fix = {
                "nl": f"voeg een pagina toe met 'Touchpoint: {first}' of zet {setting}",
                "en": f"add a page with 'Touchpoint: {first}' or set {setting}",
            }
        else:
            where = {
                "nl": f"in een fase na {names['nl']}",
                "en": f"in a phase after {names['en']}",
            }
            fix = {
                "nl": f"voeg een pagina van een latere fase toe of zet {setting}",
                "en": f"add a page of a later phase or set {setting}",
            }
        yield Hit(
            "missing-cta",
            {"title": doc.title, "phase": names, "where": where, "fix": fix},
            doc,
            doc.phase.id if doc.phase else None,
        )
