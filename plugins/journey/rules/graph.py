"""Rules about where the links of the site lead: dead ends, the contact page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..model.phases import LANGS
from ..site.graph import phase_level
from . import Hit, Option, RuleContext, rule
from .coverage import shows_contact

if TYPE_CHECKING:
    from ..site.index import Document, SiteIndex


def contact_pages(index: SiteIndex) -> list[Document]:
    """The aftercare contact page(s): final phase and touchpoint ``contact``.

    Without such a page, the final-phase pages that show contact details.
    """
    final = index.model.final.id
    finals = [d for d in index.counted() if any(p.id == final for p in d.phases)]
    tagged = [d for d in finals if d.tags.touchpoint == "contact"]
    return tagged or [d for d in finals if shows_contact(d.html)]


@rule(
    "dead-end",
    summary="a page from which no later phase is linked",
    example={
        "source": "content/blog/ketting.md",
        "title": "Vijf tekenen dat je ketting op is",
        "phase": {"nl": "Bewustwording", "en": "Awareness"},
        "next": {"nl": "Overweging", "en": "Consideration"},
    },
    key="phase",
    severity="warning",
    messages={
        "nl": "{title!r} ({phase}) linkt naar geen pagina van een latere fase: "
        "link bijvoorbeeld naar een pagina van {next}",
        "en": "{title!r} ({phase}) links to no page of a later phase: "
        "link, for example, to a page of {next}",
    },
    doc='"A site should always show the next step" (JOURNEY-NOTES): a page of\n'
    "a phase before the last whose content, call to action and next-step links lead\n"
    "to no page of a later phase leaves the visitor where they are. A page counts\n"
    "as far as its furthest phase (a page tagged `consideration, decision` must\n"
    "link to `purchase` or later). Menus do not count: they are the same on every\n"
    "page. With `JOURNEY_INJECT = False` only content links count. Never reported\n"
    "for the final phase, nor for untagged content.",
)
def dead_end(context: RuleContext) -> Iterator[Hit]:
    index = context.index
    model = index.model
    graph = context.graph
    final = len(model.phases)
    for doc in index.counted():
        level = phase_level(doc)
        if level in (0, final) or graph.onward(doc):
            continue
        reached = model.phases[level - 1]  # the furthest phase it serves
        following = model.phases[level]  # index is 1-based: the next phase
        yield Hit(
            "dead-end",
            {
                "title": doc.title,
                "phase": {lang: reached.label(lang) for lang in LANGS},
                "next": {lang: following.label(lang) for lang in LANGS},
            },
            doc,
            doc.phase.id if doc.phase else None,
        )


@rule(
    "contact-depth",
    summary="the aftercare contact page more than 2 clicks from home",
    example={
        "source": "content/pages/contact.md",
        "title": "Contact",
        "where": {"nl": "niet bereikbaar", "en": "not reachable"},
        "max": 2,
    },
    key="phase",
    severity="warning",
    messages={
        "nl": "contactpagina {title!r} is {where} vanaf de homepage (max {max}): "
        "zet hem in het menu of link hem vanaf de homepage",
        "en": "contact page {title!r} is {where} from the home page (max {max}): "
        "put it on the menu or link it from the home page",
    },
    doc='Aftercare means "easy-to-find contact details". The aftercare contact\n'
    "page is a published page of the final phase with `Touchpoint: contact`, or,\n"
    "when there is none, a final-phase page with contact details (a `tel:` or\n"
    "`mailto:` link, a phone number or an e-mail address). The rule reports it\n"
    "when the nearest such page is more than `max` clicks from the home page, or\n"
    "cannot be reached from it at all (not on the menu, not linked). A site\n"
    "without such a page gets `aftercare-contact` instead, never this rule.",
    options={"max": Option(2, "int", "most clicks allowed from home", minimum=0)},
)
def contact_depth(context: RuleContext) -> Iterator[Hit]:
    index = context.index
    pages = contact_pages(index)
    if not pages:
        return
    graph = context.graph
    limit = context.options["max"]
    reach = [(graph.clicks_from_home(doc), doc) for doc in pages]
    reachable = [(clicks, doc) for clicks, doc in reach if clicks is not None]
    if reachable:
        clicks, doc = min(reachable, key=lambda pair: pair[0])
        if clicks <= limit:
            return
        where = {"nl": f"{clicks} klikken", "en": f"{clicks} clicks"}
    else:
        doc = pages[0]
        where = {"nl": "niet bereikbaar", "en": "not reachable"}
    yield Hit(
        "contact-depth",
        {"title": doc.title, "where": where, "max": limit},
        doc,
        doc.phase.id if doc.phase else None,
    )
