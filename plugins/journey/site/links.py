"""Targets of CTA and Next: URLs and Pelican's ``{filename}``/``{static}`` links.

A target resolves like a link in Pelican content: ``{filename}path`` (or
``|filename|path``) and ``{static}path`` are relative to the linking document
unless they start with ``/`` (then relative to ``PATH``); absolute URLs
(``https:``, ``mailto:``, ``tel:`` …) are external; anything else is a
site-relative URL that must match something the build writes.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from ..model.phases import Phase
from .index import Document, SiteIndex, static_url, url_key

_LINK_RE = re.compile(r"^[{|](?P<what>filename|static|attach)[}|](?P<path>.*)$")
_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True, slots=True)
class Target:
    """A resolved target.

    ``url`` is site-relative (like ``content.url``, no leading ``/``) for
    internal targets and the URL itself for external ones. ``link`` is what
    to write into content HTML so that Pelican turns it into the right
    relative or absolute URL for each page (``{filename}/key`` for content).
    """

    raw: str
    url: str
    external: bool
    link: str
    document: Document | None = None


@dataclass(frozen=True, slots=True)
class Cta:
    """The call to action of one page; ``origin`` is "page", "site" or "default"."""

    label: str
    target: Target
    phase: Phase
    origin: str


def _source_key(path: str, origin: Document | None) -> str:
    path = unquote(path.split("#", 1)[0].split("?", 1)[0])
    if path.startswith("/"):
        return posixpath.normpath(path.lstrip("/"))
    base = posixpath.dirname(origin.key) if origin is not None else ""
    return posixpath.normpath(posixpath.join(base, path))


def _fragment(path: str) -> str:
    _, sep, fragment = path.partition("#")
    return f"#{fragment}" if sep else ""


def resolve(
    raw: str, index: SiteIndex, origin: Document | None = None
) -> Target | None:
    """Resolve ``raw`` as linked from ``origin``; ``None`` if it leads nowhere."""
    raw = raw.strip()
    if not raw:
        return None
    match = _LINK_RE.match(raw)
    if match:
        what, path = match.group("what"), match.group("path")
        if not path.strip():
            return None
        key = _source_key(path, origin)
        fragment = _fragment(path)
        if what == "filename":
            doc = index.by_key.get(key)
            if doc is not None and doc.status != "draft":
                return Target(
                    raw, doc.url + fragment, False, "{filename}/" + key + fragment, doc
                )
        static = index.static.get(key)
        if static is not None:
            url = static_url(static) or key
            return Target(raw, url, False, "{static}/" + key, None)
        return None
    if raw.startswith("//") or _SCHEME_RE.match(raw):
        parts = urlsplit(raw)
        if parts.scheme in ("http", "https", "") and not parts.netloc:
            return None
        if parts.scheme in ("mailto", "tel") and not parts.path.strip():
            return None
        return Target(raw, raw, True, raw, None)
    if raw.startswith("#"):
        return Target(raw, raw, False, raw, origin)
    key = url_key(raw)
    if key in index.urls or key.rstrip("/") + "/" in index.urls:
        doc = index.urls.get(key) or index.urls.get(key.rstrip("/") + "/")
        link = "{filename}/" + doc.key + _fragment(raw) if doc is not None else raw
        return Target(raw, raw.lstrip("/"), False, link, doc)
    return None
