"""Where the plugin leans on Pelican internals: every such hook, in one module.

Each hook is motivated and each can break silently when Pelican changes, so
they live here, import nothing else of the plugin, and ``test_pelican_compat``
pins what they rely on:

- :func:`settings_file_from_stack`: Pelican's settings dict does not record
  the file it came from; the ``args`` of ``pelican.get_instance`` /
  ``pelican.autoreload`` on the call stack do (relative ``JOURNEY_*`` paths
  start from that file's folder);
- :func:`in_server_mode`: whether the build runs under ``pelican
  --autoreload`` / ``--listen`` (then failing findings and wrong settings do
  not stop the server), read from the call stack, including the command's
  ``args`` while ``pelican -r`` makes its first instance;
- :func:`registering_settings`: Pelican replaces ``PLUGINS`` with the names
  of the loaded plugins right after registering them, so an unset
  ``PLUGINS`` (every installed namespace plugin) looks like ``["journey"]``
  later; the settings of the instance that calls ``register()`` still show
  what the site wrote;
- :func:`allow_repeated_warnings`: Pelican's loggers drop a message already
  logged once in the process; a finding must be reported on every build;
- :class:`Attacher`: per-build subclasses of Pelican's content classes that
  carry ``.journey`` and the injected block (below).

Journey data and injected blocks on Pelican's content objects
-------------------------------------------------------------

Pelican content objects carry some sixty attributes; adding even one more to
each grows every instance dictionary (about 1.2 KB a page). So nothing is
added to them. Instead, for each build, every content object's class is
swapped for a subclass of it that also derives from :class:`JourneyContent`;
the subclass holds the build's per-object state in a class attribute, and
serves ``.journey`` and the content with the injected block from there.

The swap changes no behaviour of the object beyond that: the subclass has the
original class's name, ``isinstance`` still holds, Pelican's memoized content
stays as Pelican made it, and an object pickles as its plain class with its
own attributes only, so no cache ever holds journey data or the block. A new
build makes new subclasses with fresh state: nothing carries over between
``--autoreload`` runs, and attaching twice never doubles a block.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from .render.views import PageJourney

# Pelican functions whose frames hold the command's ``args``.
SETTINGS_FRAMES = frozenset({"get_instance", "autoreload"})


def settings_file_from_stack() -> Path | None:
    """The ``-s`` settings file of a ``pelican`` command run, if any."""
    frame: FrameType | None = sys._getframe()
    while frame is not None:
        if frame.f_code.co_name in SETTINGS_FRAMES:
            args = frame.f_locals.get("args")
            settings_file = getattr(args, "settings", None)
            if settings_file:
                return Path(settings_file).resolve()
        frame = frame.f_back
    return None


def command_args() -> Any:
    """The parsed ``pelican`` command line of this run, if any."""
    frame: FrameType | None = sys._getframe()
    while frame is not None:
        if frame.f_code.co_name in SETTINGS_FRAMES:
            args = frame.f_locals.get("args")
            if args is not None:
                return args
        frame = frame.f_back
    return None


def autoreloading() -> bool:
    """Whether the ``pelican`` command runs with ``--autoreload``."""
    return bool(getattr(command_args(), "autoreload", False))


def in_server_mode() -> bool:
    """Whether this build runs under ``pelican --autoreload`` or ``--listen``.

    Also true while ``pelican -r``/``-l`` makes its first instance, before the
    autoreload loop (or its child process) has started: an exit there would
    end the server too.
    """
    import pelican  # noqa: PLC0415 - the package, for its functions' code objects

    codes = {pelican.autoreload.__code__, pelican.listen.__code__}
    frame: FrameType | None = sys._getframe()
    while frame is not None:
        if frame.f_code in codes:
            return True
        frame = frame.f_back
    args = command_args()
    return bool(getattr(args, "autoreload", False) or getattr(args, "listen", False))


def registering_settings() -> dict[str, Any] | None:
    """The settings of the Pelican instance now registering its plugins."""
    frame: FrameType | None = sys._getframe()
    while frame is not None:
        if frame.f_code.co_name == "init_plugins":
            settings = getattr(frame.f_locals.get("self"), "settings", None)
            return settings if isinstance(settings, dict) else None
        frame = frame.f_back
    return None


def allow_repeated_warnings(logger: logging.Logger) -> None:
    """Let ``logger`` log the same message on every build.

    Pelican's logger class offers ``disable_filter()``; a logger made before
    Pelican set its class gets its ``LimitFilter`` removed by class name.
    """
    disable = getattr(logger, "disable_filter", None)
    if callable(disable):
        disable()
    for found in list(logger.filters):
        if type(found).__name__ == "LimitFilter":
            logger.removeFilter(found)


# Stands for SITEURL in an injected block: see :func:`with_siteurl`.
SITEURL_MARK = "\x1fjourney-siteurl\x1f"


# A page's injected block: the HTML (with SITEURL_MARK for the site URL), or
# what renders it for the content object each time the content is asked for.
# A block: its HTML (with SITEURL_MARK), or a function of the content object
# and the rendering's site URL that gives the final HTML.
Block = str | Callable[[Any, str], str]


@dataclass(slots=True)
class BuildState:
    """The journey data and injected blocks of one build's content objects.

    Keyed by ``id()`` of the content object, in two flat tables rather than an
    object per page: a large site keeps them to the end of its build, and the
    values (journeys, built-in blocks) are mostly shared between pages.
    """

    journeys: dict[int, PageJourney] = field(default_factory=dict)
    blocks: dict[int, Block] = field(default_factory=dict)
    lead: str = ""  # put between the content and its block
    style: str = ""  # the shared <style> element before every shown block, if any
    summarising: set[int] = field(default_factory=set)  # get_summary under way


def with_siteurl(html: str, siteurl: str) -> str:
    """``html`` rendered with :data:`SITEURL_MARK`, for one rendering's URL.

    ``{{ SITEURL }}/{{ url }}`` becomes what Pelican's own ``{filename}``
    replacement would write: relative (``../x.html``) with RELATIVE_URLS,
    else below ``SITEURL`` (``/x.html`` when it is empty).
    """
    prefix = siteurl if siteurl.endswith("/") else siteurl + "/"
    return html.replace(SITEURL_MARK + "/", prefix).replace(SITEURL_MARK, siteurl)


class JourneyContent:
    """Mixin put in front of a content object's class for one build."""

    _journey_build: ClassVar[BuildState] = BuildState()

    @property
    def journey(self) -> PageJourney:
        return type(self)._journey_build.journeys[id(self)]

    def get_content(self, siteurl: str) -> str:
        return self._with_block(siteurl, styled=False)

    @property
    def content(self) -> str:
        """The content as templates show it: with the block's stylesheet.

        Pelican's feed writer asks ``get_content()`` itself: feeds get the
        block without the stylesheet (feed readers drop ``<style>``; it would
        cost 1.6 KB in every entry of every feed).
        """
        return self._with_block(self.get_siteurl(), styled=True)  # type: ignore[attr-defined]

    def _with_block(self, siteurl: str, *, styled: bool) -> str:
        content: str = super().get_content(siteurl)  # type: ignore[misc]
        build = type(self)._journey_build
        key = id(self)
        block = build.blocks.get(key)
        if not block or key in build.summarising:
            return content
        # Rendered when asked (once per written page, mostly), not kept per
        # page until the build ends: the memory budget (SPEC §9).
        if isinstance(block, str):
            html = with_siteurl(block, siteurl)
        else:
            html = block(self, siteurl)
        style = build.style if styled else ""
        return content + build.lead + style + html

    def get_summary(self, siteurl: str) -> str:
        build = type(self)._journey_build
        key = id(self)
        if not build.blocks.get(key):
            return super().get_summary(siteurl)  # type: ignore[misc]
        build.summarising.add(key)
        try:
            return super().get_summary(siteurl)  # type: ignore[misc]
        finally:
            build.summarising.discard(key)

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        return (_plain, (plain_class(type(self)), dict(self.__dict__)))


