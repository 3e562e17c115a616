"""One build's journey analysis: index, template data, findings, summary.

:func:`analyse` is the whole pipeline between Pelican's generators and the
reports. The plugin runs it when all generators are finalized; the ``check``
command runs it through a real Pelican build too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .model.findings import Finding, failing
from .model.phases import LANGS, view_lang
from .model.settings import JourneyConfig
from .model.text import text
from .model.timing import timed
from .pelican_compat import Attacher, BuildState
from .render.inject import mark_unseen
from .render.views import (
    CtaView,
    LinkStep,
    PageJourney,
    SharedViews,
    SiteJourney,
    link_step,
    site_journey,
)
from .report.baseline import apply as apply_baseline
from .rules import run_rules
from .rules.coverage import shows_contact
from .site import plan as cta
from .site.graph import LinkGraph, build_graph
from .site.index import (
    Document,
    SiteIndex,
    build_index,
    infer_touchpoints,
    iter_content,
)
from .site.lines import add_lines
from .site.links import Target

if TYPE_CHECKING:
    from .analytics.figures import Analytics


def read_analytics(index: SiteIndex) -> Analytics:
    """The export named by ``JOURNEY_ANALYTICS``, counted against the index.

    Raises :class:`~.analytics.AnalyticsError` for an export it cannot use.
    """
    from .analytics.load import load_analytics, matcher_for_index  # noqa: PLC0415
    from .analytics.sources import describe  # noqa: PLC0415 - only with analytics

    config = index.config
    path = config.analytics
    assert path is not None
    return load_analytics(
        path,
        matcher_for_index(index),
        config.model.ids,
        source=describe(path, config.base_dir),
        lang=config.lang,
    )


class Analysis:
    """The results of one build's analysis, kept until its reports are written."""

    config: JourneyConfig
    index: SiteIndex
    graph: LinkGraph | None  # None once the reports are written (plugin.publish)
    findings: list[Finding]
    journey: SiteJourney | None
    timings: dict[str, float]  # stage -> seconds
    site_lang: str | None  # with i18n_subsites: this (sub)site's language
    # with i18n_subsites, on the main site's analysis in ``check``: the others
    subsites: list[Analysis]
    started: bool  # False while no document has a phase at all
    # The journey state of the build's content objects (pelican_compat): the
    # objects serve their ``.journey`` and blocks as long as this lives.
    attached: BuildState | None

    def __init__(
        self,
        config: JourneyConfig,
        index: SiteIndex,
        graph: LinkGraph | None,
        findings: list[Finding] | None = None,
        journey: SiteJourney | None = None,
        timings: dict[str, float] | None = None,
        site_lang: str | None = None,
        subsites: list[Analysis] | None = None,
        started: bool = True,
        attached: BuildState | None = None,
    ) -> None:
        self.config = config
        self.index = index
        self.graph = graph
        self.findings = [] if findings is None else findings
        self.journey = journey
        self.timings = {} if timings is None else timings
        self.site_lang = site_lang
        self.subsites = [] if subsites is None else subsites
        self.started = started
        self.attached = attached
        self._counts: tuple[SiteIndex, int, tuple[dict[str, int], int, int]] | None
        self._counts = None

    @property
    def link_graph(self) -> LinkGraph:
        """The link graph; only while the reports are being written."""
        if self.graph is None:
            raise RuntimeError("the link graph is gone once the reports are written")
        return self.graph

    @property
    def failing(self) -> list[Finding]:
        return failing(self.findings, self.config.fail_on)

    def phase_counts(self) -> dict[str, int]:
        """``index.phase_counts()``, counted once per index (a new dict each call)."""
        return dict(self._index_counts()[0])

    def _index_counts(self) -> tuple[dict[str, int], int, int]:
        """The index's phase counts and ``content_counts()``, made once.

        Safe to keep: a document's phases, status and ``counted`` are settled
        inside :func:`build_index` (tags, category phases, i18n inheritance,
        touchpoints), before an :class:`Analysis` is made of the index, and
        nothing after it changes them; :meth:`SiteIndex.release` keeps exactly
        these counts. The memo holds the index it was made of and its number
        of documents, so an index swapped or grown (tests build them by hand)
        is counted again. The findings part of :meth:`summary` is counted on
        every call: findings and their ``baselined`` flags may still change.
        """
        index = self.index
        memo = self._counts
        size = len(index.documents)
        if memo is not None and memo[0] is index and memo[1] == size:
            return memo[2]
        content, untagged = index.content_counts()
        counts = (index.phase_counts(), content, untagged)
        self._counts = (index, size, counts)
        return counts

    def summary(self) -> dict[str, int]:
        """The ``summary`` object of ``report.json`` (SPEC §7)."""
        counts, content, untagged = self._index_counts()
        errors = warnings = 0
        for f in self.findings:
            if not f.baselined:
                severity = f.severity
                if severity == "error":
                    errors += 1
                elif severity == "warning":
                    warnings += 1
        return {
            "errors": errors,
            "warnings": warnings,
            "covered_phases": sum(1 for n in counts.values() if n),
            "total_phases": len(counts),
            "content": content,
            "untagged": untagged,
        }


