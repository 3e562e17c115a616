"""The site index: every document of one build with its journey tags.

Built once per build from the generators' own lists (Pelican already parsed
everything), after all generators are finalized. Rules, injection and reports
read the index; only :func:`build_index` touches Pelican's generators.
"""

from __future__ import annotations

import functools
import html
import inspect
import operator
import os
import posixpath
import re
import string
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .links import Links, static_url, url_key
from .tagger import TagReader, Tags, is_none, read_tags

if TYPE_CHECKING:
    from ..analytics.figures import Analytics
    from ..model.phases import Model, Phase
    from ..model.settings import JourneyConfig
    from .links import Cta, Target

# Generator attributes that hold content; "*translations" lists hold translations.
_ARTICLE_LISTS = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
)
# Set by the plugin in the main site's settings (``i18n_subsites`` copies it
# into every subsite's): the language whose versions are the originals.
MAIN_LANG_KEY = "_journey_main_lang"
_PAGE_LISTS = (
    "pages",
    "translations",
    "hidden_pages",
    "hidden_translations",
    "draft_pages",
    "draft_translations",
)


_TAG_RE = re.compile(r"<[^>]*>")
# An error page (404.html, Template: 404 …): published, but no part of the journey.
_ERROR_PAGE_RE = re.compile(r"(?:4\d\d|5\d\d)(?:\.html?)?")


def plain_title(value: Any) -> str:
    """A title as plain text: no markup, entities decoded, spaces folded.

    Pelican titles are HTML (themes print them unescaped); with
    ``FORMATTED_FIELDS = ["title"]`` Markdown even wraps them in ``<p>``.
    Reports, the console and link texts need the words, not the markup.
    """
    text = str(value or "")
    if "<" in text or "&" in text:
        text = html.unescape(_TAG_RE.sub("", text))
    plain = " ".join(text.split())
    return text if plain == text else plain  # Pelican's own string if plain


_phase_index = operator.attrgetter("index")
_NO_STEPS: list[Any] = []  # shared by every page without next steps: never changed


def _no_steps() -> list[Any]:
    return _NO_STEPS


class Document:
    """One article or page as the journey sees it."""

    __slots__ = (
        "category",
        "content",
        "cta",
        "date",
        "error_page",
        "key",
        "kind",
        "lang",
        "mapped",
        "next",
        "next_steps",
        "original",
        "phases",
        "source",
        "status",
        "tags",
        "title",
        "touchpoint",
        "touchpoint_inferred",
        "translations",
        "unseen",
        "url",
    )

    content: Any  # the Pelican content object (kept at the edge)
    kind: str  # "article" or "page"
    key: str  # source path relative to PATH, as in context["generated_content"]
    source: str  # source path relative to the site root, "/"-separated
    title: str  # plain text (see plain_title)
    url: str
    lang: str
    status: str
    category: str | None
    date: datetime | None
    tags: Tags
    phases: tuple[Phase, ...]
    mapped: bool
    original: Document | None  # set on translations
    translations: tuple[Document, ...]
    cta: Cta | None  # the call to action chosen for this page
    # next-step pages; lists are shared between pages (plan.py): never changed
    next: list[Document]
    touchpoint: str | None  # declared, else inferred (see infer_touchpoint)
    touchpoint_inferred: bool
    # every next step in the order written: the pages and, from ``Next:``,
    # targets that are no content (an external URL, the archives page)
    next_steps: list[Document | Target]
    # What the page's template never shows: "content" (its links are not on
    # the written page), "journey/cta.html", "journey/next.html".
    unseen: frozenset[str]
    error_page: bool  # a 404 (or other error) page

    def __init__(
        self,
        content: Any,
        kind: str,
        key: str,
        source: str,
        title: str,
        url: str,
        lang: str,
        status: str,
        category: str | None,
        date: datetime | None,
        tags: Tags,
        phases: tuple[Phase, ...] = (),
        mapped: bool = False,
        original: Document | None = None,
        translations: tuple[Document, ...] = (),
        cta: Cta | None = None,
        next: list[Document] | None = None,
        touchpoint: str | None = None,
        touchpoint_inferred: bool = False,
        next_steps: list[Document | Target] | None = None,
        unseen: frozenset[str] = frozenset(),
        error_page: bool = False,
    ) -> None:
        self.content = content
        self.kind = kind
        self.key = key
        self.source = source
        self.title = title
        self.url = url
        self.lang = lang
        self.status = status
        self.category = category
        self.date = date
        self.tags = tags
        self.phases = phases
        self.mapped = mapped
        self.original = original
        self.translations = translations
        self.cta = cta
        self.next = _no_steps() if next is None else next
        self.touchpoint = touchpoint
        self.touchpoint_inferred = touchpoint_inferred
        self.next_steps = _no_steps() if next_steps is None else next_steps
        self.unseen = unseen
        self.error_page = error_page

    @property
    def is_translation(self) -> bool:
        return self.original is not None

    @property
    def counted(self) -> bool:
        """Whether the document counts for coverage: a published original.

        An error page counts only when its owner gave it a phase.
        """
        return (
            self.status == "published"
            and self.original is None
            and (not self.error_page or bool(self.phases))
        )

    @property
    def phase(self) -> Phase | None:
        return self.phases[0] if self.phases else None

    @property
    def furthest(self) -> Phase | None:
        """The furthest phase the document serves: where its journey goes on.

        The one notion of "where a page is" for moving forward: next steps,
        the default CTA and the ``dead-end`` rule all start from it, so a page
        tagged with several phases is judged by the links it is given.
        """
        phases = self.phases
        if len(phases) < 2:  # most documents: one phase or none
            return phases[0] if phases else None
        return max(phases, key=_phase_index)

    @property
    def html(self) -> str:
        """The rendered content fragment, links not yet resolved."""
        return getattr(self.content, "_content", "") or ""

    @property
    def metadata(self) -> Mapping[str, Any]:
        return getattr(self.content, "metadata", {}) or {}


