"""The bot filter answers exactly as crawler-user-agents' own ``is_crawler``.

``analytics/bots.py`` reads the package's pattern file itself (so a build does
not keep the whole JSON file in memory); these tests hold it to the package's
answers on every example user agent the list ships, and on browsers.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import crawleruseragents

from pelican.plugins.journey.analytics.bots import _patterns, is_bot

BROWSERS = [
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
    ),
    (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
        "Gecko) Chrome/126.0.0.0 Safari/537.36"
    ),
]


def _examples() -> list[str]:
    data = Path(crawleruseragents.__file__).with_name("crawler-user-agents.json")
    entries = json.loads(data.read_text(encoding="utf-8"))
    return [agent for entry in entries for agent in entry.get("instances", [])]


def test_same_answers_as_the_package() -> None:
    agents = [*_examples(), *BROWSERS, "curl/8.5.0", "Wget/1.21", "python-requests/2"]
    assert len(agents) > 1000
    differ = [a for a in agents if is_bot(a) != crawleruseragents.is_crawler(a)]
    assert differ == []
    assert not any(is_bot(b) for b in BROWSERS)
    assert is_bot("-") and is_bot("  ")
    # every pattern of the list is asked, as plain text or as a regex
    plain, regexes = _patterns()
    alternatives = sum(len(r.pattern.split("|")) for r in regexes)
    assert len(plain) + alternatives >= len(crawleruseragents.CRAWLER_USER_AGENTS_DATA)


def test_asking_does_not_import_the_package() -> None:
    code = (
        "import sys\n"
        "from pelican.plugins.journey.analytics.bots import _patterns, is_bot\n"
        "assert is_bot(sys.argv[1])\n"
        "print('crawleruseragents' in sys.modules)\n"
    )
    agent = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
    out = subprocess.run(
        [sys.executable, "-c", code, agent], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"
