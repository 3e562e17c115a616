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

The block is rendered once per page with the partial templates (the theme's
own ``journey/<name>.html`` if it ships one, else the plugin's) and written
with ``{filename}`` links, so Pelican's own link replacement gives the right
relative or absolute URL on every page that shows the content.

The content object is not changed: its class is swapped for a subclass whose
``get_content`` appends the block (the memoized content stays as Pelican made
it) and whose summary is made from the content without the block, so index
pages never show it. Setting the block is idempotent, so it appears exactly
once also with content caching and under ``--autoreload``; a swapped object
pickles as its plain Pelican class, so no cache ever holds the block.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, TemplateError, meta

from .i18n import text

if TYPE_CHECKING:
    from .analysis import Analysis
    from .index import Document

logger = logging.getLogger("pelican.plugins.journey")

PARTIALS = ("journey/cta.html", "journey/next.html")
# Stands for the site URL in the rendered block; replaced by the URL Pelican
# uses for each rendering (relative with RELATIVE_URLS), as a theme's own
# ``{{ SITEURL }}`` would be.
SITEURL_MARK = "\x1fjourney-siteurl\x1f"
_JOURNEY_ATTRS = ("_journey_block", "_journey_rendered", "_journey_summarising")


class InjectedContent:
    """Mixin put in front of a content object's class by :func:`set_block`."""

    _journey_block: str = ""

    def get_content(self, siteurl: str) -> str:
        content = super().get_content(siteurl)  # type: ignore[misc]
        if self.__dict__.get("_journey_summarising"):
            return content
        rendered = self.__dict__.setdefault("_journey_rendered", {})
        block = rendered.get(siteurl)
        if block is None:
            block = self._update_content(  # type: ignore[attr-defined]
                self._journey_block.replace(SITEURL_MARK, siteurl), siteurl
            )
            rendered[siteurl] = block
        return content + block

    def get_summary(self, siteurl: str) -> str:
        self.__dict__["_journey_summarising"] = True
        try:
            return super().get_summary(siteurl)  # type: ignore[misc]
        finally:
            self.__dict__["_journey_summarising"] = False

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        state = {k: v for k, v in self.__dict__.items() if k not in _JOURNEY_ATTRS}
        return (_plain, (plain_class(type(self)), state))


_SUBCLASSES: dict[type, type] = {}


def plain_class(cls: type) -> type:
    """The content class without the injection mixin."""
    return next(c for c in cls.__mro__[1:] if c is not InjectedContent)


def _plain(cls: type, state: dict[str, Any]) -> Any:
    obj = cls.__new__(cls)
    obj.__dict__.update(state)
    return obj


def _injected_class(cls: type) -> type:
    if issubclass(cls, InjectedContent):
        return cls
    sub = _SUBCLASSES.get(cls)
    if sub is None:
        # Same names as the original class, so messages and templates see an
        # Article or Page; pickling goes through __reduce_ex__, not the name.
        sub = type(
            cls.__name__,
            (InjectedContent, cls),
            {"__module__": cls.__module__, "__qualname__": cls.__qualname__},
        )
        _SUBCLASSES[cls] = sub
    return sub


def set_block(obj: Any, html: str) -> None:
    """Make ``obj``'s content end with ``html`` (replacing any earlier block)."""
    obj.__class__ = _injected_class(type(obj))
    obj.__dict__["_journey_block"] = html
    obj.__dict__["_journey_rendered"] = {}


class ThemeUse:
    """Which journey partials each content template of the theme renders."""

    def __init__(self, env: Environment, extensions: Iterable[str]) -> None:
        self.env = env
        self.extensions = tuple(extensions)
        self._by_template: dict[str, frozenset[str]] = {}

    def _source(self, name: str) -> str | None:
        loader = self.env.loader
        if loader is None:
            return None
        try:
            return loader.get_source(self.env, name)[0]
        except TemplateError:
            return None

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
            source = self._source(current)
            if source is None:
                continue
            found.update(p for p in PARTIALS if p in source)
            try:
                referenced = meta.find_referenced_templates(self.env.parse(source))
            except TemplateError:
                continue
            todo.extend(r for r in referenced if r)
        return frozenset(found)

    def partials(self, template: str) -> frozenset[str]:
        """The partials the content template ``template`` (no extension) uses."""
        used = self._by_template.get(template)
        if used is None:
            used = frozenset()
            for ext in self.extensions:
                if self._source(template + ext) is not None:
                    used = self._walk(template + ext)
                    break
            self._by_template[template] = used
        return used


def _template_env(generators: Iterable[Any]) -> Any | None:
    """A generator with the theme's Jinja environment (articles or pages)."""
    return next(
        (g for g in generators if hasattr(g, "env") and hasattr(g, "get_template")),
        None,
    )


def inject(generators: Iterable[Any], analysis: Analysis) -> None:
    """Add the CTA and next-step block to each tagged page as configured."""
    generators = list(generators)
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
    templates = {name: generator.env.get_template(name) for name in PARTIALS}
    base = {
        **generator.context,
        "JOURNEY": analysis.journey,
        "SITEURL": SITEURL_MARK,
        "JOURNEY_CONTENT_LINKS": True,
    }
    for doc in analysis.index.documents:
        if not doc.phases or doc.status == "draft" or not _has_block(doc):
            continue
        wanted = PARTIALS
        if mode == "auto":
            theme = use.partials(str(getattr(doc.content, "template", doc.kind)))
            wanted = tuple(p for p in PARTIALS if p not in theme)
        if not wanted:
            continue
        values = {**base, doc.kind: doc.content}
        html = "".join(templates[name].render(values) for name in wanted).strip()
        if html:
            set_block(doc.content, "\n" + html + "\n")


def _has_block(doc: Document) -> bool:
    return doc.cta is not None or bool(doc.next)
