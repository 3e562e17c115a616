"""Generated visitor-statistics exports for the analytics tests.

Every export is written from raw rows the generator made itself, and the
expected figures are computed here from those rows, with their ground truth
(which document, which phase, bot or not) and none of the plugin's code: a
second, plain implementation of SPEC §10 to check the plugin against.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import random
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

PHASES = [
    "awareness",
    "consideration",
    "decision",
    "purchase",
    "experience",
    "aftercare",
]
GAP = 1800

# The test site: (source file, phase index or None, slug, kind).
DOCS = [
    ("pages/bewust.md", 0, "bewust", "page"),
    ("articles/ketting.md", 0, "ketting", "article"),
    ("pages/overweging.md", 1, "overweging", "page"),
    ("pages/reviews.md", 2, "reviews", "page"),
    ("articles/naaf.md", 2, "naaf", "article"),
    ("pages/prijzen.md", 3, "prijzen", "page"),
    ("pages/gebruik.md", 4, "gebruik", "page"),
    ("pages/contact.md", 5, "contact", "page"),
    ("pages/los.md", None, "los", "page"),
]
TITLES = {
    "bewust": "Waarom je fiets piept",
    "ketting": "Vijf tekenen, een ketting",
    "overweging": "Reparatie of nieuw",
    "reviews": "Wat klanten zeggen",
    "naaf": "Naaf of derailleur",
    "prijzen": "Prijzen",
    "gebruik": "Onderhoud thuis",
    "contact": "Contact",
    "los": "Over ons",
}
NEXT = {
    "bewust": "overweging",
    "ketting": "overweging",
    "overweging": "reviews",
    "reviews": "prijzen",
    "naaf": "prijzen",
    "prijzen": "gebruik",
    "gebruik": "contact",
}
BROWSERS = [
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    # Apache writes a quote in a user agent as \" (nginx as \x22)
    'Mozilla/5.0 (X11; Ubuntu; Linux x86_64) "Kiosk" Gecko/20100101 Firefox/115.0',
    (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
        "Gecko) Chrome/126.0.0.0 Safari/537.36"
    ),
    (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
    ),
    (
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like "
        "Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36"
    ),
]
BOTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "curl/8.5.0",
]


def site_files(folder_urls: bool = False) -> dict[str, str]:
    """The test site: one or two documents per phase, linked in order."""
    files = {}
    for source, phase, slug, kind in DOCS:
        lines = [f"Title: {TITLES[slug]}", f"Slug: {slug}"]
        if kind == "article":
            lines += ["Date: 2026-03-01", "Category: Blog"]
        if phase is not None:
            lines.append(f"Phase: {PHASES[phase]}")
        if slug == "reviews":
            lines.append("Touchpoint: review")
        if slug == "contact":
            lines.append("Touchpoint: contact")
        body = f"Tekst over {TITLES[slug].lower()}."
        if slug in NEXT:
            target = NEXT[slug]
            folder = "pages" if target != "naaf" else "articles"
            body += f" Lees [verder]({{filename}}/{folder}/{target}.md)."
        if slug == "contact":
            body += " Bel [012 345 67 89](tel:0123456789), dinsdag tot zaterdag 9-17."
        files[source] = "\n".join(lines) + "\n\n" + body + "\n"
    return files


def doc_path(slug: str, kind: str, folder_urls: bool) -> str:
    """The site-relative URL Pelican gives the document under the test settings."""
    if kind == "article":
        return f"{slug}.html"
    return f"pages/{slug}/" if folder_urls else f"pages/{slug}.html"


@dataclass
class Row:
    """One request as the generator meant it (the ground truth beside the text)."""

    visitor: int
    address: str
    agent: str
    time: datetime
    method: str
    path: str  # as requested (variants, prefixes, queries)
    status: int
    kind: str  # "doc", "home", "unmatched", "asset"
    doc: int | None  # index into DOCS
    bot: bool = False


def _variants(url: str, prefix: str) -> list[str]:
    """Ways a browser or link asks for one page."""
    base = "/" + url
    out = [base, base + "?utm_source=nieuwsbrief", prefix + base]
    if url.endswith("/"):
        out += [base + "index.html", base.rstrip("/"), prefix + base + "index.html"]
    return out


def make_rows(
    seed: int = 7,
    visitors: int = 40,
    folder_urls: bool = False,
    prefix: str = "",
    ipv6: bool = True,
) -> list[Row]:
    """Requests of people and bots over three days, in time order."""
    rng = random.Random(seed)
    start = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    rows: list[Row] = []
    for visitor in range(visitors):
        if ipv6 and visitor % 5 == 0:
            address = f"2001:db8::{visitor + 16:x}"
        else:
            address = f"203.0.113.{visitor + 10}"
        agent = BROWSERS[visitor % len(BROWSERS)]
        when = start + timedelta(seconds=rng.randint(0, 3 * 86400))
        for _visit in range(rng.randint(1, 3)):
            doc = rng.choice([0, 1, 0, 1, 2, 3, 4])  # landings early in the journey
            for _step in range(rng.randint(1, 7)):
                roll = rng.random()
                if roll < 0.62:
                    _source, _phase, slug, kind = DOCS[doc]
                    path = rng.choice(
                        _variants(doc_path(slug, kind, folder_urls), prefix)
                    )
                    status = rng.choice([200, 200, 200, 200, 304, 500])
                    rows.append(
                        Row(
                            visitor,
                            address,
                            agent,
                            when,
                            "GET",
                            path,
                            status,
                            "doc",
                            doc,
                        )
                    )
                    # onward or sideways through the journey
                    doc = min(len(DOCS) - 1, max(0, doc + rng.choice([1, 1, 2, 0, -1])))
                elif roll < 0.72:
                    path = rng.choice(
                        ["/", "/index.html", "/archives.html", prefix + "/"]
                    )
                    rows.append(
                        Row(
                            visitor,
                            address,
                            agent,
                            when,
                            "GET",
                            path,
                            200,
                            "home",
                            None,
                        )
                    )
                elif roll < 0.8:
                    path = rng.choice(["/oude-pagina.html", "/winkel/", "/contact.php"])
                    kind = "asset" if path.endswith(".php") else "unmatched"
                    status = 404
                    rows.append(
                        Row(
                            visitor,
                            address,
                            agent,
                            when,
                            "GET",
                            path,
                            status,
                            kind,
                            None,
                        )
                    )
                elif roll < 0.95:
                    path = rng.choice(
                        [
                            "/theme/css/style.css",
                            "/images/werkplaats.svg",
                            "/favicon.ico",
                        ]
                    )
                    rows.append(
                        Row(
                            visitor,
                            address,
                            agent,
                            when,
                            "GET",
                            path,
                            200,
                            "asset",
                            None,
                        )
                    )
                else:
                    rows.append(
                        Row(
                            visitor,
                            address,
                            agent,
                            when,
                            "POST",
                            "/" + doc_path("contact", "page", folder_urls),
                            200,
                            "doc",
                            7,
                        )
                    )
                when += timedelta(seconds=rng.randint(5, 900))
            when += timedelta(seconds=rng.choice([GAP, GAP + 1, 3 * 3600, 86400]))
    for number in range(12):
        _source, _phase, slug, kind = DOCS[number % len(DOCS)]
        when = start + timedelta(seconds=number * 3001)
        rows.append(
            Row(
                1000 + number,
                f"198.51.100.{number}",
                BOTS[number % len(BOTS)],
                when,
                "GET",
                "/" + doc_path(slug, kind, folder_urls),
                200,
                "doc",
                number % len(DOCS),
                bot=True,
            )
        )
    rows.sort(key=lambda r: r.time)
    return rows


# -- writing ------------------------------------------------------------------


def clf_line(row: Row, combined: bool = True) -> str:
    stamp = row.time.astimezone(UTC).strftime("%d/%b/%Y:%H:%M:%S +0000")
    request = f"{row.method} {row.path} HTTP/1.1"
    line = f'{row.address} - - [{stamp}] "{request}" {row.status} 1234'
    if combined:
        agent = row.agent.replace('"', '\\"')
        line += f' "https://www.example.org/" "{agent}"'
    return line


def write_rotated_logs(folder: Path, rows: list[Row], corrupt: bool = True) -> None:
    """nginx-style rotation: access.log.2.gz (oldest), access.log.1, access.log."""
    folder.mkdir(parents=True, exist_ok=True)
    third = len(rows) // 3
    parts = [rows[:third], rows[third : 2 * third], rows[2 * third :]]
    oldest = "\n".join(clf_line(r) for r in parts[0]) + "\n"
    with gzip.open(folder / "access.log.2.gz", "wt", encoding="utf-8") as handle:
        handle.write(oldest)
    middle = [clf_line(r) for r in parts[1]]
    if corrupt:
        middle.insert(3, "this line is not a log line \x00 at all")
    (folder / "access.log.1").write_text("\n".join(middle) + "\n", encoding="utf-8")
    (folder / "access.log").write_text(
        "\n".join(clf_line(r) for r in parts[2]) + "\n", encoding="utf-8"
    )


def goat_rows(rows: list[Row]) -> list[dict[str, str]]:
    """GoatCounter's view of the same visits: page views of people, plus clicks
    (Event) and bots (Bot) that must not count. No assets, no status codes."""
    out = []
    for row in rows:
        if row.method != "GET" or row.kind == "asset" or row.status >= 400:
            continue
        out.append(
            {
                "2Path": row.path.split("?", 1)[0],
                "Title": 'Fietsmakerij, "De Spaak", Wielerveen',
                "Event": "false",
                "UserAgent": "",
                "Browser": "Firefox 128",
                "System": "Linux",
                "Session": f"sess-{row.visitor}",
                "Bot": "2" if row.bot else "0",
                "Referrer": "",
                "Referrer scheme": "",
                "Screen size": "1280,800,1",
                "Location": "NL-ZH",
                "FirstVisit": "false",
                "Date": row.time.strftime("%Y-%m-%dT%H:%M:%SZ"),
            }
        )
        if row.visitor % 4 == 0 and row.kind == "doc":
            click = dict(
                out[-1], **{"2Path": "https://andere.example/", "Event": "true"}
            )
            out.append(click)
    return out


GOAT_HEADER = [
    "2Path",
    "Title",
    "Event",
    "UserAgent",
    "Browser",
    "System",
    "Session",
    "Bot",
    "Referrer",
    "Referrer scheme",
    "Screen size",
    "Location",
    "FirstVisit",
    "Date",
]


def write_goatcounter(path: Path, rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, GOAT_HEADER, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8"))


# -- expected figures -----------------------------------------------------------


def expected_from_views(
    views: list[tuple[object, datetime, int | None, bool]],
) -> dict[str, object]:
    """SPEC §10 over (visitor, time, phase or None, is a document view) tuples."""
    by_visitor: dict[object, list[tuple[datetime, int | None]]] = defaultdict(list)
    pageviews = [0] * len(PHASES)
    for visitor, when, phase, _is_doc in views:
        by_visitor[visitor].append((when, phase))
        if phase is not None:
            pageviews[phase] += 1
    visits = [0] * len(PHASES)
    entries = [0] * len(PHASES)
    exits = [0] * len(PHASES)
    flows = [0] * (len(PHASES) - 1)
    for items in by_visitor.values():
        items.sort(key=lambda i: i[0])
        sessions: list[list[int | None]] = []
        last = None
        for when, phase in items:
            if last is None or (when - last).total_seconds() >= GAP:
                sessions.append([])
            sessions[-1].append(phase)
            last = when
        for session in sessions:
            seq = [p for p in session if p is not None]
            if not seq:
                continue
            for p in set(seq):
                visits[p] += 1
            entries[seq[0]] += 1
            exits[seq[-1]] += 1
            for i in range(len(PHASES) - 1):
                firsts = [k for k, p in enumerate(seq) if p == i]
                if firsts and any(p == i + 1 for p in seq[firsts[0] + 1 :]):
                    flows[i] += 1
    return {
        "phases": [
            {
                "id": pid,
                "pageviews": pageviews[i],
                "visits": visits[i],
                "entries": entries[i],
                "exits": exits[i],
            }
            for i, pid in enumerate(PHASES)
        ],
        "flows": [
            {"from": PHASES[i], "to": PHASES[i + 1], "visits": n}
            for i, n in enumerate(flows)
        ],
    }


def expected_from_log(rows: list[Row]) -> dict[str, object]:
    views = []
    unmatched = 0
    for row in rows:
        if row.method != "GET" or row.bot or row.kind == "asset":
            continue
        if row.kind == "unmatched":
            unmatched += 1
            continue
        if not (200 <= row.status < 300 or row.status == 304):
            continue
        phase = DOCS[row.doc][1] if row.doc is not None else None
        views.append(((row.address, row.agent), row.time, phase, row.kind == "doc"))
    result = expected_from_views(views)
    result["unmatched_pageviews"] = unmatched
    return result


def expected_from_goat(
    rows: list[dict[str, str]], truth: list[Row]
) -> dict[str, object]:
    """The GoatCounter rows, judged by the generator's truth for each path."""
    phase_of_path = {}
    kind_of_path = {}
    for row in truth:
        key = row.path.split("?", 1)[0]
        kind_of_path[key] = row.kind
        phase_of_path[key] = DOCS[row.doc][1] if row.doc is not None else None
    views = []
    unmatched = 0
    for row in rows:
        if row["Event"] == "true" or row["Bot"] != "0":
            continue
        kind = kind_of_path[row["2Path"]]
        if kind == "unmatched":
            unmatched += 1
            continue
        when = datetime.strptime(row["Date"], "%Y-%m-%dT%H:%M:%SZ")
        views.append((row["Session"], when, phase_of_path[row["2Path"]], kind == "doc"))
    result = expected_from_views(views)
    result["unmatched_pageviews"] = unmatched
    return result


