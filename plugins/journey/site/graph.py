"""The link graph of one build: which document leads where, and from home.

Built once per build from what Pelican already parsed, in time linear in
documents and links:

- **content** edges: the ``<a href>`` links of each document's rendered
  content fragment (``doc.html``, read by a small tag tokenizer; never a whole
  written page). ``{filename}``/``|filename|`` links resolve as Pelican
  resolves them (relative to the document's folder unless they start with
  ``/``); other hrefs resolve against the document's URL, with ``SITEURL``
  stripped, through the index's URL table;
- **cta** and **next** edges: the page's call to action and next-step links,
  when journey blocks are shown at all (``JOURNEY_INJECT`` is not ``False``);
- **translation** edges: Pelican's themes link every translation;
- navigation from a virtual **home** node: ``MENUITEMS`` (``LINKS`` are
  external), every published page when ``DISPLAY_PAGES_ON_MENU``, the
  category pages when ``DISPLAY_CATEGORIES_ON_MENU`` (each leading to the
  articles on its first page), and the articles on the first index page
  (``DEFAULT_PAGINATION`` / ``PAGINATED_TEMPLATES["index"]``). All derived
  from settings and index: no written page is read. A page saved as
  ``index.html`` *is* the home page: its own links count from home.

Nodes are the non-draft documents plus virtual nodes (``home``, the blog
index when it is not the home page, ``category:<slug>``).

An *orphan* is a counted, tagged document that no other document links to
(content, CTA, next step) and that the home page does not link directly
(menu, pages on the menu, first index page). Category listings and archives
do not save a page from being an orphan: nobody is *sent* there.
"""

from __future__ import annotations

import html
import re
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import chain, compress
from typing import TYPE_CHECKING, Any

from ..model.patterns import lazy_re
from ..model.records import FrozenRecord
from .index import Document
from .links import CATEGORY_PREFIX, HOME, INDEX, setting

if TYPE_CHECKING:
    from .index import SiteIndex

__all__ = ["CATEGORY_PREFIX", "HOME", "INDEX", "LinkGraph", "build_graph", "hrefs"]
# Edges a visitor follows inside the content: these decide dead ends.
JOURNEY_KINDS = frozenset({"content", "cta", "next"})

Node = Document | str
_href_hint_re = lazy_re("href", re.IGNORECASE)
_raw_text_hint_re = lazy_re(r"<(?:script|style|textarea|template)\b", re.IGNORECASE)
_skipped_re = lazy_re(
    r"<!--.*?(?:-->|$)|<(script|style|textarea|template)\b.*?(?:</\1\s*>|$)",
    re.IGNORECASE | re.DOTALL,
)
_ANCHOR = (
    r"""(?:a|area)(?=[\s/>])(?:[^>"']|"[^"]*"|'[^']*')*?\shref\s*=\s*"""
    r"""(?:"([^"]*)"|'([^']*)'|([^\s"'<>`=]+))"""
)
_anchor_re = lazy_re("<" + _ANCHOR, re.IGNORECASE)
# One pass for the usual fragment: (what starts something to skip, the
# anchor tag after its "<" up to the end of its href, the href's value as
# quoted with ", with ' or unquoted). The lookahead is the first character
# of every alternative: most tags (</p>, <p>, <li> …) are passed at once.
_SCAN_RE = re.compile(
    r"<(?=[!sta])(?:(!--|(?:script|style|textarea|template)\b)|(" + _ANCHOR + "))",
    re.IGNORECASE,
)


KINDS = (
    "content",
    "cta",
    "next",
    "translation",
    "menu",
    "page-menu",
    "index",
    "category",
)
_BIT = {kind: 1 << i for i, kind in enumerate(KINDS)}


class Edge(FrozenRecord):
    """A link of the site graph: its source, target and kind."""

    __slots__ = ("kind", "source", "target")
    _fields = ("source", "target", "kind")
    source: Node
    target: Node
    kind: str  # one of KINDS

    def __init__(
        self,
        source: Node,
        target: Node,
        kind: str,
    ) -> None:
        set_field = object.__setattr__
        set_field(self, "source", source)
        set_field(self, "target", target)
        set_field(self, "kind", kind)


