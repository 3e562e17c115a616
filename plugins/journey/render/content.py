"""Journey data and injected blocks on Pelican's content objects.

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

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from .views import PageJourney

# Stands for SITEURL in an injected block: see :func:`with_siteurl`.
SITEURL_MARK = "\x1fjourney-siteurl\x1f"


@dataclass(slots=True)
class State:
    """One content object's journey data and injected block, for one build."""

    journey: PageJourney
    block: str = ""  # with SITEURL_MARK for the site URL
    summarising: bool = False


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

    _journey_states: ClassVar[dict[int, State]] = {}

    @property
    def journey(self) -> PageJourney:
        return type(self)._journey_states[id(self)].journey

    def get_content(self, siteurl: str) -> str:
        content = super().get_content(siteurl)  # type: ignore[misc]
        state = type(self)._journey_states.get(id(self))
        if state is None or not state.block or state.summarising:
            return content
        # A replace on a short block per call is cheaper than keeping a
        # rendered copy per page and site URL until the build ends.
        return content + with_siteurl(state.block, siteurl)

    def get_summary(self, siteurl: str) -> str:
        state = type(self)._journey_states.get(id(self))
        if state is None:
            return super().get_summary(siteurl)  # type: ignore[misc]
        state.summarising = True
        try:
            return super().get_summary(siteurl)  # type: ignore[misc]
        finally:
            state.summarising = False

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
        self.states: dict[int, State] = {}
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
                    "_journey_states": self.states,
                },
            )
            self._classes[base] = sub
        return sub

    def attach(self, obj: Any, journey: PageJourney) -> None:
        """Give ``obj`` its ``.journey`` for this build."""
        obj.__class__ = self._class_for(type(obj))
        self.states[id(obj)] = State(journey)


def set_block(obj: Any, html: str) -> None:
    """Make ``obj``'s content end with ``html`` (replacing any earlier block)."""
    type(obj)._journey_states[id(obj)].block = html
