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
import io
import math
import operator
import re
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TYPE_CHECKING

from .bots import is_bot
from .figures import Period, Unmatched, VisitTally
from .matching import ASSET, OTHER, UNMATCHED, Matcher, Target
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


_CLOCKS_KEPT = 4096  # distinct ":HH:MM" kept (a day has 1,440)
_RESTS_KEPT = 4096  # distinct ":SS +hhmm" kept (60 a zone)


class Clock:
    """Parses CLF times (``10/Oct/2026:13:55:36 +0200``) to epoch seconds, fast.

    Days, hours and minutes, and seconds with the zone are parsed once and
    looked up after: ``days[value[:11]] + clocks[value[11:17]] +
    rests[value[17:]]``, a rest being ``:SS +hhmm`` (and anything after it) as
    the seconds less the zone's offset (:func:`read_logs` does that lookup
    itself and calls :meth:`epoch` for any part not seen before; a key is kept
    only once :meth:`epoch` parsed it).
    """

    def __init__(self) -> None:
        self.days: dict[str, int] = {}
        self.clocks: dict[str, int] = {}  # ":HH:MM" -> seconds
        self.rests: dict[str, int] = {}  # ":SS +hhmm" -> seconds - offset
        self.zones: dict[str, int] = {}

    def epoch(self, value: str) -> int:
        if len(value) < 26 or value[2] != "/" or value[11] != ":":
            raise ValueError(value)
        day = value[:11]
        base = self.days.get(day)
        if base is None:
            base = calendar.timegm(
                (int(value[7:11]), MONTHS[value[3:6]], int(value[0:2]), 0, 0, 0)
            )
            self.days[day] = base
        clock = value[11:17]
        minutes = self.clocks.get(clock)
        if minutes is None:
            minutes = int(value[12:14]) * 3600 + int(value[15:17]) * 60
            if len(self.clocks) < _CLOCKS_KEPT:
                self.clocks[clock] = minutes
        rest = value[17:]
        seconds = self.rests.get(rest)
        if seconds is None:
            zone = value[21:26]
            offset = self.zones.get(zone)
            if offset is None:  # a log has one or two zones (summer and winter time)
                offset = int(zone[1:3]) * 3600 + int(zone[3:5]) * 60
                if zone[0] == "-":
                    offset = -offset
                elif zone[0] != "+":
                    raise ValueError(value)
                self.zones[zone] = offset
            seconds = int(value[18:20]) - offset
            if len(self.rests) < _RESTS_KEPT:
                self.rests[rest] = seconds
        return base + minutes + seconds


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


# Reading: a file is read in blocks of whole lines. A block that is ASCII,
# has no \r and no Apache-escaped quote is searched at once with _LINES: CLF
# (sources.py) with the user agent's opening quote kept in its group (so a
# missing user agent, "", differs from an empty one, '"') and the rest of the
# line consumed. When that finds one record per line, no match ran past its
# own line (a match that did would cover the start of the next, leaving fewer
# records than lines) and each record is what CLF finds in that line. Any
# other block is read line by line (_read_lines), as CLF and CLF_ESCAPED read it.
_BLOCK = 1 << 16  # characters read at a time
# Possessive quantifiers (never given back): each is followed by a character
# it cannot match, and what follows the optional group always matches, so
# backtracking could never find another match (tests/test_analytics_fast.py
# holds it to the plain form); the engine keeps no marks.
_LINES = re.compile(
    r'^(\S++) \S++ \S++ \[([^\]]++)\] "([^"]*+)" (\d{3}) \S++'
    r'(?: "[^"]*+" ("[^"]*+)")?+[^\n]*+\n?',
    re.MULTILINE,
)
# (address, time, request, status, '"' + user agent, or "" without one)
Record = tuple[str, str, str, str, str]
_OK = frozenset({*(str(code) for code in range(200, 300)), "304"})
_UNREADABLE: Record = ("", "\n", "", "", "")  # no time: skipped, counted
_BLANK: Record = ("", "", "", "", "")  # no time: skipped, not counted
_AGENTS_KEPT = 16384  # user agents whose answer read_logs keeps
_REQUESTS_KEPT = 16384  # request lines whose match read_logs keeps (a few MB at most)
# What a request line asks, for read_logs: _SKIP (not a GET of a page path:
# other methods, assets), or (kind, target, path) with target None for OTHER.
_SKIP: tuple[int, None, str] = (ASSET, None, "")
Matched = tuple[int, Target | None]
Request = tuple[int, Target | None, str]


