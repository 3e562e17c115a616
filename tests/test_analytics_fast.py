"""The fast access-log reader against the plain one it replaced, on varied logs.

``accesslog.read_logs`` searches whole blocks of lines with one regular
expression, looks times up from cached parts and tallies visits in a batch;
``bots`` reads the crawler patterns without a regex step per character. Each
is held here to the plain code it replaced (kept below, as it was) on random
logs with every kind of line a real log has: Combined and Common Log Format,
Apache-escaped quotes, nginx ``\\x22``, bad and blank lines, several time
zones and bad times, ``\\r\\n`` endings, non-ASCII paths, gzip, rotated files,
lines longer than a block.
"""

from __future__ import annotations

import calendar
import copy
import dataclasses
import gzip
import json
import pickle
import random
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import crawleruseragents
import pytest

from pelican.plugins.journey.analytics import (
    accesslog,
    bots,
    figures,
    matching,
    sources,
)
from pelican.plugins.journey.analytics.accesslog import MONTHS, first_time, read_logs
from pelican.plugins.journey.analytics.bots import is_bot
from pelican.plugins.journey.analytics.figures import Period, Unmatched, VisitTally
from pelican.plugins.journey.analytics.load import Skips
from pelican.plugins.journey.analytics.load import Skips as Skips_
from pelican.plugins.journey.analytics.matching import (
    ASSET,
    OTHER,
    PAGE,
    UNMATCHED,
    Matcher,
    Target,
)
from pelican.plugins.journey.analytics.sources import CLF, CLF_ESCAPED, Unit, open_text

PHASES = ["awareness", "consideration", "decision", "purchase", "experience"]


# -- the plain reader, as it was ---------------------------------------------


class PlainClock:
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
        if offset is None:
            offset = int(zone[1:3]) * 3600 + int(zone[3:5]) * 60
            if zone[0] == "-":
                offset = -offset
            elif zone[0] != "+":
                raise ValueError(value)
            self._zones[zone] = offset
        return base + seconds - offset


class PlainTally:
    """VisitTally as it was: a call per view, each ended visit counted at once."""

    def __init__(self, phase_ids: list[str], gap: float = figures.VISIT_GAP) -> None:
        self.ids = list(phase_ids)
        n = len(self.ids)
        self.gap = gap
        self.pageviews = [0] * n
        self.visits = [0] * n
        self.entries = [0] * n
        self.exits = [0] * n
        self.flows = [0] * max(n - 1, 0)
        self.page_views: dict[Any, int] = {}
        self._open: dict[Any, list[Any]] = {}
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
        if self._since_sweep >= figures._SWEEP_EVERY:
            self._sweep()
        return state

    def touch(self, key: Any, timestamp: float) -> None:
        self._visit(key, timestamp)

    def view(self, key: Any, timestamp: float, phase: int | None, doc: Any) -> None:
        self.page_views[doc] = self.page_views.get(doc, 0) + 1
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

    def _close(self, state: list[Any]) -> None:
        seen = state[1]
        if not seen:
            return
        for i in range(len(self.ids)):
            if seen >> i & 1:
                self.visits[i] += 1
        self.entries[state[2]] += 1
        self.exits[state[3]] += 1
        for i in range(len(self.flows)):
            if state[4] >> i & 1:
                self.flows[i] += 1

    def _sweep(self) -> None:
        self._since_sweep = 0
        horizon = self._latest - self.gap - figures._SWEEP_SLACK
        ended = [key for key, state in self._open.items() if state[0] < horizon]
        for key in ended:
            self._close(self._open.pop(key))

    def figures(self) -> dict[str, Any]:
        for state in self._open.values():
            self._close(state)
        self._open.clear()
        return {
            "pageviews": self.pageviews,
            "visits": self.visits,
            "entries": self.entries,
            "exits": self.exits,
            "flows": self.flows,
            "page_views": dict(self.page_views),
        }


def plain_read_logs(
    files: Iterable[Unit],
    matcher: Matcher,
    tally: PlainTally,
    unmatched: Unmatched,
    period: Period,
    skips: Skips,
) -> None:
    clock = PlainClock()
    last_when = ""
    timestamp = 0.0
    for unit in sorted(files, key=lambda u: (first_time(u, clock), u.name)):  # type: ignore[arg-type]
        with open_text(unit) as stream:
            for number, line in enumerate(stream, start=1):
                found = CLF_ESCAPED.match(line) if '\\"' in line else CLF.match(line)
                if found is None:
                    if line.strip():
                        skips.add(unit, number)
                    continue
                address, when, request, status, agent = found.groups()
                if when != last_when:
                    try:
                        timestamp = clock.epoch(when)
                    except (ValueError, KeyError):
                        skips.add(unit, number)
                        continue
                    last_when = when
                    period.see(timestamp)
                method, _, rest = request.partition(" ")
                if method != "GET" or not rest:
                    continue
                if agent is None:
                    agent = ""
                elif is_bot(agent):
                    continue
                path = rest.split(" ", 1)[0]
                kind, target = matcher.match(path)
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
                    tally.touch(key, timestamp)
                elif kind == PAGE:
                    tally.view(key, timestamp, target.phase, target.document)