# -- per-page exports ------------------------------------------------------------


def per_page_numbers(seed: int = 3) -> list[dict[str, object]]:
    """Made-up per-page figures for every document, the home page and two
    paths the site does not have, over two days."""
    rng = random.Random(seed)
    rows = []
    targets = [(DOCS[i][2], DOCS[i][3], DOCS[i][1]) for i in range(len(DOCS))]
    for day in ("2026-03-02", "2026-03-03"):
        for slug, kind, phase in targets:
            if slug == "naaf" and day == "2026-03-03":
                continue
            pageviews = rng.randint(3, 60)
            visits = rng.randint(1, pageviews)
            rows.append(
                {
                    "date": day,
                    "slug": slug,
                    "kind": kind,
                    "phase": phase,
                    "pageviews": pageviews,
                    "visits": visits,
                    "visitors": max(1, visits - 1),
                    "entrances": rng.randint(0, visits),
                    "exits": rng.randint(0, visits),
                }
            )
        for path, kind in (
            ("/", "home"),
            ("/oude-pagina.html", "unmatched"),
            ("/winkel/", "unmatched"),
        ):
            pageviews = rng.randint(1, 30)
            rows.append(
                {
                    "date": day,
                    "path": path,
                    "kind": kind,
                    "phase": None,
                    "pageviews": pageviews,
                    "visits": pageviews,
                    "visitors": pageviews,
                    "entrances": 1,
                    "exits": 1,
                }
            )
    return rows