class Theme:
    """The generators' Jinja environment, for a rule that renders the theme once.

    Never pickled (content caching pickles content objects, whose settings may
    reach the index): a copy has no environment.
    """

    def __init__(self, env: Any) -> None:
        self.env = env

    def __reduce__(self) -> tuple[type[Theme], tuple[None]]:
        return (Theme, (None,))


# A default made anew for each index (a dataclass's ``default_factory``).
_DEFAULT: Any = object()


class SiteIndex:
    """All documents of a build, their tags, and what URLs exist."""

    _fields = (
        "config",
        "context",
        "documents",
        "by_key",
        "static",
        "urls",
        "links",
        "analytics",
        "theme",
        "released",
        "memo",
    )
    config: JourneyConfig
    context: Mapping[str, Any]  # Pelican's shared generator context
    documents: list[Document]
    by_key: dict[str, Document]
    static: dict[str, Any]  # static source key -> Pelican Static object
    urls: dict[str, Document | None]  # site-relative URL -> document, if any
    links: Links  # the link resolver of the build (``links.py``)
    analytics: Analytics | None  # visitor statistics (JOURNEY_ANALYTICS)
    theme: Theme
    # Set by :meth:`release`: the counts, once the documents are let go.
    released: tuple[dict[str, int], int, int] | None
    # Answers kept for the rules and the map (rules/graph.py), by question.
    memo: dict[tuple[str, int], Any]

    def __init__(
        self,
        config: JourneyConfig,
        context: Mapping[str, Any],
        documents: list[Document],
        by_key: dict[str, Document],
        static: dict[str, Any],
        urls: dict[str, Document | None],
        links: Links,
        analytics: Analytics | None = None,
        theme: Theme = _DEFAULT,
        released: tuple[dict[str, int], int, int] | None = None,
        memo: dict[tuple[str, int], Any] = _DEFAULT,
    ) -> None:
        self.config = config
        self.context = context
        self.documents = documents
        self.by_key = by_key
        self.static = static
        self.urls = urls
        self.links = links
        self.analytics = analytics
        self.theme = Theme(None) if theme is _DEFAULT else theme
        self.released = released
        self.memo = {} if memo is _DEFAULT else memo

    def replace(self, **changes: Any) -> SiteIndex:
        """A new index with ``changes`` to its fields (``dataclasses.replace``)."""
        values = {name: getattr(self, name) for name in self._fields}
        values.update(changes)
        return SiteIndex(**values)

    @property
    def model(self) -> Model:
        return self.config.model

    def counted(self) -> Iterator[Document]:
        """Published originals: what coverage counts."""
        if self.released is not None:
            raise RuntimeError("the documents are let go once the reports are written")
        return (d for d in self.documents if d.counted)

    def content_counts(self) -> tuple[int, int]:
        """(documents counted for coverage, of which without a phase)."""
        if self.released is not None:
            return self.released[1], self.released[2]
        counted = [d for d in self.documents if d.counted]
        return len(counted), sum(1 for d in counted if not d.phases)

    def release(self) -> None:
        """Let the documents go, keeping their counts (:meth:`phase_counts`, …).

        Once the reports and the map are written, the end of the build needs
        only the counts (console, CI summary); the pages keep their own
        ``page.journey`` and injected block. Dropping the rest before Pelican
        renders the site keeps the plugin inside its memory budget (SPEC §9).
        """
        if self.released is not None:
            return
        self.released = (self.phase_counts(), *self.content_counts())
        self.documents = []
        self.memo = {}
        self.by_key = {}
        self.static = {}
        self.urls = {}
        self.analytics = None
        self.theme = Theme(None)
        self.links = Links([], {}, {}, {}, {})

    def in_phase(self, phase_id: str) -> list[Document]:
        return [d for d in self.counted() if any(p.id == phase_id for p in d.phases)]

    def phase_counts(self) -> dict[str, int]:
        if self.released is not None:
            return dict(self.released[0])
        counts = dict.fromkeys(self.config.model.ids, 0)
        for doc in self.counted():
            for phase in doc.phases:
                counts[phase.id] += 1
        return counts


