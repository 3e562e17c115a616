"""Calls to action and next steps: where each tagged page leads the customer.

:func:`assign` sets ``doc.cta`` and ``doc.next`` on every tagged, non-draft
document of the index. Pure work on the index: no Pelican object is touched.

Everything starts from the page's *step*: its furthest phase
(:attr:`Document.furthest`), the same notion the ``dead-end`` rule judges,
so a page tagged ``awareness, consideration`` is sent on from consideration.

CTA precedence for a page: its own ``CTA:`` metadata (``CTA: none`` removes
it), then ``JOURNEY_CTAS[step]`` (except on the page it points at), then the
default (SPEC §6): the best page with one of the step's preferred touchpoints
(declared or inferred) of the step itself, the next phase, a later one, or
an untagged page with that ``Touchpoint:`` declared; else the best page of
the first later phase that has content.
Never the page itself, never a page of an earlier phase. Its label says what
the visitor gets there (``model/labels.py``). Where nothing fits, or a
target does not resolve, the page gets no CTA: never a link to nowhere
(``missing-cta`` and ``broken-target`` tell the owner why).

Next steps: up to ``JOURNEY_NEXT_COUNT`` published pages of the first phase
after the step that has content, ordered by ``journey_order`` metadata, then
newest date first, then title; ``Next:`` metadata replaces them
(``Next: none`` removes them). Translations without their own ``CTA: none`` /
``Next:`` take the original's, and every target is swapped for its
translation in the page's language where one exists.

All candidate lists are built once per build, so the cost is linear in the
number of documents.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

from ..model.labels import cta_label
from ..model.phases import Phase, view_lang
from .index import Document, SiteIndex
from .links import Cta, Target, content_target, resolve, split_url
from .tagger import CtaSpec, is_none


def order_key(doc: Document) -> tuple[float, float, str, str]:
    """Stable order: ``journey_order`` (missing last), newest date, title."""
    raw = doc.metadata.get("journey_order")
    try:
        order = float(str(raw).strip()) if raw is not None else math.inf
    except ValueError:
        order = math.inf
    if math.isnan(order):
        order = math.inf
    date = doc.date
    stamp = -date.timestamp() if isinstance(date, datetime) else math.inf
    return (order, stamp, doc.title.casefold(), doc.key)


def _group(doc: Document) -> Document:
    """The original a document is a translation of (itself if none)."""
    return doc.original or doc


class Planner:
    """The CTA and next steps of every page, from buckets built once."""

    def __init__(self, index: SiteIndex) -> None:
        self.index = index
        self.config = index.config
        self.model = index.model
        published = sorted(index.counted(), key=order_key)
        self.by_phase: dict[str, list[Document]] = {p.id: [] for p in self.model.phases}
        for doc in published:
            for phase in doc.phases:
                self.by_phase[phase.id].append(doc)
        # Every language version of each original: original -> lang -> doc.
        self.versions: dict[int, dict[str, Document]] = {}
        for doc in index.documents:
            if doc.status != "draft":
                versions = self.versions.setdefault(id(_group(doc)), {})
                versions.setdefault(doc.lang, doc)
        by_touchpoint: dict[str, list[tuple[int, Document]]] = {}
        for position, doc in enumerate(published):
            by_touchpoint.setdefault(doc.touchpoint or "", []).append((position, doc))
        self._preferred = {
            p.id: self._rank_preferred(p, by_touchpoint) for p in self.model.phases
        }
        self._best = {p.id: self._rank_phase(p) for p in self.model.phases}
        # Default CTAs and next-step lists are the same for many pages: each
        # distinct one is made once and shared (frozen values, lists nobody
        # changes), as the build keeps them until its reports are written.
        self._defaults: dict[tuple[int, int, str], Cta | None] = {}
        self._lists: dict[tuple[int, ...], list[Any]] = {}
        # (phase id, language) -> automatic next steps, ids of pages looked at
        self._automatic_lists: dict[tuple[str, str], tuple[list[Document], set[int]]]
        self._automatic_lists = {}
        self._site: dict[str, Target | None] = {
            phase_id: resolve(setting.target, index, None)
            for phase_id, setting in self.config.ctas.items()
        }

    # -- helpers -------------------------------------------------------------

    def in_lang(self, doc: Document, lang: str) -> Document:
        """The version of ``doc`` in ``lang`` if the site has one, else ``doc``."""
        if doc.lang == lang:
            return doc
        return self.versions.get(id(_group(doc)), {}).get(lang, doc)

    def localise(self, target: Target, lang: str) -> Target:
        doc = target.document
        if doc is None or doc.lang == lang:
            return target
        other = self.in_lang(doc, lang)
        if other is doc:
            return target
        return content_target(other, split_url(target.link)[1])

    def _rank_preferred(
        self, phase: Phase, published: Mapping[str, list[tuple[int, Document]]]
    ) -> list[Document]:
        """The two best pages with one of ``phase``'s preferred touchpoints.

        Two, as one may be the page itself. Pages of an earlier phase never
        qualify. ``published``: (position, page) of the published pages in
        their stable order, by touchpoint (``""``: none).
        """
        preferred = {t: rank for rank, t in enumerate(phase.touchpoints)}
        following = self.model.phases[phase.index : phase.index + 1]

        def closeness(doc: Document) -> int | None:
            """Same phase, next phase, later, untagged; None: earlier."""
            if phase in doc.phases:
                return 0
            if following and following[0] in doc.phases:
                return 1
            if not doc.phases:  # untagged: only what the owner declared it is
                return None if doc.touchpoint_inferred else 3
            furthest = doc.furthest
            return 2 if furthest is not None and furthest.index > phase.index else None

        candidates = []
        for touchpoint, rank in preferred.items():
            for position, doc in published.get(touchpoint, ()):
                close = closeness(doc)
                if close is not None:
                    candidates.append((close, rank, position, doc))
        candidates.sort(key=lambda c: c[:3])  # position: one order, however found
        return [c[3] for c in candidates[:2]]

    def _rank_phase(self, phase: Phase) -> Document | None:
        """The best page of ``phase``.

        Its preferred touchpoints first, then pages whose primary phase it
        is, then the stable order.
        """
        preferred = {t: rank for rank, t in enumerate(phase.touchpoints)}
        docs = self.by_phase[phase.id]
        if not docs:
            return None
        ranked = min(
            range(len(docs)),
            key=lambda i: (
                preferred.get(docs[i].touchpoint or "", len(preferred)),
                docs[i].phase is not phase,
                i,
            ),
        )
        return docs[ranked]

    def label(self, phase: Phase, target: Document, lang: str) -> str:
        """What the default CTA from ``phase`` to ``target`` says."""
        return cta_label(
            phase,
            target.touchpoint,
            target.title,
            target.kind,
            lang,
            own_cta=self.model.id == "custom",
        )

    # -- the CTA -------------------------------------------------------------

    def cta(self, doc: Document) -> Cta | None:
        phase = doc.furthest
        if phase is None:
            return None
        if doc.tags.cta_problem is not None:
            return None  # malformed: broken-target reports it
        spec: CtaSpec | None = doc.tags.cta
        inherited = doc.original.tags.cta if doc.original is not None else None
        if spec is None and inherited is not None and inherited.none:
            return None  # the original's "CTA: none" holds for its translations
        if spec is not None:
            if spec.none:
                return None
            target = resolve(spec.target, self.index, doc)
            if target is None:
                return None
            return Cta(spec.label, self.localise(target, doc.lang), phase, "page")
        setting = self.config.ctas.get(phase.id)
        if setting is not None:
            target = self._site.get(phase.id)
            if target is None:
                return None
            if target.document is None or _group(target.document) is not _group(doc):
                return Cta(
                    setting.label, self.localise(target, doc.lang), phase, "site"
                )
        best = self.default_target(doc, phase)
        if best is None:
            return None
        target_doc = self.in_lang(best, doc.lang)
        lang = view_lang(doc.lang, self.config.lang)
        key = (id(phase), id(target_doc), lang)
        if key not in self._defaults:
            label = self.label(phase, target_doc, lang)
            self._defaults[key] = (
                Cta(label, content_target(target_doc), phase, "default")
                if label
                else None
            )
        return self._defaults[key]

    def shared(self, items: list[Any]) -> list[Any]:
        """An equal list made earlier (same items, in order), else ``items``."""
        return self._lists.setdefault(tuple(map(id, items)), items)

    def default_target(self, doc: Document, phase: Phase) -> Document | None:
        """The page the default CTA of ``doc`` (at step ``phase``) leads to."""
        own = _group(doc)
        best = next((d for d in self._preferred[phase.id] if d is not own), None)
        if best is not None:
            return best
        for later in self.model.phases[phase.index :]:
            found = self._best[later.id]
            if found is not None and found is not own:
                return found
        return None

    # -- next steps ----------------------------------------------------------

    def next(self, doc: Document) -> list[Document | Target]:
        """The next steps of ``doc``: pages, and ``Next:`` URLs that are no page."""
        phase = doc.furthest
        if phase is None:
            return []
        raw = doc.tags.next
        origin = doc
        if raw is None and doc.original is not None:
            raw, origin = doc.original.tags.next, doc.original
        if raw is not None:
            return self._chosen(raw, doc, origin)
        count = self.config.next_count
        if count <= 0:
            return []
        own = _group(doc)
        for later in self.model.phases[phase.index :]:
            picked = self._automatic(later.id, own, doc.lang, count)
            if picked:
                return list(picked)
        return []

    def _automatic(
        self, phase_id: str, own: Document, lang: str, count: int
    ) -> list[Document]:
        """Up to ``count`` distinct pages of a phase in ``lang``, ``own`` left out.

        The same for every page whose original is not among the pages
        looked at for them: made once per phase and language.
        """
        docs = self.by_phase[phase_id]
        found = self._automatic_lists.get((phase_id, lang))
        if found is None:
            picked, looked = self._distinct_looked(docs, lang, count)
            found = self._automatic_lists[(phase_id, lang)] = (picked, looked)
        picked, looked = found
        if id(own) in looked:
            return self._distinct((d for d in docs if d is not own), lang, count)
        return picked

    def _chosen(
        self, raw: Sequence[str], doc: Document, origin: Document
    ) -> list[Document | Target]:
        """``Next:`` targets in the order written; broken ones are left out.

        A target that is a page becomes that page (in the page's language);
        one that is no page (an external URL, the archives) stays a link.
        """
        if is_none(tuple(raw)):
            return []
        own = _group(doc)
        steps: list[Document | Target] = []
        seen_docs: set[int] = set()
        seen_urls: set[str] = set()
        for value in raw:
            target = resolve(value, self.index, origin)
            if target is None:
                continue  # broken-target reports it
            if target.document is None:
                if target.url not in seen_urls and not target.url.startswith("#"):
                    seen_urls.add(target.url)
                    steps.append(target)
                continue
            if target.external or _group(target.document) is own:
                continue
            key = id(_group(target.document))
            if key not in seen_docs:
                seen_docs.add(key)
                steps.append(self.in_lang(target.document, doc.lang))
        return steps

    def _distinct_looked(
        self, docs: list[Document], lang: str, limit: int
    ) -> tuple[list[Document], set[int]]:
        """:meth:`_distinct`, and the ids of the documents it looked at."""
        looked = 0

        def counted() -> Iterator[Document]:
            nonlocal looked
            for doc in docs:
                looked += 1
                yield doc

        out = self._distinct(counted(), lang, limit)
        return out, {id(d) for d in docs[:looked]}

    def _distinct(
        self, docs: Iterable[Document], lang: str, limit: int
    ) -> list[Document]:
        """Up to ``limit`` documents in ``lang`` where possible, no repeats."""
        out: list[Document] = []
        seen: set[int] = set()
        for doc in docs:
            key = id(_group(doc))
            if key in seen:
                continue
            seen.add(key)
            out.append(self.in_lang(doc, lang))
            if len(out) >= limit:
                break
        return out


def assign(index: SiteIndex) -> None:
    """Set ``cta`` and ``next`` on every tagged, non-draft document."""
    planner = Planner(index)
    none = planner.shared([])  # the one empty list of the build
    for doc in index.documents:
        if not doc.phases or doc.status == "draft":
            doc.cta, doc.next, doc.next_steps = None, none, none
            continue
        doc.cta = planner.cta(doc)
        doc.next_steps = planner.shared(planner.next(doc))
        doc.next = planner.shared(
            [s for s in doc.next_steps if isinstance(s, Document)]
        )
