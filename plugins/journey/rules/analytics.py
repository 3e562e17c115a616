"""Rules on the site's real visits (only with ``JOURNEY_ANALYTICS``)."""

from __future__ import annotations

from collections.abc import Iterator

from . import Hit, Option, RuleContext, phase_names, rule


def _percent(rate: float) -> str:
    return f"{rate * 100:.0f}%"


@rule(
    "drop-off",
    summary="a phase (not the last) where more than 60% of the visits that reach "
    "it end (only with `JOURNEY_ANALYTICS`)",
    example={
        "phase": {
            "nl": "'Overweging' (consideration)",
            "en": "'Consideration' (consideration)",
        },
        "rate": "72%",
        "exits": 130,
        "visits": 181,
        "max": "60%",
        "next": {"nl": "Besluitvorming", "en": "Decision"},
    },
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
    doc='"Haken er opvallend veel mensen af? Dan zit je misschien ergens met een\n'
    'foutmelding." With visitor statistics (`JOURNEY_ANALYTICS`, see\n'
    "[analytics.md](analytics.md)) the plugin knows, per phase, how many visits\n"
    "reached it and how many ended there (`exits / visits`, SPEC §10). A phase\n"
    "before the last where most visits end is where the journey breaks: a missing\n"
    "next step, an error, an empty or confusing page. Never reported for the final\n"
    "phase (a visit that ends in aftercare has arrived), nor without analytics.",
    options={
        "max_rate": Option(
            0.6,
            "rate",
            "the highest share of visits that may end in a phase",
        )
    },
)
def drop_off(context: RuleContext) -> Iterator[Hit]:
    analytics = context.index.analytics
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
                "phase": phase_names(phase),
                "rate": _percent(rate),
                "exits": figures.exits,
                "visits": figures.visits,
                "max": _percent(limit),
                "next": {lang: following.label(lang) for lang in ("nl", "en")},
            }
            yield Hit(phase.id, values, None, phase.id)


@rule(
    "unvisited",
    summary="published tagged content with no page view in the statistics "
    "(only with `JOURNEY_ANALYTICS`)",
    example={
        "source": "content/pages/reviews.md",
        "title": "Reviews",
        "phase": {"nl": "Besluitvorming", "en": "Decision"},
        "views": 0,
        "min": 1,
    },
    key="phase",
    severity="warning",
    messages={
        "nl": "'{title}' ({phase}) had {views} paginaweergave(n) in de periode "
        "van de statistieken (minstens {min}): link ernaar vanaf pagina's die "
        "wel bezocht worden, of haal hem weg",
        "en": "'{title}' ({phase}) had {views} page view(s) in the statistics' "
        "period (at least {min}): link to it from pages people do visit, or "
        "take it down",
    },
    doc="A page nobody sees serves no phase, however well it is written: it is\n"
    "not linked from where visitors are, or nobody searches for it. With visitor\n"
    "statistics (`JOURNEY_ANALYTICS`), published content with a phase\n"
    "(translations included, each with its own URL) is reported when the export\n"
    "counts fewer than `min_views` page views for its URL. Never reported without\n"
    "analytics.",
    options={
        "min_views": Option(
            1, "int", "the fewest page views a tagged page needs", minimum=0
        )
    },
)
def unvisited(context: RuleContext) -> Iterator[Hit]:
    analytics = context.index.analytics
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