def site_path(path: str | os.PathLike[str], base_dir: Path, content_dir: Path) -> str:
    """A source path relative to the site root (else to PATH), '/'-separated."""
    text = os.fspath(path)
    for root in (base_dir, content_dir):
        prefix = os.path.join(os.fspath(root), "")
        if text.startswith(prefix):  # the usual case: no resolve() per document
            return text[len(prefix) :].replace(os.sep, "/")
    absolute = Path(path).resolve()
    for root in (base_dir, content_dir):
        try:
            return absolute.relative_to(root).as_posix()
        except ValueError:
            continue
    return absolute.as_posix()


# Pelican's own URL machinery, as ``Content`` and its subclasses define it;
# :func:`content_url` takes the short way only for objects that use it as is.
_CONTENT_ATTRIBUTES = ("url", "save_as", "get_url_setting", "url_format")
_FORMATTER = string.Formatter()


@functools.lru_cache(maxsize=64)
def _format_fields(pattern: str) -> frozenset[str] | None:
    """The names a URL setting formats (``{date:%Y}`` is ``date``); None: odd."""
    try:
        parsed = list(_FORMATTER.parse(pattern))
    except ValueError:
        return None
    names = set()
    for _text, name, spec, _conversion in parsed:
        if name is None:
            continue
        base = re.split(r"[.\[]", name, maxsplit=1)[0]
        if not base or base.isdigit() or (spec and "{" in spec):
            return None  # positional or nested fields: let Pelican format it
        names.add(base)
    return frozenset(names)


@functools.lru_cache(maxsize=16)
def _url_kind(cls: type) -> str | None:
    """``"article"`` or ``"page"``: a class with Pelican's own URL methods.

    ``None`` for any other class (one that changes how URLs are made).
    """
    from pelican import contents  # noqa: PLC0415 - only to compare methods

    if issubclass(cls, contents.Article):
        kind, own = "article", contents.Article
    elif issubclass(cls, contents.Page):
        kind, own = "page", contents.Page
    else:
        return None
    stock = all(
        inspect.getattr_static(cls, name, None)
        is inspect.getattr_static(contents.Content, name, None)
        for name in (*_CONTENT_ATTRIBUTES, "get_relative_source_path")
    ) and inspect.getattr_static(cls, "_expand_settings", None) is vars(own).get(
        "_expand_settings"
    )
    # Overrides only where Pelican puts them: in the object's own attributes.
    elsewhere = ("override_url", "override_save_as", "__getattr__")
    stock = stock and not any(hasattr(cls, name) for name in elsewhere)
    return kind if stock else None


def content_url(obj: Any, key: str = "url", default: Any = "") -> Any:
    """``getattr(obj, key, default)`` for ``key`` ``"url"`` or ``"save_as"``.

    Pelican formats the ``*_URL`` (``*_SAVE_AS``) setting with
    ``url_format`` every time it is asked: a copy of the metadata, the
    source path relative to ``PATH`` (two ``abspath`` and a ``relpath``),
    slug, language, date, author and category. For an article or page that
    uses Pelican's own methods, this formats the same setting with the same
    values, computing only the names the setting uses (the source path
    never: a setting that uses ``{path}`` is left to Pelican, as is
    anything unusual).
    """
    kind = _url_kind(obj.__class__)
    if kind is not None:
        try:
            found = _formatted(obj, key, kind)
        except Exception:  # noqa: BLE001 - Pelican decides what it raises
            found = None
        if found is not None:
            return found
    return getattr(obj, key, default)


