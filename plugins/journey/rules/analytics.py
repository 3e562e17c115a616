"""Rules on the site's real visits (only with ``JOURNEY_ANALYTICS``)."""

from __future__ import annotations

from collections.abc import Iterator

from . import Hit, Option, RuleContext, rule


def _percent(rate: float) -> str:
    return f"{rate * 100:.0f}%"


@rule(
    "drop-off",
    severity="warning",
    messages={
        "nl": "in fase {phase} houdt {rate} van de bezoeken op ({exits} van "
        "{visits}, meer dan {max}): geef de pagina's van deze fase een duidelijke "
        "volgende stap naar '{next}' en kijk of er een foutmelding of lege "
        "pagina in de weg zit",
        "en": "in phase {phase} {rate} of the visits end ({exits} of {visits}, "
        "more than {max}): give the phase's pages a clear next step to "
        "'{next}' and look for an error or an empty page in the way",
    },
    doc="With visitor statistics (`JOURNEY_ANALYTICS`): a phase, the final one "
    "excepted, where more than `max_rate` of the visits that reach it end "
    "there (`exits / visits`).",
    options={
        "max_rate": Option(
            0.6,
            "rate",
            "the highest share of visits that may end in a phase (0 to 1)",
        )
    },
)
def drop_off(context: RuleContext) -> Iterator[Hit]:
    analytics = context.analytics
    if analytics is None:
        return
    model = context.index.model
    limit = context.options["max_rate"]
    for phase, following in zip(model.phases, model.phases[1:], strict=False):
        figures = analytics.phase(phase.id)
        if figures is None or not figures.visits:
            continue
        rate = figures.exits / figures.visits
        if rate > limit:
            values = {
                "phase": {
                    lang: f"'{phase.label(lang)}' ({phase.id})" for lang in ("nl", "en")
                },
                "rate": _percent(rate),
                "exits": figures.exits,
                "visits": figures.visits,
                "max": _percent(limit),
                "next": {lang: following.label(lang) for lang in ("nl", "en")},
            }
            yield Hit(phase.id, values, None, phase.id)


@rule(
    "unvisited",
    severity="warning",
    messages={
        "nl": "'{title}' ({phase}) had {views} paginaweergave(n) in de periode "
        "van de statistieken (minstens {min}): link ernaar vanaf pagina's die "
        "wel bezocht worden, of haal hem weg",
        "en": "'{title}' ({phase}) had {views} page view(s) in the statistics' "
        "period (at least {min}): link to it from pages people do visit, or "
        "take it down",
    },
    doc="With visitor statistics (`JOURNEY_ANALYTICS`): published tagged "
    "content with fewer than `min_views` page views in the period.",
    options={
        "min_views": Option(
            1, "int", "the fewest page views a tagged page needs", minimum=0
        )
    },
)
def unvisited(context: RuleContext) -> Iterator[Hit]:
    analytics = context.analytics
    if analytics is None:
        return
    minimum = context.options["min_views"]
    for doc in context.index.documents:
        phase = doc.phase
        if phase is None or doc.status != "published":
            continue
        views = analytics.views_of(doc)
        if views < minimum:
            values = {
                "title": doc.title or doc.source,
                "phase": {lang: phase.label(lang) for lang in ("nl", "en")},
                "views": views,
                "min": minimum,
            }
            yield Hit(doc.url or doc.source, values, doc, phase.id)
