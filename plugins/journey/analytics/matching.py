"""Matching a requested URL to a document of the site.

Requests are matched by path, with and without ``SITEURL``'s own path, with
``index.html`` and a trailing slash folded, the query string and fragment
dropped, and percent-escapes decoded. A path without an extension also
matches ``path.html`` (servers that hide the extension).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import unquote, urlsplit

from ..model.records import FrozenRecord

PAGE = 0  # a document of the site (its target is returned)
OTHER = 1  # a page of the site that is not content: home, archives, tags
ASSET = 2  # a file that is not a page: images, CSS, feeds, robots.txt
UNMATCHED = 3  # a page path the site does not have

PAGE_EXTENSIONS = frozenset({"", ".html", ".htm"})
_PAGINATED = re.compile(r"^(.*?)(\d+)(\.html?)$")
_CACHE_LIMIT = 65536


class Target(FrozenRecord):
    """A document as the counting sees it: its phase (0-based) or None."""

    __slots__ = ("document", "phase")
    _fields = ("document", "phase")
    document: Any
    phase: int | None

    def __init__(self, document: Any, phase: int | None) -> None:
        set_field = object.__setattr__
        set_field(self, "document", document)
        set_field(self, "phase", phase)


def fold(url: str) -> str:
    """The comparable form of a URL or request path (module docstring)."""
    if "://" in url or url.startswith("//"):
        url = urlsplit(url).path
    if "#" in url:
        url = url.split("#", 1)[0]
    if "?" in url:
        url = url.split("?", 1)[0]
    if "%" in url:  # unquote returns anything else as it is
        url = unquote(url)
    url = url.lstrip("/")
    if url.endswith("index.html"):
        url = url[: -len("index.html")]
    return url.rstrip("/")


class Matcher:
    """Matches request paths to the site's documents (cached per path)."""

    def __init__(
        self,
        pages: Mapping[str, Target],
        other: Iterable[str] = (),
        siteurl: str = "",
    ) -> None:
        self._pages = {fold(url): target for url, target in pages.items()}
        self._other = {fold(url) for url in other} - set(self._pages)
        self._prefix = fold(urlsplit(siteurl).path) if siteurl else ""
        self._cache: dict[str, tuple[int, Target | None]] = {}

    def match(self, path: str) -> tuple[int, Target | None]:
        """``(kind, target)``: kind is PAGE, OTHER, ASSET or UNMATCHED."""
        hit = self._cache.get(path)
        if hit is None:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            hit = self._cache[path] = self._match(path)
        return hit

    def _lookup(self, key: str) -> tuple[int, Target | None] | None:
        if key in self._pages:
            return PAGE, self._pages[key]
        if key in self._other:
            return OTHER, None
        return None

    def _match(self, path: str) -> tuple[int, Target | None]:
        key = fold(path)
        keys = [key]
        prefix = self._prefix
        if prefix and (key == prefix or key.startswith(prefix + "/")):
            keys.insert(0, key[len(prefix) :].lstrip("/"))
        for candidate in keys:
            found = self._lookup(candidate)
            if found is not None:
                return found
        last = key.rsplit("/", 1)[-1]
        extension = posixpath.splitext(last)[1].lower()
        if last.startswith(".") or extension not in PAGE_EXTENSIONS:
            return ASSET, None
        for candidate in keys:
            if not extension:
                found = self._lookup(candidate + ".html")
                if found is not None:
                    return found
            paginated = _PAGINATED.match(candidate)
            # Pelican's next pages of an index: index2.html, category/x3.html
            if paginated and fold(paginated.group(1) + paginated.group(3)) in (
                self._other
            ):
                return OTHER, None
        return UNMATCHED, None