def plain_class(cls: type) -> type:
    """The content class without the journey mixin."""
    if not issubclass(cls, JourneyContent):
        return cls
    return next(
        c for c in cls.__mro__[1:] if c is not JourneyContent and c is not object
    )


def _plain(cls: Any, state: dict[str, Any]) -> Any:
    obj = cls.__new__(cls)
    obj.__dict__.update(state)
    return obj


class Attacher:
    """Gives the content objects of one build their journey state."""

    def __init__(self) -> None:
        self.build = BuildState()
        self._classes: dict[type, type] = {}

    def _class_for(self, cls: type) -> type:
        base = plain_class(cls)
        sub = self._classes.get(base)
        if sub is None:
            sub = type(
                base.__name__,
                (JourneyContent, base),
                {
                    "__module__": base.__module__,
                    "__qualname__": base.__qualname__,
                    "_journey_build": self.build,
                },
            )
            self._classes[base] = sub
        return sub

    def prepare(self, objects: Iterable[Any], journey: PageJourney) -> None:
        """Swap the classes of this build's content objects before the analysis.

        Each object's state (its entries in the build's tables, and the
        instance dictionary Python makes when an object changes class) is
        made here, before the analysis's working data, not in the middle of
        it: memory that lives to the end of the build is not scattered
        between memory the analysis frees (SPEC §9). ``journey`` stands in
        until :meth:`attach` gives each object its own.
        """
        for obj in objects:
            self.attach(obj, journey)

    def detach(self, objects: Iterable[Any], journey: PageJourney) -> None:
        """Give back their plain classes to ``objects`` still with ``journey``.

        For an analysis that failed before it made their own views.
        """
        journeys, blocks = self.build.journeys, self.build.blocks
        for obj in objects:
            key = id(obj)
            if journeys.get(key) is journey:
                obj.__class__ = plain_class(type(obj))
                del journeys[key]
                blocks.pop(key, None)

    def attach(self, obj: Any, journey: PageJourney) -> None:
        """Give ``obj`` its ``.journey`` for this build (no block yet)."""
        obj.__class__ = self._class_for(type(obj))
        key = id(obj)  # one int for both tables: set_block keeps this key
        self.build.journeys[key] = journey
        self.build.blocks[key] = ""


def set_block(obj: Any, html: Block, lead: str = "", style: str = "") -> None:
    """Make ``obj``'s content end with ``lead``, ``style`` and ``html``.

    ``html`` is the block, or a function that renders it for ``obj`` and a
    site URL (never empty) each time the content is asked for; one such
    function may serve many pages. Replaces any earlier block. ``lead`` and
    ``style`` (the block's stylesheet, left out of feeds: see
    ``JourneyContent.content``) are shared by all pages of the build (not
    copied into each block: a build keeps every block to its end).
    """
    build = type(obj)._journey_build
    build.blocks[id(obj)] = html
    build.lead = lead
    build.style = style
