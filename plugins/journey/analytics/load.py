"""Reading an export into :class:`~.figures.Analytics`: the one entry point."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model.records import Record
from .accesslog import read_logs
from .csvexports import read_goatcounter, read_matomo, read_plausible
from .errors import AnalyticsError
from .figures import Analytics, PageTally, Period, Unmatched, VisitTally
from .matching import Matcher, Target
from .sources import ACCESS_LOG, GOATCOUNTER, PLAUSIBLE, Unit, sniff, units

if TYPE_CHECKING:
    from ..site.index import SiteIndex

logger = logging.getLogger("pelican.plugins.journey")


class Skips(Record):
    """Unreadable lines or rows: how many, and the first one of each file."""

    _fields = ("count", "files")
    count: int
    files: dict[str, list[int]]  # name -> [first, n]

    def __init__(self, count: int = 0, files: dict[str, list[int]] | None = None):
        self.count = count
        self.files = {} if files is None else files

    def add(self, unit: Unit, line: int) -> None:
        self.count += 1
        seen = self.files.setdefault(unit.name, [line, 0])
        seen[1] += 1


def matcher_for_index(index: SiteIndex) -> Matcher:
    """A matcher for the documents of a build (any language, hidden too)."""
    order = {phase.id: i for i, phase in enumerate(index.model.phases)}
    pages: dict[str, Target] = {}
    other: list[str] = []
    for url, doc in index.urls.items():
        if doc is None:
            other.append(url)
        elif doc.status != "draft":
            phase = doc.phase
            pages[url] = Target(doc, order.get(phase.id) if phase else None)
    siteurl = str(index.context.get("SITEURL", "") or "")
    return Matcher(pages, other, siteurl)


def _format_of(
    path: Path, found: Iterable[Unit], lang: str
) -> tuple[str, dict[str, list[Unit]]]:
    """The export's format and its units by role; unrecognised files are left out."""
    groups: dict[str, dict[str, list[Unit]]] = {}
    left_out: list[Unit] = []
    found = list(found)
    for unit in found:
        sniffed = sniff(unit)
        if sniffed.format is None:
            if len(found) == 1:
                key = "analytics-empty" if sniffed.empty else "analytics-unknown"
                raise AnalyticsError(key, path=unit.name)
            left_out.append(unit)
            continue
        role = sniffed.table or "rows"
        groups.setdefault(sniffed.format, {}).setdefault(role, []).append(unit)
    if not groups:
        raise AnalyticsError("analytics-unknown", path=path)
    if len(groups) > 1:
        raise AnalyticsError(
            "analytics-mixed", path=path, formats=", ".join(sorted(groups))
        )
    for unit in left_out:
        if not unit.basename.startswith("imported_"):
            left = AnalyticsError("analytics-left-out", path=unit.name)
            logger.warning("pelican-journey: %s", left.message(lang))
    ((fmt, roles),) = groups.items()
    if fmt == PLAUSIBLE and not roles.get("pages"):
        raise AnalyticsError("analytics-plausible-pages", path=path)
    return fmt, roles


def load_analytics(
    path: Path,
    matcher: Matcher,
    phase_ids: Iterable[str],
    source: str | None = None,
    lang: str = "en",
) -> Analytics:
    """Read the export at ``path`` (file, folder or zip); see the package doc.

    Raises :class:`AnalyticsError` (one line naming the file) for an export
    that cannot be used; unreadable rows are counted, skipped and logged.
    """
    path = Path(path)
    fmt, roles = _format_of(path, units(path), lang)
    ids = list(phase_ids)
    unmatched = Unmatched()
    period = Period()
    skips = Skips()
    files = sum(len(u) for u in roles.values())
    page_views: Mapping[Any, int]
    if fmt in (ACCESS_LOG, GOATCOUNTER):
        visits = VisitTally(ids)
        rows = [u for group in roles.values() for u in group]
        if fmt == ACCESS_LOG:
            read_logs(rows, matcher, visits, unmatched, period, skips)
        else:
            read_goatcounter(rows, matcher, visits, unmatched, period, skips)
        phases, flows = visits.finish()
        page_views = visits.page_views
    else:
        pages = PageTally(ids)
        if fmt == PLAUSIBLE:
            read_plausible(roles, matcher, pages, unmatched, period, skips)
        else:
            read_matomo(roles.get("rows", []), matcher, pages, unmatched, skips)
        phases, flows = pages.finish()
        page_views = pages.page_views
    for name, (line, count) in skips.files.items():
        skipped = AnalyticsError("analytics-skipped", path=name, line=line, count=count)
        logger.warning("pelican-journey: %s", skipped.message(lang))
    start, end = period.bounds()
    return Analytics(
        source=source if source is not None else path.as_posix(),
        format=fmt,
        start=start,
        end=end,
        phases=phases,
        flows=flows,
        unmatched_pageviews=unmatched.total,
        page_views=dict(page_views),
        top_unmatched=unmatched.top(),
        skipped=skips.count,
        files=files,
    )