def attach_page_data(
    doc: Document, config: JourneyConfig, views: SharedViews, attacher: Attacher
) -> None:
    """Give the content object its ``.journey`` (every document gets one).

    ``views`` makes each distinct part of a page's view once for the build:
    pages with the same phases, call to action, next steps … share them, and
    a page whose parts are all those of a page before it gets that page's
    view without making it again. (Next steps are told apart by identity:
    the plan already shares equal lists between pages.)
    """
    cta = doc.cta
    key = (
        "page",
        doc.lang,
        doc.mapped,
        doc.touchpoint,
        id(doc.next_steps),
        doc.tags.personas,
        None
        if cta is None
        else (
            cta.label,
            cta.target.url,
            cta.phase.index,
            cta.target.external,
            cta.target.link,
        ),
        *(p.index for p in doc.phases),
    )
    journey = views.one(key, lambda: page_journey(doc, config, views))
    attacher.attach(doc.content, journey)


def page_journey(
    doc: Document, config: JourneyConfig, views: SharedViews
) -> PageJourney:
    """The ``.journey`` of one document, made of ``views``' shared parts."""
    lang = view_lang(doc.lang, config.lang)
    phases = views.phases(lang, doc.phases)
    cta: CtaView | None = None
    if doc.cta is not None:
        target = doc.cta.target
        phase = views.model_views[lang][doc.cta.phase.index - 1]
        cta = views.cta(doc.cta.label, target.url, phase, target.external, target.link)
    # A page is its own next-step item; a URL is made into one once.
    steps = [
        s.content if isinstance(s, Document) else _link_step(s, views)
        for s in doc.next_steps
    ]
    personas = [config.personas[p] for p in doc.tags.personas if p in config.personas]
    return views.journey(
        lang=lang,
        phases=phases,
        mapped=doc.mapped,
        cta=cta,
        next=views.next(steps),
        personas=views.personas(lang, personas),
        touchpoint=doc.touchpoint,
    )


def _link_step(target: Target, views: SharedViews) -> LinkStep:
    """The next-step item of a URL, one per URL for the build."""
    return views.one(("step", target.url, target.external), lambda: link_step(target))


# What follows from "nothing is tagged yet": on a site that has not started,
# these would be a warning per page and per phase saying the same thing.
NOT_STARTED_RULES = frozenset(
    {
        "untagged",
        "phase-empty",
        "aftercare-contact",
        "expertise-blog",
        "contact-depth",
        "dead-end",
        "persona-gap",
        "missing-cta",
        "social-proof",
        "return-terms",
        "price-clarity",
        "reachability",
    }
)


def not_started(index: SiteIndex) -> bool:
    """Whether no document names a phase (known or not) or maps to one."""
    return not any(d.phases or d.tags.has_phase_key for d in index.documents)


def collapse_not_started(findings: list[Finding], index: SiteIndex) -> list[Finding]:
    """One ``untagged`` finding telling how to start, instead of one per page."""
    config = index.config
    severity = config.rules["untagged"].severity
    kept = [f for f in findings if f.rule not in NOT_STARTED_RULES]
    count = sum(1 for d in index.counted() if not d.phases)
    if severity == "off" or not count:
        return kept
    start = Finding(
        rule="untagged",
        severity=severity,
        message=text("no-phase-yet", config.lang, count=count),
        source=None,
        subject="no-phase-yet",
    )
    return [start, *kept]


def analyse(
    generators: Iterable[Any], config: JourneyConfig, context: Mapping[str, Any]
) -> Analysis:
    """Index the build, attach template data, run the rules."""
    timings: dict[str, float] = {}
    generators = list(generators)
    # Every page's state is made first: it lives to the end of the build.
    attacher = Attacher()
    objects = [obj for obj, _kind, _translation in iter_content(generators)]
    stand_in = PageJourney()
    attacher.prepare(objects, stand_in)
    try:
        analysis = _analyse(generators, config, context, attacher, timings)
    except BaseException:
        attacher.detach(objects, stand_in)  # no page keeps a view never made
        raise
    analysis.attached = attacher.build
    return analysis


def _analyse(
    generators: list[Any],
    config: JourneyConfig,
    context: Mapping[str, Any],
    attacher: Attacher,
    timings: dict[str, float],
) -> Analysis:
    with timed(timings, "index"):
        index = build_index(generators, config, context)
        mark_unseen(generators, index)
        infer_touchpoints(index.documents, shows_contact)
    if config.analytics is not None:
        with timed(timings, "analytics"):
            index.analytics = read_analytics(index)
    with timed(timings, "cta"):
        cta.assign(index)
    with timed(timings, "page-data"):
        views = SharedViews(config.model, LANGS)
        for doc in index.documents:
            attach_page_data(doc, config, views, attacher)
        del views
    with timed(timings, "graph"):
        graph = build_graph(index)  # after the CTAs: they are edges
    analysis = Analysis(config, index, graph, timings=timings)
    with timed(timings, "rules"):
        analysis.findings = run_rules(index, graph, config)
        if not_started(index):
            analysis.started = False
            analysis.findings = collapse_not_started(analysis.findings, index)
        apply_baseline(analysis.findings, config.baseline)
    with timed(timings, "lines"):
        add_lines(analysis.findings, config.base_dir, config.metadata_keys)
    with timed(timings, "site-data"):
        analysis.journey = site_journey(
            config.model, config.lang, analysis.phase_counts(), analysis.summary()
        )
    return analysis
