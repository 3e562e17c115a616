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

import contextlib
import functools
import logging
import os
import posixpath
import re
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup, escape
from pelican.contents import Content

from ..model.text import MESSAGES, text
from ..rules.graph import dead_ends, nearest_contact
from ..site.links import resolve
from .actions import Action, plan_actions
from .atomic import write_atomic
from .funnel import funnel_view

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..model.findings import Finding
    from ..site.index import Document

logger = logging.getLogger("pelican.plugins.journey")
REPORT_TEMPLATES = Path(__file__).parent / "templates"
MAP_FILE = "journey-map.html"
SITE_MAP_PATH = "journey-map/index.html"
MARKER = 'id="journey-map"'

_CARDS_A_CHUNK = 32
_PARTS_A_CHUNK = 3 * _CARDS_A_CHUNK  # a card is three parts: around its link
LABEL_PREFIX = "map-"  # the map's labels in model/text.py
LABELS = tuple(
    key.removeprefix(LABEL_PREFIX) for key in MESSAGES if key.startswith(LABEL_PREFIX)
)


@functools.cache
def label(key: str, lang: str) -> str:
    return text(LABEL_PREFIX + key, lang)


class Card:
    """A page's card in a phase column of the journey map."""

    __slots__ = (
        "clicks",
        "content_unseen",
        "cta_label",
        "cta_target",
        "findings",
        "href",
        "kind",
        "link",
        "mapped",
        "onward",
        "persona_labels",
        "personas",
        "phases",
        "tagged",
        "title",
        "touchpoint",
        "views",
    )

    title: str
    href: str | None
    link: Markup  # the title, a link to the page where it has one (HTML)
    kind: str
    touchpoint: str | None
    cta_label: str | None
    cta_target: str | None
    mapped: bool
    tagged: bool  # has a phase (declared or mapped)
    content_unseen: bool  # its template never prints the content
    onward: int
    clicks: int | None
    personas: list[str]
    persona_labels: list[str]
    phases: list[str]  # every phase label, when the page serves more than one
    findings: list[Finding]
    views: int | None  # page views in the analytics period, if any

    def __init__(
        self,
        title: str,
        href: str | None,
        link: Markup,
        kind: str,
        touchpoint: str | None,
        cta_label: str | None,
        cta_target: str | None,
        mapped: bool,
        tagged: bool,
        content_unseen: bool,
        onward: int,
        clicks: int | None,
        personas: list[str],
        persona_labels: list[str],
        phases: list[str],
        findings: list[Finding] | None = None,
        views: int | None = None,
    ) -> None:
        self.title = title
        self.href = href
        self.link = link
        self.kind = kind
        self.touchpoint = touchpoint
        self.cta_label = cta_label
        self.cta_target = cta_target
        self.mapped = mapped
        self.tagged = tagged
        self.content_unseen = content_unseen
        self.onward = onward
        self.clicks = clicks
        self.personas = personas
        self.persona_labels = persona_labels
        self.phases = phases
        self.findings = [] if findings is None else findings
        self.views = views


class PhaseColumn:
    """A phase's column of the journey map."""

    __slots__ = (
        "cards",
        "findings",
        "findings_html",
        "id",
        "index",
        "label",
        "question",
    )

    id: str
    index: int
    label: str
    question: str
    cards: list[Card]
    findings: list[Finding]
    findings_html: Markup

    def __init__(
        self,
        id: str,
        index: int,
        label: str,
        question: str,
        cards: list[Card],
        findings: list[Finding],
        findings_html: Markup | None = None,
    ) -> None:
        self.id = id
        self.index = index
        self.label = label
        self.question = question
        self.cards = cards
        self.findings = findings
        self.findings_html = Markup() if findings_html is None else findings_html

    @property
    def gap(self) -> bool:
        return not self.cards


class Flow:
    """A count of links from one phase to another on the journey map."""

    __slots__ = ("count", "source", "target")

    source: str
    target: str
    count: int

    def __init__(
        self,
        source: str,
        target: str,
        count: int,
    ) -> None:
        self.source = source
        self.target = target
        self.count = count


