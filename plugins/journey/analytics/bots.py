"""Is a user agent a bot? Asked of the maintained crawler-user-agents list.

The ``crawler-user-agents`` package (MIT, github.com/monperrus/crawler-user-agents)
keeps ~1,500 patterns of crawlers, scrapers, monitors and HTTP libraries up
to date. A log repeats the same few user agents, so answers are cached.

Importing the package keeps its whole JSON file (every pattern with example
user agents and URLs, ~1.4 MiB of Python objects) for the rest of the build;
this module reads the same file once, keeps only the compiled patterns and
asks them exactly as the package's ``is_crawler`` does (case-sensitive, in
chunks of 25: one regular expression of 1,500 alternatives is slower).
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
from pathlib import Path

CHUNK_SIZE = 25  # as crawleruseragents.CHUNK_SIZE


@functools.cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    spec = importlib.util.find_spec("crawleruseragents")
    if spec is None or spec.origin is None:  # pragma: no cover - a dependency
        raise ModuleNotFoundError("crawleruseragents")
    data = Path(spec.origin).with_name("crawler-user-agents.json")
    with data.open(encoding="utf-8") as file:
        patterns = [entry["pattern"] for entry in json.load(file)]
    return tuple(
        re.compile("|".join(patterns[i : i + CHUNK_SIZE]))
        for i in range(0, len(patterns), CHUNK_SIZE)
    )


@functools.lru_cache(maxsize=16384)
def is_bot(user_agent: str) -> bool:
    """Whether the user agent is a crawler; an empty one (``-``) counts as one."""
    agent = user_agent.strip()
    if not agent or agent == "-":
        return True
    return any(pattern.search(agent) for pattern in _patterns())
