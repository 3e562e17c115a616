"""Web-server access logs: Common and Combined Log Format, plain or gzip.

nginx's default ``combined`` format, Apache's ``common`` and ``combined``,
Caddy's ``common_log``: ``addr ident user [10/Oct/2026:13:55:36 +0200]
"GET /path HTTP/1.1" 200 2326 "referer" "user agent"`` (referer and user
agent only in Combined). Lines are read one at a time.

What counts as a page view: a ``GET`` of a page path (no extension, or
``.html``/``.htm``) by a client that is not a bot. A document or non-content
page answered with 2xx or 304 is a page view (3xx redirects are not: the
page they lead to is); an error response (4xx, 5xx) to a page the site has
is left out; a page path the site does not have counts as unmatched,
whatever its status.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .bots import is_bot
from .figures import Period, Unmatched, VisitTally
from .matching import ASSET, OTHER, PAGE, UNMATCHED, Matcher
from .sources import CLF, CLF_ESCAPED, Unit, open_text

if TYPE_CHECKING:
    from .load import Skips

MONTHS = {
    name: i
    for i, name in enumerate(
        (
            "Jan",
            "Feb",
            "Mar",
            "Apr",
            "May",
            "Jun",
            "Jul",
            "Aug",
            "Sep",
            "Oct",
            "Nov",
            "Dec",
        ),
        start=1,
    )
}


class Clock:
    """Parses CLF times (``10/Oct/2026:13:55:36 +0200``) to epoch seconds, fast."""

    def __init__(self) -> None:
        self._days: dict[str, int] = {}
        self._zones: dict[str, int] = {}

    def epoch(self, value: str) -> float:
        if len(value) < 26 or value[2] != "/" or value[11] != ":":
            raise ValueError(value)
        day = value[:11]
        base = self._days.get(day)
        if base is None:
            base = calendar.timegm(
                (int(value[7:11]), MONTHS[value[3:6]], int(value[0:2]), 0, 0, 0)
            )
            self._days[day] = base
        seconds = int(value[12:14]) * 3600 + int(value[15:17]) * 60 + int(value[18:20])
        zone = value[21:26]
        offset = self._zones.get(zone)
        if offset is None:  # a log has one or two zones (summer and winter time)
            offset = int(zone[1:3]) * 3600 + int(zone[3:5]) * 60
            if zone[0] == "-":
                offset = -offset
            elif zone[0] != "+":
                raise ValueError(value)
            self._zones[zone] = offset
        return base + seconds - offset


def first_time(unit: Unit, clock: Clock) -> float:
    """The time of the first readable line (to put rotated files in order)."""
    with open_text(unit) as stream:
        for number, line in enumerate(stream, start=1):
            match = CLF.match(line)
            if match:
                try:
                    return clock.epoch(match.group(2))
                except (ValueError, KeyError):
                    pass
            if number > 1000:
                break
    return float("inf")


def read_logs(
    files: Iterable[Unit],
    matcher: Matcher,
    tally: VisitTally,
    unmatched: Unmatched,
    period: Period,
    skips: Skips,
) -> None:
    """Stream every line of the files (oldest file first) into the tally."""
    clock = Clock()
    epoch = clock.epoch
    match_line = CLF.match
    match_escaped = CLF_ESCAPED.match
    match_path = matcher.match
    view = tally.view
    touch = tally.touch
    see = period.see
    last_when = ""
    timestamp = 0.0
    for unit in sorted(files, key=lambda u: (first_time(u, clock), u.name)):
        with open_text(unit) as stream:
            for number, line in enumerate(stream, start=1):
                # Apache escapes a quote as \"; nginx as \x22 (the fast form)
                found = match_escaped(line) if '\\"' in line else match_line(line)
                if found is None:
                    if line.strip():
                        skips.add(unit, number)
                    continue
                address, when, request, status, agent = found.groups()
                if when != last_when:  # busy logs repeat the same second
                    try:
                        timestamp = epoch(when)
                    except (ValueError, KeyError):
                        skips.add(unit, number)
                        continue
                    last_when = when
                    see(timestamp)
                method, _, rest = request.partition(" ")
                if method != "GET" or not rest:
                    continue  # POST, HEAD, probes with no request line
                if agent is None:
                    agent = ""  # Common Log Format: no user agent to judge
                elif is_bot(agent):
                    continue
                path = rest.split(" ", 1)[0]
                kind, target = match_path(path)
                if kind == ASSET:
                    continue
                if kind == UNMATCHED:
                    unmatched.add(path)
                    continue
                code = int(status)
                if not (200 <= code < 300 or code == 304):
                    continue
                key = hash((address, agent))
                if kind == OTHER or target is None:
                    touch(key, timestamp)
                elif kind == PAGE:
                    view(key, timestamp, target.phase, target.document)