class MapView:
    """Everything the journey map template shows."""

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
    site_findings_html: Markup
    html_labels: Mapping[str, str]  # escaped
    # every card with its document, for links from elsewhere (relinked)
    documents: list[tuple[Document, Card]]
    # Keep each card's HTML (but its link) for a second map of the same view
    # (the in-site map), which takes it back: each card is written once.
    keep_cards: bool
    _kept: dict[tuple[int, int], tuple[str, str]]
    # The cards' texts as escaped (their kinds, labels, calls to action …)
    _escaped: dict[str, str]

    def __init__(
        self,
        lang: str,
        site: str,
        model: str,
        summary: Mapping[str, int],
        phases: list[PhaseColumn],
        untagged: list[Card],
        personas: list[dict[str, Any]],
        flows: list[Flow],
        svg: dict[str, Any],
        dead_ends: list[Card],
        orphans: list[Card],
        contact: Card | None,
        contact_exists: bool,
        site_findings: list[Finding],
        labels: Mapping[str, str],
        site_findings_html: Markup | None = None,
        html_labels: Mapping[str, str] | None = None,
        documents: list[tuple[Document, Card]] | None = None,
        keep_cards: bool = False,
        _kept: dict[tuple[int, int], tuple[str, str]] | None = None,
        _escaped: dict[str, str] | None = None,
        funnel: dict[str, Any] | None = None,
        actions: list[Action] | None = None,
    ) -> None:
        self.lang = lang
        self.site = site
        self.model = model
        self.summary = summary
        self.phases = phases
        self.untagged = untagged
        self.personas = personas
        self.flows = flows
        self.svg = svg
        self.dead_ends = dead_ends
        self.orphans = orphans
        self.contact = contact
        self.contact_exists = contact_exists
        self.site_findings = site_findings
        self.labels = labels
        self.site_findings_html = (
            Markup() if site_findings_html is None else site_findings_html
        )
        self.html_labels = {} if html_labels is None else html_labels
        self.documents = [] if documents is None else documents
        self.keep_cards = keep_cards
        self._kept = {} if _kept is None else _kept
        self._escaped = {} if _escaped is None else _escaped
        self.funnel = funnel
        self.actions = [] if actions is None else actions

    def cards_html(self, cards: Iterable[Card], phase_index: int) -> Iterator[Markup]:
        """The cards as HTML, made only when the template writes them.

        Made a few at a time, the map's largest part is never in memory at once.
        """
        return map(_markup, self.cards_text(cards, phase_index))

    def cards_text(self, cards: Iterable[Card], phase_index: int) -> Iterator[str]:
        """:meth:`cards_html` as plain strings, for the map's own templates.

        They write it with autoescaping off: a ``Markup`` chunk would be
        copied by ``Markup()`` and twice more by ``escape()`` (a 1,000-page
        map: megabytes).
        """
        count = len(self.phases)
        personas_on = bool(self.personas)
        labels = self.html_labels
        kept = self._kept
        keep = self.keep_cards
        esc = _remembering(self._escaped)
        batch: list[str] = []
        for card in cards:
            key = (id(card), phase_index)
            parts = kept.pop(key, None) if kept else None
            if parts is None:
                parts = _card_parts(card, phase_index, count, labels, personas_on, esc)
                if keep:
                    kept[key] = parts
            batch += (parts[0], card.link, parts[1])
            if len(batch) >= _PARTS_A_CHUNK:
                yield "".join(batch)
                batch.clear()
        if batch:
            yield "".join(batch)

    @staticmethod
    def links(cards: Iterable[Card]) -> Markup:
        """The cards' title links, comma-separated."""
        return Markup(", ".join(card.link for card in cards))  # links are Markup

    funnel: dict[str, Any] | None  # real visits per phase (analytics)
    actions: list[Action]  # what to do first