# A node's neighbours: {neighbour: mask} while built, then a flat tuple.
Adjacent = dict[Node, int] | tuple[Any, ...]


_NO_DOCUMENTS: list[Document] = []  # shared, never changed (onward copies)


def _pack(neighbours: dict[Node, int]) -> tuple[Any, ...]:
    """(neighbour, mask, neighbour, mask, …): a third of a dict's memory."""
    return tuple(chain.from_iterable(neighbours.items()))


def _pairs(neighbours: Adjacent) -> Iterator[tuple[Node, int]]:
    """(neighbour, mask) pairs of either form."""
    if isinstance(neighbours, dict):
        return iter(neighbours.items())
    flat = iter(neighbours)
    return zip(flat, flat, strict=True)


def _nodes(neighbours: Adjacent) -> Iterable[Node]:
    return neighbours if isinstance(neighbours, dict) else neighbours[::2]


def _linked(neighbours: Adjacent, wanted: int) -> Iterable[Node]:
    """The neighbours linked through a kind in ``wanted`` (a bit mask)."""
    if isinstance(neighbours, dict):
        return [t for t, bits in neighbours.items() if bits & wanted]
    # (node, mask, node, mask, …): the masks picked at C speed
    return compress(neighbours[::2], map(wanted.__and__, neighbours[1::2]))


def _mask(kinds: Iterable[str] | None) -> int:
    if kinds is None:
        return (1 << len(KINDS)) - 1
    return sum(_BIT[k] for k in set(kinds))


_JOURNEY_MASK = _mask(JOURNEY_KINDS)


