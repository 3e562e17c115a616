"""Content injection: the CTA and next steps at the end of a page's content.

``JOURNEY_INJECT``:

- ``"auto"``: for each content template (``article``, ``page`` or a
  ``Template:`` of the page) and each partial (``journey/cta.html``,
  ``journey/next.html``), the plugin looks once per build whether the theme's
  template sources use that partial, following ``extends``/``include``/
  ``import``. What the theme renders itself is left to the theme; the rest is
  added to the content.
- ``"content"``: always added to the content; ``"theme"`` and ``False``: never
  (with ``"theme"``, a theme whose article and page templates do not use
  ``journey/cta.html`` gets one warning).

The block is made once per page: with the theme's own ``journey/<name>.html``
if it ships one, else by :func:`cta_html`/:func:`next_html`, which write what
the plugin's partial templates write (a test holds them to it; only the
landmark elements differ, see there) without a Jinja render per page. Its
links carry a mark for ``SITEURL``: each time Pelican asks for the content,
the mark becomes the site URL of that rendering (relative with
RELATIVE_URLS), so links are right on the page itself, on index pages that
show full content and in feeds. These are the URLs Pelican's ``{filename}``
replacement gives, for a string replace instead of Pelican's lookup per link
and rendering (which cost more than the rest of injection).

The content object is not changed (see ``content.py``): its per-build class
appends the block in ``get_content`` (the memoized content stays as Pelican
made it) and makes the summary from the content without the block, so index
pages never show it. Setting the block is idempotent, so it appears exactly
once also with content caching and under ``--autoreload``; the object
pickles as its plain Pelican class, so no cache ever holds the block.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, TemplateError
from markupsafe import escape as _markup_escape

from ..model.records import FrozenRecord
from ..model.text import text
from ..pelican_compat import SITEURL_MARK, set_block, with_siteurl
from ..site.index import Document, content_key
from .views import LinkStep, link_step

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..site.index import SiteIndex
    from ..site.links import Target
    from .views import PageJourney

logger = logging.getLogger("pelican.plugins.journey")

TEMPLATES = Path(__file__).parent / "templates"
PARTIALS = ("journey/cta.html", "journey/next.html")
STYLE_FILE = Path(__file__).parent / "style.css"
_CSS_COMMENT_RE = re.compile(r"/\*.*?\*/", re.S)


@functools.cache
def style_html() -> str:
    """The scoped stylesheet of injected blocks as one ``<style>`` element.

    Read once; comments dropped and whitespace folded (a few hundred bytes
    per page).
    """
    css = _CSS_COMMENT_RE.sub("", STYLE_FILE.read_text(encoding="utf-8"))
    css = re.sub(r"\s*([{};,>])\s*", r"\1", " ".join(css.split()))
    css = css.replace(": ", ":")
    return f'<style data-journey-style="">{css}</style>\n'


class ThemeUse:
    """Which journey partials each content template of the theme renders.

    Template sources are read through the theme's Jinja loader and scanned as
    text: a partial's name in a template, or in a template it extends,
    includes or imports, counts as used. Each template is read at most once
    per build.
    """

    def __init__(self, env: Environment, extensions: Iterable[str]) -> None:
        self.env = env
        self.extensions = tuple(extensions)
        self._by_template: dict[str, frozenset[str]] = {}
        start, end = re.escape(env.block_start_string), re.escape(env.block_end_string)
        self._tag_re = re.compile(
            start + r"[-+]?\s*(?:extends|include|import|from)\b(.*?)" + end, re.S
        )

    def source(self, name: str) -> tuple[str, str | None] | None:
        """(source, file name) of template ``name``, or None."""
        loader = self.env.loader
        if loader is None:
            return None
        try:
            text, filename, _ = loader.get_source(self.env, name)
        except TemplateError:
            return None
        return text, filename

    def _walk(self, name: str) -> frozenset[str]:
        """The partials used by template file ``name`` and what it references."""
        found: set[str] = set()
        seen: set[str] = set()
        todo = [name]
        while todo:
            current = todo.pop()
            if current in seen or current.startswith("journey/"):
                continue
            seen.add(current)
            source = self.source(current)
            if source is None:
                continue
            text = source[0]
            found.update(p for p in PARTIALS if p in text)
            if CONTENT not in found and _CONTENT_RE.search(text):
                found.add(CONTENT)
            for tag in self._tag_re.findall(text):
                todo.extend(_QUOTED_RE.findall(tag))
        return frozenset(found)

    def partials(self, template: str) -> frozenset[str]:
        """The partials the content template ``template`` (no extension) uses.

        Also :data:`CONTENT` when it prints the content; a template that
        cannot be read counts as printing it (nothing is claimed unseen).
        """
        used = self._by_template.get(template)
        if used is None:
            used = frozenset({CONTENT})
            for ext in self.extensions:
                if self.source(template + ext) is not None:
                    used = self._walk(template + ext)
                    break
            self._by_template[template] = used
        return used

    def override(self, partial: str) -> bool:
        """Whether the theme ships its own copy of ``partial``."""
        found = self.source(partial)
        if found is None or found[1] is None:
            return False
        return not Path(found[1]).resolve().is_relative_to(TEMPLATES.resolve())


_QUOTED_RE = re.compile(r"""["']([^"']+)["']""")
# A template that prints the content: page.content, article.get_content(…) …
_CONTENT_RE = re.compile(r"""\.content\b|get_content\s*\(|\[\s*["']content["']\s*\]""")
CONTENT = "content"  # marks a template (chain) that prints the content


# The injected block has the classes, data attributes, ARIA labels and text of
# the partials, on <div role="complementary"> and <div role="navigation">
# instead of <aside> and <nav>: the same landmarks for assistive technology,
# but out of reach of the host theme's CSS for its own sidebar and menu
# (e.g. reflex fixes every <aside> to the left edge of the screen and hides
# text in <main nav>).
_ID_RE = re.compile(r"[^A-Za-z0-9_-]+")
_SPECIAL_RE = re.compile(r"[&<>\"']")


def escape(value: str) -> str:
    """``markupsafe.escape`` as a plain string, at C speed for plain text.

    A block is rendered each time Pelican asks for a page's content, and
    most of what it escapes (titles, labels, URLs) has nothing to escape.
    """
    return str(_markup_escape(value)) if _SPECIAL_RE.search(value) else value


def cta_html(journey: PageJourney, key: str) -> str:
    """The CTA block for content (see ``journey/cta.html``).

    ``key`` (the source path) makes the heading id unique on pages that show
    the full content of several articles.
    """
    return _cta_html(journey, cta_ident(key))


def cta_ident(key: str) -> str:
    """The id of the CTA's question on the page of source path ``key``."""
    return "journey-cta-title-" + _ID_RE.sub("-", key)


def _cta_html(journey: PageJourney, ident: str) -> str:
    cta, phase = journey.cta, journey.phase
    if cta is None or phase is None:
        return ""
    external = cta.external or cta.url.startswith("#")
    href = cta.url if external else f"{SITEURL_MARK}/{cta.url}"
    question = phase.question or text("cta-title", journey.lang)
    return (
        f'<div class="journey-cta" role="complementary" '
        f'data-journey-phase="{phase.id}" aria-labelledby="{ident}">\n'
        f'  <p class="journey-cta__question" id="{ident}">'
        f"{escape(question)}</p>\n"
        f'  <a class="journey-cta__link" href="{escape(href)}">'
        f"{escape(cta.label)}</a>\n"
        "</div>\n"
    )


def _step_href(step: Any) -> str:
    if getattr(step, "external", False):
        return escape(step.url)
    return f"{SITEURL_MARK}/{escape(step.url)}"


def next_html(journey: PageJourney, steps: Iterable[Document | LinkStep]) -> str:
    """The next-step block for content (see ``journey/next.html``).

    Link texts are the plain titles (a title formatted by Markdown would put
    a ``<p>`` inside the ``<a>``).
    """
    items = "".join(
        f'    <li><a href="{_step_href(d)}">{escape(d.title)}</a></li>\n' for d in steps
    )
    if not items or journey.phase is None:
        return ""
    title = escape(text("next-title", journey.lang))
    return (
        f'<div class="journey-next" role="navigation" '
        f'data-journey-phase="{journey.phase.id}" aria-label="{title}">\n'
        f'  <h2 class="journey-next__title">{title}</h2>\n'
        '  <ul class="journey-next__list">\n'
        f"{items}"
        "  </ul>\n"
        "</div>\n"
    )


def next_links(doc: Document) -> tuple[LinkStep, ...]:
    """A page's next steps as links, with the index's URLs and plain titles."""
    return tuple(
        LinkStep(url=step.url, title=step.title)
        if isinstance(step, Document)
        else link_step(step)
        for step in doc.next_steps
    )


class BuiltinBlock(FrozenRecord):
    """A block from the plugin's own partials, rendered when asked.

    Holds only what the block shows besides the page's own ``journey`` view
    (whether it has the CTA, and the next steps as links), not the index:
    the block is made each time Pelican asks for a page's content instead
    of being kept, made, for every page until the build ends (memory
    budget, SPEC §9). Pages with the same next steps share one block
    (:class:`Blocks`), and their next steps are written once per phase and
    language (``_next``: ~160 for the 1,000-document benchmark site, 75 KB);
    each page only gets its own CTA, with its id (noted once per page, a
    few dozen bytes, when the block is set). The steps' URLs are the
    index's: asking a Pelican content object for its ``url`` computes it
    again each time.
    """

    __slots__ = ("_idents", "_next", "cta", "steps")
    # Equality and hash compare these; the two caches below take no part.
    _fields = ("cta", "steps")
    cta: bool
    steps: tuple[LinkStep, ...]
    # The next steps' HTML, by the page's phase and language: a block's pages
    # are mostly of one phase and language, so this stays a few hundred
    # bytes a block (the CTA, which differs from page to page, is written
    # for each rendering).
    _next: dict[tuple[int, str], str]
    # The CTA's id on each page (by ``id()`` of the content object), shared by
    # the build's blocks (:class:`Blocks`): made once per page, not per
    # rendering (feeds ask for an article's content again).
    _idents: dict[int, str]

    __repr__ = object.__repr__  # as the dataclass it was (repr=False)

    def __init__(
        self,
        cta: bool,
        steps: tuple[LinkStep, ...],
        _next: dict[tuple[int, str], str] | None = None,
        _idents: dict[int, str] | None = None,
    ) -> None:
        set_field = object.__setattr__
        set_field(self, "cta", cta)
        set_field(self, "steps", steps)
        set_field(self, "_next", {} if _next is None else _next)
        set_field(self, "_idents", {} if _idents is None else _idents)

    def replace(self, **changes: Any) -> BuiltinBlock:
        """A copy with ``changes`` (``dataclasses.replace``: the caches too)."""
        values = {name: getattr(self, name) for name in self._all}
        values.update(changes)
        return BuiltinBlock(**values)

    _all = ("cta", "steps", "_next", "_idents")

    def __getstate__(self) -> list[Any]:  # copy and pickle: all four
        return [getattr(self, name) for name in self._all]

    def __setstate__(self, state: list[Any]) -> None:
        for name, value in zip(self._all, state, strict=True):
            object.__setattr__(self, name, value)

    def __call__(self, content: Any, siteurl: str) -> str:
        """The block of the content object ``content`` (which has ``journey``)."""
        journey = content.journey
        steps = ""
        if self.steps:
            key = (id(journey.phase), journey.lang)
            steps = self._next.get(key) or self._next.setdefault(
                key, next_html(journey, self.steps)
            )
        cta = ""
        if self.cta:
            ident = self._idents.get(id(content))
            if ident is None:
                ident = cta_ident(content_key(content))
            cta = _cta_html(journey, ident)
        return with_siteurl((cta + steps).strip() + "\n", siteurl)


class Blocks:
    """The built-in blocks of one build: each distinct one made once."""

    def __init__(self) -> None:
        self._made: dict[tuple[Any, ...], Any] = {}
        self._lists: dict[int, tuple[list[Any], tuple[LinkStep, ...]]] = {}
        # id() of a page's content object -> its CTA's id (BuiltinBlock._idents)
        self._idents: dict[int, str] = {}

    def _one(self, key: tuple[Any, ...], make: Any) -> Any:
        found = self._made.get(key)
        if found is None:
            found = self._made[key] = make()
        return found

    def of(self, doc: Document, wanted: Iterable[str]) -> BuiltinBlock | None:
        """The block of ``doc``; ``None`` when it would be empty."""
        wanted = tuple(wanted)
        journey = doc.content.journey
        if journey.phase is None:
            return None
        cta = PARTIALS[0] in wanted and journey.cta is not None
        steps: tuple[LinkStep, ...] = ()
        if PARTIALS[1] in wanted:
            steps = self._steps_of(doc.next_steps)
        if not cta and not steps:
            return None
        if cta:  # doc.key is content_key(doc.content)
            self._idents[id(doc.content)] = cta_ident(doc.key)
        return self._one(
            ("block", cta, id(steps)),
            lambda: BuiltinBlock(cta, steps, _idents=self._idents),
        )

    def _steps_of(self, listed: list[Document | Target]) -> tuple[LinkStep, ...]:
        """The links of a list of next steps, made once per list.

        Pages share their next-step lists (``plan.py``: never changed), so
        most lists are seen by many pages.
        """
        known = self._lists.get(id(listed))
        if known is not None and known[0] is listed:
            return known[1]
        steps = self._links(listed)
        self._lists[id(listed)] = (listed, steps)  # the list kept: its id its own
        return steps

    def _links(self, listed: list[Document | Target]) -> tuple[LinkStep, ...]:
        """The links of next steps, each link and each distinct tuple made once."""
        steps = tuple(
            self._one(
                ("page", step.url, step.title),
                lambda step=step: LinkStep(url=step.url, title=step.title),
            )
            if isinstance(step, Document)
            else self._one(
                ("link", step.url, step.external), lambda step=step: link_step(step)
            )
            for step in listed
        )
        found: tuple[LinkStep, ...] = self._one(
            ("steps", *map(id, steps)), lambda: steps
        )
        return found


class Renderer:
    """Renders a page's block: the theme's partial if it ships one, else ours."""

    def __init__(self, generator: Any, use: ThemeUse, analysis: Analysis) -> None:
        overridden = [p for p in PARTIALS if use.override(p)]
        self.templates = {p: generator.env.get_template(p) for p in overridden}
        self.values: dict[str, Any] = {}
        if self.templates:
            self.values = {
                **generator.context,
                "JOURNEY": analysis.journey,
                "SITEURL": SITEURL_MARK,
            }

    def render(self, doc: Document, partials: Iterable[str]) -> str:
        parts = []
        for partial in partials:
            template = self.templates.get(partial)
            if template is not None:
                parts.append(template.render(self.values, **{doc.kind: doc.content}))
            elif partial == PARTIALS[0]:
                parts.append(cta_html(doc.content.journey, doc.key))
            else:
                parts.append(next_html(doc.content.journey, next_links(doc)))
        return "".join(parts).strip()


def _template_env(generators: Iterable[Any]) -> Any | None:
    """A generator with the theme's Jinja environment (articles or pages)."""
    return next(
        (g for g in generators if hasattr(g, "env") and hasattr(g, "get_template")),
        None,
    )


def mark_unseen(generators: Iterable[Any], index: SiteIndex) -> None:
    """Note on each page what its template never shows (``Document.unseen``).

    A ``Template:`` whose source (with what it extends and includes) never
    prints the content hides the page's own links, and the CTA and next
    steps when they would be added to the content. Decided once per
    template name; the link graph then counts only what a visitor can see.
    """
    mode = index.config.inject
    generator = _template_env(generators)
    if generator is None:
        return
    extensions = generator.settings.get("TEMPLATE_EXTENSIONS", [".html"])
    use = ThemeUse(generator.env, extensions)
    by_template: dict[str, frozenset[str]] = {}
    for doc in index.documents:
        if doc.status == "draft":
            continue
        template = str(getattr(doc.content, "template", doc.kind) or doc.kind)
        unseen = by_template.get(template)
        if unseen is None:
            used = use.partials(template)
            unseen = frozenset()
            if CONTENT not in used:
                # Blocks the theme does not render would go into the content.
                themed = used if mode in ("auto", "theme") else frozenset()
                unseen = frozenset({CONTENT, *(p for p in PARTIALS if p not in themed)})
            by_template[template] = unseen
        doc.unseen = unseen


def inject(generators: Iterable[Any], analysis: Analysis) -> None:
    """Add the CTA and next-step block to each tagged page as configured."""
    mode = analysis.config.inject
    if mode is False:
        return
    generator = _template_env(generators)
    if generator is None:
        return
    settings = generator.settings
    use = ThemeUse(generator.env, settings.get("TEMPLATE_EXTENSIONS", [".html"]))
    if mode == "theme":
        missing = [t for t in ("article", "page") if PARTIALS[0] not in use.partials(t)]
        if len(missing) == 2:
            logger.warning(
                "%s",
                text(
                    "inject-theme-without-partials",
                    analysis.config.lang,
                    templates=", ".join(missing),
                ),
            )
        return
    renderer = Renderer(generator, use, analysis)
    blocks = Blocks()
    # Shared by every page: a newline, then the stylesheet if wanted.
    style = style_html() if analysis.config.inject_style else ""
    for doc in analysis.index.documents:
        if not doc.phases or doc.status == "draft":
            continue
        if doc.cta is None and not doc.next_steps:
            continue
        wanted: tuple[str, ...] = PARTIALS
        if mode == "auto":
            theme = use.partials(str(getattr(doc.content, "template", doc.kind)))
            wanted = tuple(p for p in PARTIALS if p not in theme)
        if not wanted:
            continue
        if renderer.templates:  # the theme's own partials: render them now
            html = renderer.render(doc, wanted)
            if html:
                set_block(doc.content, html + "\n", "\n", style)
            continue
        block = blocks.of(doc, wanted)
        if block is not None:
            set_block(doc.content, block, "\n", style)