class _ReportLinker:
    """Links from the report folder to the written pages in ``OUTPUT_PATH``.

    Every link is a quoted path (``urllib.parse.quote``, or a path with
    nothing to quote): nothing in it is special in HTML (``html_safe``).
    """

    html_safe = True

    def __init__(self, analysis: Analysis, folder: Path) -> None:
        context = analysis.index.context
        output = Path(str(context.get("OUTPUT_PATH", "output")))
        if not output.is_absolute():
            output = analysis.config.base_dir / output
        self.prefix = Path(os.path.relpath(output, folder)).as_posix()
        # posixpath.normpath(posixpath.join(prefix, save_as)) for a save_as
        # with no "." or ".." segment, no "//" and no leading "/" (relpath
        # normalises ``prefix``): the two joined as they are (:func:`_joined`).
        self.head = "" if self.prefix == "." else self.prefix + "/"
        self.same: dict[tuple[type, int, bool] | type, bool] = {}

    def __call__(self, doc: Document) -> str:
        save_as = _save_as(doc, self.same) or doc.url
        if not save_as or save_as.endswith("/"):
            save_as += "index.html"
        path = _joined(self.prefix, self.head, save_as)
        return path if _UNSAFE_URL_RE.search(path) is None else quote(path)


def _report_linker(analysis: Analysis, folder: Path) -> Callable[[Document], str]:
    """Links from the report folder to the written pages in ``OUTPUT_PATH``."""
    return _ReportLinker(analysis, folder)


def _joined(prefix: str, head: str, path: str) -> str:
    """``posixpath.normpath(posixpath.join(prefix, path))``; ``prefix`` normal.

    ``head``: ``prefix`` and a "/" (``""`` for ``"."``). A path that normpath
    would not change, nor join start over with (no "." or ".." segment, no
    "//", no "/" at either end, not empty), is put after it as it is.
    """
    # A "." or ".." segment starts the path or follows a "/".
    plain = path and "//" not in path and "/." not in path
    if plain and path[0] not in "./" and path[-1] != "/":
        return head + path
    return posixpath.normpath(posixpath.join(prefix, path))


# Pelican's own properties: a content class that has its own is asked.
_PELICAN_URL = getattr(Content, "url", None)
_PELICAN_SAVE_AS = getattr(Content, "save_as", None)


def _save_as(
    doc: Document, same: dict[tuple[type, int, bool] | type, bool] | None = None
) -> str:
    """Where Pelican writes the page: its ``save_as``, relative to ``OUTPUT_PATH``.

    Pelican formats ``save_as`` from the content's metadata on every read
    (``url_format``: a copy of the metadata, a relative source path). Where
    the site's ``*_SAVE_AS`` setting is its ``*_URL`` setting (Pelican's
    defaults: ``{slug}.html``, ``pages/{slug}.html``) and the content sets
    neither, it is the URL the index already holds.

    ``same`` keeps that comparison per content class, settings and language
    for the pages of one map (the settings do not change while it is drawn),
    and whether each class has Pelican's own properties.
    """
    content = doc.content
    kind = type(content)
    stock = same.get(kind) if same is not None else None
    if stock is None:
        # Pelican's own properties, and no override anywhere but (Pelican's
        # way, from the metadata) in the instance's own attributes.
        stock = (
            getattr(kind, "url", None) is _PELICAN_URL
            and getattr(kind, "save_as", None) is _PELICAN_SAVE_AS
            and not hasattr(kind, "override_url")
            and not hasattr(kind, "override_save_as")
            and not hasattr(kind, "__getattr__")
        )
        if same is not None:
            same[kind] = stock
    # Not through ``__dict__`` (see ``site.index._formatted``); the class
    # has neither override (``stock``), so these are the object's own.
    if (
        stock
        and type(content).__dictoffset__ != 0
        and not hasattr(content, "override_url")
        and not hasattr(content, "override_save_as")
    ):
        settings = getattr(content, "settings", None)
        in_default_lang = getattr(content, "in_default_lang", None)
        if type(in_default_lang) is bool:
            key = (kind, id(settings), in_default_lang)
            found = same.get(key) if same is not None else None
            if found is None and isinstance(settings, Mapping):
                lang = "" if in_default_lang else "LANG_"
                klass = kind.__name__.upper()
                url = settings.get(f"{klass}_{lang}URL")
                found = url is not None and url == settings.get(
                    f"{klass}_{lang}SAVE_AS"
                )
                if same is not None:
                    same[key] = found
            if found:
                return doc.url
    return str(getattr(content, "save_as", "") or "")


