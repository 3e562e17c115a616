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
    severity="warning",
    messages={
        "nl": "{title!r} ({phase}) linkt naar geen pagina van een latere fase: "
        "link bijvoorbeeld naar een pagina van {next}",
        "en": "{title!r} ({phase}) links to no page of a later phase: "
        "link, for example, to a page of {next}",
    },
    doc="A page of a non-final phase whose content, call to action and "
    "next-step links lead to no page of a later phase: the visitor's journey "
    "stops there. Menus do not count: they are the same on every page.",
)
def dead_end(context: RuleContext) -> Iterator[Hit]:
    index = context.index
    model = index.model
    graph = index.graph
    final = len(model.phases)
    for doc in index.counted():
        level = phase_level(doc)
        if level in (0, final) or graph.ways_on(doc):
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
    severity="warning",
    messages={
        "nl": "contactpagina {title!r} is {where} vanaf de homepage (max {max}): "
        "zet hem in het menu of link hem vanaf de homepage",
        "en": "contact page {title!r} is {where} from the home page (max {max}): "
        "put it on the menu or link it from the home page",
    },
    doc="The aftercare contact page (final phase, touchpoint `contact`, else a "
    "final-phase page with contact details) is more than `max` clicks from "
    "the home page, or cannot be reached from it. Sites without such a page "
    "get `aftercare-contact` instead.",
    options={"max": Option(2, "int", "most clicks allowed from home", minimum=0)},
)
def contact_depth(context: RuleContext) -> Iterator[Hit]:
    index = context.index
    pages = contact_pages(index)
    if not pages:
        return
    graph = index.graph
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