_NO_OVERRIDE: Any = object()


def _formatted(obj: Any, key: str, kind: str) -> Any:
    """Pelican's ``get_url_setting(key)`` of an article or page (``kind``).

    ``None``: ask Pelican itself.
    """
    if type(obj).__dictoffset__ == 0:
        return None  # no attributes of its own (slots): ask Pelican
    # Read as Pelican reads it (``hasattr``), never through ``__dict__``:
    # asking an object for its ``__dict__`` makes Python build one out of
    # the object's inline attribute values, and every attribute Pelican's
    # templates read of it afterwards is a slower dictionary lookup.
    override = getattr(obj, "override_" + key, _NO_OVERRIDE)
    if override is not _NO_OVERRIDE:
        return override
    draft = obj.status == "draft"
    if kind == "article":
        klass = "draft" if draft else "article"
    else:
        klass = "draft_page" if draft else type(obj).__name__
    setting = key if obj.in_default_lang else f"lang_{key}"
    pattern = str(obj.settings[f"{klass}_{setting}".upper()])
    names = _format_fields(pattern)
    if names is None or "path" in names:
        return None
    # What url_format puts over the metadata, evaluated as Pelican does; only
    # the names the setting uses (a page has no author, category or date:
    # each would be a failed lookup).
    metadata = obj.metadata
    values: dict[str, Any] = {}
    for name in names:
        if name == "slug":
            values[name] = getattr(obj, "slug", "")
        elif name == "lang":
            values[name] = getattr(obj, "lang", "en")
        elif name == "author":
            values[name] = obj.author.slug if hasattr(obj, "author") else ""
        elif name == "category":
            values[name] = obj.category.slug if hasattr(obj, "category") else ""
        elif name == "date":
            if not hasattr(obj, "date"):
                return None  # Pelican formats the time of asking
            values[name] = obj.date
        elif name in metadata:
            values[name] = metadata[name]
        else:
            return None
    return pattern.format(**values)


def iter_content(generators: Iterable[Any]) -> Iterator[tuple[Any, str, bool]]:
    """(content object, kind, is_translation) for every article and page."""
    for generator in generators:
        if hasattr(generator, "articles"):
            kind, lists = "article", _ARTICLE_LISTS
        elif hasattr(generator, "pages"):
            kind, lists = "page", _PAGE_LISTS
        else:
            continue
        for attribute in lists:
            for obj in getattr(generator, attribute, ()) or ():
                yield obj, kind, attribute.endswith("translations")


def is_error_page(obj: Any, kind: str, url: str | None = None) -> bool:
    """A page Pelican writes as an error page: ``Template: 404``, ``404.html``.

    ``url``: the page's URL when the caller has it (Pelican computes it
    again on every access).
    """
    if kind != "page":
        return False
    names = (
        getattr(obj, "template", None),
        content_url(obj, "save_as", None),
        content_url(obj, "url", None) if url is None else url,
    )
    return any(
        _ERROR_PAGE_RE.fullmatch(posixpath.basename(str(name).rstrip("/")))
        for name in names
        if name
    )


@functools.lru_cache(maxsize=8)
def _content_prefix(root: str) -> str:
    return os.path.join(os.path.abspath(root), "")


def relative_key(obj: Any, source_path: str) -> str:
    """``obj.get_relative_source_path()``, computed cheaply where it can be.

    Pelican's takes two ``abspath`` and a ``relpath`` per document; a source
    that is a normalised absolute path inside ``PATH`` (what Pelican's
    readers give) is the part after ``PATH``.
    """
    root = (getattr(obj, "settings", None) or {}).get("PATH")
    if root and os.path.isabs(source_path):
        prefix = _content_prefix(str(root))
        normal = os.path.normpath(source_path) == source_path
        if normal and source_path.startswith(prefix):
            return source_path[len(prefix) :].replace(os.sep, "/")
    return str(obj.get_relative_source_path())