# URLs the in-site map links to as they are (else relative, and quoted).
_KEPT_AS_IS = ("http://", "https://", "/")


def _site_linker(doc: Document) -> str:
    """Links from ``journey-map/index.html`` to the page, inside the site."""
    url = doc.url
    if url.startswith(_KEPT_AS_IS):
        return url
    return _quote("../" + url)  # posixpath.join("..", url): url is relative


# What ``urllib.parse.quote`` changes (it keeps letters, digits, "_.-~" and "/").
_UNSAFE_URL_RE = re.compile(r"[^A-Za-z0-9_.~/-]")


def _quote(path: str) -> str:
    """``urllib.parse.quote(path)``; a path with nothing to quote as it is."""
    return quote(path) if _UNSAFE_URL_RE.search(path) else path


@functools.cache
def _touchpoint_label(word: str | None, lang: str) -> str | None:
    """The touchpoint as words; a site's own touchpoint word as it is."""
    if word is None:
        return None
    key = f"touchpoint-{word}"
    return text(key, lang) if key in MESSAGES else word


def _href(doc: Document, link: Callable[[Document], str]) -> str | None:
    """The card's link to the written page, if the page has an address."""
    return link(doc) if doc.url or getattr(doc.content, "save_as", "") else None


def _title_link(title: str, href: str | None, href_safe: bool = False) -> Markup:
    """The title, linked to ``href`` if any (``href_safe``: nothing to escape)."""
    if href:
        quoted = href if href_safe else _esc(href)
        return _markup(f'<a href="{quoted}">{_esc(title)}</a>')
    return _markup(_esc(title))


def _markup(html: str) -> Markup:
    """``Markup(html)`` of a plain string, without ``Markup.__new__``'s checks.

    ``Markup(text)`` of a ``str`` (no ``__html__``, no encoding) is
    ``str.__new__(Markup, text)``; made for every card (twice with the in-site
    map), the Python-level constructor was a fifth of a card's title link.
    """
    return str.__new__(Markup, html)