def _read_lines(lines: Iterable[str]) -> list[Record]:
    """Records of lines one by one: the fast form, or the escaped one."""
    match_line = CLF.match
    match_escaped = CLF_ESCAPED.match
    records: list[Record] = []
    for line in lines:
        # Apache escapes a quote as \"; nginx as \x22 (the fast form)
        found = match_escaped(line) if '\\"' in line else match_line(line)
        if found is None:
            records.append(_UNREADABLE if line.strip() else _BLANK)
            continue
        address, when, request, status, agent = found.groups()
        quoted = "" if agent is None else '"' + agent
        records.append((address, when, request, str(int(status)), quoted))
    return records


def _blocks(stream: IO[str]) -> Iterator[list[Record]]:
    """The records of every line of the stream, a block of lines at a time."""
    carry = ""
    while True:
        # a line longer than a block: read as much again (never quadratic)
        text = stream.read(max(_BLOCK, len(carry)))
        if text:
            text = carry + text
            # cut after the last line break; a last \r may be the start of \r\n
            cut = max(text.rfind("\n"), text.rfind("\r", 0, len(text) - 1)) + 1
            block, carry = text[:cut], text[cut:]
            if not block:
                continue
        elif carry:
            block, carry = carry, ""
        else:
            return
        if (
            block.isascii()
            and "\r" not in block
            and ("\\" not in block or '\\"' not in block)  # memchr first
        ):
            records = _LINES.findall(block)
            lines = block.count("\n") + (block[-1] != "\n")
            if len(records) == lines:
                yield records
                continue
        yield _read_lines(io.StringIO(block, newline=""))


def _request_kind(request: str, match_path: Callable[[str], Matched]) -> Request:
    """What a request line asks, as :func:`read_logs` keeps it.

    :data:`_SKIP` for anything but a ``GET`` of a page path (assets too),
    else ``(kind, target, path)``: the path's match, target ``None`` for OTHER.
    """
    # "GET " and a path, as two comparisons: else POST, HEAD, probes with no
    # request line
    if not "GET " < request < "GET!":
        return _SKIP
    path = request.split(" ", 2)[1]
    kind, target = match_path(path)
    if kind == ASSET:
        return _SKIP
    return (kind, None if kind == OTHER else target, path)


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
    days = clock.days.get
    clocks = clock.clocks.get
    rests = clock.rests.get
    match_path = matcher.match
    # request line -> _SKIP or (kind, target, path) (see _request_kind)
    requests: dict[str, Request] = {}
    known = requests.get
    skip = _SKIP
    unmatched_kind = UNMATCHED
    ok = _OK
    bots: dict[str, bool] = {}  # '"' + user agent (or "") -> is a bot
    is_known_bot = bots.get
    last_when: str | None = None
    timestamp = 0
    first: float = math.inf
    last: float = -math.inf
    files = list(files)
    if len(files) > 1:
        files.sort(key=lambda u: (first_time(u, clock), u.name))
    for unit in files:
        number = 1
        with open_text(unit) as stream:
            for records in _blocks(stream):
                views: list[tuple[int, int, Target | None]] = []
                lines = iter(records)
                for address, when, request, status, agent in lines:
                    if when != last_when:  # busy logs repeat the same second
                        base = days(when[:11])
                        minutes = clocks(when[11:17])
                        seconds = rests(when[17:])
                        if base is None or minutes is None or seconds is None:
                            try:
                                timestamp = epoch(when)
                            except (ValueError, KeyError):
                                if when:
                                    # the line's number: records left tell it
                                    left = operator.length_hint(lines)
                                    skips.add(unit, number + len(records) - left - 1)
                                continue
                        else:
                            timestamp = base + minutes + seconds
                        last_when = when
                        if timestamp < first:  # noqa: PLR1730 - min() is a call
                            first = timestamp
                        if timestamp > last:  # noqa: PLR1730
                            last = timestamp
                    found = known(request)
                    if found is None:
                        found = _request_kind(request, match_path)
                        if len(requests) < _REQUESTS_KEPT:
                            requests[request] = found
                    if found is skip:  # not a GET of a page path
                        continue
                    bot = is_known_bot(agent)
                    if bot is None:
                        # Common Log Format (""): no user agent to judge
                        bot = bool(agent) and is_bot(agent[1:])
                        if len(bots) < _AGENTS_KEPT:
                            bots[agent] = bot
                    if bot:
                        continue
                    kind, target, path = found
                    if kind == unmatched_kind:
                        unmatched.add(path)
                        continue
                    if status not in ok:
                        continue
                    # the visit's key: the address and the user agent as read
                    # ('"' + agent groups exactly as the agent itself does)
                    views.append((hash((address, agent)), timestamp, target))
                number += len(records)
                tally.add(views)
    if first <= last:  # a time was read
        period.see(first)
        period.see(last)