class LinkGraph:
    """Outgoing and incoming links per node, and the distances from home.

    Stored compactly — node -> {neighbour: bit mask of link kinds} while it
    is built, then (:meth:`freeze`) node -> (neighbour, mask, neighbour,
    mask, …), a third of the memory — because a build keeps the graph until
    its reports are written; :class:`Edge` objects are made only when asked
    for.
    """

    _out: dict[Node, Adjacent]
    # The incoming links, inverted from ``_out`` when first asked for: the
    # rules and the map never ask (orphans are found from ``_out``).
    _into_cache: dict[Node, Adjacent] | None
    home_doc: Document | None  # a page saved as the home page
    _clicks: dict[Node, int] | None
    _onward: dict[Document, list[Document]]
    _levels: dict[Document, int]  # phase_level
    # CTA and next-step links a page shows to no page of the site (an
    # external shop, the archives): a way on, though not to a later phase.
    offsite: dict[Document, int]
    frozen: bool  # packed by :meth:`freeze`: no more links
    # Answers kept for the rules and the map (rules/graph.py), by question.
    memo: dict[tuple[str, int], Any]

    def __init__(
        self,
        _out: dict[Node, Adjacent] | None = None,
        _into_cache: dict[Node, Adjacent] | None = None,
        home_doc: Document | None = None,
        _clicks: dict[Node, int] | None = None,
        _onward: dict[Document, list[Document]] | None = None,
        _levels: dict[Document, int] | None = None,
        offsite: dict[Document, int] | None = None,
        frozen: bool = False,
        memo: dict[tuple[str, int], Any] | None = None,
    ) -> None:
        self._out = {} if _out is None else _out
        self._into_cache = _into_cache
        self.home_doc = home_doc
        self._clicks = _clicks
        self._onward = {} if _onward is None else _onward
        self._levels = {} if _levels is None else _levels
        self.offsite = {} if offsite is None else offsite
        self.frozen = frozen
        self.memo = {} if memo is None else memo

    def add(self, source: Node, target: Node, kind: str) -> None:
        """Add one link; a repeated link of the same kind counts once."""
        if source is target:
            return
        if self.frozen:
            raise RuntimeError("the link graph is frozen: no link can be added")
        bit = _BIT[kind]
        targets = self._out.setdefault(source, {})
        assert isinstance(targets, dict)  # not frozen
        targets[target] = targets.get(target, 0) | bit
        self._into_cache = None

    def add_all(self, source: Node, targets: Iterable[Node], kind: str) -> None:
        """:meth:`add` each link from ``source`` to one of ``targets``."""
        if self.frozen:
            raise RuntimeError("the link graph is frozen: no link can be added")
        bit = _BIT[kind]
        known: dict[Node, int] | None = None
        for target in targets:
            if target is source:
                continue
            if known is None:
                found = self._out.setdefault(source, {})
                assert isinstance(found, dict)  # not frozen
                known = found
            known[target] = known.get(target, 0) | bit
        self._into_cache = None

    @property
    def _into(self) -> dict[Node, Adjacent]:
        """Each node's sources and masks, as ``_out`` holds its targets."""
        if self._into_cache is None:
            into: dict[Node, dict[Node, int]] = {}
            for source, neighbours in self._out.items():
                for target, bits in _pairs(neighbours):
                    into.setdefault(target, {})[source] = bits
            self._into_cache = {
                node: _pack(sources) if self.frozen else sources
                for node, sources in into.items()
            }
        return self._into_cache

    def freeze(self) -> None:
        """Pack the neighbours of each node into a tuple (no more :meth:`add`)."""
        self.frozen = True
        self._into_cache = None
        for node, neighbours in self._out.items():
            if isinstance(neighbours, dict):
                self._out[node] = _pack(neighbours)

    def outgoing(self, node: Node, kinds: Iterable[str] | None = None) -> list[Edge]:
        wanted = _mask(kinds)
        return [
            Edge(node, target, kind)
            for target, bits in _pairs(self._out.get(node, ()))
            if bits & wanted
            for kind in KINDS
            if bits & wanted & _BIT[kind]
        ]

    def incoming(self, node: Node, kinds: Iterable[str] | None = None) -> list[Edge]:
        wanted = _mask(kinds)
        return [
            Edge(source, node, kind)
            for source, bits in _pairs(self._into.get(node, ()))
            if bits & wanted
            for kind in KINDS
            if bits & wanted & _BIT[kind]
        ]

    def targets(self, node: Node, kinds: Iterable[str] | None = None) -> list[Node]:
        """Distinct nodes ``node`` links to through links of ``kinds``."""
        wanted = _mask(kinds)
        return [t for t, bits in _pairs(self._out.get(node, ())) if bits & wanted]

    def sources(self, node: Node, kinds: Iterable[str] | None = None) -> list[Node]:
        """Distinct nodes that link to ``node`` through links of ``kinds``."""
        wanted = _mask(kinds)
        return [s for s, bits in _pairs(self._into.get(node, ())) if bits & wanted]

    def linked_documents(self, doc: Document, kinds: Iterable[str]) -> list[Document]:
        """Distinct documents ``doc`` links to through edges of ``kinds``."""
        return [t for t in self.targets(doc, kinds) if isinstance(t, Document)]

    def onward(self, doc: Document) -> list[Document]:
        """Documents of a later phase that ``doc`` links to (content, CTA, next)."""
        return list(self._onward_of(doc))

    def _onward_of(self, doc: Document) -> list[Document]:
        """:meth:`onward`, the list kept for ``doc`` itself (not to be changed)."""
        found = self._onward.get(doc)
        if found is None:
            found = []
            level = phase_level(doc)
            if level:
                # linked_documents(doc, JOURNEY_KINDS), read in place: the
                # neighbours in their order, each one's phase level found once.
                levels = self._levels
                neighbours = self._out.get(doc, ())
                pairs = (
                    neighbours.items()
                    if isinstance(neighbours, dict)
                    else zip(neighbours[::2], neighbours[1::2], strict=True)
                )
                for target, bits in pairs:
                    if bits & _JOURNEY_MASK and isinstance(target, Document):
                        reached = levels.get(target)
                        if reached is None:
                            reached = levels[target] = phase_level(target)
                        if reached > level:
                            found.append(target)
            self._onward[doc] = found or _NO_DOCUMENTS  # most: one shared list
        return found

    def ways_on(self, doc: Document) -> int:
        """Links on to a later phase, plus CTA/next links that leave the content.

        A page with none is a dead end.
        """
        return len(self._onward_of(doc)) + self.offsite.get(doc, 0)

    def clicks_from_home(self, doc: Node) -> int | None:
        """Clicks from the home page to ``doc``; ``None`` when unreachable."""
        if self._clicks is None:
            self._clicks = self._bfs()
        return self._clicks.get(doc)

    def _bfs(self) -> dict[Node, int]:
        clicks: dict[Node, int] = {HOME: 0}
        queue: deque[Node] = deque([HOME])
        if self.home_doc is not None:
            clicks[self.home_doc] = 0
            queue.append(self.home_doc)
        while queue:
            node = queue.popleft()
            distance = clicks[node] + 1
            for target in _nodes(self._out.get(node, ())):
                if target not in clicks:
                    clicks[target] = distance
                    queue.append(target)
        return clicks

    def orphans(self, documents: Iterable[Document]) -> list[Document]:
        """Counted, tagged documents nothing sends a visitor to (module doc)."""
        direct = {id(t) for t in _nodes(self._out.get(HOME, ()))}
        if self.home_doc is not None:
            direct |= {id(t) for t in _nodes(self._out.get(self.home_doc, ()))}
            direct.add(id(self.home_doc))
        journey = _JOURNEY_MASK
        linked: set[Node] = set()  # what a document links to (content, CTA, next)
        for source, neighbours in self._out.items():
            if isinstance(source, Document):
                linked.update(_linked(neighbours, journey))
        return [
            doc
            for doc in documents
            if doc.counted and doc.phases and id(doc) not in direct
            if doc not in linked
        ]

    def phase_flows(self) -> dict[tuple[str, str], int]:
        """Links (distinct document pairs) from each primary phase to another."""
        journey = _JOURNEY_MASK
        # Each linked node's primary phase, looked up once (None: no tagged
        # document, such as home or a category); the journey links of each
        # source are picked at C speed (:func:`_linked`).
        first: dict[Node, str | None] = {}
        per_source: dict[str, dict[str, int]] = {}
        for source, neighbours in self._out.items():
            if not isinstance(source, Document) or not source.phases:
                continue
            if not source.counted:
                continue
            counts = per_source.setdefault(source.phases[0].id, {})
            for target in _linked(neighbours, journey):
                if target in first:
                    target_phase = first[target]
                else:
                    target_phase = first[target] = (
                        target.phases[0].id
                        if isinstance(target, Document) and target.phases
                        else None
                    )
                if target_phase is not None:
                    counts[target_phase] = counts.get(target_phase, 0) + 1
        return {
            (source_phase, target_phase): count
            for source_phase, counts in per_source.items()
            for target_phase, count in counts.items()
        }