def _card_maker(
    analysis: Analysis,
    link: Callable[[Document], str],
    by_source: Mapping[str, list[Finding]],
) -> Callable[[Document], Card]:
    """Makes the card of a document; what is the same for all is looked up once."""
    lang = analysis.config.lang
    graph = analysis.link_graph
    ways_on = graph.ways_on
    clicks_from_home = graph.clicks_from_home
    personas = analysis.config.personas
    index = analysis.index
    analytics = index.analytics
    views_of = analytics.views_of if analytics is not None else None
    inject = analysis.config.inject is not False
    kinds: dict[str, str] = {}
    href_safe = getattr(link, "html_safe", False) is True
    # The persona ids and labels of each distinct Persona value (tags are
    # shared between pages): one pair of lists, never changed, per value.
    of_personas: dict[tuple[str, ...], tuple[list[str], list[str]]] = {}
    no_findings: list[Finding] = []  # shared by every card without findings
    no_phases: list[str] = []  # shared by every card with one phase or none

    def card(doc: Document) -> Card:
        # A CTA the page's template never shows is no CTA for the visitor.
        shown = inject and "journey/cta.html" not in doc.unseen
        cta = doc.cta if shown else None
        cta_label = cta_target = None
        tags = doc.tags
        if cta is not None:
            target = cta.target
            cta_label = cta.label
            cta_target = target.document.title if target.document else target.url
        elif shown and tags.cta and not tags.cta.none:
            # Declared in the metadata but not (yet) chosen for the page.
            declared = resolve(tags.cta.target, index, doc)
            cta_label = tags.cta.label
            cta_target = tags.cta.target
            if declared is not None:
                cta_target = (
                    declared.document.title if declared.document else declared.url
                )
        title = doc.title or doc.source
        href = _href(doc, link)
        kind = kinds.get(doc.kind)
        if kind is None:
            kind = kinds[doc.kind] = label(doc.kind, lang)
        phases = doc.phases
        source = doc.source
        ids = tags.personas
        persona_lists = of_personas.get(ids)
        if persona_lists is None:
            persona_lists = of_personas[ids] = (
                list(ids),
                [personas[p].label(lang) for p in ids],
            )
        return Card(
            title=title,
            href=href,
            link=_title_link(title, href, href_safe),
            kind=kind,
            touchpoint=_touchpoint_label(tags.touchpoint, lang),
            cta_label=cta_label,
            cta_target=cta_target,
            mapped=doc.mapped,
            tagged=bool(phases),
            content_unseen="content" in doc.unseen,
            onward=ways_on(doc),
            clicks=clicks_from_home(doc),
            personas=persona_lists[0],
            persona_labels=persona_lists[1],
            phases=[p.label(lang) for p in phases] if len(phases) > 1 else no_phases,
            # by_source's lists are made for the cards and not changed after
            findings=by_source.get(source, no_findings) if source else no_findings,
            views=views_of(doc) if views_of is not None else None,
        )

    return card


# -- the cards and finding lists as HTML ---------------------------------------
# A 1,000-page map has over a thousand cards: written here, once per card,
# rather than as a template macro called per card (ten times the CPU). The
# markup is exactly what journey-map-body.html had in its macros.


