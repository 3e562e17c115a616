"""Write ``analytics/access.log``: a small, made-up access log for the example site.

Run from the repository root after changing the example content:

    python analytics/make_sample.py

It reads the example site the way ``pelican-journey funnel`` does (Pelican's
readers, nothing written), then makes four weeks of visits in nginx's
``combined`` format: people entering early in the journey and going on phase
by phase, some leaving on the way, plus the noise a real log has (the home
page, CSS and images, a crawler, an old link that is now a 404). Addresses
are from the documentation ranges (192.0.2.0/24, 198.51.100.0/24,
203.0.113.0/24, 2001:db8::/32): nobody real is in it. Every published page
with a phase gets at least one view, so the example's strict build
(``publishconf.py``) stays free of ``unvisited`` findings.
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "analytics" / "access.log"
SEED = 2026
VISITS = 180
AGENTS = [
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
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
CRAWLER = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
# How likely a visit goes on from each phase to the next one.
ONWARD = [0.78, 0.72, 0.68, 0.7, 0.62]


def pages_by_phase() -> list[list[str]]:
    """Site-relative URLs of the published pages of each phase, in model order."""
    from pelican.plugins.journey.cli.funnel import read_index
    from pelican.plugins.journey.cli.runner import read_site_settings
    from pelican.plugins.journey.model.settings import load_config
    from pelican.plugins.journey.rules import REGISTRY

    settings = read_site_settings(ROOT / "pelicanconf.py")
    config = load_config(settings, ROOT, rules=REGISTRY)
    index = read_index(settings, config)
    phases: list[list[str]] = [[] for _ in config.model.phases]
    order = {p.id: i for i, p in enumerate(config.model.phases)}
    for doc in index.documents:
        if doc.status == "published" and doc.phase is not None and doc.url:
            phases[order[doc.phase.id]].append(doc.url)
    return [sorted(urls) for urls in phases]


def line(address: str, when: datetime, path: str, status: int, agent: str) -> str:
    stamp = when.strftime("%d/%b/%Y:%H:%M:%S +0000")
    size = 5120 if status == 200 else 0
    referer = "https://www.google.com/" if status == 200 else "-"
    return (
        f'{address} - - [{stamp}] "GET /{path.lstrip("/")} HTTP/1.1" {status} '
        f'{size} "{referer}" "{agent}"'
    )


def main() -> int:
    rng = random.Random(SEED)
    phases = pages_by_phase()
    start = datetime(2026, 10, 5, 7, 0, tzinfo=UTC)
    events: list[tuple[datetime, str]] = []
    unseen = [url for urls in phases for url in urls]
    for number in range(VISITS):
        if number % 7 == 0:
            address = f"2001:db8:5a::{number + 1:x}"
        else:
            network = rng.choice(["192.0.2", "198.51.100", "203.0.113"])
            address = f"{network}.{number % 250 + 1}"
        agent = AGENTS[number % len(AGENTS)]
        when = start + timedelta(minutes=rng.randint(0, 28 * 24 * 60))
        phase = rng.choices(range(len(phases)), weights=[6, 4, 2, 1, 1, 1])[0]
        events.append(
            (when, line(address, when, "theme/css/klantreis.css", 200, agent))
        )
        if rng.random() < 0.3:
            events.append((when, line(address, when, "/", 200, agent)))
            when += timedelta(seconds=rng.randint(10, 90))
        while True:
            urls = phases[phase]
            for _ in range(rng.choice([1, 1, 2])):
                url = (
                    unseen.pop() if unseen and rng.random() < 0.5 else rng.choice(urls)
                )
                if url not in urls:
                    url = rng.choice(urls)
                events.append((when, line(address, when, url, 200, agent)))
                when += timedelta(seconds=rng.randint(20, 240))
            if phase >= len(phases) - 1 or rng.random() > ONWARD[phase]:
                break
            phase += 1
    for url in unseen:  # any page the walk missed: one visitor from a search
        when = start + timedelta(days=27, minutes=len(events) % 600)
        events.append((when, line("203.0.113.250", when, url, 200, AGENTS[0])))
    for day in range(0, 28, 3):  # a crawler, left out of the figures
        when = start + timedelta(days=day, hours=3)
        for url in [u for urls in phases for u in urls][:5]:
            events.append((when, line("198.51.100.77", when, url, 200, CRAWLER)))
    for day in range(0, 28, 4):  # an old link: worth a redirect
        when = start + timedelta(days=day, hours=12)
        events.append(
            (when, line("192.0.2.200", when, "/tarieven.html", 404, AGENTS[1]))
        )
    events.sort(key=lambda e: e[0])
    OUT.write_text("\n".join(text for _, text in events) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(events)} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
