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
- :class:`Attacher`: Pelican's content classes serve ``.journey`` and the
  injected block of the objects of the build under way (below).

Journey data and injected blocks on Pelican's content objects
-------------------------------------------------------------

Pelican content objects carry some sixty attributes; adding even one more to
each grows every instance dictionary (about 1.2 KB a page). So nothing is
added to them, and they keep their class: an object whose class is swapped
gets a materialised instance dictionary, and every attribute Pelican's
templates read of it (the ``simple`` theme reads each page's URL settings on
every page) becomes a dictionary lookup, ~1.7% of a build's writing.

Instead, the first build that attaches an object of a content class gives
that class (``Article``, ``Page`` or a plugin's own) four members:
``journey``, ``content``, ``get_content`` and ``get_summary``. They serve the
journey data and the block of the objects attached by the build under way,
kept in one :class:`BuildState` keyed by ``id()``, and fall through to the
class's own members for every other object: an object of an earlier build, a
draft, a class's object in a site without the plugin in the same process.

The build state holds its objects, so an ``id()`` in it is always the
object's own, and the build's analysis holds the state: when the analysis
goes (the end of the build), the objects are plain again. Nothing carries
over between ``--autoreload`` runs, attaching twice never doubles a block,
nested builds (``i18n_subsites`` builds its subsites while the main site
waits to write) each find their own objects, and nothing in an object
pickles journey data or the block. Pelican's memoized content stays as
Pelican made it.
"""

from __future__ import annotations

import logging
import sys
import weakref
from collections.abc import Callable, Iterable
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


class BuildState:
    """The journey data and injected blocks of one build's content objects.

    Keyed by ``id()`` of the content object, in two flat tables rather than an
    object per page: a large site keeps them to the end of its build, and the
    values (journeys, built-in blocks) are mostly shared between pages.
    ``objects`` holds the objects themselves, so no other object can take
    one of their ``id()`` while the state lives. The build's analysis holds
    the state (``Analysis.attached``): it lives as long as the analysis.
    """

    __slots__ = (
        "__weakref__",
        "blocks",
        "journeys",
        "lead",
        "objects",
        "style",
        "summarising",
    )
    _fields: ClassVar[tuple[str, ...]] = (
        "journeys",
        "blocks",
        "objects",
        "lead",
        "style",
        "summarising",
    )
    journeys: dict[int, PageJourney]
    blocks: dict[int, Block]
    objects: list[Any]
    lead: str  # put between the content and its block
    style: str  # the shared <style> element before every shown block, if any
    summarising: set[int]  # get_summary under way

    def __init__(
        self,
        journeys: dict[int, PageJourney] | None = None,
        blocks: dict[int, Block] | None = None,
        objects: list[Any] | None = None,
        lead: str = "",
        style: str = "",
        summarising: set[int] | None = None,
    ) -> None:
        self.journeys = {} if journeys is None else journeys
        self.blocks = {} if blocks is None else blocks
        self.objects = [] if objects is None else objects
        self.lead = lead
        self.style = style
        self.summarising = set() if summarising is None else summarising

    # ``repr`` and ``==`` as the dataclass this was (this module imports
    # nothing of the plugin, so not on the record bases of model/records.py).
    def _values(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in self._fields])

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            assert isinstance(other, BuildState)
            return self._values() == other._values()
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # as a dataclass with eq


# The states of the builds whose analyses live, the latest last. More than
# one with i18n_subsites: the subsites are built (analysed and written) while
# the main site waits to write its own pages.
_LIVE: list[weakref.ref[BuildState]] = []


def build_of(obj: Any) -> BuildState | None:
    """The :class:`BuildState` that ``obj`` is attached to, if any."""
    key = id(obj)
    for ref in reversed(_LIVE):
        build = ref()
        if build is not None and key in build.journeys:
            return build
    return None


def with_siteurl(html: str, siteurl: str) -> str:
    """``html`` rendered with :data:`SITEURL_MARK`, for one rendering's URL.

    ``{{ SITEURL }}/{{ url }}`` becomes what Pelican's own ``{filename}``
    replacement would write: relative (``../x.html``) with RELATIVE_URLS,
    else below ``SITEURL`` (``/x.html`` when it is empty).
    """
    prefix = siteurl if siteurl.endswith("/") else siteurl + "/"
    return html.replace(SITEURL_MARK + "/", prefix).replace(SITEURL_MARK, siteurl)


_MEMBERS = ("journey", "content", "get_content", "get_summary")
# The content classes given the journey members, with what they had before.
_SERVED: dict[type, dict[str, Any]] = {}


def _own(cls: type, name: str) -> Any:
    """The member ``name`` of ``cls`` as its classes define it, not as served.

    A class served earlier stands for what it had before: a subclass of a
    served class never wraps the block twice.
    """
    for klass in cls.__mro__:
        if klass in _SERVED:
            before = _SERVED[klass][name]
            if before is not None:
                return before
        elif name in klass.__dict__:
            return klass.__dict__[name]
    raise AttributeError(name)


_UNSET: Any = object()


def memo_cache(member: Any) -> dict[Any, Any] | None:
    """The cache of a method decorated with Pelican's ``memoized``, else None.

    ``pelican.utils.memoized`` keeps each result under ``(obj, *args)`` in its
    ``cache`` dict and answers later calls from it: a lookup there is what
    the method itself would do, without the bound ``partial`` it makes per
    call (``get_summary`` is asked for on every index page that lists the
    content, ~6.5 times a page of the benchmark site).
    """
    from pelican.utils import memoized  # noqa: PLC0415 - Pelican is loaded by then

    cache = getattr(member, "cache", None)
    return cache if isinstance(member, memoized) and isinstance(cache, dict) else None


def _serve(cls: type) -> None:
    """Give ``cls`` the journey members (once per class and process)."""
    if cls in _SERVED:
        return
    own_get_content = _own(cls, "get_content")
    own_get_summary = _own(cls, "get_summary")
    contents = memo_cache(own_get_content)
    summaries = memo_cache(own_get_summary)
    _SERVED[cls] = {name: cls.__dict__.get(name) for name in _MEMBERS}

    def with_block(self: Any, siteurl: str, styled: bool) -> str:
        content: str = (
            _UNSET if contents is None else contents.get((self, siteurl), _UNSET)
        )
        if content is _UNSET:
            content = own_get_content.__get__(self, type(self))(siteurl)
        build = build_of(self)
        if build is None:
            return content
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

    def journey(self: Any) -> PageJourney:
        build = build_of(self)
        if build is None:
            raise AttributeError(f"{type(self).__name__!r} object has no 'journey'")
        return build.journeys[id(self)]

    def get_content(self: Any, siteurl: str) -> str:
        return with_block(self, siteurl, False)

    def content(self: Any) -> str:
        """The content as templates show it: with the block's stylesheet.

        Pelican's feed writer asks ``get_content()`` itself: feeds get the
        block without the stylesheet (feed readers drop ``<style>``; it would
        cost 1.6 KB in every entry of every feed).
        """
        return with_block(self, self.get_siteurl(), True)

    def get_summary(self: Any, siteurl: str) -> str:
        if summaries is not None:
            # Made before (with the block left out, below): as Pelican keeps it.
            found = summaries.get((self, siteurl), _UNSET)
            if found is not _UNSET:
                return found
        summary = own_get_summary.__get__(self, type(self))
        build = build_of(self)
        key = id(self)
        if build is None or not build.blocks.get(key):
            return summary(siteurl)
        build.summarising.add(key)
        try:
            return summary(siteurl)
        finally:
            build.summarising.discard(key)

    members: dict[str, Any] = {
        "journey": property(journey),
        "content": property(content),
        "get_content": get_content,
        "get_summary": get_summary,
    }
    for name, member in members.items():
        setattr(cls, name, member)


class Attacher:
    """Gives the content objects of one build their journey state.

    Its :attr:`build` lives as long as something holds it (the analysis):
    then the objects are plain again.
    """

    def __init__(self) -> None:
        self.build = BuildState()
        _LIVE.append(weakref.ref(self.build, _LIVE.remove))

    def prepare(self, objects: Iterable[Any], journey: PageJourney) -> None:
        """Attach this build's content objects before the analysis.

        Each object's entries in the build's tables are made here, before the
        analysis's working data, not in the middle of it: memory that lives
        to the end of the build is not scattered between memory the analysis
        frees (SPEC §9). ``journey`` stands in until :meth:`attach` gives
        each object its own.
        """
        for obj in objects:
            self.attach(obj, journey)

    def detach(self, objects: Iterable[Any], journey: PageJourney) -> None:
        """Let go of ``objects`` still with ``journey``.

        For an analysis that failed before it made their own views.
        """
        journeys, blocks = self.build.journeys, self.build.blocks
        for obj in objects:
            key = id(obj)
            if journeys.get(key) is journey:
                del journeys[key]
                blocks.pop(key, None)

    def attach(self, obj: Any, journey: PageJourney) -> None:
        """Give ``obj`` its ``.journey`` for this build (no block yet)."""
        _serve(type(obj))
        key = id(obj)  # one int for both tables: set_block keeps this key
        build = self.build
        if key not in build.journeys:
            build.objects.append(obj)
        build.journeys[key] = journey
        build.blocks[key] = ""


def set_block(obj: Any, html: Block, lead: str = "", style: str = "") -> None:
    """Make ``obj``'s content end with ``lead``, ``style`` and ``html``.

    ``html`` is the block, or a function that renders it for ``obj`` and a
    site URL (never empty) each time the content is asked for; one such
    function may serve many pages. Replaces any earlier block. ``lead`` and
    ``style`` (the block's stylesheet, left out of feeds: see
    the ``content`` member) are shared by all pages of the build (not
    copied into each block: a build keeps every block to its end).
    """
    build = build_of(obj)
    if build is None:
        raise ValueError("set_block: the object is not attached to the build under way")
    build.blocks[id(obj)] = html
    build.lead = lead
    build.style = style