def content_key(obj: Any) -> str:
    """The key of a content object: :attr:`Document.key` (``""`` without a source)."""
    source_path = getattr(obj, "source_path", "") or ""
    return relative_key(obj, source_path) if source_path else ""


def _shared_tags(tags: Tags, shared: dict[tuple[Any, ...], Tags]) -> Tags:
    """An equal :class:`Tags` read earlier in this build, else ``tags``.

    Most pages carry the same few phase, touchpoint and persona values, and
    the index keeps every page's tags until its reports are written.
    """
    key = (
        tuple(map(id, tags.phases)),
        tags.unknown_phases,
        tags.touchpoint,
        tags.unknown_touchpoint,
        tags.personas,
        tags.unknown_personas,
        tags.cta,
        tags.cta_problem,
        tags.next,
        tags.has_phase_key,
    )
    return shared.setdefault(key, tags)


class _Sources:
    """Where one build's sources are: :func:`site_path` with its prefixes made once."""

    def __init__(self, base_dir: Path, content_dir: Path) -> None:
        self.roots = (base_dir, content_dir)
        self.prefixes = tuple(os.path.join(os.fspath(r), "") for r in self.roots)

    def site_path(self, text: str) -> str:
        for prefix in self.prefixes:
            if text.startswith(prefix):  # the usual case, as in site_path
                return text[len(prefix) :].replace(os.sep, "/")
        return site_path(text, *self.roots)


def _document(obj: Any, kind: str, sources: _Sources, tags_of: TagReader) -> Document:
    tags = tags_of(getattr(obj, "metadata", {}) or {})
    category = getattr(obj, "category", None)
    source_path = getattr(obj, "source_path", "") or ""
    url = str(content_url(obj) or "")
    return Document(
        content=obj,
        kind=kind,
        key=relative_key(obj, source_path) if source_path else "",  # content_key
        source=sources.site_path(os.fspath(source_path)) if source_path else "",
        title=plain_title(getattr(obj, "title", "")),
        url=url,
        lang=str(getattr(obj, "lang", "") or ""),
        status=str(getattr(obj, "status", "published") or "published"),
        category=str(category) if category is not None else None,
        date=getattr(obj, "date", None),
        tags=tags,
        phases=tags.phases,
        error_page=is_error_page(obj, kind, url),
    )


def _apply_category(doc: Document, config: JourneyConfig) -> None:
    if doc.phases or doc.tags.has_phase_key or not doc.category:
        return
    phase = config.category_phases.get(doc.category.strip().casefold())
    if phase is not None:
        doc.phases = (phase,)
        doc.mapped = True


def _inherit_from_main_lang(
    doc: Document, main_lang: str, config: JourneyConfig
) -> None:
    """An i18n subsite's page takes the tags of its main-language version.

    In a subsite (``i18n_subsites``) the page in the subsite's language is
    the original and the main-language version, which carries ``Phase``
    (and often ``Touchpoint`` and ``Persona``), is only one of its
    translations: the page inherits them as a translation on the main site
    does, so it is neither untagged nor without a call to action.
    """
    if doc.lang == main_lang or doc.phases or doc.tags.has_phase_key:
        return
    for other in getattr(doc.content, "translations", ()) or ():
        if str(getattr(other, "lang", "") or "") != main_lang:
            continue
        metadata = getattr(other, "metadata", {}) or {}
        tags = read_tags(
            metadata, config.model, config.touchpoints, config.personas.keys()
        )
        phases, mapped = tags.phases, False
        category = getattr(other, "category", None)
        if not phases and not tags.has_phase_key and category is not None:
            phase = config.category_phases.get(str(category).strip().casefold())
            phases, mapped = ((phase,), True) if phase is not None else ((), False)
        if not phases:
            return
        doc.phases, doc.mapped = phases, mapped
        own = doc.tags
        # "CTA: none" / "Next: none" hold for the translations, as on the main
        # site; other targets name the main-language pages and stay there.
        cta_none = tags.cta is not None and tags.cta.none
        doc.tags = own.replace(
            touchpoint=own.touchpoint
            or (None if own.unknown_touchpoint else tags.touchpoint),
            personas=own.personas or (() if own.unknown_personas else tags.personas),
            cta=own.cta
            if own.cta is not None or own.cta_problem is not None or not cta_none
            else tags.cta,
            next=own.next
            if own.next is not None or not is_none(tags.next)
            else tags.next,
        )
        return


