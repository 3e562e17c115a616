"""Counting page views into per-phase figures (SPEC §10).

Two kinds of source:

- with visits rebuilt (access log, GoatCounter): :class:`VisitTally` follows
  each open visit in memory (keyed by an opaque number, never the address or
  user agent) and adds it to the figures when it ends;
- per-page exports (Plausible, Matomo): :class:`PageTally` sums each page's
  figures into its primary phase.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from ..model.records import Record

VISIT_GAP = 30 * 60  # seconds without a page view that end a visit
TOP_UNMATCHED = 10  # unmatched paths listed in the map
_UNMATCHED_LIMIT = 20000  # distinct unmatched paths kept while counting
_SWEEP_EVERY = 1 << 16  # page views between sweeps of ended visits
_SWEEP_SLACK = 10 * 60  # log lines are written when a request ends, a bit out of order


class PhaseFigures(Record):
    __slots__ = ("entries", "exits", "id", "pageviews", "visits")
    _fields = ("id", "pageviews", "visits", "entries", "exits")
    id: str
    pageviews: int
    visits: int
    entries: int
    exits: int

    def __init__(
        self,
        id: str,
        pageviews: int = 0,
        visits: int = 0,
        entries: int = 0,
        exits: int = 0,
    ) -> None:
        self.id = id
        self.pageviews = pageviews
        self.visits = visits
        self.entries = entries
        self.exits = exits

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "pageviews": self.pageviews,
            "visits": self.visits,
            "entries": self.entries,
            "exits": self.exits,
        }


class FlowFigures(Record):
    __slots__ = ("source", "target", "visits")
    _fields = ("source", "target", "visits")
    source: str  # phase id
    target: str  # the following phase's id
    visits: int

    def __init__(self, source: str, target: str, visits: int) -> None:
        self.source = source
        self.target = target
        self.visits = visits

    def as_dict(self) -> dict[str, Any]:
        return {"from": self.source, "to": self.target, "visits": self.visits}


class Analytics(Record):
    """What one export says about the journey (SPEC §10), plus what the map shows."""

    _fields = (
        "source",
        "format",
        "start",
        "end",
        "phases",
        "flows",
        "unmatched_pageviews",
        "page_views",
        "top_unmatched",
        "skipped",
        "files",
    )
    source: str
    format: str  # "access-log", "plausible", "goatcounter" or "matomo"
    start: str | None  # ISO dates of the period, when the export has dates
    end: str | None
    phases: list[PhaseFigures]
    flows: list[FlowFigures]  # empty for per-page exports
    unmatched_pageviews: int
    page_views: dict[Any, int]  # document -> views
    top_unmatched: list[tuple[str, int]]
    skipped: int  # unreadable lines or rows, skipped
    files: int

    def __init__(
        self,
        source: str,
        format: str,
        start: str | None,
        end: str | None,
        phases: list[PhaseFigures],
        flows: list[FlowFigures],
        unmatched_pageviews: int,
        page_views: dict[Any, int] | None = None,
        top_unmatched: list[tuple[str, int]] | None = None,
        skipped: int = 0,
        files: int = 1,
    ) -> None:
        self.source = source
        self.format = format
        self.start = start
        self.end = end
        self.phases = phases
        self.flows = flows
        self.unmatched_pageviews = unmatched_pageviews
        self.page_views = {} if page_views is None else page_views
        self.top_unmatched = [] if top_unmatched is None else top_unmatched
        self.skipped = skipped
        self.files = files

    @property
    def has_visits(self) -> bool:
        """Whether visits were rebuilt (so flows between phases exist)."""
        return self.format in ("access-log", "goatcounter")

    def phase(self, phase_id: str) -> PhaseFigures | None:
        return next((p for p in self.phases if p.id == phase_id), None)

    def views_of(self, document: Any) -> int:
        return self.page_views.get(document, 0)

    def as_dict(self) -> dict[str, Any]:
        """``report.json["analytics"]``, exactly in the shape of SPEC §10."""
        return {
            "source": self.source,
            "format": self.format,
            "period": {"start": self.start, "end": self.end},
            "phases": [p.as_dict() for p in self.phases],
            "flows": [f.as_dict() for f in self.flows],
            "unmatched_pageviews": self.unmatched_pageviews,
        }


class Unmatched:
    """Page views of paths the site does not have: the total and the top paths.

    The total is exact. Past ``_UNMATCHED_LIMIT`` distinct paths (a scanner
    trying thousands), paths seen once are forgotten, so the top list stays
    small and right for paths that matter.
    """

    def __init__(self) -> None:
        self.total = 0
        self._paths: Counter[str] = Counter()

    def add(self, path: str, count: int = 1) -> None:
        self.total += count
        path = path.split("?", 1)[0].split("#", 1)[0] or "/"
        self._paths[path] += count
        if len(self._paths) > _UNMATCHED_LIMIT:
            self._paths = Counter({p: n for p, n in self._paths.items() if n > 1})

    def top(self, count: int = TOP_UNMATCHED) -> list[tuple[str, int]]:
        return heapq.nlargest(count, self._paths.items(), key=lambda i: (i[1], i[0]))


class Period:
    """The first and last moment seen (epoch seconds or dates)."""

    def __init__(self) -> None:
        self.first: float | None = None
        self.last: float | None = None

    def see(self, timestamp: float) -> None:
        if self.first is None or timestamp < self.first:
            self.first = timestamp
        if self.last is None or timestamp > self.last:
            self.last = timestamp

    @staticmethod
    def _iso(value: float | None) -> str | None:
        if value is None:
            return None
        return datetime.fromtimestamp(value, UTC).date().isoformat()

    def bounds(self) -> tuple[str | None, str | None]:
        return self._iso(self.first), self._iso(self.last)

    def see_date(self, day: date) -> None:
        self.see(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())


class VisitTally:
    """Rebuilds visits from page views in time order and counts them per phase.

    A visit is kept as a small list ``[last, seen, first, last_phase, flows]``:
    the time of its last page view, bit masks of the phases it viewed and of
    the consecutive pairs ``(i, i+1)`` it went through, and the phases of its
    first and last matched page views.
    """

    def __init__(self, phase_ids: Sequence[str], gap: float = VISIT_GAP) -> None:
        self.ids = list(phase_ids)
        n = len(self.ids)
        self.gap = gap
        self.pageviews = [0] * n
        self.visits = [0] * n
        self.entries = [0] * n
        self.exits = [0] * n
        self.flows = [0] * max(n - 1, 0)
        self.page_views: Counter[Any] = Counter()
        self._open: dict[Any, list[Any]] = {}
        # ended visits by (seen, first, last, flows): added up in finish()
        self._closed: Counter[tuple[int, int, int, int]] = Counter()
        self._latest = 0.0
        self._since_sweep = 0

    def _visit(self, key: Any, timestamp: float) -> list[Any]:
        state = self._open.get(key)
        if state is None or timestamp - state[0] >= self.gap:
            if state is not None:
                self._close(state)
            state = [timestamp, 0, -1, -1, 0]
            self._open[key] = state
        elif timestamp > state[0]:
            state[0] = timestamp
        self._latest = max(self._latest, timestamp)
        self._since_sweep += 1
        if self._since_sweep >= _SWEEP_EVERY:
            self._sweep()
        return state

    def touch(self, key: Any, timestamp: float) -> None:
        """A page view that is in no phase (home, archives): it keeps a visit open."""
        self._visit(key, timestamp)

    def view(
        self, key: Any, timestamp: float, phase: int | None, document: Any
    ) -> None:
        """A page view of ``document`` (``phase``: its primary phase, 0-based)."""
        self.page_views[document] += 1
        state = self._visit(key, timestamp)
        if phase is None:
            return
        self.pageviews[phase] += 1
        if phase and state[1] >> (phase - 1) & 1:
            state[4] |= 1 << (phase - 1)
        state[1] |= 1 << phase
        if state[2] < 0:
            state[2] = phase
        state[3] = phase

    def add(self, views: Iterable[tuple[Any, float, Any]]) -> None:
        """Page views in time order, as many calls of :meth:`view` and :meth:`touch`.

        Each is ``(key, timestamp, target)``: ``target`` has the ``document``
        and ``phase`` that :meth:`view` takes, or is ``None`` for a page in
        no phase (:meth:`touch`). The same counting, without a call per view.
        """
        visits = self._open
        get = visits.get
        gap = self.gap
        page_views = self.page_views
        pageviews = self.pageviews
        latest = self._latest
        since = self._since_sweep
        for key, timestamp, target in views:
            if target is not None:
                page_views[target.document] += 1
            state = get(key)  # _visit, inlined
            if state is None or timestamp - state[0] >= gap:
                if state is not None:
                    self._close(state)
                state = [timestamp, 0, -1, -1, 0]
                visits[key] = state
            elif timestamp > state[0]:
                state[0] = timestamp
            if timestamp > latest:  # noqa: PLR1730 - max() is a call per view
                latest = timestamp
            since += 1
            if since >= _SWEEP_EVERY:
                self._latest = latest
                self._sweep()
                since = 0
            if target is None:
                continue
            phase = target.phase  # view, inlined
            if phase is None:
                continue
            pageviews[phase] += 1
            seen = state[1]
            if phase and seen >> (phase - 1) & 1:
                state[4] |= 1 << (phase - 1)
            state[1] = seen | 1 << phase
            if state[2] < 0:
                state[2] = phase
            state[3] = phase
        self._latest = latest
        self._since_sweep = since

    def _close(self, state: list[Any]) -> None:
        if state[1]:
            self._closed[state[1], state[2], state[3], state[4]] += 1

    def _count_closed(self) -> None:
        """Add the ended visits to the per-phase figures."""
        for (seen, first, last, flows), count in self._closed.items():
            for i in range(len(self.ids)):
                if seen >> i & 1:
                    self.visits[i] += count
            self.entries[first] += count
            self.exits[last] += count
            for i in range(len(self.flows)):
                if flows >> i & 1:
                    self.flows[i] += count
        self._closed.clear()

    def _sweep(self) -> None:
        self._since_sweep = 0
        horizon = self._latest - self.gap - _SWEEP_SLACK
        ended = [key for key, state in self._open.items() if state[0] < horizon]
        for key in ended:
            self._close(self._open.pop(key))

    def finish(self) -> tuple[list[PhaseFigures], list[FlowFigures]]:
        for state in self._open.values():
            self._close(state)
        self._open.clear()
        self._count_closed()
        phases = [
            PhaseFigures(
                pid, self.pageviews[i], self.visits[i], self.entries[i], self.exits[i]
            )
            for i, pid in enumerate(self.ids)
        ]
        flows = [
            FlowFigures(self.ids[i], self.ids[i + 1], n)
            for i, n in enumerate(self.flows)
        ]
        return phases, flows


class PageTally:
    """Per-page figures summed into their primary phase."""

    def __init__(self, phase_ids: Sequence[str]) -> None:
        self.ids = list(phase_ids)
        self.figures = [PhaseFigures(pid) for pid in self.ids]
        self.page_views: Counter[Any] = Counter()

    def add(
        self,
        phase: int | None,
        document: Any,
        pageviews: int = 0,
        visits: int = 0,
        entries: int = 0,
        exits: int = 0,
    ) -> None:
        self.page_views[document] += pageviews
        if phase is None:
            return
        figures = self.figures[phase]
        figures.pageviews += pageviews
        figures.visits += visits
        figures.entries += entries
        figures.exits += exits

    def finish(self) -> tuple[list[PhaseFigures], list[FlowFigures]]:
        return self.figures, []
