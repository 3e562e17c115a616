"""CSV exports of Plausible, GoatCounter and Matomo, read row by row.

Column layouts (looked up in each project's own code and documentation; see
docs/analytics.md):

- Plausible's CSV export (a zip of ``imported_<table>_<start>_<end>.csv``):
  ``imported_pages``: ``date, hostname, page, visits, visitors, pageviews,
  …``; ``imported_entry_pages``: ``date, entry_page, visitors, entrances,
  …``; ``imported_exit_pages``: ``date, exit_page, visitors, …, exits, …``.
- GoatCounter's export, format version 2: ``2Path, Title, Event, UserAgent,
  Browser, System, Session, Bot, Referrer, Referrer scheme, Screen size,
  Location, FirstVisit, Date``; one row per page view, ``Event`` true for
  clicks (not page views), ``Bot`` 0 for people.
- Matomo's ``Actions.getPageUrls`` report, flat, as CSV: ``label, nb_visits,
  nb_hits, …, entry_nb_visits, …, exit_nb_visits, …, url`` (or the same
  columns with their English names: Pageviews, Unique Pageviews, Entrances,
  Exits, URL).

Columns are found by name, so extra or reordered columns do no harm.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from .errors import AnalyticsError
from .figures import PageTally, Period, Unmatched, VisitTally
from .matching import ASSET, OTHER, UNMATCHED, Matcher
from .sources import Unit, open_text

if TYPE_CHECKING:
    from .load import Skips

csv.field_size_limit(1 << 20)


def _rows(unit: Unit, skips: Skips) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line, {column: value})`` for each data row; broken rows are skipped."""
    with open_text(unit) as stream:
        reader = csv.reader(stream)
        header: list[str] | None = None
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error:
                skips.add(unit, reader.line_num)
                continue
            if not cells or not any(c.strip() for c in cells):
                continue
            if header is None:
                header = [c.strip().strip("\ufeff").lower() for c in cells]
                continue
            if len(cells) != len(header):
                skips.add(unit, reader.line_num)
                continue
            yield reader.line_num, dict(zip(header, cells, strict=True))


def _column(
    unit: Unit, row: dict[str, str], names: Sequence[str], required: bool = True
) -> str | None:
    for name in names:
        if name in row:
            return name
    if not required:
        return None
    raise AnalyticsError("analytics-no-column", path=unit.name, column=names[0])


def _number(value: str) -> int:
    value = value.strip()
    if not value:
        return 0
    number = float(value)
    if not 0 <= number < float("inf"):  # negative, NaN or infinite
        raise ValueError(value)
    return int(number)


# -- Plausible ---------------------------------------------------------------

# table -> (the page column, the columns of each figure, first found wins)
_PLAUSIBLE_COLUMNS: dict[str, tuple[str, tuple[tuple[str, ...], ...]]] = {
    "pages": ("page", (("pageviews",), ("visits", "visitors"))),
    "entry_pages": ("entry_page", (("entrances", "visits", "visitors"),)),
    "exit_pages": ("exit_page", (("exits", "visits", "visitors"),)),
}


def read_plausible(
    tables: dict[str, list[Unit]],
    matcher: Matcher,
    tally: PageTally,
    unmatched: Unmatched,
    period: Period,
    skips: Skips,
) -> None:
    """Sum the pages, entry pages and exit pages tables per page."""
    for table in ("pages", "entry_pages", "exit_pages"):
        for unit in tables.get(table, []):
            path_name, metric_names = _PLAUSIBLE_COLUMNS[table]
            columns: list[str | None] | None = None
            for line, row in _rows(unit, skips):
                if columns is None:
                    columns = [_column(unit, row, (path_name,))] + [
                        _column(unit, row, names) for names in metric_names
                    ]
                try:
                    day = (
                        date.fromisoformat(row["date"].strip())
                        if "date" in row
                        else None
                    )
                    values = [_number(row[c]) for c in columns[1:] if c]
                except ValueError:
                    skips.add(unit, line)
                    continue
                if day is not None:
                    period.see_date(day)
                path = row[columns[0] or path_name].strip()
                kind, target = matcher.match(path)
                if table == "pages":
                    pageviews, visits = values
                    if kind == UNMATCHED:
                        unmatched.add(path, pageviews)
                    elif kind not in (ASSET, OTHER) and target is not None:
                        tally.add(target.phase, target.document, pageviews, visits)
                elif kind not in (ASSET, OTHER, UNMATCHED) and target is not None:
                    if table == "entry_pages":
                        tally.add(target.phase, target.document, entries=values[0])
                    else:
                        tally.add(target.phase, target.document, exits=values[0])


# -- GoatCounter -------------------------------------------------------------


def _goat_time(value: str) -> float:
    value = value.strip()
    if value.endswith("Z"):
        value = value[:-1] + "+00:00"
    return datetime.fromisoformat(value).timestamp()


def read_goatcounter(
    units: Sequence[Unit],
    matcher: Matcher,
    tally: VisitTally,
    unmatched: Unmatched,
    period: Period,
    skips: Skips,
) -> None:
    """One row per page view; visits rebuilt per ``Session``, as from a log."""
    for unit in units:
        for line, row in _rows(unit, skips):
            try:
                path = row["2path"]
                timestamp = _goat_time(row["date"])
                event = row.get("event", "").strip().lower()
                bot = row.get("bot", "0").strip()
            except (KeyError, ValueError):
                skips.add(unit, line)
                continue
            period.see(timestamp)
            if event in ("true", "1", "t", "yes") or bot not in ("", "0"):
                continue
            kind, target = matcher.match(path.strip())
            if kind == ASSET:
                continue
            if kind == UNMATCHED:
                unmatched.add(path.strip())
                continue
            session = row.get("session", "").strip()
            key = hash(("goatcounter", session or (unit.name, line)))
            if kind == OTHER or target is None:
                tally.touch(key, timestamp)
            else:
                tally.view(key, timestamp, target.phase, target.document)


# -- Matomo ------------------------------------------------------------------

_MATOMO_COLUMNS = (
    ("nb_hits", "pageviews"),
    ("nb_visits", "unique pageviews"),
    ("entry_nb_visits", "entrances"),
    ("exit_nb_visits", "exits"),
)


def _matomo_path(row: dict[str, str]) -> str:
    url = (row.get("url") or "").strip()
    if url:
        return url
    label = (row.get("label") or row.get("page url") or "").strip()
    if label in ("/index", "index"):
        return "/"  # Matomo's name for the root page
    return label if label.startswith("/") else "/" + label


def read_matomo(
    units: Sequence[Unit],
    matcher: Matcher,
    tally: PageTally,
    unmatched: Unmatched,
    skips: Skips,
) -> None:
    """One row per page URL with its page views, visits, entries and exits."""
    for unit in units:
        columns: list[str | None] | None = None
        for line, row in _rows(unit, skips):
            if columns is None:
                columns = [
                    _column(unit, row, names, required=i < 2)
                    for i, names in enumerate(_MATOMO_COLUMNS)
                ]
            try:
                pageviews, visits, entries, exits = (
                    _number(row[c]) if c else 0 for c in columns
                )
            except ValueError:
                skips.add(unit, line)
                continue
            path = _matomo_path(row)
            kind, target = matcher.match(path)
            if kind == UNMATCHED:
                unmatched.add(path, pageviews)
            elif kind not in (ASSET, OTHER) and target is not None:
                tally.add(
                    target.phase, target.document, pageviews, visits, entries, exits
                )