def build_index(
    generators: Iterable[Any], config: JourneyConfig, context: Mapping[str, Any]
) -> SiteIndex:
    """Index every article and page the generators hold."""
    generators = list(generators)
    content_dir = Path(str(context.get("PATH", "."))).resolve()
    sources = _Sources(config.base_dir, content_dir)
    shared: dict[tuple[Any, ...], Tags] = {}
    tags_of = TagReader(
        config.model,
        config.touchpoints,
        config.personas.keys(),
        config.metadata_keys,
        share=functools.partial(_shared_tags, shared=shared),
    )
    entries = [
        (_document(obj, kind, sources, tags_of), is_translation)
        for obj, kind, is_translation in iter_content(generators)
    ]
    del shared, tags_of, sources
    documents = [doc for doc, _ in entries]

    # Pelican lists each original's translations on it; link them, and let
    # untagged translations take the phases of their original.
    original_of = {
        id(translation): doc
        for doc, is_translation in entries
        if not is_translation
        for translation in getattr(doc.content, "translations", ()) or ()
    }
    for doc, is_translation in entries:
        original = original_of.get(id(doc.content)) if is_translation else None
        if original is None:
            continue
        doc.original = original
        original.translations += (doc,)
        if not doc.phases and not doc.tags.has_phase_key:
            doc.phases = original.phases
    for doc in documents:
        _apply_category(doc, config)
        if doc.original is not None and doc.original.mapped and not doc.phases:
            doc.phases, doc.mapped = doc.original.phases, True
    main_lang = context.get(MAIN_LANG_KEY)
    if main_lang:
        for doc, is_translation in entries:
            if not is_translation:
                _inherit_from_main_lang(doc, str(main_lang), config)

    static = dict(context.get("static_content", {}) or {})
    urls: dict[str, Document | None] = {}
    for doc in documents:
        if doc.status != "draft" and doc.url:
            urls.setdefault(url_key(doc.url), doc)
    for obj in static.values():
        url = static_url(obj)
        if url:
            urls.setdefault(url_key(url), None)
    for url in _generated_urls(generators, context):
        urls.setdefault(url_key(url), None)
    by_key = {doc.key: doc for doc in documents if doc.key}
    links = Links(documents, by_key, static, urls, context)
    env = next((g.env for g in generators if getattr(g, "env", None)), None)
    theme = Theme(env)
    return SiteIndex(
        config, context, documents, by_key, static, urls, links, theme=theme
    )


def infer_touchpoints(
    documents: Iterable[Document], shows_contact: Callable[[str], bool]
) -> None:
    """Set every document's ``touchpoint``: declared wins, else inferred.

    ``shows_contact`` tells whether a content fragment shows contact details
    (the ``aftercare-contact`` rule's own test, handed down by the pipeline).
    """
    for doc in documents:
        infer_touchpoint(doc, shows_contact)


def infer_touchpoint(doc: Document, shows_contact: Callable[[str], bool]) -> None:
    """Set ``doc.touchpoint``: declared wins, else inferred (SPEC §3).

    An article is a ``blog``; a page whose content shows contact details
    (``tel:``/``mailto:`` link, phone number, e-mail address) is ``contact``;
    an untagged translation takes its original's touchpoint.
    """
    declared = doc.tags.touchpoint
    if declared is not None:
        doc.touchpoint, doc.touchpoint_inferred = declared, False
        return
    inferred: str | None = None
    original = doc.original
    if original is not None and original.tags.touchpoint is not None:
        inferred = original.tags.touchpoint
    elif doc.kind == "article":
        inferred = "blog"
    elif shows_contact(doc.html):
        inferred = "contact"
    doc.touchpoint, doc.touchpoint_inferred = inferred, inferred is not None


def _generated_urls(
    generators: list[Any], settings: Mapping[str, Any]
) -> Iterator[str]:
    """URLs of pages Pelican writes besides articles and pages."""
    for name in settings.get("DIRECT_TEMPLATES", ()) or ():
        save_as = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        if save_as:
            yield settings.get(f"{name.upper()}_URL", save_as)
    yield from (settings.get("TEMPLATE_PAGES", {}) or {}).values()
    for generator in generators:
        for attribute in ("categories", "tags", "authors"):
            for item in getattr(generator, attribute, ()) or ():
                wrapper = item[0] if isinstance(item, tuple) else item
                url = getattr(wrapper, "url", None)
                if url:
                    yield url
