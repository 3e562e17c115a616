"""The one link resolver: what a link or target in a site means.

Used for the targets of ``CTA``, ``Next`` and ``JOURNEY_CTAS`` (where the
plan points, what ``broken-target`` reports) and for the ``<a href>`` links
of content (the link graph). A link resolves like a link in Pelican content:

- ``{filename}path`` (or ``|filename|path``), ``{static}path`` and
  ``{attach}path`` are relative to the linking document unless they start
  with ``/`` (then relative to ``PATH``); ``{filename}`` of a draft leads
  nowhere;
- ``{index}``, ``{category}name``, ``{tag}name`` and ``{author}name`` lead to
  the pages Pelican writes for them (by name or slug);
- a URL that starts with ``SITEURL`` is a URL of this site;
- only ``http:``, ``https:`` (also ``//host``), ``mailto:`` and ``tel:`` are
  external links; any other scheme (``javascript:``, ``data:``,
  ``vbscript:`` …, in any case) and a URL that cannot be parsed lead nowhere;
- ``#fragment`` alone is an anchor on the linking document itself (never on
  whatever page happens to show it, such as the home page);
- anything else is a URL of the site: a target in metadata is relative to the
  site root, an ``href`` in content relative to the document's URL. It must
  match something the build writes.

Fragments and queries are kept on the target's URL and link, never used for
the lookup.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from ..model.records import FrozenRecord

if TYPE_CHECKING:
    from ..model.phases import Phase
    from .index import Document, SiteIndex

HOME = "home"  # the site's home page
INDEX = "index"  # the blog index, when a page took index.html
CATEGORY_PREFIX = "category:"
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

_INTRASITE_RE = re.compile(r"^[{|](?P<what>[a-z]+)[|}](?P<path>.*)$", re.DOTALL)
_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_SOURCE_LINKS = ("filename", "static", "attach")
_LISTING_LINKS = ("category", "tag", "author")
# How a {filename} link starts (_INTRASITE_RE takes either bracket on each side).
_FILENAME_LINKS = ("{filename}", "{filename|", "|filename}", "|filename|")
_UNKNOWN: Any = object()
_NO_LINKS: Mapping[str, Any] = {}
# Links that mean the same from every document: resolved once per build.
_ROOTED = ("/", "{filename}/", "|filename|/")


class Target(FrozenRecord):
    """A resolved link.

    ``url`` is site-relative (like ``content.url``, no leading ``/``) for
    internal targets and the URL itself for external ones. ``link`` is what
    to write into content HTML so that Pelican turns it into the right
    relative or absolute URL for each page (``{filename}/key`` for content).
    ``document`` is the content it leads to, if any; ``node`` the page of the
    link graph that is not content (home, blog index, a category), if any.
    """

    __slots__ = ("document", "external", "link", "node", "raw", "url")
    _fields = ("raw", "url", "external", "link", "document", "node")
    __repr__ = object.__repr__  # as the dataclass (repr=False) it replaces
    raw: str
    url: str
    external: bool
    link: str
    document: Document | None
    node: str | None

    def __init__(
        self,
        raw: str,
        url: str,
        external: bool,
        link: str,
        document: Document | None = None,
        node: str | None = None,
    ) -> None:
        set_field = object.__setattr__
        set_field(self, "raw", raw)
        set_field(self, "url", url)
        set_field(self, "external", external)
        set_field(self, "link", link)
        set_field(self, "document", document)
        set_field(self, "node", node)


class Cta(FrozenRecord):
    """The call to action of one page; ``origin`` is "page", "site" or "default"."""

    __slots__ = ("label", "origin", "phase", "target")
    _fields = ("label", "target", "phase", "origin")
    __repr__ = object.__repr__
    label: str
    target: Target
    phase: Phase
    origin: str

    def __init__(
        self,
        label: str,
        target: Target,
        phase: Phase,
        origin: str,
    ) -> None:
        set_field = object.__setattr__
        set_field(self, "label", label)
        set_field(self, "target", target)
        set_field(self, "phase", phase)
        set_field(self, "origin", origin)


def split_url(url: str) -> tuple[str, str]:
    """``(path, rest)``: the path, and the ``?query#fragment`` after it."""
    cut = len(url)
    for mark in "?#":
        at = url.find(mark)
        if at != -1 and at < cut:
            cut = at
    return url[:cut], url[cut:]


def fragment(url: str) -> str:
    """The ``#fragment`` of ``url`` (with its ``#``), or ``""``."""
    _, sep, rest = url.partition("#")
    return f"#{rest}" if sep else ""


def static_url(obj: Any) -> str:
    """The URL of a Pelican ``Static`` object, read without side effects.

    Reading ``Static.url`` (or ``save_as``) marks the file's output location
    as referenced, after which Pelican refuses to relocate it for an
    ``{attach}`` link: the file would land somewhere else than without the
    plugin. The flag is put back as it was, so Pelican decides exactly as it
    would have without us.
    """
    flag = "_output_location_referenced"
    had = flag in getattr(obj, "__dict__", {})
    before = getattr(obj, flag, False)
    try:
        return str(getattr(obj, "url", "") or "")
    finally:
        if had:
            setattr(obj, flag, before)
        elif hasattr(obj, "__dict__"):
            obj.__dict__.pop(flag, None)