def phase_level(doc: Document) -> int:
    """How far in the journey a document reaches: its furthest phase (0: none).

    The index of :attr:`Document.furthest`, the notion next steps and the
    default CTA use too.
    """
    furthest = doc.furthest
    return furthest.index if furthest is not None else 0


def hrefs(fragment: str) -> list[str]:
    """The ``href`` of every ``<a>``/``<area>`` in an HTML content fragment.

    A tokenizer, not a tree: comments and the raw text of ``script``,
    ``style``, ``textarea`` and ``template`` are skipped, attribute values
    may be quoted either way or not at all, and entities are decoded. Text
    that merely looks like a link (``&lt;a href…`` in code) is not a tag.

    One pass over the fragment finds its anchors and anything to skip; a
    fragment that has something to skip (rare in content) is read again
    the careful way (:func:`_hrefs_skipping`).
    """
    found: list[str] = []
    for skip, tag, double, single, bare in _SCAN_RE.findall(fragment):
        # Anything to skip is either found by the scan or inside a tag it
        # matched (a "<" in an attribute): then read the fragment again.
        if skip or "<" in tag:
            return _hrefs_skipping(fragment)
        value = double or single or bare  # the one that matched; "" if empty
        found.append((html.unescape(value) if "&" in value else value).strip())
    return found