def expected_per_page(
    rows: list[dict[str, object]], visits_key: str
) -> dict[str, object]:
    figures = [
        {"id": pid, "pageviews": 0, "visits": 0, "entries": 0, "exits": 0}
        for pid in PHASES
    ]
    unmatched = 0
    for row in rows:
        if row["kind"] == "unmatched":
            unmatched += int(row["pageviews"])
        phase = row["phase"]
        if phase is None:
            continue
        figures[phase]["pageviews"] += row["pageviews"]
        figures[phase]["visits"] += row[visits_key]
        figures[phase]["entries"] += row["entrances"]
        figures[phase]["exits"] += row["exits"]
    return {"phases": figures, "flows": [], "unmatched_pageviews": unmatched}


def _path(row: dict[str, object], folder_urls: bool = False) -> str:
    if "path" in row:
        return str(row["path"])
    return "/" + doc_path(str(row["slug"]), str(row["kind"]), folder_urls)


def write_plausible_zip(path: Path, rows: list[dict[str, object]]) -> None:
    """Plausible's export: a zip of imported_<table>_<start>_<end>.csv files."""
    span = "20260302_20260303"
    pages = [
        "date,hostname,page,visits,visitors,pageviews,scroll_depth,pageleave_visitors"
    ]
    entries = ["date,entry_page,visitors,entrances,visit_duration,bounces,pageviews"]
    exits = ["date,exit_page,visitors,visit_duration,exits,bounces,pageviews"]
    for row in rows:
        p = _path(row)
        pages.append(
            f"{row['date']},despaak.example,{p},{row['visits']},{row['visitors']},"
            f"{row['pageviews']},,{row['visitors']}"
        )
        entries.append(
            f"{row['date']},{p},{row['visitors']},{row['entrances']},120,1,4"
        )
        exits.append(f"{row['date']},{p},{row['visitors']},60,{row['exits']},1,4")
    visitors = (
        "date,visitors,pageviews,bounces,visits,visit_duration\n2026-03-02,1,1,1,1,1\n"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"imported_pages_{span}.csv", "\n".join(pages) + "\n")
        archive.writestr(f"imported_entry_pages_{span}.csv", "\n".join(entries) + "\n")
        archive.writestr(f"imported_exit_pages_{span}.csv", "\n".join(exits) + "\n")
        archive.writestr(f"imported_visitors_{span}.csv", visitors)