# -- random logs ---------------------------------------------------------------

PAGES = [f"pages/p{i}.html" for i in range(12)] + ["nl/over/", "blog/post-1.html"]
AGENTS = [
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Safari/604.1",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "curl/8.5.0",
    "",
    "-",
    'Mozilla/5.0 (quoted \\"inner\\" part)',  # Apache's escape
    "Mozilla/5.0 (nginx \\x22escape\\x22)",
    "Mozilla/5.0 caf\u00e9",
]
ZONES = ["+0000", "+0200", "-0500", "+0130", "0000", "+00x0"]


def _matcher() -> Matcher:
    phases = [*range(len(PHASES)), None]
    pages = {url: Target(url, phases[i % len(phases)]) for i, url in enumerate(PAGES)}
    pages["pages/none.html"] = Target("none", None)
    return Matcher(pages, ["", "archives.html", "index.html", "tags.html"])


def _when(rng: random.Random, t: int) -> str:
    zone = rng.choice(ZONES) if rng.random() < 0.1 else "+0200"
    stamp = calendar.timegm((2026, 3, 1, 0, 0, 0)) + t
    day, clock = divmod(stamp, 86400)
    month = list(MONTHS)[(day // 28) % 12]
    text = (
        f"{1 + day % 28:02d}/{month}/2026:{clock // 3600:02d}:"
        f"{clock // 60 % 60:02d}:{clock % 60:02d} {zone}"
    )
    roll = rng.random()
    if roll < 0.01:
        return text.replace("/", "-", 1)  # no day
    if roll < 0.02:
        return text[:20]  # cut short
    if roll < 0.03:
        return text.replace(text[3:6], "Foo")  # no month
    if roll < 0.04:
        return text[:12] + "x" + text[13:]  # no hour
    return text


def _path(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.55:
        path = "/" + rng.choice(PAGES)
        if rng.random() < 0.2:
            path += "?utm_source=x"
        if path.endswith("/") and rng.random() < 0.5:
            path += "index.html"
        return path
    return rng.choice(
        [
            "/",
            "/archives.html",
            "/index2.html",
            "/theme/css/style.css",
            "/images/a.jpg",
            "/old-page.html",
            "/caf%C3%A9.html",
            "/caf\u00e9.html",
            "/pages/none.html",
            "http://example.org/pages/p1.html",
        ]
    )


def _line(rng: random.Random, t: int) -> str:
    roll = rng.random()
    if roll < 0.01:
        return "this is not a log line at all"
    if roll < 0.02:
        return "   "
    if roll < 0.025:
        return ""
    address = f"10.0.0.{rng.randrange(6)}"
    method = rng.choice(["GET"] * 12 + ["POST", "HEAD", "GET", "-"])
    request = f"{method} {_path(rng)} HTTP/1.1"
    if rng.random() < 0.01:
        request = rng.choice(["GET ", "GET", "", "GET  /pages/p1.html"])
    if rng.random() < 0.01:
        request = 'GET /pages/p2.html?q=\\"x\\" HTTP/1.1'
    status = rng.choice(["200"] * 10 + ["304", "301", "404", "500", "204"])
    line = f'{address} - - [{_when(rng, t)}] "{request}" {status} {rng.randrange(9999)}'
    roll = rng.random()
    if roll < 0.8:
        line += f' "https://www.example.org/" "{rng.choice(AGENTS)}"'
        if rng.random() < 0.1:
            line += ' "extra field"'
    elif roll < 0.85:
        line += ' "https://www.example.org/ "unterminated'  # no user agent
    elif roll < 0.87:
        line += "\t-"
    return line


def _log(rng: random.Random, lines: int, start: int = 0) -> tuple[list[str], int]:
    out = []
    t = start
    for _ in range(lines):
        t += rng.choice([0, 0, 0, 1, 7, 60, 300, 1900])
        out.append(_line(rng, t))
    return out, t


def _write(path: Path, lines: list[str], rng: random.Random, zipped: bool) -> None:
    ending = "\r\n" if rng.random() < 0.2 else "\n"
    text = ending.join(lines) + (ending if rng.random() < 0.8 else "")
    if zipped:
        with gzip.open(path, "wt", encoding="utf-8", newline="") as handle:
            handle.write(text)
    else:
        path.write_bytes(text.encode("utf-8"))


def _read(files: list[Unit], plain: bool) -> dict[str, Any]:
    matcher = _matcher()
    unmatched, period, skips = Unmatched(), Period(), Skips()
    if plain:
        tally = PlainTally(PHASES)
        plain_read_logs(files, matcher, tally, unmatched, period, skips)
        counted = tally.figures()
    else:
        visits = VisitTally(PHASES)
        read_logs(files, matcher, visits, unmatched, period, skips)
        phases, flows = visits.finish()
        counted = {
            "pageviews": [p.pageviews for p in phases],
            "visits": [p.visits for p in phases],
            "entries": [p.entries for p in phases],
            "exits": [p.exits for p in phases],
            "flows": [f.visits for f in flows],
            "page_views": dict(visits.page_views),
        }
    return {
        **counted,
        "unmatched": (unmatched.total, unmatched.top()),
        "period": period.bounds(),
        "skipped": (skips.count, skips.files),
    }


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("block", [accesslog._BLOCK, 700])
def test_fast_reader_counts_as_the_plain_one(tmp_path, monkeypatch, seed, block):
    monkeypatch.setattr(accesslog, "_BLOCK", block)
    rng = random.Random(seed)
    files = []
    t = 0
    for i in range(rng.choice([1, 1, 3])):
        lines, t = _log(rng, rng.randrange(200, 1500), t)
        if rng.random() < 0.3:  # a line longer than a block
            lines.insert(rng.randrange(len(lines)), lines[0] + " " + "x" * 3000)
        name = f"access.log.{i}" + (".gz" if i == 2 else "")
        _write(tmp_path / name, lines, rng, zipped=i == 2)
        files.append(Unit(tmp_path / name))
    fast = _read(files, plain=False)
    assert fast == _read(files, plain=True)
    # the logs are not trivial: views, visits, skips and unmatched paths
    assert sum(fast["pageviews"]) > 0 and sum(fast["visits"]) > 0
    assert fast["skipped"][0] > 0 and fast["unmatched"][0] > 0


def test_clean_blocks_take_the_fast_path(tmp_path, monkeypatch):
    """A log of clean lines is read by the block search, never line by line."""
    rng = random.Random(3)
    lines = []
    for t in range(0, 3000 * 97, 97):
        stamp = (
            f"{1 + t // 86400:02d}/Mar/2026:{t // 3600 % 24:02d}:"
            f"{t // 60 % 60:02d}:{t % 60:02d} +0000"
        )
        lines.append(
            f'10.0.0.{rng.randrange(50)} - - [{stamp}] "GET /{rng.choice(PAGES)} '
            f'HTTP/1.1" 200 512 "-" "{AGENTS[rng.randrange(2)]}"'
        )
    log = tmp_path / "access.log"
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    slow: list[int] = []
    read_lines = accesslog._read_lines

    def counting(lines: Iterable[str]) -> list[accesslog.Record]:
        records = read_lines(lines)
        slow.append(len(records))
        return records

    monkeypatch.setattr(accesslog, "_read_lines", counting)
    files = [Unit(log)]
    assert _read(files, plain=False) == _read(files, plain=True)
    assert slow == []


@pytest.mark.parametrize("seed", range(4))
def test_batch_tally_counts_as_a_call_per_view(monkeypatch, seed):
    monkeypatch.setattr(figures, "_SWEEP_EVERY", 7)  # sweeps happen
    rng = random.Random(seed)
    targets = [Target(f"d{i}", rng.choice([None, 0, 1, 2, 3, 4])) for i in range(9)]
    views = []
    t = 0
    for _ in range(3000):
        t += rng.choice([0, 5, 60, 900, 2000])
        when = t - rng.choice([0, 0, 0, 30, 3000])  # a little out of order
        views.append((rng.randrange(40), when, rng.choice([*targets, None])))
    plain = PlainTally(PHASES)
    for key, when, target in views:
        if target is None:
            plain.touch(key, when)
        else:
            plain.view(key, when, target.phase, target.document)
    fast = VisitTally(PHASES)
    for start in range(0, len(views), 250):
        fast.add(views[start : start + 250])
    phases, flows = fast.finish()
    expected = plain.figures()
    assert [p.visits for p in phases] == expected["visits"]
    assert [p.entries for p in phases] == expected["entries"]
    assert [p.exits for p in phases] == expected["exits"]
    assert [p.pageviews for p in phases] == expected["pageviews"]
    assert [f.visits for f in flows] == expected["flows"]
    assert dict(fast.page_views) == expected["page_views"]
    assert sum(expected["flows"]) > 0 and sum(expected["visits"]) > 0


# -- the crawler patterns -------------------------------------------------------


def _json_text() -> str:
    data = Path(crawleruseragents.__file__).with_name("crawler-user-agents.json")
    return data.read_text(encoding="utf-8")


# the plain form of bots._PATTERN_FAST
_PATTERN_RE = re.compile(r'"pattern"\s*:\s*("(?:[^"\\]|\\.)*")')


def test_pattern_literals_as_the_regex_finds_them():
    text = _json_text()
    assert bots._literals(text) == _PATTERN_RE.findall(text)
    odd = (
        '[{"pattern": "a\\\\"b", "x": 1}, {"pattern" : "c\\\\\\\\", "pattern": "d"},'
        ' {"pattern":"\\u00e9\\\\/"}, {"pattern": 3}, {"pattern": "unterminated'
    )
    assert bots._literals(odd) == _PATTERN_RE.findall(odd)
    assert len(bots._literals(odd)) == 4


def test_patterns_split_as_one_at_a_time():
    patterns = [p["pattern"] for p in json.loads(_json_text())]
    rng = random.Random(5)
    made = [
        "".join(
            rng.choice(["a", "\\/", "\\.", "\\-", ".", "\\", "|", "b", "[", " "])
            for _ in range(rng.randrange(1, 6))
        )
        for _ in range(400)
    ]
    for group in (patterns, made, [*made, "with\x00nul", "plain"]):
        answers = [bots._plain(p) for p in group]
        assert bots._split(group) == (
            [t for t in answers if t is not None],
            [p for p, t in zip(group, answers, strict=True) if t is None],
        )
    plain, regexes = bots._patterns()
    answers = [bots._plain(p) for p in patterns]
    assert list(plain) == [t for t in answers if t is not None]
    others = [p for p, t in zip(patterns, answers, strict=True) if t is None]
    assert [r.pattern for r in regexes] == ["|".join(c) for c in _chunks(others)]


def _chunks(items: list[str]) -> list[list[str]]:
    size = bots.CHUNK_SIZE
    return [items[i : i + size] for i in range(0, len(items), size)]


def test_clock_parts_are_parsed_once_and_agree(tmp_path):
    clock = accesslog.Clock()
    plain = PlainClock()
    rng = random.Random(9)
    for _ in range(3000):
        when = _when(rng, rng.randrange(10**7))
        try:
            expected: Any = plain.epoch(when)
        except (ValueError, KeyError) as error:
            expected = type(error)
        try:
            got: Any = clock.epoch(when)
        except (ValueError, KeyError) as error:
            got = type(error)
        assert got == expected, when
    assert 0 < len(clock.clocks) <= 1440
    assert re.fullmatch(r":\d\d:\d\d", next(iter(clock.clocks)))


# -- the block regex, the small caches, the records ---------------------------

# accesslog._LINES as it was, without possessive quantifiers
_LINES_PLAIN = re.compile(
    r'^(\S+) \S+ \S+ \[([^\]]+)\] "([^"]*)" (\d{3}) \S+'
    r'(?: "[^"]*" ("[^"]*)")?[^\n]*\n?',
    re.MULTILINE,
)


@pytest.mark.parametrize("seed", range(6))
def test_block_regex_finds_what_the_plain_one_finds(seed):
    rng = random.Random(seed)
    lines, _ = _log(rng, 1500)
    odd = [
        '1.2.3.4 - - [01/Mar/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 1 "ref',
        'x" "agent" tail',  # a referer across lines
        '1.2.3.4 - - [01/Mar/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 1 "a" "b',
        '1.2.3.4 - - [01/Mar/2026:00:00:00 +0000] "GET / HTTP/1.1" 2000 1 "a" "b"',
        '1.2.3.4  - - [01/Mar/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 1',
        '1.2.3.4 - - [01/Mar/2026:00:00:00 +0000]] "GET / HTTP/1.1" 200 1',
        '1.2.3.4 - - [] "GET / HTTP/1.1" 200 1 "a" "b"',
        '1.2.3.4 - - [x] "GET / HTTP/1.1" 200  "a" "b"',
        '1.2.3.4 - - [x] "GET / "HTTP/1.1" 200 1 "a" "b"',
        '1.2.3.4 - - [x] "" 200 1 "" ""',
        '1.2.3.4 - - [x] "GET" 200 1 "a"  "b"',
    ]
    for line in odd:
        lines.insert(rng.randrange(len(lines)), line)
    for _ in range(20):
        start = rng.randrange(len(lines))
        block = "\n".join(lines[start : start + rng.randrange(1, 400)])
        block += rng.choice(["", "\n"])
        assert accesslog._LINES.findall(block) == _LINES_PLAIN.findall(block)


@pytest.mark.parametrize("seed", range(3))
def test_full_caches_count_as_the_plain_reader(tmp_path, monkeypatch, seed):
    """Past the kept requests and user agents, lines are judged afresh."""
    monkeypatch.setattr(accesslog, "_REQUESTS_KEPT", 3)
    monkeypatch.setattr(accesslog, "_AGENTS_KEPT", 1)
    rng = random.Random(seed)
    lines, _ = _log(rng, 2000)
    log = tmp_path / "access.log"
    _write(log, lines, rng, zipped=False)
    fast = _read([Unit(log)], plain=False)
    assert fast == _read([Unit(log)], plain=True)
    assert sum(fast["pageviews"]) > 0 and fast["unmatched"][0] > 0


def test_records_behave_as_the_dataclasses_they_replace():
    @dataclasses.dataclass(frozen=True, slots=True)
    class Target:  # matching.Target as it was
        document: Any
        phase: int | None

    @dataclasses.dataclass(frozen=True)
    class Unit:  # sources.Unit as it was
        path: Path
        member: str | None = None

    @dataclasses.dataclass(slots=True)
    class PhaseFigures:  # figures.PhaseFigures as it was
        id: str
        pageviews: int = 0
        visits: int = 0
        entries: int = 0
        exits: int = 0

    @dataclasses.dataclass
    class Skips:  # load.Skips as it was
        count: int = 0
        files: dict[str, list[int]] = dataclasses.field(default_factory=dict)

    pairs = [
        (matching.Target("doc", 2), Target("doc", 2)),
        (matching.Target(None, None), Target(None, None)),
        (sources.Unit(Path("a.log")), Unit(Path("a.log"))),
        (sources.Unit(Path("x.zip"), "m.csv"), Unit(Path("x.zip"), "m.csv")),
        (figures.PhaseFigures("buy", 3, exits=1), PhaseFigures("buy", 3, exits=1)),
        (Skips_(), Skips()),
        (Skips_(2, {"f": [1, 2]}), Skips(2, {"f": [1, 2]})),
    ]
    for new, old in pairs:
        assert repr(new).split("(", 1)[1] == repr(old).split("(", 1)[1]
        assert type(new).__name__ == type(old).__name__
        same = copy.copy(new)
        assert same == new and (same != new) is False
        assert pickle.loads(pickle.dumps(new)) == new
        assert new != old  # another class, as between two dataclasses
        assert (new.__hash__ is None) == (old.__hash__ is None)
        if new.__hash__ is not None:
            assert hash(new) == hash(old)
            assert hash(same) == hash(new)
            field = type(new)._fields[0]
            with pytest.raises(dataclasses.FrozenInstanceError):
                setattr(new, field, "x")
            with pytest.raises(dataclasses.FrozenInstanceError):
                delattr(new, field)
    assert matching.Target("a", 1) != matching.Target("a", 2)
    assert sources.Unit(Path("a")) != sources.Unit(Path("a"), "m")
    assert figures.PhaseFigures("a") != figures.PhaseFigures("a", 1)
    assert Skips_().files is not Skips_().files  # a new dict each
    flows = figures.FlowFigures("a", "b", 3)
    assert repr(flows) == "FlowFigures(source='a', target='b', visits=3)"
    analytics = figures.Analytics("s", "access-log", None, None, [], [], 0)
    assert analytics.page_views == {} and analytics.top_unmatched == []
    assert (analytics.skipped, analytics.files) == (0, 1)
    assert analytics == figures.Analytics("s", "access-log", None, None, [], [], 0)
    assert analytics != figures.Analytics("s", "access-log", None, None, [], [], 1)
    sniffed = sources.Sniffed("matomo")
    assert (sniffed.format, sniffed.table, sniffed.empty) == ("matomo", None, False)
    assert repr(sniffed) == "Sniffed(format='matomo', table=None, empty=False)"
    assert sniffed == sources.Sniffed("matomo", None, False)