def _hrefs_skipping(fragment: str) -> list[str]:
    """:func:`hrefs` of a fragment with comments or raw text to skip."""
    if not _href_hint_re().search(fragment):
        return []
    if "<!--" in fragment or _raw_text_hint_re().search(fragment):
        fragment = _skipped_re().sub(" ", fragment)
    return [
        html.unescape(next(g for g in match.group(1, 2, 3) if g is not None)).strip()
        for match in _anchor_re().finditer(fragment)
    ]


def _first_page(count: int | bool | None, items: list[Document]) -> list[Document]:
    if not count:
        return items
    return items[: int(count)]


def build_graph(index: SiteIndex) -> LinkGraph:
    """The link graph of the indexed site (see the module documentation).

    Built after the calls to action and next steps are chosen: they are
    edges. Every link is resolved by the build's one resolver (``links.py``).
    """
    context = index.context
    links = index.links
    graph = LinkGraph()
    nodes = [d for d in index.documents if d.status != "draft"]
    published = [d for d in nodes if d.status == "published" and d.original is None]
    articles = [d for d in published if d.kind == "article"]

    paginated = setting(context, "PAGINATED_TEMPLATES", {}) or {}
    default_pagination = setting(context, "DEFAULT_PAGINATION", False)

    def per_page(template: str) -> Any:
        count = paginated.get(template)
        return default_pagination if count is None else count

    graph.home_doc = links.home_doc
    if links.blog is not None:
        graph.add_all(links.blog, _first_page(per_page("index"), articles), "index")

    doc_of = {id(d.content): d for d in published}
    for node, listed in links.categories:
        members = [doc_of[id(a)] for a in listed if id(a) in doc_of]
        graph.add_all(node, _first_page(per_page("category"), members), "category")

    # Home navigation (menu on every page of the theme; counted from home).
    for item in setting(context, "MENUITEMS", ()) or ():
        try:
            _title, href = item[0], item[1]
        except (IndexError, KeyError, TypeError):
            continue
        target = links.node(str(href), None)
        if target is not None:
            graph.add(HOME, target, "menu")
    if setting(context, "DISPLAY_PAGES_ON_MENU", True):
        pages = [doc for doc in published if doc.kind == "page"]
        graph.add_all(HOME, pages, "page-menu")
    if setting(context, "DISPLAY_CATEGORIES_ON_MENU", True):
        for node, _listed in links.categories:
            graph.add(HOME, node, "category")

    inject = index.config.inject is not False
    # {filename}/path links lead to the same document from every page: each
    # looked up once while the graph is built (dropped with this call).
    rooted: dict[str, Document | None] = {}
    for doc in nodes:
        unseen = doc.unseen  # what the page's template never shows
        if "content" not in unseen:
            found = links.content_nodes(hrefs(doc.html), doc, rooted)
            graph.add_all(doc, found, "content")
        for translation in doc.translations:
            if translation.status != "draft":
                graph.add(doc, translation, "translation")
                graph.add(translation, doc, "translation")
        if not inject:
            continue
        offsite = 0
        cta = doc.cta
        if cta is not None and "journey/cta.html" not in unseen:
            target_doc = cta.target.document
            if target_doc is None:
                offsite += not cta.target.url.startswith("#")
            elif target_doc.status != "draft":
                graph.add(doc, target_doc, "cta")
        if "journey/next.html" not in unseen:
            steps = [step for step in doc.next if step.status != "draft"]
            graph.add_all(doc, steps, "next")
            offsite += sum(not isinstance(s, Document) for s in doc.next_steps)
        if offsite:
            graph.offsite[doc] = offsite
    if graph.home_doc is not None:
        for edge in graph.outgoing(graph.home_doc):
            graph.add(HOME, edge.target, edge.kind)
    graph.freeze()
    return graph
