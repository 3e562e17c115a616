"""Benchmark: streaming a large access log (SPEC §10, issue #15).

``python benchmarks/analytics_log.py [--size-mb 1024] [--keep]``

Writes a Combined Log Format access log of about ``--size-mb`` MiB into a
temporary folder (seeded, deterministic: 60,000 visitors on a 300-page site
over 30 days, with bots, assets, 404s and query strings), then reads it with
the plugin's analytics reader in a fresh child process and prints the child's
peak memory (``ru_maxrss``), its CPU time and the rate in lines per second.
The budget: peak memory under 200 MiB for a 1 GB log (the log is streamed,
never held in memory).

The reader is loaded from this working tree (``plugins/journey``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PHASES = [
    "awareness",
    "consideration",
    "decision",
    "purchase",
    "experience",
    "aftercare",
]
PAGES = 300
BUDGET_MIB = 200
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
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
]


def page_urls() -> list[str]:
    return [f"pages/page-{i:03d}.html" for i in range(PAGES)]


def generate(path: Path, size_mb: int) -> int:
    """Write the log; return its number of lines."""
    rng = random.Random(15)
    urls = page_urls()
    extras = [
        "/",
        "/theme/css/style.css",
        "/images/photo.jpg",
        "/favicon.ico",
        "/old-page.html",
        "/archives.html",
    ]
    start = datetime(2026, 9, 1, tzinfo=UTC)
    limit = size_mb * 1024 * 1024
    written = lines = 0
    seconds = 0
    stamp_of: dict[int, str] = {}
    address_of: dict[int, str] = {}
    with path.open("w", encoding="utf-8", buffering=1 << 20) as out:
        while written < limit:
            chunk = []
            for _ in range(10000):
                seconds += rng.randint(0, 1)
                visitor = rng.randrange(60000)
                address = address_of.get(visitor)
                if address is None:
                    address = (
                        f"10.{visitor >> 16}.{(visitor >> 8) & 255}.{visitor & 255}"
                    )
                    address_of[visitor] = address
                agent = AGENTS[visitor % len(AGENTS)]
                if rng.random() < 0.7:
                    target = "/" + urls[(visitor + seconds // 600) % PAGES]
                    if rng.random() < 0.1:
                        target += "?utm_source=news"
                else:
                    target = rng.choice(extras)
                status = 404 if target == "/old-page.html" else 200
                stamp = stamp_of.get(seconds)
                if stamp is None:
                    stamp_of.clear()
                    stamp = (start + timedelta(seconds=seconds)).strftime(
                        "%d/%b/%Y:%H:%M:%S +0000"
                    )
                    stamp_of[seconds] = stamp
                chunk.append(
                    f'{address} - - [{stamp}] "GET {target} HTTP/1.1" {status} 5120 '
                    f'"https://www.example.org/" "{agent}"\n'
                )
            text = "".join(chunk)
            out.write(text)
            written += len(text)
            lines += len(chunk)
    return lines


def child(path: Path) -> None:
    """Read the log with the plugin's reader; print figures as JSON."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from journey.analytics.load import load_analytics
    from journey.analytics.matching import Matcher, Target

    urls = page_urls()
    pages = {u: Target(u, i * len(PHASES) // PAGES) for i, u in enumerate(urls)}
    matcher = Matcher(pages, ["index.html", "archives.html"])
    before = time.process_time()
    wall = time.perf_counter()
    result = load_analytics(path, matcher, PHASES)
    cpu = time.process_time() - before
    elapsed = time.perf_counter() - wall
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "cpu": cpu,
                "wall": elapsed,
                "peak_mib": peak_kib / 1024,
                "visits": sum(p.visits for p in result.phases),
                "pageviews": sum(p.pageviews for p in result.phases),
                "unmatched": result.unmatched_pageviews,
            }
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    folder = Path(tempfile.mkdtemp(prefix="journey-log-"))
    try:
        log = folder / "access.log"
        began = time.perf_counter()
        lines = generate(log, args.size_mb)
        size = log.stat().st_size
        print(
            f"wrote {log}: {size / 2**20:,.0f} MiB, {lines:,} lines "
            f"in {time.perf_counter() - began:.0f} s"
        )
        done = subprocess.run(
            [sys.executable, __file__, "--child", str(log)],
            check=True,
            capture_output=True,
            text=True,
        )
        figures = json.loads(done.stdout)
        rate = lines / figures["cpu"]
        print(
            f"read in {figures['wall']:.1f} s wall, {figures['cpu']:.1f} s CPU: "
            f"{rate:,.0f} lines/s ({figures['cpu'] / lines * 1e6:.2f} µs/line, "
            f"{figures['cpu'] / (lines / 1e6):.1f} s per million lines)"
        )
        print(
            f"peak memory of the reading process: {figures['peak_mib']:.1f} MiB "
            f"(budget {BUDGET_MIB} MiB)"
        )
        print(
            f"counted: {figures['pageviews']:,} page views in phases, "
            f"{figures['visits']:,} phase visits, {figures['unmatched']:,} unmatched"
        )
        return 0 if figures["peak_mib"] < BUDGET_MIB else 1
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