def _esc(value: object) -> str:
    """``markupsafe.escape`` as text, without a Markup object per string.

    Most of what the map escapes (titles, labels, paths) has nothing to
    escape: that is found at C speed and the text returned as it is.
    """
    if type(value) is not str:  # Markup (kept as it is), or anything else
        return str(escape(value))
    # Five searches for one character each (memchr), cheaper than one of
    # the expression for the short texts of a map.
    if (
        "&" not in value
        and "<" not in value
        and ">" not in value
        and "'" not in value
        and '"' not in value
    ):
        return value
    return (
        value.replace("&", "&amp;")
        .replace(">", "&gt;")
        .replace("<", "&lt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )


def _remembering(memo: dict[str, str]) -> Callable[[object], str]:
    """:func:`_esc` that escapes each distinct string once (kept in ``memo``)."""

    def esc(value: object) -> str:
        if type(value) is not str:
            return _esc(value)
        found = memo.get(value)
        if found is None:
            found = memo[value] = _esc(value)
        return found

    return esc


def _findings_html(
    findings: Iterable[Finding], labels: Mapping[str, str], show_source: bool = False
) -> Markup:
    """A finding list (``jm-findings``); nothing when there are none."""
    items = []
    for f in findings:
        severity = _esc(f.severity)
        baselined = f", {labels['baselined']}" if f.baselined else ""
        source = (
            f' <span class="jm-source">({_esc(f.source)})</span>'
            if f.source and show_source
            else ""
        )
        items.append(
            f'  <li class="jm-finding jm-finding--{severity}"><span class="jm-sev">'
            f"{labels[f.severity]}{baselined}</span> <code>{_esc(f.rule)}</code> "
            f"{_esc(f.message)}{source}</li>\n"
        )
    if not items:
        return Markup()
    return Markup(f'<ul class="jm-findings">\n{"".join(items)}</ul>\n')


def _card_html(
    card: Card,
    phase_index: int,
    phase_count: int,
    labels: Mapping[str, str],
    personas_on: bool,
) -> str:
    """One card (``jm-card``) in a phase column (``phase_index`` 0: untagged)."""
    head, tail = _card_parts(card, phase_index, phase_count, labels, personas_on)
    return head + card.link + tail


def _card_parts(
    card: Card,
    phase_index: int,
    phase_count: int,
    labels: Mapping[str, str],
    personas_on: bool,
    esc: Callable[[object], str] = _esc,
) -> tuple[str, str]:
    """:func:`_card_html` before and after the card's title link.

    ``esc``: :func:`_esc`, or one that remembers what it escaped
    (:func:`_remembering`: the cards of a map repeat their kinds, labels and
    calls to action).
    """
    L = labels
    meta = f'<span class="jm-tag">{esc(card.kind)}</span>'
    if card.touchpoint:
        meta += (
            f' <span class="jm-tag jm-tag--touch">{L["touchpoint"]}: '
            f"{esc(card.touchpoint)}</span>"
        )
    if not card.tagged:
        meta += f' <span class="jm-tag">{L["untagged"]}</span>'
    elif card.mapped:
        meta += f' <span class="jm-tag">{L["mapped"]}</span>'
    if card.content_unseen:
        meta += f' <span class="jm-tag jm-tag--unseen">{L["content-unseen"]}</span>'
    if card.cta_label:
        cta = f"{esc(card.cta_label)} → {esc(card.cta_target)}"
    else:
        cta = f'<span class="jm-muted">{L["no-cta"]}</span>'
    if phase_index and phase_index == phase_count:
        onward = "<dd>\u2013</dd>"  # an en dash: no next phase
    elif not card.onward and phase_index:
        onward = f'<dd class="jm-bad">{card.onward}</dd>'
    else:
        onward = f"<dd>{card.onward}</dd>"
    if card.clicks is None:
        clicks = f'<span class="jm-bad">{L["unreachable"]}</span>'
    else:
        clicks = str(card.clicks)
    extra = ""
    if card.views is not None:
        extra += (
            f'<div class="jm-views"><dt>{L["views"]}</dt><dd>{card.views}</dd></div>'
        )
    if card.persona_labels:
        extra += (
            f"<div><dt>{L['personas']}</dt>"
            f"<dd>{', '.join(map(esc, card.persona_labels))}</dd></div>"
        )
    elif personas_on:
        extra += f"<div><dt>{L['personas']}</dt><dd>{L['for-all']}</dd></div>"
    if card.phases:
        extra += (
            f"<div><dt>{L['all-phases']}</dt>"
            f"<dd>{', '.join(map(esc, card.phases))}</dd></div>"
        )
    flagged = " jm-card--flagged" if card.findings else ""
    head = (
        f'<li class="jm-card{flagged}" '
        f'data-personas="{" ".join(map(esc, card.personas))}">\n'
        '  <h4 class="jm-card__title">'
    )
    return head, (
        "</h4>\n"
        f'  <p class="jm-card__meta">{meta}</p>\n'
        '  <dl class="jm-facts">\n'
        f"    <div><dt>{L['cta']}</dt><dd>{cta}</dd></div>\n"
        f"    <div><dt>{L['onward']}</dt>{onward}</div>\n"
        f"    <div><dt>{L['clicks']}</dt><dd>{clicks}</dd></div>\n"
        f"{extra}  </dl>\n"
        f"  {_findings_html(card.findings, L) if card.findings else ''}\n"
        "</li>\n"
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
    documents: list[tuple[Document, Card]] = []
    make_card = _card_maker(analysis, link, by_source)

    def card_of(doc: Document) -> Card:
        """One card per document, wherever the map shows it."""
        card = made.get(id(doc))
        if card is None:
            card = made[id(doc)] = make_card(doc)
            documents.append((doc, card))
        return card

    in_phase: dict[str, list[Document]] = {phase.id: [] for phase in model.phases}
    for doc in counted:
        phases = doc.phases
        if len(phases) == 1:  # most documents
            in_phase[phases[0].id].append(doc)
            continue
        for phase_id in dict.fromkeys(p.id for p in phases):
            in_phase[phase_id].append(doc)
    columns = []
    for phase in model.phases:
        docs = in_phase[phase.id]
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
    labels = {key: label(key, lang) for key in LABELS}
    escaped = {key: str(escape(value)) for key, value in labels.items()}
    for column in columns:
        column.findings_html = _findings_html(column.findings, escaped)

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

    # The same helpers the dead-end and contact-depth rules decide with.
    dead = dead_ends(index, graph)
    nearest = nearest_contact(index, graph)
    contact = card_of(nearest[0]) if nearest is not None else None

    return MapView(
        lang=lang,
        site=str(index.context.get("SITENAME", "") or ""),
        model=" → ".join(p.label(lang) for p in model.phases),
        summary=analysis.summary(),
        phases=columns,
        untagged=untagged,
        personas=personas,
        flows=flows,
        svg=_flow_svg(model.phases, raw_flows, lang),
        dead_ends=[card_of(d) for d in dead],
        orphans=[card_of(d) for d in graph.orphans(counted)],
        contact=contact,
        contact_exists=nearest is not None,
        site_findings=site_findings,
        labels=labels,
        site_findings_html=_findings_html(site_findings, escaped, show_source=True),
        html_labels=escaped,
        documents=documents,
        funnel=_funnel(analysis),
        actions=plan_actions(analysis.findings, counted, model, lang),
    )


def _funnel(analysis: Analysis) -> dict[str, Any] | None:
    analytics = analysis.index.analytics
    if analytics is None:
        return None
    config = analysis.config
    max_rate = config.rules["drop-off"].options["max_rate"]
    return funnel_view(analytics, config.model, config.lang, max_rate)


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


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's own cache of compiled templates, in Jinja's per-user folder.

    A build compiles the map's templates once per process (~60 ms at every
    build, for the same few files). Jinja keeps the compiled code in files
    checked against the template's source, Jinja's own version and
    Python's, as Python keeps ``__pycache__``; a later build loads it. A
    folder that cannot be written only means compiling again.
    """

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    try:
        return _BytecodeCache()
    except (OSError, RuntimeError):  # no temporary folder, or an unsafe one
        return None


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(REPORT_TEMPLATES)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        bytecode_cache=_bytecode_cache(),
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


def map_file(
    analysis: Analysis, folder: Path, for_site: bool | None = None
) -> tuple[str, Iterator[str]]:
    """The map as a (file name, chunks) pair for a report set in ``folder``.

    When the in-site map follows (``for_site``; by default with
    ``JOURNEY_MAP_IN_SITE``) its view is kept for :func:`publish_in_site` of
    the same analysis, which only gives the cards the site's links: the
    cards' HTML is kept with it, so the in-site map writes none again.
    """
    view = build_view(analysis, _report_linker(analysis, Path(folder)))
    if analysis.config.map_in_site if for_site is None else for_site:
        view.keep_cards = True
        _FOR_SITE.clear()
        _FOR_SITE[id(analysis)] = view
        weakref.finalize(analysis, _FOR_SITE.pop, id(analysis), None)
    template = _map_environment().get_template(MAP_FILE)
    return MAP_FILE, template.generate(map=view, standalone=True)


# The report map's view, by analysis, until the in-site map takes it.
_FOR_SITE: dict[int, MapView] = {}


def _site_view(analysis: Analysis) -> MapView:
    """The view for the in-site map: the report map's, relinked, else a new one.

    The report map is written by then (:func:`map_file`), so its cards can
    take the site's links.
    """
    view = _FOR_SITE.pop(id(analysis), None)
    if view is None:
        return build_view(analysis, _site_linker)
    view.keep_cards = False  # the cards' kept HTML is taken as it is written
    for doc, card in view.documents:
        href = card.href = _href(doc, _site_linker)
        # a link the site linker quoted (not one it kept as it is) is HTML-safe
        safe = href is not None and not href.startswith(_KEPT_AS_IS)
        card.link = _title_link(card.title, href, safe)
    return view


def write_map(analysis: Analysis, path: Path) -> Path:
    """Write the self-contained ``journey-map.html`` to ``path``, atomically."""
    path = Path(path)
    write_atomic(path, render_map(analysis, _report_linker(analysis, path.parent)))
    return path


# The in-site page: the theme's base.html around the map. Compiled in
# Pelican's own environment (its loaders, filters, tests and cache: base.html
# is compiled once for the map and the site), with the map's parts rendered
# by the map's own autoescaping environment and passed in as markup, so the
# theme's autoescape setting cannot change them.
_SITE_PAGE = (
    '{% extends "base.html" %}'
    "{% block title %}{{ journey_map_title }}{% endblock %}"
    "{% block content %}\n<style>\n{{ journey_map_css }}</style>\n"
    "{{ journey_map_body }}{% endblock %}"
)


# Stands for the map's body in the theme's page; the body is streamed in its
# place (a 1,000-page map is ~1 MB: never held as one string).
_BODY_MARK = "\x1fjourney-map-body\x1f"


def _site_parts(view: MapView) -> dict[str, Markup]:
    """The in-site page's title and stylesheet, and the body's place."""
    env = _map_environment()
    title = view.labels["title"] + (f" · {view.site}" if view.site else "")
    return {
        "journey_map_title": escape(title),
        "journey_map_css": Markup(env.get_template("journey-map.css").render(map=view)),
        "journey_map_body": Markup(_BODY_MARK),
    }


def _with_body(chunks: Iterable[str], view: MapView) -> Iterator[str]:
    """The theme's page with the map's body streamed where the mark is."""
    template = _map_environment().get_template("journey-map-body.html")
    for chunk in chunks:
        rest = chunk
        while _BODY_MARK in rest:  # a theme may show its content block twice
            before, rest = rest.split(_BODY_MARK, 1)
            yield before
            yield from template.generate(map=view, standalone=False)
        yield rest


def publish_in_site(analysis: Analysis, env: jinja2.Environment) -> Path:
    """Write the map to ``OUTPUT_PATH/journey-map/index.html`` (module doc).

    ``env`` is the Jinja environment Pelican's generators render the theme
    with. A theme that cannot show the map is logged (one line) and the
    self-contained page is written instead.
    """
    context = dict(analysis.index.context)
    output = Path(str(context.get("OUTPUT_PATH", "output")))
    if not output.is_absolute():
        output = analysis.config.base_dir / output
    path = output / SITE_MAP_PATH
    view = _site_view(analysis)
    if context.get("RELATIVE_URLS"):
        context["SITEURL"] = ".."
    seen: list[bool] = []

    def watched(chunks: Iterable[str]) -> Iterator[str]:
        rest = iter(chunks)
        for chunk in rest:
            if MARKER in chunk:
                seen.append(True)
                yield chunk
                break
            yield chunk
        # Once the map is seen, the rest (most of a ~1 MB page) is passed on
        # as it is: not searched, not a step of this generator per chunk.
        yield from rest

    try:
        template = env.from_string(_SITE_PAGE)
        write_atomic(
            path,
            watched(
                _with_body(
                    template.generate(
                        {
                            **context,
                            **_site_parts(view),
                            "map": view,  # for a theme that shows more of it
                            "standalone": False,
                            "output_file": SITE_MAP_PATH,
                        }
                    ),
                    view,
                )
            ),
        )
    except OSError:
        raise
    except Exception as error:  # noqa: BLE001 - any error of a theme's template
        seen.clear()
        logger.warning(
            "%s",
            text(
                "in-site-map-failed",
                analysis.config.lang,
                error=f"{type(error).__name__}: {error}",
            ),
        )
    if not seen:
        template = _map_environment().get_template(MAP_FILE)
        write_atomic(path, template.generate(map=view, standalone=True))
    return path
