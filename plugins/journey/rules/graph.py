"""Rules about where the links of the site lead: dead ends, the contact page."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from ..model.phases import LANGS
from ..site.graph import phase_level
from . import Hit, Option, RuleContext, rule
from .coverage import shows_contact

if TYPE_CHECKING:
    from ..site.graph import LinkGraph
    from ..site.index import Document, SiteIndex

_T = TypeVar("_T")


def _once(
    memo: dict[tuple[str, int], Any],
    question: str,
    index: SiteIndex,
    find: Callable[[], _T],
) -> _T:
    """``find()``, answered once per index in ``memo`` (of the graph or index).

    The journey map asks the rules' questions again of the same frozen graph.
    Only while the index has its documents (:meth:`SiteIndex.release`).
    """
    if index.released is not None:
        return find()
    key = (question, id(index))
    if key not in memo:
        # The index kept with the answer, so that its id stays its own.
        memo[key] = (index, find())
    answer: _T = memo[key][1]
    return answer


def contact_pages(index: SiteIndex) -> list[Document]:
    """The aftercare contact page(s): final phase and touchpoint ``contact``.

    Without such a page, the final-phase pages that show contact details.
    """
    found = _once(index.memo, "contact-pages", index, lambda: _contact_pages(index))
    return list(found)


def _contact_pages(index: SiteIndex) -> list[Document]:
    final = index.model.final.id
    finals = [d for d in index.counted() if any(p.id == final for p in d.phases)]
    tagged = [d for d in finals if d.tags.touchpoint == "contact"]
    return tagged or [d for d in finals if shows_contact(d.html)]


def dead_ends(index: SiteIndex, graph: LinkGraph) -> list[Document]:
    """Counted pages of a non-final phase with no way on.

    A way on is a link to a page of a later phase, or a CTA or next step
    that leaves the content (an external shop, the archives).
    """
    return list(_once(graph.memo, "dead-ends", index, lambda: _dead_ends(index, graph)))


def _dead_ends(index: SiteIndex, graph: LinkGraph) -> list[Document]:
    final = len(index.model.phases)
    return [
        doc
        for doc in index.counted()
        if 0 < phase_level(doc) < final and not graph.ways_on(doc)
    ]


def nearest_contact(
    index: SiteIndex, graph: LinkGraph
) -> tuple[Document, int | None] | None:
    """The contact page fewest clicks from home, with its clicks.

    Clicks are ``None`` when no contact page is reachable (then the first);
    ``None`` when the site has no contact page at all.
    """
    return _once(graph.memo, "nearest-contact", index, lambda: _nearest(index, graph))


def _nearest(index: SiteIndex, graph: LinkGraph) -> tuple[Document, int | None] | None:
    pages = contact_pages(index)
    if not pages:
        return None
    reach = [(graph.clicks_from_home(doc), doc) for doc in pages]
    reachable = [(clicks, doc) for clicks, doc in reach if clicks is not None]
    if reachable:
        clicks, doc = min(reachable, key=lambda pair: pair[0])
        return doc, clicks
    return pages[0], None


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
    model = context.index.model
    for doc in dead_ends(context.index, context.graph):
        level = phase_level(doc)
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
    nearest = nearest_contact(context.index, context.graph)
    if nearest is None:
        return
    doc, clicks = nearest
    limit = context.options["max"]
    if clicks is not None:
        if clicks <= limit:
            return
        where = {"nl": f"{clicks} klikken", "en": f"{clicks} clicks"}
    else:
        where = {"nl": "niet bereikbaar", "en": "not reachable"}
    yield Hit(
        "contact-depth",
        {"title": doc.title, "where": where, "max": limit},
        doc,
        doc.phase.id if doc.phase else None,
    )