def write_matomo(path: Path, rows: list[dict[str, object]], host: str) -> None:
    """Matomo's flat Actions.getPageUrls CSV: UTF-16 with a byte-order mark."""
    header = [
        "label",
        "nb_visits",
        "nb_hits",
        "sum_time_spent",
        "entry_nb_visits",
        "entry_nb_actions",
        "entry_sum_visit_length",
        "entry_bounce_count",
        "exit_nb_visits",
        "avg_time_on_page",
        "bounce_rate",
        "exit_rate",
        "url",
    ]
    summed: dict[str, dict[str, int]] = {}
    for row in rows:
        p = _path(row)
        into = summed.setdefault(p, {"v": 0, "h": 0, "e": 0, "x": 0})
        into["v"] += int(row["visits"])
        into["h"] += int(row["pageviews"])
        into["e"] += int(row["entrances"])
        into["x"] += int(row["exits"])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for p, n in summed.items():
        label = "/index" if p == "/" else p.lstrip("/") or "/index"
        writer.writerow(
            [
                label,
                n["v"],
                n["h"],
                100,
                n["e"],
                5,
                300,
                1,
                n["x"],
                20,
                "10%",
                "5%",
                host + p,
            ]
        )
    path.write_text(buffer.getvalue(), encoding="utf-16")