def url_key(url: str) -> str:
    """Normalise a site-relative URL for lookup: no leading '/', no index.html."""
    url = split_url(url)[0].lstrip("/")
    if url.endswith("index.html"):
        url = url[: -len("index.html")]
    return url


def content_target(doc: Document, anchor: str = "") -> Target:
    """A target that is a document of this build (``anchor``: ``#fragment``)."""
    link = "{filename}/" + doc.key + anchor
    return Target(link, doc.url + anchor, False, link, doc)


def is_home(doc: Document) -> bool:
    """Whether a document is saved as the site's home page (``index.html``)."""
    save_as = str(doc.metadata.get("save_as") or "")
    return bool(save_as) and url_key(save_as) == ""


def setting(context: Mapping[str, Any], name: str, default: Any) -> Any:
    value = context.get(name, default)
    return default if value is None and default is not None else value


def _listing(obj: Any) -> tuple[Any, Any]:
    return obj if isinstance(obj, tuple) else (obj, ())


class Links:
    """The link resolver of one build, made once from its index."""

    def __init__(
        self,
        documents: Iterable[Document],
        by_key: Mapping[str, Document],
        static: Mapping[str, Any],
        urls: Mapping[str, Document | None],
        context: Mapping[str, Any],
    ) -> None:
        self.by_key = by_key
        self.static = static
        self.urls = urls
        siteurl = str(context.get("SITEURL", "") or "").rstrip("/")
        self.siteurl = siteurl + "/" if siteurl else ""
        published = [
            d for d in documents if d.status == "published" and d.original is None
        ]
        # A page that takes the home page sets ``save_as`` (and usually
        # ``url``) in its metadata; Pelican's computed ``save_as`` is too slow
        # to ask of all.
        self.home_doc: Document | None = next(
            (d for d in published if is_home(d)), None
        )
        # Pages of the graph that are not content, by URL key.
        self.virtual: dict[str, str] = {"": HOME}
        index_save_as = setting(context, "INDEX_SAVE_AS", "index.html")
        index_url = str(setting(context, "INDEX_URL", index_save_as) or "")
        direct = setting(context, "DIRECT_TEMPLATES", ["index"]) or []
        self.blog: str | None = None  # the node of the blog index, if written
        self.blog_url = ""
        if "index" in direct and index_save_as:
            key = url_key(index_url)
            self.blog = HOME if key == "" and self.home_doc is None else INDEX
            self.blog_url = key
            self.virtual.setdefault(key, self.blog)
        # Category pages: node, URL and articles, by slug and by name.
        self.categories: list[tuple[str, Any]] = []  # (node, articles)
        self._listings: dict[tuple[str, str], tuple[str, str | None]] = {}
        for obj in context.get("categories", ()) or ():
            category, listed = _listing(obj)
            url = str(getattr(category, "url", "") or "")
            if not getattr(category, "save_as", url):
                continue
            slug = str(getattr(category, "slug", category))
            node = f"{CATEGORY_PREFIX}{slug}"
            self.virtual[url_key(url)] = node
            for name in (slug, str(category)):
                self._listings[("category", name)] = (url, node)
            self.categories.append((node, listed))
        for kind, attribute in (("tag", "tags"), ("author", "authors")):
            for obj in context.get(attribute, ()) or ():
                item, _ = _listing(obj)
                url = str(getattr(item, "url", "") or "")
                if url and getattr(item, "save_as", url):
                    for name in (str(getattr(item, "slug", item)), str(item)):
                        self._listings.setdefault((kind, name), (url, None))
        self._rooted: dict[str, Target | None] = {}

    # -- resolving -----------------------------------------------------------

    def resolve(
        self, raw: str, origin: Document | None = None, *, in_content: bool = False
    ) -> Target | None:
        """What ``raw`` leads to, linked from ``origin``; ``None``: nowhere.

        ``in_content``: an ``href`` of the document's content, so a plain
        relative URL is relative to the document's URL (else to the site root).
        """
        raw = raw.strip()
        if raw.startswith(_ROOTED):  # the same from every document
            if raw not in self._rooted:
                self._rooted[raw] = self._resolve(raw, None, in_content)
            return self._rooted[raw]
        return self._resolve(raw, origin, in_content)

    def node(self, href: str, origin: Document | None) -> Document | str | None:
        """The page of the link graph ``href`` leads to from ``origin``, if any."""
        target = self.resolve(href, origin, in_content=True)
        if target is None or target.external:
            return None
        return target.node if target.node is not None else target.document

    def content_nodes(
        self,
        hrefs: Iterable[str],
        origin: Document,
        rooted: dict[str, Document | None] | None = None,
    ) -> Iterator[Document | str]:
        """:meth:`node` of each ``href`` of ``origin``'s content that leads somewhere.

        The usual content link, ``{filename}path``, is looked up without
        making its :class:`Target`: its node is the document it names.
        ``rooted``: the documents of ``{filename}/path`` links (the same from
        every document) looked up so far, for the links of one build.
        """
        folder: str | None = None  # the linking document's folder, when needed
        by_key = self.by_key
        known = _NO_LINKS if rooted is None else rooted
        for href in hrefs:
            raw = href.strip()
            # Most content links are {filename}/path links looked up before.
            doc = known.get(raw, _UNKNOWN)
            if doc is not _UNKNOWN:
                if doc is not None:
                    yield doc
                continue
            if raw.startswith(_FILENAME_LINKS):
                path = raw[10:]
                if path.startswith("/"):
                    key = _source_key(path, "")
                else:
                    if folder is None:
                        folder = posixpath.dirname(origin.key)
                    key = _source_key(path, folder)
                doc = by_key.get(key) if key is not None else None
                if doc is not None and doc.status == "draft":
                    doc = None
                if rooted is not None and path.startswith("/"):
                    rooted[raw] = doc
                if doc is not None:
                    yield doc
                continue
            found = self.node(raw, origin)
            if found is not None:
                yield found

    def _resolve(
        self, raw: str, origin: Document | None, in_content: bool
    ) -> Target | None:
        if not raw:
            return None
        match = _INTRASITE_RE.match(raw)
        if match:
            return self._intrasite(raw, match["what"], match["path"], origin)
        if self.siteurl and raw.startswith(self.siteurl):
            return self._site_url(raw, "/" + raw[len(self.siteurl) :], origin, False)
        if raw.startswith("//") or _SCHEME_RE.match(raw):
            return self._external(raw)
        if raw[0] in "#?":
            if origin is None or not origin.url:
                return None  # an anchor needs the page it is on
            return content_target(origin, raw)
        return self._site_url(raw, raw, origin, in_content)

    def _intrasite(
        self, raw: str, what: str, path: str, origin: Document | None
    ) -> Target | None:
        if what in _SOURCE_LINKS:
            base = posixpath.dirname(origin.key) if origin is not None else ""
            key = _source_key(path, base)
            if key is None:
                return None
            if what == "filename":
                doc = self.by_key.get(key)
                if doc is not None and doc.status != "draft":
                    return content_target(doc, split_url(path)[1])
            static = self.static.get(key)
            if static is not None:
                url = static_url(static) or key
                return Target(raw, url, False, "{static}/" + key, None)
            return None
        if what == "index":
            if self.blog is None:
                return None
            return Target(raw, self.blog_url, False, raw, None, self.blog)
        if what in _LISTING_LINKS:
            found = self._listings.get((what, split_url(path)[0].strip()))
            if found is None:
                return None
            url, node = found
            return Target(raw, url, False, raw, None, node)
        return None

    def _external(self, raw: str) -> Target | None:
        try:
            parts = urlsplit(raw)
        except ValueError:  # "https://[shop.example.com": not a URL
            return None
        scheme = parts.scheme.lower()
        if scheme in ("http", "https", ""):
            if not parts.netloc:
                return None
        elif scheme not in LINK_SCHEMES or not parts.path.strip():
            return None  # javascript:, data:, vbscript: …; an empty mailto:
        return Target(raw, raw, True, raw, None)

    def _site_url(
        self, raw: str, url: str, origin: Document | None, in_content: bool
    ) -> Target | None:
        path, rest = split_url(url)
        path = unquote(path)
        if not path.startswith("/") and in_content and origin is not None:
            joined = posixpath.normpath(
                posixpath.join("/", posixpath.dirname(origin.url), path)
            )
            path = joined + "/" if path.endswith("/") and joined != "/" else joined
        key = url_key(path)
        for candidate in (key, key.rstrip("/") + "/" if key else key):
            node = self.virtual.get(candidate)
            doc = self.urls.get(candidate)
            if node is None and doc is None and candidate not in self.urls:
                continue
            if doc is not None:
                link = "{filename}/" + doc.key + rest
                return Target(raw, doc.url + rest, False, link, doc, node)
            return Target(raw, candidate + rest, False, raw, None, node)
        return None


def _source_key(path: str, folder: str) -> str | None:
    """The source key a ``{filename}``/``{static}`` path names, from ``folder``."""
    if "?" in path or "#" in path or "%" in path:
        source_path = unquote(split_url(path)[0])
    else:
        source_path = path  # the usual link: nothing to cut off or decode
    if not source_path.strip():
        return None
    if source_path.startswith("/"):
        return posixpath.normpath(source_path.lstrip("/"))
    # posixpath.join(folder, source_path), which does not start with "/"
    if folder and not folder.endswith("/"):
        source_path = folder + "/" + source_path
    else:
        source_path = folder + source_path
    return posixpath.normpath(source_path)


def resolve(
    raw: str, index: SiteIndex, origin: Document | None = None
) -> Target | None:
    """The target ``raw`` (CTA, Next, JOURNEY_CTAS) linked from ``origin``."""
    return index.links.resolve(raw, origin)
