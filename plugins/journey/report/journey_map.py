"""``journey-map.html``: the customer journey of the site on one page.

The map is drawn from the analysis of one build (index, link graph,
findings): phases as columns with the customer's question, the pages of each
phase as cards, gaps and findings where they are, a persona filter that works
without JavaScript (CSS ``:has()`` over radio buttons, plus a plain list per
persona), an inline SVG of the links between phases, and the link-graph facts.
The report file is self-contained: inline CSS, no script, no network; links
to pages are relative paths into ``OUTPUT_PATH``, so it opens from disk.

With ``JOURNEY_MAP_IN_SITE`` the map is also written to
``OUTPUT_PATH/journey-map/index.html``: inside the theme's ``base.html``
(``{% block content %}``) when that template renders with it, else the same
self-contained page.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import jinja2

from ..model.text import pick
from ..rules.graph import contact_pages
from ..site.graph import phase_level
from ..site.links import resolve
from .atomic import write_atomic

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..model.findings import Finding
    from ..site.index import Document

REPORT_TEMPLATES = Path(__file__).parent / "templates"
MAP_FILE = "journey-map.html"
SITE_MAP_PATH = "journey-map/index.html"
MARKER = 'id="journey-map"'

LABELS: Mapping[str, Mapping[str, str]] = {
    "title": {"nl": "Klantreiskaart", "en": "Customer journey map"},
    "drawn-from": {
        "nl": "Deze kaart is getekend uit de inhoud van de site: de fase, het "
        "contactpunt en de persona in de metadata van elke pagina, en de links "
        "tussen de pagina's. Wat de site niet vertelt (gevoelens, kanalen buiten "
        "de site) staat er niet op.",
        "en": "This map is drawn from the site's content: the phase, touchpoint "
        "and persona in each page's metadata, and the links between the pages. "
        "What the site does not tell (feelings, channels outside the site) is "
        "not on it.",
    },
    "model": {"nl": "Model", "en": "Model"},
    "summary": {"nl": "Samenvatting", "en": "Summary"},
    "covered": {"nl": "fasen gedekt", "en": "phases covered"},
    "content": {"nl": "pagina's en artikelen", "en": "pages and articles"},
    "untagged": {"nl": "zonder fase", "en": "without a phase"},
    "errors": {"nl": "fouten", "en": "errors"},
    "warnings": {"nl": "waarschuwingen", "en": "warnings"},
    "phases": {"nl": "Fasen", "en": "Phases"},
    "question": {"nl": "Vraag van de klant", "en": "The customer's question"},
    "gap": {
        "nl": "Gat: geen gepubliceerde inhoud in deze fase",
        "en": "Gap: no published content in this phase",
    },
    "article": {"nl": "artikel", "en": "article"},
    "page": {"nl": "pagina", "en": "page"},
    "touchpoint": {"nl": "Contactpunt", "en": "Touchpoint"},
    "cta": {"nl": "Oproep", "en": "Call to action"},
    "no-cta": {"nl": "geen oproep", "en": "no call to action"},
    "mapped": {"nl": "fase uit categorie", "en": "phase from category"},
    "declared": {"nl": "fase in metadata", "en": "phase in metadata"},
    "onward": {"nl": "Links naar latere fasen", "en": "Links to later phases"},
    "clicks": {"nl": "Klikken vanaf home", "en": "Clicks from home"},
    "unreachable": {"nl": "onbereikbaar", "en": "unreachable"},
    "all-phases": {"nl": "Fasen", "en": "Phases"},
    "personas": {"nl": "Persona's", "en": "Personas"},
    "for-all": {"nl": "iedereen", "en": "everyone"},
    "filter": {"nl": "Toon de reis van", "en": "Show the journey of"},
    "all": {"nl": "alle persona's", "en": "all personas"},
    "per-persona": {"nl": "Reis per persona", "en": "Journey per persona"},
    "persona-note": {
        "nl": "Pagina's zonder persona gelden voor iedereen.",
        "en": "Pages without a persona are for everyone.",
    },
    "flow": {"nl": "Links tussen fasen", "en": "Links between phases"},
    "flow-desc": {
        "nl": "Hoeveel pagina's van elke fase linken naar een pagina van een "
        "latere fase (inhoud, oproep en volgende stap).",
        "en": "How many pages of each phase link to a page of a later phase "
        "(content, call to action and next step).",
    },
    "from": {"nl": "Van", "en": "From"},
    "to": {"nl": "Naar", "en": "To"},
    "links": {"nl": "Links", "en": "Links"},
    "no-flow": {
        "nl": "Geen enkele pagina linkt naar een latere fase.",
        "en": "No page links to a later phase.",
    },
    "facts": {"nl": "Feiten uit de links", "en": "Link facts"},
    "dead-ends": {"nl": "Doodlopende pagina's", "en": "Dead ends"},
    "dead-ends-desc": {
        "nl": "linken naar geen pagina van een latere fase",
        "en": "link to no page of a later phase",
    },
    "orphans": {"nl": "Wezen", "en": "Orphans"},
    "orphans-desc": {
        "nl": "getagde pagina's waar geen andere pagina en niet de homepage "
        "naartoe linkt",
        "en": "tagged pages that no other page and not the home page links to",
    },
    "contact": {"nl": "Contactpagina (nazorg)", "en": "Contact page (aftercare)"},
    "no-contact": {
        "nl": "geen contactpagina in de laatste fase",
        "en": "no contact page in the final phase",
    },
    "none": {"nl": "geen", "en": "none"},
    "findings": {"nl": "Bevindingen", "en": "Findings"},
    "site-findings": {
        "nl": "Bevindingen voor de hele site",
        "en": "Site-wide findings",
    },
    "no-findings": {"nl": "Geen bevindingen.", "en": "No findings."},
    "no-phase": {"nl": "Zonder fase", "en": "Without a phase"},
    "error": {"nl": "fout", "en": "error"},
    "warning": {"nl": "waarschuwing", "en": "warning"},
    "baselined": {"nl": "in baseline", "en": "baselined"},
    "skip": {"nl": "Naar de fasen", "en": "Skip to the phases"},
}


def label(key: str, lang: str) -> str:
    return pick(LABELS[key], lang)


@dataclass(slots=True)
class Card:
    title: str
    href: str | None
    kind: str
    touchpoint: str | None
    cta_label: str | None
    cta_target: str | None
    mapped: bool
    onward: int
    clicks: int | None
    personas: list[str]
    persona_labels: list[str]
    phases: list[str]  # every phase label, when the page serves more than one
    findings: list[Finding] = field(default_factory=list)


@dataclass(slots=True)
class PhaseColumn:
    id: str
    index: int
    label: str
    question: str
    cards: list[Card]
    findings: list[Finding]

    @property
    def gap(self) -> bool:
        return not self.cards


@dataclass(slots=True)
class Flow:
    source: str
    target: str
    count: int


@dataclass
class MapView:
    lang: str
    site: str
    model: str
    summary: Mapping[str, int]
    phases: list[PhaseColumn]
    untagged: list[Card]
    personas: list[dict[str, Any]]
    flows: list[Flow]
    svg: dict[str, Any]
    dead_ends: list[Card]
    orphans: list[Card]
    contact: Card | None
    contact_exists: bool
    site_findings: list[Finding]
    labels: Mapping[str, str]


def _report_linker(analysis: Analysis, folder: Path) -> Callable[[Document], str]:
    """Links from the report folder to the written pages in ``OUTPUT_PATH``."""
    context = analysis.index.context
    output = Path(str(context.get("OUTPUT_PATH", "output")))
    if not output.is_absolute():
        output = analysis.config.base_dir / output

    prefix = Path(os.path.relpath(output, folder)).as_posix()

    def link(doc: Document) -> str:
        save_as = str(getattr(doc.content, "save_as", "") or doc.url)
        if not save_as or save_as.endswith("/"):
            save_as += "index.html"
        return quote(posixpath.normpath(posixpath.join(prefix, save_as)))

    return link


def _site_linker(doc: Document) -> str:
    """Links from ``journey-map/index.html`` to the page, inside the site."""
    url = doc.url
    if url.startswith(("http://", "https://", "/")):
        return url
    return quote(posixpath.join("..", url))


def _card(
    doc: Document,
    analysis: Analysis,
    link: Callable[[Document], str],
    by_source: Mapping[str, list[Finding]],
) -> Card:
    lang = analysis.config.lang
    graph = analysis.link_graph
    personas = analysis.config.personas
    cta = doc.cta if analysis.config.inject is not False else None
    cta_label = cta_target = None
    if cta is not None:
        target = cta.target
        cta_label = cta.label
        cta_target = target.document.title if target.document else target.url
    elif analysis.config.inject is not False and doc.tags.cta and not doc.tags.cta.none:
        # Declared in the metadata but not (yet) chosen for the page.
        declared = resolve(doc.tags.cta.target, analysis.index, doc)
        cta_label = doc.tags.cta.label
        cta_target = doc.tags.cta.target
        if declared is not None:
            cta_target = declared.document.title if declared.document else declared.url
    return Card(
        title=doc.title or doc.source,
        href=link(doc) if doc.url or getattr(doc.content, "save_as", "") else None,
        kind=label(doc.kind, lang),
        touchpoint=doc.tags.touchpoint,
        cta_label=cta_label,
        cta_target=cta_target,
        mapped=doc.mapped,
        onward=len(graph.onward(doc)),
        clicks=graph.clicks_from_home(doc),
        personas=list(doc.tags.personas),
        persona_labels=[personas[p].label(lang) for p in doc.tags.personas],
        phases=[p.label(lang) for p in doc.phases] if len(doc.phases) > 1 else [],
        findings=list(by_source.get(doc.source, ())) if doc.source else [],
    )


def build_view(analysis: Analysis, link: Callable[[Document], str]) -> MapView:
    """Everything the template shows, computed once from the analysis."""
    config = analysis.config
    lang = config.lang
    index = analysis.index
    model = index.model
    graph = analysis.link_graph
    counted = list(index.counted())

    by_source: dict[str, list[Finding]] = {}
    shown_sources = {d.source for d in counted if d.source}
    phase_findings: dict[str, list[Finding]] = {}
    site_findings: list[Finding] = []
    for finding in analysis.findings:
        if finding.source and finding.source in shown_sources:
            by_source.setdefault(finding.source, []).append(finding)
        elif not finding.source and finding.phase:
            phase_findings.setdefault(finding.phase, []).append(finding)
        else:
            site_findings.append(finding)

    made: dict[int, Card] = {}

    def card_of(doc: Document) -> Card:
        """One card per document, wherever the map shows it."""
        if id(doc) not in made:
            made[id(doc)] = _card(doc, analysis, link, by_source)
        return made[id(doc)]

    columns = []
    for phase in model.phases:
        docs = [d for d in counted if any(p.id == phase.id for p in d.phases)]
        docs.sort(key=lambda d: (d.phase is not phase, d.kind != "page", d.title))
        columns.append(
            PhaseColumn(
                id=phase.id,
                index=phase.index,
                label=phase.label(lang),
                question=phase.question(lang),
                cards=[card_of(d) for d in docs],
                findings=phase_findings.get(phase.id, []),
            )
        )
    untagged = [card_of(d) for d in counted if not d.phases]

    personas = []
    for persona in config.personas.values():
        journey = []
        for column in columns:
            cards = [
                c for c in column.cards if not c.personas or persona.id in c.personas
            ]
            journey.append({"phase": column, "cards": cards})
        personas.append(
            {
                "id": persona.id,
                "label": persona.label(lang),
                "description": persona.description,
                "journey": journey,
            }
        )

    labels_of = {p.id: p.label(lang) for p in model.phases}
    raw_flows = graph.phase_flows()
    order = {p.id: p.index for p in model.phases}
    flows = [
        Flow(labels_of[a], labels_of[b], n)
        for (a, b), n in sorted(
            raw_flows.items(), key=lambda i: (order[i[0][0]], order[i[0][1]])
        )
        if order[b] > order[a]
    ]

    final = len(model.phases)
    dead = [d for d in counted if 0 < phase_level(d) < final and not graph.onward(d)]
    contacts = contact_pages(index)
    contact = None
    if contacts:
        best = min(
            contacts,
            key=lambda d: (
                graph.clicks_from_home(d) is None,
                graph.clicks_from_home(d) or 0,
            ),
        )
        contact = card_of(best)

    return MapView(
        lang=lang,
        site=str(index.context.get("SITENAME", "") or ""),
        model=model.id,
        summary=analysis.summary(),
        phases=columns,
        untagged=untagged,
        personas=personas,
        flows=flows,
        svg=_flow_svg(model.phases, raw_flows, lang),
        dead_ends=[card_of(d) for d in dead],
        orphans=[card_of(d) for d in graph.orphans(counted)],
        contact=contact,
        contact_exists=bool(contacts),
        site_findings=site_findings,
        labels={key: label(key, lang) for key in LABELS},
    )


def _flow_svg(
    phases: tuple[Any, ...], flows: Mapping[tuple[str, str], int], lang: str
) -> dict[str, Any]:
    """Geometry of the flow picture: phase boxes in a row, arcs to later phases."""
    step, box_w, box_h, top = 170, 156, 44, 16
    n = len(phases)
    width = step * n
    order = {p.id: i for i, p in enumerate(phases)}
    boxes = [
        {
            "x": i * step + (step - box_w) / 2,
            "y": top,
            "w": box_w,
            "h": box_h,
            "cx": i * step + step / 2,
            "label": p.label(lang),
            "index": p.index,
        }
        for i, p in enumerate(phases)
    ]
    forward = {
        pair: count
        for pair, count in flows.items()
        if order.get(pair[1], -1) > order.get(pair[0], n)
    }
    most = max(forward.values(), default=1)
    base = top + box_h
    arcs = []
    deepest = 0.0
    for (a, b), count in sorted(
        forward.items(), key=lambda i: (order[i[0][0]], order[i[0][1]])
    ):
        i, j = order[a], order[b]
        x1, x2 = boxes[i]["cx"] + 10, boxes[j]["cx"] - 10
        depth = 26 + 30 * (j - i)
        deepest = max(deepest, depth)
        arcs.append(
            {
                "d": f"M{x1:.0f},{base} C{x1:.0f},{base + depth:.0f} "
                f"{x2:.0f},{base + depth:.0f} {x2:.0f},{base + 6}",
                "width": 1.5 + 6 * count / most,
                "lx": (x1 + x2) / 2,
                "ly": base + depth * 0.75 + 4,
                "count": count,
                "from": phases[i].label(lang),
                "to": phases[j].label(lang),
            }
        )
    return {
        "width": width,
        "height": base + deepest + 24,
        "boxes": boxes,
        "arcs": arcs,
    }


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(REPORT_TEMPLATES)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


_ENV: jinja2.Environment | None = None


def _map_environment() -> jinja2.Environment:
    global _ENV  # noqa: PLW0603 - one template environment per process
    if _ENV is None:
        _ENV = _environment()
    return _ENV


def render_map(analysis: Analysis, link: Callable[[Document], str]) -> Iterator[str]:
    """The self-contained map page, as chunks (a 1,000-page map is ~1 MB)."""
    view = build_view(analysis, link)
    return _map_environment().get_template(MAP_FILE).generate(map=view, standalone=True)


def write_map(analysis: Analysis, path: Path) -> Path:
    """Write the self-contained ``journey-map.html`` to ``path``, atomically."""
    path = Path(path)
    write_atomic(path, render_map(analysis, _report_linker(analysis, path.parent)))
    return path


def _theme_environment(context: Mapping[str, Any]) -> jinja2.Environment:
    """A Jinja environment like the one Pelican's generators give the theme."""
    import pelican  # noqa: PLC0415 - only for the simple theme's location

    theme = Path(str(context.get("THEME", "")))
    simple = Path(pelican.__file__).parent / "themes" / "simple" / "templates"
    overrides = [str(p) for p in context.get("THEME_TEMPLATES_OVERRIDES", []) or []]
    theme_loader = jinja2.FileSystemLoader([*overrides, str(theme / "templates")])
    simple_loader = jinja2.FileSystemLoader(str(simple))
    options = dict(context.get("JINJA_ENVIRONMENT") or {})
    theme_autoescape = options.pop("autoescape", False)

    def autoescape(name: str | None) -> bool:
        if name and name.startswith("journey-map"):
            return True
        return (
            theme_autoescape(name) if callable(theme_autoescape) else theme_autoescape
        )

    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [
                theme_loader,
                simple_loader,
                jinja2.PrefixLoader({"!simple": simple_loader, "!theme": theme_loader}),
                jinja2.FileSystemLoader(str(REPORT_TEMPLATES)),
            ]
        ),
        autoescape=autoescape,
        **options,
    )
    env.filters.update(context.get("JINJA_FILTERS") or {})
    env.globals.update(context.get("JINJA_GLOBALS") or {})
    env.tests.update(context.get("JINJA_TESTS") or {})
    return env


def publish_in_site(analysis: Analysis) -> Path:
    """Write the map to ``OUTPUT_PATH/journey-map/index.html`` (module doc)."""
    context = dict(analysis.index.context)
    output = Path(str(context.get("OUTPUT_PATH", "output")))
    if not output.is_absolute():
        output = analysis.config.base_dir / output
    path = output / SITE_MAP_PATH
    view = build_view(analysis, _site_linker)
    if context.get("RELATIVE_URLS"):
        context["SITEURL"] = ".."
    seen: list[bool] = []

    def watched(chunks: Iterable[str]) -> Iterator[str]:
        for chunk in chunks:
            if MARKER in chunk:
                seen.append(True)
            yield chunk

    try:
        env = _theme_environment(context)
        template = env.get_template("journey-map-site.html")
        write_atomic(
            path,
            watched(
                template.generate(
                    {
                        **context,
                        "map": view,
                        "standalone": False,
                        "output_file": SITE_MAP_PATH,
                    }
                )
            ),
        )
    except OSError:
        raise
    except Exception:  # noqa: BLE001 - any theme that does not extend cleanly
        seen.clear()
    if not seen:
        template = _map_environment().get_template(MAP_FILE)
        write_atomic(path, template.generate(map=view, standalone=True))
    return path
